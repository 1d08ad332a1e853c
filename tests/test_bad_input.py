"""Issue 7, bad input: every entry of the corpus (tests/corpus.py) is refused,
naming file, row, column and reason, and the agency already loaded under the
same code is exactly as before, node for node and property for property.

The big entries run as a ``sikerja load`` subprocess whose peak resident
memory is measured against a bound that follows from the input's size.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bundles import HEADERS, Tables, tiny_agency, write_csv
from conftest import snapshot
from corpus import BIG, CSV_FORMS, FORMS, SMALL, Entry, Expect, append_rows, big_team_without_fault, write_form

from sikerja.loader import write
from sikerja.loader.bundle import BundleError, Problem
from sikerja.loader.load import load_bundle, read_valid_bundle
from sikerja.loader.validate import MAX_CELL, MAX_COLUMNS, MAX_UNIT_DEPTH
from sikerja.queries.profiles import models_of

SIKERJA = str(Path(sys.executable).with_name("sikerja"))
MIB = 1024 * 1024


@pytest.fixture(scope="module")
def good_agency(driver, db, tmp_path_factory) -> Iterator[tuple[str, object]]:
    """A good version of the agency every corpus entry tries to replace, and its snapshot."""
    kode = f"T-BAD-{uuid.uuid4().hex[:8].upper()}"
    load_bundle(driver, db, write_csv(tiny_agency(kode), tmp_path_factory.mktemp("good")), models_of)
    before = snapshot(driver, db, kode)
    assert len(before[0]) == 23 and len(before[1]) > 20
    yield kode, before
    write.delete_agency(driver, db, kode)


def names_the_place(problems: list[Problem], expect: Expect) -> None:
    places = [(p.file, p.row, p.column) for p in problems]
    hits = [p for p in problems if (p.file, p.row, p.column) == (expect.file, expect.row, expect.column)]
    assert hits, f"no problem at {(expect.file, expect.row, expect.column)}; found {places}"
    assert any(expect.reason in p.reason for p in hits), f"reason {expect.reason!r} not in {[p.reason for p in hits]}"
    assert not expect.alone or len(problems) == 1, places


def test_corpus_is_large_and_covers_every_form():
    ids = [e.id for e in SMALL + BIG]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 40
    for form in FORMS:
        assert sum(e.id.endswith(f"[{form}]") for e in SMALL) >= 30, form


@pytest.mark.parametrize("form", FORMS)
def test_the_unbroken_bundle_is_accepted_in_every_form(form, tmp_path):
    """The corpus breaks a bundle the loader accepts: what it refuses is the damage, nothing else."""
    path = write_form(tiny_agency("T-CONTROL"), copy.deepcopy(HEADERS), form, tmp_path)
    tables = read_valid_bundle(path, models_of)
    assert len(tables["jabatan"].rows) == 9


@pytest.mark.parametrize("entry", SMALL, ids=lambda e: e.id)
def test_refused_naming_the_place_and_nothing_changes(entry: Entry, driver, db, good_agency, tmp_path):
    kode, before = good_agency
    path, expect = entry.build(tmp_path, kode)
    with pytest.raises(BundleError) as info:
        load_bundle(driver, db, path, models_of)
    names_the_place(info.value.problems, expect)
    assert snapshot(driver, db, kode) == before


# --- absurd sizes: a real `sikerja load`, peak memory measured ---------------

# Linux starts a child's ru_maxrss at its parent's resident size (fork copies
# the page counts, exec keeps the old high-water mark), and pytest holding a
# big bundle is big. So a small interpreter starts the loader and reports
# the loader's own peak, in KiB, on its last stdout line.
SPAWN = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def load_measured(path: Path) -> tuple[int, str, int]:
    """Run ``sikerja load PATH``; return exit code, stderr and the loader's peak RSS in bytes."""
    with tempfile.TemporaryFile() as err:
        proc = subprocess.run([sys.executable, "-c", SPAWN, SIKERJA, "load", str(path)], stdout=subprocess.PIPE,
                              stderr=err, env={**os.environ, "COLUMNS": "400"}, check=True)
        err.seek(0)
        code, kib = proc.stdout.decode().split("\n")[-2].split()
        return int(code), err.read().decode("utf-8", "replace"), int(kib) * 1024


