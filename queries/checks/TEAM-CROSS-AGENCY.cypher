// id: TEAM-CROSS-AGENCY
// title: Anggota lintas instansi tanpa SK yang disyaratkan
// severity: pelanggaran
// subject: TimKerja
// params: [cross_agency_sk_issuers]
// message: "Tim {subjek} ({nama}) beranggotakan pegawai dari instansi lain ({anggota}) tanpa SK dari pejabat yang berwenang untuk penugasan lintas instansi."
// description: >
//   Members from another agency (pegawai.instansi_asal) need a team SK issued
//   by a position of the kinds the regulation names for cross-agency work
//   (e.g. the kepala daerah or the Sekda).
MATCH (t:TimKerja {muatan: $muatan})<-[:MEMBER_OF]-(p:Pegawai)
WHERE p.instansi_asal IS NOT NULL AND p.instansi_asal <> $instansi
WITH t, collect(p.nip) AS anggota
OPTIONAL MATCH (t)-[:DITETAPKAN_OLEH]->(s:Jabatan)
WITH t, anggota, s
WHERE t.sk_nomor IS NULL OR s IS NULL OR NOT s.jenis IN $cross_agency_sk_issuers
RETURN t.kode AS subjek, t.nama AS nama, anggota
ORDER BY subjek
