// id: ATASAN-MISSING
// title: Jabatan tanpa atasan langsung
// severity: pelanggaran
// groups: [atasan]
// subject: Jabatan
// params: []
// message: "Jabatan {subjek} ({nama}) tidak memiliki atasan langsung."
// description: >
//   Every position except the kepala daerah sits under a direct superior.
MATCH (j:Jabatan {muatan: $muatan})
WHERE j.jenis <> 'kepala_daerah'
  AND NOT EXISTS { (j)-[:ATASAN_LANGSUNG]->() }
RETURN j.kode AS subjek, j.nama AS nama
ORDER BY subjek
