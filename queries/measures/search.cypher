// Find units, positions, officials and teams of one agency whose name or
// code contains $teks (lower case), or officials whose NIP starts with it.
CALL () {
  MATCH (n:UnitOrganisasi {muatan: $muatan})
  WHERE toLower(n.nama) CONTAINS $teks OR toLower(n.kode) CONTAINS $teks
  RETURN 'unit' AS jenis, n.kode AS kode, n.nama AS nama, n.jenis AS keterangan
  UNION ALL
  MATCH (n:Jabatan {muatan: $muatan})
  WHERE toLower(n.nama) CONTAINS $teks OR toLower(n.kode) CONTAINS $teks
  RETURN 'jabatan' AS jenis, n.kode AS kode, n.nama AS nama, n.jenis AS keterangan
  UNION ALL
  MATCH (n:Pegawai {muatan: $muatan})
  WHERE toLower(n.nama) CONTAINS $teks OR n.nip STARTS WITH $teks
  OPTIONAL MATCH (n)-[:MENDUDUKI]->(j:Jabatan)
  RETURN 'pegawai' AS jenis, n.nip AS kode, n.nama AS nama, j.kode AS keterangan
  UNION ALL
  MATCH (n:TimKerja {muatan: $muatan})
  WHERE toLower(n.nama) CONTAINS $teks OR toLower(n.kode) CONTAINS $teks
  RETURN 'tim' AS jenis, n.kode AS kode, n.nama AS nama, n.jenis AS keterangan
}
RETURN jenis, kode, nama, keterangan
ORDER BY jenis, nama, kode
LIMIT $batas
