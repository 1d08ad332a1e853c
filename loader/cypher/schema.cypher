// Constraints and indexes of DESIGN §2, created idempotently before a load.
//
// Keys are unique per version of an agency (DESIGN §2). The loader guarantees
// it: validation refuses a duplicate key, and each load writes its own
// version, named by its load id in `muatan`. The database holds plain
// composite (muatan, key) range indexes for lookups, not uniqueness
// constraints: the loader seeks them when it links a version's
// relationships (and Neo4j 5.26 checked composite uniqueness constraints
// slowly in a transaction that also removed nodes of the label: 10,000
// positions replaced in 11 s with them, 3.8 s without). Readers select a
// version's nodes through the single-property (muatan) indexes.

// Constraints of earlier sikerja versions, replaced by the indexes below.
DROP CONSTRAINT unit_key IF EXISTS;
DROP CONSTRAINT jabatan_key IF EXISTS;
DROP CONSTRAINT pegawai_key IF EXISTS;
DROP CONSTRAINT tim_key IF EXISTS;
DROP CONSTRAINT permodelan_key IF EXISTS;
DROP CONSTRAINT pegawai_muatan_key IF EXISTS;
DROP INDEX pegawai_key IF EXISTS;
DROP INDEX jabatan_key IF EXISTS;
// Indexes of earlier sikerja versions, which selected a version by `instansi`.
DROP INDEX unit_kode IF EXISTS;
DROP INDEX jabatan_kode IF EXISTS;
DROP INDEX pegawai_nip IF EXISTS;
DROP INDEX tim_kode IF EXISTS;
DROP INDEX permodelan_id IF EXISTS;
DROP INDEX unit_instansi IF EXISTS;
DROP INDEX jabatan_instansi IF EXISTS;
DROP INDEX pegawai_instansi IF EXISTS;
DROP INDEX tim_instansi IF EXISTS;
DROP INDEX permodelan_instansi IF EXISTS;

CREATE CONSTRAINT instansi_kode IF NOT EXISTS FOR (n:Instansi) REQUIRE n.kode IS UNIQUE;
CREATE CONSTRAINT muatan_id IF NOT EXISTS FOR (n:Muatan) REQUIRE n.id IS UNIQUE;
CREATE INDEX unit_versi_kode IF NOT EXISTS FOR (n:UnitOrganisasi) ON (n.muatan, n.kode);
CREATE INDEX jabatan_versi_kode IF NOT EXISTS FOR (n:Jabatan) ON (n.muatan, n.kode);
CREATE INDEX pegawai_versi_nip IF NOT EXISTS FOR (n:Pegawai) ON (n.muatan, n.nip);
CREATE INDEX tim_versi_kode IF NOT EXISTS FOR (n:TimKerja) ON (n.muatan, n.kode);
CREATE INDEX permodelan_versi_id IF NOT EXISTS FOR (n:Permodelan) ON (n.muatan, n.id);
CREATE INDEX pendelegasian_versi_baris IF NOT EXISTS FOR (n:Pendelegasian) ON (n.muatan, n.baris);
CREATE INDEX unit_versi IF NOT EXISTS FOR (n:UnitOrganisasi) ON (n.muatan);
CREATE INDEX jabatan_versi IF NOT EXISTS FOR (n:Jabatan) ON (n.muatan);
CREATE INDEX pegawai_versi IF NOT EXISTS FOR (n:Pegawai) ON (n.muatan);
CREATE INDEX tim_versi IF NOT EXISTS FOR (n:TimKerja) ON (n.muatan);
CREATE INDEX permodelan_versi IF NOT EXISTS FOR (n:Permodelan) ON (n.muatan);
CREATE INDEX pendelegasian_versi IF NOT EXISTS FOR (n:Pendelegasian) ON (n.muatan);
CREATE INDEX jabatan_nama IF NOT EXISTS FOR (n:Jabatan) ON (n.nama);
CREATE INDEX pegawai_nama IF NOT EXISTS FOR (n:Pegawai) ON (n.nama);
