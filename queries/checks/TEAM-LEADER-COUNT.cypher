// id: TEAM-LEADER-COUNT
// title: Jumlah ketua tim tidak sesuai
// severity: pelanggaran
// groups: [tim]
// subject: TimKerja
// params: [leader_min, leader_max]
// message: "Tim {subjek} ({nama}) memiliki {jumlah} ketua; yang diperbolehkan {minimum} sampai {maksimum}."
// description: >
//   A team has between leader_min and leader_max leaders: no leader where the
//   regulation requires one, or more than one.
MATCH (t:TimKerja {muatan: $muatan})
WITH t, COUNT { (:Pegawai)-[:MEMBER_OF {peran: 'ketua'}]->(t) } AS jumlah
WHERE jumlah < $leader_min OR jumlah > $leader_max
RETURN t.kode AS subjek, t.nama AS nama, jumlah, $leader_min AS minimum, $leader_max AS maksimum
ORDER BY subjek
