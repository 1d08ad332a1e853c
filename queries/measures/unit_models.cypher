// Permodelan inference: for every unit that declares a model or that a model
// of the profile names (by kind or name), its structure and the model it fits
// best. Structure: the head's kinds (positions whose superior is outside the
// unit), structural tiers from the head down, and the kinds JF sit directly
// under (in the unit and its sub-units). Each model scores 4 for a matching
// head, 2 when it names the unit or its kind, 1 when the tiers fit its
// layers_max, 1 when every JF sits under a kind it allows; the best is the
// nearest (the first in profile order on a tie).
MATCH (u:UnitOrganisasi {muatan: $muatan})
WHERE EXISTS { (u)-[:MENERAPKAN]->(:Permodelan) }
   OR u.jenis IN $model_unit_kinds OR u.nama IN $model_unit_names
OPTIONAL MATCH (u)-[d:MENERAPKAN]->(m:Permodelan)
CALL (u) {
  OPTIONAL MATCH (h:Jabatan)-[:DI_UNIT]->(u)
  WHERE NOT EXISTS { (h)-[:ATASAN_LANGSUNG]->(:Jabatan)-[:DI_UNIT]->(u) }
  RETURN collect(DISTINCT h.jenis) AS kepala, collect(h) AS heads
}
CALL (heads) {
  UNWIND heads AS h
  MATCH (h) ((:Jabatan)<-[:ATASAN_LANGSUNG]-(s:Jabatan WHERE s.jenis IN $structural)){0,20} (:Jabatan)
  RETURN coalesce(max(size(s)) + 1, 0) AS lapisan
}
CALL (u) {
  // JF of the unit and of sub-units that declare no model of their own: the
  // walk down stops at a sub-unit that declares one (its node predicate), so
  // declaring sub-trees are never entered. The JF head of the unit itself (a
  // JF-led unit) reports outside the unit and is skipped.
  OPTIONAL MATCH (u) ((:UnitOrganisasi)<-[:BAGIAN_DARI]-(x:UnitOrganisasi WHERE NOT EXISTS { (x)-[:MENERAPKAN]->(:Permodelan) })){0,} (fu:UnitOrganisasi)
  OPTIONAL MATCH (f:Jabatan {jenis: 'fungsional'})-[:DI_UNIT]->(fu)
  OPTIONAL MATCH (f)-[:ATASAN_LANGSUNG]->(a:Jabatan)
  WITH u, fu, a
  WHERE fu <> u OR EXISTS { (a)-[:DI_UNIT]->(u) }
  RETURN collect(DISTINCT a.jenis) AS jf_atasan
}
WITH u, m, d, kepala, lapisan, jf_atasan,
     [x IN $models | {
        id: x.id,
        kepala_cocok: any(k IN kepala WHERE k IN x.head),
        kelas_cocok: size(x.unit_kelas) = 0 OR coalesce(u.kelas, '') IN x.unit_kelas,
        lingkup_cocok: u.nama IN x.unit_names
                       OR (u.jenis IN x.unit_kinds AND (size(x.unit_kelas) = 0 OR coalesce(u.kelas, '') IN x.unit_kelas)),
        lapisan_cocok: lapisan <= x.layers_max,
        jf_cocok: size(x.jf_under) = 0 OR all(k IN jf_atasan WHERE k IN x.jf_under),
        jf_under: x.jf_under, head: x.head
     }] AS nilai
WITH u, m, d, kepala, lapisan, jf_atasan,
     [n IN nilai | n {.*, skor: CASE WHEN n.kepala_cocok THEN 4 ELSE 0 END
                                + CASE WHEN n.lingkup_cocok THEN 2 ELSE 0 END
                                + CASE WHEN n.lapisan_cocok THEN 1 ELSE 0 END
                                + CASE WHEN n.jf_cocok THEN 1 ELSE 0 END}] AS nilai
WITH u, m, d, kepala, lapisan, jf_atasan, [n IN nilai WHERE n.id = m.id][0] AS dinyatakan,
     reduce(best = null, n IN nilai | CASE WHEN best IS NULL OR n.skor > best.skor THEN n ELSE best END) AS terdekat
RETURN u.kode AS unit, u.nama AS nama, u.jenis AS jenis, u.kelas AS kelas, m.id AS permodelan,
       coalesce(d.disimpulkan, false) AS disimpulkan, dinyatakan.kelas_cocok AS kelas_cocok,
       kepala, lapisan, jf_atasan,
       terdekat.id AS terdekat, terdekat.skor AS skor_terdekat,
       dinyatakan.kepala_cocok AS kepala_cocok, dinyatakan.jf_cocok AS jf_cocok,
       dinyatakan.lapisan_cocok AS lapisan_cocok, dinyatakan.head AS kepala_seharusnya,
       dinyatakan.jf_under AS jf_seharusnya
ORDER BY unit
