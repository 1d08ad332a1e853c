"""The same code through a ``neo4j://`` routing URI, as against a cluster or Aura.

A standalone Neo4j 5 server answers the Bolt ``ROUTE`` request with a routing
table naming itself as router, reader and writer, so the local server stands
in for a cluster here. ``NEO4J_URI`` gets the test server's address with the
routing scheme; the loader, the checks and the dashboard's data layer then run
unchanged. That routing was really used is shown from the driver's own Bolt
log: a routing driver sends ``ROUTE`` and receives the table; the ``bolt://``
driver never does.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import neo4j
import pytest
from bundles import tiny_agency, write_csv
from conftest import snapshot

from sikerja.loader.graph import connect
from sikerja.loader.load import load_bundle
from sikerja.loader.settings import Settings
from sikerja.queries.profiles import models_of
from sikerja.queries.runner import run_checks

ROUTING_SCHEME = {"bolt": "neo4j", "bolt+s": "neo4j+s", "bolt+ssc": "neo4j+ssc"}


def _with_scheme(uri: str, scheme: str) -> str:
    parts = urlsplit(uri)
    return urlunsplit((scheme, parts.netloc, "", "", ""))


@pytest.fixture
def routing_uri(neo4j_settings: Settings) -> str:
    """The test server's address with the routing scheme (``bolt://h:p`` -> ``neo4j://h:p``)."""
    scheme = urlsplit(neo4j_settings.uri).scheme
    return _with_scheme(neo4j_settings.uri, ROUTING_SCHEME.get(scheme, scheme))


@pytest.fixture
def direct_uri(neo4j_settings: Settings) -> str:
    scheme = urlsplit(neo4j_settings.uri).scheme
    direct = {v: k for k, v in ROUTING_SCHEME.items()}
    return _with_scheme(neo4j_settings.uri, direct.get(scheme, scheme))


class _Messages(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())

    def sent(self, message: str) -> list[str]:
        """Bolt messages the client sent, e.g. ``ROUTE``."""
        return [line for line in self.lines if f"C: {message} " in line]

    def routing_tables(self) -> list[str]:
        """Server replies that carry a routing table."""
        return [line for line in self.lines if "S: SUCCESS {'rt':" in line]


@pytest.fixture
def bolt_log() -> Iterator[_Messages]:
    """The driver's debug log (Bolt messages) while the test runs; credentials are masked by the driver."""
    logger = logging.getLogger("neo4j")
    handler, level = _Messages(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(level)


def test_a_routing_uri_gives_a_routing_driver_that_fetches_a_routing_table(
        routing_uri, bolt_log, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", routing_uri)
    settings = Settings.from_env()
    assert settings.uri == routing_uri
    with connect(settings) as d:
        assert isinstance(d, neo4j.Neo4jDriver)
        assert d.execute_query("RETURN 1 AS x", database_=settings.database,
                               routing_=neo4j.RoutingControl.READ).records[0]["x"] == 1
    assert bolt_log.sent("ROUTE"), "the routing driver never asked for a routing table"
    tables = bolt_log.routing_tables()
    assert tables, "no routing table came back"
    for role in ("WRITE", "READ", "ROUTE"):
        assert f"'role': '{role}'" in tables[-1], tables[-1]


def test_a_bolt_uri_does_not_route(direct_uri, bolt_log, neo4j_settings):
    settings = Settings(uri=direct_uri, user=neo4j_settings.user, password=neo4j_settings.password,
                        database=neo4j_settings.database)
    with connect(settings) as d:
        assert isinstance(d, neo4j.BoltDriver)
        d.execute_query("RETURN 1", database_=settings.database, routing_=neo4j.RoutingControl.READ)
    assert bolt_log.lines, "the driver logged nothing: the log capture itself is broken"
    assert not bolt_log.sent("ROUTE")
    assert not bolt_log.routing_tables()


def _agency_with_a_finding(kode: str) -> dict[str, list[dict[str, str]]]:
    """The tiny clean agency, except that EPID-1 (filled) has no recorded evaluator: EVAL-MISSING."""
    tables = tiny_agency(kode)
    for j in tables["jabatan"]:
        if j["kode"] == "EPID-1":
            j["penilai"] = ""
    return tables


def test_load_checks_and_dashboard_through_routing(routing_uri, instansi, driver, db, tmp_path: Path,
                                                   bolt_log, monkeypatch):
    folder = write_csv(_agency_with_a_finding(instansi), tmp_path / "bundle")
    monkeypatch.setenv("NEO4J_URI", routing_uri)
    settings = Settings.from_env()
    with connect(settings) as routed:
        assert isinstance(routed, neo4j.Neo4jDriver)
        summary = load_bundle(routed, db, folder, models_of)
        found = run_checks(routed, db, instansi)
    assert bolt_log.sent("ROUTE")

    # What went in through routing is what the direct driver reads back, and the checks agree.
    assert summary.instansi == instansi
    nodes, _ = snapshot(driver, db, instansi)
    assert sum(1 for labels, _ in nodes if "Jabatan" in labels) == 9
    assert [(f.rule, f.subjek) for f in found] == [("EVAL-MISSING", "EPID-1")]
    assert found == run_checks(driver, db, instansi)

    # The dashboard's data layer builds its own driver from the same settings.
    from sikerja.dashboard import data

    data.reset_driver()
    data.clear_caches()
    try:
        d, _ = data.driver()
        assert isinstance(d, neo4j.Neo4jDriver)
        agency = next(a for a in data.agencies() if a.kode == instansi)
        assert {u["kode"] for u in data.units(agency)} == {"PEMDA", "DINKES", "BID-P2P", "SEKRE"}
        assert [(r["rule"], r["subjek"]) for r in data.findings(agency)] == [("EVAL-MISSING", "EPID-1")]
    finally:
        data.reset_driver()
        data.clear_caches()
