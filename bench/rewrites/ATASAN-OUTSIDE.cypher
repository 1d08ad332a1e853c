// Proposed: the superior's unit once per superior (a superior's relationships
// are many and not grouped by type, so each visit reads them all), and the
// unit tree walked only when the two units differ.
MATCH (s:Jabatan {instansi: $instansi})<-[:ATASAN_LANGSUNG]-(j:Jabatan)
WITH s, collect(j) AS reports
MATCH (s)-[:DI_UNIT]->(su:UnitOrganisasi)
UNWIND reports AS j
MATCH (j)-[:DI_UNIT]->(u:UnitOrganisasi)
WITH j, s, u, su
WHERE u <> su AND NOT EXISTS { (u)-[:BAGIAN_DARI*1..]->(su) }
RETURN j.kode AS subjek, j.nama AS nama, u.kode AS unit, s.kode AS atasan, su.kode AS unit_atasan
ORDER BY subjek
