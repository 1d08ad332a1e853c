// id: TEAM-DURATION
// title: Masa tim atau masa jabatan ketua melebihi batas
// severity: peringatan
// groups: [tim]
// subject: TimKerja
// params: [team_months_max, leader_months_max]
// message:
//   tim: "Tim {subjek} ({nama}) berlangsung dari {mulai} s.d. {selesai}, lebih lama dari batas {batas} bulan."
//   tim_terbuka: "Tim {subjek} ({nama}) tidak memiliki tanggal selesai, padahal masa tim dibatasi {batas} bulan."
//   ketua: "Ketua tim {subjek} ({nama}), {ketua}, menjabat dari {mulai} s.d. {selesai}, lebih lama dari batas {batas} bulan."
// description: >
//   Only where the profile sets a limit: a team's period (mulai to selesai)
//   or a leader's term (the ketua membership's period) longer than it,
//   compared as dates (2024-01-01 to 2025-01-15 is more than 12 months,
//   though whole months count only 12), or a team with no end date under a
//   limit.
MATCH (t:TimKerja {muatan: $muatan})
WHERE $team_months_max IS NOT NULL AND t.mulai IS NOT NULL
WITH t, CASE WHEN t.selesai IS NULL THEN null
             ELSE duration.inMonths(date(t.mulai), date(t.selesai)).months END AS bulan
WHERE bulan IS NULL OR date(t.selesai) > date(t.mulai) + duration({months: $team_months_max})
RETURN t.kode AS subjek, t.nama AS nama, CASE WHEN bulan IS NULL THEN 'tim_terbuka' ELSE 'tim' END AS sebab,
       bulan, t.mulai AS mulai, t.selesai AS selesai, $team_months_max AS batas, null AS ketua
UNION ALL
MATCH (t:TimKerja {muatan: $muatan})<-[m:MEMBER_OF {peran: 'ketua'}]-(p:Pegawai)
WHERE $leader_months_max IS NOT NULL AND m.mulai IS NOT NULL AND m.selesai IS NOT NULL
WITH t, m, p, duration.inMonths(date(m.mulai), date(m.selesai)).months AS bulan
WHERE date(m.selesai) > date(m.mulai) + duration({months: $leader_months_max})
RETURN t.kode AS subjek, t.nama AS nama, 'ketua' AS sebab, bulan, m.mulai AS mulai, m.selesai AS selesai,
       $leader_months_max AS batas, p.nip AS ketua
