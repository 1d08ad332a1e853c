// id: TEAM-CROSS-AGENCY
// title: Anggota lintas instansi tanpa SK yang disyaratkan
// severity: pelanggaran
// groups: [tim]
// subject: TimKerja
// params: [cross_agency_sk_issuers]
// message: "Tim {subjek} ({nama}) beranggotakan pegawai dari instansi lain ({anggota}) tanpa SK dari pejabat yang berwenang untuk penugasan lintas instansi."
// description: >
//   Members from another agency (pegawai.instansi_asal) need a team SK issued
//   by a position of the kinds the regulation names for cross-agency work, or
//   by the Sekda where the profile names the role `sekretaris_daerah` (the head
//   of the sekretariat_daerah unit: a JPT Pratama, whom the kind alone cannot
//   tell from a Kepala Dinas).
MATCH (t:TimKerja {muatan: $muatan})<-[:MEMBER_OF]-(p:Pegawai)
WHERE p.instansi_asal IS NOT NULL AND p.instansi_asal <> $instansi
WITH t, collect(p.nip) AS anggota
OPTIONAL MATCH (t)-[:DITETAPKAN_OLEH]->(s:Jabatan)
WITH t, anggota, s
WHERE t.sk_nomor IS NULL OR s IS NULL
   OR NOT (s.jenis IN $cross_agency_sk_issuers
           OR ('sekretaris_daerah' IN $cross_agency_sk_issuers
               AND EXISTS { (s)-[:DI_UNIT]->(sd:UnitOrganisasi {jenis: 'sekretariat_daerah'})
                            WHERE NOT EXISTS { (s)-[:ATASAN_LANGSUNG]->(:Jabatan)-[:DI_UNIT]->(sd) } }))
RETURN t.kode AS subjek, t.nama AS nama, anggota
ORDER BY subjek
