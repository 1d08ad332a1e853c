// Every node of one version of an agency: those whose `muatan` is $versi.
// Label by label, so each part is an index seek; included inside CALL { }.
MATCH (n:UnitOrganisasi {muatan: $versi}) RETURN n
UNION ALL MATCH (n:Jabatan {muatan: $versi}) RETURN n
UNION ALL MATCH (n:Pegawai {muatan: $versi}) RETURN n
UNION ALL MATCH (n:TimKerja {muatan: $versi}) RETURN n
UNION ALL MATCH (n:Permodelan {muatan: $versi}) RETURN n
UNION ALL MATCH (n:Pendelegasian {muatan: $versi}) RETURN n;
