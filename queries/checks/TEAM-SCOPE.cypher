// id: TEAM-SCOPE
// title: Lingkup tim tidak sesuai jenisnya, atau anggota sukarela dari luar
// severity: peringatan
// groups: [tim]
// subject: TimKerja
// params: [outsider_volunteer_forbidden, outsider_volunteer_dasar]
// message:
//   kelompok_lintas: "Tim {subjek} ({nama}) berjenis kelompok kerja (di dalam satu unit), tetapi anggotanya dari unit di luar unit pemilik kinerja {pemilik}: {unit_luar}."
//   sukarela_luar: "Tim {subjek} ({nama}) beranggotakan {anggota} dari instansi lain ({instansi_asal}) melalui pengajuan sukarela, yang hanya dapat dilakukan di lingkungan Pemerintah Daerah."
// description: >
//   A kelompok_kerja works inside one unit (its owner and the units below it);
//   one whose members hold positions elsewhere is a tim_kerja recorded with
//   the wrong kind. Where the regulation limits volunteering (pengajuan
//   sukarela) to the Pemda's own units, a member lent by another agency who
//   joined by sukarela is reported.
CALL {
  MATCH (t:TimKerja {muatan: $muatan})
  WHERE t.jenis = 'kelompok_kerja'
  MATCH (t)-[:PEMILIK_KINERJA]->(o:UnitOrganisasi)
  WITH t, o, COLLECT { MATCH (t)<-[:MEMBER_OF]-(:Pegawai)-[:MENDUDUKI|PLT]->(:Jabatan)-[:DI_UNIT]->(mu:UnitOrganisasi)
                       WHERE NOT EXISTS { (mu)-[:BAGIAN_DARI*0..]->(o) }
                       RETURN DISTINCT mu.kode ORDER BY mu.kode } AS unit_luar
  WHERE size(unit_luar) > 0
  RETURN t.kode AS subjek, t.nama AS nama, 'kelompok_lintas' AS sebab, o.kode AS pemilik, unit_luar,
         null AS anggota, null AS instansi_asal, null AS dasar
  UNION ALL
  MATCH (t:TimKerja {muatan: $muatan})<-[m:MEMBER_OF {penugasan: 'sukarela'}]-(p:Pegawai)
  WHERE $outsider_volunteer_forbidden AND p.instansi_asal IS NOT NULL AND p.instansi_asal <> $instansi
  RETURN t.kode AS subjek, t.nama AS nama, 'sukarela_luar' AS sebab, null AS pemilik, null AS unit_luar,
         p.nip AS anggota, p.instansi_asal AS instansi_asal, $outsider_volunteer_dasar AS dasar
}
RETURN subjek, nama, sebab, pemilik, unit_luar, anggota, instansi_asal, dasar
ORDER BY subjek, sebab, anggota
