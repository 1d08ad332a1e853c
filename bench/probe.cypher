// What bench/probe.py asks the server: one agency's nodes by label and relationships
// by type (to compare two loads of one bundle), heap in use, the server version.

// name: nodes
CALL () {
  MATCH (n:UnitOrganisasi {instansi: $instansi}) RETURN 'UnitOrganisasi' AS jenis, count(n) AS n
  UNION ALL
  MATCH (n:Jabatan {instansi: $instansi}) RETURN 'Jabatan' AS jenis, count(n) AS n
  UNION ALL
  MATCH (n:Pegawai {instansi: $instansi}) RETURN 'Pegawai' AS jenis, count(n) AS n
  UNION ALL
  MATCH (n:TimKerja {instansi: $instansi}) RETURN 'TimKerja' AS jenis, count(n) AS n
  UNION ALL
  MATCH (n:Permodelan {instansi: $instansi}) RETURN 'Permodelan' AS jenis, count(n) AS n
  UNION ALL
  MATCH (n:Instansi {kode: $instansi}) RETURN 'Instansi' AS jenis, count(n) AS n
}
RETURN jenis, n;

// name: relationships
CALL () {
  MATCH (:UnitOrganisasi {instansi: $instansi})-[r]->() RETURN type(r) AS jenis
  UNION ALL
  MATCH (:Jabatan {instansi: $instansi})-[r]->() RETURN type(r) AS jenis
  UNION ALL
  MATCH (:Pegawai {instansi: $instansi})-[r]->() RETURN type(r) AS jenis
  UNION ALL
  MATCH (:TimKerja {instansi: $instansi})-[r]->() RETURN type(r) AS jenis
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
