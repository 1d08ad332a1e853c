"""Time a proposed rewrite of a check against the check itself, on a loaded agency.

    .venv/bin/python bench/rewrite.py BENCH-M100000 bench/rewrites/SPAN-WIDE.cypher [--repeat 5]

The rewrite file is named for the rule (``<RULE-ID>.cypher``) and holds one
query taking the same parameters. Both run ``--repeat`` times (best kept),
alternating; the rows must be the same (compared as sorted JSON), or the
rewrite is reported as giving other answers. Nothing under queries/ changes:
a rewrite that pays off is proposed, not applied.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any, LiteralString

import neo4j
from checks import plan

from sikerja.loader import cypherfile
from sikerja.loader.graph import connect
from sikerja.loader.settings import Settings
from sikerja.queries.catalog import Check, checks
from sikerja.queries.profiles import load_profile
from sikerja.queries.runner import parameters
from sikerja.queries.version import agency


def _rows(driver: neo4j.Driver, db: str, query: LiteralString, values: dict[str, Any]) -> tuple[float, list[str]]:
    started = time.perf_counter()
    records, _, _ = driver.execute_query(query, parameters_=values, database_=db, routing_=neo4j.RoutingControl.READ)
    seconds = time.perf_counter() - started
    return seconds, sorted(json.dumps(r.data(), sort_keys=True, default=str) for r in records)


def compare(driver: neo4j.Driver, db: str, instansi: str, path: Path, repeat: int) -> dict[str, Any]:
    check = checks()[path.stem]
    proposed = cypherfile.parse(path.name, path.read_text(encoding="utf-8")).query
    live = agency(driver, db, instansi)
    params = parameters(load_profile(live["profil"]))
    values = {"instansi": instansi, "muatan": live["muatan"], **{p: params[p] for p in check.params}}
    best = {"current": float("inf"), "proposed": float("inf")}
    answers: dict[str, list[str]] = {}
    for _ in range(repeat):
        for name, query in (("current", check.query), ("proposed", proposed)):
            seconds, answers[name] = _rows(driver, db, query, values)
            best[name] = min(best[name], seconds)
    rewritten = Check(**{**check.__dict__, "query": proposed})
    return {
        "rule": check.id, "current_ms": best["current"] * 1000, "proposed_ms": best["proposed"] * 1000,
        "same_rows": answers["current"] == answers["proposed"], "rows": len(answers["current"]),
        "current_db_hits": plan(driver, db, check, instansi, live["muatan"], params)["db_hits"],
        "proposed_db_hits": plan(driver, db, rewritten, instansi, live["muatan"], params)["db_hits"],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("instansi")
    ap.add_argument("rewrites", type=Path, nargs="+")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    settings = Settings.from_env()
    with connect(settings) as driver:
        for path in args.rewrites:
            r = compare(driver, settings.database, args.instansi, path, args.repeat)
            print(f"{r['rule']}: {r['current_ms']:,.0f} ms -> {r['proposed_ms']:,.0f} ms, db hits "
                  f"{r['current_db_hits']:,} -> {r['proposed_db_hits']:,}, rows {r['rows']:,}, "
                  f"{'same answers' if r['same_rows'] else 'OTHER ANSWERS'}")


if __name__ == "__main__":
    main()
