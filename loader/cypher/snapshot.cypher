// One version ($versi) of an agency's subgraph as plain data, with the
// agency node ($instansi): used to prove that a refused or failed load
// changed nothing, and to compare loads of the same data.

// name: nodes
CALL {
  MATCH (n:Instansi {kode: $instansi}) RETURN n
  UNION ALL
  @include cypher/version_nodes.cypher
}
RETURN labels(n) AS labels, properties(n) AS props;

// name: relationships
CALL {
  @include cypher/version_nodes.cypher
}
MATCH (n)-[r]->(b)
RETURN type(r) AS type,
       labels(n)[0] + ':' + coalesce(n.kode, n.nip, n.id, toString(n.baris)) AS a,
       labels(b)[0] + ':' + coalesce(b.kode, b.nip, b.id, toString(b.baris)) AS b,
       properties(r) AS props;

// name: count
CALL {
  @include cypher/version_nodes.cypher
}
RETURN count(n) AS n;
