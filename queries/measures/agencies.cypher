// Every loaded agency, for pickers and for `sikerja check` without --instansi.
MATCH (i:Instansi)
RETURN i.kode AS kode, i.nama AS nama, i.profil AS profil, toString(i.dimuat) AS dimuat
ORDER BY kode
