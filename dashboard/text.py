"""Every Bahasa Indonesia string the dashboard shows, in one place.

Code and comments are English; what a user reads is here. Helpers at the end
turn data (names, codes) into safe Markdown.
"""

from __future__ import annotations

import re

APP_TITLE = "sikerja"
APP_SUBTITLE = "Sistem Kerja & struktur organisasi"

# Pages: title and icon. No icons: a page icon becomes the favicon, Streamlit fetches Material
# favicons from fonts.gstatic.com (the dashboard must work offline) and emoji need an emoji font.
PAGES = {
    "ringkasan": ("Ringkasan", None),
    "rentang": ("Rentang Kendali & Lapisan", None),
    "permodelan": ("Permodelan", None),
    "temuan": ("Temuan", None),
    "graf": ("Graf", None),
    "tim": ("Tim Kerja", None),
}
NAV_SECTIONS = {"eksekutif": "Pimpinan", "analisis": "Analisis organisasi", "kepatuhan": "Kepatuhan"}

# Sidebar and shared messages.
AGENCY_PICKER = "Instansi"
AGENCY_HELP = "Pilihan instansi berlaku di semua halaman."
PROFILE = "Profil"
LOADED_AT = "Dimuat"
REFRESH = "Muat ulang data"
REFRESH_HELP = "Kosongkan cache dan baca ulang dari Neo4j."
EMPTY_DB = (
    "Belum ada instansi yang dimuat. Muat bundel dengan `sikerja load FOLDER` "
    "(atau jalankan `sikerja demo`), lalu muat ulang halaman ini."
)
AGENCY_GONE = "Instansi yang dipilih tidak lagi ada di basis data; pilih instansi lain."
DB_UNAVAILABLE = (
    "Server Neo4j tidak dapat dihubungi. Pastikan server berjalan (`sikerja db status`, "
    "`sikerja db start`) dan pengaturan NEO4J_URI benar; halaman akan mencoba lagi pada interaksi berikutnya."
)
DB_SESSION = "Koneksi ke Neo4j terputus di tengah pembacaan. Silakan ulangi; halaman akan mencoba lagi."
DATA_CHANGED = ("Instansi ini baru saja dimuat ulang atau dihapus saat halaman membacanya. "
                "Klik Coba lagi untuk membaca versi terbarunya.")
DB_QUERY = "Neo4j menolak permintaan baca ({code}). Silakan ulangi; bila berulang, periksa log server."
DB_AUTH = "Neo4j menolak kredensial. Periksa NEO4J_USER dan NEO4J_PASSWORD."
SETTINGS_ERROR = "Pengaturan koneksi tidak lengkap: {detail}"
PROFILE_ERROR = "Profil {profil!r} instansi ini tidak dapat dibaca: {detail}"
TECH_DETAIL = "Rincian teknis"
RETRY = "Coba lagi"
SAMARKAN_ON = ":material/visibility_off: Data pribadi disamarkan: NIP dan nama pegawai diganti samaran yang tetap."
LOADING_CHECKS = "Menjalankan pemeriksaan aturan…"
LOADING_MEASURES = "Menghitung rentang dan lapisan…"
LOADING = "Membaca data…"
NONE = "–"
ALL_UNITS = "Seluruh instansi"
UNIT_PICKER = "Unit organisasi"
INCLUDE_SUBUNITS = "Termasuk sub-unit"
NO_DATA = "Tidak ada data untuk pilihan ini."

