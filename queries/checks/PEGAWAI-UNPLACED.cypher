// id: PEGAWAI-UNPLACED
// title: Pegawai tanpa jabatan
// severity: peringatan
// groups: [jabatan]
// subject: Pegawai
// params: []
// message: "Pegawai {subjek} ({nama}) tidak menduduki jabatan apa pun, definitif maupun Plt."
// description: >
//   An official of this agency with no position (members lent by another
//   agency, with instansi_asal set, are not expected to hold one here).
MATCH (p:Pegawai {muatan: $muatan})
WHERE (p.instansi_asal IS NULL OR p.instansi_asal = $instansi)
  AND NOT EXISTS { (p)-[:MENDUDUKI|PLT]->() }
RETURN p.nip AS subjek, p.nama AS nama
ORDER BY subjek
