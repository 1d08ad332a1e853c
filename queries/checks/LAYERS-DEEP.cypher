// id: LAYERS-DEEP
// title: Lapisan struktural melebihi batas
// severity: peringatan
// groups: [lapisan, permodelan]
// subject: UnitOrganisasi
// params: [models, layers_max, structural]
// message: "Unit {subjek} ({nama}) memiliki {lapisan} lapisan struktural di bawah pimpinannya, melebihi batas {batas}."
// description: >
//   For each unit that follows a permodelan (declared, or inferred from its
//   kind), and each child of the root unit: the structural tiers from its head
//   down through structural positions (head = tier 1) exceed the model's
//   layers_max, or the profile's layers_max where the unit has no model.
//   Levels are counted per unit organisasi: only positions of the unit and of
//   its sub-units that follow no model of their own count (a UPTD, Kelurahan
//   or RSUD below is judged by its own model, and a superior chain that runs
//   into another Perangkat Daerah is not this unit's tiers).
MATCH (u:UnitOrganisasi {muatan: $muatan})
WHERE EXISTS { (u)-[:MENERAPKAN]->(:Permodelan) }
   OR EXISTS { (u)-[:BAGIAN_DARI]->(r:UnitOrganisasi) WHERE NOT EXISTS { (r)-[:BAGIAN_DARI]->(:UnitOrganisasi) } }
OPTIONAL MATCH (u)-[:MENERAPKAN]->(m:Permodelan)
MATCH (h:Jabatan)-[:DI_UNIT]->(u)
WHERE h.jenis IN $structural
  AND NOT EXISTS { (h)-[:ATASAN_LANGSUNG]->(:Jabatan)-[:DI_UNIT]->(u) }
WITH u, m, h,
     COLLECT { MATCH (u) ((:UnitOrganisasi)<-[:BAGIAN_DARI]-(x:UnitOrganisasi WHERE NOT EXISTS { (x)-[:MENERAPKAN]->(:Permodelan) })){0,} (w:UnitOrganisasi)
               RETURN w } AS own
MATCH (h) ((:Jabatan)<-[:ATASAN_LANGSUNG]-(s:Jabatan WHERE s.jenis IN $structural)){0,20} (:Jabatan)
WHERE all(x IN s WHERE COUNT { (x)-[:DI_UNIT]->(w) WHERE w IN own } > 0)
WITH u, m, max(size(s)) + 1 AS lapisan
WITH u, lapisan, coalesce([x IN $models WHERE x.id = m.id][0].layers_max, $layers_max) AS batas
WHERE lapisan > batas
RETURN u.kode AS subjek, u.nama AS nama, lapisan, batas
ORDER BY subjek
