"""Synthetic agency bundles of any size, shaped by a profile, with planted faults.

``generate_bundle`` writes the six CSV files of DESIGN §1 plus ``faults.csv``
(rule, subjek, keterangan): the answer key of every fault it planted. It walks
the unit tree depth first and writes each row as soon as it exists, keeping
only the open units of the current path (a few dozen rows of state), so memory
stays flat from a few hundred to millions of positions. The same arguments give
byte-identical files (one ``random.Random`` per stream, no clock, no set order).

Every placement is asked of ``shapes.Policy`` first: a unit's head and every
position get an evaluator the profile accepts, spans stay within the
thresholds, structural tiers within the unit's model, JF sit under the kinds
their model allows, teams get a JF/pelaksana leader and an SK from an allowed
issuer. Faults are planted in about ``fault_rate`` of the units, cycling
through the rules the profile enables; a fault that unavoidably triggers
another rule (a vacant head makes EVAL-VACANT for its staff) lists that too.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import random
import shutil
import tempfile
from bisect import bisect
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

from sikerja.queries.profiles import Permodelan, load_profile
from sikerja.seed import shapes
from sikerja.seed.shapes import FAMILIES, Family, Policy, Seat, Subject, Theme

HEADERS: dict[str, tuple[str, ...]] = {
    "instansi": ("kode", "nama", "profil"),
    "unit": ("kode", "nama", "jenis", "induk", "permodelan", "kelas"),
    "jabatan": ("kode", "nama", "jenis", "jenjang", "unit", "atasan_langsung", "penilai"),
    "pegawai": ("nip", "nama", "status", "jabatan", "plt", "instansi_asal"),
    "tim": ("kode", "nama", "jenis", "pemilik_kinerja", "sk_nomor", "sk_penerbit", "mulai", "selesai"),
    "anggota_tim": ("tim", "nip", "peran", "mulai", "selesai", "penugasan"),
    "faults": ("rule", "subjek", "keterangan"),
}
VACANCY = 0.10  # staff positions without an official
PLT_SHARE = 0.05  # structural heads held by a Plt (the parent unit's head)
PPPK_SHARE = 0.18  # of JF and pelaksana officials
CROSS_AGENCY_SHARE = 0.06  # teams with members from another agency
OTHER_AGENCIES = ("PEMPROV", "BPS", "BPKP", "KEMENAG", "BPN")

# Rules a unit can carry, by what they need: a leaf unit with staff, or its placement.
STAFF_RULES = (
    "EVAL-MISSING", "EVAL-MULTIPLE", "EVAL-GRADE", "EVAL-MODEL", "EVAL-NOT-ATASAN", "ATASAN-MISSING", "ATASAN-CYCLE",
    "ATASAN-OUTSIDE", "ATASAN-GRADE", "ROLE-REVOKED", "POSITION-DOUBLE", "PEGAWAI-UNPLACED",
)
EVALUATOR_RULES = ("EVAL-MULTIPLE", "EVAL-GRADE", "EVAL-MODEL", "EVAL-NOT-ATASAN")  # planted by the choice of penilai
HEAD_RULES = ("EVAL-VACANT", "POSITION-VACANT-HEAD", "SPAN-WIDE", "SPAN-NARROW", "LAYERS-DEEP")
TEAM_RULES = (
    "TEAM-LEADER-GRADE", "TEAM-LEADER-COUNT", "TEAM-LEADER-UNIT", "TEAM-OWNER-MISSING", "TEAM-DURATION",
    "TEAM-SK-MISSING", "TEAM-CROSS-AGENCY", "TEAM-MEMBER-GRADE", "TEAM-SCOPE",
)
PLACEMENT_RULES = ("MODEL-UNDECLARED", "MODEL-MISMATCH")
PLANTABLE = STAFF_RULES + HEAD_RULES + TEAM_RULES + PLACEMENT_RULES

NIP_START = dt.date(1966, 1, 1)
NIP_SPACE = 13149 * 1998  # birth dates 1966-2001 x gender x sequence 001-999
NIP_MULT = 7_777_777  # coprime with NIP_SPACE: the counter maps to NIPs one to one


class GenerateError(Exception):
    """The bundle cannot be generated as asked; the message says why (Bahasa Indonesia)."""


# --- output --------------------------------------------------------------------------------


class BundleWriter:
    """Rows go straight to CSV files in a hidden sibling folder; ``commit`` renames it to ``out``."""

    def __init__(self, out: Path):
        self.out = out
        _refuse_foreign_folder(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
        self.tmp.chmod(0o755)  # mkdtemp makes it private; the bundle is an ordinary folder
        self._files = {n: open(self.tmp / f"{n}.csv", "w", encoding="utf-8", newline="") for n in HEADERS}
        self.rows = {n: csv.writer(f, lineterminator="\n").writerow for n, f in self._files.items()}
        self.counts = dict.fromkeys(HEADERS, 0)
        for name, header in HEADERS.items():
            self.rows[name](header)

    def write(self, name: str, row: tuple[str, ...] | list[str]) -> None:
        self.rows[name](row)
        self.counts[name] += 1

    def commit(self) -> Path:
        self._close()
        old = None
        if self.out.exists():
            old = self.out.with_name(f"{self.tmp.name}.old")
            self.out.rename(old)
        self.tmp.rename(self.out)
        if old is not None:
            shutil.rmtree(old)
        return self.out

    def abort(self) -> None:
        self._close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _close(self) -> None:
        for f in self._files.values():
            f.close()


def _refuse_foreign_folder(out: Path) -> None:
    """Replace only an earlier bundle (or an empty folder), never someone's other files."""
    if out.exists() and not out.is_dir():
        raise GenerateError(f"{out} sudah ada dan bukan folder")
    if out.is_dir() and any(out.iterdir()) and not (out / "instansi.csv").is_file():
        raise GenerateError(f"folder {out} sudah berisi berkas lain (bukan bundel); pilih folder lain")


# --- officials ----------------------------------------------------------------------------


