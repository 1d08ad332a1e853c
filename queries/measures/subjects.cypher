// The unit each finding subject in $subjek belongs to: a position's unit, a
// unit itself, a team's owning unit, an official's position's unit. Subjects
// are keyed by label because a code may name a unit and a position alike.
MATCH (j:Jabatan {muatan: $muatan})
WHERE j.kode IN $subjek
OPTIONAL MATCH (j)-[:DI_UNIT]->(u:UnitOrganisasi)
RETURN 'Jabatan' AS label, j.kode AS subjek, u.kode AS unit
UNION ALL
MATCH (u:UnitOrganisasi {muatan: $muatan})
WHERE u.kode IN $subjek
RETURN 'UnitOrganisasi' AS label, u.kode AS subjek, u.kode AS unit
UNION ALL
MATCH (t:TimKerja {muatan: $muatan})
WHERE t.kode IN $subjek
OPTIONAL MATCH (t)-[:PEMILIK_KINERJA]->(u:UnitOrganisasi)
RETURN 'TimKerja' AS label, t.kode AS subjek, u.kode AS unit
UNION ALL
MATCH (p:Pegawai {muatan: $muatan})
WHERE p.nip IN $subjek
OPTIONAL MATCH (p)-[:MENDUDUKI]->(:Jabatan)-[:DI_UNIT]->(u:UnitOrganisasi)
RETURN 'Pegawai' AS label, p.nip AS subjek, u.kode AS unit
