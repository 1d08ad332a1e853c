"""Validate a whole bundle before anything is written (DESIGN §1).

Refused, with file, row, column, value and reason: a missing file or required
column, a duplicate key, a reference to a code not in the bundle, a unit
hierarchy that is not a tree, a value outside its list, a malformed NIP or
date, a period that ends before it starts. Faults of the organisation itself
(no evaluator, a looping superior chain, ...) are loaded and left to checks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sikerja.loader import schema
from sikerja.loader.bundle import Problem, Table

MAX_PROBLEMS = 200


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = False  # the column must be present
    nonempty: bool = False  # every row needs a value
    choices: tuple[str, ...] | None = None
    kind: str = "text"  # text | date | nip
    ref: str | None = None  # table whose key this refers to
    many: bool = False  # several codes separated by '|'


KEYS = {"instansi": "kode", "unit": "kode", "jabatan": "kode", "pegawai": "nip", "tim": "kode", "anggota_tim": None}

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
}


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.total = 0

    def add(self, p: Problem) -> None:
        self.total += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(p)


def split_codes(value: str) -> list[str]:
    """A cell that may name several codes: 'A|B' (an agency that recorded two evaluators)."""
    return [v.strip() for v in value.split("|") if v.strip()] if value else []


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
    None when no such profile exists.
    """
    out = _Collector()
    keys: dict[str, set[str]] = {}
    for name, cols in SPEC.items():
        t = tables.get(name)
        if t is None:
            continue
        missing = [c.name for c in cols if c.required and t.index(c.name) is None]
        for m in missing:
            out.add(Problem(t.source, 1, m, None, "kolom wajib tidak ada"))
        blank = [i for i, h in enumerate(t.header) if h == ""]
        for i in blank:
            out.add(Problem(t.source, 1, f"#{i + 1}", None, "judul kolom kosong"))
        dup_cols = {h for h in t.header if h and t.header.count(h) > 1}
        for h in sorted(dup_cols):
            out.add(Problem(t.source, 1, h, None, "judul kolom ganda"))
        if missing or dup_cols:
            continue
        _check_values(t, cols, out)
        key = KEYS[name]
        if key:
            keys[name] = _check_unique(t, key, out)
    if len(tables) == len(SPEC):
        _check_references(tables, keys, out)
        _check_instansi(tables["instansi"], profile_models, tables.get("unit"), out)
        _check_tree(tables["unit"], out)
        _check_periods(tables, out)
    return out.problems, out.total


def _check_values(t: Table, cols: tuple[Column, ...], out: _Collector) -> None:
    for c in cols:
        i = t.index(c.name)
        if i is None:
            continue
        allowed = set(c.choices) if c.choices else None
        for row, line in zip(t.rows, t.line_numbers):
            v = row[i]
            if v == "":
                if c.nonempty:
                    out.add(Problem(t.source, line, c.name, None, "nilai wajib diisi"))
                continue
            if allowed is not None and v not in allowed:
                out.add(Problem(t.source, line, c.name, v, f"nilai di luar daftar ({', '.join(c.choices or ())})"))
            elif c.kind == "date" and parse_date(v) is None:
                out.add(Problem(t.source, line, c.name, v, "tanggal harus berformat YYYY-MM-DD"))
            elif c.kind == "nip" and (why := nip_problem(v)):
                out.add(Problem(t.source, line, c.name, v, why))
    if t.name == "jabatan":
        jenis, jenjang = t.index("jenis"), t.index("jenjang")
        for row, line in zip(t.rows, t.line_numbers):
            grade = row[jenjang] if jenjang is not None else ""
            if row[jenis] == "fungsional" and grade == "":
                out.add(Problem(t.source, line, "jenjang", None, "jabatan fungsional wajib punya jenjang"))
            elif row[jenis] != "fungsional" and grade != "":
                out.add(Problem(t.source, line, "jenjang", grade, "jenjang hanya untuk jabatan fungsional"))


def _check_unique(t: Table, key: str, out: _Collector) -> set[str]:
    i = t.index(key)
    assert i is not None
    seen: dict[str, int] = {}
    for row, line in zip(t.rows, t.line_numbers):
        v = row[i]
        if v == "":
            continue
        if v in seen:
            out.add(Problem(t.source, line, key, v, f"kunci ganda; sudah ada di baris {seen[v]}"))
        else:
            seen[v] = line
    return set(seen)


