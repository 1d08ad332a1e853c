"""sikerja.loader: configuration, the local Neo4j server, graph access and the input bundle loader."""
