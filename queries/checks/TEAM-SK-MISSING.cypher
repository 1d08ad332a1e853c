// id: TEAM-SK-MISSING
// title: Tim tanpa SK atau SK dari pejabat yang tidak berwenang
// severity: pelanggaran
// groups: [tim]
// subject: TimKerja
// params: [sk_required, sk_issuers, sk_scope]
// message:
//   tanpa_sk: "Tim {subjek} ({nama}) tidak memiliki SK penetapan (nomor atau penerbit SK kosong)."
//   penerbit: "SK tim {subjek} ({nama}) diterbitkan oleh {penerbit} ({jenis_penerbit}), jenis jabatan yang tidak berwenang menetapkan tim."
//   lingkup: "SK tim {subjek} ({nama}, {lingkup_teks}) diterbitkan oleh {penerbit} ({jenis_penerbit}), padahal tim seperti ini ditetapkan oleh {peran_teks}."
// description: >
//   A team is set up by an SK with a number and an issuer the regulation
//   allows. Where the profile gives `teams.sk_scope`, the issuer depends on
//   the team's scope, read from where its members sit: all within the unit
//   that owns its performance ('unit'), within that unit's Perangkat Daerah
//   ('pd'), across Perangkat Daerah ('pemda'), or with members from another
//   agency ('instansi'); a team owned by the Pemda itself (the root unit) is
//   never a one-unit team; and the issuer is named by role, so a Kabid of another Dinas
//   no longer passes as 'an Administrator': the head of the owner unit, the
//   head of its Perangkat Daerah, the Sekda (head of the Sekretariat Daerah),
//   the Kepala Daerah. A team with no owner unit is TEAM-OWNER-MISSING's (its
//   scope cannot be read). Without sk_scope the issuer's kind is compared with
//   sk_issuers.
MATCH (t:TimKerja {muatan: $muatan})
OPTIONAL MATCH (t)-[:DITETAPKAN_OLEH]->(s:Jabatan)
OPTIONAL MATCH (t)-[:PEMILIK_KINERJA]->(o:UnitOrganisasi)
OPTIONAL MATCH (o)-[:BAGIAN_DARI*0..]->(pd:UnitOrganisasi)-[:BAGIAN_DARI]->(root:UnitOrganisasi)
  WHERE NOT EXISTS { (root)-[:BAGIAN_DARI]->(:UnitOrganisasi) }
WITH t, s, o, pd,
     EXISTS { (t)<-[:MEMBER_OF]-(p:Pegawai) WHERE p.instansi_asal IS NOT NULL AND p.instansi_asal <> $instansi } AS luar,
     COLLECT { MATCH (t)<-[:MEMBER_OF]-(:Pegawai)-[:MENDUDUKI|PLT]->(:Jabatan)-[:DI_UNIT]->(mu:UnitOrganisasi)
               RETURN DISTINCT mu } AS unit_anggota
WITH t, s, o, pd,
     CASE WHEN luar THEN 'instansi'
          WHEN o IS NOT NULL AND EXISTS { (o)-[:BAGIAN_DARI]->(:UnitOrganisasi) }
               AND all(mu IN unit_anggota WHERE EXISTS { (mu)-[:BAGIAN_DARI*0..]->(o) }) THEN 'unit'
          WHEN pd IS NOT NULL AND all(mu IN unit_anggota WHERE EXISTS { (mu)-[:BAGIAN_DARI*0..]->(pd) }) THEN 'pd'
          ELSE 'pemda' END AS lingkup
WITH t, s, lingkup, CASE WHEN $sk_scope IS NULL THEN null ELSE $sk_scope[lingkup] END AS aturan,
     s IS NOT NULL AND EXISTS { (s)-[:DI_UNIT]->(su:UnitOrganisasi)
                                WHERE NOT EXISTS { (s)-[:ATASAN_LANGSUNG]->(:Jabatan)-[:DI_UNIT]->(su) } } AS memimpin,
     o, pd
WITH t, s, lingkup, aturan, o IS NOT NULL AS pemilik,
     [r IN CASE WHEN s IS NULL THEN [] ELSE ['pimpinan_pemilik', 'kepala_pd', 'sekretaris_daerah', 'kepala_daerah'] END
      WHERE (r = 'kepala_daerah' AND s.jenis = 'kepala_daerah')
         OR (r = 'pimpinan_pemilik' AND memimpin AND EXISTS { (s)-[:DI_UNIT]->(o) })
         OR (r = 'kepala_pd' AND memimpin AND EXISTS { (s)-[:DI_UNIT]->(pd) })
         OR (r = 'sekretaris_daerah' AND memimpin AND EXISTS { (s)-[:DI_UNIT]->(:UnitOrganisasi {jenis: 'sekretariat_daerah'}) })
     ] AS peran_penerbit
WITH t, s, lingkup, aturan, peran_penerbit, pemilik,
     CASE WHEN t.sk_nomor IS NULL OR s IS NULL THEN CASE WHEN $sk_required THEN 'tanpa_sk' END
          WHEN aturan IS NOT NULL AND pemilik AND none(r IN peran_penerbit WHERE r IN aturan.peran) THEN 'lingkup'
          WHEN $sk_scope IS NULL AND NOT s.jenis IN $sk_issuers THEN 'penerbit'
     END AS sebab
WHERE sebab IS NOT NULL
RETURN t.kode AS subjek, t.nama AS nama, sebab, s.kode AS penerbit, s.jenis AS jenis_penerbit, lingkup,
       {unit: 'di dalam unit pemilik kinerja', pd: 'antar unit dalam satu Perangkat Daerah',
        pemda: 'lintas Perangkat Daerah', instansi: 'dengan anggota dari instansi lain'}[lingkup] AS lingkup_teks,
       [r IN aturan.peran | {pimpinan_pemilik: 'pimpinan unit pemilik kinerja', kepala_pd: 'kepala Perangkat Daerah',
                             sekretaris_daerah: 'Sekretaris Daerah', kepala_daerah: 'kepala daerah'}[r]] AS peran_teks,
       CASE WHEN sebab = 'lingkup' THEN aturan.dasar END AS dasar
ORDER BY subjek
