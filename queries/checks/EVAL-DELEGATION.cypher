// id: EVAL-DELEGATION
// title: Pendelegasian kewenangan penilaian kinerja yang tidak sah
// severity: peringatan
// groups: [penilai]
// subject: Jabatan
// params: [allowed_kinds, allowed_kinds_dasar, jf_unit_head_may_evaluate, jf_led_models]
// message:
//   jenis_penerima: "Jabatan {subjek} ({nama}, {jenis}) menerima pendelegasian kewenangan penilaian atas {lingkup} (SK {sk}), padahal jenis jabatan ini tidak dapat menjadi pejabat penilai kinerja."
//   pemberi: "Pendelegasian kepada {subjek} ({nama}) atas {lingkup} (SK {sk}) diberikan oleh {pemberi}, yang bukan pimpinan atau atasan dari lingkup itu."
//   ganda: "Lingkup {lingkup} didelegasikan kepada {subjek} ({nama}, SK {sk}) dan sekaligus kepada {lain} pada periode yang bertumpang tindih."
// description: >
//   A delegation of the rating authority (pendelegasian.csv) is itself judged:
//   the delegate must be a kind that may be a Pejabat Penilai Kinerja ("paling
//   rendah pejabat pengawas"), or a JF who heads a unit kerja mandiri (a unit
//   following no model or a JF-led one) containing the scope; the giver must head the delegated scope or be
//   above it on the superior chain (one can only delegate an authority one
//   holds); and one scope is not delegated to two officials for overlapping
//   periods. Each finding names the SK. Where the text keeps a rating from
//   every delegate, EVAL-NOT-ATASAN reports the rating itself.
MATCH (d:Pendelegasian {muatan: $muatan})-[:PENERIMA]->(p:Jabatan)
MATCH (d)-[:PEMBERI]->(g:Jabatan)
MATCH (d)-[:LINGKUP]->(x)
WITH d, p, g, x,
     CASE WHEN x:Jabatan THEN [x]
          ELSE [(h:Jabatan)-[:DI_UNIT]->(x) WHERE NOT EXISTS { (h)-[:ATASAN_LANGSUNG]->(:Jabatan)-[:DI_UNIT]->(x) } | h]
     END AS puncak,
     COLLECT { MATCH (d2:Pendelegasian)-[:LINGKUP]->(x)
               WHERE d2 <> d AND NOT EXISTS { (d2)-[:PENERIMA]->(p) }
                 AND coalesce(d.mulai, '') <= coalesce(d2.selesai, '9999-12-31')
                 AND coalesce(d2.mulai, '') <= coalesce(d.selesai, '9999-12-31')
               MATCH (d2)-[:PENERIMA]->(p2:Jabatan)
               RETURN DISTINCT p2.kode ORDER BY p2.kode } AS lain
WITH d, p, g, x, lain,
     CASE WHEN NOT p.jenis IN $allowed_kinds
               AND NOT (p.jenis = 'fungsional' AND $jf_unit_head_may_evaluate
                        AND EXISTS { (p)-[:DI_UNIT]->(pu:UnitOrganisasi)
                                     WHERE NOT EXISTS { (p)-[:ATASAN_LANGSUNG]->(:Jabatan)-[:DI_UNIT]->(pu) }
                                       AND (x = pu OR EXISTS { (x)-[:DI_UNIT|BAGIAN_DARI]->(:UnitOrganisasi)-[:BAGIAN_DARI*0..]->(pu) })
                                       AND coalesce(head(COLLECT { MATCH path = (pu)-[:BAGIAN_DARI*0..]->(:UnitOrganisasi)-[:MENERAPKAN]->(m:Permodelan)
                                                                   RETURN m.id ORDER BY length(path) LIMIT 1 }), '') IN [''] + $jf_led_models })
          THEN [{sebab: 'jenis_penerima', dasar: $allowed_kinds_dasar, severity: 'pelanggaran'}] ELSE [] END
     + CASE WHEN none(h IN puncak WHERE (x:UnitOrganisasi AND h = g) OR EXISTS { (h)-[:ATASAN_LANGSUNG]->{1,20}(g) })
            THEN [{sebab: 'pemberi', dasar: null, severity: null}] ELSE [] END
     + CASE WHEN size(lain) > 0 THEN [{sebab: 'ganda', dasar: null, severity: null}] ELSE [] END AS alasan
UNWIND alasan AS a
RETURN p.kode AS subjek, p.nama AS nama, p.jenis AS jenis, coalesce(d.sk_nomor, '-') AS sk, g.kode AS pemberi,
       x.kode AS lingkup, lain, a.sebab AS sebab, a.dasar AS dasar, a.severity AS severity
ORDER BY subjek, lingkup, sebab
