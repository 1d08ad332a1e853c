// Every position with its superior, unit, holders and how many filled
// positions it evaluates: the raw rows for span and layer measures.
MATCH (j:Jabatan {muatan: $muatan})
OPTIONAL MATCH (j)-[:DI_UNIT]->(u:UnitOrganisasi)
OPTIONAL MATCH (j)-[:ATASAN_LANGSUNG]->(a:Jabatan)
RETURN j.kode AS kode, j.nama AS nama, j.jenis AS jenis, j.jenjang AS jenjang, u.kode AS unit,
       a.kode AS atasan,
       COUNT { (:Pegawai)-[:MENDUDUKI]->(j) } AS pemangku,
       COUNT { (:Pegawai)-[:PLT]->(j) } AS plt,
       COUNT { (x:Jabatan)-[:PENILAI]->(j) WHERE EXISTS { (:Pegawai)-[:MENDUDUKI]->(x) } } AS dinilai
ORDER BY kode
