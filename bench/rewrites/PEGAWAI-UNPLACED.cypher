// Proposed: existence by degree (no label on the far end).
MATCH (p:Pegawai {instansi: $instansi})
WHERE (p.instansi_asal IS NULL OR p.instansi_asal = $instansi)
  AND NOT EXISTS { (p)-[:MENDUDUKI|PLT]->() }
RETURN p.nip AS subjek, p.nama AS nama
ORDER BY subjek
