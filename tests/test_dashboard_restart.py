"""Neo4j restarted under an open dashboard (issue 7): while it is down every interaction says so in Bahasa
Indonesia, without a stack trace; once it is back, the next interaction works.

The shared development server is never touched: this test starts a
throwaway Neo4j of its own (its own state folder and ports, a small heap, the
jars hard-linked from the local build so Maven is not needed), loads a small
agency into it, serves the dashboard against it and stops and starts it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from bundles import write_csv
from scratch import ScratchServer, free_port
from test_browser import ARGS, CHROMIUM, graph_frame, shot, wait_idle
from test_dashboard import dashboard_agency

from sikerja.dashboard import text as T
from sikerja.dashboard.serve import running
from sikerja.loader.graph import connect
from sikerja.loader.load import load_bundle
from sikerja.queries.profiles import models_of

pytestmark = [pytest.mark.slow, pytest.mark.browser]
DOWN = T.DB_UNAVAILABLE.replace("`", "")  # as shown: the command names are set in code type


@pytest.fixture
def throwaway(tmp_path: Path) -> Iterator[ScratchServer]:
    srv = ScratchServer.create(tmp_path / "state")
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


def no_trace(pg) -> None:
    assert pg.get_by_test_id("stException").count() == 0
    assert "Traceback" not in pg.locator("body").inner_text()


def test_neo4j_restarted_under_an_open_dashboard(throwaway: ScratchServer, tmp_path: Path) -> None:
    kode = f"T-RESTART-{uuid.uuid4().hex[:6].upper()}"
    with connect(throwaway.settings) as d:
        load_bundle(d, "neo4j", write_csv(dashboard_agency(kode), tmp_path / kode), models_of)

    from playwright.sync_api import sync_playwright

    with running(free_port(), tmp_path / "dashboard.log", env=throwaway.env) as (base, _), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 1200})
        pg.set_default_timeout(60_000)
        pg.goto(f"{base}/?instansi={kode}")
        wait_idle(pg)
        positions = pg.get_by_test_id("stMetric").filter(has_text=T.R_POSITIONS).first.get_by_test_id("stMetricValue")
        assert positions.inner_text() == "14"

        throwaway.stop()
        pg.wait_for_timeout(2500)  # longer than the dashboard trusts its last contact with the server
        for slug in ("temuan", "graf", "ringkasan"):  # pages drawn before, and pages not drawn yet
            pg.get_by_test_id("stSidebarNav").get_by_role("link", name=T.PAGES[slug][0], exact=True).click()
            wait_idle(pg)
            pg.get_by_test_id("stAlertContentError").filter(has_text=DOWN).wait_for()
            no_trace(pg)
        pg.get_by_role("button", name=T.RETRY).click()
        wait_idle(pg)
        pg.get_by_test_id("stAlertContentError").filter(has_text=DOWN).wait_for()
        no_trace(pg)
        shot(pg, "restart-server-down")

        throwaway.start()
        pg.get_by_role("button", name=T.RETRY).click()  # the very next interaction works
        wait_idle(pg)
        assert positions.inner_text() == "14"
        assert pg.get_by_test_id("stAlertContentError").count() == 0
        pg.get_by_test_id("stSidebarNav").get_by_role("link", name=T.PAGES["graf"][0], exact=True).click()
        wait_idle(pg)
        _, frame = graph_frame(pg)
        assert frame.evaluate("() => nodes.length") == 14
        assert pg.get_by_test_id("stAlertContentError").count() == 0
        no_trace(pg)
        shot(pg, "restart-server-back")
        browser.close()
