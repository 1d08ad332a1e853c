// The naive baseline of bench/naive.py: what a first loader commonly does.
// One statement per CSV row or relationship, each MERGEd (finding its ends by
// key through the same composite indexes sikerja uses) and committed on its own.

// name: instansi
MERGE (i:Instansi {kode: $instansi})
SET i += $props, i.instansi = $instansi;

// name: permodelan
MERGE (n:Permodelan {instansi: $instansi, id: $key})
SET n += $props;

// name: unit
MERGE (n:UnitOrganisasi {instansi: $instansi, kode: $key})
SET n += $props;

// name: jabatan
MERGE (n:Jabatan {instansi: $instansi, kode: $key})
SET n += $props;

// name: pegawai
MERGE (n:Pegawai {instansi: $instansi, nip: $key})
SET n += $props;

// name: tim
MERGE (n:TimKerja {instansi: $instansi, kode: $key})
SET n += $props;

// name: rel_bagian_dari
MATCH (a:UnitOrganisasi {instansi: $instansi, kode: $a})
MATCH (b:UnitOrganisasi {instansi: $instansi, kode: $b})
MERGE (a)-[:BAGIAN_DARI]->(b);

// name: rel_menerapkan
MATCH (a:UnitOrganisasi {instansi: $instansi, kode: $a})
MATCH (b:Permodelan {instansi: $instansi, id: $b})
MERGE (a)-[:MENERAPKAN]->(b);

// name: rel_di_unit
MATCH (a:Jabatan {instansi: $instansi, kode: $a})
MATCH (b:UnitOrganisasi {instansi: $instansi, kode: $b})
MERGE (a)-[:DI_UNIT]->(b);

// name: rel_atasan_langsung
MATCH (a:Jabatan {instansi: $instansi, kode: $a})
MATCH (b:Jabatan {instansi: $instansi, kode: $b})
MERGE (a)-[:ATASAN_LANGSUNG]->(b);

// name: rel_penilai
MATCH (a:Jabatan {instansi: $instansi, kode: $a})
MATCH (b:Jabatan {instansi: $instansi, kode: $b})
MERGE (a)-[:PENILAI]->(b);

// name: rel_menduduki
MATCH (a:Pegawai {instansi: $instansi, nip: $a})
MATCH (b:Jabatan {instansi: $instansi, kode: $b})
MERGE (a)-[:MENDUDUKI]->(b);

// name: rel_plt
MATCH (a:Pegawai {instansi: $instansi, nip: $a})
MATCH (b:Jabatan {instansi: $instansi, kode: $b})
MERGE (a)-[:PLT]->(b);

// name: rel_pemilik_kinerja
MATCH (a:TimKerja {instansi: $instansi, kode: $a})
MATCH (b:UnitOrganisasi {instansi: $instansi, kode: $b})
MERGE (a)-[:PEMILIK_KINERJA]->(b);

// name: rel_ditetapkan_oleh
MATCH (a:TimKerja {instansi: $instansi, kode: $a})
MATCH (b:Jabatan {instansi: $instansi, kode: $b})
MERGE (a)-[:DITETAPKAN_OLEH]->(b);

// name: rel_member_of
MATCH (a:Pegawai {instansi: $instansi, nip: $a})
MATCH (b:TimKerja {instansi: $instansi, kode: $b})
MERGE (a)-[m:MEMBER_OF]->(b)
SET m += $props;
