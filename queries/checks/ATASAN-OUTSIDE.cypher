// id: ATASAN-OUTSIDE
// title: Atasan langsung di luar unit dan unit induknya
// severity: peringatan
// groups: [atasan]
// subject: Jabatan
// params: []
// message: "Atasan langsung jabatan {subjek} ({nama}, unit {unit}) adalah {atasan} di unit {unit_atasan}, di luar unit itu dan unit induknya."
// description: >
//   A position's direct superior sits in its own unit or in one of that
//   unit's ancestors; a superior elsewhere crosses the organisation chart.
MATCH (s:Jabatan {muatan: $muatan})<-[:ATASAN_LANGSUNG]-(j:Jabatan)
WITH s, collect(j) AS reports
MATCH (s)-[:DI_UNIT]->(su:UnitOrganisasi)
UNWIND reports AS j
MATCH (j)-[:DI_UNIT]->(u:UnitOrganisasi)
WITH j, s, u, su
WHERE u <> su AND NOT EXISTS { (u)-[:BAGIAN_DARI*1..]->(su) }
RETURN j.kode AS subjek, j.nama AS nama, u.kode AS unit, s.kode AS atasan, su.kode AS unit_atasan
ORDER BY subjek
