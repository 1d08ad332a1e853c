// id: MODEL-UNDECLARED
// title: Unit tanpa permodelan yang dinyatakan atau dapat disimpulkan
// severity: peringatan
// groups: [permodelan]
// subject: UnitOrganisasi
// params: [models]
// message: "Unit {subjek} ({nama}, {jenis}) termasuk unit yang diatur permodelan, tetapi tidak menyatakan permodelan dan jenisnya menunjuk lebih dari satu: {calon}."
// description: >
//   The regulation assigns a permodelan to units of this name, or of this kind
//   (and kelas), and the unit declares none. Where exactly one model fits, the
//   loader infers it (MENERAPKAN {disimpulkan: true}) and the model checks run
//   on it; this finding is left for a unit several models fit (e.g. a Dinas
//   the Lampiran does not list by name), which must declare which it follows.
MATCH (u:UnitOrganisasi {muatan: $muatan})
WHERE NOT EXISTS { (u)-[:MENERAPKAN]->(:Permodelan) }
WITH u, [x IN $models WHERE u.nama IN x.unit_names | x.id] AS named
WITH u, CASE WHEN size(named) > 0 THEN named
             ELSE [x IN $models WHERE u.jenis IN x.unit_kinds
                   AND (size(x.unit_kelas) = 0 OR coalesce(u.kelas, '') IN x.unit_kelas) | x.id] END AS calon
WHERE size(calon) > 1
RETURN u.kode AS subjek, u.nama AS nama, u.jenis AS jenis, calon
ORDER BY subjek
