"""``neo4j-admin database import`` of a bundle, from the Maven jars sikerja already has.

The jars of ``<state>/neo4j/lib`` include ``neo4j-import-tool``, and
``org.neo4j.cli.AdminTool`` (what ``sikerja db start`` runs to set the
password) carries the ``database import full`` command, so the bulk importer
runs without a Neo4j distribution. It writes a new, offline database only, so
everything happens in a throwaway server state: a temporary folder whose
``lib`` is a hard-linked copy of the jars (``cp -al``), never the dev server's
data.

Steps, each timed: convert the bundle to the importer's CSV (headers with
``:ID``/``:START_ID``/``:END_ID`` per id space, the agency code on every node,
one file per label and relationship type); import; start a second server on
that state (free loopback ports, small heap); create sikerja's indexes
(``ensure_schema``) and wait for them, which is when the graph can answer the
checks as fast as a loaded one; count nodes and relationships per label and
type (to compare with sikerja's load of the same bundle); measure the store
size on disk. Then the server is stopped and the folder removed.

    .venv/bin/python bench/admin_import.py bench/data/BENCH-M10000
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from floor import best_of
from probe import graph_counts, run_child
from shape import NODE_STEPS, REL_STEPS, MEMBER_PROPS, columns, read_table, rel_rows, source_table

from sikerja.loader import server
from sikerja.loader.graph import connect
from sikerja.loader.settings import ServerSettings, Settings
from sikerja.loader.write import ensure_schema
from sikerja.queries.profiles import models_of
from sikerja.queries.runner import run_checks

DATABASE = "neo4j"  # the throwaway server's default database


@dataclass
class ImportResult:
    convert_s: float = 0.0
    import_s: float = 0.0
    import_maxrss_mb: float = 0.0
    start_s: float = 0.0
    index_s: float = 0.0
    store_mb: float = 0.0  # data/databases/<db>: node, relationship, property and index files
    tx_log_mb: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    checks_s: float | None = None  # all checks on the imported graph, when asked for
    summary: str = ""  # the importer's own time ("IMPORT DONE in 9s 130ms")

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _id_space(table: str) -> str:
    return {"unit": "UnitOrganisasi", "jabatan": "Jabatan", "pegawai": "Pegawai", "tim": "TimKerja",
            "permodelan": "Permodelan"}[table]


def convert(folder: Path, out: Path) -> list[str]:
    """Write the importer's CSV files into ``out``; returns the importer's --nodes/--relationships arguments."""
    out.mkdir(parents=True, exist_ok=True)
    inst = next(read_table(folder, "instansi"))
    kode = inst["kode"]
    muatan = "import"  # the one version the imported store holds: every node and the Instansi name it
    args: list[str] = []

    def write(name: str, header: list[str], rows: Any) -> Path:
        path = out / f"{name}.csv"
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)
        return path

    props = [k for k in inst if k != "kode"]
    path = write("Instansi", ["kode:ID(Instansi)", *props, "instansi", "muatan"],
                 [[kode, *(inst[k] for k in props), kode, muatan]])
    args.append(f"--nodes=Instansi={path}")
    models = models_of(inst["profil"]) or []
    path = write("Permodelan", ["id:ID(Permodelan)", "nama", "dasar", "profil", "kepala:string[]", "lapisan_maks:long",
                                "instansi", "muatan"],
                 ([m["id"], m["nama"], m["dasar"], m["profil"], ";".join(m["kepala"]),
                   "" if m["lapisan_maks"] is None else m["lapisan_maks"], kode, muatan] for m in models))
    args.append(f"--nodes=Permodelan={path}")
    for step in NODE_STEPS:
        cols = [c for c in columns(folder, step.table) if c not in step.skip]
        header = [f"{c}:ID({_id_space(step.table)})" if c == step.key else c for c in cols] + ["instansi", "muatan"]
        rows = ([*(r.get(c, "") for c in cols), kode, muatan] for r in read_table(folder, step.table))
        args.append(f"--nodes={step.label}={write(step.label, header, rows)}")
    for step in REL_STEPS:
        extra = list(MEMBER_PROPS) if step.label == "MEMBER_OF" else []
        header = [f":START_ID({_id_space(source_table(step))})", f":END_ID({_id_space(step.target or '')})", *extra]
        rows = ([a, b, *(p.get(k, "") for k in extra)] for a, b, p in rel_rows(folder, step))
        args.append(f"--relationships={step.label}={write(step.label, header, rows)}")
    return args


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _du_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1024 / 1024 if path.exists() else 0.0


def run(folder: Path, *, threads: int = 2, off_heap: str = "2g", heap: str = "2g", pagecache: str = "1g",
        config: dict[str, str] | None = None, time_checks: bool = False, keep: bool = False) -> ImportResult:
    """Import ``folder`` into a throwaway state; ``config`` adds importer settings (e.g. the dense-node
    threshold the new store is written with); ``time_checks`` also times ``run_checks`` on it (best of 3)."""
    res = ImportResult()
    lib = ServerSettings.from_env().home / "lib"
    if not (lib / ".pom-sha256").is_file():
        raise SystemExit(f"no Neo4j jars in {lib}: run `sikerja db start` once first")
    root = Path(tempfile.mkdtemp(prefix="sikerja-admin-import-"))
    home = root / "neo4j"
    try:
        home.mkdir()
        subprocess.run(["cp", "-al", str(lib), str(home / "lib")], check=True)
        (home / "conf").mkdir()
        (home / "conf" / "neo4j.conf").write_text("")
        extra = root / "import.conf"
        extra.write_text("".join(f"{k}={v}\n" for k, v in (config or {}).items()))
        started = time.perf_counter()
        files = convert(folder, root / "csv")
        res.convert_s = time.perf_counter() - started

        env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
        child = run_child(
            ["java", "-Xms512m", f"-Xmx{heap}", *server.JVM_FLAGS, "-cp", f"{home / 'lib'}/*", server.ADMIN_TOOL,
             "database", "import", "full", DATABASE, f"--threads={threads}", f"--max-off-heap-memory={off_heap}",
             "--ignore-empty-strings=true", f"--additional-config={extra}", f"--report-file={root / 'import.report'}", *files],  # files last: --nodes takes several
            env=env,
        )
        if child.returncode != 0:
            raise RuntimeError(f"neo4j-admin database import failed ({child.returncode}):\n{child.output[-3000:]}")
        res.import_s, res.import_maxrss_mb = child.seconds, child.maxrss_mb
        done = re.search(r"IMPORT DONE in ([^.]*)", child.output)
        res.summary = done.group(1) if done else ""

        s = ServerSettings(home=home, bolt_port=_free_port(), http_port=_free_port(), heap=heap, pagecache=pagecache)
        started = time.perf_counter()
        server.start(s)
        res.start_s = time.perf_counter() - started
        try:
            password = s.password_file.read_text().strip() if s.password_file.is_file() else os.environ["NEO4J_PASSWORD"]
            settings = Settings(uri=f"bolt://127.0.0.1:{s.bolt_port}", user="neo4j", password=password, database=DATABASE)
            with connect(settings) as driver:
                started = time.perf_counter()
                ensure_schema(driver, DATABASE)
                res.index_s = time.perf_counter() - started
                kode = next(read_table(folder, "instansi"))["kode"]
                res.counts = graph_counts(driver, DATABASE, kode)
                if time_checks:
                    res.checks_s, _ = best_of(lambda: run_checks(driver, DATABASE, kode), 3)
        finally:
            server.stop(s)
        res.store_mb = _du_mb(home / "data" / "databases" / DATABASE)
        res.tx_log_mb = _du_mb(home / "data" / "transactions" / DATABASE)
    finally:
        if keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bundle", type=Path)
    ap.add_argument("--keep", action="store_true", help="leave the throwaway state folder")
    ap.add_argument("--grouping-threshold", type=int, default=None,
                    help="write the store with this db.relationship_grouping_threshold (dense nodes)")
    ap.add_argument("--time-checks", action="store_true", help="time all checks on the imported graph")
    args = ap.parse_args()
    config = {"db.relationship_grouping_threshold": str(args.grouping_threshold)} if args.grouping_threshold else None
    r = run(args.bundle, keep=args.keep, config=config, time_checks=args.time_checks)
    print(r.summary)
    print(f"convert {r.convert_s:.1f} s, import {r.import_s:.1f} s (peak RSS {r.import_maxrss_mb:.0f} MB), "
          f"server start {r.start_s:.1f} s, indexes {r.index_s:.1f} s; store {r.store_mb:.0f} MB, "
          f"tx logs {r.tx_log_mb:.0f} MB; {sum(r.counts.values()):,} nodes and relationships"
          + (f"; all checks {r.checks_s:.2f} s" if r.checks_s is not None else ""))


if __name__ == "__main__":
    main()
