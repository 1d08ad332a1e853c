"""Dashboard page benchmark: every page in headless chromium, timed until drawn.

    .venv/bin/python bench/pages.py KODE [--port 8765] [--rounds 1]

For each page P the script starts a fresh ``sikerja dashboard`` on its own
loopback port (the same command a user runs), waits until Streamlit answers
its health check, and at once opens ``/P?instansi=KODE`` (visit
``after_start``: nothing is warm yet but what the server warmed since it
started). It does so twice, each time on a fresh server: in a new browser
profile, which must first fetch and compile Streamlit's front end (about
3-5 MB of JavaScript in some 120 files; the ``*_new_browser_s`` fields), and
in a browser that has shown the dashboard before (its HTTP cache holds the
front end: the ``interactive_s`` / ``complete_s`` of ``after_start``). In the
second session it then clicks the next page Q in the sidebar (``first``
visit of Q: the process is warm, Q's own data may not be) and clicks P again
(``repeat``). Last, on that now warm server, P is opened in a new tab
(``new_tab``: a new session, as the next visitor gets it), again in the
returning browser and in a new one.

Two times per visit, in seconds from navigation (or from the click):
- ``interactive``: the page's title and its first content are drawn (the
  skeleton a user can read and click in);
- ``complete``: everything the page draws by default is there (charts
  rendered, tables, the network drawn in its iframe) and the script run has
  finished.

``measure(instansi, port)`` returns one dict per (page, visit) for a bench
orchestrator; ``main`` prints them as a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1400, "height": 1000}
TIMEOUT_S = 180

# slug -> (title, what counts as interactive, what counts as complete): JS predicates over the helpers in WAIT_JS.
PAGES: dict[str, tuple[str, str, str]] = {
    "ringkasan": ("Ringkasan", "metrics() >= 6", "metrics() >= 13 && charts() >= 4 && tables() >= 1"),
    "rentang": ("Rentang Kendali & Lapisan", "metrics() >= 5", "charts() >= 4 && tables() >= 1"),
    "permodelan": ("Permodelan", "dot() >= 1", "dot() >= 1 && graph()"),
    "temuan": ("Temuan", "metrics() >= 4", "tables() >= 2"),
    "graf": ("Graf", "n('[data-testid=\"stButtonGroup\"]') >= 1", "graph()"),
    "tim": ("Tim Kerja", "metrics() >= 5", "tables() >= 1 && charts() >= 2"),
}
VISITS = ("after_start", "first", "repeat", "new_tab")
# The floor: a bare Streamlit page with one element of each kind the pages
# draw (title, metric, chart, table; three rows of data), served by `streamlit
# run` on the same machine and opened in a new tab like the pages are: what a
# new tab costs before any sikerja code runs (the browser starting Streamlit's
# front end and its chart and table components, and the session opening).
FLOOR = "lantai"
FLOOR_SPEC = ("Lantai Streamlit", "metrics() >= 1", "metrics() >= 1 && charts() >= 1 && tables() >= 1")
FLOOR_APP = """import altair as alt
import pandas as pd
import streamlit as st

