// Proposed: as SPAN-WIDE, the report count by degree (no label on the far end).
MATCH (j:Jabatan {muatan: $muatan})
WHERE j.jenis IN $structural AND j.jenis <> 'kepala_daerah'
WITH j, COUNT { ()-[:ATASAN_LANGSUNG]->(j) } AS bawahan
WHERE bawahan < $span_min
RETURN j.kode AS subjek, j.nama AS nama, bawahan, $span_min AS batas
ORDER BY subjek
