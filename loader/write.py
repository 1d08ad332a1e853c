"""Replace one agency's subgraph with a validated bundle: staged, then swapped.

Every node carries the agency code (``instansi``) and the id of the load that
wrote it (``muatan``); the ``Instansi`` node's ``muatan`` names the live
version and readers select nodes by it (``sikerja/queries/version.py``). A load:

1. **stages** its version in transactions of ``batch_size`` rows, so memory
   on both sides stays bounded whatever the agency's size; readers, who
   follow the Instansi node, never see a stage;
2. **swaps** in one small transaction that points the Instansi node at the new
   version and registers the old one as retired; its cost does not grow with
   the agency, and readers see the old version until it commits and the new
   one after;
3. **purges** the retired version in small transactions.

A ``Muatan`` node registers each version that is in the database but not
live. A running load beats on it in every stage transaction; a load that was
killed (or whose server died) leaves a stage that stops beating, and the next
load of any agency purges it once it is ``STALE_SECONDS`` old. Nothing a
killed load leaves is ever visible to readers, so the live version stays intact.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

import neo4j

from sikerja.loader import cypherfile
from sikerja.loader.bundle import Table
from sikerja.loader.validate import SPEC, split_codes

BATCH = 10_000
# Stage transactions in flight at once. Batches of one phase never depend on each
# other; relationship batches may wait on the same end node's lock, and a
# deadlock is retried by the driver like any transient error.
WORKERS = 2

STALE_SECONDS = 300  # a stage that has not beaten for this long belongs to a dead load

# Columns that become relationships rather than properties, per table.
REFERENCES: dict[str, dict[str, str]] = {
    "unit": {"induk": "rel_bagian_dari", "permodelan": "rel_menerapkan"},
    "jabatan": {"unit": "rel_di_unit", "atasan_langsung": "rel_atasan_langsung", "penilai": "rel_penilai"},
    "pegawai": {"jabatan": "rel_menduduki", "plt": "rel_plt"},
    "tim": {"pemilik_kinerja": "rel_pemilik_kinerja", "sk_penerbit": "rel_ditetapkan_oleh"},
}
NODE_TABLES = ("unit", "jabatan", "pegawai", "tim")
MANY = {c.name for cols in SPEC.values() for c in cols if c.many}  # reference columns that may name several codes
KEY = {"unit": "kode", "jabatan": "kode", "pegawai": "nip", "tim": "kode"}


@dataclass
class LoadSummary:
    instansi: str
    muatan: str
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0  # whole load: purge of abandoned stages, stage, swap, purge of the old version
    swap_seconds: float = 0.0  # the one transaction that makes the new version live
    live_seconds: float = 0.0  # from the start until readers see the new version
    replaced: bool = False  # a previous version was retired (and purged unless old_left)
    purge_seconds: float = 0.0
    old_left: bool = False  # the retired version could not be purged now (a later load will)

    @property
    def nodes(self) -> int:
        return sum(v for k, v in self.counts.items() if not k.startswith("rel_"))

    @property
    def relationships(self) -> int:
        return sum(v for k, v in self.counts.items() if k.startswith("rel_"))


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
    codes = split_codes if column in MANY else _one_code
    for row in t.rows:
        for code in codes(row[ref]):
            yield {"a": row[key], "b": code}


def _one_code(value: str) -> list[str]:
    return [value] if value else []


def _member_rows(t: Table) -> Iterator[dict[str, Any]]:
    for d in t.dicts():
        yield {"a": d.pop("nip"), "b": d.pop("tim"), "props": d}


# A delegation has no code of its own: its key is the row it was read from (``baris``), and its
# three references become relationships (loader/cypher/replace.cypher says which).
DELEGATION_REFERENCES = {"penilai": "rel_penerima", "pemberi": "rel_pemberi", "lingkup": "rel_lingkup"}


def _delegation_nodes(t: Table) -> Iterator[dict[str, Any]]:
    for line, d in zip(t.line_numbers, t.dicts()):
        yield {"baris": line, **{k: v for k, v in d.items() if k not in DELEGATION_REFERENCES}}


def _delegation_rels(t: Table, column: str) -> Iterator[dict[str, Any]]:
    i = t.index(column)
    for line, row in zip(t.line_numbers, t.rows):
        yield {"a": line, "b": row[i]}


Step = tuple[str, Callable[[], Iterator[dict[str, Any]]]]


def candidate_models(unit: dict[str, str], models: list[dict[str, Any]]) -> list[str]:
    """The permodelan the regulation assigns to a unit like this one: those that name it, else
    those that name its kind (and, where a model names classes, its kelas)."""
    named = [m["id"] for m in models if unit.get("nama", "") in m.get("unit_names", ())]
    if named:
        return named
    return [m["id"] for m in models if unit.get("jenis", "") in m.get("unit_kinds", ())
            and (not m.get("unit_kelas") or unit.get("kelas", "") in m["unit_kelas"])]


def _model_rows(units: Table, models: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """MENERAPKAN: each model a unit declares; for a unit that declares none, the one model its
    name, kind and kelas point to (marked ``disimpulkan``), when exactly one does."""
    for d in units.dicts():
        declared = d.get("permodelan", "")
        if declared:
            yield {"a": d["kode"], "b": declared, "disimpulkan": None}
        elif len(found := candidate_models(d, models)) == 1:
            yield {"a": d["kode"], "b": found[0], "disimpulkan": True}


def plan(tables: dict[str, Table], models: list[dict[str, Any]]) -> tuple[list[Step], list[Step]]:
    """The stage's steps, (statement name, rows factory), in two phases: nodes, then relationships between them."""
    nodes: list[Step] = [("permodelan", lambda: iter(models))]
    for name in NODE_TABLES:
        nodes.append((name, lambda t=tables[name]: _node_rows(t)))
    relationships: list[Step] = []
    for name in NODE_TABLES:
        for column, stmt in REFERENCES[name].items():
            if stmt == "rel_menerapkan":
                relationships.append((stmt, lambda t=tables[name]: _model_rows(t, models)))
                continue
            relationships.append((stmt, lambda t=tables[name], c=column: _rel_rows(t, c)))
    relationships.append(("rel_member_of", lambda: _member_rows(tables["anggota_tim"])))
    if (t := tables.get("pendelegasian")) is not None:
        nodes.append(("pendelegasian", lambda: _delegation_nodes(t)))
        for column, stmt in DELEGATION_REFERENCES.items():
            relationships.append((stmt, lambda c=column: _delegation_rels(t, c)))
    return nodes, relationships


