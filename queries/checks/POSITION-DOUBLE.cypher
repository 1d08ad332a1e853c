// id: POSITION-DOUBLE
// title: Satu jabatan diduduki lebih dari satu pegawai
// severity: pelanggaran
// subject: Jabatan
// params: []
// message: "Jabatan {subjek} ({nama}) diduduki {jumlah} pegawai sekaligus: {pegawai}."
// description: >
//   One row of jabatan.csv is one position slot; two definitive holders of
//   one slot mean a missing slot or a stale placement.
MATCH (p:Pegawai)-[:MENDUDUKI]->(j:Jabatan {instansi: $instansi})
WITH j, collect(p.nip) AS pegawai
WHERE size(pegawai) > 1
RETURN j.kode AS subjek, j.nama AS nama, size(pegawai) AS jumlah, pegawai
ORDER BY subjek
