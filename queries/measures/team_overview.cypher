// Every team with its owner, SK, period, leaders (with their units), member
// count, the units its members come from and how many members come from
// another agency.
MATCH (t:TimKerja {muatan: $muatan})
OPTIONAL MATCH (t)-[:PEMILIK_KINERJA]->(o:UnitOrganisasi)
OPTIONAL MATCH (t)-[:DITETAPKAN_OLEH]->(s:Jabatan)
RETURN t.kode AS kode, t.nama AS nama, t.jenis AS jenis, o.kode AS pemilik, o.nama AS pemilik_nama,
       t.sk_nomor AS sk_nomor, s.nama AS penerbit_nama, t.mulai AS mulai, t.selesai AS selesai,
       COLLECT { MATCH (p:Pegawai)-[:MEMBER_OF {peran: 'ketua'}]->(t) RETURN p.nama ORDER BY p.nama } AS ketua,
       COLLECT { MATCH (p:Pegawai)-[:MEMBER_OF {peran: 'ketua'}]->(t)
                 MATCH (p)-[:MENDUDUKI]->(:Jabatan)-[:DI_UNIT]->(u:UnitOrganisasi)
                 RETURN DISTINCT u.kode } AS ketua_unit,
       COUNT { (:Pegawai)-[:MEMBER_OF]->(t) } AS anggota,
       COLLECT { MATCH (p:Pegawai)-[:MEMBER_OF]->(t)
                 MATCH (p)-[:MENDUDUKI]->(:Jabatan)-[:DI_UNIT]->(u:UnitOrganisasi)
                 RETURN DISTINCT u.kode } AS unit_anggota,
       COUNT { (p:Pegawai)-[:MEMBER_OF]->(t) WHERE p.instansi_asal IS NOT NULL AND p.instansi_asal <> $instansi }
         AS lintas_instansi
ORDER BY kode
