// id: TEAM-MEMBER-GRADE
// title: Anggota tim bukan pejabat fungsional atau pelaksana
// severity: peringatan
// groups: [tim]
// subject: TimKerja
// params: [member_kinds, member_dasar]
// message: "Tim {subjek} ({nama}) beranggotakan {anggota} yang menduduki jabatan {jenis} ({jabatan}); anggota tim kerja adalah pejabat fungsional dan pelaksana."
// description: >
//   A tim kerja "terdiri dari kelompok Jabatan Fungsional dan pelaksana": an
//   anggota (not the ketua, whom TEAM-LEADER-GRADE judges) who holds a
//   position of another kind, such as a Kepala Bidang, is reported once per
//   membership. Officials with no position here (lent by another agency) are
//   TEAM-SCOPE's and TEAM-CROSS-AGENCY's to judge.
MATCH (t:TimKerja {muatan: $muatan})<-[:MEMBER_OF {peran: 'anggota'}]-(p:Pegawai)-[:MENDUDUKI]->(j:Jabatan)
WHERE NOT j.jenis IN $member_kinds
RETURN t.kode AS subjek, t.nama AS nama, p.nip AS anggota, j.kode AS jabatan, j.jenis AS jenis,
       $member_dasar AS dasar
ORDER BY subjek, anggota