def bundle_bytes(path: Path) -> int:
    return path.stat().st_size if path.is_file() else sum(p.stat().st_size for p in path.glob("*.csv"))


@pytest.fixture(scope="module")
def baseline_rss(good_agency, tmp_path_factory) -> int:
    """Peak RSS of `sikerja load` refusing a tiny bundle: the interpreter, driver, CLI and profiles."""
    kode, _ = good_agency
    bad = tiny_agency(kode)
    bad["jabatan"][3]["atasan_langsung"] = "TIDAK-ADA"
    code, err, rss = load_measured(write_csv(bad, tmp_path_factory.mktemp("baseline")))
    assert code == 2, err
    print(f"\nRSS baseline (tiny bundle refused): {rss / MIB:.0f} MiB")
    return rss


# Memory a refusal may take beyond the baseline, per byte of input. Rows are
# kept as tuples of str until validation ends: a cell of n ASCII characters
# that no other row shares costs 49 + n bytes of str and 8 of tuple slot, so a
# file of short unique cells (codes, NIPs, names) takes about 6 times its size;
# repeated values are shared (bundle._SHARED_VALUES). Measured: 4.1x for
# 500,000 positions, 6.5x for 50,000 officials in a team. The reader before
# this corpus held three copies of each file and no sharing: 13.6x.
RSS_PER_INPUT_BYTE = 8
RSS_FIXED_ALLOWANCE = 64 * MIB


@pytest.mark.slow
@pytest.mark.parametrize("entry", BIG, ids=lambda e: e.id)
def test_absurd_input_refused_in_bounded_memory(entry: Entry, driver, db, good_agency, baseline_rss, tmp_path):
    kode, before = good_agency
    path, expect = entry.build(tmp_path, kode)
    code, err, rss = load_measured(path)
    assert code == 2, err[-2000:]
    where = f"{expect.file}, baris {expect.row}, kolom {expect.column}"
    lines = [ln for ln in err.splitlines() if ln.strip().startswith(where)]
    assert lines, f"{where!r} not in:\n{err[:3000]}"
    assert any(expect.reason in ln for ln in lines), lines
    assert "basis data tidak diubah" in err
    assert not expect.alone or "ditolak: 1 masalah;" in err, err[-3000:]
    assert snapshot(driver, db, kode) == before
    size = bundle_bytes(path)
    bound = baseline_rss + RSS_FIXED_ALLOWANCE + RSS_PER_INPUT_BYTE * size
    print(f"\nRSS {entry.id}: {rss / MIB:.0f} MiB for {size / MIB:.1f} MiB of input (bound {bound / MIB:.0f} MiB)")
    assert rss <= bound


def _chain(depth: int) -> Callable[[Tables], None]:
    def apply(t: Tables) -> None:  # units below SEKRE (depth 2) down to `depth` levels under the root
        t["unit"] += [{"kode": f"L{k}", "nama": f"L{k}", "jenis": "lainnya", "induk": f"L{k - 1}" if k > 3 else "SEKRE"}
                      for k in range(3, depth + 1)]
    return apply


def _cell(length: int) -> Callable[[Tables], None]:
    def apply(t: Tables) -> None:
        t["unit"][1]["nama"] = "N" * length
    return apply


def _columns(count: int) -> Callable[[Tables], None]:
    def apply(t: Tables) -> None:  # unit.csv has 6 columns of its own
        t["unit"][0].update({f"x{i}": "x" for i in range(count - 6)})
    return apply


