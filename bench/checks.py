"""Each check's time against Neo4j, its in-memory floor, and the plan of the slow ones.

``compare`` runs every check the agency's profile enables through the real
runner (``run_checks`` for the total: its first run, and its best of
``repeat``; then ``run_check`` per rule, best of ``repeat``) and the same
rule in ``floor.py`` on the same bundle, and reports seconds, the ratio, the
number of findings and whether both found the same subjects. ``plan`` is a check's ``PROFILE``: total db hits, memory, and
the operators that did the most work.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

import floor
import neo4j

from sikerja.loader.bundle import read_bundle
from sikerja.queries.catalog import Check, checks
from sikerja.queries.profiles import load_profile
from sikerja.queries.runner import parameters, reference_date, run_check, run_checks
from sikerja.queries.version import agency

SLOW = 3.0  # a check slower than this many times its floor gets its plan captured
MEASURABLE = 1e-5  # a floor below 10 µs did no work (e.g. a rule whose limit the profile leaves unset): no ratio


def compare(driver: neo4j.Driver, db: str, instansi: str, bundle: Path, *, repeat: int = 3) -> dict[str, Any]:
    live = agency(driver, db, instansi)
    muatan, profile = live["muatan"], load_profile(live["profil"])
    params = parameters(profile)
    catalog = checks()
    rules = sorted(profile.enabled_rules())

    started = time.perf_counter()
    findings = run_checks(driver, db, instansi)
    all_checks = time.perf_counter() - started  # the first run: plans compiled, the agency just loaded
    warm, _ = floor.best_of(lambda: run_checks(driver, db, instansi), repeat - 1) if repeat > 1 else (all_checks, None)
    cypher = {}
    for rule in rules:
        seconds, found = floor.best_of(lambda r=rule: run_check(driver, db, catalog[r], instansi, muatan, profile, params), repeat)
        cypher[rule] = (seconds, Counter(f.subjek for f in found))

    tables, problems = read_bundle(bundle)
    if problems:
        raise RuntimeError(f"{bundle}: {problems[0]}")
    build, memory = floor.measure(tables, params, rules, repeat=repeat)
    del tables

    out: dict[str, Any] = {"all_s": all_checks, "all_warm_s": min(all_checks, warm), "repeat": repeat,
                           "findings": len(findings),
                           "floor_build_s": build, "rules": {}}
    for rule in rules:
        (c_s, c_found), (f_s, f_found) = cypher[rule], memory[rule]
        row = {"cypher_s": c_s, "floor_s": f_s, "ratio": c_s / f_s if f_s >= MEASURABLE else None,
               "findings": sum(c_found.values()), "same": c_found == f_found}
        if row["ratio"] is None or row["ratio"] > SLOW:
            row["plan"] = plan(driver, db, catalog[rule], instansi, muatan, params)
        out["rules"][rule] = row
    out["cypher_sum_s"] = sum(r["cypher_s"] for r in out["rules"].values())
    out["floor_sum_s"] = sum(r["floor_s"] for r in out["rules"].values())
    return out


def _operators(node: dict[str, Any]) -> list[dict[str, Any]]:
    ops = [{"operator": node["operatorType"].split("@")[0], "db_hits": node.get("dbHits", 0), "rows": node.get("rows", 0),
            "details": str(node.get("args", {}).get("Details", ""))[:160]}]
    for child in node.get("children", []):
        ops.extend(_operators(child))
    return ops


def plan(driver: neo4j.Driver, db: str, check: Check, instansi: str, muatan: str,
         params: dict[str, Any]) -> dict[str, Any]:
    """The check's PROFILE on one version: db hits, rows, memory, the three busiest operators and the plan text."""
    values = {"instansi": instansi, "muatan": muatan, "per": reference_date(None), **{p: params[p] for p in check.params}}
    started = time.perf_counter()
    _, summary, _ = driver.execute_query("PROFILE " + check.query, parameters_=values, database_=db)
    seconds = time.perf_counter() - started
    root = summary.profile or {}
    ops = _operators(root) if root else []
    args = root.get("args", {})
    return {
        "seconds": seconds,
        "db_hits": sum(o["db_hits"] for o in ops),
        "rows": root.get("rows", 0),
        "memory_bytes": args.get("GlobalMemory"),
        "runtime": args.get("runtime"),
        "busiest": sorted(ops, key=lambda o: o["db_hits"], reverse=True)[:3],
        "text": args.get("string-representation", ""),
    }
