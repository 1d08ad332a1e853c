// The delegations of the rating authority (pendelegasian.csv) whose scope covers one position:
// the position itself or a unit it sits in or below. `berlaku` says whether the period covers
// the reference date $per.
MATCH (j:Jabatan {muatan: $muatan, kode: $jabatan})-[:DI_UNIT]->(u:UnitOrganisasi)
MATCH (d:Pendelegasian {muatan: $muatan})-[:LINGKUP]->(x)
WHERE x = j OR EXISTS { (u)-[:BAGIAN_DARI*0..]->(x) }
MATCH (d)-[:PENERIMA]->(p:Jabatan), (d)-[:PEMBERI]->(g:Jabatan)
RETURN p.kode AS penerima, p.nama AS nama_penerima, g.kode AS pemberi, x.kode AS lingkup, d.sk_nomor AS sk,
       d.mulai AS mulai, d.selesai AS selesai,
       coalesce(d.mulai, '') <= $per AND coalesce(d.selesai, $per) >= $per AS berlaku
ORDER BY mulai, penerima, sk
