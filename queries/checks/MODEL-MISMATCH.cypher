// id: MODEL-MISMATCH
// title: Struktur unit tidak sesuai permodelan yang dinyatakan
// severity: pelanggaran
// groups: [permodelan]
// subject: UnitOrganisasi
// params: [models, model_unit_kinds, model_unit_names, structural]
// message:
//   kepala: "Unit {subjek} ({nama}) {cara} permodelan {permodelan} yang dipimpin {kepala_seharusnya}, tetapi pimpinannya berjenis {kepala}; permodelan terdekat menurut strukturnya: {terdekat}."
//   kelas: "Unit {subjek} ({nama}) menyatakan permodelan {permodelan} untuk kelas {kelas_seharusnya}, tetapi kelasnya {kelas}."
// description: >
//   The unit's head is of a kind the permodelan it follows does not allow
//   (declared, or inferred by the loader from its name, kind and kelas), or
//   it declares a model for a class (RSUD or UPTD type) it is not.
//   The message names the model the structure fits best
//   (measures/unit_models.cypher). Where a JF or Pelaksana sits under a kind
//   the model does not place it under, ATASAN-GRADE reports that position;
//   tiers beyond the model's layers_max are LAYERS-DEEP's to report.
CALL {
  @include measures/unit_models.cypher
}
WITH *
WHERE permodelan IS NOT NULL AND (NOT kepala_cocok OR NOT kelas_cocok)
RETURN unit AS subjek, nama, permodelan, kepala, kepala_seharusnya, terdekat,
       CASE WHEN disimpulkan THEN 'mengikuti (disimpulkan dari jenisnya)' ELSE 'menyatakan' END AS cara,
       coalesce(kelas, '-') AS kelas, [x IN $models WHERE x.id = permodelan][0].unit_kelas AS kelas_seharusnya,
       CASE WHEN NOT kelas_cocok THEN 'kelas' ELSE 'kepala' END AS sebab
ORDER BY subjek
