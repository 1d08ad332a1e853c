// Proposed: find the few positions with two holders by degree first, and
// collect NIPs only for them (not for all positions).
MATCH (j:Jabatan {instansi: $instansi})
WHERE COUNT { ()-[:MENDUDUKI]->(j) } > 1
MATCH (p:Pegawai)-[:MENDUDUKI]->(j)
WITH j, collect(p.nip) AS pegawai
RETURN j.kode AS subjek, j.nama AS nama, size(pegawai) AS jumlah, pegawai
ORDER BY subjek