LIMITS = {  # id: (at the limit, one past it, expected column of the refusal, reason)
    "unit-depth": (_chain(MAX_UNIT_DEPTH), _chain(MAX_UNIT_DEPTH + 1), "induk", "tingkat"),
    "cell-length": (_cell(MAX_CELL), _cell(MAX_CELL + 1), "nama", "karakter"),
    "columns": (_columns(MAX_COLUMNS), _columns(MAX_COLUMNS + 1), f"#{MAX_COLUMNS + 1}", "kolom"),
}


@pytest.mark.parametrize("limit", sorted(LIMITS))
def test_limits_admit_their_value_and_refuse_the_next(limit, tmp_path):
    at, past, column, reason = LIMITS[limit]
    good, bad = tiny_agency("T-LIMIT"), tiny_agency("T-LIMIT")
    at(good)
    past(bad)
    read_valid_bundle(write_csv(good, tmp_path / "at"), models_of)
    with pytest.raises(BundleError) as info:
        read_valid_bundle(write_csv(bad, tmp_path / "past"), models_of)
    assert [(p.file, p.column) for p in info.value.problems] == [("unit.csv", column)]
    assert reason in info.value.problems[0].reason


@pytest.mark.slow
def test_a_team_of_50000_is_not_refused(tmp_path):
    """A team's size is the organisation's business (validate.py sets no limit): the same team without the bad date passes."""
    tables = read_valid_bundle(big_team_without_fault(tmp_path, "T-TEAM"), models_of)
    assert len(tables["anggota_tim"].rows) == 50_003


def test_problems_beyond_the_cap_are_counted_not_kept(tmp_path):
    """A file with a bad value in every one of 5,000 rows: 200 problems listed, all 5,000 counted."""
    folder = write_csv(tiny_agency("T-CAP"), tmp_path / "b")
    append_rows(folder / "pegawai.csv", ({"nip": f"{i:018d}", "nama": "x", "status": "PNS"} for i in range(5000)), HEADERS["pegawai"])
    with pytest.raises(BundleError) as info:
        read_valid_bundle(folder, models_of)
    assert len(info.value.problems) == 200
    assert info.value.total == 5000
    assert {p.file for p in info.value.problems} == {"pegawai.csv"}


def test_reading_problems_beyond_the_cap_are_counted(tmp_path):
    """5,000 rows of Windows-1252 text: the reader refuses at once, 200 listed, all counted."""
    folder = write_csv(tiny_agency("T-CAP"), tmp_path / "b")
    append_rows(folder / "pegawai.csv", ({"nip": f"19700101200501{1000 + i % 999:04d}"[:18], "nama": f"José {i}", "status": "PNS"}
                                         for i in range(5000)), HEADERS["pegawai"])
    (folder / "pegawai.csv").write_bytes((folder / "pegawai.csv").read_bytes().decode("utf-8").encode("cp1252"))
    with pytest.raises(BundleError) as info:
        read_valid_bundle(folder, models_of)
    assert len(info.value.problems) == 200
    assert info.value.total == 5000
    assert all(p.column == "nama" and "bukan UTF-8" in p.reason for p in info.value.problems)


@pytest.mark.parametrize("form", CSV_FORMS)
def test_several_faults_are_all_reported(form, tmp_path):
    """Refusal lists every problem, not just the first: one bundle, four faults in three files."""
    t = tiny_agency("T-MANY")
    t["unit"][2]["jenis"] = "direktorat"
    t["jabatan"][3]["atasan_langsung"] = "TIDAK-ADA"
    t["pegawai"][1]["nip"] = "123"
    t["tim"][0]["mulai"] = "kemarin"
    with pytest.raises(BundleError) as info:
        read_valid_bundle(write_form(t, copy.deepcopy(HEADERS), form, tmp_path), models_of)
    assert {(p.file, p.row, p.column) for p in info.value.problems} >= {
        ("unit.csv", 4, "jenis"), ("jabatan.csv", 5, "atasan_langsung"), ("pegawai.csv", 3, "nip"), ("tim.csv", 2, "mulai"),
    }
