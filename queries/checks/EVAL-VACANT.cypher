// id: EVAL-VACANT
// title: Pejabat penilai kinerja kosong (tanpa pejabat definitif maupun Plt)
// severity: pelanggaran
// groups: [penilai]
// subject: Jabatan
// params: []
// message: "Jabatan {subjek} ({nama}) dinilai oleh jabatan {penilai} ({nama_penilai}) yang tidak diduduki pejabat definitif maupun Plt."
// description: >
//   The evaluator's position of a filled position has neither a holder nor an
//   acting official (Plt/Plh), so nobody can rate the holder.
MATCH (j:Jabatan {muatan: $muatan})-[:PENILAI]->(p:Jabatan)
WHERE EXISTS { ()-[:MENDUDUKI]->(j) }
  AND NOT EXISTS { ()-[:MENDUDUKI|PLT]->(p) }
RETURN j.kode AS subjek, j.nama AS nama, p.kode AS penilai, p.nama AS nama_penilai
ORDER BY subjek
