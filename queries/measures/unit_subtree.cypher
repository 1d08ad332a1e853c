// The positions of a unit and of every unit below it, with superior,
// recorded evaluators and holders: the rows of the unit graph. Superiors and
// evaluators outside the subtree are returned by code and name so the graph
// can show them as outside nodes.
MATCH (root:UnitOrganisasi {muatan: $muatan, kode: $unit})
MATCH (u:UnitOrganisasi {muatan: $muatan})-[:BAGIAN_DARI*0..]->(root)
MATCH (j:Jabatan)-[:DI_UNIT]->(u)
OPTIONAL MATCH (j)-[:ATASAN_LANGSUNG]->(a:Jabatan)
RETURN j.kode AS kode, j.nama AS nama, j.jenis AS jenis, j.jenjang AS jenjang, u.kode AS unit,
       a.kode AS atasan, a.nama AS atasan_nama, a.jenis AS atasan_jenis,
       [(j)-[:PENILAI]->(p:Jabatan) | {kode: p.kode, nama: p.nama, jenis: p.jenis}] AS penilai,
       [(g:Pegawai)-[:MENDUDUKI]->(j) | g.nama] AS pemangku,
       [(g:Pegawai)-[:PLT]->(j) | g.nama] AS plt
ORDER BY kode
