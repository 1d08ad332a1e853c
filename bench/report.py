"""bench/RESULTS.md from bench/results.json (written by run.py; run this alone to re-render).

    .venv/bin/python bench/report.py
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import yaml

BENCH = Path(__file__).resolve().parent
NATIONAL_POSITIONS = 5_000_000
NATIONAL_AGENCIES = 550
PROVINCE = 300_000  # positions of a large province, the largest single agency to plan for
TARGETS = {"load_s": 180, "naive_ratio": 50, "checks_s": 60, "floor_ratio": 3, "page_s": 2}


def f(x: float | None, digits: int = 1) -> str:
    return "—" if x is None else f"{x:,.{digits}f}"


def ratio(x: float | None) -> str:
    return "—" if x is None else f"{x:,.1f}×"


def n(x: int | float | None) -> str:
    return "—" if x is None else f"{x:,.0f}"


def table(header: list[str], rows: list[list[str]], align: str = "") -> list[str]:
    align = align or "l" + "r" * (len(header) - 1)
    sep = ["---:" if a == "r" else "---" for a in align]
    return ["| " + " | ".join(header) + " |", "|" + "|".join(sep) + "|", *("| " + " | ".join(r) + " |" for r in rows), ""]


def elements(s: dict[str, Any]) -> int:
    return s["load_first"]["nodes"] + s["load_first"]["relationships"]


def naive_ratio(s: dict[str, Any]) -> float | None:
    nv = s.get("naive")
    return nv["estimated_s"] / s["load_first"]["wall_s"] if nv else None


class Fit:
    """t(n) = t1 * (n / n1) ** b through the smallest and largest measured scales."""

    def __init__(self, points: list[tuple[int, float]]):
        points = sorted(p for p in points if p[1])
        (self.n1, self.t1), (n2, t2) = points[0], points[-1]
        self.b = math.log(t2 / self.t1) / math.log(n2 / self.n1) if n2 > self.n1 and t2 > 0 else 1.0

    def __call__(self, n: float) -> float:
        return self.t1 * (n / self.n1) ** self.b


def render(stored: dict[str, Any]) -> str:
    scales = [stored["scales"][k] for k in sorted(stored["scales"], key=int)]
    m = stored.get("machine", {})
    out = ["# Benchmark results", "",
           "Written by `bench/run.py` from `bench/results.json`; do not edit by hand (re-render with",
           "`.venv/bin/python bench/report.py`). Hand-written notes on query plans live in `bench/plans.yaml`,",
           "the sizing reasoning in `bench/SIZING.md`.", "",
           "Re-run (server running: `.venv/bin/sikerja db start`):", "",
           "```bash", ".venv/bin/python bench/run.py --scales 10000 100000 1000000", "```", "",
           "Options: `--naive-cap S` (seconds for the naive loader per scale, default 300; `-1` no cap),",
           "`--repeat K` (runs per check, best kept), `--skip-admin`, `--skip-rewrites`, `--pages-scale N`, `--keep`.", "",
           "## Machine", ""]
    out += table(["", ""], [[k, str(v)] for k, v in m.items()], "ll")
    out += ["Last command: `" + stored.get("command", "") + "`. Each scale's date and the machine's load average",
            "during each phase are below. The machine's 2 cores and its Neo4j server can be shared with other",
            "work (test suites, other engineers): a load average well above 2 means something else competed and",
            "the figures are pessimistic. Nothing else ran during the runs recorded here unless a note says so.", ""]
    out += _targets(scales)
    out += _loads(scales)
    out += _baselines(scales)
    out += _memory(scales)
    out += _checks(scales)
    out += _plans(scales)
    out += _pages(scales)
    out += _sizing(scales)
    errors = [(s["positions"], k, v) for s in scales for k, v in s.get("errors", {}).items()]
    if errors:
        out += ["## Errors during the run", ""]
        out += [f"- {n(p)} positions, {k}: `{v}`" for p, k, v in errors] + [""]
    return "\n".join(out)


def _largest(scales: list[dict[str, Any]]) -> dict[str, Any]:
    return scales[-1]


def _targets(scales: list[dict[str, Any]]) -> list[str]:
    big = _largest(scales)
    at = f"{n(big['positions'])} positions"
    load_fit = Fit([(s["positions"], s["load_first"]["wall_s"]) for s in scales])
    check_fit = Fit([(s["positions"], s["checks"]["all_s"]) for s in scales])
    million = big["positions"] >= 1_000_000
    slow = [r for r, x in big["checks"]["rules"].items() if x["ratio"] is not None and x["ratio"] > TARGETS["floor_ratio"]]
    naive_x = naive_ratio(big)
    pages = [p for s in scales for p in (s.get("pages") or []) if p.get("page") != "lantai"]  # not the floor
    worst_page = max((p["interactive_s"] for p in pages if p.get("visit") != "after_start" and "interactive_s" in p),
                     default=None)
    worst_cold = max((p["interactive_s"] for p in pages if p.get("visit") == "after_start" and "interactive_s" in p),
                     default=None)

    def verdict(ok: bool | None) -> str:
        return "—" if ok is None else ("met" if ok else "**not met**")

    load_s = big["load_first"]["wall_s"] if million else load_fit(1_000_000)
    checks_s = big["checks"]["all_s"] if million else check_fit(1_000_000)
    how = "measured" if million else f"extrapolated from {at} (t ∝ n^b)"
    warm = big["checks"].get("all_warm_s")
    warm_note = f"; a warm run {f(warm)} s at {at}" if warm else ""
    rows = [
        ["1M positions + officials + teams loaded ≤ 180 s", f"{f(load_s)} s ({how})",
         verdict(load_s <= TARGETS["load_s"])],
        ["≥ 50× the naive loader", f"{ratio(naive_x)} at {at}", verdict(None if naive_x is None else naive_x >= TARGETS["naive_ratio"])],
        ["all checks ≤ 60 s at 1M (first run after the load)", f"{f(checks_s)} s ({how}{warm_note})",
         verdict(checks_s <= TARGETS["checks_s"])],
        ["each check ≤ 3× its in-memory floor, or explained", f"{len(slow)} of {len(big['checks']['rules'])} above 3× at {at}",
         "see plans below" if slow else "met"],
        ["dashboard pages interactive ≤ 2 s (warm server)",
         f"worst {f(worst_page, 2)} s; first view after a dashboard start {f(worst_cold, 2)} s" if worst_page else "not measured",
         verdict(None if worst_page is None else worst_page <= TARGETS["page_s"])],
    ]
    rewritten = _with_rewrites(big)
    if rewritten is not None:
        rows.insert(3, ["all checks with the proposed rewrites", f"sum of per-rule bests {f(big['checks']['cypher_sum_s'])} s → "
                        f"about {f(rewritten)} s at {at}, so about {f(rewritten * checks_s / big['checks']['cypher_sum_s'])} s at 1M", ""])
    gaps = _notes().get("gaps", {})
    return (["## Targets of issue 8", ""] + table(["target", "figure", ""], rows, "lrl")
            + ["Gaps and what would close them (hand-written in `bench/plans.yaml`):", ""]
            + [f"- **{k}**: {v}" for k, v in gaps.items()] + [""])


def _with_rewrites(s: dict[str, Any]) -> float | None:
    """Sum of per-rule best times with each proposed rewrite (same rows) in place of its check."""
    rewrites = s.get("rewrites")
    if not rewrites:
        return None
    total = 0.0
    for rule, x in s["checks"]["rules"].items():
        w = rewrites.get(rule)
        total += w["proposed_ms"] / 1000 if w and w["same_rows"] and w["proposed_ms"] < w["current_ms"] else x["cypher_s"]
    return total


def _notes() -> dict[str, Any]:
    path = BENCH / "plans.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _loads(scales: list[dict[str, Any]]) -> list[str]:
    rows = []
    for s in scales:
        g, a, r = s["generate"]["rows"], s["load_first"], s["load_replace"]
        rows.append([n(s["positions"]), n(g.get("pegawai")), n(g.get("tim")), n(g.get("anggota_tim")), n(a["nodes"]),
                     n(a["relationships"]), f(a["wall_s"]), f(a["write_s"]), n(elements(s) / a["wall_s"]),
                     f(r["wall_s"]), s["date"]])
    return (["## Load (`sikerja load`, as a user runs it)", "",
             "Data: `sikerja generate -p metro-2023 -n N -s 1` (officials ≈ 0.91 per position, one team per ≈ 10",
             "positions, 2% of units with planted faults). *wall* is the whole command (Python start, read,",
             "validate, write); *write* is the loader's own figure (stage, swap, purge). Rows/s counts nodes +",
             "relationships over the wall time. *replace* loads the same bundle again over the first.", ""]
            + table(["positions", "officials", "teams", "memberships", "nodes", "relationships", "first load wall s",
                     "write s", "rows/s", "replace wall s", "run"], rows))


def _baselines(scales: list[dict[str, Any]]) -> list[str]:
    rows = []
    for s in scales:
        nv, ad = s.get("naive"), s.get("admin_import")
        if nv:
            done = "all" if nv["complete"] else f"{n(nv['loaded'])} of {n(nv['rows'])} (cap {n(nv['cap_s'])} s)"
            same = {True: ", same graph", False: ", **graph differs**"}.get(nv.get("same_counts"), "")
            naive_cells = [done + same, n(nv["rows_per_s"]), f(nv["estimated_s"], 0) + ("" if nv["complete"] else " (est.)"),
                           ratio(naive_ratio(s))]
        else:
            naive_cells = ["not run"] + ["—"] * 3
        if ad:
            ready = ad["convert_s"] + ad["import_s"] + ad["start_s"] + ad["index_s"]
            same = ad["counts"] == s["counts"]
            admin_cells = [f(ad["import_s"]), f(ad["convert_s"] + ad["import_s"]), f(ready), ratio(ready / s["load_first"]["wall_s"]),
                           "yes" if same else "**no**"]
        else:
            admin_cells = ["not run"] + ["—"] * 4
        rows.append([n(s["positions"]), f(s["load_first"]["wall_s"]), *naive_cells, *admin_cells])
    return (["## Baselines on the same data", "",
             "- **naive**: `bench/naive.py`, one `MERGE` per row and per relationship, each its own auto-commit",
             "  transaction (the same composite indexes serve its lookups). Capped runs load a prefix of every",
             "  step (a share of the cap per step, relationships only between loaded nodes) and **extrapolate**",
             "  the full time from each step's measured rows/s (marked *est.*). *ratio* = naive (full or",
             "  estimated) time / sikerja's first-load wall time.",
             "- **neo4j-admin database import** runs from the Maven jars sikerja already resolves",
             "  (`neo4j-import-tool` is among them; `org.neo4j.cli.AdminTool database import full`) into a",
             "  throwaway server state (hard-linked jars, temporary folder, its own ports). *import* is the",
             "  importer JVM's wall time; *to queryable* adds converting the CSV headers, starting a server on",
             "  the new store and building sikerja's indexes. It can only create a whole new offline database,",
             "  so it is a floor for first loads, not a way to replace one agency among many in a live server.",
             "  *same* compares its node and relationship counts per label/type with sikerja's load.", ""]
            + table(["positions", "sikerja s", "naive loaded", "naive rows/s", "naive s", "ratio", "admin import s",
                     "convert + import s", "to queryable s", "vs sikerja", "same"], rows))


def _memory(scales: list[dict[str, Any]]) -> list[str]:
    rows = []
    for s in scales:
        ph = s["phases"]
        ad = s.get("admin_import") or {}

        def heap(p: str) -> str:
            got = ph.get(p, {})
            return f"{n(got.get('heap_peak_mb'))} / {n(got.get('old_gen_peak_mb'))}"

        load = [ph.get(p, {}).get("load_mean") for p in ("load-first", "checks", "naive")]
        rows.append([n(s["positions"]), n(s["generate"]["maxrss_mb"]), f(s["generate"]["seconds"]),
                     n(s["load_first"]["maxrss_mb"]), n(s["load_replace"]["maxrss_mb"]), heap("load-first"),
                     heap("load-replace"), heap("checks"), n(ad.get("import_maxrss_mb")), n(ad.get("store_mb")),
                     " / ".join(f(x) for x in load)])
    return (["## Memory and machine load", "",
             "Peak RSS of the generator and of each `sikerja load` process (`ru_maxrss` from `wait4`); the",
             "server's heap, polled every second over JMX: in use (`java.lang:type=Memory`, garbage not yet",
             "collected included) / of it the G1 old generation (objects that survived collections); both",
             "include whatever other clients of the shared server did meanwhile; the admin-import store on disk (nodes,",
             "relationships, properties and sikerja's indexes); the 1-minute load average (mean) during the",
             "first load, the checks and the naive run.", ""]
            + table(["positions", "generator RSS MB", "generate s", "loader RSS MB (first)", "(replace)",
                     "heap peak MB used / old gen (first load)", "(replace)", "(checks)", "importer RSS MB", "store MB",
                     "load avg: load / checks / naive"], rows))


def _checks(scales: list[dict[str, Any]]) -> list[str]:
    out = ["## Checks against the in-memory floor", "",
           "Every check of the metro-2023 profile through sikerja's runner (`run_check`, best of `--repeat`",
           "runs after one full `run_checks`), next to the same answers computed in plain Python",
           "(`bench/floor.py`) on the same bundle already in memory (parsing not timed; building the",
           "adjacency maps, the in-memory counterpart of the store, is timed once and shown separately).",
           "*same* says both found the same subjects. Ratios of checks that take a few milliseconds are",
           "dominated by the round trip (~1 ms) and say little.", ""]
    for s in scales:
        c = s["checks"]
        rows = [[rule, f(x["cypher_s"] * 1000), f(x["floor_s"] * 1000, 2), ratio(x["ratio"]), n(x["findings"]),
                 "yes" if x["same"] else "**no**"] for rule, x in c["rules"].items()]
        rows.append(["**all checks** (`run_checks`, first run)", f(c["all_s"] * 1000), f((c["floor_build_s"] + c["floor_sum_s"]) * 1000, 2),
                     ratio(c["all_s"] / (c["floor_build_s"] + c["floor_sum_s"])), n(c["findings"]), ""])
        out += [f"### {n(s['positions'])} positions", "",
                f"All checks: {f(c['all_s'], 2)} s in the first `run_checks` after the load"
                + (f", {f(c['all_warm_s'], 2)} s at best of {c.get('repeat', '')} runs" if "all_warm_s" in c else "")
                + f" (sum of the per-rule best runs {f(c['cypher_sum_s'], 2)} s). Floor: {f(c['floor_sum_s'], 2)} s for all rules after "
                f"{f(c['floor_build_s'], 2)} s building the maps (the *all* row's floor includes the build).", ""]
        out += table(["rule", "Cypher ms", "floor ms", "ratio", "findings", "same"], rows, "lrrrrl")
    return out


def _plans(scales: list[dict[str, Any]]) -> list[str]:
    notes = _notes()
    out = ["## Query plans of checks slower than 3× their floor", "",
           "`PROFILE` of each such check at the largest scale measured: total db hits, rows, and the three",
           "busiest operators. The note under each is hand-written in `bench/plans.yaml`. Where a rewrite is",
           "proposed (`bench/rewrites/<RULE>.cypher`, not applied to `queries/checks/`), it was timed against",
           "the check in the same run, best of `--repeat` alternating runs, and its rows compared.", "",
           notes.get("general", ""), ""]
    big = _largest(scales)
    rewrites = big.get("rewrites", {})
    for rule, x in big["checks"]["rules"].items():
        p = x.get("plan")
        if not p:
            continue
        busiest = "; ".join(f"{o['operator']} {n(o['db_hits'])} hits, {n(o['rows'])} rows"
                            + (f" (`{o['details'][:90]}`)" if o["details"] else "") for o in p["busiest"])
        out += [f"- **{rule}** ({ratio(x['ratio'])}, {f(x['cypher_s'] * 1000)} ms vs {f(x['floor_s'] * 1000, 2)} ms): "
                f"{n(p['db_hits'])} db hits, {n(p['rows'])} rows, memory {n(p['memory_bytes'])} B. Busiest: {busiest}.",
                f"  {notes.get(rule, '*(no note yet)*')}".rstrip()]
        if rule in rewrites:
            w = rewrites[rule]
            out.append(f"  Proposed rewrite `bench/rewrites/{rule}.cypher`: {f(w['current_ms'])} → {f(w['proposed_ms'])} ms, "
                       f"db hits {n(w['current_db_hits'])} → {n(w['proposed_db_hits'])}, "
                       + ("same rows." if w["same_rows"] else "**other rows**."))
    if rewrites:
        out += ["", f"All proposed rewrites at {n(big['positions'])} positions (`bench/rewrite.py`):", ""]
        out += table(["rule", "check ms", "rewrite ms", "db hits", "rewrite db hits", "same rows"],
                     [[rule, f(w["current_ms"]), f(w["proposed_ms"]), n(w["current_db_hits"]), n(w["proposed_db_hits"]),
                       "yes" if w["same_rows"] else "**no**"] for rule, w in rewrites.items()], "lrrrrl")
    return out + [""]


def _pages(scales: list[dict[str, Any]]) -> list[str]:
    measured = [s for s in scales if s.get("pages")]
    if not measured:
        return ["## Dashboard pages", "", "Not measured in this run (`bench/pages.py` absent or failed).", ""]
    out = ["## Dashboard pages (`bench/pages.py`)", ""]
    for s in measured:
        out += [f"Agency of {n(s['positions'])} positions, headless chromium:", "", _page_table(s["pages"]), ""]
    return out


def _page_table(rows: list[dict[str, Any]]) -> str:
    """pages.py's own table when it can render these rows, else every field as measured."""
    try:
        import pages

        return pages.table(rows)
    except Exception:  # noqa: BLE001 - rows written by another version of pages.py
        keys = list(rows[0])
        return "\n".join(table(keys, [[str(r.get(k, "")) for k in keys] for r in rows]))


