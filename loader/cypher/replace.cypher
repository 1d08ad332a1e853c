// The statements of one load, run in order inside ONE transaction, so a reader
// sees the agency's old subgraph or its new one and a failure leaves the old.
// Node statements return each new node's element id; relationship statements
// find their ends by element id, never by key: an index seek on a key that the
// same transaction deleted and re-created is slow (it was ~20x slower).

// name: lock
// Taking the agency node first serialises two loads of the same agency.
MERGE (i:Instansi {kode: $instansi})
SET i.instansi = $instansi, i.muatan = $muatan;

// name: delete_tim
MATCH (n:TimKerja {instansi: $instansi})
DETACH DELETE n;

// name: delete_pegawai
MATCH (n:Pegawai {instansi: $instansi})
DETACH DELETE n;

// name: delete_jabatan
MATCH (n:Jabatan {instansi: $instansi})
DETACH DELETE n;

// name: delete_unit
MATCH (n:UnitOrganisasi {instansi: $instansi})
DETACH DELETE n;

// name: delete_permodelan
MATCH (n:Permodelan {instansi: $instansi})
DETACH DELETE n;

// name: instansi
MATCH (i:Instansi {kode: $instansi})
SET i = $props, i.instansi = $instansi, i.kode = $instansi, i.muatan = $muatan, i.dimuat = datetime();

// name: permodelan
UNWIND $rows AS r
CREATE (n:Permodelan)
SET n = r, n.instansi = $instansi, n.muatan = $muatan
RETURN n.id AS k, elementId(n) AS id;

// name: unit
UNWIND $rows AS r
CREATE (n:UnitOrganisasi)
SET n = r, n.instansi = $instansi, n.muatan = $muatan
RETURN n.kode AS k, elementId(n) AS id;

// name: jabatan
UNWIND $rows AS r
CREATE (n:Jabatan)
SET n = r, n.instansi = $instansi, n.muatan = $muatan
RETURN n.kode AS k, elementId(n) AS id;

// name: pegawai
UNWIND $rows AS r
CREATE (n:Pegawai)
SET n = r, n.instansi = $instansi, n.muatan = $muatan
RETURN n.nip AS k, elementId(n) AS id;

// name: tim
UNWIND $rows AS r
CREATE (n:TimKerja)
SET n = r, n.instansi = $instansi, n.muatan = $muatan
RETURN n.kode AS k, elementId(n) AS id;

// name: rel_bagian_dari
UNWIND $rows AS r
MATCH (a:UnitOrganisasi) WHERE elementId(a) = r.a
MATCH (b:UnitOrganisasi) WHERE elementId(b) = r.b
CREATE (a)-[:BAGIAN_DARI]->(b);

// name: rel_menerapkan
UNWIND $rows AS r
MATCH (a:UnitOrganisasi) WHERE elementId(a) = r.a
MATCH (b:Permodelan) WHERE elementId(b) = r.b
CREATE (a)-[:MENERAPKAN]->(b);

// name: rel_di_unit
UNWIND $rows AS r
MATCH (a:Jabatan) WHERE elementId(a) = r.a
MATCH (b:UnitOrganisasi) WHERE elementId(b) = r.b
CREATE (a)-[:DI_UNIT]->(b);

// name: rel_atasan_langsung
UNWIND $rows AS r
MATCH (a:Jabatan) WHERE elementId(a) = r.a
MATCH (b:Jabatan) WHERE elementId(b) = r.b
CREATE (a)-[:ATASAN_LANGSUNG]->(b);

// name: rel_penilai
UNWIND $rows AS r
MATCH (a:Jabatan) WHERE elementId(a) = r.a
MATCH (b:Jabatan) WHERE elementId(b) = r.b
CREATE (a)-[:PENILAI]->(b);

// name: rel_menduduki
UNWIND $rows AS r
MATCH (a:Pegawai) WHERE elementId(a) = r.a
MATCH (b:Jabatan) WHERE elementId(b) = r.b
CREATE (a)-[:MENDUDUKI]->(b);

// name: rel_plt
UNWIND $rows AS r
MATCH (a:Pegawai) WHERE elementId(a) = r.a
MATCH (b:Jabatan) WHERE elementId(b) = r.b
CREATE (a)-[:PLT]->(b);

// name: rel_pemilik_kinerja
UNWIND $rows AS r
MATCH (a:TimKerja) WHERE elementId(a) = r.a
MATCH (b:UnitOrganisasi) WHERE elementId(b) = r.b
CREATE (a)-[:PEMILIK_KINERJA]->(b);

// name: rel_ditetapkan_oleh
UNWIND $rows AS r
MATCH (a:TimKerja) WHERE elementId(a) = r.a
MATCH (b:Jabatan) WHERE elementId(b) = r.b
CREATE (a)-[:DITETAPKAN_OLEH]->(b);

// name: rel_member_of
UNWIND $rows AS r
MATCH (a:Pegawai) WHERE elementId(a) = r.a
MATCH (b:TimKerja) WHERE elementId(b) = r.b
CREATE (a)-[m:MEMBER_OF]->(b)
SET m = r.props;

// name: delete_instansi
// Used only when an agency is removed for good (sikerja hapus), after the deletes above.
MATCH (i:Instansi {kode: $instansi})
DETACH DELETE i
RETURN count(*) AS n;
