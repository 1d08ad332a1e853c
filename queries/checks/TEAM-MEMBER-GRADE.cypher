// id: TEAM-MEMBER-GRADE
// title: Anggota tim bukan pejabat fungsional atau pelaksana
// severity: peringatan
// groups: [tim]
// subject: TimKerja
// params: [member_kinds, member_dasar]
// message: "Tim {subjek} ({nama}) beranggotakan {anggota} yang menduduki jabatan {jenis} ({jabatan}), padahal anggota tim menurut aturan adalah {boleh}."
// description: >
//   A tim kerja is made of the kinds the regulation names (most: "terdiri dari
//   kelompok Jabatan Fungsional dan pelaksana"; profile teams.member_kinds): an
//   anggota (not the ketua, whom TEAM-LEADER-GRADE judges) who holds a
//   position of another kind, such as a Kepala Bidang, is reported once per
//   membership. Officials with no position here (lent by another agency) are
//   TEAM-SCOPE's and TEAM-CROSS-AGENCY's to judge.
MATCH (t:TimKerja {muatan: $muatan})<-[:MEMBER_OF {peran: 'anggota'}]-(p:Pegawai)-[:MENDUDUKI]->(j:Jabatan)
WHERE NOT j.jenis IN $member_kinds
RETURN t.kode AS subjek, t.nama AS nama, p.nip AS anggota, j.kode AS jabatan, j.jenis AS jenis, $member_kinds AS boleh,
       $member_dasar AS dasar
ORDER BY subjek, anggota
