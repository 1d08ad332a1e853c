// id: ATASAN-CYCLE
// title: Rantai atasan langsung berputar
// severity: pelanggaran
// groups: [atasan]
// subject: Jabatan
// params: []
// message: "Rantai atasan langsung dari jabatan {subjek} ({nama}) kembali ke jabatan itu sendiri setelah {panjang} langkah."
// description: >
//   Following ATASAN_LANGSUNG upwards from the position comes back to it, so
//   the chain never reaches the kepala daerah. Each position on the loop is
//   reported.
MATCH (j:Jabatan {muatan: $muatan})
MATCH p = (j)-[:ATASAN_LANGSUNG*1..]->(j)
WITH j, min(length(p)) AS panjang
RETURN j.kode AS subjek, j.nama AS nama, panjang
ORDER BY subjek
