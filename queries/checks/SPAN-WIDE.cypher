// id: SPAN-WIDE
// title: Rentang kendali terlalu lebar
// severity: peringatan
// groups: [rentang]
// subject: Jabatan
// params: [span_max]
// message: "Jabatan {subjek} ({nama}) membawahi langsung {bawahan} jabatan, melebihi batas {batas}."
// description: >
//   More direct reports than the profile's upper threshold. Regulations
//   rarely give a number; the default is sikerja's and a profile may change it.
MATCH (j:Jabatan {muatan: $muatan})
WITH j, COUNT { ()-[:ATASAN_LANGSUNG]->(j) } AS bawahan
WHERE bawahan > $span_max
RETURN j.kode AS subjek, j.nama AS nama, bawahan, $span_max AS batas
ORDER BY subjek
