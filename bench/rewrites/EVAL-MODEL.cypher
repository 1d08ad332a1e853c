// Proposed: "j heads the declaring unit" from j's own superior (a position has
// at most one) instead of a NOT EXISTS the planner solves from the unit's side.
MATCH path = (u:UnitOrganisasi {instansi: $instansi})-[:BAGIAN_DARI*0..]->(d:UnitOrganisasi)-[:MENERAPKAN]->(m:Permodelan)
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
