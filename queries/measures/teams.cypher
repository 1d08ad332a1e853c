// Every team with its owning unit, leaders and member count.
MATCH (t:TimKerja {muatan: $muatan})
OPTIONAL MATCH (t)-[:PEMILIK_KINERJA]->(o:UnitOrganisasi)
RETURN t.kode AS kode, t.nama AS nama, t.jenis AS jenis, o.kode AS pemilik, t.mulai AS mulai, t.selesai AS selesai,
       [(p:Pegawai)-[:MEMBER_OF {peran: 'ketua'}]->(t) | p.nip] AS ketua,
       COUNT { (:Pegawai)-[:MEMBER_OF]->(t) } AS anggota
ORDER BY kode
