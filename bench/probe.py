"""What the benchmarks observe besides their own timings.

- ``statements``: the named statements of a ``bench/*.cypher`` file (the one
  way bench code gets Cypher; nothing is assembled from values);
- ``graph_counts``: one agency's nodes by label and relationships by type;
- ``Sampler``: a thread that polls the server's heap in use (JMX) and the
  machine's load average once a second, so each phase reports its peak heap
  and how busy the 2 cores were meanwhile (other people's tests share them);
- ``run_child``: a subprocess's wall time, exit code, output and peak RSS
  (``ru_maxrss`` from ``wait4``, for the loader and the generator);
- ``machine``: CPU, memory, OS, Java, Python, driver and server versions.
"""

from __future__ import annotations

import importlib.util
import os
import platform
import subprocess
import threading
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, LiteralString

import neo4j

from sikerja.loader import cypherfile

BENCH = Path(__file__).resolve().parent


@cache
def statements(name: str) -> dict[str, LiteralString]:
    return cypherfile.parse(name, (BENCH / name).read_text(encoding="utf-8")).named


def _rows(driver: neo4j.Driver, db: str, statement: str, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(statements("probe.cypher")[statement], parameters_=params, database_=db)
    return [r.data() for r in records]


def graph_counts(driver: neo4j.Driver, db: str, instansi: str) -> dict[str, int]:
    """{label or relationship type: count} for one agency."""
    rows = _rows(driver, db, "nodes", instansi=instansi) + _rows(driver, db, "relationships", instansi=instansi)
    return {r["jenis"]: r["n"] for r in rows if r["n"]}


def heap_used(driver: neo4j.Driver, db: str) -> tuple[int, int]:
    """Bytes of heap in use and of it in the old generation."""
    row = _rows(driver, db, "heap")[0]
    return row["used"], row["old_gen"]


def server_version(driver: neo4j.Driver, db: str) -> str:
    row = _rows(driver, db, "version")[0]
    return f"{row['name']} {row['version']} {row['edition']}"


@dataclass
class Phase:
    name: str
    heap_peak: int = 0
    old_gen_peak: int = 0
    load_max: float = 0.0
    load_sum: float = 0.0
    samples: int = 0

    @property
    def load_mean(self) -> float:
        return self.load_sum / self.samples if self.samples else os.getloadavg()[0]


@dataclass
class Sampler:
    """Polls heap used and the 1-minute load average; ``phase(name)`` attributes samples to a phase."""

    driver: neo4j.Driver
    db: str
    every: float = 1.0
    phases: dict[str, Phase] = field(default_factory=dict)
    _current: Phase | None = field(default=None, init=False)
    _stop: threading.Event = field(default_factory=threading.Event, init=False)
    _thread: threading.Thread | None = field(default=None, init=False)

    def __enter__(self) -> Sampler:
        self._thread = threading.Thread(target=self._run, name="bench-sampler", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join()

    def phase(self, name: str) -> Phase:
        """Start attributing samples to ``name`` (until the next call); sampled once at once."""
        self._current = self.phases.setdefault(name, Phase(name))
        self._sample()
        return self._current

    def _sample(self) -> None:
        current = self._current
        if current is None:
            return
        try:
            used, old = heap_used(self.driver, self.db)
        except neo4j.exceptions.Neo4jError:
            used = old = 0
        load = os.getloadavg()[0]
        current.heap_peak = max(current.heap_peak, used)
        current.old_gen_peak = max(current.old_gen_peak, old)
        current.load_max = max(current.load_max, load)
        current.load_sum += load
        current.samples += 1

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self._sample()


@dataclass
class Child:
    seconds: float
    returncode: int
    maxrss_mb: float
    output: str


def run_child(args: list[str], *, env: dict[str, str] | None = None) -> Child:
    """Run ``args`` to the end; its wall time, exit code, combined output and peak RSS."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    assert proc.stdout is not None
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Child(time.perf_counter() - started, proc.returncode, usage.ru_maxrss / 1024, output)


def _first_line(path: str, prefix: str) -> str:
    """The value of the first ``prefix: value`` (or ``prefix=value``) line of a file."""
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(prefix):
                return line[len(prefix):].lstrip(" \t:=").strip().strip('"')
    except OSError:
        pass
    return "?"


def machine(driver: neo4j.Driver, db: str) -> dict[str, str]:
    mem_kb = _first_line("/proc/meminfo", "MemTotal").split()[0]
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
    rust = "with neo4j-rust-ext" if importlib.util.find_spec("neo4j._rust") else "without neo4j-rust-ext"
    return {
        "cpu": f"{_first_line('/proc/cpuinfo', 'model name')}, {os.cpu_count()} cores",
        "memory": f"{int(mem_kb) / 1024 / 1024:.0f} GB",
        "os": f"{_first_line('/etc/os-release', 'PRETTY_NAME')}, Linux {platform.release()}",
        "java": java[0] if java else "?",
        "python": f"Python {platform.python_version()}, neo4j driver {neo4j.__version__} {rust}",
        "server": server_version(driver, db),
    }
