// id: EVAL-MODEL
// title: Pejabat penilai kinerja berbeda dari yang ditetapkan permodelan unit
// severity: pelanggaran
// groups: [penilai, permodelan]
// subject: Jabatan
// params: [models]
// message: "Jabatan {subjek} ({nama}) dinilai oleh {penilai} ({jenis_penilai}), padahal permodelan {permodelan} menetapkan penilai berjenis {seharusnya}."
// description: >
//   A unit follows the permodelan declared on it or on its nearest ancestor.
//   The model's evaluator rules are read in order and the first that matches
//   the position (kind, and JF grade where given) names the evaluator kinds.
//   The head of the declaring unit is judged only by the model's
//   head_evaluator (and not at all where the model names none).
MATCH path = (u:UnitOrganisasi {muatan: $muatan})-[:BAGIAN_DARI*0..]->(d:UnitOrganisasi)-[:MENERAPKAN]->(m:Permodelan)
WITH u, d, m
ORDER BY length(path)
WITH u, head(collect([d, m.id])) AS nearest
WITH u, nearest[0] AS decl, [x IN $models WHERE x.id = nearest[1]][0] AS model
WHERE model IS NOT NULL
MATCH (j:Jabatan)-[:DI_UNIT]->(u)
MATCH (j)-[:PENILAI]->(p:Jabatan)
OPTIONAL MATCH (j)-[:ATASAN_LANGSUNG]->(:Jabatan)-[:DI_UNIT]->(su:UnitOrganisasi)
WITH j, p, model, u = decl AND (su IS NULL OR su <> decl) AS is_head
WITH j, p, model,
     CASE WHEN is_head
          THEN CASE WHEN size(model.head_evaluator) > 0 THEN {evaluator: model.head_evaluator, dasar: null} END
          ELSE [r IN model.evaluators
                WHERE j.jenis IN r.jenis AND (r.jenjang IS NULL OR j.jenjang IN r.jenjang) | r][0] END AS rule
WHERE rule IS NOT NULL AND NOT p.jenis IN rule.evaluator
RETURN j.kode AS subjek, j.nama AS nama, p.kode AS penilai, p.jenis AS jenis_penilai,
       model.id AS permodelan, rule.evaluator AS seharusnya, rule.dasar AS dasar
ORDER BY subjek