# Kinds.
JABATAN_JENIS = {
    "kepala_daerah": "Kepala Daerah",
    "jpt_madya": "JPT Madya",
    "jpt_pratama": "JPT Pratama",
    "administrator": "Administrator",
    "pengawas": "Pengawas",
    "fungsional": "Fungsional",
    "pelaksana": "Pelaksana",
}
JENJANG = {
    "ahli_utama": "Ahli Utama", "ahli_madya": "Ahli Madya", "ahli_muda": "Ahli Muda",
    "ahli_pertama": "Ahli Pertama", "penyelia": "Penyelia", "mahir": "Mahir", "terampil": "Terampil",
    "pemula": "Pemula",
}
UNIT_JENIS = {
    "pemda": "Pemerintah Daerah", "sekretariat_daerah": "Sekretariat Daerah", "sekretariat_dprd": "Sekretariat DPRD",
    "inspektorat": "Inspektorat", "dinas": "Dinas", "badan": "Badan", "satpol_pp": "Satpol PP",
    "kecamatan": "Kecamatan", "kelurahan": "Kelurahan", "rsud": "RSUD", "puskesmas": "Puskesmas", "uptd": "UPTD",
    "satuan_pendidikan": "Satuan Pendidikan", "asisten": "Asisten", "bagian": "Bagian", "sekretariat": "Sekretariat",
    "bidang": "Bidang", "subbagian": "Subbagian", "seksi": "Seksi", "lainnya": "Lainnya",
}
SEVERITY = {"pelanggaran": "Pelanggaran", "peringatan": "Peringatan", "info": "Info"}
CATEGORY = {
    "eksekutif": "Eksekutif",
    "manajer_manajer": "Manajer atas manajer",
    "manajer_individu": "Manajer atas individu",
    "kontributor_individu": "Kontributor individu",
}
TIM_JENIS = {"kelompok_kerja": "Kelompok kerja", "tim_kerja": "Tim kerja"}
PERAN = {"ketua": "Ketua", "anggota": "Anggota"}
PENUGASAN = {"ditugaskan": "Ditugaskan", "sukarela": "Sukarela"}
NOT_PLACED = "Belum ditempatkan"
VACANT = "kosong"

# Ringkasan.
R_CAPTION = "Profil {profil} · {regulasi} · dimuat {dimuat}"
R_POSITIONS = "Jabatan"
R_FILLED = "Terisi"
R_VACANT = "Kosong"
R_VACANT_HELP = "Tanpa pemangku definitif dan tanpa Plt."
R_PLT_ONLY = "Diisi Plt"
R_OFFICIALS = "Pegawai"
R_UNPLACED = "Tanpa jabatan"
R_FINDINGS = "Temuan"
R_SPAN_HEAD = "Rentang kendali dan lapisan"
R_SPAN_AVG = "Rentang rata-rata"
R_SPAN_AVG_HELP = "Rata-rata bawahan langsung per jabatan yang membawahi."
R_SPAN_MED = "Rentang median"
R_LAYERS = "Lapisan terdalam"
R_LAYERS_HELP = "Jumlah tingkat dari Kepala Daerah sampai jabatan terbawah."
R_ONE_ONE = "Manajer 1:1"
R_ONE_ONE_HELP = "Porsi jabatan yang hanya membawahi satu jabatan."
R_POS_BY_KIND = "Jabatan menurut jenis"
R_OFF_BY_KIND = "Pegawai menurut jenis jabatan yang diduduki"
R_FIND_BY_SEV = "Temuan menurut tingkat"
R_FIND_BY_RULE = "Temuan menurut aturan"
R_NO_FINDINGS = "Tidak ada temuan untuk instansi ini."
R_COMPARE = "Perbandingan antarinstansi"
R_COMPARE_PICK = "Instansi yang dibandingkan"
R_COMPARE_HELP = "Tambahkan instansi untuk dibandingkan; setiap instansi diperiksa dengan profilnya sendiri."
STATUS = "Status"
COUNT = "Jumlah"
FILL = "Keterisian"
FILLED = "Terisi"
PLT = "Plt"