st.title("Lantai Streamlit")
st.metric("n", 3)
df = pd.DataFrame({"a": ["x", "y", "z"], "b": [1, 2, 3]})
st.altair_chart(alt.Chart(df).mark_bar().encode(x="a", y="b"))
st.dataframe(df)
"""
SPECS = {**PAGES, FLOOR: FLOOR_SPEC}
TWO_BROWSERS = ("after_start", "new_tab")  # visits also timed in a new browser profile

# Polls every 25 ms. Elements of the previous page that are still shown while a
# new script run draws (data-stale) do not count.
WAIT_JS = """
async ({title, interactive, complete, click, settle, timeout}) => {
  const fresh = (el) => !el.closest('[data-stale="true"]');
  const all = (sel) => [...document.querySelectorAll(sel)].filter(fresh);
  const n = (sel) => all(sel).length;
  const metrics = () => n('[data-testid="stMain"] [data-testid="stMetricValue"]');
  const tables = () => all('[data-testid="stDataFrame"]').filter((d) => d.querySelector('canvas, table')).length;
  const charts = () => all('[data-testid="stVegaLiteChart"]').filter((c) => c.querySelector('canvas, svg')).length;
  const dot = () => all('[data-testid="stGraphVizChart"]').filter((c) => c.querySelector('svg')).length;
  const graph = () => all('iframe[title^="Graf jaringan"]').some((f) => {
    try {
      const w = f.contentWindow;
      return !!(w && w.network && w.nodes && w.nodes.length > 0 && w.document.querySelector('#mynetwork canvas'));
    } catch (e) { return false; }
  });
  const busy = () => !!document.querySelector('[data-testid="stStatusWidget"]');
  const titled = () => all('[data-testid="stMain"] h1').some((h) => h.textContent.trim() === title);
  const isInteractive = new Function('n', 'metrics', 'tables', 'charts', 'dot', 'graph', 'return ' + interactive);
  const isComplete = new Function('n', 'metrics', 'tables', 'charts', 'dot', 'graph', 'return ' + complete);
  const helpers = [n, metrics, tables, charts, dot, graph];

  let t0 = 0;
  if (click) {
    const link = [...document.querySelectorAll('[data-testid="stSidebarNav"] a')]
      .find((a) => a.textContent.trim() === click);
    if (!link) { throw new Error('no sidebar link ' + click); }
    t0 = performance.now();
    link.click();
  }
  let tInteractive = null, tComplete = null;
  const deadline = performance.now() + timeout;
  while (performance.now() < deadline) {
    const now = performance.now();
    if (titled()) {
      if (tInteractive === null && isInteractive(...helpers)) { tInteractive = now; }
      if (tInteractive !== null && isComplete(...helpers) && !busy()) {
        if (tComplete === null) { tComplete = now; }
        if (now - tComplete >= settle) {
          return {interactive: (tInteractive - t0) / 1000, complete: (tComplete - t0) / 1000};
        }
      } else {
        tComplete = null;
      }
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('page ' + title + ' not drawn within ' + timeout + ' ms');
}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def bare_streamlit(port: int) -> Iterator[tuple[str, float]]:
    """``streamlit run`` of FLOOR_APP on loopback: (base URL, seconds until healthy)."""
    from sikerja.dashboard.serve import running

    with tempfile.TemporaryDirectory(prefix="sikerja-bench-floor-") as tmp:
        app = Path(tmp) / "lantai.py"
        app.write_text(FLOOR_APP, encoding="utf-8")
        command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
                   "--server.address", "127.0.0.1", "--server.headless", "true",
                   "--browser.gatherUsageStats", "false"]
        with running(port, Path(tmp) / "streamlit.log", command=command) as got:
            yield got


@contextmanager
def dashboard(port: int) -> Iterator[tuple[str, float]]:
    """A fresh ``sikerja dashboard --port PORT`` (the command a user runs): (base URL, seconds until healthy)."""
    from sikerja.dashboard.serve import running

    with tempfile.TemporaryDirectory(prefix="sikerja-bench-pages-") as tmp:
        with running(port, Path(tmp) / "dashboard.log",
                     command=[sys.executable, "-m", "sikerja.loader.cli", "dashboard", "--port", str(port)]) as got:
            yield got


def _require_agency(instansi: str) -> None:
    """The dashboard falls back to another agency for an unknown code: refuse to time the wrong one."""
    from sikerja.loader.graph import connect
    from sikerja.loader.settings import Settings
    from sikerja.queries.version import agencies

    settings = Settings.from_env()
    with connect(settings) as driver:
        if instansi not in {a["kode"] for a in agencies(driver, settings.database)}:
            raise SystemExit(f"instansi {instansi!r} belum dimuat; muat dulu dengan `sikerja load`")


def wait_drawn(page: Any, slug: str, *, click: bool) -> tuple[float, float]:
    title, interactive, complete = SPECS[slug]
    got = page.evaluate(WAIT_JS, {"title": title, "interactive": interactive, "complete": complete,
                                  "click": title if click else None, "settle": 300, "timeout": TIMEOUT_S * 1000})
    return got["interactive"], got["complete"]


def measure(instansi: str, port: int, *, rounds: int = 1) -> list[dict[str, Any]]:
    """Time every page for ``instansi``: one dict per (page, visit) with the median over ``rounds``."""
    from playwright.sync_api import sync_playwright

    _require_agency(instansi)
    load_before = os.getloadavg()[0]
    slugs = list(PAGES)
    samples: dict[tuple[str, str], list[tuple[float, ...]]] = {(s, v): [] for s in slugs for v in VISITS}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        returning = browser.new_context(viewport=VIEWPORT)  # keeps its HTTP cache across the servers (same origin)
        try:
            for _ in range(rounds):
                for i, slug in enumerate(slugs):
                    with dashboard(port) as (base, _start):
                        ctx = browser.new_context(viewport=VIEWPORT)
                        new = _open(ctx, base, slug, instansi)
                        ctx.close()
                        _open(returning, base, slug, instansi)  # the returning browser has now seen it once
                    with dashboard(port) as (base, start_s):
                        page = _open(returning, base, slug, instansi, timed=False)
                        samples[(slug, "after_start")].append((*wait_drawn(page, slug, click=False), start_s, *new))
                        nxt = slugs[(i + 1) % len(slugs)]
                        samples[(nxt, "first")].append((*wait_drawn(page, nxt, click=True), start_s))
                        samples[(slug, "repeat")].append((*wait_drawn(page, slug, click=True), start_s))
                        page.close()
                        ctx = browser.new_context(viewport=VIEWPORT)
                        new = _open(ctx, base, slug, instansi)
                        ctx.close()
                        samples[(slug, "new_tab")].append((*_open(returning, base, slug, instansi), start_s, *new))
            with bare_streamlit(port) as (base, start_s):
                for _ in range(rounds):
                    _open(returning, base, FLOOR, instansi)  # the returning browser has seen this app once
                    ctx = browser.new_context(viewport=VIEWPORT)
                    new = _open(ctx, base, FLOOR, instansi)
                    ctx.close()
                    samples.setdefault((FLOOR, "new_tab"), []).append(
                        (*_open(returning, base, FLOOR, instansi), start_s, *new))
        finally:
            browser.close()
    load = round(max(load_before, os.getloadavg()[0]), 1)
    out = []
    for (slug, visit), got in samples.items():
        row = {
            "page": slug, "title": SPECS[slug][0], "visit": visit, "instansi": instansi, "rounds": len(got),
            "load_average": load,
            "interactive_s": _median(got, 0), "complete_s": _median(got, 1), "server_start_s": _median(got, 2),
        }
        if visit in TWO_BROWSERS:
            row |= {"interactive_new_browser_s": _median(got, 3), "complete_new_browser_s": _median(got, 4)}
        out.append(row)
    return out


def _open(ctx: Any, base: str, slug: str, instansi: str, *, timed: bool = True) -> Any:
    """A new tab on ``slug``; with ``timed`` it waits until drawn and returns (interactive, complete) instead."""
    page = ctx.new_page()
    page.set_default_timeout(TIMEOUT_S * 1000)
    page.goto(f"{base}/{'' if slug in ('ringkasan', FLOOR) else slug}?instansi={instansi}", wait_until="commit")
    if not timed:
        return page
    got = wait_drawn(page, slug, click=False)
    page.close()
    return got


def _median(got: list[tuple[float, ...]], i: int) -> float:
    return round(statistics.median(g[i] for g in got), 2)


def table(rows: list[dict[str, Any]]) -> str:
    """Markdown: one row per page, interactive / complete seconds per visit (and browser)."""
    by = {(r["page"], r["visit"]): r for r in rows}
    lines = ["| page | after start, new browser | after start, returning browser | first visit | repeat visit "
             "| new tab, new browser | new tab, returning browser |", "|---|---:|---:|---:|---:|---:|---:|"]

    def cell(r: dict[str, Any], suffix: str = "") -> str:
        return f"{r[f'interactive{suffix}_s']:.2f} / {r[f'complete{suffix}_s']:.2f}"

    for slug, (title, _, _) in PAGES.items():
        a, t = by[(slug, "after_start")], by[(slug, "new_tab")]
        cells = [cell(a, "_new_browser"), cell(a), cell(by[(slug, "first")]), cell(by[(slug, "repeat")]),
                 cell(t, "_new_browser"), cell(t)]
        lines.append(f"| {title} | " + " | ".join(cells) + " |")
    starts = [r["server_start_s"] for r in rows if r["page"] != FLOOR]
    lines.append("")
    floor = by.get((FLOOR, "new_tab"))
    if floor:
        lines.append(f"Floor: a bare Streamlit page (a title, a metric, a chart and a table of three rows; `streamlit run`, "
                     f"no sikerja code) in a "
                     f"new tab on the same machine: {cell(floor, '_new_browser')} in a new browser, {cell(floor)} in "
                     "a returning one: what every new tab costs before the dashboard's own work.")
        lines.append("")
    lines.append(f"Seconds until interactive / complete. Dashboard start until its health check answers: "
                 f"{min(starts):.1f}–{max(starts):.1f} s (not included). Load average (1 min) before or after, "
                 f"the higher: {rows[0]['load_average']} on {os.cpu_count()} cores.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("instansi", help="kode of a loaded agency")
    ap.add_argument("--port", type=int, default=0, help="dashboard port (default: a free one)")
    ap.add_argument("--rounds", type=int, default=1, help="repeat everything and report medians")
    args = ap.parse_args(argv)
    rows = measure(args.instansi, args.port or free_port(), rounds=args.rounds)
    print(table(rows))


if __name__ == "__main__":
    main()
