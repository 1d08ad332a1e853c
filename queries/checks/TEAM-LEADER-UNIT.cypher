// id: TEAM-LEADER-UNIT
// title: Ketua tim bukan dari unit pemilik kinerja
// severity: peringatan
// groups: [tim]
// subject: TimKerja
// params: []
// message: "Ketua tim {subjek} ({nama}), {ketua}, berasal dari unit {unit_ketua}, bukan dari unit pemilik kinerja {pemilik} atau unit di bawahnya."
// description: >
//   The leader of a team should come from the unit that owns the team's
//   performance (or a unit inside it); a leader from elsewhere is flagged.
MATCH (t:TimKerja {muatan: $muatan})-[:PEMILIK_KINERJA]->(o:UnitOrganisasi)
MATCH (t)<-[:MEMBER_OF {peran: 'ketua'}]-(p:Pegawai)-[:MENDUDUKI]->(:Jabatan)-[:DI_UNIT]->(lu:UnitOrganisasi)
WHERE NOT EXISTS { (lu)-[:BAGIAN_DARI*0..]->(o) }
RETURN t.kode AS subjek, t.nama AS nama, p.nip AS ketua, lu.kode AS unit_ketua, o.kode AS pemilik
ORDER BY subjek, ketua
