"""Readers select an agency's live version by its load id (queries/version.py):
a read that a new load overtook is noticed and read again, never returned half."""

from __future__ import annotations

import threading
import time

import pytest
from bundles import one_more_position, tiny_agency, write_csv

from sikerja.loader import write
from sikerja.loader.load import load_bundle
from sikerja.queries.profiles import models_of
from sikerja.queries.runner import run_checks
from sikerja.queries.version import UnknownAgency, VersionChanged, agency, consistent, ensure_live, live

COUNT = "MATCH (j:Jabatan {muatan: $muatan}) RETURN count(j) AS n"


def two_versions(kode: str):
    """Two versions of the tiny agency, each with its own finding (a read of a deleted one has neither)."""
    a = tiny_agency(kode)
    next(j for j in a["jabatan"] if j["kode"] == "PLK-1")["penilai"] = ""  # held by Joko Prasetyo: EVAL-MISSING
    b = one_more_position(a)
    epid = next(j for j in b["jabatan"] if j["kode"] == "EPID-1")
    epid["penilai"] = ""  # held by Agus Salim: EVAL-MISSING
    return a, b


def findings(driver, db, kode: str) -> list[tuple[str, ...]]:
    return sorted(tuple(f.as_row().values()) for f in run_checks(driver, db, kode))


def count(driver, db, muatan: str) -> int:
    return driver.execute_query(COUNT, muatan=muatan, database_=db).records[0]["n"]


def test_a_read_overtaken_by_a_load_is_read_again(driver, db, instansi, load_tables):
    a, b = two_versions(instansi)
    load_tables(a)
    first = live(driver, db, instansi)
    seen: list[str] = []

    def read_version(row):
        seen.append(row["muatan"])
        n = count(driver, db, row["muatan"])
        if len(seen) == 1:
            load_tables(b)  # a load lands while this read is under way
        return n

    assert consistent(driver, db, instansi, read_version) == len(b["jabatan"])
    assert seen[0] == first and seen[1] == live(driver, db, instansi) != first
    assert count(driver, db, first) == 0  # the retired version is gone: a result from it would have been half


def test_a_retired_or_removed_version_is_refused(driver, db, instansi, load_tables):
    a, b = two_versions(instansi)
    load_tables(a)
    old = live(driver, db, instansi)
    ensure_live(driver, db, instansi, old)  # silent while live
    load_tables(b)
    with pytest.raises(VersionChanged):
        ensure_live(driver, db, instansi, old)
    new = live(driver, db, instansi)
    write.delete_agency(driver, db, instansi)
    with pytest.raises(VersionChanged):
        ensure_live(driver, db, instansi, new)
    with pytest.raises(UnknownAgency):
        agency(driver, db, instansi)
    assert count(driver, db, new) == 0


def test_a_load_that_keeps_coming_back_gives_up_with_a_clear_error(driver, db, instansi, load_tables):
    a, b = two_versions(instansi)
    load_tables(a)
    calls = []

    def always_overtaken(row):
        calls.append(row["muatan"])
        load_tables(b if len(calls) % 2 else a)

    with pytest.raises(VersionChanged, match="dimuat ulang terus-menerus"):
        consistent(driver, db, instansi, always_overtaken, attempts=3)
    assert len(calls) == 3 and len(set(calls)) == 3


def test_checks_during_repeated_loads_see_one_whole_version(driver, db, instansi, tmp_path):
    a, b = two_versions(instansi)
    folders = [write_csv(a, tmp_path / "a"), write_csv(b, tmp_path / "b")]
    load_bundle(driver, db, folders[0], models_of)
    expected = []
    for folder in folders:
        load_bundle(driver, db, folder, models_of)
        expected.append(findings(driver, db, instansi))
    assert expected[0] and expected[1] and expected[0] != expected[1]

    stop = threading.Event()
    loads = []

    def keep_loading() -> None:
        while not stop.is_set():
            load_bundle(driver, db, folders[len(loads) % 2], models_of)
            loads.append(1)
            time.sleep(0.2)  # leave readers a window now and then

    loader = threading.Thread(target=keep_loading, daemon=True)
    loader.start()
    results, overtaken = [], 0
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                results.append(findings(driver, db, instansi))
            except VersionChanged:
                overtaken += 1
    finally:
        stop.set()
        loader.join(timeout=60)
    assert len(loads) >= 5
    assert len(results) >= 5, (len(results), overtaken)
    assert all(r in expected for r in results)
