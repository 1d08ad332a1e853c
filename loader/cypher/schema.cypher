// Constraints and indexes of DESIGN §2, created idempotently before a load.
// Keys are unique per agency: (instansi, key) composite uniqueness (Community edition).
CREATE CONSTRAINT instansi_kode IF NOT EXISTS FOR (n:Instansi) REQUIRE n.kode IS UNIQUE;
CREATE CONSTRAINT unit_key IF NOT EXISTS FOR (n:UnitOrganisasi) REQUIRE (n.instansi, n.kode) IS UNIQUE;
CREATE CONSTRAINT jabatan_key IF NOT EXISTS FOR (n:Jabatan) REQUIRE (n.instansi, n.kode) IS UNIQUE;
CREATE CONSTRAINT pegawai_key IF NOT EXISTS FOR (n:Pegawai) REQUIRE (n.instansi, n.nip) IS UNIQUE;
CREATE CONSTRAINT tim_key IF NOT EXISTS FOR (n:TimKerja) REQUIRE (n.instansi, n.kode) IS UNIQUE;
CREATE CONSTRAINT permodelan_key IF NOT EXISTS FOR (n:Permodelan) REQUIRE (n.instansi, n.id) IS UNIQUE;
CREATE INDEX unit_instansi IF NOT EXISTS FOR (n:UnitOrganisasi) ON (n.instansi);
CREATE INDEX jabatan_instansi IF NOT EXISTS FOR (n:Jabatan) ON (n.instansi);
CREATE INDEX pegawai_instansi IF NOT EXISTS FOR (n:Pegawai) ON (n.instansi);
CREATE INDEX tim_instansi IF NOT EXISTS FOR (n:TimKerja) ON (n.instansi);
CREATE INDEX permodelan_instansi IF NOT EXISTS FOR (n:Permodelan) ON (n.instansi);
CREATE INDEX jabatan_nama IF NOT EXISTS FOR (n:Jabatan) ON (n.nama);
CREATE INDEX pegawai_nama IF NOT EXISTS FOR (n:Pegawai) ON (n.nama);
