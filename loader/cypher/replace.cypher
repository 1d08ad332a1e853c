// The statements of a staged load (loader/write.py explains the protocol).
//
// Every node of an agency carries the agency code in `instansi` and the id
// of the load that wrote it in `muatan`; the Instansi node's `muatan` names
// the live version, and readers select nodes by it (queries/version.py). A
// load writes its version in many small transactions, invisible to readers
// until one small swap transaction points the Instansi node at it; the
// retired version is deleted afterwards in small transactions. `Muatan` nodes
// register every version that is not live but still in the database: a
// running load's (with a heartbeat) and retired ones. They name their agency
// in `untuk`, not `instansi`: they are bookkeeping, not part of the agency.

// name: stage_open
CREATE (s:Muatan {id: $muatan, untuk: $instansi, status: 'tahap', detak: datetime()});

// name: heartbeat
// A running load beats every few seconds; one whose stage was purged as
// abandoned finds out here, or in stage_alive, and stops.
MATCH (s:Muatan {id: $muatan, status: 'tahap'})
SET s.detak = datetime()
RETURN count(s) AS n;

// name: stage_alive
// Read at the start of every stage transaction.
MATCH (s:Muatan {id: $muatan, status: 'tahap'})
RETURN count(s) AS n;

// name: permodelan
UNWIND $rows AS r
CREATE (n:Permodelan)
SET n = r, n.instansi = $instansi, n.muatan = $muatan;

// name: unit
UNWIND $rows AS r
CREATE (n:UnitOrganisasi)
SET n = r, n.instansi = $instansi, n.muatan = $muatan;

// name: jabatan
UNWIND $rows AS r
CREATE (n:Jabatan)
SET n = r, n.instansi = $instansi, n.muatan = $muatan;

// name: pegawai
UNWIND $rows AS r
CREATE (n:Pegawai)
SET n = r, n.instansi = $instansi, n.muatan = $muatan;

// name: tim
UNWIND $rows AS r
CREATE (n:TimKerja)
SET n = r, n.instansi = $instansi, n.muatan = $muatan;

// name: pendelegasian
UNWIND $rows AS r
CREATE (n:Pendelegasian)
SET n = r, n.instansi = $instansi, n.muatan = $muatan;

// name: rel_bagian_dari
UNWIND $rows AS r
MATCH (a:UnitOrganisasi {muatan: $muatan, kode: r.a})
MATCH (b:UnitOrganisasi {muatan: $muatan, kode: r.b})
CREATE (a)-[:BAGIAN_DARI]->(b);

// name: rel_menerapkan
// A model the unit declares, or the one its name, kind and kelas point to (disimpulkan: true).
UNWIND $rows AS r
MATCH (a:UnitOrganisasi {muatan: $muatan, kode: r.a})
MATCH (b:Permodelan {muatan: $muatan, id: r.b})
CREATE (a)-[m:MENERAPKAN]->(b)
SET m.disimpulkan = r.disimpulkan;

// name: rel_di_unit
UNWIND $rows AS r
MATCH (a:Jabatan {muatan: $muatan, kode: r.a})
MATCH (b:UnitOrganisasi {muatan: $muatan, kode: r.b})
CREATE (a)-[:DI_UNIT]->(b);

// name: rel_atasan_langsung
UNWIND $rows AS r
MATCH (a:Jabatan {muatan: $muatan, kode: r.a})
MATCH (b:Jabatan {muatan: $muatan, kode: r.b})
CREATE (a)-[:ATASAN_LANGSUNG]->(b);

// name: rel_penilai
UNWIND $rows AS r
MATCH (a:Jabatan {muatan: $muatan, kode: r.a})
MATCH (b:Jabatan {muatan: $muatan, kode: r.b})
CREATE (a)-[:PENILAI]->(b);

// name: rel_menduduki
UNWIND $rows AS r
MATCH (a:Pegawai {muatan: $muatan, nip: r.a})
MATCH (b:Jabatan {muatan: $muatan, kode: r.b})
CREATE (a)-[:MENDUDUKI]->(b);

// name: rel_plt
UNWIND $rows AS r
MATCH (a:Pegawai {muatan: $muatan, nip: r.a})
MATCH (b:Jabatan {muatan: $muatan, kode: r.b})
CREATE (a)-[:PLT]->(b);

