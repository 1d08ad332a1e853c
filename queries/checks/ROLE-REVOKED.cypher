// id: ROLE-REVOKED
// title: Jabatan masih memakai sebutan peran yang telah dicabut
// severity: pelanggaran
// groups: [jabatan]
// subject: Jabatan
// params: [revoked_titles]
// message: "Jabatan {subjek} masih bernama \"{nama}\", memuat sebutan peran yang telah dicabut ({sebutan})."
// description: >
//   Roles the regulation revoked (e.g. Koordinator and Sub Koordinator of the
//   old kelompok substansi) still appear in a position's name.
MATCH (j:Jabatan {muatan: $muatan})
WITH j, [t IN $revoked_titles WHERE toLower(j.nama) CONTAINS toLower(t)] AS sebutan
WHERE size(sebutan) > 0
RETURN j.kode AS subjek, j.nama AS nama, sebutan
ORDER BY subjek
