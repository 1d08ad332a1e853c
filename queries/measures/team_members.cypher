// One team with its owning unit, SK issuer and one row per member (with the
// member's position and unit); a team without members gives one row of nulls.
MATCH (t:TimKerja {muatan: $muatan, kode: $tim})
OPTIONAL MATCH (t)-[:PEMILIK_KINERJA]->(o:UnitOrganisasi)
OPTIONAL MATCH (t)-[:DITETAPKAN_OLEH]->(s:Jabatan)
OPTIONAL MATCH (p:Pegawai)-[m:MEMBER_OF]->(t)
OPTIONAL MATCH (p)-[:MENDUDUKI]->(j:Jabatan)
OPTIONAL MATCH (j)-[:DI_UNIT]->(u:UnitOrganisasi)
RETURN t.kode AS tim, t.nama AS tim_nama, t.jenis AS tim_jenis, t.sk_nomor AS sk_nomor,
       t.mulai AS tim_mulai, t.selesai AS tim_selesai,
       o.kode AS pemilik, o.nama AS pemilik_nama, s.kode AS penerbit, s.nama AS penerbit_nama,
       p.nip AS nip, p.nama AS nama, p.instansi_asal AS instansi_asal,
       m.peran AS peran, m.penugasan AS penugasan, m.mulai AS mulai, m.selesai AS selesai,
       j.kode AS jabatan, j.nama AS jabatan_nama, j.jenis AS jabatan_jenis, u.kode AS unit, u.nama AS unit_nama
ORDER BY peran DESC, nama
