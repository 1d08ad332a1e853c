"""The allow-lists of DESIGN.md sections 1 and 2.

Labels and relationship types used in Cypher come only from here (or are
written literally in .cypher files); user input never names one.
"""

from __future__ import annotations

UNIT_JENIS = (
    "pemda", "sekretariat_daerah", "sekretariat_dprd", "inspektorat", "dinas", "badan", "satpol_pp",
    "kecamatan", "kelurahan", "rsud", "puskesmas", "uptd", "satuan_pendidikan", "asisten", "bagian",
    "sekretariat", "bidang", "subbagian", "seksi", "lainnya",
)
JABATAN_JENIS = (
    "kepala_daerah", "jpt_madya", "jpt_pratama", "administrator", "pengawas", "fungsional", "pelaksana",
)
STRUCTURAL_JENIS = ("kepala_daerah", "jpt_madya", "jpt_pratama", "administrator", "pengawas")
# JF grades from highest to lowest; keahlian above keterampilan.
JENJANG = (
    "ahli_utama", "ahli_madya", "ahli_muda", "ahli_pertama", "penyelia", "mahir", "terampil", "pemula",
)
JENJANG_RANK = {j: len(JENJANG) - i for i, j in enumerate(JENJANG)}  # higher = senior
STATUS_PEGAWAI = ("PNS", "PPPK")
TIM_JENIS = ("kelompok_kerja", "tim_kerja")
PERAN = ("ketua", "anggota")
PENUGASAN = ("ditugaskan", "sukarela")

LABELS = ("Instansi", "UnitOrganisasi", "Jabatan", "Pegawai", "TimKerja", "Permodelan", "Pendelegasian")
REL_TYPES = (
    "ATASAN_LANGSUNG", "PENILAI", "MEMBER_OF", "PEMILIK_KINERJA", "BAGIAN_DARI", "DI_UNIT",
    "MENDUDUKI", "PLT", "MENERAPKAN", "DITETAPKAN_OLEH",
    # a Pendelegasian (pendelegasian.csv) and its delegate, the position that delegates, and its
    # scope (a position, or a unit meaning the positions in it and below)
    "PENERIMA", "PEMBERI", "LINGKUP",
)
