// id: ATASAN-GRADE
// title: Atasan langsung berjenis atau berjenjang yang tidak dibolehkan aturan
// severity: pelanggaran
// groups: [atasan, permodelan]
// subject: Jabatan
// params: [models, atasan_staff_kinds, atasan_jf_unit_head, atasan_dasar, jf_led_models]
// message:
//   jenis: "Jabatan {subjek} ({nama}, {jenis}) berkedudukan di bawah {atasan} ({jenis_atasan}), padahal pejabat fungsional dan pelaksana berkedudukan di bawah {boleh} atau pejabat fungsional yang memimpin unit kerja mandiri tempatnya berada."
//   permodelan: "Jabatan {subjek} ({nama}, {jenis} {jenjang}) berkedudukan di bawah {atasan} ({jenis_atasan}), padahal permodelan {permodelan} menempatkannya di bawah {boleh}."
// description: >
//   Whom a JF or Pelaksana sits directly under. Every regulation places them
//   under a JPT, an Administrator or a Pengawas, or under the JF appointed to
//   lead the unit kerja mandiri they belong to (a JF head whose own superior
//   sits outside its unit, whose unit contains theirs, and whose unit follows
//   no model or one led by a JF); a Pelaksana or an ordinary JF is no atasan. Within a unit's nearest declared permodelan the
//   model's `atasan` entries (first match by kind and jenjang) and, for other
//   JF, its `jf_under` kinds say more; the head of the declaring unit itself is
//   judged only by the general rule.
MATCH (j:Jabatan {muatan: $muatan})-[:ATASAN_LANGSUNG]->(a:Jabatan)
WHERE j.jenis IN ['fungsional', 'pelaksana'] AND a <> j
MATCH (j)-[:DI_UNIT]->(u:UnitOrganisasi)
OPTIONAL MATCH path = (u)-[:BAGIAN_DARI*0..]->(d:UnitOrganisasi)-[:MENERAPKAN]->(m:Permodelan)
WITH j, a, u, d, m
ORDER BY length(path)
WITH j, a, u, head(collect([d, m.id])) AS nearest
WITH j, a, u, nearest[0] AS decl, [x IN $models WHERE x.id = nearest[1]][0] AS model
OPTIONAL MATCH (a)-[:DI_UNIT]->(au:UnitOrganisasi)
WITH j, a, u, decl, model,
     a.jenis = 'fungsional' AND $atasan_jf_unit_head
       AND NOT EXISTS { (a)-[:ATASAN_LANGSUNG]->(:Jabatan)-[:DI_UNIT]->(au) }
       AND EXISTS { (u)-[:BAGIAN_DARI*0..]->(au) }
       AND coalesce(head(COLLECT { MATCH path = (au)-[:BAGIAN_DARI*0..]->(:UnitOrganisasi)-[:MENERAPKAN]->(m:Permodelan)
                          RETURN m.id ORDER BY length(path) LIMIT 1 }), '') IN [''] + $jf_led_models AS jf_head,
     decl IS NOT NULL AND u = decl AND NOT EXISTS { (a)-[:DI_UNIT]->(decl) } AS heads_decl
WITH j, a, model, jf_head,
     CASE WHEN model IS NULL OR heads_decl THEN null
          ELSE coalesce(
            [r IN model.atasan WHERE j.jenis IN r.jenis AND (r.jenjang IS NULL OR j.jenjang IN r.jenjang) | r][0],
            CASE WHEN j.jenis = 'fungsional' AND size(model.jf_under) > 0
                 THEN {atasan: model.jf_under, dasar: null} END)
     END AS rule
WITH j, a, model,
     CASE WHEN NOT (a.jenis IN $atasan_staff_kinds OR jf_head)
            THEN {sebab: 'jenis', boleh: $atasan_staff_kinds, dasar: $atasan_dasar}
          WHEN rule IS NOT NULL AND NOT (a.jenis IN rule.atasan AND (a.jenis <> 'fungsional' OR jf_head))
            THEN {sebab: 'permodelan', boleh: rule.atasan, dasar: coalesce(rule.dasar, model.dasar)}
     END AS f
WHERE f IS NOT NULL
RETURN j.kode AS subjek, j.nama AS nama, j.jenis AS jenis, j.jenjang AS jenjang, a.kode AS atasan,
       a.jenis AS jenis_atasan, f.sebab AS sebab, f.boleh AS boleh, model.id AS permodelan, f.dasar AS dasar
ORDER BY subjek
