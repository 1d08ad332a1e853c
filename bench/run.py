"""All of issue 8's benchmarks, one scale after another, into bench/RESULTS.md.

    .venv/bin/python bench/run.py --scales 10000 100000 1000000

Needs the local server running (``sikerja db start``) or ``NEO4J_*`` set. Per
scale N (positions), under the agency code ``BENCH-M<N>`` (never an agency of
anyone else; removed at the end unless ``--keep``):

1. ``sikerja generate -p metro-2023 -n N -s 1`` into ``bench/data/`` (wall, peak RSS);
2. ``sikerja load`` twice, as the user runs it: a first load, then a replace
   (wall, rows/s, the loader's peak RSS, the server's peak heap in use);
3. every check: all together, then per rule against the in-memory floor
   (``checks.py``, ``floor.py``); ``PROFILE`` of those slower than 3x; each
   proposed rewrite in ``bench/rewrites/`` against its check (``rewrite.py``);
4. the naive loader (``naive.py``) under ``BENCH-M<N>-NAIVE``, capped at
   ``--naive-cap`` seconds (a prefix; the full time extrapolated), removed after;
5. ``neo4j-admin database import`` into a throwaway server state (``admin_import.py``);
6. dashboard page times from ``bench/pages.py`` (when present) at ``--pages-scale``.

Results accumulate in ``bench/results.json`` (one entry per scale, replaced
when that scale runs again) and ``report.py`` writes RESULTS.md from it, after
every scale, so a long run leaves what it has measured.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import admin_import
import checks
import naive
import report
import rewrite
from probe import BENCH, Sampler, graph_counts, machine, run_child

from sikerja.loader.graph import connect
from sikerja.loader.settings import Settings
from sikerja.loader.write import delete_agency

DATA = BENCH / "data"
RESULTS = BENCH / "results.json"
PROFILE = "metro-2023"
LOADED = re.compile(r"dimuat: ([\d,]+) simpul, ([\d,]+) relasi\s+dalam ([\d.]+) detik")


def sikerja(*args: str) -> list[str]:
    return [sys.executable, "-m", "sikerja.loader.cli", *args]


def _checked(child: Any, what: str) -> Any:
    if child.returncode != 0:
        raise RuntimeError(f"{what} failed (exit {child.returncode}):\n{child.output[-3000:]}")
    return child


def generate(n: int, kode: str) -> tuple[Path, dict[str, Any]]:
    out = DATA / kode
    child = _checked(run_child(sikerja("generate", "-p", PROFILE, "-n", str(n), "-s", "1", "--instansi", kode, str(out))),
                     "sikerja generate")
    rows = {f.stem: sum(1 for _ in open(f, encoding="utf-8")) - 1 for f in sorted(out.glob("*.csv")) if f.stem != "faults"}
    return out, {"seconds": child.seconds, "maxrss_mb": child.maxrss_mb, "rows": rows,
                 "mb": sum(f.stat().st_size for f in out.glob("*.csv")) / 1024 / 1024}


def load(bundle: Path) -> dict[str, Any]:
    child = _checked(run_child(sikerja("load", str(bundle))), "sikerja load")
    m = LOADED.search(" ".join(child.output.split()))
    if not m:
        raise RuntimeError(f"sikerja load printed no summary:\n{child.output[-2000:]}")
    nodes, rels = int(m.group(1).replace(",", "")), int(m.group(2).replace(",", ""))
    return {"wall_s": child.seconds, "write_s": float(m.group(3)), "maxrss_mb": child.maxrss_mb,
            "nodes": nodes, "relationships": rels}


def pages(kode: str) -> list[dict[str, Any]] | None:
    """bench/pages.py's measure(instansi, port), when that module exists."""
    if not (BENCH / "pages.py").is_file():
        return None
    import pages as page_bench

    return page_bench.measure(kode, page_bench.free_port())


def attempt(errors: dict[str, str], what: str, fn: Callable[[], Any]) -> Any:
    """Run one baseline; a failure is recorded in the results instead of ending the run."""
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - reported in RESULTS.md
        traceback.print_exc()
        errors[what] = f"{type(e).__name__}: {str(e)[:500]}"
        return None