# Rentang kendali.
S_INTRO = (
    "Rentang kendali = jumlah bawahan langsung (ATASAN_LANGSUNG). Lapisan dihitung dari Kepala Daerah (lapisan 1). "
    "Batas profil: rentang {span_min}–{span_max}, lapisan struktural per unit {layers_max}."
)
S_PER_LAYER = "Jabatan per lapisan"
S_PER_GROUP = "Manajer per kelompok rentang"
S_MATRIX = "Lapisan × kelompok rentang (jumlah manajer)"
S_EVAL = "Beban penilai (jabatan terisi yang dinilai)"
S_EVAL_TOP = "Penilai dengan beban terbesar"
S_TEAM = "Rentang melalui ketua tim"
S_TEAM_HELP = (
    "Untuk pimpinan unit: bawahan langsung ditambah ketua tim dari tim yang dimiliki unitnya atau unit di bawahnya."
)
S_WIDEST = "Rentang terlebar"
S_NO_MANAGERS = "Tidak ada jabatan yang membawahi jabatan lain pada pilihan ini."
S_NO_EVAL = "Tidak ada jabatan yang tercatat sebagai penilai pada pilihan ini."
S_NO_TEAM = "Tidak ada pimpinan unit yang bekerja melalui ketua tim pada pilihan ini."
LAYER = "Lapisan"
SPAN_GROUP = "Kelompok rentang"
SPAN = "Bawahan langsung"
SPAN_TOTAL = "Seluruh bawahan"
CATEGORY_COL = "Kategori"
EVALUATES = "Dinilai"
LEADERS = "Ketua tim"
SPAN_WITH_TEAMS = "Rentang + ketua tim"
MANAGERS = "Manajer"

# Columns.
KODE = "Kode"
NAMA = "Nama"
JENIS = "Jenis"
JENJANG_COL = "Jenjang"
UNIT = "Unit"
HOLDER = "Pemangku"
RULE = "Aturan"
RULE_TITLE = "Uraian aturan"
SEVERITY_COL = "Tingkat"
SUBJECT = "Subjek"
MESSAGE = "Pesan"
DASAR = "Dasar"
KUTIPAN = "Bunyi pasal"
AGENCY = "Instansi"

# Permodelan.
M_NONE = "Profil {profil} tidak menetapkan permodelan."
M_PICK = "Permodelan"
M_REFERENCE = "Model acuan dari profil"
M_DASAR = "Dasar"
M_APPLIES = "Berlaku untuk"
M_APPLIES_KINDS = "Jenis unit"
M_APPLIES_NAMES = "Unit yang disebut peraturan"
M_APPLIES_KELAS = "Kelas"
M_HEAD = "Dipimpin oleh"
M_HEAD_EVAL = "Penilai pimpinan unit"
M_HEAD_EVAL_NONE = "tidak ditetapkan"
M_LAYERS = "Lapisan struktural maksimum"
M_JF_UNDER = "JF dapat langsung di bawah"
M_DIST = "Penetap distribusi predikat kinerja"
M_RULES = "Atasan dan penilai menurut model"
M_RULES_NONE = "Model ini tidak menetapkan aturan penilai."
M_SUBJECT = "Jabatan yang dinilai"
M_EVALUATOR = "Penilai yang ditetapkan"
M_NOTES = "Catatan penyusun profil"
M_DIAGRAM = "Bagan model"
M_UNITS = "Unit yang menerapkan model ini"
M_NO_UNITS = "Belum ada unit yang menyatakan permodelan {model}."
M_CONFORM = "Unit sesuai"
M_CONFORM_HELP = "Unit yang menyatakan model ini dan tidak memiliki temuan {rules} di dalamnya."
M_DEVIATING = "Unit menyimpang"
M_STATUS_OK = "Sesuai"
M_STATUS_BAD = "Menyimpang"
M_ACTUAL_HEAD = "Pimpinan sebenarnya"
M_ACTUAL_LAYERS = "Lapisan"
M_NEAREST = "Model terdekat"
M_MODEL_FINDINGS = "Temuan model"
M_OTHER_FINDINGS = "Temuan lain"
M_IN_SCOPE = "Unit dalam lingkup model ini yang menyatakan model lain atau tidak menyatakan model"
M_DECLARED = "Model dinyatakan"
M_HOW = "Model"
M_DECLARED_BY_UNIT = "dinyatakan"
M_INFERRED = "disimpulkan dari nama/jenis unit"
M_UNIT_GRAPH = "Graf unit yang menerapkan"
M_UNIT_PICK = "Unit"
M_DEVIATIONS = "Penyimpangan di unit ini"
M_NO_DEVIATIONS = "Tidak ada penyimpangan terhadap model di unit ini."

