"""Validate a whole bundle before anything is written (DESIGN §1).

Refused, with file, row, column, value and reason: a missing file or required
column, a duplicate key, a reference to a code not in the bundle, a unit
hierarchy that is not a tree, a value outside its list, a malformed NIP or
date, a period that ends before it starts, and input beyond the limits below.
Faults of the organisation itself (no evaluator, a looping superior chain, ...)
are loaded and left to the checks.

Every check here is linear in the bundle's size and walks no structure by
recursion, so a bundle of any shape is judged in bounded time and stack.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sikerja.loader import schema

if TYPE_CHECKING:
    from sikerja.loader.bundle import Table

# --- input limits ---------------------------------------------------------
# Each is far beyond any real agency and stops a broken export (or a hostile
# file) before it costs memory, time or a graph nobody can read.

# Problems listed in a refusal; all of them are counted.
MAX_PROBLEMS = 200

# Characters in one cell. Real values (a unit's full name, an SK number, a
# note) run to a few hundred characters; a longer cell is a paste accident or
# not a bundle at all, and every value is carried into findings and exports.
MAX_CELL = 4096

# Columns in one file. The widest file of DESIGN §1 has 8; unknown columns are
# kept as properties and a full SIMPEG export brings about a hundred. Wider is
# not one of the bundle's tables. With MAX_CELL it also bounds how long a row
# can be, which is what lets the reader refuse a huge line without holding it.
MAX_COLUMNS = 256

# Levels of the unit tree below its root. Real chains are 5-6 deep (Pemda >
# Sekretariat Daerah > Asisten > Bagian > Subbagian); a much deeper one is
# nearly always Excel's fill-down making each row's induk the row above.
# Checks and the dashboard walk this tree from every unit.
MAX_UNIT_DEPTH = 50

# Not limited, on purpose: rows per file (a province has a few hundred
# thousand positions), positions per unit, members per team (a team's size is
# a fact of the organisation for the checks to judge, not malformed input),
# the length of a superior chain (LAYERS-DEEP and ATASAN-CYCLE judge it).

# Control characters (C0 and DEL, but tab and line breaks, which a spreadsheet
# cell may hold) are never part of a name or a code; NUL in particular cuts
# strings short in other tools.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Written by sikerja itself on every node: a column of this name would be
# overwritten or, worse, move nodes to another agency.
RESERVED_COLUMNS = ("instansi", "muatan", "dimuat")
# Agency codes may not begin with it: reserved for sikerja's own keys (earlier
# versions kept a load's stage under `~` + load id, and may have left such nodes).
RESERVED_PREFIX = "~"
# Separates several evaluators in jabatan.penilai. The writer splits every
# reference cell on it, so no unit or position code may hold it (a unit
# "A|B" would silently lose its positions and sub-units).
CODE_SEPARATOR = "|"
SEPARATED_KEYS = ("unit", "jabatan")


@dataclass(frozen=True)
class Problem:
    """One reason a bundle is refused: where, what value, why."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    reason: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", baris {self.row}"
        if self.column:
            where += f", kolom {self.column}"
        shown = ""
        if self.value is not None:
            v = self.value if len(self.value) <= 60 else self.value[:57] + "..."
            shown = f" ({v!r})"
        return f"{where}{shown}: {self.reason}"


class BundleError(Exception):
    """The bundle is refused; ``problems`` lists every reason found (capped)."""

    def __init__(self, problems: list[Problem], total: int | None = None):
        self.problems = problems
        self.total = total if total is not None else len(problems)
        super().__init__(f"{self.total} masalah pada bundel")


class Problems:
    """Collects problems: keeps the first MAX_PROBLEMS, counts them all."""

    def __init__(self) -> None:
        self.listed: list[Problem] = []
        self.total = 0

    def add(self, p: Problem) -> None:
        self.total += 1
        if len(self.listed) < MAX_PROBLEMS:
            self.listed.append(p)

    def full(self) -> bool:
        return self.total > MAX_PROBLEMS