def _check_references(tables: dict[str, Table], keys: dict[str, set[str]], out: _Collector) -> None:
    for name, cols in SPEC.items():
        t = tables[name]
        for c in cols:
            i = t.index(c.name)
            if c.ref is None or i is None or c.ref not in keys:
                continue
            known = keys[c.ref]
            for row, line in zip(t.rows, t.line_numbers):
                codes = split_codes(row[i]) if c.many else [row[i]]
                if len(set(codes)) < len(codes):
                    out.add(Problem(t.source, line, c.name, row[i], "kode yang sama disebut lebih dari sekali dalam satu sel"))
                for v in codes:
                    if v and v not in known:
                        out.add(Problem(t.source, line, c.name, v, f"merujuk kode yang tidak ada di {c.ref}"))
    pairs: dict[tuple[str, str], int] = {}
    t = tables["anggota_tim"]
    ti, ni, mi = t.index("tim"), t.index("nip"), t.index("mulai")
    if ti is not None and ni is not None:
        for row, line in zip(t.rows, t.line_numbers):
            k = (row[ti], row[ni], row[mi] if mi is not None else "")
            if k in pairs:
                out.add(Problem(t.source, line, "nip", row[ni], f"keanggotaan ganda di tim {row[ti]!r} dengan mulai sama; sudah ada di baris {pairs[k]}"))
            else:
                pairs[k] = line


def _check_instansi(t: Table, profile_models: Callable[[str], set[str] | None], units: Table | None, out: _Collector) -> None:
    if len(t.rows) != 1:
        out.add(Problem(t.source, None, None, None, f"harus tepat satu baris instansi, ada {len(t.rows)}"))
        return
    line = t.line_numbers[0]
    profile = t.rows[0][t.index("profil") or 0]
    models = profile_models(profile) if profile else None
    if profile and models is None:
        out.add(Problem(t.source, line, "profil", profile, "profil tidak dikenal"))
    if models is not None and units is not None and (pi := units.index("permodelan")) is not None:
        for row, uline in zip(units.rows, units.line_numbers):
            if row[pi] and row[pi] not in models:
                out.add(Problem(units.source, uline, "permodelan", row[pi], f"permodelan tidak didefinisikan oleh profil {profile}"))


def _check_tree(t: Table, out: _Collector) -> None:
    ki, pi = t.index("kode"), t.index("induk")
    assert ki is not None and pi is not None
    parent = {row[ki]: row[pi] for row in t.rows}
    line_of = dict(zip((row[ki] for row in t.rows), t.line_numbers))
    roots = [k for k, p in parent.items() if p == ""]
    if len(roots) != 1:
        where = ", ".join(f"{r!r} (baris {line_of[r]})" for r in roots[:5])
        out.add(Problem(t.source, None, "induk", None, f"pohon unit harus punya tepat satu akar (induk kosong); ada {len(roots)}{': ' + where if where else ''}"))
    # Walk each chain once; a node is settled when its chain reaches the root.
    settled: set[str] = set(roots)
    reported: set[str] = set()
    for start in parent:
        path: list[str] = []
        on_path: set[str] = set()
        node = start
        while node not in settled and node in parent and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = parent[node]
        if node in on_path:
            cycle = path[path.index(node):]
            if not reported.intersection(cycle):
                reported.update(cycle)
                first = min(cycle, key=lambda k: line_of[k])
                shown = " -> ".join(cycle[:6]) + (" -> ..." if len(cycle) > 6 else "")
                out.add(Problem(t.source, line_of[first], "induk", parent[first], f"hierarki unit berputar: {shown} -> {cycle[0]}"))
        else:
            settled.update(path)


def _check_periods(tables: dict[str, Table], out: _Collector) -> None:
    for name in ("tim", "anggota_tim"):
        t = tables[name]
        si, ei = t.index("mulai"), t.index("selesai")
        if si is None or ei is None:
            continue
        for row, line in zip(t.rows, t.line_numbers):
            start, end = parse_date(row[si]), parse_date(row[ei])
            if start and end and end < start:
                out.add(Problem(t.source, line, "selesai", row[ei], f"periode berakhir ({row[ei]}) sebelum mulai ({row[si]})"))
