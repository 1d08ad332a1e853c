// id: POSITION-DOUBLE
// title: Satu jabatan diduduki lebih dari satu pegawai
// severity: pelanggaran
// groups: [jabatan]
// subject: Jabatan
// params: []
// message: "Jabatan {subjek} ({nama}) diduduki {jumlah} pegawai sekaligus: {pegawai}."
// description: >
//   One row of jabatan.csv is one position slot; two definitive holders of
//   one slot mean a missing slot or a stale placement.
MATCH (j:Jabatan {muatan: $muatan})
WHERE COUNT { ()-[:MENDUDUKI]->(j) } > 1
MATCH (p:Pegawai)-[:MENDUDUKI]->(j)
WITH j, collect(p.nip) AS pegawai
RETURN j.kode AS subjek, j.nama AS nama, size(pegawai) AS jumlah, pegawai
ORDER BY subjek