def cell_problem(value: str) -> str | None:
    """Why one cell's text is refused whatever its column, or None."""
    if len(value) > MAX_CELL:
        return f"isi sel lebih dari {MAX_CELL} karakter"
    if m := CONTROL_CHARACTERS.search(value):
        return f"sel memuat karakter kendali U+{ord(m.group()):04X}, yang tidak boleh ada dalam data"
    return None


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = False  # the column must be present
    nonempty: bool = False  # every row needs a value
    choices: tuple[str, ...] | None = None
    kind: str = "text"  # text | date | nip
    ref: str | tuple[str, ...] | None = None  # table(s) whose key this refers to
    many: bool = False  # several codes separated by CODE_SEPARATOR


KEYS = {"instansi": "kode", "unit": "kode", "jabatan": "kode", "pegawai": "nip", "tim": "kode", "anggota_tim": None,
        "pendelegasian": None}

SPEC: dict[str, tuple[Column, ...]] = {
    "instansi": (
        Column("kode", True, True),
        Column("nama", True, True),
        Column("profil", True, True),
    ),
    "unit": (
        Column("kode", True, True),
        Column("nama", True, True),
        Column("jenis", True, True, schema.UNIT_JENIS),
        Column("induk", True, ref="unit"),
        Column("permodelan"),
        Column("kelas"),
    ),
    "jabatan": (
        Column("kode", True, True),
        Column("nama", True, True),
        Column("jenis", True, True, schema.JABATAN_JENIS),
        Column("jenjang", False, False, schema.JENJANG),
        Column("unit", True, True, ref="unit"),
        Column("atasan_langsung", True, ref="jabatan"),
        Column("penilai", True, ref="jabatan", many=True),
    ),
    "pegawai": (
        Column("nip", True, True, kind="nip"),
        Column("nama", True, True),
        Column("status", True, True, schema.STATUS_PEGAWAI),
        Column("jabatan", True, ref="jabatan"),
        Column("plt", False, ref="jabatan"),
        Column("instansi_asal"),
    ),
    "tim": (
        Column("kode", True, True),
        Column("nama", True, True),
        Column("jenis", True, True, schema.TIM_JENIS),
        Column("pemilik_kinerja", True, ref="unit"),
        Column("sk_nomor"),
        Column("sk_penerbit", ref="jabatan"),
        Column("mulai", kind="date"),
        Column("selesai", kind="date"),
    ),
    "anggota_tim": (
        Column("tim", True, True, ref="tim"),
        Column("nip", True, True, kind="nip", ref="pegawai"),
        Column("peran", True, True, schema.PERAN),
        Column("mulai", kind="date"),
        Column("selesai", kind="date"),
        Column("penugasan", False, False, schema.PENUGASAN),
    ),
    "pendelegasian": (
        Column("penilai", True, True, ref="jabatan"),
        Column("pemberi", True, True, ref="jabatan"),
        Column("lingkup", True, True, ref=("jabatan", "unit")),
        Column("sk_nomor"),
        Column("mulai", kind="date"),
        Column("selesai", kind="date"),
    ),
}


def split_codes(value: str) -> list[str]:
    """A cell that may name several codes: 'A|B' (an agency that recorded two evaluators)."""
    return [v.strip() for v in value.split(CODE_SEPARATOR) if v.strip()] if value else []


def parse_date(value: str) -> dt.date | None:
    if len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def nip_problem(nip: str) -> str | None:
    """Why an 18-digit NIP is malformed, or None.

    Layout: birth date YYYYMMDD, TMT year and month YYYYMM, gender digit
    (1 male, 2 female), sequence NNN.
    """
    if len(nip) != 18 or not nip.isdigit():
        return "NIP harus 18 digit angka"
    try:
        born = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return "8 digit pertama NIP bukan tanggal lahir yang sah"
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12 or year < 1900:
        return "digit 9-14 NIP bukan tahun-bulan TMT yang sah"
    if (year, month) <= (born.year, born.month):
        return "TMT pada NIP tidak boleh sebelum tanggal lahir"
    if nip[14] not in "12":
        return "digit ke-15 NIP (jenis kelamin) harus 1 atau 2"
    if nip[15:] == "000":
        return "nomor urut NIP tidak boleh 000"
    return None


