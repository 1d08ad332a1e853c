// id: EVAL-GRADE
// title: Pejabat penilai kinerja tidak memenuhi syarat jenis atau jenjang
// severity: pelanggaran
// groups: [penilai, permodelan]
// subject: Jabatan
// params: [allowed_kinds, allowed_kinds_dasar, jf_unit_head_may_evaluate, jf_led_models, forbidden, jf_same_or_lower_forbidden, jf_same_or_lower_dasar, jenjang_rank]
// message:
//   jenis_penilai: "Jabatan {subjek} ({nama}) dinilai oleh {penilai} ({jenis_penilai}), jenis jabatan yang tidak boleh menjadi pejabat penilai kinerja."
//   pasangan_terlarang: "Jabatan {subjek} ({nama}, {jenis} {jenjang}) dinilai oleh {penilai} ({jenis_penilai}), pasangan yang dilarang aturan."
//   jf_setara: "Jabatan fungsional {subjek} ({jenjang}) dinilai oleh jabatan fungsional {penilai} dengan jenjang sama atau lebih rendah ({jenjang_penilai})."
// description: >
//   Three faults, each with its own citation: the evaluator's kind may not
//   evaluate at all (a Pelaksana, or a JF who does not head the unit); a pair
//   the profile forbids (e.g. JF Ahli Madya rated by an Administrator), where
//   a pair may hold only in some permodelan; a JF rated by a JF of the same or
//   a lower jenjang. The head of a unit with its own model is judged by the
//   model of the unit above it (a Kepala Puskesmas is rated within the Dinas).
MATCH (u:UnitOrganisasi {muatan: $muatan})
OPTIONAL MATCH path = (u)-[:BAGIAN_DARI*0..]->(:UnitOrganisasi)-[:MENERAPKAN]->(m:Permodelan)
WITH u, m
ORDER BY length(path)
WITH u, head(collect(m.id)) AS model
OPTIONAL MATCH path = (u)-[:BAGIAN_DARI*1..]->(:UnitOrganisasi)-[:MENERAPKAN]->(m:Permodelan)
WITH u, model, m
ORDER BY length(path)
WITH u, model, head(collect(m.id)) AS model_induk
MATCH (j:Jabatan)-[:DI_UNIT]->(u)
MATCH (j)-[:PENILAI]->(p:Jabatan)
// the head of a unit with its own model is judged by the model of the unit above it: the
// model's exemptions are for the unit's staff, not for its head
WITH p, j, u,
     CASE WHEN EXISTS { (u)-[:MENERAPKAN]->(:Permodelan) }
               AND NOT EXISTS { (j)-[:ATASAN_LANGSUNG]->(:Jabatan)-[:DI_UNIT]->(u) }
          THEN model_induk ELSE model END AS model
WITH p, collect([j, u, model]) AS rated
OPTIONAL MATCH (p)-[:DI_UNIT]->(pu:UnitOrganisasi)
OPTIONAL MATCH (p)-[:ATASAN_LANGSUNG]->(:Jabatan)-[:DI_UNIT]->(spu:UnitOrganisasi)
// a JF heads a unit kerja mandiri: its superior sits outside its unit, and that unit follows no
// model or a model led by a JF (an ex-Kasi JF left heading a Seksi of a Dinas is no such head)
WITH p, pu, rated,
     p.jenis = 'fungsional' AND $jf_unit_head_may_evaluate AND (spu IS NULL OR spu <> pu)
       AND coalesce(head(COLLECT { MATCH path = (pu)-[:BAGIAN_DARI*0..]->(:UnitOrganisasi)-[:MENERAPKAN]->(m:Permodelan)
                          RETURN m.id ORDER BY length(path) LIMIT 1 }), '') IN [''] + $jf_led_models AS heads_own_unit
UNWIND rated AS x
WITH x[0] AS j, p, x[1] AS u, x[2] AS model, pu, heads_own_unit
WITH j, p, model,
     CASE WHEN heads_own_unit THEN EXISTS { (u)-[:BAGIAN_DARI*0..]->(pu) } ELSE false END AS jf_head
WITH j, p,
     CASE WHEN NOT p.jenis IN $allowed_kinds AND NOT jf_head
          THEN [{sebab: 'jenis_penilai', dasar: $allowed_kinds_dasar, severity: null}] ELSE [] END
     + [f IN $forbidden
        WHERE j.jenis IN f.jenis
          AND (f.jenjang IS NULL OR j.jenjang IN f.jenjang)
          AND p.jenis IN f.evaluator
          AND (f.only_models IS NULL OR model IN f.only_models)
          AND NOT coalesce(model IN f.except_models, false)
        | {sebab: 'pasangan_terlarang', dasar: f.dasar, severity: f.severity}]
     + CASE WHEN $jf_same_or_lower_forbidden AND j.jenis = 'fungsional' AND p.jenis = 'fungsional'
                 AND $jenjang_rank[p.jenjang] <= $jenjang_rank[j.jenjang]
          THEN [{sebab: 'jf_setara', dasar: $jf_same_or_lower_dasar, severity: null}] ELSE [] END AS reasons
UNWIND reasons AS r
RETURN j.kode AS subjek, j.nama AS nama, j.jenis AS jenis, j.jenjang AS jenjang,
       p.kode AS penilai, p.jenis AS jenis_penilai, p.jenjang AS jenjang_penilai,
       r.sebab AS sebab, r.dasar AS dasar, r.severity AS severity
ORDER BY subjek, sebab
