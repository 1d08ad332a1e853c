// id: MODEL-UNDECLARED
// title: Unit tanpa permodelan yang dinyatakan
// severity: peringatan
// groups: [permodelan]
// subject: UnitOrganisasi
// params: [model_unit_kinds, model_unit_names]
// message: "Unit {subjek} ({nama}, {jenis}) termasuk unit yang diatur permodelan, tetapi tidak menyatakan permodelan."
// description: >
//   The regulation assigns a permodelan to units of this kind or name, but
//   the unit declares none itself (inheriting from a parent does not count).
MATCH (u:UnitOrganisasi {muatan: $muatan})
WHERE (u.jenis IN $model_unit_kinds OR u.nama IN $model_unit_names)
  AND NOT EXISTS { (u)-[:MENERAPKAN]->(:Permodelan) }
RETURN u.kode AS subjek, u.nama AS nama, u.jenis AS jenis
ORDER BY subjek
