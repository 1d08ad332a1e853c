"""Spans and layers as measures: the numbers org designers read, per position.

For every position: direct and total reports, layer from the top, managerial
category, span group, how many filled positions it evaluates, and how many
team leaders it works through. The dashboard and ``sikerja spans`` both read
this module. :func:`compute` is pure (rows in, table out) so tests can compare
it with an independent computation and benchmarks can time it alone.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import neo4j

from sikerja.loader import cypherfile
from sikerja.loader.graph import read

EXECUTIVE = ("kepala_daerah", "jpt_madya", "jpt_pratama")
CATEGORIES = ("eksekutif", "manajer_manajer", "manajer_individu", "kontributor_individu")


def span_group_labels(bounds: Sequence[int]) -> list[str]:
    """[1, 2, 4, 8, 13, 17] -> ['1', '2–3', '4–7', '8–12', '13–16', '17+']."""
    labels = []
    for lo, hi in zip(bounds, [*bounds[1:], None]):
        if hi is None:
            labels.append(f"{lo}+")
        elif hi - lo == 1:
            labels.append(str(lo))
        else:
            labels.append(f"{lo}–{hi - 1}")
    return labels


def span_group(n: int, bounds: Sequence[int], labels: Sequence[str] | None = None) -> str | None:
    """The label of the span group ``n`` falls in; None below the first bound.

    Pass ``labels`` (``span_group_labels(bounds)``) when calling per row.
    """
    if n < bounds[0]:
        return None
    labels = labels if labels is not None else span_group_labels(bounds)
    for lo, label in zip(reversed(bounds), reversed(labels)):
        if n >= lo:
            return label
    return None  # pragma: no cover - bounds[0] <= n always matches


def _layers(superior: dict[str, str | None]) -> dict[str, int | None]:
    """Layer from the top (top = 1) by following superiors; None on or below a loop (no top to count from)."""
    layer: dict[str, int | None] = {}
    for start in superior:
        path: list[str] = []
        seen: set[str] = set()
        node: str | None = start
        while node is not None and node not in layer and node not in seen:
            path.append(node)
            seen.add(node)
            node = superior.get(node)
        if node is not None and node in seen:  # a loop: nothing on this path has a layer
            base = None
        else:
            base = 0 if node is None else layer[node]
        for n in reversed(path):
            base = None if base is None else base + 1
            layer[n] = base
    return layer


def _on_loops(superior: dict[str, str | None]) -> set[str]:
    """Positions on a loop of superiors (each position has at most one superior)."""
    state: dict[str, int] = {}  # 1 = on the current walk, 2 = done
    loops: set[str] = set()
    for start in superior:
        path: list[str] = []
        node: str | None = start
        while node is not None and node in superior and node not in state:
            state[node] = 1
            path.append(node)
            node = superior[node]
        if node is not None and state.get(node) == 1:
            loops.update(path[path.index(node):])
        for n in path:
            state[n] = 2
    return loops


def compute(positions: list[dict[str, Any]], units: list[dict[str, Any]], teams: list[dict[str, Any]],
            span_groups: Sequence[int]) -> list[dict[str, Any]]:
    """One row per position with its measures (see the module docstring)."""
    superior = {p["kode"]: p["atasan"] for p in positions}
    direct: dict[str, int] = defaultdict(int)
    children: dict[str, list[str]] = defaultdict(list)
    for kode, sup in superior.items():
        if sup is not None:
            direct[sup] += 1
            children[sup].append(kode)
    layer = _layers(superior)

    # Total reports: every position below, counted through children. Only a
    # position on a loop has none to count (None); below a loop, trees are finite.
    on_loop = _on_loops(superior)
    roots = [k for k, sup in superior.items() if k not in on_loop and (sup is None or sup in on_loop or sup not in superior)]
    order: list[str] = []
    stack = list(roots)
    while stack:
        k = stack.pop()
        order.append(k)
        stack.extend(children[k])
    total: dict[str, int] = defaultdict(int)
    for k in reversed(order):
        sup = superior[k]
        if sup is not None and sup not in on_loop:
            total[sup] += 1 + total[k]

    # Team leaders a unit head works through: leaders of teams owned by its unit or any unit below.
    parent = {u["kode"]: u["induk"] for u in units}
    leaders_of_unit: dict[str, set[str]] = defaultdict(set)
    for t in teams:
        unit = t["pemilik"]
        hops = 0
        while unit is not None and hops <= len(parent):
            leaders_of_unit[unit].update(t["ketua"])
            unit = parent.get(unit)
            hops += 1
    unit_of = {p["kode"]: p["unit"] for p in positions}
    labels = span_group_labels(span_groups)

    rows = []
    for p in positions:
        k = p["kode"]
        n_direct = direct[k]
        has_manager_reports = any(direct[c] > 0 for c in children[k])
        if n_direct == 0:
            category = "kontributor_individu"
        elif p["jenis"] in EXECUTIVE:
            category = "eksekutif"
        elif has_manager_reports:
            category = "manajer_manajer"
        else:
            category = "manajer_individu"
        sup = superior[k]
        is_head = sup is None or unit_of.get(sup) != p["unit"]
        rows.append({
            **p,
            "bawahan_langsung": n_direct,
            "bawahan_total": None if k in on_loop else total[k],
            "lapisan": layer[k],
            "kategori": category,
            "kelompok_rentang": span_group(n_direct, span_groups, labels),
            "kepala_unit": is_head,
            "ketua_tim": len(leaders_of_unit.get(p["unit"], ())) if is_head else 0,
        })
    return rows


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Headline numbers: average and median span of managers, layers, share of 1:1 managers, vacancies."""
    spans = [r["bawahan_langsung"] for r in rows if r["bawahan_langsung"] > 0]
    layers = [r["lapisan"] for r in rows if r["lapisan"] is not None]
    return {
        "jabatan": len(rows),
        "kosong": sum(1 for r in rows if r["pemangku"] == 0 and r["plt"] == 0),
        "manajer": len(spans),
        "rentang_rata2": round(statistics.fmean(spans), 2) if spans else None,
        "rentang_median": statistics.median(spans) if spans else None,
        "lapisan_maks": max(layers) if layers else None,
        "manajer_1_1": sum(1 for s in spans if s == 1),
        "porsi_manajer_1_1": round(sum(1 for s in spans if s == 1) / len(spans), 3) if spans else None,
    }


