// Proposed: existence by degree (no label on the far end; ATASAN_LANGSUNG joins positions only).
MATCH (j:Jabatan {instansi: $instansi})
WHERE j.jenis <> 'kepala_daerah'
  AND NOT EXISTS { (j)-[:ATASAN_LANGSUNG]->() }
RETURN j.kode AS subjek, j.nama AS nama
ORDER BY subjek
