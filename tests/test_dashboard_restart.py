"""Neo4j restarted under an open dashboard (issue 7): while it is down every interaction says so in Bahasa
Indonesia, without a stack trace; once it is back, the next interaction works.

The shared development server is never touched: this test starts a
throwaway Neo4j of its own (its own state folder and ports, a small heap, the
jars hard-linked from the local build so Maven is not needed), loads a small
agency into it, serves the dashboard against it and stops and starts it.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from bundles import write_csv
from test_browser import ARGS, CHROMIUM, _free_port, graph_frame, shot, wait_idle
from test_dashboard import dashboard_agency

from sikerja.dashboard import text as T
from sikerja.dashboard.serve import running
from sikerja.loader import server
from sikerja.loader.graph import connect
from sikerja.loader.load import load_bundle
from sikerja.loader.settings import ServerSettings, Settings
from sikerja.queries.profiles import models_of

pytestmark = [pytest.mark.slow, pytest.mark.browser]
DOWN = T.DB_UNAVAILABLE.replace("`", "")  # as shown: the command names are set in code type


@pytest.fixture
def throwaway(tmp_path: Path, monkeypatch) -> Iterator[ServerSettings]:
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)  # its own generated password, kept in its own state folder
    lib = ServerSettings.from_env().home / "lib"
    if not (lib / ".pom-sha256").is_file():
        pytest.fail(f"no local Neo4j build in {lib}: run `sikerja db start` once")
    s = ServerSettings(home=tmp_path / "state" / "neo4j", bolt_port=_free_port(), http_port=_free_port(),
                       heap="1g", pagecache="256m")
    shutil.copytree(lib, s.home / "lib", copy_function=os.link)  # cp -al: no copy, no Maven
    server.start(s)
    try:
        yield s
    finally:
        server.stop(s)


def settings_of(s: ServerSettings) -> Settings:
    return Settings(uri=f"bolt://127.0.0.1:{s.bolt_port}", user="neo4j",
                    password=s.password_file.read_text(encoding="utf-8").strip(), database="neo4j")


def env_of(s: ServerSettings) -> dict[str, str]:
    """The dashboard's environment: the throwaway server and its password file, nothing of the shared one."""
    env = {k: v for k, v in os.environ.items() if k not in ("NEO4J_URI", "NEO4J_PASSWORD", "NEO4J_USER")}
    return {**env, "SIKERJA_STATE": str(s.home.parent), "SIKERJA_BOLT_PORT": str(s.bolt_port),
            "SIKERJA_HTTP_PORT": str(s.http_port)}


def go(pg, slug: str) -> None:
    """Open a page from the sidebar and wait until it is that page (a click that lands while the previous
    run is still finishing is dropped by the browser: click again)."""
    title = T.PAGES[slug][0]
    for _ in range(3):
        pg.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
        try:
            pg.get_by_role("heading", name=title, exact=True).wait_for(timeout=20_000)
            break
        except Exception:  # noqa: BLE001 - playwright's TimeoutError; try the click again
            continue
    pg.get_by_role("heading", name=title, exact=True).wait_for()
    wait_idle(pg)


def no_trace(pg) -> None:
    assert pg.get_by_test_id("stException").count() == 0
    assert "Traceback" not in pg.locator("body").inner_text()


def test_neo4j_restarted_under_an_open_dashboard(throwaway: ServerSettings, tmp_path: Path) -> None:
    kode = f"T-RESTART-{uuid.uuid4().hex[:6].upper()}"
    with connect(settings_of(throwaway)) as d:
        load_bundle(d, "neo4j", write_csv(dashboard_agency(kode), tmp_path / kode), models_of)

    from playwright.sync_api import sync_playwright

    with running(_free_port(), tmp_path / "dashboard.log", env=env_of(throwaway)) as (base, _), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 1200})
        pg.set_default_timeout(60_000)
        pg.goto(f"{base}/?instansi={kode}")
        wait_idle(pg)
        positions = pg.get_by_test_id("stMetric").filter(has_text=T.R_POSITIONS).first.get_by_test_id("stMetricValue")
        # the first page of a just-started server and dashboard (cold JVM, every check planned for the first
        # time) is not what this test is about: allow it time on a busy machine
        positions.wait_for(timeout=180_000)
        assert positions.inner_text() == "14"

        server.stop(throwaway)
        pg.wait_for_timeout(2500)  # longer than the dashboard trusts its last contact with the server
        for slug in ("temuan", "graf", "ringkasan"):  # pages drawn before, and pages not drawn yet
            go(pg, slug)
            pg.get_by_test_id("stAlertContentError").filter(has_text=DOWN).wait_for()
            no_trace(pg)
        pg.get_by_role("button", name=T.RETRY).click()
        wait_idle(pg)
        pg.get_by_test_id("stAlertContentError").filter(has_text=DOWN).wait_for()
        no_trace(pg)
        shot(pg, "restart-server-down")

        server.start(throwaway)
        pg.get_by_role("button", name=T.RETRY).click()  # the very next interaction works
        wait_idle(pg)
        assert positions.inner_text() == "14"
        assert pg.get_by_test_id("stAlertContentError").count() == 0
        go(pg, "graf")
        _, frame = graph_frame(pg)
        assert frame.evaluate("() => nodes.length") == 14
        assert pg.get_by_test_id("stAlertContentError").count() == 0
        no_trace(pg)
        shot(pg, "restart-server-back")
        browser.close()
