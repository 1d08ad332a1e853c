// id: EVAL-NOT-ATASAN
// title: Pejabat penilai kinerja bukan pejabat yang ditetapkan aturan (atasan langsung)
// severity: pelanggaran
// groups: [penilai]
// subject: Jabatan
// params: [models]
// message:
//   atasan: "Jabatan {subjek} ({nama}) dinilai oleh {penilai}, bukan oleh atasan langsungnya {seharusnya}, dan tidak ada pendelegasian kewenangan yang berlaku."
//   atasan_atasan: "Jabatan {subjek} ({nama}) dinilai oleh {penilai}, bukan oleh {seharusnya} (atasan dari atasan langsungnya) yang ditetapkan permodelan {permodelan}, dan tidak ada pendelegasian kewenangan yang berlaku."
//   kepala_unit: "Jabatan {subjek} ({nama}) dinilai oleh {penilai}, bukan oleh pimpinan unit {seharusnya} yang ditetapkan permodelan {permodelan}, dan tidak ada pendelegasian kewenangan yang berlaku."
//   kepala_induk: "Jabatan {subjek} ({nama}) dinilai oleh {penilai}, bukan oleh pimpinan unit induk {seharusnya} yang ditetapkan permodelan {permodelan}, dan tidak ada pendelegasian kewenangan yang berlaku."
//   delegasi: "Jabatan {subjek} ({nama}) dinilai oleh {penilai} tanpa pendelegasian kewenangan yang tercatat, padahal permodelan {permodelan} menetapkan penilainya melalui pendelegasian."
// description: >
//   Every regulation makes the Pejabat Penilai Kinerja the atasan langsung
//   ("atasan langsung ... atau pejabat lain yang diberi pendelegasian
//   kewenangan"), and some permodelan name another position for a case: the
//   atasan of the atasan, the head of the unit that declares the model or of
//   its parent unit, or only a delegate (the model's evaluator entry, field
//   `penilai`). The recorded evaluator is
//   compared with that position itself, not with its kind. A delegation in
//   pendelegasian.csv that covers the position at the reference date makes
//   another evaluator lawful, except where the model entry says the text keeps
//   the rating from delegates (`delegasi: false`, e.g. Metro's Setda, where the
//   Asisten delegates only the management of an Ahli Madya's performance). A position with no superior is left to
//   ATASAN-MISSING, one with no evaluator to EVAL-MISSING.
MATCH (j:Jabatan {muatan: $muatan})-[:DI_UNIT]->(u:UnitOrganisasi)
WHERE j.jenis <> 'kepala_daerah' AND EXISTS { (j)-[:PENILAI]->() }
MATCH (j)-[:ATASAN_LANGSUNG]->(a:Jabatan)
OPTIONAL MATCH path = (u)-[:BAGIAN_DARI*0..]->(d:UnitOrganisasi)-[:MENERAPKAN]->(m:Permodelan)
WITH j, u, a, d, m
ORDER BY length(path)
WITH j, u, a, head(collect([d, m.id])) AS nearest
WITH j, u, a, nearest[0] AS decl, [x IN $models WHERE x.id = nearest[1]][0] AS model
WITH j, u, a, decl, model,
     decl IS NOT NULL AND u = decl AND NOT EXISTS { (a)-[:DI_UNIT]->(decl) } AS heads_decl
WITH j, u, a, decl, model,
     CASE WHEN model IS NULL OR heads_decl THEN null
          ELSE [r IN model.evaluators WHERE j.jenis IN r.jenis AND (r.jenjang IS NULL OR j.jenjang IN r.jenjang) | r][0]
     END AS rule
WITH j, u, a, decl, model, rule, coalesce(rule.penilai, 'atasan') AS relasi
WITH j, u, model, rule, relasi,
     CASE relasi
       WHEN 'atasan' THEN [a]
       WHEN 'atasan_atasan' THEN [(a)-[:ATASAN_LANGSUNG]->(aa:Jabatan) | aa]
       WHEN 'kepala_unit' THEN [(h:Jabatan)-[:DI_UNIT]->(decl)
                                WHERE NOT EXISTS { (h)-[:ATASAN_LANGSUNG]->(:Jabatan)-[:DI_UNIT]->(decl) } | h]
       WHEN 'kepala_induk' THEN [(decl)-[:BAGIAN_DARI]->(pu:UnitOrganisasi)<-[:DI_UNIT]-(h:Jabatan)
                                 WHERE NOT EXISTS { (h)-[:ATASAN_LANGSUNG]->(:Jabatan)-[:DI_UNIT]->(pu) } | h]
       ELSE []
     END AS seharusnya,
     [(j)-[:PENILAI]->(p:Jabatan) | p] AS dicatat
WHERE (size(seharusnya) > 0 OR relasi = 'delegasi')
  AND none(p IN dicatat WHERE p IN seharusnya)
  AND NOT EXISTS {
    MATCH (dl:Pendelegasian)-[:PENERIMA]->(p:Jabatan)
    WHERE p IN dicatat AND coalesce(rule.delegasi, true)
      AND coalesce(dl.mulai, '') <= $per AND coalesce(dl.selesai, $per) >= $per
      AND EXISTS { (dl)-[:LINGKUP]->(x) WHERE x = j OR EXISTS { (u)-[:BAGIAN_DARI*0..]->(x) } }
  }
RETURN j.kode AS subjek, j.nama AS nama, relasi AS sebab, model.id AS permodelan,
       COLLECT { UNWIND dicatat AS p RETURN p.kode ORDER BY p.kode } AS penilai,
       COLLECT { UNWIND seharusnya AS x RETURN x.kode ORDER BY x.kode } AS seharusnya,
       CASE WHEN relasi = 'atasan' THEN null ELSE rule.dasar END AS dasar
ORDER BY subjek
