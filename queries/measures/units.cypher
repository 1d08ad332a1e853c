// Every unit with its parent and declared permodelan.
MATCH (u:UnitOrganisasi {muatan: $muatan})
OPTIONAL MATCH (u)-[:BAGIAN_DARI]->(p:UnitOrganisasi)
OPTIONAL MATCH (u)-[:MENERAPKAN]->(m:Permodelan)
RETURN u.kode AS kode, u.nama AS nama, u.jenis AS jenis, p.kode AS induk, m.id AS permodelan
ORDER BY kode
