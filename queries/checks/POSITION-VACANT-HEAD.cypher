// id: POSITION-VACANT-HEAD
// title: Pimpinan unit kosong tanpa pejabat definitif maupun Plt
// severity: peringatan
// groups: [jabatan]
// subject: Jabatan
// params: []
// message: "Jabatan pimpinan {subjek} ({nama}) pada unit {unit} ({nama_unit}) tidak diduduki pejabat definitif maupun Plt."
// description: >
//   The head position of a unit (its superior sits outside the unit) has no
//   holder and no acting official.
MATCH (h:Jabatan {muatan: $muatan})
WHERE NOT EXISTS { ()-[:MENDUDUKI|PLT]->(h) }
MATCH (h)-[:DI_UNIT]->(u:UnitOrganisasi)
OPTIONAL MATCH (h)-[:ATASAN_LANGSUNG]->(:Jabatan)-[:DI_UNIT]->(su:UnitOrganisasi)
WITH h, u, su
WHERE su IS NULL OR su <> u
RETURN h.kode AS subjek, h.nama AS nama, u.kode AS unit, u.nama AS nama_unit
ORDER BY subjek
