// Officials counted by status and by the kind of position they hold
// (null = not placed), with how many of them also act (Plt/Plh) elsewhere.
MATCH (p:Pegawai {muatan: $muatan})
OPTIONAL MATCH (p)-[:MENDUDUKI]->(j:Jabatan)
RETURN j.jenis AS jenis, p.status AS status, count(*) AS pegawai,
       sum(CASE WHEN EXISTS { (p)-[:PLT]->(:Jabatan) } THEN 1 ELSE 0 END) AS plt
ORDER BY jenis, status
