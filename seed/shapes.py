"""What a clean organisation looks like under one profile.

``Policy`` reads a profile the way the checks do (queries/checks/*.cypher):
who may evaluate whom (EVAL-GRADE, EVAL-MODEL), which model a unit declares
(MODEL-UNDECLARED, MODEL-MISMATCH), how deep structural tiers may go
(LAYERS-DEEP), whom a JF may sit under (``jf_under`` of the unit's nearest
declared model) and who may issue a team's SK. The generator asks it before it
places anything, so a clean bundle is clean by construction.

``FAMILIES`` and ``THEMES`` describe the kinds of unit an Indonesian Pemda has
after the 2022 flattening (Setda, dinas/badan with a sekretariat and bidang,
kecamatan with kelurahan, UPTD, puskesmas, schools, RSUD installations) and
the functional titles that fill them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sikerja.loader.schema import JENJANG_RANK
from sikerja.loader.write import candidate_models
from sikerja.queries.profiles import Permodelan, PositionMatch, Profile, models_of

STRUCTURAL = ("kepala_daerah", "jpt_madya", "jpt_pratama", "administrator", "pengawas")
JENJANG_LABEL = {
    "ahli_utama": "Ahli Utama", "ahli_madya": "Ahli Madya", "ahli_muda": "Ahli Muda",
    "ahli_pertama": "Ahli Pertama", "penyelia": "Penyelia", "mahir": "Mahir",
    "terampil": "Terampil", "pemula": "Pemula",
}
KEAHLIAN = ("ahli_utama", "ahli_madya", "ahli_muda", "ahli_pertama")
# Staff mix of one unit: (jenis, jenjang, weight); pelaksana weight is set per theme.
JF_WEIGHTS = (
    ("ahli_utama", 0.3), ("ahli_madya", 6.0), ("ahli_muda", 20.0), ("ahli_pertama", 24.0),
    ("penyelia", 8.0), ("mahir", 12.0), ("terampil", 13.0), ("pemula", 1.5),
)
# Jenjang a JF head with tugas tambahan is given, most senior first.
HEAD_JENJANG = ("ahli_madya", "ahli_muda", "ahli_pertama", "penyelia", "mahir")
# Jenjang of a JF penanggung jawab of a group, most fitting first.
PJ_PREFERENCE = {"ahli_muda": 0, "ahli_pertama": 1, "penyelia": 2, "mahir": 3, "ahli_madya": 4, "terampil": 5}


def kind_below(kind: str) -> str | None:
    """The structural kind one level down (jpt_madya -> jpt_pratama -> ... -> pengawas -> None)."""
    i = STRUCTURAL.index(kind) if kind in STRUCTURAL else len(STRUCTURAL) - 1
    return STRUCTURAL[i + 1] if i + 1 < len(STRUCTURAL) else None


def is_structural(kind: str) -> bool:
    return kind in STRUCTURAL


@dataclass(frozen=True, slots=True)
class Seat:
    """A position already placed, as the positions below it see it."""

    kode: str
    jenis: str
    jenjang: str
    unit: str
    heads: bool  # heads its unit: its superior sits outside the unit
    holder: str = ""  # NIP of the definitive holder
    acting: str = ""  # NIP of the Plt
    declares: bool = False  # heads a unit that declares a permodelan

    @property
    def filled(self) -> bool:
        return bool(self.holder or self.acting)


@dataclass(frozen=True, slots=True)
class Subject:
    """A position about to be placed, as the evaluator rules see it."""

    jenis: str
    jenjang: str
    model: Permodelan | None  # nearest model declared on its unit or an ancestor
    heads_declaring_unit: bool = False
    outer_model: Permodelan | None = None  # for the head of a declaring unit: the model above that unit


def _matches(m: PositionMatch, jenis: str, jenjang: str) -> bool:
    return jenis in m.jenis and (m.jenjang is None or jenjang in m.jenjang)


class Policy:
    """A profile read for shaping: every question the generator asks of it."""

    def __init__(self, profile: Profile):
        self.profile = profile
        t = profile.thresholds
        self.span_max = t.span_max.value if t.span_max.value is not None else 16
        self.span_min = t.span_min.value if t.span_min.value is not None else 0
        self.layers_max = t.layers_max.value
        self.team_months_max = t.team_months_max.value
        self.leader_months_max = t.leader_months_max.value
        self.teams = profile.teams
        self.evaluators = profile.evaluators
        self.model_kinds = {k for m in profile.models for k in m.applies_to.unit_kinds}
        self.model_names = {n for m in profile.models for n in m.applies_to.unit_names}
        self.model_rows = models_of(profile.id) or []

    # --- permodelan -------------------------------------------------------------------------

    def must_declare(self, jenis: str, nama: str) -> bool:
        """A unit of a kind or name some model names declares its model (the generator always does)."""
        return jenis in self.model_kinds or nama in self.model_names

    def candidates(self, jenis: str, nama: str, kelas: str) -> list[str]:
        """The models the loader would consider for such a unit undeclared (it infers the only one)."""
        return candidate_models({"jenis": jenis, "nama": nama, "kelas": kelas}, self.model_rows)

    def model_for(self, jenis: str, nama: str, kelas: str = "", head: str | None = None) -> Permodelan | None:
        """The model such a unit declares: the one naming it, else the first whose kinds (and
        kelas) fit, preferring one whose head kind is ``head``."""
        named = [m for m in self.profile.models if nama in m.applies_to.unit_names]
        if named:
            return named[0]
        kinds = [m for m in self.profile.models if jenis in m.applies_to.unit_kinds]
        by_kelas = [m for m in kinds if not m.applies_to.unit_kelas or kelas in m.applies_to.unit_kelas]
        for pool in (by_kelas, kinds):
            fitting = [m for m in pool if head is None or head in m.head]
            if fitting:
                return fitting[0]
        return (by_kelas or kinds or [None])[0]

    def kelas_for(self, jenis: str) -> str:
        """A kelas some model of this unit kind names, else ''."""
        for m in self.profile.models:
            if jenis in m.applies_to.unit_kinds and m.applies_to.unit_kelas:
                return m.applies_to.unit_kelas[0]
        return ""

    def layers_limit(self, declared: Permodelan | None) -> int | None:
        return declared.layers_max if declared is not None else self.layers_max

    def jf_may_sit_under(self, model: Permodelan | None, atasan_jenis: str) -> bool:
        """A JF's direct superior is of a kind its unit's nearest model allows (``jf_under``)."""
        return model is None or not model.jf_under or atasan_jenis in model.jf_under

    def may_sit_under(self, model: Permodelan | None, jenis: str, jenjang: str, atasan: Seat) -> bool:
        """ATASAN-GRADE, as the check reads it, for staff placed directly under ``atasan``, the head
        of their own unit: a structural kind the profile allows or a JF head, and what the unit's
        nearest model says (its ``atasan`` entries, else ``jf_under`` for a JF)."""
        a = self.profile.atasan
        jf_head = atasan.jenis == "fungsional" and atasan.heads and a.jf_unit_head
        if atasan.jenis not in a.staff_kinds and not jf_head:
            return False
        if model is None:
            return True
        rule = next((r for r in model.atasan if _matches(r.subject, jenis, jenjang)), None)
        kinds = rule.atasan if rule else (model.jf_under if jenis == "fungsional" else ())
        return not kinds or atasan.jenis in kinds

    # --- evaluators ---------------------------------------------------------------------------

    def violations(self, subject: Subject, ev: Seat) -> frozenset[str]:
        """The evaluator rules an evaluator would break for this subject (as the checks read them).

        A JF may evaluate only as the head of a unit containing the subject; every seat of a
        chain that heads a unit is an ancestor-or-self unit head, so ``ev.heads`` says it.
        """
        found: set[str] = set()
        e = self.evaluators
        jf_head = ev.jenis == "fungsional" and e.jf_unit_head_may_evaluate and ev.heads
        if ev.jenis not in e.allowed_kinds and not jf_head:
            found.add("EVAL-GRADE")
        # EVAL-GRADE judges the head of a declaring unit by the model above it
        graded = subject.outer_model if subject.heads_declaring_unit else subject.model
        model_id = graded.id if graded else None
        for f in e.forbidden:
            if not _matches(f.subject, subject.jenis, subject.jenjang) or ev.jenis not in f.evaluator:
                continue
            if f.only_models is not None and model_id not in f.only_models:
                continue
            if model_id in f.except_models:
                continue
            found.add("EVAL-GRADE")
        if (e.jf_same_or_lower_forbidden and subject.jenis == "fungsional" and ev.jenis == "fungsional"
                and JENJANG_RANK.get(ev.jenjang, 0) <= JENJANG_RANK.get(subject.jenjang, 0)):
            found.add("EVAL-GRADE")
        kinds = self.model_evaluator_kinds(subject)
        if kinds is not None and ev.jenis not in kinds:
            found.add("EVAL-MODEL")
        return frozenset(found)

    def model_evaluator_kinds(self, subject: Subject) -> tuple[str, ...] | None:
        """EVAL-MODEL: the kinds the model prescribes for this subject, None = no prescription."""
        m = subject.model
        if m is None:
            return None
        if subject.heads_declaring_unit:
            return m.head_evaluator or None
        rule = next((r for r in m.evaluators if _matches(r.subject, subject.jenis, subject.jenjang)), None)
        return rule.evaluator if rule else None

    def valid_evaluators(self, subject: Subject, chain: tuple[Seat, ...]) -> list[Seat]:
        return [s for s in chain if s.filled and not self.violations(subject, s)]

    def relation(self, subject: Subject) -> str:
        """Which position the model makes the subject's evaluator (EVAL-NOT-ATASAN): 'atasan' unless
        a model entry names another."""
        m = subject.model
        if m is None or subject.heads_declaring_unit:
            return "atasan"
        rule = next((r for r in m.evaluators if _matches(r.subject, subject.jenis, subject.jenjang)), None)
        return rule.penilai if rule else "atasan"

    def penilai(self, subject: Subject, chain: tuple[Seat, ...]) -> Seat | None:
        """The seat the text makes the subject's evaluator (``chain[0]`` is its atasan langsung),
        or None where that seat may not evaluate it (or only a delegate may): the subject does
        not belong there."""
        if subject.heads_declaring_unit:
            # the head of a unit with its own model reports to whoever may rate it (a UPTD's head to
            # the Kepala Dinas); the generator makes that seat its atasan too
            return next((s for s in chain if s.filled and not self.violations(subject, s)), None)
        relation = self.relation(subject)
        if relation == "atasan":
            i: int | None = 0
        elif relation == "atasan_atasan":
            i = 1
        elif relation in ("kepala_unit", "kepala_induk"):
            i = next((k for k, s in enumerate(chain) if s.heads and s.declares), None)
            if i is not None and relation == "kepala_induk":
                i += 1
        else:
            i = None
        if i is None or i >= len(chain) or self.violations(subject, chain[i]):
            return None
        return chain[i]

    # --- teams ----------------------------------------------------------------------------------

    def sk_issuer(self, chain: tuple[Seat, ...], cross_agency: bool = False) -> Seat | None:
        kinds = set(self.teams.sk_issuers)
        if cross_agency:
            kinds &= set(self.teams.cross_agency_sk_issuers)
        return next((s for s in chain if s.jenis in kinds), None)

    @staticmethod
    def _role_seats(chain: tuple[Seat, ...], sekda: Seat | None) -> dict[str, Seat | None]:
        """TEAM-SK-MISSING's roles for a team owned by ``chain[0]``'s unit (chain: its head up to the root's)."""
        return {"pimpinan_pemilik": chain[0] if len(chain) >= 2 else None,
                "kepala_pd": chain[-2] if len(chain) >= 2 else None,
                "sekretaris_daerah": sekda, "kepala_daerah": chain[-1]}

    def sk_signer(self, scope: str, chain: tuple[Seat, ...], sekda: Seat | None) -> Seat | None:
        """Who signs a team SK of ``scope`` (unit, pd, pemda, instansi): by role where the profile gives
        teams.sk_scope, else by kind as before."""
        if self.teams.sk_scope is None:
            return self.sk_issuer(chain, cross_agency=scope == "instansi")
        seats = self._role_seats(chain, sekda)
        return next((seats[r] for r in self.teams.sk_scope[scope].peran if seats[r] is not None), None)

    def signer_ok(self, seat: Seat, scope: str, chain: tuple[Seat, ...], sekda: Seat | None) -> bool:
        """TEAM-SK-MISSING, as the check reads it, finds nothing about ``seat`` signing such a team."""
        if self.teams.sk_scope is None:
            return seat.jenis in self.teams.sk_issuers
        seats = self._role_seats(chain, sekda)
        return any(seats[r] is not None and seats[r].kode == seat.kode for r in self.teams.sk_scope[scope].peran)

    def may_lead(self, jenis: str) -> bool:
        return jenis in self.teams.leader_kinds

    def team_months(self) -> tuple[int, int]:
        """Team length in months: 6-12, within team_months_max when set (``inMonths`` of a
        period of n whole months is n - 1, so n = max is still within)."""
        top = 12 if self.team_months_max is None else max(1, min(12, self.team_months_max))
        return min(6, top), top


# --- unit families --------------------------------------------------------------------------


@dataclass(frozen=True)
class Family:
    """One kind of unit: its unit jenis and head kinds (first feasible wins), the child
    families it has once (``fixed``) or repeats as its budget grows (``repeat``; ``"service"``
    stands for its theme's service units), whether JF/pelaksana sit under its head, whether
    they may be grouped under a JF penanggung jawab, and its typical size."""

    key: str
    jenis: tuple[str, ...]
    head: tuple[str, ...]  # "below" = one structural level below the parent's head
    abbr: str
    fixed: tuple[str, ...] = ()
    repeat: tuple[str, ...] = ()
    staff: bool = True
    groups: bool = False
    size: int = 12


FAMILIES: dict[str, Family] = {f.key: f for f in (
    # The Sekda of a kabupaten/kota and the Asisten are JPT Pratama (UU 5/2014, Penjelasan Pasal 19 ayat (1)).
    Family("setda", ("sekretariat_daerah",), ("jpt_pratama",), "SETDA", repeat=("asisten", "bagian"), staff=False, size=40),
    Family("asisten", ("asisten",), ("jpt_pratama",), "AS", repeat=("bagian",), staff=False, size=30),
    Family("bagian", ("bagian",), ("administrator", "below"), "BAG", repeat=("subbagian",), size=10),
    Family("subbagian", ("subbagian",), ("pengawas",), "SUB", size=6),
    Family("pd", ("dinas",), ("jpt_pratama", "administrator"), "PD", fixed=("sekretariat",), repeat=("bidang",), staff=False, size=45),
    Family("sekretariat", ("sekretariat",), ("below",), "SEK", repeat=("subbagian",), size=8),
    Family("bidang", ("bidang",), ("below",), "BID", repeat=("service",), size=10),
    Family("uptd", ("uptd",), ("pengawas",), "UPTD", repeat=("service",), size=8),
    Family("kecamatan", ("kecamatan",), ("administrator",), "KEC", fixed=("seksi",), repeat=("kelurahan",), size=40),
    Family("seksi", ("seksi",), ("below",), "SKS", size=6),
    Family("kelurahan", ("kelurahan",), ("pengawas",), "KEL", size=8),
    Family("rsud", ("rsud",), ("jpt_pratama", "administrator"), "RSUD", fixed=("bagian",), repeat=("bidang",), staff=False, size=80),
    Family("puskesmas", ("puskesmas", "uptd"), ("fungsional", "pengawas"), "PKM", repeat=("pustu",), groups=True, size=28),
    Family("pustu", ("lainnya",), ("fungsional",), "PST", groups=True, size=8),
    Family("sekolah", ("satuan_pendidikan",), ("fungsional",), "SP", groups=True, size=22),
    Family("instalasi", ("lainnya",), ("fungsional",), "INS", repeat=("ruang",), groups=True, size=24),
    Family("ruang", ("lainnya",), ("fungsional",), "RG", groups=True, size=12),
)}


# --- vocabulary -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Theme:
    """What a perangkat daerah does: bidang names, functional titles (``A`` keahlian only,
    ``T`` keterampilan only, ``AT`` both), pelaksana titles and share, UPTD names, service
    families for its bidang, team topics."""

    key: str
    keywords: tuple[str, ...]
    bidang: tuple[str, ...]
    jf: tuple[tuple[str, str], ...]
    pelaksana_share: float = 0.30
    uptd: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()


PELAKSANA = (
    "Pengadministrasi Perkantoran", "Penata Layanan Operasional", "Pengolah Data dan Informasi",
    "Operator Layanan Operasional", "Pengelola Umum Operasional", "Penelaah Teknis Kebijakan",
)
GENERAL_JF = (
    ("Analis Kebijakan", "A"), ("Perencana", "A"), ("Pranata Komputer", "AT"), ("Arsiparis", "AT"),
    ("Analis Sumber Daya Manusia Aparatur", "A"), ("Analis Keuangan Pusat dan Daerah", "A"),
    ("Pranata Keuangan APBN", "T"), ("Pranata Hubungan Masyarakat", "AT"), ("Pengelola Pengadaan Barang/Jasa", "A"),
    ("Statistisi", "AT"), ("Penata Kelola Sistem dan Teknologi Informasi", "A"),
)
GENERAL_TOPICS = (
    "Reformasi Birokrasi", "Penyusunan Rencana Strategis", "Pengelolaan Arsip Dinamis", "Sistem Pemerintahan Berbasis Elektronik",
    "Pengendalian Inflasi Daerah", "Pelaporan Kinerja", "Zona Integritas", "Pengelolaan Barang Milik Daerah",
)

THEMES: tuple[Theme, ...] = (
    Theme("pendidikan", ("Pendidikan",), ("Bidang Pembinaan Sekolah Dasar", "Bidang Pembinaan Sekolah Menengah Pertama",
          "Bidang Pendidikan Anak Usia Dini dan Nonformal", "Bidang Guru dan Tenaga Kependidikan", "Bidang Kebudayaan"),
          (("Guru", "A"), ("Pengawas Sekolah", "A"), ("Pamong Belajar", "A"), ("Penilik", "A"), ("Pustakawan", "AT"),
           ("Pranata Laboratorium Pendidikan", "T")),
          0.25, ("UPTD Satuan Pendidikan Wilayah",),
          ("sekolah", "uptd"),
          ("Asesmen Nasional", "Kurikulum Merdeka", "Penerimaan Peserta Didik Baru", "Pencegahan Anak Tidak Sekolah")),
    Theme("kesehatan", ("Kesehatan",), ("Bidang Kesehatan Masyarakat", "Bidang Pencegahan dan Pengendalian Penyakit",
          "Bidang Pelayanan Kesehatan", "Bidang Sumber Daya Kesehatan"),
          (("Dokter", "A"), ("Perawat", "AT"), ("Bidan", "AT"), ("Apoteker", "A"), ("Nutrisionis", "AT"), ("Sanitarian", "AT"),
           ("Epidemiolog Kesehatan", "AT"), ("Penyuluh Kesehatan Masyarakat", "A"), ("Pranata Laboratorium Kesehatan", "AT"),
           ("Administrator Kesehatan", "A")),
          0.25, ("UPTD Laboratorium Kesehatan Daerah", "UPTD Instalasi Farmasi"), ("puskesmas",),
          ("Percepatan Penurunan Stunting", "Eliminasi Tuberkulosis", "Imunisasi Rutin Lengkap", "Pengendalian Demam Berdarah")),
    Theme("rsud", ("Rumah Sakit",), ("Bidang Pelayanan Medik", "Bidang Keperawatan", "Bidang Penunjang Medik", "Bidang Sarana dan Prasarana"),
          (("Dokter", "A"), ("Dokter Spesialis", "A"), ("Perawat", "AT"), ("Bidan", "AT"), ("Apoteker", "A"),
           ("Radiografer", "AT"), ("Perekam Medis", "AT"), ("Fisioterapis", "AT"), ("Nutrisionis", "AT"),
           ("Pranata Laboratorium Kesehatan", "AT")),
          0.25, (), ("instalasi",),
          ("Akreditasi Rumah Sakit", "Pencegahan dan Pengendalian Infeksi", "Keselamatan Pasien", "Rekam Medis Elektronik")),
    Theme("pekerjaan_umum", ("Pekerjaan Umum", "Tata Ruang", "Penataan Ruang"), ("Bidang Bina Marga", "Bidang Sumber Daya Air",
          "Bidang Penataan Ruang", "Bidang Cipta Karya"),
          (("Teknik Jalan dan Jembatan", "AT"), ("Teknik Pengairan", "AT"), ("Penata Ruang", "A"), ("Teknik Tata Bangunan dan Perumahan", "AT"),
           ("Pembina Jasa Konstruksi", "A")), 0.30, ("UPTD Pengairan", "UPTD Pengelolaan Air Minum", "UPTD Peralatan dan Perbekalan"), ("uptd",),
          ("Pemeliharaan Jalan Kota", "Penanganan Genangan", "Rencana Detail Tata Ruang")),
    Theme("perumahan", ("Perumahan", "Permukiman"), ("Bidang Perumahan", "Bidang Kawasan Permukiman", "Bidang Pertanahan"),
          (("Teknik Tata Bangunan dan Perumahan", "AT"), ("Penata Kelola Pertanahan", "A"), ("Penata Ruang", "A")), 0.30,
          ("UPTD Rumah Susun Sederhana Sewa", "UPTD Instalasi Pengelolaan Lumpur Tinja"), ("uptd",),
          ("Penanganan Rumah Tidak Layak Huni", "Penataan Kawasan Kumuh")),
    Theme("sosial", ("Sosial",), ("Bidang Rehabilitasi Sosial", "Bidang Perlindungan dan Jaminan Sosial", "Bidang Pemberdayaan Sosial"),
          (("Pekerja Sosial", "AT"), ("Penyuluh Sosial", "AT")), 0.30, ("UPTD Rumah Singgah",), ("uptd",),
          ("Data Terpadu Kesejahteraan Sosial", "Penanganan Gelandangan dan Pengemis")),
    Theme("tenaga_kerja", ("Tenaga Kerja", "Transmigrasi"), ("Bidang Pelatihan dan Produktivitas", "Bidang Penempatan Tenaga Kerja",
          "Bidang Hubungan Industrial"), (("Pengantar Kerja", "AT"), ("Instruktur", "AT"), ("Mediator Hubungan Industrial", "A")), 0.30,
          ("UPTD Balai Latihan Kerja",), ("uptd",), ("Bursa Kerja", "Perlindungan Pekerja Migran")),
    Theme("pertanian", ("Pertanian", "Pangan", "Perikanan", "Peternakan"), ("Bidang Tanaman Pangan dan Hortikultura",
          "Bidang Peternakan dan Kesehatan Hewan", "Bidang Ketahanan Pangan", "Bidang Perikanan", "Bidang Penyuluhan"),
          (("Penyuluh Pertanian", "AT"), ("Medik Veteriner", "A"), ("Paramedik Veteriner", "T"), ("Pengawas Mutu Hasil Pertanian", "AT"),
           ("Analis Ketahanan Pangan", "A"), ("Penyuluh Perikanan", "AT")), 0.25,
          ("UPTD Balai Benih Ikan", "UPTD Pusat Kesehatan Hewan", "UPTD Balai Penyuluhan Pertanian", "UPTD Rumah Potong Hewan"), ("uptd",),
          ("Cadangan Pangan Daerah", "Pengendalian Penyakit Mulut dan Kuku", "Gerakan Tanam Serentak")),
    Theme("lingkungan", ("Lingkungan Hidup",), ("Bidang Tata Lingkungan", "Bidang Pengelolaan Sampah", "Bidang Pengendalian Pencemaran"),
          (("Pengendali Dampak Lingkungan", "A"), ("Pengawas Lingkungan Hidup", "A"), ("Penyuluh Lingkungan Hidup", "A")), 0.40,
          ("UPTD Tempat Pemrosesan Akhir Sampah", "UPTD Laboratorium Lingkungan"), ("uptd",),
          ("Adipura", "Bank Sampah", "Pengawasan Izin Lingkungan")),
    Theme("kependudukan", ("Kependudukan", "Pencatatan Sipil"), ("Bidang Pelayanan Pendaftaran Penduduk", "Bidang Pelayanan Pencatatan Sipil",
          "Bidang Pengelolaan Informasi Administrasi Kependudukan"), (("Administrator Database Kependudukan", "AT"), ("Pranata Komputer", "AT")),
          0.45, (), (), ("Identitas Kependudukan Digital", "Jemput Bola Perekaman KTP-el")),
    Theme("perhubungan", ("Perhubungan",), ("Bidang Lalu Lintas", "Bidang Angkutan", "Bidang Sarana dan Prasarana Perhubungan"),
          (("Penguji Kendaraan Bermotor", "AT"), ("Analis Transportasi", "A"), ("Pengawas Keselamatan Pelayaran", "AT")), 0.40,
          ("UPTD Pengujian Kendaraan Bermotor", "UPTD Terminal", "UPTD Pengelolaan Perparkiran"), ("uptd",),
          ("Manajemen Rekayasa Lalu Lintas", "Keselamatan Angkutan Lebaran")),
    Theme("kominfo", ("Komunikasi", "Informatika", "Statistik", "Persandian"), ("Bidang Aplikasi Informatika", "Bidang Informasi dan Komunikasi Publik",
          "Bidang Statistik dan Persandian"), (("Pranata Komputer", "AT"), ("Pranata Hubungan Masyarakat", "AT"), ("Sandiman", "AT"),
          ("Statistisi", "AT"), ("Penata Kelola Sistem dan Teknologi Informasi", "A")), 0.30, (), (),
          ("Satu Data Indonesia", "Keamanan Informasi", "Layanan Aspirasi Masyarakat")),
    Theme("ekonomi", ("Koperasi", "Usaha", "Perdagangan", "Perindustrian", "Penanaman Modal", "Pelayanan Terpadu"),
          ("Bidang Koperasi", "Bidang Usaha Mikro", "Bidang Perdagangan", "Bidang Perindustrian", "Bidang Pelayanan Perizinan"),
          (("Pengawas Koperasi", "A"), ("Penyuluh Perindustrian dan Perdagangan", "A"), ("Penera", "AT"), ("Pengawas Perdagangan", "A"),
           ("Analis Perizinan", "A")), 0.30, ("UPTD Pengelolaan Pasar", "UPTD Metrologi Legal"), ("uptd",),
          ("Stabilisasi Harga Bahan Pokok", "Perizinan Berusaha Berbasis Risiko", "Pendampingan UMKM")),
    Theme("pariwisata", ("Pariwisata", "Kebudayaan", "Kepemudaan", "Olahraga"), ("Bidang Destinasi Pariwisata", "Bidang Ekonomi Kreatif",
          "Bidang Kepemudaan", "Bidang Keolahragaan", "Bidang Kebudayaan"), (("Adyatama Kepariwisataan dan Ekonomi Kreatif", "A"),
          ("Pamong Budaya", "A"), ("Analis Kepemudaan", "A")), 0.35, ("UPTD Gelanggang Olahraga", "UPTD Sanggar Seni dan Budaya"), ("uptd",),
          ("Festival Budaya Daerah", "Pekan Olahraga Daerah")),
    Theme("perpustakaan", ("Perpustakaan", "Arsip", "Kearsipan"), ("Bidang Perpustakaan", "Bidang Kearsipan"),
          (("Pustakawan", "AT"), ("Arsiparis", "AT")), 0.30, (), (), ("Gerakan Gemar Membaca", "Penyelamatan Arsip Statis")),
    Theme("pemberdayaan", ("Pemberdayaan", "Perlindungan Anak", "Keluarga Berencana", "Perempuan", "Desa"),
          ("Bidang Pemberdayaan Perempuan", "Bidang Perlindungan Anak", "Bidang Pengendalian Penduduk dan Keluarga Berencana",
           "Bidang Pemberdayaan Masyarakat"), (("Penyuluh Keluarga Berencana", "AT"), ("Analis Pemberdayaan Masyarakat", "A"),
          ("Pekerja Sosial", "AT")), 0.30, ("UPTD Perlindungan Perempuan dan Anak",), ("uptd",),
          ("Kota Layak Anak", "Bangga Kencana", "Pencegahan Kekerasan Terhadap Perempuan")),
    Theme("keuangan", ("Keuangan", "Aset", "Pendapatan", "Pajak", "Retribusi"), ("Bidang Anggaran", "Bidang Perbendaharaan",
          "Bidang Akuntansi", "Bidang Aset", "Bidang Pendapatan"), (("Analis Keuangan Pusat dan Daerah", "A"), ("Pranata Keuangan APBN", "T"),
          ("Penilai Pemerintah", "A"), ("Pemeriksa Pajak Daerah", "A")), 0.35, ("UPTD Kas Daerah", "UPTD Pemanfaatan Aset Daerah"), ("uptd",),
          ("Optimalisasi Pendapatan Asli Daerah", "Penyusunan Laporan Keuangan", "Penatausahaan Aset")),
    Theme("perencanaan", ("Perencanaan", "Penelitian", "Riset", "Inovasi"), ("Bidang Perencanaan Pemerintahan dan Pembangunan Manusia",
          "Bidang Perencanaan Perekonomian dan Infrastruktur", "Bidang Penelitian dan Pengembangan"),
          (("Perencana", "A"), ("Peneliti", "A"), ("Analis Kebijakan", "A"), ("Statistisi", "AT")), 0.25, (), (),
          ("Rencana Kerja Pemerintah Daerah", "Inovasi Daerah", "Evaluasi Pembangunan")),
    Theme("kepegawaian", ("Kepegawaian", "Sumber Daya Manusia"), ("Bidang Pengadaan dan Informasi Kepegawaian", "Bidang Mutasi dan Promosi",
          "Bidang Pengembangan Kompetensi"), (("Analis Sumber Daya Manusia Aparatur", "A"), ("Asesor Sumber Daya Manusia Aparatur", "A"),
          ("Widyaiswara", "A")), 0.30, (), (), ("Manajemen Talenta", "Penilaian Kinerja Pegawai", "Seleksi Calon ASN")),
    Theme("ketertiban", ("Satuan Polisi", "Kesatuan Bangsa", "Bencana", "Pemadam", "Kebakaran"), ("Bidang Penegakan Peraturan Daerah",
          "Bidang Ketertiban Umum", "Bidang Perlindungan Masyarakat", "Bidang Kedaruratan dan Logistik", "Bidang Pencegahan dan Kesiapsiagaan"),
          (("Polisi Pamong Praja", "AT"), ("Analis Bencana", "A"), ("Analis Kebijakan", "A"), ("Pemadam Kebakaran", "T")), 0.45, (), (),
          ("Penegakan Peraturan Daerah", "Kesiapsiagaan Bencana", "Kewaspadaan Dini")),
    Theme("pengawasan", ("Inspektorat",), ("Inspektorat Pembantu Wilayah I", "Inspektorat Pembantu Wilayah II", "Inspektorat Pembantu Wilayah III"),
          (("Auditor", "AT"), ("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", "A")), 0.15, (), (),
          ("Reviu Laporan Keuangan", "Pengawasan Dana Desa", "Evaluasi Sistem Pengendalian Intern")),
    Theme("dprd", ("Dewan", "DPRD"), ("Bagian Umum dan Keuangan", "Bagian Persidangan dan Perundang-undangan", "Bagian Fasilitasi Anggaran dan Pengawasan"),
          (("Analis Kebijakan", "A"), ("Perancang Peraturan Perundang-undangan", "A"), ("Pranata Hubungan Masyarakat", "AT")), 0.40, (), (),
          ("Pembahasan Rancangan Peraturan Daerah", "Reses Anggota DPRD")),
    Theme("pemerintahan", ("Kecamatan", "Kelurahan", "Sekretariat Daerah", "Asisten", "Bagian"),
          ("Bagian Pemerintahan", "Bagian Hukum", "Bagian Kesejahteraan Rakyat", "Bagian Perekonomian", "Bagian Administrasi Pembangunan",
           "Bagian Pengadaan Barang dan Jasa", "Bagian Umum", "Bagian Organisasi", "Bagian Protokol dan Komunikasi Pimpinan",
           "Bagian Perencanaan dan Keuangan"),
          (("Analis Kebijakan", "A"), ("Perancang Peraturan Perundang-undangan", "A"), ("Penata Kelola Pemerintahan", "A"), ("Pranata Komputer", "AT"),
           ("Pengelola Pengadaan Barang/Jasa", "A"), ("Analis Hukum", "A")), 0.40, (), (),
          ("Pelayanan Administrasi Terpadu Kecamatan", "Musyawarah Perencanaan Pembangunan", "Penyusunan Produk Hukum Daerah")),
)
DEFAULT_THEME = Theme("umum", (), ("Bidang Program dan Evaluasi", "Bidang Pelayanan", "Bidang Pembinaan"), GENERAL_JF, 0.35, (), (), GENERAL_TOPICS)


UNIT_PREFIXES = (
    ("Sekretariat Daerah", "sekretariat_daerah"), ("Sekretariat DPRD", "sekretariat_dprd"),
    ("Sekretariat Dewan", "sekretariat_dprd"), ("Inspektorat", "inspektorat"), ("Satuan Polisi", "satpol_pp"),
    ("Dinas", "dinas"), ("Badan", "badan"), ("Rumah Sakit", "rsud"), ("Kecamatan", "kecamatan"),
    ("Kelurahan", "kelurahan"), ("Pusat Kesehatan", "puskesmas"), ("UPT Puskesmas", "puskesmas"),
    ("Puskesmas", "puskesmas"), ("UPT Satuan Pendidikan", "satuan_pendidikan"), ("UPTD Satuan Pendidikan", "satuan_pendidikan"),
    ("Satuan Pendidikan", "satuan_pendidikan"), ("UPTD", "uptd"), ("UPT", "uptd"),
)


def jenis_for(nama: str, kinds: tuple[str, ...]) -> str:
    """The unit jenis of a name as a regulation prints it, among the kinds its model lists."""
    for prefix, jenis in UNIT_PREFIXES:
        if nama.startswith(prefix) and (not kinds or jenis in kinds):
            return jenis
    return kinds[-1] if kinds else "lainnya"


def theme_for(nama: str) -> Theme:
    """The theme whose keyword the unit name contains (first match), else a general one."""
    lowered = nama.lower()
    for t in THEMES:
        if any(k.lower() in lowered for k in t.keywords):
            return t
    return DEFAULT_THEME


# Names a generic Pemda uses when the profile names none; the theme follows the name.
DEFAULT_PD_NAMES = (
    ("inspektorat", "Inspektorat Daerah"), ("sekretariat_dprd", "Sekretariat DPRD"),
    ("badan", "Badan Perencanaan Pembangunan Daerah"), ("badan", "Badan Keuangan dan Aset Daerah"),
    ("badan", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"), ("dinas", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    ("dinas", "Dinas Sosial"), ("dinas", "Dinas Lingkungan Hidup"), ("dinas", "Dinas Perhubungan"),
    ("dinas", "Dinas Kependudukan dan Pencatatan Sipil"), ("dinas", "Dinas Komunikasi dan Informatika"),
    ("dinas", "Dinas Pertanian dan Ketahanan Pangan"), ("satpol_pp", "Satuan Polisi Pamong Praja"),
    ("dinas", "Dinas Perumahan dan Kawasan Permukiman"), ("dinas", "Dinas Koperasi, Usaha Mikro dan Perdagangan"),
    ("badan", "Badan Penanggulangan Bencana Daerah"), ("dinas", "Dinas Tenaga Kerja"), ("dinas", "Dinas Perpustakaan dan Kearsipan"),
    ("dinas", "Dinas Pariwisata, Kepemudaan dan Olahraga"), ("badan", "Badan Kesatuan Bangsa dan Politik"),
    ("dinas", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak"), ("badan", "Badan Pendapatan Daerah"),
)
ASISTEN = (
    ("Asisten Pemerintahan dan Kesejahteraan Rakyat", ("Bagian Pemerintahan", "Bagian Hukum", "Bagian Kesejahteraan Rakyat")),
    ("Asisten Perekonomian dan Pembangunan", ("Bagian Perekonomian", "Bagian Administrasi Pembangunan", "Bagian Pengadaan Barang dan Jasa")),
    ("Asisten Administrasi Umum", ("Bagian Umum", "Bagian Organisasi", "Bagian Protokol dan Komunikasi Pimpinan", "Bagian Perencanaan dan Keuangan")),
)
SUBBAGIAN = ("Subbagian Umum dan Kepegawaian", "Subbagian Keuangan", "Subbagian Perencanaan dan Pelaporan", "Subbagian Tata Usaha")
SEKSI_KECAMATAN = ("Seksi Pemerintahan", "Seksi Ketenteraman dan Ketertiban Umum", "Seksi Pemberdayaan Masyarakat", "Seksi Pelayanan Umum")
INSTALASI = ("Instalasi Gawat Darurat", "Instalasi Rawat Inap", "Instalasi Rawat Jalan", "Instalasi Bedah Sentral",
             "Instalasi Farmasi", "Instalasi Laboratorium", "Instalasi Radiologi", "Instalasi Gizi")
RUANG = ("Melati", "Mawar", "Anggrek", "Cempaka", "Dahlia", "Kenanga", "Flamboyan", "Teratai", "Seruni", "Kamboja")
GROUP_NAMES = {
    "puskesmas": ("Klaster Ibu dan Anak", "Klaster Usia Dewasa dan Lanjut Usia", "Klaster Penanggulangan Penyakit Menular", "Pelayanan Kefarmasian"),
    "pustu": ("Pelayanan Kesehatan Desa",),
    "sekolah": ("Kurikulum", "Kesiswaan", "Sarana dan Prasarana", "Hubungan Masyarakat"),
    "instalasi": ("Shift Pagi", "Shift Siang", "Shift Malam", "Pelayanan Khusus"),
    "ruang": ("Tim Perawatan I", "Tim Perawatan II", "Tim Perawatan III"),
}
SCHOOL_LEVELS = ("SD Negeri", "SMP Negeri", "TK Negeri")
PLACE_PREFIX = (
    "Suka", "Karang", "Sido", "Tanjung", "Sumber", "Banjar", "Mekar", "Wono", "Marga", "Harjo", "Tegal", "Purwo",
    "Rejo", "Bumi", "Gunung", "Kali", "Teluk", "Air", "Bukit", "Sungai", "Pasir", "Kebon",
)
PLACE_SUFFIX = ("maju", "sari", "mulyo", "rejo", "jaya", "makmur", "asri", "indah", "harjo", "agung", "baru", "damai")
FIRST_MALE = (
    "Agus", "Budi", "Dedi", "Eko", "Fajar", "Hendra", "Irwan", "Joko", "Kurniawan", "Luthfi", "Muhammad", "Nanang",
    "Rudi", "Slamet", "Teguh", "Wahyu", "Yusuf", "Zainal", "Andi", "Bambang", "Dimas", "Gilang", "Hadi", "Rizky",
    "Arif", "Bayu", "Dani", "Heru", "Imam", "Putra", "Rahmat", "Samsul", "Taufik", "Yoga", "Ferry", "Aditya",
)
FIRST_FEMALE = (
    "Ayu", "Dewi", "Fitri", "Indah", "Kartika", "Lestari", "Maya", "Nur", "Putri", "Ratna", "Sari", "Siti", "Tri",
    "Wulan", "Yuni", "Anisa", "Dian", "Eka", "Hesti", "Intan", "Lina", "Mega", "Nia", "Rina", "Sri", "Vina",
    "Endang", "Fadhilah", "Rahmawati", "Novi", "Oktaviani", "Puspita", "Ratih", "Susanti", "Widya", "Yulia",
)
FAMILY_NAMES = (
    "Santoso", "Wibowo", "Saputra", "Hidayat", "Kurniawan", "Pratama", "Setiawan", "Nugroho", "Lestari", "Rahayu",
    "Siregar", "Nasution", "Harahap", "Simanjuntak", "Hutapea", "Sinaga", "Lubis", "Pane", "Sembiring", "Ginting",
    "Wijaya", "Susanto", "Purnomo", "Hartono", "Suharto", "Permana", "Ramadhan", "Firmansyah", "Syahputra", "Utami",
    "Handayani", "Wulandari", "Anggraini", "Maharani", "Rachman", "Hakim", "Fauzi", "Sulistyo", "Prasetyo", "Kusuma",
    "Sitompul", "Manurung", "Tarigan", "Purba", "Daulay", "Matondang", "Effendi", "Marpaung", "Situmorang", "Panjaitan",
)
DEGREES = ("S.E.", "S.Sos.", "S.H.", "S.T.", "S.Kom.", "S.AP.", "S.Pd.", "S.Kep.", "S.Tr.Keb.", "S.Si.", "M.Si.", "M.M.", "M.Kes.", "A.Md.")
