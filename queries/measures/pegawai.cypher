// NIP, name and position held of every official of one agency: what
// pseudonymisation (sikerja.queries.pseudonym) must find and replace in
// free text, and what a pseudonymised search looks through.
MATCH (p:Pegawai {muatan: $muatan})
RETURN p.nip AS nip, p.nama AS nama, head([(p)-[:MENDUDUKI]->(j:Jabatan) | j.kode]) AS jabatan
ORDER BY nip