def _stage_batch(tx: neo4j.ManagedTransaction, statement: str, params: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    # A read, not a write: batches sent in parallel must not queue on one lock.
    if tx.run(_statements()["stage_alive"], params).single(strict=True)["n"] == 0:
        raise _lost(params)
    tx.run(statement, {**params, "rows": rows}).consume()


def _lost(params: dict[str, Any]) -> StageLost:
    return StageLost(
        f"tahap muatan {params['muatan']} dibersihkan karena dianggap terbengkalai; data lama instansi "
        f"{params['instansi']} tetap utuh, ulangi pemuatan"
    )


class _Stager:
    """Sends a stage's batches from ``workers`` threads, each with its own session, and beats for the stage."""

    BEAT_SECONDS = 20.0

    def __init__(self, driver: neo4j.Driver, db: str, params: dict[str, Any], workers: int,
                 progress: Callable[[str, int], None] | None) -> None:
        self.driver, self.db, self.params, self.progress = driver, db, params, progress
        self.workers = max(1, workers)
        self.local = threading.local()
        self.sessions: list[neo4j.Session] = []
        self.lock = threading.Lock()
        self.beaten = 0.0

    def _session(self) -> neo4j.Session:
        if not hasattr(self.local, "session"):
            self.local.session = self.driver.session(database=self.db)
            with self.lock:
                self.sessions.append(self.local.session)
        return self.local.session

    def _send(self, statement: str, rows: list[dict[str, Any]]) -> int:
        self._session().execute_write(_stage_batch, statement, self.params, rows)
        return len(rows)

    def beat(self) -> None:
        if time.monotonic() - self.beaten < self.BEAT_SECONDS:
            return
        rec = self.driver.execute_query(_statements()["heartbeat"], self.params, database_=self.db).records
        if rec[0]["n"] == 0:
            raise _lost(self.params)
        self.beaten = time.monotonic()

    def phase(self, steps: list[Step], batch_size: int, counts: dict[str, int]) -> None:
        """Send every batch of ``steps``, whose batches do not depend on each other, at most ``2 * workers`` in flight."""
        q = _statements()
        pending: set[Future[int]] = set()
        owner: dict[Future[int], str] = {}

        def settle(done: set[Future[int]]) -> None:
            for f in done:
                name = owner.pop(f)
                n = f.result()  # a failed batch fails the load
                counts[name] += n
                if self.progress:
                    self.progress(name, n)

        with ThreadPoolExecutor(self.workers, thread_name_prefix="sikerja-load") as pool:
            try:
                for name, rows in steps:
                    counts.setdefault(name, 0)
                    for batch in _batches(rows(), batch_size):
                        self.beat()
                        if len(pending) >= 2 * self.workers:
                            done, pending = wait(pending, return_when=FIRST_COMPLETED)
                            settle(done)
                        f = pool.submit(self._send, q[name], batch)
                        owner[f] = name
                        pending.add(f)
                done, pending = wait(pending)
                settle(done)
            finally:
                for f in pending:
                    f.cancel()

    def close(self) -> None:
        for s in self.sessions:
            s.close()


def _retire(tx: neo4j.ManagedTransaction, params: dict[str, Any], lama: str | None) -> None:
    """Register the live version ``lama`` for purging (it stays whole until then)."""
    if lama is not None:  # None: the agency node was not written by this loader and has no version
        tx.run(_statements()["retire"], {**params, "lama": lama}).consume()
    return lama


def _swap(tx: neo4j.ManagedTransaction, params: dict[str, Any], props: dict[str, Any]) -> str | None:
    q = _statements()
    rec = tx.run(q["swap_lock"], params).single(strict=True)
    if tx.run(q["swap_stage"], params).single(strict=True)["status"] != "tahap":
        raise StageLost(
            f"tahap muatan {params['muatan']} hilang sebelum ditukar; data lama instansi {params['instansi']} "
            "tetap utuh, ulangi pemuatan"
        )
    _retire(tx, params, rec["lama"])
    tx.run(q["swap_done"], {**params, "props": props}).consume()
    return rec["lama"]


def purge(driver: neo4j.Driver, db: str, muatan: str, *, batch_size: int = BATCH) -> None:
    """Delete every node of version ``muatan``, then its registration, in small transactions.

    Refuses (does nothing) when ``muatan`` is an agency's live version. Versions are never
    reused and a stage can become live only in its own load's swap, which refuses a stage
    that was claimed for purging; so a version found not live here stays so.
    """
    q = _statements()
    with driver.session(database=db) as session:
        if session.run(q["is_live"], versi=muatan).single(strict=True)["n"]:
            return
        session.run(q["purge"], versi=muatan, ukuran=batch_size).consume()
        session.run(q["purge_done"], id=muatan).consume()


def purge_abandoned(driver: neo4j.Driver, db: str, *, instansi: str | None = None,
                    older_than: float = STALE_SECONDS, batch_size: int = BATCH) -> int:
    """Purge stages left by dead loads and retired versions nobody is purging; returns how many."""
    claimed = driver.execute_query(_statements()["claim_abandoned"], instansi=instansi, basi=older_than,
                                   muatan=uuid.uuid4().hex, database_=db).records
    for rec in claimed:
        purge(driver, db, rec["id"], batch_size=batch_size)
    return len(claimed)


def delete_agency(driver: neo4j.Driver, db: str, kode: str) -> bool:
    """Remove an agency: one small transaction hides it, then it is purged; False if it was not there."""
    q = _statements()
    params = {"instansi": kode, "muatan": uuid.uuid4().hex}

    def work(tx: neo4j.ManagedTransaction) -> tuple[bool, str | None]:
        rec = tx.run(q["drop_lock"], params).single()
        if rec is None:
            return False, None
        _retire(tx, params, rec["lama"])
        tx.run(q["drop_instansi"], params).consume()
        return True, rec["lama"]

    with driver.session(database=db) as session:
        found, lama = session.execute_write(work)
    if lama is not None:
        purge(driver, db, lama)
    return found


def replace_agency(
    driver: neo4j.Driver,
    db: str,
    tables: dict[str, Table],
    models: list[dict[str, Any]],
    *,
    batch_size: int = BATCH,
    workers: int = WORKERS,
    progress: Callable[[str, int], None] | None = None,
) -> LoadSummary:
    """Stage the bundle, swap it in as the agency's live version, purge the old one."""
    inst = next(tables["instansi"].dicts())
    kode = inst["kode"]
    summary = LoadSummary(instansi=kode, muatan=uuid.uuid4().hex)
    q = _statements()
    params = {"instansi": kode, "muatan": summary.muatan}
    props = {k: v for k, v in inst.items() if k != "kode"}
    started = time.perf_counter()
    _tidy(driver, db, batch_size)
    swapped = False
    driver.execute_query(q["stage_open"], params, database_=db)
    stager = _Stager(driver, db, params, workers, progress)
    try:
        nodes, relationships = plan(tables, models)
        stager.phase(nodes, batch_size, summary.counts)
        stager.phase(relationships, batch_size, summary.counts)  # every node is committed by now
        summary.counts["instansi"] = 1
        staged = time.perf_counter()
        if progress:
            progress("menukar versi", 0)
        with driver.session(database=db) as session:
            lama = session.execute_write(_swap, params, props)
        swapped = True
        summary.swap_seconds = time.perf_counter() - staged
        summary.live_seconds = time.perf_counter() - started
        summary.replaced = lama is not None
    finally:
        stager.close()
        if not swapped:
            _discard(driver, db, summary.muatan, batch_size)
    if progress:
        progress("menghapus versi lama", 0)
    purged = time.perf_counter()
    try:
        if lama is not None:
            purge(driver, db, lama, batch_size=batch_size)
    except (neo4j.exceptions.DriverError, neo4j.exceptions.Neo4jError):
        # The new version is live; the retired one is invisible and a later load purges it.
        summary.old_left = True
    summary.purge_seconds = time.perf_counter() - purged
    summary.seconds = time.perf_counter() - started
    return summary


def _tidy(driver: neo4j.Driver, db: str, batch_size: int) -> None:
    """Purge what dead loads left, before staging. Housekeeping never fails a load: two loads that
    start together may claim the same leftover and race to delete it, and the loser's error means
    only that the other purged it (what is left stays invisible and a later load retries)."""
    try:
        purge_abandoned(driver, db, batch_size=batch_size)
    except (neo4j.exceptions.DriverError, neo4j.exceptions.Neo4jError):
        pass


def _discard(driver: neo4j.Driver, db: str, muatan: str, batch_size: int) -> None:
    """Best effort after a failed load: remove its stage now (else the next load does, once it is stale)."""
    try:
        purge(driver, db, muatan, batch_size=batch_size)
    except Exception:  # noqa: BLE001 - the load's own error is the one to report
        pass


def total_rows(tables: dict[str, Table], models: list[dict[str, Any]]) -> int:
    """Rows the load will send, for a progress bar (counted only when one is shown)."""
    return sum(sum(1 for _ in rows()) for phase in plan(tables, models) for _, rows in phase)