def validate(tables: dict[str, Table], profile_models: Callable[[str], set[str] | None]) -> tuple[list[Problem], int]:
    """Every problem of the bundle (capped at MAX_PROBLEMS) and the total count.

    ``profile_models(profile_id)`` returns the permodelan ids of a profile, or
    None when no such profile exists. Cell texts (length, control characters,
    encoding) were judged by the reader.
    """
    out = Problems()
    keys: dict[str, set[str]] = {}
    sound: dict[str, Table] = {}  # tables whose columns can be checked
    for name, cols in SPEC.items():
        t = tables.get(name)
        if t is None or not _check_header(t, cols, out):
            continue
        sound[name] = t
        _check_values(t, cols, out)
        key = KEYS[name]
        if key:
            keys[name] = _check_unique(t, key, out)
    _check_references(sound, keys, out)
    if "instansi" in sound:
        _check_instansi(sound["instansi"], profile_models, sound.get("unit"), out)
    if "unit" in sound:
        _check_tree(sound["unit"], out)
    _check_periods(sound, out)
    return out.listed, out.total


def _check_header(t: Table, cols: tuple[Column, ...], out: Problems) -> bool:
    """Report what is wrong with the column names; True when the rows can be checked."""
    counts = Counter(t.header)
    missing = [c.name for c in cols if c.required and c.name not in counts]
    for m in missing:
        out.add(Problem(t.source, 1, m, None, "kolom wajib tidak ada"))
    too_wide = len(t.header) > MAX_COLUMNS
    if too_wide:
        out.add(Problem(t.source, 1, f"#{MAX_COLUMNS + 1}", None, f"lebih dari {MAX_COLUMNS} kolom"))
    for i, h in enumerate(t.header):
        if h == "":
            out.add(Problem(t.source, 1, f"#{i + 1}", None, "judul kolom kosong"))
        elif h in RESERVED_COLUMNS:
            out.add(Problem(t.source, 1, h, None, "nama kolom ini dipakai sikerja sendiri; ganti namanya"))
    dup_cols = sorted(h for h, n in counts.items() if h and n > 1)
    for h in dup_cols:
        out.add(Problem(t.source, 1, h, None, "judul kolom ganda"))
    return not (missing or dup_cols or too_wide)


# Rows are many and values repeat (a province: hundreds of thousands of
# positions, a few dozen kinds of everything else), so each check judges the
# distinct values of a column and goes back to the rows only for a bad one.
Found = dict[str, list[tuple[str | None, str]]]  # cell value -> (value shown, reason) for each problem


def _report(t: Table, column: str, values: list[str], found: Found, out: Problems) -> None:
    """One problem per bad value per row holding it, in row order."""
    if not found:
        return
    for v, line in zip(values, t.line_numbers):
        for shown, reason in found.get(v, ()):
            out.add(Problem(t.source, line, column, shown, reason))


def _value_problem(c: Column, v: str) -> str | None:
    if v == "":
        return "nilai wajib diisi" if c.nonempty else None
    if c.choices is not None and v not in c.choices:
        return f"nilai di luar daftar ({', '.join(c.choices)})"
    if c.kind == "date" and parse_date(v) is None:
        return "tanggal harus berformat YYYY-MM-DD"
    if c.kind == "nip":
        return nip_problem(v)
    return None


