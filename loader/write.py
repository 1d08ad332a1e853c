"""Replace one agency's subgraph with a validated bundle: staged, then swapped.

Readers find an agency's nodes by ``instansi = <agency code>``. A load:

1. **stages** the new version under its own key (``~`` + load id), in
   transactions of ``batch_size`` rows, so memory on both sides stays bounded
   whatever the agency's size; readers never see a stage;
2. **swaps** in one small transaction: the live version's nodes are re-keyed to
   their own stage key (retired) and the new version's to the agency code;
   readers see the old version until this commits and the new one after;
3. **purges** the retired version in small transactions.

A ``Muatan`` node registers each stage key still in the database. A running
load beats on it in every stage transaction; a load that was killed (or whose
server died) leaves a stage that stops beating, and the next load of any agency
purges it once it is ``STALE_SECONDS`` old. Nothing a killed load leaves is
ever visible to readers, so the previous version stays intact.
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

STAGE_PREFIX = "~"  # agency codes may not begin with it (validate.py refuses them)
STALE_SECONDS = 300  # a stage that has not beaten for this long belongs to a dead load

# Columns that become relationships rather than properties, per table.
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
    seconds: float = 0.0  # whole load: purge of abandoned stages, stage, swap, purge of the old version
    swap_seconds: float = 0.0  # the one transaction that makes the new version live
    purge_seconds: float = 0.0

    @property
    def nodes(self) -> int:
        return sum(v for k, v in self.counts.items() if not k.startswith("rel_"))

    @property
    def relationships(self) -> int:
        return sum(v for k, v in self.counts.items() if k.startswith("rel_"))


def stage_key(muatan: str) -> str:
    return STAGE_PREFIX + muatan


class StageLost(RuntimeError):
    """This load's stage was purged as abandoned (it stopped beating for too long); run the load again."""


def ensure_schema(driver: neo4j.Driver, db: str) -> None:
    for stmt in cypherfile.load("loader", "cypher/schema.cypher").statements:
        driver.execute_query(stmt, database_=db)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=db)


def _statements() -> dict[str, Any]:
    return cypherfile.load("loader", "cypher/replace.cypher").named


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
    """The stage steps in order: (statement name, rows factory). Nodes before the relationships between them."""
    steps: list[Step] = [("permodelan", lambda: iter(models))]
    for name in NODE_TABLES:
        steps.append((name, lambda t=tables[name]: _node_rows(t)))
    for name in NODE_TABLES:
        for column, stmt in REFERENCES[name].items():
            steps.append((stmt, lambda t=tables[name], c=column: _rel_rows(t, c)))
    steps.append(("rel_member_of", lambda: _member_rows(tables["anggota_tim"])))
    return steps


