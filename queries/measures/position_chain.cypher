// One position with its chain of superiors and its chain of evaluators up to
// the top (bounded, so a loop ends), and the positions directly under it or
// evaluated by it. One row per position; `edges` lists [from, to, type].
MATCH (j:Jabatan {muatan: $muatan, kode: $jabatan})
CALL (j) {
  RETURN j AS a, null AS b, null AS rel
  UNION
  MATCH path = (j)-[:ATASAN_LANGSUNG*1..30]->(:Jabatan)
  UNWIND relationships(path) AS r
  RETURN startNode(r) AS a, endNode(r) AS b, 'ATASAN_LANGSUNG' AS rel
  UNION
  MATCH path = (j)-[:PENILAI*1..30]->(:Jabatan)
  UNWIND relationships(path) AS r
  RETURN startNode(r) AS a, endNode(r) AS b, 'PENILAI' AS rel
  UNION
  MATCH (x:Jabatan)-[r:ATASAN_LANGSUNG|PENILAI]->(j)
  RETURN x AS a, j AS b, type(r) AS rel
}
WITH collect(DISTINCT CASE WHEN b IS NOT NULL THEN [a.kode, b.kode, rel] END) AS edges,
     collect(DISTINCT a) + collect(DISTINCT b) AS found
UNWIND found AS n
WITH DISTINCT n, edges
OPTIONAL MATCH (n)-[:DI_UNIT]->(u:UnitOrganisasi)
RETURN n.kode AS kode, n.nama AS nama, n.jenis AS jenis, n.jenjang AS jenjang, u.kode AS unit, u.nama AS unit_nama,
       [(g:Pegawai)-[:MENDUDUKI]->(n) | g.nama] AS pemangku,
       [(g:Pegawai)-[:PLT]->(n) | g.nama] AS plt,
       edges
ORDER BY kode