# Temuan.
F_RULES = "Aturan"
F_SEVERITY = "Tingkat"
F_SEARCH = "Cari di subjek atau pesan"
F_ALL_RULES = "Semua aturan"
F_ALL_SEVERITIES = "Semua tingkat"
F_DETAIL = "Rincian temuan"
F_DETAIL_HELP = "Pilih baris pada tabel untuk melihat rinciannya."
F_SHOWN = "{n} dari {total} temuan ditampilkan."
F_NONE = "Tidak ada temuan yang cocok dengan saringan."
F_CSV = "Unduh CSV"
F_XLSX = "Unduh XLSX"
F_BY_RULE = "Ringkasan per aturan"

# Graf.
G_MODE = "Tampilkan"
G_MODES = {"unit": "Subpohon unit", "jabatan": "Rantai atasan & penilai", "tim": "Tim kerja", "cari": "Pencarian"}
G_SEARCH = "Cari nama, kode, atau NIP"
G_SEARCH_HELP = "Minimal 2 karakter; mencari unit, jabatan, pegawai, dan tim."
G_SEARCH_RESULTS = "Hasil pencarian"
G_DETAIL = "Keterangan"
G_SEARCH_NONE = "Tidak ada yang cocok dengan pencarian."
G_SEARCH_SHORT = "Ketik minimal 2 karakter."
G_SEARCH_KIND = {"unit": "Unit", "jabatan": "Jabatan", "pegawai": "Pegawai", "tim": "Tim"}
G_POSITION = "Jabatan"
PER = "Tanggal acuan"
PER_HELP = "Pemeriksaan menilai pendelegasian (dan masa berlakunya) pada tanggal ini; bawaan: hari ini."
G_DELEGATIONS = "Pendelegasian kewenangan penilaian yang mencakup jabatan ini"
G_DELEGATIONS_HELP = ("Dari pendelegasian.csv: pejabat lain yang diberi kewenangan menilai jabatan ini, dengan SK-nya. "
                      "Yang berlaku pada tanggal acuan membuat penilaiannya sah (EVAL-NOT-ATASAN).")
G_DELEGATE = "Penerima"
G_GIVER = "Pemberi"
G_SCOPE = "Lingkup"
G_SK = "SK"
G_PERIOD = "Masa berlaku"
G_IN_FORCE = "Berlaku pada tanggal acuan"
YES = "ya"
NO = "tidak"
G_TEAM = "Tim"
G_NOT_PLACED = "Pegawai ini tidak menduduki jabatan; tidak ada rantai untuk digambar."
G_SIZE = "{nodes} simpul, {edges} garis."
G_AGGREGATED = (
    "Subpohon ini berisi {positions} jabatan; lebih dari {limit} simpul digambar sebagai satu simpul per unit "
    "(dengan jumlah jabatan dan yang kosong)."
)
G_DEPTH_CUT = "Hanya {depth} tingkat unit teratas yang digambar ({shown} dari {total} unit)."
G_LEGEND = (
    "Warna = jenis jabatan; garis penuh = atasan langsung; garis putus-putus = penilai (bila berbeda dari atasan); "
    "tepi merah = ada temuan; simpul pucat = jabatan kosong."
)
G_LEGEND_UNITS = (
    "Satu kotak per unit dengan jumlah jabatan dan yang kosong (termasuk unit di bawahnya yang tidak digambar); "
    "tepi merah = ada temuan. Pilih sebuah unit untuk melihat jabatannya."
)
G_GROUPED = (
    "{n} jabatan tanpa bawahan digambar sebagai {groups} simpul kelompok (per atasan dan jenis); "
    "daftar lengkapnya ada di bawah graf."
)
G_GROUP_LABEL = "{n} × {jenis}\n{k} kosong"
G_MORE = "… dan {n} lainnya"
G_NODES = "Daftar simpul"
G_NO_POSITIONS = "Unit ini belum memiliki jabatan."
G_OUTSIDE = "di luar subpohon"
G_ALT = "Graf jaringan {what}"

