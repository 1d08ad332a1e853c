// What bench/probe.py asks the server: the nodes by label and relationships by type
// of one agency's live version (to compare two loads of one bundle), heap in use, the server version.

// name: nodes
MATCH (i:Instansi {kode: $instansi})
CALL (i) {
  MATCH (n:UnitOrganisasi {muatan: i.muatan}) RETURN 'UnitOrganisasi' AS jenis, count(n) AS n
  UNION ALL
  MATCH (n:Jabatan {muatan: i.muatan}) RETURN 'Jabatan' AS jenis, count(n) AS n
  UNION ALL
  MATCH (n:Pegawai {muatan: i.muatan}) RETURN 'Pegawai' AS jenis, count(n) AS n
  UNION ALL
  MATCH (n:TimKerja {muatan: i.muatan}) RETURN 'TimKerja' AS jenis, count(n) AS n
  UNION ALL
  MATCH (n:Permodelan {muatan: i.muatan}) RETURN 'Permodelan' AS jenis, count(n) AS n
  UNION ALL
  RETURN 'Instansi' AS jenis, 1 AS n
}
RETURN jenis, n;

// name: relationships
MATCH (i:Instansi {kode: $instansi})
CALL (i) {
  MATCH (:UnitOrganisasi {muatan: i.muatan})-[r]->() RETURN type(r) AS jenis
  UNION ALL
  MATCH (:Jabatan {muatan: i.muatan})-[r]->() RETURN type(r) AS jenis
  UNION ALL
  MATCH (:Pegawai {muatan: i.muatan})-[r]->() RETURN type(r) AS jenis
  UNION ALL
  MATCH (:TimKerja {muatan: i.muatan})-[r]->() RETURN type(r) AS jenis
}
RETURN jenis, count(*) AS n;

// name: heap
// Heap in use (garbage included) and the G1 old generation (objects that lived through collections).
CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes AS memory
OPTIONAL CALL dbms.queryJmx('java.lang:name=G1 Old Gen,type=MemoryPool') YIELD attributes AS old
RETURN memory.HeapMemoryUsage.value.properties.used AS used,
       coalesce(old.Usage.value.properties.used, 0) AS old_gen;

// name: version
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions[0] AS version, edition;