def _check_values(t: Table, cols: tuple[Column, ...], out: Problems) -> None:
    for c in cols:
        values = _column(t, c.name)
        if values is None:
            continue
        found: Found = {v: [(v or None, why)] for v in set(values) if (why := _value_problem(c, v))}
        _report(t, c.name, values, found, out)
    if t.name in SEPARATED_KEYS:
        codes = t.column("kode")
        found: Found = {k: [(k, f"kode {t.name} tidak boleh memuat {CODE_SEPARATOR!r} (pemisah beberapa kode)")]
                        for k in set(codes) if CODE_SEPARATOR in k}
        _report(t, "kode", codes, found, out)
    if t.name == "jabatan":
        _check_jabatan(t, out)


def _column(t: Table, name: str) -> list[str] | None:
    i = t.index(name)
    return None if i is None else [r[i] for r in t.rows]


def _check_jabatan(t: Table, out: Problems) -> None:
    kinds, grades = t.column("jenis"), t.column("jenjang")
    for (kind, grade) in set(zip(kinds, grades)):
        if kind == "fungsional" and grade == "":
            why: tuple[str | None, str] = (None, "jabatan fungsional wajib punya jenjang")
        elif kind != "fungsional" and grade != "":
            why = (grade, "jenjang hanya untuk jabatan fungsional")
        else:
            continue
        for k, g, line in zip(kinds, grades, t.line_numbers):
            if (k, g) == (kind, grade):
                out.add(Problem(t.source, line, "jenjang", why[0], why[1]))


def _check_unique(t: Table, key: str, out: Problems) -> set[str]:
    values = t.column(key)
    keys = set(values)
    keys.discard("")
    if len(keys) < len(values) - values.count(""):
        seen: dict[str, int] = {}
        for v, line in zip(values, t.line_numbers):
            if v == "":
                continue
            if v in seen:
                out.add(Problem(t.source, line, key, v, f"kunci ganda; sudah ada di baris {seen[v]}"))
            else:
                seen[v] = line
    return keys


def _targets(c: Column) -> tuple[str, ...]:
    return () if c.ref is None else (c.ref,) if isinstance(c.ref, str) else c.ref


def _reference_problems(value: str, c: Column, keys: dict[str, set[str]]) -> list[tuple[str | None, str]]:
    codes = split_codes(value) if c.many else [value]
    found: list[tuple[str | None, str]] = []
    if len(set(codes)) < len(codes):
        found.append((value, "kode yang sama disebut lebih dari sekali dalam satu sel"))
    targets = _targets(c)
    for v in codes:
        hits = [r for r in targets if v in keys[r]]
        if not hits:
            found.append((v, f"merujuk kode yang tidak ada di {' atau '.join(targets)}"))
        elif len(hits) > 1:
            found.append((v, f"kode ini ada di {' dan '.join(hits)}; {c.name} harus menunjuk satu saja"))
    return found


def _check_references(tables: dict[str, Table], keys: dict[str, set[str]], out: Problems) -> None:
    for name, t in tables.items():
        for c in SPEC[name]:
            values = _column(t, c.name)
            targets = _targets(c)
            if not targets or values is None or not all(r in keys for r in targets):
                continue
            found: Found = {v: why for v in set(values) if v and (why := _reference_problems(v, c, keys))}
            _report(t, c.name, values, found, out)
    t = tables.get("anggota_tim")
    if t is None:
        return
    memberships = list(zip(t.column("tim"), t.column("nip"), t.column("mulai")))
    if len(set(memberships)) == len(memberships):
        return
    pairs: dict[tuple[str, str, str], int] = {}
    for k, line in zip(memberships, t.line_numbers):
        if k in pairs:
            out.add(Problem(t.source, line, "nip", k[1], f"keanggotaan ganda di tim {k[0]!r} dengan mulai sama; sudah ada di baris {pairs[k]}"))
        else:
            pairs[k] = line


