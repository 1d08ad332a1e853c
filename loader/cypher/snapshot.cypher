// An agency's whole subgraph as plain data: used to prove that a refused or
// failed load changed nothing, and to compare loads of the same data.

// name: nodes
MATCH (n {instansi: $instansi})
RETURN labels(n) AS labels, properties(n) AS props;

// name: relationships
MATCH (a {instansi: $instansi})-[r]->(b)
RETURN type(r) AS type,
       labels(a)[0] + ':' + coalesce(a.kode, a.nip, a.id) AS a,
       labels(b)[0] + ':' + coalesce(b.kode, b.nip, b.id) AS b,
       properties(r) AS props;