class People:
    """Well-formed, unique NIPs from a counter, and Indonesian names to match their gender digit."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.count = 0

    def nip(self) -> tuple[str, str]:
        if self.count >= NIP_SPACE:
            raise GenerateError("kehabisan NIP unik")
        k = (self.count * NIP_MULT + 104_729) % NIP_SPACE
        self.count += 1
        seq, gender = k % 999 + 1, "1" if (k // 999) % 2 == 0 else "2"
        born = NIP_START + dt.timedelta(days=k // 1998)
        tmt_year = min(born.year + 19 + (k // 7) % 17, 2024)
        return f"{born:%Y%m%d}{tmt_year:04d}{k % 12 + 1:02d}{gender}{seq:03d}", gender

    def name(self, gender: str, title: str = "") -> str:
        rng = self.rng
        first = rng.choice(shapes.FIRST_MALE if gender == "1" else shapes.FIRST_FEMALE)
        nama = f"{first} {rng.choice(shapes.FAMILY_NAMES)}"
        if title.startswith("Dokter"):
            return f"dr. {nama}" + (", Sp.PD." if "Spesialis" in title else "")
        if rng.random() < 0.7:
            nama += ", " + ("S.Pd." if title.startswith("Guru") else rng.choice(shapes.DEGREES))
        return nama


# --- the walk ------------------------------------------------------------------------------


@dataclass
class UnitSpec:
    """A unit to build: its family, name and budget (``cap``: at most this many); ``extras``
    are named children placed under it, ``more`` whether generic children may be added."""

    family: str
    nama: str
    budget: int = 0
    cap: int = 0
    jenis: str = ""
    kelas: str = ""
    kode: str = ""
    place: str = ""
    extras: tuple[UnitSpec, ...] = ()
    more: bool = True


@dataclass(frozen=True)
class Placement:
    """How a child unit fits under its parent (indices point into the parent's chain)."""

    jenis: str
    kelas: str
    declared: Permodelan | None
    model: Permodelan | None
    head: str
    head_jenjang: str
    penilai: int
    own_limit: int | None  # the child's own LAYERS limit (root child or declared model), None = unchecked

    def tiers(self, parent: Unit, kode: str) -> tuple[tuple[str, int, int], ...]:
        """(unit, limit, tier of this head) for every unit whose LAYERS limit the head counts against."""
        structural = shapes.is_structural(self.head)
        inherited = tuple((u, limit, t + 1) for u, limit, t in parent.tiers) if structural else parent.tiers
        own = ((kode, self.own_limit, 1 if structural else 0),) if self.own_limit else ()
        return inherited + own


@dataclass(eq=False)
class Unit:
    """An open unit on the current path."""

    kode: str
    nama: str
    jenis: str
    family: Family
    theme: Theme
    place: str
    model: Permodelan | None
    declared: Permodelan | None
    head: Seat
    chain: tuple[Seat, ...]
    tiers: tuple[tuple[str, int, int], ...]
    head_pegawai: tuple[str, str, str] | None  # nip, nama, status of the holder
    is_root: bool = False
    rule: str | None = None  # the fault planted in this unit
    next_pos: int = 2
    kids: dict[str, int] = field(default_factory=dict)
    reports: int = 0
    plt_for: str = ""
    sample: list[Seat] = field(default_factory=list)
    child_samples: list[list[Seat]] = field(default_factory=list)
    pool: list[Seat] = field(default_factory=list)
    gap: int = 10
    teams: int = 0
    options: list[tuple[str, str, Seat]] = field(default_factory=list)
    cum: list[float] = field(default_factory=list)
    peer: Seat | None = None
    prev: Seat | None = None  # the staff position placed last in this unit (a JF or Pelaksana)
    fault_done: bool = False
    outsider: Seat | None = None  # a filled staff seat of a unit closed before this one opened


class Faults:
    """Which units get a fault and which rule, and the answer key (faults.csv)."""

    def __init__(self, plant: list[str], enabled: set[str], rate: float, rng: random.Random, writer: BundleWriter,
                 max_each: int | None = None):
        self.rules = [r for r in plant if r in PLANTABLE and r in enabled]
        self.enabled = enabled
        self.rate, self.rng, self.writer = rate, rng, writer
        self.max_each = max_each
        self.counts = dict.fromkeys(self.rules, 0)
        self.seen: set[tuple[str, str]] = set()

    def draw(self) -> list[str]:
        """The rules to try in this unit, least planted first; [] for a clean unit."""
        if self.rate <= 0 or not self.rules or self.rng.random() >= self.rate:
            return []
        todo = [r for r in self.rules if self.max_each is None or self.counts[r] < self.max_each]
        return sorted(todo, key=lambda r: (self.counts[r], self.rules.index(r)))

    def planted(self, rule: str) -> None:
        self.counts[rule] += 1

    def record(self, rule: str, subjek: str, keterangan: str) -> None:
        if rule in self.enabled and (rule, subjek) not in self.seen:
            self.seen.add((rule, subjek))
            self.writer.write("faults", (rule, subjek, keterangan))


def add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    return dt.date(d.year + y, m + 1, 1)


class Engine:
    """Builds one agency depth first, writing rows as it goes."""

    def __init__(self, policy: Policy, region: Region, rng: random.Random, writer: BundleWriter, faults: Faults,
                 places: tuple[str, ...] = (), labels: dict[str, str] | None = None):
        self.policy = policy
        self.region = region
        self.places = places  # place names used first (a reference agency's own kelurahan)
        self.labels = labels or {}  # family key -> how its units are called, e.g. puskesmas -> "UPT Puskesmas"
        self.rng = rng
        self.w = writer
        self.faults = faults
        self.people = People(rng)
        self.last_staff: Seat | None = None  # a filled JF/pelaksana of the last closed unit
        self.sekda: Seat | None = None  # the head of the Sekretariat Daerah, once opened (an SK role)
        self.pd_of: dict[str, str] = {}  # unit -> the Perangkat Daerah (root child) it belongs to
        self.pd_heads: dict[str, Seat] = {}  # Perangkat Daerah -> its head
        self.parent_of: dict[str, str] = {}  # unit -> its parent unit
        self.place_no = 0
        self.schools: dict[str, int] = {}
        self._placements: dict[tuple, Placement | None] = {}
        self._cores: dict[tuple, tuple[tuple[str, str, int], ...]] = {}
        self._titles: dict[tuple[str, bool], tuple[str, ...]] = {}
        self._caps: dict[tuple, float] = {}
        # direct reports moved between heads: a unit head that sits under a seat above its parent's
        # head (a UPTD's head under the Kepala Dinas) counts there, not under the parent's head
        self._span_shift: Counter[str] = Counter()

    # --- agency ---

    def build(self, region: Region, root_kode: str, children: list[UnitSpec]) -> None:
        nip, gender = self.people.nip()
        head = Seat(f"{root_kode}.001", "kepala_daerah", "", root_kode, True, holder=nip)
        root = Unit(root_kode, f"Pemerintah {region.nama}", "pemda", Family("root", ("pemda",), ("kepala_daerah",), root_kode),
                    shapes.DEFAULT_THEME, "", None, None, head, (head,), (), (nip, self.people.name(gender), "PNS"),
                    is_root=True)
        self.w.write("unit", (root.kode, root.nama, "pemda", "", "", ""))
        place = region.nama.split(" ", 1)[-1]
        self.w.write("jabatan", (head.kode, f"{region.kepala} {place}", "kepala_daerah", "", root.kode, "", ""))
        caps = []
        for spec in children:
            fam = FAMILIES[spec.family]
            kelas = spec.kelas or self.policy.kelas_for(spec.jenis or fam.jenis[0])
            pl = self._place(root, fam, spec.nama, kelas, jenis=spec.jenis)
            caps.append(self._capacity(self._hypothetical(root, fam, spec.nama, pl)) if pl else 0)
        budgets = water_fill([s.budget for s in children], [min(c, s.cap or c) for s, c in zip(children, caps)])
        carry = 0
        for spec, budget in zip(children, budgets):
            given = budget + carry
            carry = given - self._child(root, spec, given)
        self._close(root)

    def _capacity(self, u: Unit) -> float:
        """About how many positions the unit and its sub-units can hold cleanly (inf = no limit):
        each head takes at most span_max reports, tiers stop at the model's depth."""
        key = (u.family.key, u.theme.key, self._chain_key(u))
        if key in self._caps:
            return self._caps[key]
        self._caps[key] = 1.0  # guards against a family that would contain itself
        fam, smax = u.family, self.policy.span_max
        core = self._core(u) if fam.staff else ()
        if fam.groups and any(j == "fungsional" for j, _, _ in core) and self.policy.jf_may_sit_under(u.model, "fungsional"):
            cap = math.inf
        else:
            fixed = [self._child_capacity(u, k) for k in fam.fixed]
            each = max([self._child_capacity(u, k) for k in self._repeat_families(u)] + [1.0 if core else 0.0])
            cap = 1 + sum(fixed) + max(0, smax - len(fixed)) * each
        self._caps[key] = cap
        return cap

    def _child_capacity(self, u: Unit, key: str) -> float:
        fam = FAMILIES[key]
        pl = self._place(u, fam, self._generic_name(key), "")
        return self._capacity(self._hypothetical(u, fam, self._generic_name(key), pl)) if pl else 0.0

    # --- placement ---

    def _chain_key(self, u: Unit) -> tuple:
        return (u.head.jenis, u.head.jenjang, u.model.id if u.model else "", u.is_root,
                tuple(sorted(limit - t for _, limit, t in u.tiers)),
                tuple((s.jenis, s.jenjang, s.heads, s.filled, s.declares) for s in u.chain))

    def _place(self, parent: Unit, fam: Family, nama: str, kelas: str, fault: str | None = None,
               ignore_tiers: bool = False, jenis: str = "") -> Placement | None:
        key = (fam.key, jenis, nama if nama in self.policy.model_names else "", self._theme(parent, fam, nama).key, kelas,
               fault, ignore_tiers, self._chain_key(parent))
        if key not in self._placements:
            self._placements[key] = self._find_placement(parent, fam, nama, kelas, fault, ignore_tiers, jenis)
        return self._placements[key]

    def _head_kinds(self, parent: Unit, fam: Family, declared: Permodelan | None, fault: str | None) -> list[str]:
        kinds = [shapes.kind_below(parent.head.jenis) if h == "below" else h for h in fam.head]
        kinds = [k for k in kinds if k]
        if fault == "MODEL-MISMATCH":
            extra = [k for k in (*shapes.STRUCTURAL[1:], "fungsional") if k not in kinds]
            return [k for k in kinds + extra if declared is not None and k not in declared.head]
        if declared is not None:
            return [k for k in kinds if k in declared.head] or [k for k in declared.head if k in fam.head or fam.head == ("below",)]
        return kinds

    def _find_placement(self, parent: Unit, fam: Family, nama: str, kelas: str, fault: str | None,
                        ignore_tiers: bool, jenis_wanted: str = "") -> Placement | None:
        p = self.policy
        for jenis in (jenis_wanted,) if jenis_wanted else fam.jenis:
            if fault == "MODEL-UNDECLARED" and len(p.candidates(jenis, nama, kelas)) < 2:
                continue  # one candidate: the loader infers it, nothing to report
            declare = p.must_declare(jenis, nama) and fault != "MODEL-UNDECLARED"
            if fault == "MODEL-MISMATCH" and not declare:
                continue
            base = p.model_for(jenis, nama, kelas) if declare else None
            for head in self._head_kinds(parent, fam, base, fault):
                declared = base if fault == "MODEL-MISMATCH" else (p.model_for(jenis, nama, kelas, head) if declare else None)
                model = declared or parent.model
                if shapes.is_structural(head):
                    if not shapes.is_structural(parent.head.jenis):
                        continue
                    if shapes.STRUCTURAL.index(head) <= shapes.STRUCTURAL.index(parent.head.jenis):
                        continue
                    if not ignore_tiers and any(t + 1 > limit for _, limit, t in parent.tiers):
                        continue
                # a JF head sits where its model's head rule says; jf_under is about the JF under it
                checked = declared is not None or parent.is_root
                own = p.layers_limit(declared) if checked else None
                for jenjang in shapes.HEAD_JENJANG if head == "fungsional" else ("",):
                    subject = Subject(head, jenjang, model, declared is not None, parent.model)
                    ev = p.penilai(subject, parent.chain)
                    if ev is None:
                        continue
                    pl = Placement(jenis, kelas, declared, model, head, jenjang, parent.chain.index(ev), own)
                    if self._viable(parent, fam, nama, pl):
                        return pl
        return None

    @staticmethod
    def _theme(parent: Unit, fam: Family, nama: str) -> Theme:
        """Perangkat daerah take their theme from their name; their sub-units inherit it."""
        if fam.key == "rsud":
            return shapes.theme_for("Rumah Sakit")
        if fam.key in ("pd", "setda", "kecamatan") or parent.is_root:
            return shapes.theme_for(nama)
        return parent.theme

    def _hypothetical(self, parent: Unit, fam: Family, nama: str, pl: Placement) -> Unit:
        head = Seat("?", pl.head, pl.head_jenjang, "?", True, holder="?", declares=pl.declared is not None)
        return Unit("?", nama, pl.jenis, fam, self._theme(parent, fam, nama), "", pl.model, pl.declared, head,
                    (head,) + parent.chain, pl.tiers(parent, "?"), None)

    def _viable(self, parent: Unit, fam: Family, nama: str, pl: Placement) -> bool:
        """The unit can hold something: staff under its head, or at least one child unit. A
        service unit (puskesmas, school, installation) must be able to hold JF: one staffed by
        pelaksana alone is no puskesmas."""
        u = self._hypothetical(parent, fam, nama, pl)
        core = self._core(u) if fam.staff else ()
        if fam.groups:
            return any(j == "fungsional" for j, _, _ in core)
        if core:
            return True
        return any(self._place(u, FAMILIES[k], self._generic_name(k), "") for k in (*fam.fixed, *self._repeat_keys(u)))

    def _repeat_keys(self, u: Unit) -> list[str]:
        """Child families the unit may repeat, in preference order."""
        keys: list[str] = []
        for k in u.family.repeat:
            for key in (u.theme.services if k == "service" else (k,)):
                if key != u.family.key and key not in keys:
                    keys.append(key)
        return keys

    def _repeat_families(self, u: Unit) -> list[str]:
        """The child families the unit can repeat here, in preference order."""
        return [k for k in self._repeat_keys(u) if self._place(u, FAMILIES[k], self._generic_name(k), "")]

    def _repeat_for(self, u: Unit, per_slot: float) -> str | None:
        """The family to repeat: the first feasible one, or a later one (a UPTD above the schools)
        when the first would grow past four times its typical size."""
        keys = self._repeat_families(u)
        if len(keys) > 1 and per_slot > 4 * FAMILIES[keys[0]].size:
            return keys[1]
        return keys[0] if keys else None

    @staticmethod
    def _generic_name(key: str) -> str:
        return {"asisten": "Asisten", "bagian": "Bagian Umum", "subbagian": "Subbagian Umum", "sekretariat": "Sekretariat",
                "bidang": "Bidang", "seksi": "Seksi", "uptd": "UPTD", "kelurahan": "Kelurahan", "puskesmas": "Puskesmas",
                "pustu": "Puskesmas Pembantu", "sekolah": "Sekolah", "instalasi": "Instalasi", "ruang": "Ruang"}.get(key, key)

    # --- staff options ---

    def _core(self, u: Unit) -> tuple[tuple[str, str, int], ...]:
        """(jenis, jenjang, index of the penilai in u.chain) for staff placed directly under the head."""
        key = self._chain_key(u)
        if key not in self._cores:
            p, out = self.policy, []
            for jenis, jenjang in (("pelaksana", ""), *(("fungsional", j) for j, _ in shapes.JF_WEIGHTS)):
                if not p.may_sit_under(u.model, jenis, jenjang, u.head):
                    continue
                ev = p.penilai(Subject(jenis, jenjang, u.model), u.chain)
                if ev is not None:
                    out.append((jenis, jenjang, u.chain.index(ev)))
            self._cores[key] = tuple(out)
        return self._cores[key]

    def _set_options(self, u: Unit) -> None:
        weights = dict(shapes.JF_WEIGHTS)
        jf_total = sum(weights.values())
        pel = jf_total * u.theme.pelaksana_share / (1 - u.theme.pelaksana_share)
        u.options = [(j, g, u.chain[i]) for j, g, i in self._core(u) if self._titles_for(u, j, g)]
        u.cum = list(accumulate(pel if j == "pelaksana" else weights[g] for j, g, _ in u.options))

    def _pick(self, u: Unit) -> tuple[str, str, Seat]:
        return u.options[bisect(u.cum, self.rng.random() * u.cum[-1])]

    def _groups_ok(self, u: Unit) -> bool:
        """Never: staff of a JF-led unit sit under its JF head, who rates them ("dibawah Pejabat
        Fungsional sebagai pimpinan unit organisasi", Metro Lampiran BAB II huruf E angka 6 huruf a);
        a JF "penanggung jawab" between them would be an atasan who may not rate (audit
        metro-2023 §4). Kept as a switch for the family flag ``groups``."""
        return False

    def _titles_for(self, u: Unit, jenis: str, jenjang: str) -> tuple[str, ...]:
        if jenis == "pelaksana":
            return shapes.PELAKSANA
        keahlian = jenjang in shapes.KEAHLIAN
        key = (u.theme.key, keahlian)
        if key not in self._titles:
            flag = "A" if keahlian else "T"
            titles = tuple(t for t, f in u.theme.jf if flag in f) or tuple(t for t, f in shapes.GENERAL_JF if flag in f)
            self._titles[key] = titles
        return self._titles[key]

    # --- units ---

    def _child(self, parent: Unit, spec: UnitSpec, budget: int) -> int:
        fam = FAMILIES[spec.family]
        nama = spec.nama
        kelas = spec.kelas or self.policy.kelas_for(spec.jenis or fam.jenis[0])
        pl = self._place(parent, fam, nama, kelas, jenis=spec.jenis)
        rule = None
        for candidate in self.faults.draw():
            if candidate in PLACEMENT_RULES:
                alt = self._place(parent, fam, nama, kelas, candidate, jenis=spec.jenis)
                if alt is not None:
                    pl, rule = alt, candidate
                    break
            elif (pl is not None and not spec.extras and (candidate not in HEAD_RULES or budget <= 3 * fam.size)
                  and self._applicable(candidate, parent, fam, nama, pl)):  # head faults make a leaf: small units only
                rule = candidate
                break
        if pl is None:
            return 0
        before = self.w.counts["jabatan"]
        u = self._open(parent, spec, fam, pl, rule)
        if rule:
            self.faults.planted(rule)
            if rule in PLACEMENT_RULES:
                self._record_placement_fault(u, rule)
        self._fill(u, spec, budget)
        self._close(u)
        used = self.w.counts["jabatan"] - before
        parent.reports += 1
        parent.child_samples.append(u.sample)
        if not parent.sample:
            parent.sample = u.sample[:3]
        return used

    def _applicable(self, rule: str, parent: Unit, fam: Family, nama: str, pl: Placement) -> bool:
        p = self.policy
        u = self._hypothetical(parent, fam, nama, pl)
        core = self._core(u) if fam.staff else ()
        if not core:
            return False
        if rule in ("EVAL-VACANT", "POSITION-VACANT-HEAD"):
            return any(i == 0 for _, _, i in core)
        if rule == "SPAN-NARROW":
            return shapes.is_structural(pl.head) and p.span_min >= 1
        if rule == "LAYERS-DEEP":
            below = shapes.kind_below(pl.head) if shapes.is_structural(pl.head) else None
            at_limit = any(t + 1 > limit for _, limit, t in u.tiers)
            return bool(below and at_limit and self._place(u, FAMILIES["seksi"], "Seksi", "", ignore_tiers=True))
        if rule in EVALUATOR_RULES:
            return self._evaluator_fault(u, rule) is not None
        if rule == "ROLE-REVOKED":
            return bool(p.profile.revoked_titles)
        if rule in ("ATASAN-MISSING", "ATASAN-OUTSIDE") and pl.declared is not None and pl.declared.head_evaluator:
            return False  # the position would count as a head the model's head_evaluator judges
        if rule == "ATASAN-OUTSIDE":
            return self.last_staff is not None
        if rule == "ATASAN-GRADE":
            return fam.staff
        if rule in TEAM_RULES:
            return self._team_fault_possible(u, rule)
        return True

    def _team_fault_possible(self, u: Unit, rule: str) -> bool:
        p = self.policy
        if not any(p.may_lead(j) for j, _, _ in self._core(u)) or p.sk_issuer(u.chain) is None:
            return False
        if rule == "TEAM-DURATION":
            return p.team_months_max is not None or p.leader_months_max is not None
        if rule == "TEAM-LEADER-COUNT":
            return p.teams.leader_min > 0 or p.teams.leader_max < 6
        if rule == "TEAM-LEADER-GRADE":
            return any(s.holder and not p.may_lead(s.jenis) for s in u.chain)
        if rule == "TEAM-LEADER-UNIT":
            return self.last_staff is not None and p.may_lead(self.last_staff.jenis)
        if rule == "TEAM-SK-MISSING":
            return p.teams.sk_required or "fungsional" not in p.teams.sk_issuers
        if rule == "TEAM-MEMBER-GRADE":
            return u.head.holder != "" and u.head.jenis not in p.teams.member_kinds
        if rule == "TEAM-SCOPE":
            return u.outsider is not None
        return True

    def _evaluator_fault(self, u: Unit, rule: str) -> tuple[str, str, tuple[Seat, ...]] | None:
        """For a planted evaluator fault: the staff kind and the penilai seat(s) that break exactly ``rule``."""
        p = self.policy
        peer = Seat("peer", "fungsional", "ahli_pertama", u.kode, False, holder="peer")
        for jenis, jenjang, _ in self._core(u):
            subject = Subject(jenis, jenjang, u.model)
            if rule == "EVAL-MULTIPLE":
                valid = p.valid_evaluators(subject, u.chain)
                if len(valid) >= 2:
                    return jenis, jenjang, tuple(valid[:2])
                continue
            candidates = u.chain + ((peer,) if rule == "EVAL-GRADE" else ())
            if rule == "EVAL-NOT-ATASAN":  # a lawful kind, but not the position the text names
                expected = p.penilai(subject, u.chain)
                found = next((ev for ev in u.chain if ev.filled and ev is not expected and not p.violations(subject, ev)), None)
                if expected is not None and found is not None:
                    return jenis, jenjang, (found,)
                continue
            for ev in candidates:
                if ev.filled and p.violations(subject, ev) == {rule}:
                    return jenis, jenjang, (ev,)
        return None

    def _not_the_named_evaluator(self, u: Unit, jenis: str, jenjang: str, atasan_kode: str, penilai: str) -> bool:
        """EVAL-NOT-ATASAN would report a staff position with this atasan and penilai."""
        if not atasan_kode or not penilai:
            return False  # ATASAN-MISSING / EVAL-MISSING
        subject = Subject(jenis, jenjang, u.model)
        if self.policy.relation(subject) == "atasan":
            expected = atasan_kode
        else:
            seat = self.policy.penilai(subject, u.chain)
            expected = seat.kode if seat is not None else ""
        return bool(expected) and expected not in penilai.split("|")

    def _open(self, parent: Unit, spec: UnitSpec, fam: Family, pl: Placement, rule: str | None) -> Unit:
        n = parent.kids.get(fam.abbr, 0) + 1
        parent.kids[fam.abbr] = n
        kode = spec.kode or f"{parent.kode}-{fam.abbr}{n}"
        theme = self._theme(parent, fam, spec.nama)
        self.w.write("unit", (kode, spec.nama, pl.jenis, parent.kode, pl.declared.id if pl.declared else "", pl.kelas))
        tiers = pl.tiers(parent, kode)
        # the head: a holder, or (rarely) vacant with the parent's head as Plt
        head_kode = f"{kode}.001"
        title = self._head_title(fam, pl, spec.nama, theme)
        nip, gender = self.people.nip()
        pegawai: tuple[str, str, str] | None = (nip, self.people.name(gender, title), "PNS")
        holder, acting = nip, ""
        plt_ok = (shapes.is_structural(pl.head) and not parent.is_root and not parent.plt_for and parent.head.holder
                  and rule not in ("EVAL-VACANT", "POSITION-VACANT-HEAD"))
        if plt_ok and self.rng.random() < PLT_SHARE:
            holder, acting, pegawai = "", parent.head.holder, None
            parent.plt_for = head_kode
        head = Seat(head_kode, pl.head, pl.head_jenjang, kode, True, holder=holder, acting=acting,
                    declares=pl.declared is not None)
        u = Unit(kode, spec.nama, pl.jenis, fam, theme, spec.place, pl.model, pl.declared, head,
                 (head,) + parent.chain, tiers, pegawai, rule=rule)
        if pl.jenis == "sekretariat_daerah":
            self.sekda = head
        self.pd_of[kode] = kode if parent.is_root else self.pd_of.get(parent.kode, "")
        self.parent_of[kode] = parent.kode
        if parent.is_root:
            self.pd_heads[kode] = head
        # the head's evaluator is its atasan (EVAL-NOT-ATASAN); only the head of a unit with its own model
        # may sit under a seat above the parent's head (a UPTD's head under the Kepala Dinas)
        evaluator = parent.chain[pl.penilai].kode
        if evaluator != parent.head.kode:
            self._span_shift[parent.head.kode] -= 1
            self._span_shift[evaluator] += 1
        self.w.write("jabatan", (head_kode, title, pl.head, pl.head_jenjang, kode, evaluator, evaluator))
        u.gap = self.rng.randint(9, 13)
        u.outsider = self.last_staff
        self._set_options(u)
        return u

    def _head_title(self, fam: Family, pl: Placement, nama: str, theme: Theme) -> str:
        if pl.head == "fungsional":
            wanted = {"puskesmas": ("Dokter", "Perawat"), "pustu": ("Perawat", "Bidan"), "sekolah": ("Guru",),
                      "instalasi": ("Dokter Spesialis", "Dokter"), "ruang": ("Perawat",)}.get(fam.key, ())
            flag = "A" if pl.head_jenjang in shapes.KEAHLIAN else "T"
            fits = [t for t, f in (*theme.jf, *shapes.GENERAL_JF) if flag in f]
            title = next((t for t in wanted if t in fits), fits[0] if fits else "Analis Kebijakan")
            return f"{title} {shapes.JENJANG_LABEL[pl.head_jenjang]} (Kepala {nama})"
        if fam.key == "setda":
            return "Sekretaris Daerah"
        if fam.key == "asisten":
            return nama
        if fam.key == "sekretariat":
            return nama.replace("Sekretariat", "Sekretaris", 1)
        if fam.key == "kecamatan":
            return nama.replace("Kecamatan", "Camat", 1)
        if fam.key == "kelurahan":
            return nama.replace("Kelurahan", "Lurah", 1)
        if fam.key == "rsud":
            return f"Direktur {nama}"
        if nama.startswith("Inspektorat Pembantu"):
            return nama.replace("Inspektorat Pembantu", "Inspektur Pembantu", 1)
        if nama.startswith("Inspektorat"):
            return nama.replace("Inspektorat", "Inspektur", 1)
        return f"Kepala {nama}"

    def _record_placement_fault(self, u: Unit, rule: str) -> None:
        if rule == "MODEL-UNDECLARED":
            self.faults.record(rule, u.kode, f"{u.nama} ({u.jenis}) tidak menyatakan permodelan, dan lebih dari satu "
                                             "permodelan profil cocok dengan jenisnya")
        else:
            declared = u.declared.id if u.declared else ""
            self.faults.record(rule, u.kode, f"{u.nama} menyatakan {declared} tetapi dipimpin {u.head.jenis}")

    def _fill(self, u: Unit, spec: UnitSpec, budget: int) -> None:
        """Spend ``budget`` positions on the unit: staff only when small (or when a head fault
        makes it a leaf), else its fixed children, repeated children sized from the budget, and
        a few staff of its own; what children cannot hold comes back as more staff or goes up."""
        p = self.policy
        smax, smin = p.span_max, p.span_min
        rest = budget - 1
        staff_ok = u.family.staff and bool(u.options)
        structural = shapes.is_structural(u.head.jenis)
        forced = u.rule in HEAD_RULES
        fixed = list(spec.extras) + [self._generic_spec(u, k, i) for i, k in enumerate(u.family.fixed)]
        slots_guess = max(1, self.policy.span_max - len(fixed) - 2)
        first = self._repeat_for(u, (rest - sum(s.budget or self._typical(s.family) for s in fixed)) / slots_guess) if spec.more else None
        repeat = [first] if first else []
        leaf = forced or (not fixed and not repeat) or (staff_ok and rest <= u.family.size and not spec.extras)
        if leaf:
            d = self._leaf_staff(u, rest, staff_ok, structural)
            if u.rule == "LAYERS-DEEP":
                self._layers_fault(u)
            self._staff(u, d)
            return
        fixed_budgets = [s.budget or self._typical(s.family) for s in fixed]
        if sum(fixed_budgets) > rest // 2 and not spec.extras:
            fixed_budgets = [max(smin + 2, b * rest // (2 * sum(fixed_budgets))) for b in fixed_budgets]
        rem = max(0, rest - sum(fixed_budgets))
        plan: list[tuple[UnitSpec, int]] = list(zip(fixed, fixed_budgets))
        d = rem if staff_ok and not repeat else 0
        if repeat and rem > 0:
            size = max(self._typical(repeat[0]), smin + 1)
            if staff_ok:  # a kabid keeps some JF and pelaksana himself besides the units under him
                d = min(rem, smax // 2, max(2, rem // 3)) if rem < 4 * size else min(rem, self.rng.randint(2, 4))
                if u.rule in STAFF_RULES + TEAM_RULES:  # room for the planted fault, spans kept
                    d = min(max(d, smin + 3), smax - len(fixed) - 1, rem)
            left = rem - d
            slots = max(1, smax - len(fixed) - d)
            # staffed units split into service units of their typical size; containers (dinas,
            # setda, asisten, rsud) add sub-units slowly, so those grow rather than multiply
            want = math.ceil(left / size) if staff_ok else math.ceil(math.sqrt(left / size)) + 1
            k = max(1, min(slots, want, left // (smin + 1) or 1))
            k = min(slots, max(k, math.ceil(left / max(1.0, self._child_capacity(u, repeat[0])))))
            if structural and not staff_ok:
                k = max(k, smin - len(fixed))
            if left > 0:
                shares = [left // k + (1 if i < left % k else 0) for i in range(k)]
                plan += [(self._generic_spec(u, repeat[0], i), b) for i, b in enumerate(shares)]
        carry = 0
        for child, b in plan:
            given = b + carry
            carry = given - self._child(u, child, given)
        if staff_ok and carry > 0:
            room = carry if self._groups_ok(u) else max(0, smax - u.reports - d)
            add = min(carry, room)
            d, carry = d + add, carry - add
        if staff_ok and structural and u.reports + d < smin:
            d = smin - u.reports
        self._staff(u, d)

    def _leaf_staff(self, u: Unit, rest: int, staff_ok: bool, structural: bool) -> int:
        p = self.policy
        if not staff_ok:
            return 0
        if u.rule == "SPAN-WIDE":
            return p.span_max + 2
        if u.rule == "SPAN-NARROW":
            return max(0, p.span_min - 1)
        if u.rule in ("EVAL-VACANT", "POSITION-VACANT-HEAD"):
            return max(p.span_min + 1, 3)  # few staff: each filled one is also an EVAL-VACANT finding
        if u.rule in STAFF_RULES + TEAM_RULES:
            rest = max(rest, p.span_min + 4)  # room for the planted fault, spans kept
        d = rest if self._groups_ok(u) else min(rest, p.span_max)
        return max(d, p.span_min) if structural else d

    @staticmethod
    def _typical(key: str) -> int:
        return FAMILIES[key].size

    def _generic_spec(self, u: Unit, key: str, i: int) -> UnitSpec:
        nama, place = self._child_name(u, key, i)
        return UnitSpec(key, nama, place=place)

    def next_place(self) -> str:
        n = self.place_no
        self.place_no += 1
        if n < len(self.places):
            return self.places[n]
        n -= len(self.places)
        prefix, suffix = shapes.PLACE_PREFIX, shapes.PLACE_SUFFIX
        name = prefix[n % len(prefix)] + suffix[(n // len(prefix)) % len(suffix)]
        lap = n // (len(prefix) * len(suffix))
        return name if lap == 0 else f"{name} {_roman(lap + 1)}"

    def _child_name(self, u: Unit, key: str, i: int) -> tuple[str, str]:
        def nth(names: tuple[str, ...]) -> str:
            base = names[i % len(names)]
            if len(names) == 1:  # a numbered series: "UPTD Satuan Pendidikan Wilayah I", "... II"
                return f"{base} {_roman(i + 1)}"
            return base if i < len(names) else f"{base} {_roman(i // len(names) + 1)}"

        if key == "asisten":
            return nth(tuple(a for a, _ in shapes.ASISTEN)), ""
        if key == "bagian":
            if u.family.key == "asisten":
                own = next((b for a, b in shapes.ASISTEN if a == u.nama), shapes.ASISTEN[0][1])
                return nth(own), ""
            if u.family.key == "rsud":
                return nth(("Bagian Umum dan Keuangan", "Bagian Perencanaan dan Hukum")), ""
            return nth(tuple(b for _, bs in shapes.ASISTEN for b in bs)), ""
        if key == "subbagian":
            return nth(shapes.SUBBAGIAN), ""
        if key == "sekretariat":
            return f"Sekretariat {u.nama}", ""
        if key == "bidang":
            return nth(u.theme.bidang), ""
        if key == "seksi":
            return nth(shapes.SEKSI_KECAMATAN), ""
        if key == "uptd":
            return (nth(u.theme.uptd) if u.theme.uptd else f"UPTD {self.next_place()}"), ""
        if key in ("kecamatan", "kelurahan", "puskesmas", "pustu"):
            place = self.next_place()
            label = {"kecamatan": "Kecamatan", "kelurahan": "Kelurahan", "puskesmas": "Puskesmas", "pustu": "Puskesmas Pembantu"}[key]
            return f"{self.labels.get(key, label)} {place}", place
        if key == "sekolah":
            level = shapes.SCHOOL_LEVELS[i % 2]
            self.schools[level] = self.schools.get(level, 0) + 1
            town = self.region.nama.split(" ", 1)[-1]
            return f"{self.labels.get(key, '')}{level} {self.schools[level]} {town}".strip(), ""
        if key == "instalasi":
            return nth(shapes.INSTALASI), ""
        if key == "ruang":
            return f"Ruang {nth(shapes.RUANG)}", ""
        return f"Unit {i + 1}", ""

    # --- positions ---

    def _staff(self, u: Unit, n: int) -> None:
        """n JF/pelaksana positions under the head, grouped under JF penanggung jawab beyond span_max."""
        if n <= self.policy.span_max or not self._groups_ok(u) or u.rule == "SPAN-WIDE":
            self._direct(u, n, u.head)
        else:
            self._grouped(u, n, u.head, 0)

    def _grouped(self, u: Unit, n: int, atasan: Seat, depth: int) -> None:
        smax = self.policy.span_max
        if n <= smax:
            self._direct(u, n, atasan)
            return
        groups = min(smax, math.ceil(n / (smax + 1)))
        members = n - groups
        names = shapes.GROUP_NAMES.get(u.family.key, ("Pelayanan",))
        for g in range(groups):
            share = members // groups + (1 if g < members % groups else 0)
            label = names[g % len(names)] + ("" if g < len(names) else f" {_roman(g // len(names) + 1)}")
            pj = self._position(u, atasan, group=label if depth == 0 else f"{label} {depth + 1}", pj=True)
            self._grouped(u, share, pj, depth + 1)

    def _direct(self, u: Unit, n: int, atasan: Seat) -> None:
        """n positions straight under ``atasan``; the unit's planted staff fault goes to one of the
        first such run (the last of it for EVAL-GRADE, so a JF colleague exists to name as the
        wrong evaluator)."""
        rule = u.rule if not u.fault_done and n >= 3 else None
        u.fault_done = u.fault_done or rule is not None
        slot = n - 1 if rule == "EVAL-GRADE" else 1
        cycle_pair = (f"{u.kode}.{u.next_pos + slot:03d}", f"{u.kode}.{u.next_pos + slot + 1:03d}")
        for i in range(n):
            fault = rule if rule in STAFF_RULES and (i == slot or (rule == "ATASAN-CYCLE" and i == slot + 1)) else None
            if rule in ("EVAL-VACANT", "POSITION-VACANT-HEAD") and i == slot:
                fault = "head-evaluates"
            self._position(u, atasan, fault=fault, cycle=cycle_pair)

    def _position(self, u: Unit, atasan: Seat, *, group: str = "", pj: bool = False, fault: str | None = None,
                  cycle: tuple[str, str] = ("", "")) -> Seat:
        rng, rec = self.rng, self.faults.record
        kode = f"{u.kode}.{u.next_pos:03d}"
        u.next_pos += 1
        if pj:
            jfs = [o for o in u.options if o[0] == "fungsional"]
            jenis, jenjang, ev = min(jfs, key=lambda o: shapes.PJ_PREFERENCE.get(o[1], 9))
        elif fault == "head-evaluates":
            jenis, jenjang, ev = next((o for o in u.options if o[2] is u.head), self._pick(u))
        else:
            jenis, jenjang, ev = self._pick(u)
        penilai = ev.kode
        if fault in EVALUATOR_RULES:
            found = self._evaluator_fault(u, fault)
            assert found is not None
            jenis, jenjang, evs = found
            if evs[0].kode == "peer":
                evs = (u.peer,) if u.peer else evs
            if evs[0].kode == "peer":  # no filled JF peer yet: fall back to a multiple-free kind
                fault, penilai = None, ev.kode
            else:
                penilai = "|".join(s.kode for s in evs)
        title = rng.choice(self._titles_for(u, jenis, jenjang))
        nama = f"{title} {shapes.JENJANG_LABEL[jenjang]}" if jenjang else title
        if pj:
            nama += f" (Penanggung Jawab {group})"
        filled = fault is not None or rng.random() >= VACANCY
        atasan_kode = atasan.kode
        if fault == "EVAL-MISSING":
            penilai = ""
            rec(fault, kode, f"{nama} diduduki pegawai tetapi tidak punya penilai kinerja")
        elif fault == "EVAL-MULTIPLE":
            rec(fault, kode, f"{nama} mencatat dua penilai kinerja ({penilai})")
        elif fault == "EVAL-GRADE":
            rec(fault, kode, f"{nama} dinilai oleh jabatan yang tidak boleh menilai menurut jenis/jenjang ({penilai})")
        elif fault == "EVAL-MODEL":
            rec(fault, kode, f"{nama} dinilai oleh {penilai}, bukan penilai yang ditetapkan permodelan {u.model.id if u.model else ''}")
        elif fault == "EVAL-NOT-ATASAN":
            rec(fault, kode, f"{nama} dinilai oleh {penilai}, bukan oleh atasan langsung atau pejabat yang ditetapkan permodelan")
        elif fault == "ATASAN-MISSING":
            atasan_kode = ""
            rec(fault, kode, f"{nama} tidak punya atasan langsung")
        elif fault == "ATASAN-CYCLE":
            atasan_kode = cycle[1] if kode == cycle[0] else cycle[0]
            rec(fault, kode, f"rantai atasan {cycle[0]} dan {cycle[1]} saling menunjuk")
        elif fault == "ATASAN-OUTSIDE" and u.outsider is not None:
            atasan_kode = u.outsider.kode
            rec(fault, kode, f"atasan langsung {atasan_kode} berada di unit {u.outsider.unit}, di luar unit {u.kode} dan induknya")
        elif fault == "ATASAN-GRADE" and u.prev is not None:
            atasan_kode = u.prev.kode
            rec(fault, kode, f"atasan langsung {atasan_kode} adalah {u.prev.jenis} yang tidak memimpin unit")
        if fault in ("ATASAN-CYCLE", "ATASAN-OUTSIDE") and atasan_kode != atasan.kode:
            # the new superior is another unit's or this unit's JF/Pelaksana: no lawful atasan either
            rec("ATASAN-GRADE", kode, f"atasan langsung {atasan_kode} bukan pejabat struktural atau pimpinan unit kerja mandiri")
        elif fault == "ROLE-REVOKED":
            nama = f"{self.policy.profile.revoked_titles[0]} {u.theme.topics[0] if u.theme.topics else 'Program'}"
            rec(fault, kode, f"nama jabatan '{nama}' memakai sebutan yang sudah dicabut")
        if fault != "EVAL-NOT-ATASAN" and self._not_the_named_evaluator(u, jenis, jenjang, atasan_kode, penilai):
            # another planted fault (a wrong evaluator, a changed atasan) also leaves the evaluator
            # other than the one the text names
            rec("EVAL-NOT-ATASAN", kode, f"{nama} dinilai oleh {penilai}, bukan oleh pejabat penilai yang ditetapkan")
        self.w.write("jabatan", (kode, nama, jenis, jenjang, u.kode, atasan_kode, penilai))
        if atasan_kode == u.head.kode:
            u.reports += 1
        seat = Seat(kode, jenis, jenjang, u.kode, False)
        u.prev = seat
        if not filled:
            return seat
        nip, gender = self.people.nip()
        status = "PPPK" if rng.random() < PPPK_SHARE else "PNS"
        self.w.write("pegawai", (nip, self.people.name(gender, title), status, kode, "", ""))
        seat = Seat(kode, jenis, jenjang, u.kode, False, holder=nip)
        if u.rule in ("EVAL-VACANT", "POSITION-VACANT-HEAD") and u.head.kode in penilai.split("|"):
            rec("EVAL-VACANT", kode, f"penilai {u.head.kode} ({u.nama}) kosong tanpa Plt")
        if fault == "POSITION-DOUBLE":
            extra, g = self.people.nip()
            self.w.write("pegawai", (extra, self.people.name(g, title), "PNS", kode, "", ""))
            rec(fault, kode, f"{nama} diduduki dua pegawai ({nip}, {extra})")
        elif fault == "PEGAWAI-UNPLACED":
            extra, g = self.people.nip()
            self.w.write("pegawai", (extra, self.people.name(g), "PNS", "", "", ""))
            rec(fault, extra, "pegawai tanpa jabatan dan tanpa penugasan Plt")
        if jenis == "fungsional" and u.peer is None and fault in (None, "head-evaluates"):
            u.peer = seat
        if len(u.sample) < 3 and self.policy.may_lead(jenis) and not pj:
            u.sample.append(seat)
        self._team_tick(u, seat)
        return seat

    def _layers_fault(self, u: Unit) -> None:
        pl = self._place(u, FAMILIES["seksi"], "Seksi", "", ignore_tiers=True)
        if pl is None:
            return
        over = [(kode, limit) for kode, limit, t in pl.tiers(u, "") if t > limit]
        spec = UnitSpec("seksi", f"Seksi {u.theme.topics[0] if u.theme.topics else 'Pelayanan'}")
        child = self._open(u, spec, FAMILIES["seksi"], pl, None)
        self._direct(child, max(self.policy.span_min + 2, 3), child.head)
        self._close(child)
        u.reports += 1
        for kode, limit in over:
            self.faults.record("LAYERS-DEEP", kode, f"{child.head.kode} menambah lapisan struktural melebihi batas {limit}")

    # --- closing a unit, teams ---

    def _close(self, u: Unit) -> None:
        p, rec = self.policy, self.faults.record
        if u.rule in ("EVAL-VACANT", "POSITION-VACANT-HEAD"):
            rec("POSITION-VACANT-HEAD", u.head.kode, f"kepala {u.nama} kosong tanpa Plt")
        elif u.head_pegawai is not None:
            nip, nama, status = u.head_pegawai
            self.w.write("pegawai", (nip, nama, status, u.head.kode, u.plt_for, ""))
        if len(u.pool) >= 6 or (u.rule in TEAM_RULES and u.teams == 0 and len(u.pool) >= 2):
            self._team(u, u.pool)
        if u.rule == "TEAM-LEADER-UNIT" and u.outsider is not None and u.sample:
            self._team(u, [u.outsider, *u.sample[:3]], jenis="tim_kerja", outside_leader=True)
        if len(u.child_samples) >= 2:
            for i in range(0, len(u.child_samples) - 1, 4):
                members = [s for group in u.child_samples[i:i + 4] for s in group[:2]]
                if len({s.unit for s in members}) >= 2:
                    # a team across Perangkat Daerah is owned by one of them, not by the Pemda as a whole
                    pd = self.pd_of.get(members[0].unit, "") if u.is_root else ""
                    home = (pd, (self.pd_heads[pd], *u.chain)) if pd in self.pd_heads else None
                    self._team(u, members, jenis="tim_kerja", home=home)
        reports = u.reports + self._span_shift[u.head.kode]
        if reports > p.span_max and u.rule != "SPAN-WIDE":
            rec("SPAN-WIDE", u.head.kode, f"{u.head.kode} membawahi langsung {reports} jabatan (batas {p.span_max}); melekat pada struktur")
        if u.rule == "SPAN-WIDE":
            rec("SPAN-WIDE", u.head.kode, f"{u.head.kode} membawahi langsung {reports} jabatan (batas {p.span_max})")
        if shapes.is_structural(u.head.jenis) and not u.is_root and reports < p.span_min:
            rec("SPAN-NARROW", u.head.kode, f"{u.head.kode} hanya membawahi {reports} jabatan (batas bawah {p.span_min})")
        staff = next((s for s in u.sample if s.holder), None)
        if staff is not None:
            self.last_staff = staff

    def _team_tick(self, u: Unit, seat: Seat) -> None:
        u.pool.append(seat)
        u.gap -= 1
        if u.gap <= 0 and len(u.pool) >= 3:
            self._team(u, u.pool)
            u.pool = []
            u.gap = self.rng.randint(9, 13)

    def _team(self, u: Unit, members: list[Seat], *, jenis: str = "kelompok_kerja", outside_leader: bool = False,
              home: tuple[str, tuple[Seat, ...]] | None = None) -> None:
        """A team of ``u`` (or, with ``home``, owned by that unit, whose head's chain is given)."""
        p, rng, rec = self.policy, self.rng, self.faults.record
        rule = None
        if outside_leader:
            rule = "TEAM-LEADER-UNIT"
        elif u.rule in TEAM_RULES and u.rule != "TEAM-LEADER-UNIT" and u.teams == 0 and jenis == "kelompok_kerja":
            rule = u.rule
        members = members[:10]
        eligible = [s for s in members if p.may_lead(s.jenis)]
        if not eligible and p.teams.leader_min > 0:
            return
        chain = home[1] if home else u.chain
        issuer = p.sk_issuer(chain)
        if issuer is None and p.teams.sk_required:
            return
        u.teams += 1
        kode = f"{u.kode}-T{u.teams}"
        topics = u.theme.topics or shapes.GENERAL_TOPICS
        topic = topics[rng.randrange(len(topics))]
        nama = f"{'Kelompok Kerja' if jenis == 'kelompok_kerja' else 'Tim Kerja'} {topic}"
        externals: list[str] = []
        cross_issuer = p.sk_issuer(chain, cross_agency=True)
        if rule is None and cross_issuer is not None and rng.random() < CROSS_AGENCY_SHARE:
            issuer = cross_issuer
            externals = [self._external() for _ in range(rng.randint(1, 2))]
        lo, hi = p.team_months()
        months = rng.randint(lo, hi)
        start = dt.date(2024 + rng.randint(0, 1), rng.randint(1, 6), 1)
        lead_months = months if p.leader_months_max is None else min(months, max(1, p.leader_months_max))
        leaders = eligible[:1]
        owner = home[0] if home else u.kode
        sk_nomor = f"800/{u.teams:03d}/{u.kode}/{start.year}"
        if rule == "TEAM-LEADER-GRADE":
            boss = next(s for s in u.chain if s.holder and not p.may_lead(s.jenis))
            leaders = [Seat(boss.kode, boss.jenis, boss.jenjang, boss.unit, True, holder=boss.holder)]
            rec(rule, kode, f"ketua tim {boss.kode} berjenis {boss.jenis}")
            if boss.unit != u.kode:
                rec("TEAM-LEADER-UNIT", kode, f"ketua tim {boss.kode} berasal dari unit induk {boss.unit}")
                if jenis == "kelompok_kerja":
                    rec("TEAM-SCOPE", kode, f"kelompok kerja beranggotakan {boss.kode} dari unit induk {boss.unit}")
        elif rule == "TEAM-LEADER-COUNT":
            leaders = [] if p.teams.leader_min > 0 else eligible[: p.teams.leader_max + 1]
            if p.teams.leader_min == 0 and len(leaders) <= p.teams.leader_max:
                u.teams -= 1
                return
            rec(rule, kode, f"tim dengan {len(leaders)} ketua")
        elif rule == "TEAM-LEADER-UNIT":
            leaders = [members[0]]
            rec(rule, kode, f"ketua tim kerja dari unit {members[0].unit}, di luar unit pemilik {u.kode}")
        elif rule == "TEAM-MEMBER-GRADE" and u.head.holder:  # (a head held by a Plt is not planted)
            members = [*members, u.head]
            rec(rule, kode, f"anggota tim {u.head.kode} berjenis {u.head.jenis}")
        elif rule == "TEAM-SCOPE" and u.outsider is not None:
            members = [*members, u.outsider]
            rec(rule, kode, f"kelompok kerja beranggotakan {u.outsider.kode} dari unit {u.outsider.unit}")
        elif rule == "TEAM-OWNER-MISSING":
            owner = ""
            rec(rule, kode, "tim tanpa unit pemilik kinerja")
        elif rule == "TEAM-DURATION":
            if p.team_months_max is not None:
                months = p.team_months_max + 4
                lead_months = months if p.leader_months_max is None else min(months, p.leader_months_max)
                rec(rule, kode, f"tim berjalan {months} bulan (batas {p.team_months_max})")
            else:
                months = lead_months = (p.leader_months_max or 0) + 4
                rec(rule, kode, f"masa ketua {lead_months} bulan (batas {p.leader_months_max})")
        elif rule == "TEAM-SK-MISSING":
            if p.teams.sk_required:
                sk_nomor, issuer = "", None
                rec(rule, kode, "tim tanpa SK")
            else:
                issuer = u.peer
                rec(rule, kode, "SK tim diterbitkan jabatan yang tidak berwenang")
        elif rule == "TEAM-CROSS-AGENCY":
            wrong = next((s for s in u.chain if s.jenis in p.teams.sk_issuers and s.jenis not in p.teams.cross_agency_sk_issuers), None)
            externals = [self._external()]
            if wrong is not None:
                issuer = wrong
                rec(rule, kode, f"anggota dari instansi lain tanpa SK dari pejabat yang berwenang (SK oleh {wrong.jenis})")
            else:
                sk_nomor, issuer = "", None
                rec(rule, kode, "anggota dari instansi lain tanpa SK")
                rec("TEAM-SK-MISSING", kode, "tim lintas instansi tanpa SK")
        if sk_nomor and issuer is not None and owner and p.teams.sk_scope is not None:
            # the signer the text names for the team's scope, as TEAM-SK-MISSING reads it
            scope = self._scope(chain, [*members, *leaders], externals, owner)
            if not p.signer_ok(issuer, scope, chain, self.sekda):
                signer = p.sk_signer(scope, chain, self.sekda) if rule != "TEAM-CROSS-AGENCY" else None
                if signer is not None:
                    issuer = signer
                else:
                    rec("TEAM-SK-MISSING", kode, f"SK tim diterbitkan {issuer.kode}, bukan pejabat yang berwenang untuk tim {scope}")
        end = add_months(start, months) - dt.timedelta(days=1)
        lead_end = add_months(start, lead_months) - dt.timedelta(days=1)
        self.w.write("tim", (kode, nama, jenis, owner, sk_nomor, issuer.kode if issuer else "", start.isoformat(), end.isoformat()))
        leader_nips = {s.holder for s in leaders}
        for s in leaders:
            self.w.write("anggota_tim", (kode, s.holder, "ketua", start.isoformat(), lead_end.isoformat(), "ditugaskan"))
        for s in members:
            if s.holder not in leader_nips:
                how = "sukarela" if rng.random() < 0.15 else "ditugaskan"
                self.w.write("anggota_tim", (kode, s.holder, "anggota", start.isoformat(), end.isoformat(), how))
        for nip in externals:
            self.w.write("anggota_tim", (kode, nip, "anggota", start.isoformat(), end.isoformat(), "ditugaskan"))

    def _scope(self, chain: tuple[Seat, ...], seats: list[Seat], externals: list[str], owner: str) -> str:
        """The team's scope as TEAM-SK-MISSING reads it (``chain``: the owner's head up to the root's)."""
        def within(unit: str, top: str) -> bool:
            while unit and unit != top:
                unit = self.parent_of.get(unit, "")
            return unit == top

        if externals or any(not s.unit for s in seats):
            return "instansi"
        pd = chain[-2].unit if len(chain) >= 2 else ""
        if owner and len(chain) >= 2 and all(within(s.unit, owner) for s in seats):
            return "unit"
        if owner and pd and all(within(s.unit, pd) for s in seats):
            return "pd"
        return "pemda"

    def _external(self) -> str:
        nip, gender = self.people.nip()
        agency = self.rng.choice(OTHER_AGENCIES)
        self.w.write("pegawai", (nip, self.people.name(gender), "PNS", "", "", agency))
        return nip


def water_fill(wanted: list[int], caps: list[float]) -> list[int]:
    """Budgets as close to ``wanted`` as the caps allow; what a capped unit cannot take goes to
    the others in proportion to what they wanted."""
    total = sum(wanted)
    out = [0] * len(wanted)
    open_ = [i for i, c in enumerate(caps) if c > 0]
    left = total
    while open_ and left > 0:
        weight = sum(wanted[i] or 1 for i in open_)
        capped = []
        for i in open_:
            share = left * (wanted[i] or 1) / weight
            if out[i] + share >= caps[i]:
                capped.append(i)
        if not capped:
            for i in open_:
                out[i] += int(left * (wanted[i] or 1) / weight)
            out[open_[-1]] += total - sum(out)
            break
        for i in capped:
            left -= int(caps[i]) - out[i]
            out[i] = int(caps[i])
        open_ = [i for i in open_ if i not in capped]
    return out


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


# --- the synthetic agency ------------------------------------------------------------------


@dataclass(frozen=True)
class Region:
    """Who the agency is: code, name, the kepala daerah's title."""

    kode: str
    nama: str  # "Pemerintah Kota Metro" is "Pemerintah " + this
    kepala: str  # "Wali Kota" or "Bupati"


def region_of(policy: Policy) -> Region:
    """A synthetic agency of the profile's region: 'Perwali Metro 22/2023' -> Kota Metro."""
    words = policy.profile.regulation.short.split()
    kind = words[0].lower() if words else ""
    place = " ".join(w for w in words[1:] if not any(c.isdigit() for c in w)) or "Sukamakmur"
    if kind.startswith("perwal"):
        return Region(f"SIN-KOTA-{place.upper().replace(' ', '')}", f"Kota {place}", "Wali Kota")
    if kind.startswith("perbup"):
        return Region(f"SIN-KAB-{place.upper().replace(' ', '')}", f"Kabupaten {place}", "Bupati")
    return Region("SIN-KAB-SUKAMAKMUR", "Kabupaten Sukamakmur", "Bupati")


def synthetic_plan(policy: Policy, positions: int, rng: random.Random) -> list[UnitSpec]:
    """The root's children for a Pemda of about ``positions`` positions: Setda, perangkat daerah
    (named as the profile's models name them where they do), kecamatan, RSUD, and Dinas
    Kesehatan and Dinas Pendidikan last, which grow without limit through their puskesmas and
    schools and so absorb what capped units leave over."""
    smax = policy.span_max
    n_root = max(4, min(smax, positions // 40))
    pool = _pd_names(policy)
    rng.shuffle(pool)
    health = next((x for x in pool if shapes.theme_for(x[1]).key == "kesehatan"), ("dinas", "Dinas Kesehatan"))
    school = next((x for x in pool if shapes.theme_for(x[1]).key == "pendidikan"), ("dinas", "Dinas Pendidikan"))
    others = [x for x in pool if x not in (health, school)]
    n_kec = 1 + (positions >= 2_000) + (positions >= 20_000)
    rsud = positions >= 1_500
    n_other = max(0, n_root - 3 - n_kec - rsud)
    specs = [UnitSpec("setda", "Sekretariat Daerah", max(25, positions * 4 // 100), cap=max(60, positions * 5 // 100),
                      kode="SETDA")]
    used_codes = {"SETDA"}
    for jenis, nama in others[:n_other]:
        specs.append(UnitSpec("pd", nama, max(20, positions * 3 // 100), jenis=jenis, kode=unit_code(nama, used_codes)))
    for _ in range(n_kec):
        specs.append(UnitSpec("kecamatan", "", max(25, positions * 4 // 100)))
    if rsud:
        specs.append(UnitSpec("rsud", "Rumah Sakit Umum Daerah", positions * 8 // 100, kode="RSUD"))
    specs.append(UnitSpec("pd", health[1], positions * 18 // 100, jenis=health[0], kode=unit_code(health[1], used_codes)))
    total = sum(s.budget for s in specs)
    specs.append(UnitSpec("pd", school[1], max(30, positions - 1 - total), jenis=school[0], kode=unit_code(school[1], used_codes)))
    return specs


def _pd_names(policy: Policy) -> list[tuple[str, str]]:
    """(jenis, name) of perangkat daerah: the names the profile's models list, then defaults."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    pd_kinds = ("dinas", "badan", "inspektorat", "satpol_pp", "sekretariat_dprd")
    for m in policy.profile.models:
        for nama in m.applies_to.unit_names:
            jenis = shapes.jenis_for(nama, m.applies_to.unit_kinds)
            if jenis in pd_kinds and nama not in seen:
                seen.add(nama)
                out.append((jenis, nama))
    for jenis, nama in shapes.DEFAULT_PD_NAMES:
        key = shapes.theme_for(nama).key
        if nama not in seen and not any(shapes.theme_for(n).key == key for _, n in out):
            seen.add(nama)
            out.append((jenis, nama))
    return out


def unit_code(nama: str, used: set[str]) -> str:
    """A short unique code from a unit name: "Dinas Kesehatan" -> DKES, "Badan Keuangan dan Aset Daerah" -> BKA."""
    words = [w.strip(",") for w in nama.split()]
    prefix = {"Dinas": "D", "Badan": "B", "Inspektorat": "INSP", "Sekretariat": "SET", "Satuan": "SAT", "Rumah": "RS"}.get(words[0], "U")
    rest = [w for w in words[1:] if w.lower() not in ("dan", "serta", "daerah", "kota", "kabupaten") and w[:1].isupper()]
    base = prefix + ("".join(w[0] for w in rest) if len(rest) > 1 else (rest[0][:3].upper() if rest else ""))
    kode, n = base, 1
    while kode in used:
        n += 1
        kode = f"{base}{n}"
    used.add(kode)
    return kode


def fill_kecamatan_names(specs: list[UnitSpec], engine: Engine) -> None:
    for s in specs:
        if s.family == "kecamatan" and not s.nama:
            place = engine.next_place()
            s.nama, s.place = f"Kecamatan {place}", place
            s.kode = s.kode or f"KEC-{place.upper().replace(' ', '')}"


@dataclass(frozen=True)
class Summary:
    out: Path
    instansi: str
    rows: dict[str, int]
    faults: int


def run_engine(out: Path, policy: Policy, region: Region, specs_for: Callable[[Engine], list[UnitSpec]], seed: int, *,
               plant: list[str], fault_rate: float, max_each: int | None = None, min_positions: int = 0,
               places: tuple[str, ...] = (), labels: dict[str, str] | None = None) -> Summary:
    """Write one agency to ``out``, atomically: ``specs_for(engine)`` gives the root's children.
    Nothing replaces ``out`` when fewer than ``min_positions`` positions could be placed."""
    writer = BundleWriter(out)
    try:
        writer.write("instansi", (region.kode, f"Pemerintah {region.nama}", policy.profile.id))
        faults = Faults(plant, set(policy.profile.enabled_rules()), fault_rate, random.Random(f"{seed}:faults"),
                        writer, max_each)
        engine = Engine(policy, region, random.Random(seed), writer, faults, places, labels)
        engine.build(region, "PEMDA", specs_for(engine))
        rows = dict(writer.counts)
        if rows["jabatan"] < min_positions:
            raise GenerateError(
                f"profil {policy.profile.id} hanya dapat menampung sekitar {rows['jabatan']:,} jabatan tanpa pelanggaran "
                f"(diminta {min_positions:,} atau lebih); rentang kendali, lapisan dan jf_under profil ini membatasi "
                "ukuran instansi")
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    return Summary(out, region.kode, rows, rows["faults"])


def generate_bundle(out: Path, *, profile_id: str, positions: int, seed: int, fault_rate: float = 0.02,
                    instansi: str | None = None) -> Summary:
    """A synthetic agency of about ``positions`` positions under ``profile_id``, written to ``out``."""
    if positions < 50:
        raise GenerateError("jumlah jabatan minimal 50")
    if not 0 <= fault_rate <= 1:
        raise GenerateError("fault-rate harus antara 0 dan 1")
    policy = Policy(load_profile(profile_id))
    region = region_of(policy)
    if instansi:
        region = Region(instansi, region.nama, region.kepala)
    rules = list(policy.profile.enabled_rules())

    def specs_for(engine: Engine) -> list[UnitSpec]:
        specs = synthetic_plan(policy, positions, engine.rng)
        fill_kecamatan_names(specs, engine)
        return specs

    return run_engine(out, policy, region, specs_for, seed, plant=rules, fault_rate=fault_rate,
                      min_positions=math.ceil(positions * 0.97))