// name: rel_pemilik_kinerja
UNWIND $rows AS r
MATCH (a:TimKerja {muatan: $muatan, kode: r.a})
MATCH (b:UnitOrganisasi {muatan: $muatan, kode: r.b})
CREATE (a)-[:PEMILIK_KINERJA]->(b);

// name: rel_ditetapkan_oleh
UNWIND $rows AS r
MATCH (a:TimKerja {muatan: $muatan, kode: r.a})
MATCH (b:Jabatan {muatan: $muatan, kode: r.b})
CREATE (a)-[:DITETAPKAN_OLEH]->(b);

// name: rel_member_of
UNWIND $rows AS r
MATCH (a:Pegawai {muatan: $muatan, nip: r.a})
MATCH (b:TimKerja {muatan: $muatan, kode: r.b})
CREATE (a)-[m:MEMBER_OF]->(b)
SET m = r.props;

// name: rel_penerima
UNWIND $rows AS r
MATCH (a:Pendelegasian {muatan: $muatan, baris: r.a})
MATCH (b:Jabatan {muatan: $muatan, kode: r.b})
CREATE (a)-[:PENERIMA]->(b);

// name: rel_pemberi
UNWIND $rows AS r
MATCH (a:Pendelegasian {muatan: $muatan, baris: r.a})
MATCH (b:Jabatan {muatan: $muatan, kode: r.b})
CREATE (a)-[:PEMBERI]->(b);

// name: rel_lingkup
// The scope is a position or a unit; validation refused a code that names both.
UNWIND $rows AS r
MATCH (a:Pendelegasian {muatan: $muatan, baris: r.a})
CALL (r) {
  MATCH (b:Jabatan {muatan: $muatan, kode: r.b}) RETURN b
  UNION
  MATCH (b:UnitOrganisasi {muatan: $muatan, kode: r.b}) RETURN b
}
CREATE (a)-[:LINGKUP]->(b);

// name: swap_lock
// First statement of the swap. It write-locks the agency node, which
// serialises swaps and deletions of one agency, and this load's registration,
// so no purger can claim the stage from now until the swap commits (a claim
// sets the status under the same lock). Returns the live version's load id.
MERGE (i:Instansi {kode: $instansi})
SET i.instansi = $instansi
WITH i
OPTIONAL MATCH (s:Muatan {id: $muatan})
SET s.detak = datetime()
RETURN i.muatan AS lama;

// name: swap_stage
// Read once swap_lock holds the lock: 'tahap' unless a purger claimed the
// stage (as abandoned) before it; null if it was already purged.
OPTIONAL MATCH (s:Muatan {id: $muatan})
RETURN s.status AS status;

// name: retire
// The retired version becomes garbage owned by the load that retired it.
CREATE (:Muatan {id: $lama, untuk: $instansi, status: 'hapus', detak: datetime(),
                 pembersih: $muatan, klaim: datetime()});

// name: swap_done
MATCH (i:Instansi {kode: $instansi})
SET i = $props, i.instansi = $instansi, i.kode = $instansi, i.muatan = $muatan, i.dimuat = datetime()
WITH i
MATCH (s:Muatan {id: $muatan})
DELETE s;

// name: drop_lock
// First statement when an agency is removed for good: lock it, learn its live version.
MATCH (i:Instansi {kode: $instansi})
SET i.instansi = $instansi
RETURN i.muatan AS lama;

// name: drop_instansi
MATCH (i:Instansi {kode: $instansi})
DETACH DELETE i;

// name: claim_abandoned
// Claim the versions nobody is working on, for this caller to purge:
// retired versions not claimed (or whose claimer died), and stages whose
// loader stopped beating.
MATCH (s:Muatan)
WHERE ($instansi IS NULL OR s.untuk = $instansi)
  AND ((s.status = 'hapus' AND (s.klaim IS NULL OR s.klaim < datetime() - duration({seconds: $basi})))
       OR (s.status = 'tahap' AND s.detak < datetime() - duration({seconds: $basi})))
SET s.status = 'hapus', s.pembersih = $muatan, s.klaim = datetime()
RETURN s.id AS id;

// name: is_live
// A live version is never purged (a load whose swap committed without its
// client hearing so must not discard what it staged).
MATCH (i:Instansi {muatan: $versi})
RETURN count(i) AS n;

// name: purge
// Delete every node of version $versi in small transactions (auto-commit only).
CALL {
  @include cypher/version_nodes.cypher
}
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF $ukuran ROWS;

// name: purge_done
MATCH (s:Muatan {id: $id})
DELETE s;
