// Loaded agencies (all, or the one named by $instansi), for pickers, for
// `sikerja check` without --instansi, and to learn an agency's live version:
// `muatan` is the load id its nodes carry (queries/version.py).
MATCH (i:Instansi)
WHERE $instansi IS NULL OR i.kode = $instansi
RETURN i.kode AS kode, i.nama AS nama, i.profil AS profil, i.muatan AS muatan, toString(i.dimuat) AS dimuat
ORDER BY kode
