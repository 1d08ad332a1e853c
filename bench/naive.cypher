// The naive baseline of bench/naive.py: what a first loader commonly does.
// One statement per CSV row or relationship, each MERGEd (finding its ends by
// key through the same composite indexes sikerja uses) and committed on its own.
// Its one version is named by $muatan, as a staged load names its own.

// name: instansi
MERGE (i:Instansi {kode: $instansi})
SET i += $props, i.instansi = $instansi, i.muatan = $muatan;

// name: permodelan
MERGE (n:Permodelan {muatan: $muatan, id: $key})
SET n += $props, n.instansi = $instansi;

// name: unit
MERGE (n:UnitOrganisasi {muatan: $muatan, kode: $key})
SET n += $props, n.instansi = $instansi;

// name: jabatan
MERGE (n:Jabatan {muatan: $muatan, kode: $key})
SET n += $props, n.instansi = $instansi;

// name: pegawai
MERGE (n:Pegawai {muatan: $muatan, nip: $key})
SET n += $props, n.instansi = $instansi;

// name: tim
MERGE (n:TimKerja {muatan: $muatan, kode: $key})
SET n += $props, n.instansi = $instansi;

// name: rel_bagian_dari
MATCH (a:UnitOrganisasi {muatan: $muatan, kode: $a})
MATCH (b:UnitOrganisasi {muatan: $muatan, kode: $b})
MERGE (a)-[:BAGIAN_DARI]->(b);

// name: rel_menerapkan
MATCH (a:UnitOrganisasi {muatan: $muatan, kode: $a})
MATCH (b:Permodelan {muatan: $muatan, id: $b})
MERGE (a)-[:MENERAPKAN]->(b);

// name: rel_di_unit
MATCH (a:Jabatan {muatan: $muatan, kode: $a})
MATCH (b:UnitOrganisasi {muatan: $muatan, kode: $b})
MERGE (a)-[:DI_UNIT]->(b);

// name: rel_atasan_langsung
MATCH (a:Jabatan {muatan: $muatan, kode: $a})
MATCH (b:Jabatan {muatan: $muatan, kode: $b})
MERGE (a)-[:ATASAN_LANGSUNG]->(b);

// name: rel_penilai
MATCH (a:Jabatan {muatan: $muatan, kode: $a})
MATCH (b:Jabatan {muatan: $muatan, kode: $b})
MERGE (a)-[:PENILAI]->(b);

// name: rel_menduduki
MATCH (a:Pegawai {muatan: $muatan, nip: $a})
MATCH (b:Jabatan {muatan: $muatan, kode: $b})
MERGE (a)-[:MENDUDUKI]->(b);

// name: rel_plt
MATCH (a:Pegawai {muatan: $muatan, nip: $a})
MATCH (b:Jabatan {muatan: $muatan, kode: $b})
MERGE (a)-[:PLT]->(b);

// name: rel_pemilik_kinerja
MATCH (a:TimKerja {muatan: $muatan, kode: $a})
MATCH (b:UnitOrganisasi {muatan: $muatan, kode: $b})
MERGE (a)-[:PEMILIK_KINERJA]->(b);

// name: rel_ditetapkan_oleh
MATCH (a:TimKerja {muatan: $muatan, kode: $a})
MATCH (b:Jabatan {muatan: $muatan, kode: $b})
MERGE (a)-[:DITETAPKAN_OLEH]->(b);

// name: rel_member_of
MATCH (a:Pegawai {muatan: $muatan, nip: $a})
MATCH (b:TimKerja {muatan: $muatan, kode: $b})
MERGE (a)-[m:MEMBER_OF]->(b)
SET m += $props;
