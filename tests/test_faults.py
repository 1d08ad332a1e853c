"""Faults mid-load (issue 7): a killed loader, a killed server, loads at once.

Whatever is killed and wherever, the agency afterwards is exactly one complete
version, the old one or the new one (compared node by node and edge by edge),
and a re-run of the load succeeds. What a dead load left behind is invisible
to readers and purged by later loads.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import neo4j
import pytest
from conftest import snapshot
from scratch import ScratchServer, sikerja

from sikerja.loader import cypherfile, write
from sikerja.loader.graph import connect
from sikerja.loader.load import load_bundle
from sikerja.queries.profiles import models_of

pytestmark = pytest.mark.slow

POSITIONS = 2_000
BATCH = "200"  # small batches: many stage transactions to be killed between


def generate(out: Path, kode: str, seed: int) -> Path:
    subprocess.run([sys.executable, "-m", "sikerja.loader.cli", "generate", "-p", "bintan-2023", "-n",
                    str(POSITIONS), "-s", str(seed), "--instansi", kode, str(out)], check=True, capture_output=True)
    return out


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two different bundles (A, B) of one agency code, and the same two under a second code."""
    kode = f"T-F{uuid.uuid4().hex[:8].upper()}"
    root = tmp_path_factory.mktemp("faults")
    return {
        "kode": kode,  # type: ignore[dict-item]
        "A": generate(root / "a", kode, 1), "B": generate(root / "b", kode, 2),
        "A2": generate(root / "a2", kode + "-2", 1), "B2": generate(root / "b2", kode + "-2", 2),
    }


def stages_of(driver: neo4j.Driver, db: str, kode: str) -> list[str]:
    rows = driver.execute_query("MATCH (s:Muatan {untuk: $k}) RETURN s.id AS id", k=kode, database_=db).records
    return [r["id"] for r in rows]


def nodes_of(driver: neo4j.Driver, db: str, muatan: str) -> int:
    q = cypherfile.load("loader", "cypher/snapshot.cypher").named["count"]
    return driver.execute_query(q, versi=muatan, database_=db).records[0]["n"]


def assert_purgeable(driver: neo4j.Driver, db: str, kode: str) -> int:
    """Purge what dead loads left for ``kode``; afterwards nothing of them remains. Returns how many stages."""
    left = stages_of(driver, db, kode)
    purged = write.purge_abandoned(driver, db, instansi=kode, older_than=0)
    assert purged == len(left)
    assert stages_of(driver, db, kode) == []
    assert all(nodes_of(driver, db, m) == 0 for m in left)
    return purged


def test_loader_killed_at_many_points_leaves_one_whole_version(driver, db, versions):
    kode = versions["kode"]
    try:
        load_bundle(driver, db, versions["B"], models_of)
        new = snapshot(driver, db, kode)
        load_bundle(driver, db, versions["A"], models_of)
        old = snapshot(driver, db, kode)
        assert old != new

        started = time.perf_counter()
        proc = sikerja("load", str(versions["B"]), "--batch-size", BATCH)
        assert proc.wait(timeout=300) == 0, proc.stderr.read()
        clean = time.perf_counter() - started
        load_bundle(driver, db, versions["A"], models_of)

        outcomes = []
        for i in range(14):  # kill points spread from the middle of start-up to just past the end
            proc = sikerja("load", str(versions["B"]), "--batch-size", BATCH)
            time.sleep(clean * (0.3 + 0.06 * i))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            after = snapshot(driver, db, kode)
            assert after in (old, new), f"kill point {i}: the agency is neither version"
            outcomes.append("old" if after == old else "new")
            load_bundle(driver, db, versions["B"], models_of)  # the re-run succeeds
            assert snapshot(driver, db, kode) == new
            load_bundle(driver, db, versions["A"], models_of)
        assert outcomes.count("old") >= 5, outcomes  # most kills land mid-load, not after it
        assert assert_purgeable(driver, db, kode) >= 1
        assert snapshot(driver, db, kode) == old
    finally:
        write.delete_agency(driver, db, kode)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory):
    srv = ScratchServer.create(tmp_path_factory.mktemp("scratch-neo4j"))
    srv.start()
    yield srv
    srv.remove()


def test_server_killed_mid_load_keeps_one_whole_version(scratch, versions):
    kode = versions["kode"]
    with connect(scratch.settings) as d:
        load_bundle(d, "neo4j", versions["B"], models_of)
        new = snapshot(d, "neo4j", kode)
        load_bundle(d, "neo4j", versions["A"], models_of)
        old = snapshot(d, "neo4j", kode)
    started = time.perf_counter()
    proc = sikerja("load", str(versions["A"]), "--batch-size", BATCH, env=scratch.env)
    assert proc.wait(timeout=300) == 0, proc.stderr.read()
    clean = time.perf_counter() - started
    outcomes = []
    for share in (0.4, 0.75):  # of a clean load's wall time, start-up included
        proc = sikerja("load", str(versions["B"]), "--batch-size", BATCH, env=scratch.env)
        time.sleep(clean * share)
        scratch.kill()
        rc = proc.wait(timeout=120)
        stderr = proc.stderr.read()
        assert "Traceback" not in stderr, stderr
        if rc != 0:
            assert "data lama" in stderr, stderr  # refused before its swap: says the old version stands
        scratch.start()
        with connect(scratch.settings) as d:
            after = snapshot(d, "neo4j", kode)
            assert after == old or after == new, f"kill at {share:.0%}: the agency is neither version"
            outcomes.append("old" if after == old else "new")
            load_bundle(d, "neo4j", versions["B"], models_of)  # the re-run succeeds
            assert snapshot(d, "neo4j", kode) == new, "re-run"
            assert_purgeable(d, "neo4j", kode)
            load_bundle(d, "neo4j", versions["A"], models_of)
            assert snapshot(d, "neo4j", kode) == old, "back to the old version"
    assert "old" in outcomes, outcomes  # at least one kill landed before the swap


def test_two_loads_of_one_agency_at_once_end_with_one_whole_version(driver, db, versions):
    kode = versions["kode"]
    try:
        snaps = {}
        for v in ("A", "B"):
            load_bundle(driver, db, versions[v], models_of)
            snaps[v] = snapshot(driver, db, kode)
        for _ in range(3):
            procs = [sikerja("load", str(versions[v]), "--batch-size", BATCH) for v in ("A", "B")]
            for p in procs:
                assert p.wait(timeout=300) == 0, p.stderr.read()
            assert snapshot(driver, db, kode) in (snaps["A"], snaps["B"])
            assert stages_of(driver, db, kode) == []  # both loads purged what they retired
    finally:
        write.delete_agency(driver, db, kode)


def test_loads_of_different_agencies_do_not_disturb_each_other(driver, db, versions, instansi, load_tables):
    from bundles import tiny_agency

    load_tables(tiny_agency(instansi))
    canary = snapshot(driver, db, instansi)
    one, two = versions["kode"], versions["kode"] + "-2"
    try:
        procs = [sikerja("load", str(versions[v]), "--batch-size", BATCH) for v in ("A", "B2")]
        for p in procs:
            assert p.wait(timeout=300) == 0, p.stderr.read()
        together = snapshot(driver, db, one), snapshot(driver, db, two)
        assert snapshot(driver, db, instansi) == canary
        load_bundle(driver, db, versions["A"], models_of)
        load_bundle(driver, db, versions["B2"], models_of)
        assert (snapshot(driver, db, one), snapshot(driver, db, two)) == together  # same as one after the other
    finally:
        write.delete_agency(driver, db, one)
        write.delete_agency(driver, db, two)
