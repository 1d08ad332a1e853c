"""The dashboard in a real browser: Debian's chromium driven by Playwright.

One Streamlit server (the exact command ``sikerja dashboard`` runs, on a
free loopback port) serves one agency loaded for this module; every page is
opened through its URL with ``?instansi=``, checked for what a user must
see, and saved as a screenshot under tests/artifacts/. Markup in names must
show as text on the Graf and Temuan pages and never run, in the page or in
the graph's iframe.
"""

from __future__ import annotations

import csv
import io
import re
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from bundles import write_csv
from test_dashboard import XSS_ALERT, XSS_BREAKOUT, XSS_IMG, XSS_SCRIPT, dashboard_agency

from sikerja.dashboard import text as T
from sikerja.dashboard.serve import running
from sikerja.loader import write
from sikerja.loader.load import load_bundle
from sikerja.queries.profiles import models_of

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).parent / "artifacts"
VIEWPORT = {"width": 1400, "height": 1600}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def agency(driver, db, tmp_path_factory) -> Iterator[str]:
    kode = f"T-WEB-{uuid.uuid4().hex[:8].upper()}"
    folder = write_csv(dashboard_agency(kode, xss=True), tmp_path_factory.mktemp("web") / kode)
    load_bundle(driver, db, folder, models_of)
    yield kode
    write.delete_agency(driver, db, kode)


@pytest.fixture(scope="module")
def server(agency: str, tmp_path_factory) -> Iterator[str]:
    with running(_free_port(), tmp_path_factory.mktemp("dasbor") / "dashboard.log") as (base, _):
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    ctx = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    pg = ctx.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    ctx.close()


def wait_idle(pg) -> None:
    """Until the script run has finished (no running indicator for a few consecutive polls)."""
    pg.wait_for_selector("[data-testid='stMain']")
    pg.wait_for_function(
        """() => {
            const busy = document.querySelector('[data-testid="stStatusWidget"]')
                || document.querySelector('[data-stale="true"]');
            window.__sikerjaIdle = busy ? 0 : (window.__sikerjaIdle || 0) + 1;
            return window.__sikerjaIdle >= 5;
        }""",
        polling=100,
    )


def open_page(pg, server: str, slug: str, kode: str, title: str) -> None:
    pg.goto(f"{server}/{'' if slug == 'ringkasan' else slug}?instansi={kode}")
    pg.get_by_role("heading", name=title, exact=True).wait_for()
    wait_idle(pg)
    main = pg.get_by_test_id("stMain")
    main.get_by_text(f"Pemerintah Kota Uji {kode}", exact=True).wait_for()  # the chosen agency, from the URL


def settled(pg) -> None:
    """Until the main block's markup (diagrams included) stays the same over four polls 150 ms apart."""
    pg.wait_for_function(
        """() => {
            const m = document.querySelector('[data-testid="stMain"]');
            const sig = m.innerHTML.length + ':' + [...m.querySelectorAll('svg')].map((s) => s.innerHTML).join('');
            if (sig !== window.__sikerjaSig) { window.__sikerjaSig = sig; window.__sikerjaSame = 0; }
            else { window.__sikerjaSame += 1; }
            return window.__sikerjaSame >= 3;
        }""",
        polling=150,
    )


