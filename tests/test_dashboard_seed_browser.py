"""Every page and every permodelan view of the five seed agencies, in chromium.

The seed bundles are loaded under this module's own agency codes; one
dashboard server and one browser serve them all. For each view the test
checks what a user must see there (against the bundle's own CSV files and
the checks' findings), that no exception box, error message or "Traceback"
is on the page, and saves a screenshot in tests/artifacts/seed-*.png.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from test_browser import _free_port, browser, graph_frame, pick, shot, wait_idle  # noqa: F401 - browser is a fixture
from test_seed_dashboard import SEEDS, read_table, seed_copy

from sikerja.dashboard import text as T
from sikerja.dashboard.serve import running
from sikerja.loader import write
from sikerja.loader.load import load_bundle
from sikerja.queries.profiles import load_profile, models_of
from sikerja.queries.runner import run_checks

pytestmark = pytest.mark.browser
VIEWPORT = {"width": 1400, "height": 1600}


@dataclass
class Seed:
    kode: str
    nama: str
    profil: str
    positions: int
    teams: list[str]
    declared: Counter = field(default_factory=Counter)  # permodelan id -> units declaring it
    findings: Counter = field(default_factory=Counter)  # severity -> count


@pytest.fixture(scope="module")
def seeds(driver, db, tmp_path_factory) -> Iterator[dict[str, Seed]]:
    run = uuid.uuid4().hex[:6].upper()
    loaded: dict[str, Seed] = {}
    try:
        for i, seed in enumerate(SEEDS):
            kode = f"T-SEED-{run}-{i}"
            folder = seed_copy(seed, kode, tmp_path_factory.mktemp("seed") / seed)
            load_bundle(driver, db, folder, models_of)
            instansi = read_table(folder, "instansi")[0]
            loaded[seed] = Seed(
                kode=kode, nama=instansi["nama"], profil=instansi["profil"],
                positions=len(read_table(folder, "jabatan")), teams=[t["kode"] for t in read_table(folder, "tim")],
                declared=Counter(u["permodelan"] for u in read_table(folder, "unit") if u.get("permodelan")),
                findings=Counter(f.severity.value for f in run_checks(driver, db, kode)),
            )
        yield loaded
    finally:
        for s in loaded.values():
            write.delete_agency(driver, db, s.kode)


@pytest.fixture(scope="module")
def server(seeds, tmp_path_factory) -> Iterator[str]:
    with running(_free_port(), tmp_path_factory.mktemp("dasbor") / "dashboard.log") as (base, _):
        yield base


@pytest.fixture
def page(browser, server):  # noqa: F811 - browser: the fixture imported above
    ctx = browser.new_context(viewport=VIEWPORT)
    pg = ctx.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    ctx.close()


def clean(pg) -> None:
    """Nothing a user should never see: an exception box, an error message, a Python traceback."""
    assert pg.get_by_test_id("stException").count() == 0
    errors = pg.get_by_test_id("stAlertContentError")
    assert errors.count() == 0, errors.all_inner_texts()
    assert "Traceback" not in pg.locator("body").inner_text()


def go(pg, slug: str) -> None:
    """Another page through the sidebar, as a user does (the chosen agency stays)."""
    pg.get_by_test_id("stSidebarNav").get_by_role("link", name=T.PAGES[slug][0], exact=True).click()
    pg.get_by_role("heading", name=T.PAGES[slug][0], exact=True).wait_for()
    wait_idle(pg)


def metric(pg, label: str) -> str:
    return pg.get_by_test_id("stMetric").filter(has_text=label).first.get_by_test_id("stMetricValue").inner_text()


@pytest.mark.parametrize("seed", SEEDS)
def test_every_page_and_permodelan_view_of_a_seed_agency(page, server, seeds, seed) -> None:
    s = seeds[seed]
    main = page.get_by_test_id("stMain")

    page.goto(f"{server}/?instansi={s.kode}")
    page.get_by_role("heading", name=T.PAGES["ringkasan"][0], exact=True).wait_for()
    wait_idle(page)
    main.get_by_text(s.nama, exact=True).wait_for()
    assert metric(page, T.R_POSITIONS) == T.num(s.positions)
    for sev in ("pelanggaran", "peringatan", "info"):
        assert metric(page, f"{T.R_FINDINGS} — {T.severity(sev)}") == T.num(s.findings[sev]), sev
    page.get_by_test_id("stVegaLiteChart").nth(3).locator("canvas, svg").first.wait_for()
    clean(page)
    shot(page, f"seed-{seed}-ringkasan")

    go(page, "rentang")
    main.get_by_text(T.S_MATRIX).wait_for()
    assert metric(page, T.R_POSITIONS) == T.num(s.positions)
    page.get_by_test_id("stVegaLiteChart").nth(3).locator("canvas, svg").first.wait_for()
    clean(page)
    shot(page, f"seed-{seed}-rentang")

    go(page, "temuan")
    total = sum(s.findings.values())
    if total:
        main.get_by_text(T.F_SHOWN.format(n=T.num(total), total=T.num(total))).wait_for()
        page.get_by_test_id("stDataFrame").first.locator("canvas").first.wait_for()
    else:
        main.get_by_text(T.R_NO_FINDINGS).wait_for()
    clean(page)
    shot(page, f"seed-{seed}-temuan")

    go(page, "graf")
    _, frame = graph_frame(page)
    assert frame.evaluate("() => nodes.length") > 1
    clean(page)
    shot(page, f"seed-{seed}-graf")

    go(page, "tim")
    if s.teams:
        assert metric(page, T.T_COUNT) == T.num(len(s.teams))
        page.get_by_test_id("stDataFrame").first.get_by_text(min(s.teams), exact=True).wait_for(state="attached")
    else:
        main.get_by_text(T.T_NONE).wait_for()
    clean(page)
    shot(page, f"seed-{seed}-tim")

    go(page, "permodelan")
    for m in load_profile(s.profil).models:
        pick(page, T.M_PICK, f"{m.id} — {m.name}", m.id)
        main.get_by_test_id("stMarkdown").filter(has_text=f"{m.id} — {m.name}").first.wait_for()
        page.get_by_test_id("stGraphVizChart").locator("svg").wait_for()
        if s.declared[m.id]:
            assert metric(page, T.M_UNITS) == T.num(s.declared[m.id]), m.id
            _, frame = graph_frame(page)
            assert frame.evaluate("() => nodes.length") > 0, m.id
        else:
            main.get_by_text(T.M_NO_UNITS.format(model=m.id)).wait_for()
        clean(page)
        shot(page, f"seed-{seed}-permodelan-{m.id}")