def _stage_batch(tx: neo4j.ManagedTransaction, statement: str, params: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    q = _statements()
    if tx.run(q["heartbeat"], params).single(strict=True)["n"] == 0:
        raise StageLost(
            f"tahap muatan {params['muatan']} dibersihkan karena dianggap terbengkalai; data lama instansi "
            f"{params['instansi']} tetap utuh, ulangi pemuatan"
        )
    tx.run(statement, {**params, "rows": rows}).consume()


def _retire(tx: neo4j.ManagedTransaction, params: dict[str, Any], lama: str | None) -> str:
    """Re-key the live version to its own stage key and register it for purging; returns that load id."""
    q = _statements()
    lama = lama or uuid.uuid4().hex  # an agency node without a load id (never written by this loader)
    tx.run(q["rekey"], dari=params["instansi"], ke=stage_key(lama)).consume()
    tx.run(q["retire"], {**params, "lama": lama}).consume()
    return lama


def _swap(tx: neo4j.ManagedTransaction, params: dict[str, Any], props: dict[str, Any]) -> str:
    q = _statements()
    rec = tx.run(q["swap_lock"], params).single(strict=True)
    if not rec["ada"]:
        raise StageLost(
            f"tahap muatan {params['muatan']} hilang sebelum ditukar; data lama instansi {params['instansi']} "
            "tetap utuh, ulangi pemuatan"
        )
    lama = _retire(tx, params, rec["lama"])
    tx.run(q["rekey"], dari=params["tahap"], ke=params["instansi"]).consume()
    tx.run(q["swap_done"], {**params, "props": props}).consume()
    return lama


def purge(driver: neo4j.Driver, db: str, muatan: str, *, batch_size: int = BATCH) -> None:
    """Delete every node under ``muatan``'s stage key, then its registration, in small transactions."""
    q = _statements()
    with driver.session(database=db) as session:
        session.run(q["purge"], kunci=stage_key(muatan), ukuran=batch_size).consume()
        session.run(q["purge_done"], id=muatan).consume()


def purge_abandoned(driver: neo4j.Driver, db: str, *, instansi: str | None = None,
                    older_than: float = STALE_SECONDS, batch_size: int = BATCH) -> int:
    """Purge stages left by dead loads and retired versions nobody is purging; returns how many."""
    q = _statements()
    me = uuid.uuid4().hex
    found = driver.execute_query(q["abandoned"], instansi=instansi, basi=older_than, database_=db).records
    purged = 0
    for rec in found:
        claimed, _, _ = driver.execute_query(q["claim"], id=rec["id"], basi=older_than, muatan=me, database_=db)
        if claimed[0]["n"]:
            purge(driver, db, rec["id"], batch_size=batch_size)
            purged += 1
    return purged


def delete_agency(driver: neo4j.Driver, db: str, kode: str) -> bool:
    """Remove an agency: one small transaction hides it, then it is purged; False if it was not there."""
    q = _statements()
    params = {"instansi": kode, "muatan": uuid.uuid4().hex}

    def work(tx: neo4j.ManagedTransaction) -> str | None:
        rec = tx.run(q["drop_lock"], params).single()
        if rec is None:
            return None
        lama = _retire(tx, params, rec["lama"])
        tx.run(q["drop_instansi"], params).consume()
        return lama

    with driver.session(database=db) as session:
        lama = session.execute_write(work)
    if lama is None:
        return False
    purge(driver, db, lama)
    return True


def replace_agency(
    driver: neo4j.Driver,
    db: str,
    tables: dict[str, Table],
    models: list[dict[str, Any]],
    *,
    batch_size: int = BATCH,
    progress: Callable[[str, int], None] | None = None,
) -> LoadSummary:
    """Stage the bundle, swap it in as the agency's live version, purge the old one."""
    inst = next(tables["instansi"].dicts())
    kode = inst["kode"]
    if kode.startswith(STAGE_PREFIX):
        raise ValueError(f"kode instansi tidak boleh diawali {STAGE_PREFIX!r}: {kode!r}")
    summary = LoadSummary(instansi=kode, muatan=uuid.uuid4().hex)
    q = _statements()
    params = {"instansi": kode, "muatan": summary.muatan, "tahap": stage_key(summary.muatan)}
    props = {k: v for k, v in inst.items() if k != "kode"}
    started = time.perf_counter()
    purge_abandoned(driver, db, batch_size=batch_size)
    swapped = False
    with driver.session(database=db) as session:
        session.execute_write(lambda tx: tx.run(q["stage_open"], params).consume())
        try:
            for name, rows in plan(tables, models):
                written = 0
                for batch in _batches(rows(), batch_size):
                    session.execute_write(_stage_batch, q[name], params, batch)
                    written += len(batch)
                    if progress:
                        progress(name, len(batch))
                summary.counts[name] = written
            summary.counts["instansi"] = 1
            staged = time.perf_counter()
            if progress:
                progress("menukar versi", 0)
            lama = session.execute_write(_swap, params, props)
            swapped = True
            summary.swap_seconds = time.perf_counter() - staged
        finally:
            if not swapped:
                _discard(driver, db, summary.muatan, batch_size)
    if progress:
        progress("menghapus versi lama", 0)
    purged = time.perf_counter()
    purge(driver, db, lama, batch_size=batch_size)
    summary.purge_seconds = time.perf_counter() - purged
    summary.seconds = time.perf_counter() - started
    return summary


def _discard(driver: neo4j.Driver, db: str, muatan: str, batch_size: int) -> None:
    """Best effort after a failed load: remove its stage now (else the next load does, once it is stale)."""
    try:
        purge(driver, db, muatan, batch_size=batch_size)
    except Exception:  # noqa: BLE001 - the load's own error is the one to report
        pass


def total_rows(tables: dict[str, Table], models: list[dict[str, Any]]) -> int:
    """Rows the load will send, for a progress bar (counted only when one is shown)."""
    return sum(sum(1 for _ in rows()) for _, rows in plan(tables, models))
