// Proposed: existence by degree (no label on the far end; MENERAPKAN joins a unit to a permodelan only).
MATCH (u:UnitOrganisasi {muatan: $muatan})
WHERE (u.jenis IN $model_unit_kinds OR u.nama IN $model_unit_names)
  AND NOT EXISTS { (u)-[:MENERAPKAN]->() }
RETURN u.kode AS subjek, u.nama AS nama, u.jenis AS jenis
ORDER BY subjek