def _check_instansi(t: Table, profile_models: Callable[[str], set[str] | None], units: Table | None, out: Problems) -> None:
    if len(t.rows) != 1:
        out.add(Problem(t.source, None, None, None, f"harus tepat satu baris instansi, ada {len(t.rows)}"))
        return
    line = t.line_numbers[0]
    kode = t.rows[0][t.index("kode") or 0]
    if kode.startswith(RESERVED_PREFIX):
        out.add(Problem(t.source, line, "kode", kode,
                        f"kode instansi tidak boleh diawali {RESERVED_PREFIX!r} (dicadangkan untuk sikerja)"))
    profile = t.rows[0][t.index("profil") or 0]
    models = profile_models(profile) if profile else None
    if profile and models is None:
        out.add(Problem(t.source, line, "profil", profile, "profil tidak dikenal"))
    if models is not None and units is not None and (declared := _column(units, "permodelan")) is not None:
        found: Found = {m: [(m, f"permodelan tidak didefinisikan oleh profil {profile}")] for m in set(declared) if m and m not in models}
        _report(units, "permodelan", declared, found, out)


def _check_tree(t: Table, out: Problems) -> None:
    """One root, no cycle, at most MAX_UNIT_DEPTH levels; each unit is walked once, without recursion."""
    ki, pi = t.index("kode"), t.index("induk")
    assert ki is not None and pi is not None
    parent = {row[ki]: row[pi] for row in t.rows if row[ki]}
    line_of = {row[ki]: line for row, line in zip(t.rows, t.line_numbers)}
    roots = [k for k, p in parent.items() if p == ""]
    if len(roots) != 1:
        where = ", ".join(f"{r!r} (baris {line_of[r]})" for r in roots[:5])
        out.add(Problem(t.source, None, "induk", None, f"pohon unit harus punya tepat satu akar (induk kosong); ada {len(roots)}{': ' + where if where else ''}"))
    depth = dict.fromkeys(roots, 0)  # units whose chain reaches a root
    astray: set[str] = set()  # units whose chain ends in a cycle or an unknown code
    for start in parent:
        path: list[str] = []
        on_path: set[str] = set()
        node = start
        while node in parent and node not in depth and node not in astray and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = parent[node]
        if node in depth:
            d = depth[node]
            for k in reversed(path):
                d += 1
                depth[k] = d
            continue
        astray.update(path)
        if node in on_path:
            cycle = path[path.index(node):]
            first = min(cycle, key=lambda k: line_of[k])
            shown = " -> ".join(cycle[:6]) + (" -> ..." if len(cycle) > 6 else "")
            out.add(Problem(t.source, line_of[first], "induk", parent[first], f"hierarki unit berputar: {shown} -> {cycle[0]}"))
    too_deep = [k for k, d in depth.items() if d > MAX_UNIT_DEPTH]
    if too_deep:
        first = min((k for k in too_deep if depth[k] == MAX_UNIT_DEPTH + 1), key=lambda k: line_of[k])
        out.add(Problem(t.source, line_of[first], "induk", parent[first],
                        f"pohon unit lebih dari {MAX_UNIT_DEPTH} tingkat: unit ini tingkat ke-{MAX_UNIT_DEPTH + 1} "
                        f"di bawah akar, dan {len(too_deep)} unit melewati batas itu"))


def _check_periods(tables: dict[str, Table], out: Problems) -> None:
    for name in ("tim", "anggota_tim", "pendelegasian"):
        t = tables.get(name)
        starts, ends = (None, None) if t is None else (_column(t, "mulai"), _column(t, "selesai"))
        if t is None or starts is None or ends is None:
            continue
        for a, b in set(zip(starts, ends)):
            start, end = parse_date(a), parse_date(b)
            if not (start and end and end < start):
                continue
            for s, e, line in zip(starts, ends, t.line_numbers):
                if (s, e) == (a, b):
                    out.add(Problem(t.source, line, "selesai", e, f"periode berakhir ({e}) sebelum mulai ({s})"))
