"""Tests run against a real Neo4j 5.26 server, never a mock.

The session starts the local server (``sikerja db start`` logic) unless one
is already answering, and stops it at the end only if it started it. If
``NEO4J_URI`` points elsewhere, that server is used as is. Each test gets its
own agency code, so tests never wipe the database; their agencies are removed
afterwards.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest

sys.path.insert(0, str(Path(__file__).parent))
# Test-only profiles (e.g. one with team duration limits) sit beside the built-ins.
os.environ["SIKERJA_PROFILES"] = os.pathsep.join(
    p for p in (str(Path(__file__).parent / "profiles"), os.environ.get("SIKERJA_PROFILES", "")) if p
)

from bundles import Tables, write_csv  # noqa: E402

from sikerja.loader import server, write  # noqa: E402
from sikerja.loader.graph import connect  # noqa: E402
from sikerja.loader.load import load_bundle  # noqa: E402
from sikerja.loader.settings import ServerSettings, Settings  # noqa: E402
from sikerja.queries.profiles import models_of  # noqa: E402


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[Settings]:
    started = False
    if not os.environ.get("NEO4J_URI"):
        s = ServerSettings.from_env()
        ok, _ = server.status(s)
        if not ok:
            server.start(s)
            started = True
    yield Settings.from_env()
    if started:
        server.stop(ServerSettings.from_env())


@pytest.fixture(scope="session")
def driver(neo4j_settings: Settings) -> Iterator[neo4j.Driver]:
    with connect(neo4j_settings) as d:
        d.verify_connectivity()
        yield d


@pytest.fixture(scope="session")
def db(neo4j_settings: Settings) -> str:
    return neo4j_settings.database


def pytest_report_header(config: pytest.Config) -> str:
    return f"sikerja tests against a real Neo4j ({os.environ.get('NEO4J_URI') or 'local server from Maven'})"


@pytest.fixture
def instansi(driver: neo4j.Driver, db: str) -> Iterator[str]:
    """A fresh agency code for this test, removed afterwards."""
    kode = f"T-{uuid.uuid4().hex[:10].upper()}"
    yield kode
    write.delete_agency(driver, db, kode)


@pytest.fixture
def load_tables(driver: neo4j.Driver, db: str, tmp_path: Path) -> Callable[..., write.LoadSummary]:
    """Write ``tables`` as a CSV bundle and load it."""
    counter = iter(range(1_000_000))

    def _load(tables: Tables, **kwargs: Any) -> write.LoadSummary:
        folder = write_csv(tables, tmp_path / f"bundle-{next(counter)}")
        return load_bundle(driver, db, folder, models_of, **kwargs)

    return _load


def snapshot(driver: neo4j.Driver, db: str, kode: str) -> tuple[list[Any], list[Any]]:
    """The agency's live version as sorted plain data, for before/after comparison."""
    from sikerja.loader import cypherfile

    q = cypherfile.load("loader", "cypher/snapshot.cypher").named
    live = driver.execute_query("MATCH (i:Instansi {kode: $k}) RETURN i.muatan AS m", k=kode, database_=db).records
    key = {"instansi": kode, "versi": live[0]["m"] if live else None}
    nodes = driver.execute_query(q["nodes"], key, database_=db).records
    rels = driver.execute_query(q["relationships"], key, database_=db).records
    clean = lambda p: {k: v for k, v in p.items() if k not in ("dimuat", "muatan")}  # noqa: E731
    return (
        sorted((r["labels"], sorted(clean(r["props"]).items())) for r in nodes),
        sorted((r["type"], r["a"], r["b"], sorted(r["props"].items())) for r in rels),
    )