def shot(pg, name: str) -> None:
    """The whole page: Streamlit scrolls inside its main block, so the window is made as tall as that block first."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    size = pg.viewport_size
    tall = pg.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    pg.set_viewport_size({"width": size["width"], "height": min(max(size["height"], tall + 40), 12_000)})
    settled(pg)  # charts and tables re-lay themselves out for the new height; diagrams finish their transition
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    pg.set_viewport_size(size)


def graph_frame(pg):
    """The pyvis iframe, once vis-network has drawn into it (a frame replaced while we look is looked up again)."""
    frame_el = pg.locator("iframe[title^='Graf jaringan']").first
    for _ in range(100):
        frame_el.wait_for()
        handle = frame_el.element_handle()
        frame = handle.content_frame() if handle is not None else None
        if frame is not None and not frame.is_detached():
            try:
                frame.locator("#mynetwork canvas").wait_for()
                frame.wait_for_function("() => typeof network !== 'undefined' && nodes.length > 0")
                return frame_el, frame
            except PlaywrightError:
                if not frame.is_detached():
                    raise
        pg.wait_for_timeout(100)
    raise AssertionError("the network graph was not drawn")


def search(pg, text: str) -> None:
    """Graf: switch to the search and look for ``text``."""
    pg.get_by_role("radio", name=T.G_MODES["cari"]).click()
    wait_idle(pg)
    box = pg.get_by_role("textbox", name=T.G_SEARCH)
    box.fill(text)
    box.press("Enter")
    wait_idle(pg)


def pick(pg, label: str, option, typed: str) -> None:
    """Choose ``option`` (its text, or a pattern) in the selectbox labelled ``label`` by typing part of it."""
    box = pg.get_by_test_id("stSelectbox").filter(has=pg.get_by_text(label, exact=True)).first
    box.click()
    pg.keyboard.type(typed)
    pg.get_by_role("option", name=option, exact=isinstance(option, str)).click()
    wait_idle(pg)


def no_xss(pg, frame=None) -> None:
    """No payload ran: neither in the page nor in any frame (the graphs' iframes included)."""
    for f in pg.frames:
        assert f.evaluate("() => [typeof window.__xss, typeof window.__pwned]") == ["undefined", "undefined"], f.url
        assert f.locator('img[src="x"], script:text("__xss"), script:text("__pwned")').count() == 0, f.url


def test_ringkasan(page, server, agency) -> None:
    open_page(page, server, "ringkasan", agency, T.PAGES["ringkasan"][0])
    metric = page.get_by_test_id("stMetric").filter(has_text=T.R_POSITIONS).first
    assert metric.get_by_test_id("stMetricValue").inner_text() == "14"
    page.get_by_test_id("stMetric").filter(has_text=f"{T.R_FINDINGS} — {T.severity('pelanggaran')}").wait_for()
    page.get_by_test_id("stVegaLiteChart").nth(3).wait_for()  # kinds, officials, severity, rules
    page.get_by_role("heading", name=T.R_COMPARE).wait_for()
    page.get_by_test_id("stDataFrame").last.get_by_text(agency, exact=True).wait_for(state="attached")
    wait_idle(page)
    shot(page, "ringkasan")


def test_rentang(page, server, agency) -> None:
    open_page(page, server, "rentang", agency, T.PAGES["rentang"][0])
    page.get_by_text(T.S_MATRIX).wait_for()
    page.get_by_test_id("stVegaLiteChart").nth(4).wait_for()  # layers, span groups, matrix, evaluator load, teams
    page.get_by_test_id("stDataFrame").first.get_by_text("KABID", exact=True).wait_for(state="attached")
    shot(page, "rentang")


def test_permodelan(page, server, agency) -> None:
    open_page(page, server, "permodelan", agency, T.PAGES["permodelan"][0])
    page.get_by_text("MET-JPT1 — Unit Organisasi Perangkat Daerah Permodelan Ke 1 (satu)").first.wait_for()
    page.get_by_test_id("stGraphVizChart").locator("svg").wait_for()
    conform = page.get_by_test_id("stMetric").filter(has_text=T.M_CONFORM)
    assert conform.get_by_test_id("stMetricValue").inner_text() == "0 / 1"
    _, frame = graph_frame(page)
    assert "EPID-3" in frame.evaluate("() => nodes.getIds().join(' ')")
    shot(page, "permodelan")


def test_temuan_and_downloads(page, server, agency) -> None:
    open_page(page, server, "temuan", agency, T.PAGES["temuan"][0])
    table = page.get_by_test_id("stDataFrame").first
    table.get_by_text("MODEL-MISMATCH", exact=True).wait_for(state="attached")
    shot(page, "temuan")
    with page.expect_download() as got:
        page.get_by_role("button", name=T.F_CSV).click()
    rows = list(csv.DictReader(io.StringIO(Path(got.value.path()).read_text(encoding="utf-8"))))
    assert rows and set(rows[0]) == {"rule", "severity", "instansi", "subjek", "pesan", "dasar", "kutipan"}
    assert {r["instansi"] for r in rows} == {agency} and "MODEL-MISMATCH" in {r["rule"] for r in rows}
    with page.expect_download() as got:
        page.get_by_role("button", name=T.F_XLSX).click()
    from openpyxl import load_workbook

    assert got.value.suggested_filename == f"temuan-{agency}.xlsx"
    sheet = load_workbook(io.BytesIO(Path(got.value.path()).read_bytes()), read_only=True)["temuan"]
    assert sum(1 for _ in sheet.iter_rows()) == len(rows) + 1


def test_graf(page, server, agency) -> None:
    open_page(page, server, "graf", agency, T.PAGES["graf"][0])
    _, frame = graph_frame(page)
    assert frame.evaluate("() => nodes.length") == 14
    search(page, "Ahmad")
    _, frame = graph_frame(page)
    ids = frame.evaluate("() => nodes.getIds()")
    assert set(ids) == {"j:EPID-3", "j:KABID", "j:KADIS", "j:WALIKOTA"}
    shot(page, "graf")


def test_tim(page, server, agency) -> None:
    open_page(page, server, "tim", agency, T.PAGES["tim"][0])
    page.get_by_test_id("stDataFrame").first.get_by_text("TIM-DBD", exact=True).wait_for(state="attached")
    page.get_by_text(T.T_SHOW_GRAPH).click()
    wait_idle(page)
    _, frame = graph_frame(page)
    assert "t:TIM-DBD" in frame.evaluate("() => nodes.getIds()")
    shot(page, "tim")


def test_markup_in_names_renders_as_text_on_graf_and_temuan(page, server, agency) -> None:
    # Graf: the unit sub-tree holds the position and the official whose names carry markup.
    open_page(page, server, "graf", agency, T.PAGES["graf"][0])
    _, frame = graph_frame(page)
    labels = frame.evaluate("() => nodes.get().map(n => n.label)")
    assert any(label.startswith(f"Pengadministrasi Kelurahan {XSS_IMG[:20]}") for label in labels)  # literal text
    title = frame.evaluate("() => nodes.get('j:PLK-K2').title.textContent")
    assert XSS_IMG in title and XSS_SCRIPT in title  # the position's name, and its holder's
    # Hover the node: the tooltip shows the name as text.
    at = frame.evaluate("""() => {
        const p = network.getPositions(['j:PLK-K2'])['j:PLK-K2'];
        return network.canvasToDOM(p);
    }""")
    canvas = frame.locator("#mynetwork").bounding_box()
    page.mouse.move(canvas["x"] + at["x"], canvas["y"] + at["y"])
    tip = frame.locator(".vis-tooltip")
    tip.wait_for(state="visible")
    assert XSS_IMG in tip.inner_text() and XSS_SCRIPT in tip.inner_text()
    assert tip.locator("img, script").count() == 0
    no_xss(page, frame)
    shot(page, "xss-graf")

    # Temuan: the findings about that position (a Pelaksana of a Kelurahan whose Lurah is not the Pengawas
    # MET-PGW names: EVAL-MODEL for its rater, ATASAN-GRADE for its superior), found by the search box,
    # shown in the table and in full.
    open_page(page, server, "temuan", agency, T.PAGES["temuan"][0])
    search = page.get_by_role("textbox", name=T.F_SEARCH)
    search.fill("onerror")
    search.press("Enter")
    wait_idle(page)
    page.get_by_text(re.compile(r"^2 dari \d+ temuan ditampilkan")).wait_for()
    detail = page.get_by_test_id("stText").filter(has_text=XSS_IMG)
    detail.first.wait_for()
    assert XSS_SCRIPT in detail.first.inner_text()
    page.get_by_test_id("stDataFrame").first.get_by_text(XSS_IMG, exact=False).first.wait_for(state="attached")
    no_xss(page)
    shot(page, "xss-temuan")


def test_no_script_in_any_name_runs_on_any_page(page, server, agency) -> None:
    """Markup in the names of a unit, a position, an official and a team: shown as text on every page and in
    every view that draws them; no alert opens and nothing sets window.__xss or window.__pwned."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for slug in ("ringkasan", "rentang", "permodelan", "temuan", "graf", "tim"):
        open_page(page, server, slug, agency, T.PAGES[slug][0])
        no_xss(page)
    # Permodelan of the unit whose name carries an onload payload: its name in the table, its graph drawn.
    open_page(page, server, "permodelan", agency, T.PAGES["permodelan"][0])
    pick(page, T.M_PICK, re.compile("^MET-PGW — "), "MET-PGW")
    _, frame = graph_frame(page)  # KEL-2 first: it deviates
    tips = frame.evaluate("() => nodes.get().map((n) => n.title.textContent).join(' ')")
    assert f"Kelurahan Iringmulyo {XSS_ALERT}" in tips  # the unit's name, as text, in its positions' tooltips
    no_xss(page)
    # Tim Kerja: the team whose name breaks out of an attribute, in the table, the picker and the graph.
    open_page(page, server, "tim", agency, T.PAGES["tim"][0])
    page.get_by_text(T.T_SHOW_GRAPH).click()
    wait_idle(page)
    _, frame = graph_frame(page)
    assert XSS_BREAKOUT in frame.evaluate("() => nodes.get('t:TIM-DBD').title.textContent")
    no_xss(page)
    # Graf, search: the official and the position found by the payload's own text.
    open_page(page, server, "graf", agency, T.PAGES["graf"][0])
    search(page, "onerror")
    graph_frame(page)
    no_xss(page)
    shot(page, "xss-cari")
    assert dialogs == []
