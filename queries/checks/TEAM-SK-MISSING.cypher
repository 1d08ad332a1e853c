// id: TEAM-SK-MISSING
// title: Tim tanpa SK atau SK dari pejabat yang tidak berwenang
// severity: pelanggaran
// groups: [tim]
// subject: TimKerja
// params: [sk_required, sk_issuers]
// message:
//   tanpa_sk: "Tim {subjek} ({nama}) tidak memiliki SK penetapan (nomor atau penerbit SK kosong)."
//   penerbit: "SK tim {subjek} ({nama}) diterbitkan oleh {penerbit} ({jenis_penerbit}), jenis jabatan yang tidak berwenang menetapkan tim."
// description: >
//   A team is set up by an SK (surat keputusan / surat perintah) with a number
//   and an issuing position of a kind the regulation allows.
MATCH (t:TimKerja {muatan: $muatan})
OPTIONAL MATCH (t)-[:DITETAPKAN_OLEH]->(s:Jabatan)
WITH t, s
WHERE ($sk_required AND (t.sk_nomor IS NULL OR s IS NULL))
   OR (s IS NOT NULL AND NOT s.jenis IN $sk_issuers)
RETURN t.kode AS subjek, t.nama AS nama,
       CASE WHEN t.sk_nomor IS NULL OR s IS NULL THEN 'tanpa_sk' ELSE 'penerbit' END AS sebab,
       s.kode AS penerbit, s.jenis AS jenis_penerbit
ORDER BY subjek
