// id: TEAM-LEADER-COUNT
// title: Tim tanpa ketua atau dengan lebih dari satu ketua sekaligus
// severity: peringatan
// groups: [tim]
// subject: TimKerja
// params: [leader_min, leader_max]
// message: "Tim {subjek} ({nama}) memiliki {jumlah} ketua pada saat yang sama (boleh {minimum} sampai {maksimum})."
// description: >
//   A team has at most one ketua at a time ("menunjuk salah satu ... sebagai
//   ketua tim"): what counts is the largest number of ketua memberships whose
//   periods overlap (an undated start or end is open), so a ketua handed over
//   during the year is one ketua, not two.
MATCH (t:TimKerja {muatan: $muatan})
WITH t, [(p:Pegawai)-[m:MEMBER_OF {peran: 'ketua'}]->(t) | m] AS ketua
WITH t, CASE WHEN size(ketua) = 0 THEN 0 ELSE
          reduce(most = 0, a IN ketua |
            CASE WHEN size([b IN ketua WHERE coalesce(b.mulai, '') <= coalesce(a.mulai, '')
                                         AND (b.selesai IS NULL OR b.selesai >= coalesce(a.mulai, ''))]) > most
                 THEN size([b IN ketua WHERE coalesce(b.mulai, '') <= coalesce(a.mulai, '')
                                         AND (b.selesai IS NULL OR b.selesai >= coalesce(a.mulai, ''))])
                 ELSE most END) END AS jumlah
WHERE jumlah < $leader_min OR jumlah > $leader_max
RETURN t.kode AS subjek, t.nama AS nama, jumlah, $leader_min AS minimum, $leader_max AS maksimum
ORDER BY subjek
