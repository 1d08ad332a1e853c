// id: MODEL-MISMATCH
// title: Struktur unit tidak sesuai permodelan yang dinyatakan
// severity: pelanggaran
// groups: [permodelan]
// subject: UnitOrganisasi
// params: [models, model_unit_kinds, model_unit_names, structural]
// message:
//   kepala: "Unit {subjek} ({nama}) menyatakan permodelan {permodelan} yang dipimpin {kepala_seharusnya}, tetapi pimpinannya berjenis {kepala}; permodelan terdekat menurut strukturnya: {terdekat}."
//   jf: "Unit {subjek} ({nama}) menyatakan permodelan {permodelan}, tetapi jabatan fungsionalnya berada di bawah {jf_atasan}, bukan hanya {jf_seharusnya}; permodelan terdekat menurut strukturnya: {terdekat}."
// description: >
//   The unit's actual structure does not fit the permodelan it declares: its
//   head is of a kind the model does not allow, or its JF sit directly under
//   kinds the model does not place them under. The message names the model
//   the structure fits best (measures/unit_models.cypher). Tiers beyond the
//   model's layers_max are LAYERS-DEEP's to report.
CALL {
  @include measures/unit_models.cypher
}
WITH *
WHERE permodelan IS NOT NULL AND (NOT kepala_cocok OR NOT jf_cocok)
RETURN unit AS subjek, nama, permodelan, kepala, kepala_seharusnya, jf_atasan, jf_seharusnya, terdekat,
       CASE WHEN NOT kepala_cocok THEN 'kepala' ELSE 'jf' END AS sebab
ORDER BY subjek
