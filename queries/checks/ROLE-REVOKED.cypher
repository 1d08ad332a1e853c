// id: ROLE-REVOKED
// title: Jabatan masih memakai sebutan peran yang telah dicabut
// severity: pelanggaran
// groups: [jabatan]
// subject: Jabatan
// params: [revoked_titles, revoked_in]
// message: "Jabatan {subjek} masih bernama \"{nama}\", memuat sebutan peran yang telah dicabut ({sebutan})."
// description: >
//   Roles the regulation revoked (e.g. Koordinator and Sub Koordinator of the
//   old kelompok substansi) still appear in a position's name; where the
//   regulation revokes them only in the units it lists (profile `revoked_in`),
//   only positions in those units and below.
MATCH (j:Jabatan {muatan: $muatan})
WITH j, [t IN $revoked_titles WHERE toLower(j.nama) CONTAINS toLower(t)] AS sebutan
WHERE size(sebutan) > 0
  AND ($revoked_in IS NULL
       OR EXISTS { (j)-[:DI_UNIT]->(:UnitOrganisasi)-[:BAGIAN_DARI*0..]->(x:UnitOrganisasi)
                   WHERE x.nama IN $revoked_in.unit_names OR x.jenis IN $revoked_in.unit_kinds })
RETURN j.kode AS subjek, j.nama AS nama, sebutan
ORDER BY subjek
