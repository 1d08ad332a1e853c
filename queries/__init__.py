"""sikerja.queries: rule profiles, Cypher checks, findings and span/layer measures."""
