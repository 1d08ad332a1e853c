// id: EVAL-MULTIPLE
// title: Jabatan dengan lebih dari satu pejabat penilai kinerja
// severity: pelanggaran
// groups: [penilai]
// subject: Jabatan
// params: []
// message: "Jabatan {subjek} ({nama}) memiliki {jumlah} pejabat penilai kinerja: {penilai}."
// description: >
//   A position has exactly one performance evaluator; two recorded evaluators
//   leave it unclear whose rating counts.
MATCH (j:Jabatan {muatan: $muatan})
WHERE COUNT { (j)-[:PENILAI]->() } > 1
MATCH (j)-[:PENILAI]->(p:Jabatan)
WITH j, collect(p.kode) AS penilai
RETURN j.kode AS subjek, j.nama AS nama, size(penilai) AS jumlah, penilai
ORDER BY subjek
