// Proposed: existence by degree (no labels on the far ends).
MATCH (j:Jabatan {instansi: $instansi})
WHERE j.jenis <> 'kepala_daerah'
  AND EXISTS { ()-[:MENDUDUKI]->(j) }
  AND NOT EXISTS { (j)-[:PENILAI]->() }
RETURN j.kode AS subjek, j.nama AS nama
ORDER BY subjek