def fetch(driver: neo4j.Driver, db: str, instansi: str, muatan: str) -> tuple[list[dict], list[dict], list[dict]]:
    """Positions, units and teams of one version of the agency (unverified: see ``queries/version.py``)."""
    def q(name: str) -> list[dict[str, Any]]:
        return read(driver, cypherfile.load("queries", f"measures/{name}.cypher").query, db, tag=f"measure:{name}",
                    instansi=instansi, muatan=muatan)

    return q("positions"), q("units"), q("teams")


def position_measures(driver: neo4j.Driver, db: str, instansi: str, muatan: str,
                      span_groups: Sequence[int]) -> list[dict[str, Any]]:
    positions, units, teams = fetch(driver, db, instansi, muatan)
    return compute(positions, units, teams, span_groups)


UNIT_MODEL_PARAMS = ("models", "model_unit_kinds", "model_unit_names", "structural")


def unit_models(driver: neo4j.Driver, db: str, instansi: str, muatan: str,
                params: dict[str, Any]) -> list[dict[str, Any]]:
    """Each model-scope unit's structure, declared permodelan and nearest model.

    ``params`` is ``sikerja.queries.runner.parameters(profile)``.
    """
    q = cypherfile.load("queries", "measures/unit_models.cypher").query
    return read(driver, q, db, tag="measure:unit_models", instansi=instansi, muatan=muatan, **{k: params[k] for k in UNIT_MODEL_PARAMS})