def scale(n: int, args: argparse.Namespace, settings: Settings, sampler: Sampler) -> dict[str, Any]:
    kode, db = f"BENCH-M{n}", settings.database
    driver = sampler.driver
    r: dict[str, Any] = {"positions": n, "instansi": kode, "date": dt.datetime.now().isoformat(timespec="minutes"),
                         "errors": {}, "phases": {}}
    print(f"== {n:,} positions ({kode})", flush=True)
    sampler.phase(f"{n}:generate")
    bundle, r["generate"] = generate(n, kode)
    delete_agency(driver, db, kode)  # a first load is a first load
    try:
        for name in ("first", "replace"):
            print(f"-- sikerja load ({name})", flush=True)
            sampler.phase(f"{n}:load-{name}")
            r[f"load_{name}"] = load(bundle)
        r["counts"] = graph_counts(driver, db, kode)
        print("-- checks and floor", flush=True)
        sampler.phase(f"{n}:checks")
        r["checks"] = checks.compare(driver, db, kode, bundle, repeat=args.repeat)
        if not args.skip_rewrites:
            print("-- proposed rewrites", flush=True)
            r["rewrites"] = {path.stem: rewrite.compare(driver, db, kode, path, args.repeat)
                             for path in sorted((BENCH / "rewrites").glob("*.cypher"))}
        if args.naive_cap != 0:
            print("-- naive loader", flush=True)
            sampler.phase(f"{n}:naive")
            r["naive"] = attempt(r["errors"], "naive", lambda: _naive(driver, db, bundle, kode, args.naive_cap))
        if not args.skip_admin:
            print("-- neo4j-admin database import", flush=True)
            sampler.phase(f"{n}:admin-import")
            res = attempt(r["errors"], "admin_import", lambda: admin_import.run(bundle))
            r["admin_import"] = res.as_dict() if res else None
        if n == args.pages_scale:
            print("-- dashboard pages", flush=True)
            sampler.phase(f"{n}:pages")
            r["pages"] = attempt(r["errors"], "pages", lambda: pages(kode))
    finally:
        sampler.phase("idle")
        if not args.keep:
            delete_agency(driver, db, kode)
    r["phases"] = {name.split(":", 1)[1]: {"heap_peak_mb": p.heap_peak / 2**20, "old_gen_peak_mb": p.old_gen_peak / 2**20,
                                           "load_mean": p.load_mean,
                                           "load_max": p.load_max}
                   for name, p in sampler.phases.items() if name.startswith(f"{n}:")}
    return r


def _naive(driver: Any, db: str, bundle: Path, kode: str, cap: float | None) -> dict[str, Any]:
    naive_kode = f"{kode}-NAIVE"
    delete_agency(driver, db, naive_kode)
    try:
        res = naive.load(driver, db, bundle, naive_kode, cap=cap)
        out = res.as_dict()
        if res.complete:
            out["same_counts"] = graph_counts(driver, db, naive_kode) == graph_counts(driver, db, kode)
        return out
    finally:
        delete_agency(driver, db, naive_kode)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--repeat", type=int, default=3, help="runs per check, Cypher and floor alike (best is kept)")
    ap.add_argument("--naive-cap", type=float, default=300.0,
                    help="seconds the naive loader may run per scale (0: skip it; -1: no cap)")
    ap.add_argument("--skip-admin", action="store_true", help="skip neo4j-admin database import")
    ap.add_argument("--skip-rewrites", action="store_true", help="skip timing bench/rewrites/ against the checks")
    ap.add_argument("--pages-scale", type=int, default=10_000, help="scale whose agency the page benchmark uses")
    ap.add_argument("--keep", action="store_true", help="leave the BENCH-M<N> agencies loaded")
    args = ap.parse_args()
    if args.naive_cap < 0:
        args.naive_cap = None
    os.chdir(BENCH.parent)

    settings = Settings.from_env()
    stored = json.loads(RESULTS.read_text()) if RESULTS.is_file() else {"scales": {}}
    with connect(settings) as driver, Sampler(driver, settings.database) as sampler:
        stored["machine"] = machine(driver, settings.database)
        stored["command"] = "python bench/run.py " + " ".join(sys.argv[1:])
        for n in args.scales:
            stored["scales"][str(n)] = scale(n, args, settings, sampler)
            RESULTS.write_text(json.dumps(stored, indent=1, sort_keys=True, default=str) + "\n")
            report.write(stored)
    print(f"wrote {RESULTS.relative_to(BENCH.parent)} and bench/RESULTS.md")


if __name__ == "__main__":
    main()
