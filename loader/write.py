"""Replace one agency's subgraph with a validated bundle, atomically.

All statements of ``cypher/replace.cypher`` run in one explicit transaction:
readers see the old agency until commit, and a failure, a killed loader or a
killed server leaves the old one. Rows go in batched ``UNWIND`` statements.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import neo4j

from sikerja.loader import cypherfile
from sikerja.loader.bundle import Table
from sikerja.loader.validate import split_codes

BATCH = 10_000

# Columns that become relationships rather than properties, per table.
# Each statement's ends: (table of the source, table of the target).
ENDS = {
    "rel_bagian_dari": ("unit", "unit"), "rel_menerapkan": ("unit", "permodelan"),
    "rel_di_unit": ("jabatan", "unit"), "rel_atasan_langsung": ("jabatan", "jabatan"),
    "rel_penilai": ("jabatan", "jabatan"), "rel_menduduki": ("pegawai", "jabatan"), "rel_plt": ("pegawai", "jabatan"),
    "rel_pemilik_kinerja": ("tim", "unit"), "rel_ditetapkan_oleh": ("tim", "jabatan"), "rel_member_of": ("pegawai", "tim"),
}
REFERENCES: dict[str, dict[str, str]] = {
    "unit": {"induk": "rel_bagian_dari", "permodelan": "rel_menerapkan"},
    "jabatan": {"unit": "rel_di_unit", "atasan_langsung": "rel_atasan_langsung", "penilai": "rel_penilai"},
    "pegawai": {"jabatan": "rel_menduduki", "plt": "rel_plt"},
    "tim": {"pemilik_kinerja": "rel_pemilik_kinerja", "sk_penerbit": "rel_ditetapkan_oleh"},
}
NODE_TABLES = ("unit", "jabatan", "pegawai", "tim")
KEY = {"unit": "kode", "jabatan": "kode", "pegawai": "nip", "tim": "kode"}


@dataclass
class LoadSummary:
    instansi: str
    muatan: str
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def nodes(self) -> int:
        return sum(v for k, v in self.counts.items() if not k.startswith("rel_"))

    @property
    def relationships(self) -> int:
        return sum(v for k, v in self.counts.items() if k.startswith("rel_"))


def ensure_schema(driver: neo4j.Driver, db: str) -> None:
    for stmt in cypherfile.load("loader", "cypher/schema.cypher").statements:
        driver.execute_query(stmt, database_=db)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=db)


def _batches(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for r in rows:
        batch.append(r)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _node_rows(t: Table) -> Iterator[dict[str, Any]]:
    refs = REFERENCES.get(t.name, {})
    for d in t.dicts():
        yield {k: v for k, v in d.items() if k not in refs}


def _rel_rows(t: Table, column: str) -> Iterator[dict[str, Any]]:
    key, ref = t.index(KEY[t.name]), t.index(column)
    if ref is None or key is None:
        return
    for row in t.rows:
        for code in split_codes(row[ref]):
            yield {"a": row[key], "b": code}


def _member_rows(t: Table) -> Iterator[dict[str, Any]]:
    for d in t.dicts():
        yield {"a": d.pop("nip"), "b": d.pop("tim"), "props": d}


Step = tuple[str, Callable[[], Iterator[dict[str, Any]]]]


def plan(tables: dict[str, Table], models: list[dict[str, Any]]) -> list[Step]:
    """The write steps in order: (statement name, rows factory)."""
    steps: list[Step] = [("permodelan", lambda: iter(models))]
    for name in NODE_TABLES:
        steps.append((name, lambda t=tables[name]: _node_rows(t)))
    for name in NODE_TABLES:
        for column, stmt in REFERENCES[name].items():
            steps.append((stmt, lambda t=tables[name], c=column: _rel_rows(t, c)))
    steps.append(("rel_member_of", lambda: _member_rows(tables["anggota_tim"])))
    return steps


DELETES = ("delete_tim", "delete_pegawai", "delete_jabatan", "delete_unit", "delete_permodelan")


def delete_agency(driver: neo4j.Driver, db: str, kode: str) -> bool:
    """Remove an agency and its whole subgraph in one transaction; False if it was not there."""
    statements = cypherfile.load("loader", "cypher/replace.cypher").named
    params = {"instansi": kode, "muatan": None}

    def work(tx: neo4j.ManagedTransaction) -> bool:
        for name in DELETES:
            tx.run(statements[name], params).consume()
        return tx.run(statements["delete_instansi"], params).single(strict=True)["n"] > 0

    with driver.session(database=db) as session:
        return session.execute_write(work)


def replace_agency(
    driver: neo4j.Driver,
    db: str,
    tables: dict[str, Table],
    models: list[dict[str, Any]],
    *,
    batch_size: int = BATCH,
    progress: Callable[[str, int], None] | None = None,
) -> LoadSummary:
    """Write the bundle as the agency's new subgraph in one transaction."""
    inst = next(tables["instansi"].dicts())
    kode = inst["kode"]
    summary = LoadSummary(instansi=kode, muatan=uuid.uuid4().hex)
    statements = cypherfile.load("loader", "cypher/replace.cypher").named
    steps = plan(tables, models)
    started = time.perf_counter()
    params = {"instansi": kode, "muatan": summary.muatan}
    with driver.session(database=db) as session:
        tx = session.begin_transaction(metadata={"app": "sikerja", "tag": "load", "instansi": kode})
        try:
            for name in ("lock", *DELETES):
                tx.run(statements[name], params).consume()
            props = {k: v for k, v in inst.items() if k not in ("kode",)}
            tx.run(statements["instansi"], {**params, "props": props}).consume()
            summary.counts["instansi"] = 1
            ids: dict[str, dict[str, str]] = {}  # table -> key -> element id of the new node
            for name, rows in steps:
                written = 0
                ends = ENDS.get(name)
                for batch in _batches(rows(), batch_size):
                    if ends:
                        src, dst = ids[ends[0]], ids[ends[1]]
                        batch = [{**r, "a": src[r["a"]], "b": dst[r["b"]]} for r in batch]
                    result = tx.run(statements[name], {**params, "rows": batch})
                    if ends:
                        result.consume()
                    else:
                        ids.setdefault(name, {}).update((rec["k"], rec["id"]) for rec in result)
                    written += len(batch)
                    if progress:
                        progress(name, len(batch))
                summary.counts[name] = written
            tx.commit()
        finally:
            if tx.closed() is False:
                tx.rollback()
    summary.seconds = time.perf_counter() - started
    return summary


def total_rows(tables: dict[str, Table], models: list[dict[str, Any]]) -> int:
    """Rows the load will send, for a progress bar (counted only when one is shown)."""
    return sum(sum(1 for _ in rows()) for _, rows in plan(tables, models))
