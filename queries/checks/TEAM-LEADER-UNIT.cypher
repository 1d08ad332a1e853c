// id: TEAM-LEADER-UNIT
// title: Ketua tim bukan dari unit pemilik kinerja
// severity: peringatan
// groups: [tim]
// subject: TimKerja
// params: []
// message:
//   unit: "Ketua tim {subjek} ({nama}), {ketua}, berasal dari unit {unit_ketua}, bukan dari unit pemilik kinerja {pemilik} atau unit di bawahnya."
//   instansi: "Ketua tim {subjek} ({nama}), {ketua}, berasal dari instansi lain ({instansi_ketua}), bukan dari unit pemilik kinerja {pemilik}."
// description: >
//   The leader of a team should come from the unit that owns the team's
//   performance (or a unit inside it): a leader holding a position elsewhere,
//   or lent by another agency (pegawai.instansi_asal, with no position here),
//   is flagged ("ketua tim diutamakan berasal dari Unit Organisasi pemilik
//   kinerja").
MATCH (t:TimKerja {muatan: $muatan})-[:PEMILIK_KINERJA]->(o:UnitOrganisasi)
MATCH (t)<-[:MEMBER_OF {peran: 'ketua'}]-(p:Pegawai)
OPTIONAL MATCH (p)-[:MENDUDUKI]->(:Jabatan)-[:DI_UNIT]->(lu:UnitOrganisasi)
WITH t, o, p, lu
WHERE (lu IS NOT NULL AND NOT EXISTS { (lu)-[:BAGIAN_DARI*0..]->(o) })
   OR (lu IS NULL AND p.instansi_asal IS NOT NULL AND p.instansi_asal <> $instansi)
RETURN t.kode AS subjek, t.nama AS nama, p.nip AS ketua, lu.kode AS unit_ketua, o.kode AS pemilik,
       p.instansi_asal AS instansi_ketua, CASE WHEN lu IS NULL THEN 'instansi' ELSE 'unit' END AS sebab
ORDER BY subjek, ketua
