// id: MODEL-MISMATCH
// title: Struktur unit tidak sesuai permodelan yang dinyatakan
// severity: pelanggaran
// subject: UnitOrganisasi
// params: [models]
// message: "Unit {subjek} ({nama}) menyatakan permodelan {permodelan} yang dipimpin {kepala_seharusnya}, tetapi pimpinannya berjenis {kepala}; permodelan terdekat: {terdekat}."
// description: >
//   The unit's head (a position whose superior is outside the unit) is of a
//   kind the declared model does not allow. The nearest model is the first of
//   the profile whose head kinds include the actual head's kind and which
//   names the unit or its kind, else the first whose head kinds match.
MATCH (u:UnitOrganisasi {instansi: $instansi})-[:MENERAPKAN]->(m:Permodelan)
MATCH (h:Jabatan)-[:DI_UNIT]->(u)
WHERE NOT EXISTS { (h)-[:ATASAN_LANGSUNG]->(:Jabatan)-[:DI_UNIT]->(u) }
WITH u, m, [x IN $models WHERE x.id = m.id][0] AS model, collect(DISTINCT h.jenis) AS kepala
WHERE model IS NOT NULL AND none(k IN kepala WHERE k IN model.head)
WITH u, model, kepala,
     [x IN $models WHERE any(k IN kepala WHERE k IN x.head)
                     AND (u.nama IN x.unit_names OR u.jenis IN x.unit_kinds) | x.id]
     + [x IN $models WHERE any(k IN kepala WHERE k IN x.head) | x.id] AS calon
RETURN u.kode AS subjek, u.nama AS nama, model.id AS permodelan, model.head AS kepala_seharusnya, kepala,
       coalesce(calon[0], 'tidak ada') AS terdekat
ORDER BY subjek
