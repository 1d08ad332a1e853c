// id: EVAL-MISSING
// title: Jabatan terisi tanpa pejabat penilai kinerja
// severity: pelanggaran
// groups: [penilai]
// subject: Jabatan
// params: []
// message: "Jabatan {subjek} ({nama}) diduduki pegawai tetapi tidak memiliki pejabat penilai kinerja."
// description: >
//   Every filled position except the kepala daerah needs a recorded performance
//   evaluator (PENILAI). A Plt alone does not make a position filled here.
MATCH (j:Jabatan {muatan: $muatan})
WHERE j.jenis <> 'kepala_daerah'
  AND EXISTS { ()-[:MENDUDUKI]->(j) }
  AND NOT EXISTS { (j)-[:PENILAI]->() }
RETURN j.kode AS subjek, j.nama AS nama
ORDER BY subjek
