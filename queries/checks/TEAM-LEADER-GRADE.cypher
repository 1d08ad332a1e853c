// id: TEAM-LEADER-GRADE
// title: Ketua tim bukan dari jenis jabatan yang diperbolehkan
// severity: pelanggaran
// groups: [tim]
// subject: TimKerja
// params: [leader_kinds]
// message: "Tim {subjek} ({nama}) diketuai {ketua} ({nama_ketua}) yang menduduki jabatan {jabatan} berjenis {jenis}, bukan jenis yang boleh menjadi ketua tim."
// description: >
//   The team's leader (peran ketua) holds a position whose kind the profile
//   does not allow to lead teams (e.g. Metro: only JF or Pelaksana).
MATCH (t:TimKerja {muatan: $muatan})<-[:MEMBER_OF {peran: 'ketua'}]-(p:Pegawai)-[:MENDUDUKI]->(j:Jabatan)
WHERE NOT j.jenis IN $leader_kinds
RETURN t.kode AS subjek, t.nama AS nama, p.nip AS ketua, p.nama AS nama_ketua, j.kode AS jabatan, j.jenis AS jenis
ORDER BY subjek, ketua
