// Every unit with its parent and permodelan (declared, or inferred by the loader from its name,
// kind and kelas: disimpulkan).
MATCH (u:UnitOrganisasi {muatan: $muatan})
OPTIONAL MATCH (u)-[:BAGIAN_DARI]->(p:UnitOrganisasi)
OPTIONAL MATCH (u)-[r:MENERAPKAN]->(m:Permodelan)
RETURN u.kode AS kode, u.nama AS nama, u.jenis AS jenis, p.kode AS induk, m.id AS permodelan,
       coalesce(r.disimpulkan, false) AS disimpulkan
ORDER BY kode
