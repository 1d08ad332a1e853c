// Proposed: count reports by degree. Only positions have ATASAN_LANGSUNG
// relationships (DESIGN §2), so dropping the :Jabatan label on the far end
// keeps the answer and lets the planner read the degree instead of expanding.
MATCH (j:Jabatan {instansi: $instansi})
WITH j, COUNT { ()-[:ATASAN_LANGSUNG]->(j) } AS bawahan
WHERE bawahan > $span_max
RETURN j.kode AS subjek, j.nama AS nama, bawahan, $span_max AS batas
ORDER BY subjek
