// Every node of one version of an agency: those whose `instansi` is $kunci
// (the agency code for the live version, a stage key for the others). Label
// by label, so each part is an index seek; included inside CALL { }.
MATCH (n:UnitOrganisasi {instansi: $kunci}) RETURN n
UNION ALL MATCH (n:Jabatan {instansi: $kunci}) RETURN n
UNION ALL MATCH (n:Pegawai {instansi: $kunci}) RETURN n
UNION ALL MATCH (n:TimKerja {instansi: $kunci}) RETURN n
UNION ALL MATCH (n:Permodelan {instansi: $kunci}) RETURN n;
