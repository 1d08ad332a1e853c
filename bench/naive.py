"""A deliberately naive loader: the baseline sikerja's load is compared with.

One ``MERGE`` per CSV row and per relationship (``naive.cypher``), each in its
own auto-commit transaction through the official driver, reading the bundle's
CSV files as they stream; no validation, no batching, no atomic replace. It
loads the bundle under an agency code of its own, so it never touches the
agency sikerja loaded from the same files.

At a million positions this takes hours, so ``load`` takes a time cap: every
step (a label, or a relationship type) gets a share of the cap in proportion
to its rows and loads a prefix of them (relationships only between nodes it
loaded); the result is each step's measured rate, and the full load time
extrapolated from those rates. ``complete`` says whether everything was loaded.

    .venv/bin/python bench/naive.py bench/data/BENCH-M10000 --cap 120
"""

from __future__ import annotations

import argparse
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import neo4j
from probe import statements
from shape import NODE_STEPS, REL_STEPS, Step, node_rows, read_table, rel_rows, source_table

from sikerja.queries.profiles import models_of


@dataclass
class StepResult:
    rows: int  # rows (nodes or relationships) the full load has in this step
    loaded: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float | None:
        return self.loaded / self.seconds if self.loaded and self.seconds else None


@dataclass
class NaiveResult:
    instansi: str
    cap: float | None
    steps: dict[str, StepResult] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(s.rows for s in self.steps.values())

    @property
    def loaded(self) -> int:
        return sum(s.loaded for s in self.steps.values())

    @property
    def seconds(self) -> float:
        return sum(s.seconds for s in self.steps.values())

    @property
    def complete(self) -> bool:
        return self.loaded == self.rows

    @property
    def rate(self) -> float:
        return self.loaded / self.seconds if self.seconds else 0.0

    @property
    def estimated_seconds(self) -> float:
        """The full load's time: measured where complete, else each step's rows at its measured rate
        (a step that measured nothing is taken at the overall rate)."""
        return sum(s.seconds if s.loaded == s.rows else s.rows / (s.rate or self.rate) for s in self.steps.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "instansi": self.instansi, "cap_s": self.cap, "rows": self.rows, "loaded": self.loaded,
            "seconds": self.seconds, "rows_per_s": self.rate, "complete": self.complete,
            "estimated_s": self.estimated_seconds,
            "steps": {k: {"rows": s.rows, "loaded": s.loaded, "seconds": s.seconds} for k, s in self.steps.items()},
        }


def count_rows(folder: Path, models: list[dict[str, Any]]) -> dict[str, int]:
    """Rows of every step (read once before timing starts)."""
    counts = {"permodelan": len(models)}
    for step in NODE_STEPS:
        counts[step.name] = sum(1 for _ in read_table(folder, step.table))
    for step in REL_STEPS:
        counts[step.name] = sum(1 for _ in rel_rows(folder, step))
    return counts


def _step(res: StepResult, budget: float | None, rows: Iterable[Any], write: Callable[[Any], bool]) -> None:
    """Write rows until they run out or ``budget`` seconds have passed."""
    started = time.perf_counter()
    for row in rows:
        if budget is not None and time.perf_counter() - started >= budget:
            break
        if write(row):
            res.loaded += 1
    res.seconds = time.perf_counter() - started


def load(driver: neo4j.Driver, db: str, folder: Path, instansi: str, *, cap: float | None = None) -> NaiveResult:
    q = statements("naive.cypher")
    inst = next(read_table(folder, "instansi"))
    models = models_of(inst["profil"]) or []
    counts = count_rows(folder, models)
    total = sum(counts.values())
    result = NaiveResult(instansi, cap, {name: StepResult(n) for name, n in counts.items()})
    written: dict[str, set[str]] = {"permodelan": set(), **{s.table: set() for s in NODE_STEPS}}
    muatan = uuid.uuid4().hex  # the version the naive load writes (delete_agency purges it by this id)

    def budget(step: str) -> float | None:
        return cap * counts[step] / total if cap else None

    with driver.session(database=db) as session:
        def merge(statement: str, **params: Any) -> None:
            session.run(q[statement], instansi=instansi, muatan=muatan, **params).consume()  # one auto-commit transaction

        def node(statement: str, table: str) -> Callable[[tuple[str, dict[str, Any]]], bool]:
            def write(row: tuple[str, dict[str, Any]]) -> bool:
                merge(statement, key=row[0], props=row[1])
                written[table].add(row[0])
                return True
            return write

        def relationship(step: Step) -> Callable[[tuple[str, str, dict[str, str]]], bool]:
            sources, targets = written[source_table(step)], written[step.target or ""]

            def write(row: tuple[str, str, dict[str, str]]) -> bool:
                if row[0] not in sources or row[1] not in targets:
                    return False  # an end the capped load did not reach
                merge(step.name, a=row[0], b=row[1], props=row[2])
                return True
            return write

        merge("instansi", props={k: v for k, v in inst.items() if v and k != "kode"})
        _step(result.steps["permodelan"], budget("permodelan"), ((m["id"], m) for m in models),
              node("permodelan", "permodelan"))
        for s in NODE_STEPS:
            _step(result.steps[s.name], budget(s.name), node_rows(folder, s), node(s.name, s.table))
        for s in REL_STEPS:
            _step(result.steps[s.name], budget(s.name), rel_rows(folder, s), relationship(s))
    return result


def main() -> None:
    from sikerja.loader.graph import connect
    from sikerja.loader.settings import Settings
    from sikerja.loader.write import delete_agency

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bundle", type=Path)
    ap.add_argument("--cap", type=float, default=None, help="seconds at most (a prefix of every step)")
    ap.add_argument("--instansi", default=None, help="agency code to load under (default: <bundle code>-NAIVE)")
    ap.add_argument("--keep", action="store_true", help="leave the naive agency in the database")
    args = ap.parse_args()
    settings = Settings.from_env()
    kode = args.instansi or next(read_table(args.bundle, "instansi"))["kode"] + "-NAIVE"
    with connect(settings) as driver:
        try:
            r = load(driver, settings.database, args.bundle, kode, cap=args.cap)
        finally:
            if not args.keep:
                delete_agency(driver, settings.database, kode)
    print(f"{r.loaded:,} of {r.rows:,} rows in {r.seconds:.1f} s ({r.rate:,.0f} rows/s); "
          f"full load {'took' if r.complete else 'estimated at'} {r.estimated_seconds:,.0f} s")


if __name__ == "__main__":
    main()
