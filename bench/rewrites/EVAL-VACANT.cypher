// Proposed: existence by degree (no labels on the far ends).
MATCH (j:Jabatan {instansi: $instansi})-[:PENILAI]->(p:Jabatan)
WHERE EXISTS { ()-[:MENDUDUKI]->(j) }
  AND NOT EXISTS { ()-[:MENDUDUKI|PLT]->(p) }
RETURN j.kode AS subjek, j.nama AS nama, p.kode AS penilai, p.nama AS nama_penilai
ORDER BY subjek