def _sizing(scales: list[dict[str, Any]]) -> list[str]:
    big = _largest(scales)
    per = big["positions"]
    nodes = big["load_first"]["nodes"] / per
    rels = big["load_first"]["relationships"] / per
    ad = big.get("admin_import") or {}
    store_per = ad.get("store_mb", 0) / per if ad else None
    mean = NATIONAL_POSITIONS / NATIONAL_AGENCIES
    load_fit = Fit([(s["positions"], s["load_first"]["wall_s"]) for s in scales])
    check_fit = Fit([(s["positions"], s["checks"]["all_s"]) for s in scales])
    heap_load = max(s["phases"].get("load-first", {}).get("old_gen_peak_mb", 0) for s in scales)
    heap_checks = max(s["phases"].get("checks", {}).get("old_gen_peak_mb", 0) for s in scales)
    store_gb = store_per * NATIONAL_POSITIONS / 1024 if store_per else None
    rows = [
        ["nodes", f"{f(nodes, 2)} per position", n(nodes * NATIONAL_POSITIONS)],
        ["relationships", f"{f(rels, 2)} per position", n(rels * NATIONAL_POSITIONS)],
        ["store on disk (with indexes)", f"{f(store_per * 1024, 1)} KB per position" if store_per else "—",
         f"{f(store_gb)} GB" if store_gb else "—"],
        ["page cache to hold the store", "", f"≥ {f(store_gb * 1.2)} GB (store + 20%)" if store_gb else "—"],
        ["load, one agency of mean size", f"t ∝ n^{f(load_fit.b, 2)}", f"{f(load_fit(mean))} s for {n(mean)} positions"],
        ["load, all agencies one after another", "", f"{f(NATIONAL_AGENCIES * load_fit(mean) / 60)} min"],
        ["load, a province", "", f"{f(load_fit(PROVINCE))} s for {n(PROVINCE)} positions"],
        ["all checks, one agency of mean size", f"t ∝ n^{f(check_fit.b, 2)}", f"{f(check_fit(mean), 2)} s"],
        ["all checks, every agency", "", f"{f(NATIONAL_AGENCIES * check_fit(mean) / 60)} min"],
        ["all checks, a province", "", f"{f(check_fit(PROVINCE))} s"],
        ["server heap, old generation, peak seen", f"load {n(heap_load)} MB, checks {n(heap_checks)} MB", "see SIZING.md"],
    ]
    return (["## Sizing for national scale (extrapolated)", "",
             f"About {n(NATIONAL_POSITIONS)} positions in {NATIONAL_AGENCIES} agencies (mean {n(mean)}), one agency per",
             f"load and per check run. Per-position figures from the largest scale measured ({n(per)} positions);",
             "times from a power law through the smallest and largest scales (exponent shown). Reasoning, caveats",
             "and the recommended configuration: `bench/SIZING.md`.", ""]
            + table(["", "measured", "national"], rows, "lrr"))


def write(stored: dict[str, Any]) -> None:
    (BENCH / "RESULTS.md").write_text(render(stored), encoding="utf-8")


if __name__ == "__main__":
    write(json.loads((BENCH / "results.json").read_text()))