# Tooltip lines (network.py).
TT_KODE = "Kode: {v}"
TT_JENIS = "Jenis: {v}"
TT_UNIT = "Unit: {v}"
TT_HOLDER = "Pemangku: {v}"
TT_PLT = "Plt: {v}"
TT_VACANT = "Jabatan kosong"
TT_PENILAI = "Penilai: {v}"
TT_FINDING = "Temuan: {v}"
TT_POSITIONS = "{n} jabatan, {k} kosong"
TT_PERAN = "Peran: {v}"
TT_PENUGASAN = "Penugasan: {v}"
TT_MEMBERS = "{n} anggota"
TT_PERIOD = "Masa: {a} s.d. {b}"
TT_SK = "SK: {v}"
TT_OWNER = "Pemilik kinerja"
TT_ISSUER = "Penerbit SK"
TT_FROM_AGENCY = "Dari instansi: {v}"
EDGE_ATASAN = "atasan"
EDGE_PENILAI = "penilai"
EDGE_ANGGOTA = "anggota"
EDGE_KETUA = "ketua"
EDGE_PEMILIK = "pemilik"
EDGE_SK = "SK"
EDGE_UNIT = "unit"

# Tim kerja.
T_COUNT = "Tim"
T_NO_LEADER = "Tanpa ketua"
T_CROSS_UNIT = "Lintas unit"
T_CROSS_UNIT_HELP = "Anggota berasal dari lebih dari satu unit, atau dari unit selain pemilik kinerja."
T_CROSS_AGENCY = "Lintas instansi"
T_CROSS_AGENCY_HELP = "Tim yang beranggotakan pegawai dari instansi lain."
T_AVG_MONTHS = "Durasi rata-rata (bulan)"
T_NONE = "Instansi ini belum memiliki tim kerja."
T_OWNER = "Pemilik kinerja"
T_LEADER = "Ketua"
T_MEMBERS = "Anggota"
T_MEMBER_UNITS = "Unit asal anggota"
T_FROM_OTHER = "Dari instansi lain"
T_START = "Mulai"
T_END = "Selesai"
T_MONTHS = "Durasi (bulan)"
T_SK = "Nomor SK"
T_ISSUER = "Penerbit SK"
T_DURATION_CHART = "Durasi tim"
T_PER_OWNER = "Tim per unit pemilik kinerja"
T_DETAIL = "Rincian tim"
T_PICK = "Tim"
T_ROLE = "Peran"
T_ASSIGNMENT = "Penugasan"
T_SHOW_GRAPH = "Tampilkan graf tim"
T_ONGOING = "tanpa tanggal selesai"
T_NO_MEMBERS = "Tim ini belum memiliki anggota."


def num(v: object, digits: int = 2) -> str:
    """Numbers as Indonesians write them: 10.000 and 2,17."""
    if v is None:
        return NONE
    if isinstance(v, float):
        out = f"{v:,.{digits}f}".replace(",", "_").replace(".", ",").replace("_", ".")
        return out.rstrip("0").rstrip(",") if "," in out else out
    if isinstance(v, int):
        return f"{v:,}".replace(",", ".")
    return str(v)


def pct(v: float | None) -> str:
    """0.25 -> '25%'; a share under one percent keeps a decimal (0.001 -> '0,1%'), so it never reads as none."""
    if v is None:
        return NONE
    p = v * 100
    return f"{num(round(p, 1), 1)}%" if 0 < p < 1 else f"{p:.0f}%"


def jabatan_jenis(v: str | None) -> str:
    return JABATAN_JENIS.get(v or "", v or NONE)


def kinds(values) -> str:
    """['administrator', 'pengawas'] -> 'Administrator, Pengawas'."""
    return ", ".join(jabatan_jenis(v) for v in values) if values else NONE


def unit_jenis(v: str | None) -> str:
    return UNIT_JENIS.get(v or "", v or NONE)


def severity(v: str) -> str:
    return SEVERITY.get(v, v)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def md(value: object) -> str:
    """Data (a name, a code) made safe to put inside Markdown: every Markdown
    and Streamlit directive character is backslash-escaped, so a name shows
    as written and can never become a link, an emoji, a colour or HTML."""
    return _MD_SPECIAL.sub(r"\\\1", str(value)).replace("\n", " ")
