"""Access (issue 7): the dashboard reads through read-access transactions only, and listens on loopback
unless told otherwise."""

from __future__ import annotations

import ast
import os
import socket
import sys
from pathlib import Path

import pytest
from bundles import tiny_agency
from conftest import snapshot
from test_browser import _free_port
from neo4j.exceptions import ClientError

from sikerja.dashboard import data
from sikerja.dashboard.serve import running
from sikerja.loader import cypherfile
from sikerja.loader.graph import read

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard"


def test_a_write_through_the_dashboards_read_path_is_refused(instansi, load_tables, driver, db) -> None:
    load_tables(tiny_agency(instansi))
    before = snapshot(driver, db, instansi)
    d, database = data.driver()  # the dashboard's own cached driver
    destroy = cypherfile.load("loader", "cypher/replace.cypher").named["drop_instansi"]  # a real write of the loader
    with pytest.raises(ClientError) as refused:
        read(d, destroy, database, tag="uji:tulis", instansi=instansi)  # the one function every dashboard read uses
    assert refused.value.code == "Neo.ClientError.Statement.AccessMode"
    assert snapshot(driver, db, instansi) == before


def test_the_dashboard_has_no_way_to_write() -> None:
    """No module of the served app imports the loader's writer or calls a write function of the driver.

    dashboard/cli.py is left out: its ``sikerja demo`` command loads the seed agencies before it serves.
    """
    forbidden_imports = {"sikerja.loader.write", "sikerja.loader.load"}
    forbidden_names = {"write", "execute_write", "write_transaction", "begin_transaction", "run"}
    for path in DASHBOARD.rglob("*.py"):
        if path.name == "cli.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert node.module not in forbidden_imports, path
                if node.module == "sikerja.loader.graph":
                    assert not {a.name for a in node.names} & forbidden_names, path
            if isinstance(node, ast.Attribute) and node.attr in forbidden_names - {"run", "write"}:
                pytest.fail(f"{path.name}: {node.attr}")


def listening_on(port: int) -> set[str]:
    """The local addresses with a listening TCP socket on ``port`` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, hexport = fields[1].split(":")
            if fields[3] != "0A" or int(hexport, 16) != port:  # 0A: LISTEN
                continue
            raw = bytes.fromhex(address)
            if width == 8:
                found.add(socket.inet_ntop(socket.AF_INET, raw[::-1]))
            else:  # four little-endian 32-bit words
                found.add(socket.inet_ntop(socket.AF_INET6, b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))))
    return found


def serve_cli(port: int, log: Path, env: dict[str, str]):
    return running(port, log, command=[sys.executable, "-m", "sikerja.loader.cli", "dashboard", "--port", str(port)],
                   env=env)


def test_the_dashboard_listens_on_loopback_unless_told_otherwise(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SIKERJA_DASHBOARD_ADDRESS"}
    port = _free_port()
    with serve_cli(port, tmp_path / "bawaan.log", env):
        assert listening_on(port) == {"127.0.0.1"}
    port = _free_port()
    with serve_cli(port, tmp_path / "semua.log", {**env, "SIKERJA_DASHBOARD_ADDRESS": "0.0.0.0"}):
        assert listening_on(port) == {"0.0.0.0"}
