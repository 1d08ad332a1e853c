// id: SPAN-NARROW
// title: Rentang kendali terlalu sempit
// severity: peringatan
// groups: [rentang]
// subject: Jabatan
// params: [span_min, structural]
// message: "Jabatan struktural {subjek} ({nama}) hanya membawahi langsung {bawahan} jabatan, kurang dari {batas}."
// description: >
//   A managerial (structural) position, other than the kepala daerah, with
//   fewer direct reports than the lower threshold: a layer that adds little.
MATCH (j:Jabatan {muatan: $muatan})
WHERE j.jenis IN $structural AND j.jenis <> 'kepala_daerah'
WITH j, COUNT { (:Jabatan)-[:ATASAN_LANGSUNG]->(j) } AS bawahan
WHERE bawahan < $span_min
RETURN j.kode AS subjek, j.nama AS nama, bawahan, $span_min AS batas
ORDER BY subjek
