// id: MODEL-MISMATCH
// title: Struktur unit tidak sesuai permodelan yang dinyatakan
// severity: pelanggaran
// groups: [permodelan]
// subject: UnitOrganisasi
// params: [models, model_unit_kinds, model_unit_names, structural]
// message: "Unit {subjek} ({nama}) menyatakan permodelan {permodelan} yang dipimpin {kepala_seharusnya}, tetapi pimpinannya berjenis {kepala}; permodelan terdekat menurut strukturnya: {terdekat}."
// description: >
//   The unit's head is of a kind the permodelan it declares does not allow.
//   The message names the model the structure fits best
//   (measures/unit_models.cypher). Where a JF or Pelaksana sits under a kind
//   the model does not place it under, ATASAN-GRADE reports that position;
//   tiers beyond the model's layers_max are LAYERS-DEEP's to report.
CALL {
  @include measures/unit_models.cypher
}
WITH *
WHERE permodelan IS NOT NULL AND NOT kepala_cocok
RETURN unit AS subjek, nama, permodelan, kepala, kepala_seharusnya, terdekat
ORDER BY subjek
