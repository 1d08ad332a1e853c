// Proposed: vacancy first (by degree, cheap and rare), then the head test from
// the position's own superior (at most one) instead of a NOT EXISTS the planner
// may solve from the unit's side.
MATCH (h:Jabatan {instansi: $instansi})
WHERE NOT EXISTS { ()-[:MENDUDUKI|PLT]->(h) }
MATCH (h)-[:DI_UNIT]->(u:UnitOrganisasi)
OPTIONAL MATCH (h)-[:ATASAN_LANGSUNG]->(:Jabatan)-[:DI_UNIT]->(su:UnitOrganisasi)
WITH h, u, su
WHERE su IS NULL OR su <> u
RETURN h.kode AS subjek, h.nama AS nama, u.kode AS unit, u.nama AS nama_unit
ORDER BY subjek
