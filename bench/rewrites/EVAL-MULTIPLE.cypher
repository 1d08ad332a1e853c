// Proposed: find the few positions with two evaluators by degree first, and
// collect names only for them (not for all positions).
MATCH (j:Jabatan {instansi: $instansi})
WHERE COUNT { (j)-[:PENILAI]->() } > 1
MATCH (j)-[:PENILAI]->(p:Jabatan)
WITH j, collect(p.kode) AS penilai
RETURN j.kode AS subjek, j.nama AS nama, size(penilai) AS jumlah, penilai
ORDER BY subjek
