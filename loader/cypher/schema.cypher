// Constraints and indexes of DESIGN §2, created idempotently before a load.
//
// Keys are unique per agency. The loader guarantees it: validation refuses a
// duplicate key, each load writes its own stage key, and swaps are serialised
// by the Instansi node (loader/write.py). The database holds plain composite
// (instansi, key) range indexes for lookups, not uniqueness constraints: they
// also index stage keys, which the loader seeks when it links a stage's
// relationships (and Neo4j 5.26 checked composite uniqueness constraints
// slowly in a transaction that also removed nodes of the label: 10,000
// positions replaced in 11 s with them, 3.8 s without).

// Constraints of earlier sikerja versions, replaced by the indexes below.
DROP CONSTRAINT unit_key IF EXISTS;
DROP CONSTRAINT jabatan_key IF EXISTS;
DROP CONSTRAINT pegawai_key IF EXISTS;
DROP CONSTRAINT tim_key IF EXISTS;
DROP CONSTRAINT permodelan_key IF EXISTS;
DROP CONSTRAINT pegawai_muatan_key IF EXISTS;
DROP INDEX pegawai_key IF EXISTS;
DROP INDEX jabatan_key IF EXISTS;

CREATE CONSTRAINT instansi_kode IF NOT EXISTS FOR (n:Instansi) REQUIRE n.kode IS UNIQUE;
CREATE CONSTRAINT muatan_id IF NOT EXISTS FOR (n:Muatan) REQUIRE n.id IS UNIQUE;
CREATE INDEX unit_kode IF NOT EXISTS FOR (n:UnitOrganisasi) ON (n.instansi, n.kode);
CREATE INDEX jabatan_kode IF NOT EXISTS FOR (n:Jabatan) ON (n.instansi, n.kode);
CREATE INDEX pegawai_nip IF NOT EXISTS FOR (n:Pegawai) ON (n.instansi, n.nip);
CREATE INDEX tim_kode IF NOT EXISTS FOR (n:TimKerja) ON (n.instansi, n.kode);
CREATE INDEX permodelan_id IF NOT EXISTS FOR (n:Permodelan) ON (n.instansi, n.id);
CREATE INDEX unit_instansi IF NOT EXISTS FOR (n:UnitOrganisasi) ON (n.instansi);
CREATE INDEX jabatan_instansi IF NOT EXISTS FOR (n:Jabatan) ON (n.instansi);
CREATE INDEX pegawai_instansi IF NOT EXISTS FOR (n:Pegawai) ON (n.instansi);
CREATE INDEX tim_instansi IF NOT EXISTS FOR (n:TimKerja) ON (n.instansi);
CREATE INDEX permodelan_instansi IF NOT EXISTS FOR (n:Permodelan) ON (n.instansi);
CREATE INDEX jabatan_nama IF NOT EXISTS FOR (n:Jabatan) ON (n.nama);
CREATE INDEX pegawai_nama IF NOT EXISTS FOR (n:Pegawai) ON (n.nama);
