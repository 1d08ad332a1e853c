// Proposed: existence by degree (no label on the far end).
MATCH (t:TimKerja {instansi: $instansi})
WHERE NOT EXISTS { (t)-[:PEMILIK_KINERJA]->() }
RETURN t.kode AS subjek, t.nama AS nama
ORDER BY subjek
