// id: TEAM-OWNER-MISSING
// title: Tim tanpa unit pemilik kinerja
// severity: pelanggaran
// groups: [tim]
// subject: TimKerja
// params: []
// message: "Tim {subjek} ({nama}) tidak memiliki unit pemilik kinerja."
// description: >
//   Every team's performance belongs to one unit (PEMILIK_KINERJA).
MATCH (t:TimKerja {muatan: $muatan})
WHERE NOT EXISTS { (t)-[:PEMILIK_KINERJA]->() }
RETURN t.kode AS subjek, t.nama AS nama
ORDER BY subjek
