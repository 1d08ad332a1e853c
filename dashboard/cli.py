"""``sikerja dashboard``: serve the Streamlit app on loopback."""

from __future__ import annotations

import os
import sys
from importlib import resources
from typing import NoReturn

import typer


def register(app: typer.Typer) -> None:
    app.command("dashboard")(dashboard)
    app.command("demo")(demo)


def serve(address: str, port: int) -> NoReturn:
    """Become the dashboard server (exec): one process, so a signal to it stops Streamlit too."""
    from sikerja.dashboard.serve import streamlit_command

    sys.stdout.flush()
    sys.stderr.flush()
    cmd = streamlit_command(address, port)
    os.execv(cmd[0], cmd)


def dashboard(
    address: str = typer.Option(
        os.environ.get("SIKERJA_DASHBOARD_ADDRESS", "127.0.0.1"), "--address",
        help="alamat yang didengarkan; bawaan 127.0.0.1 (hanya komputer ini)",
    ),
    port: int = typer.Option(int(os.environ.get("SIKERJA_DASHBOARD_PORT", "8501")), "--port", min=1, max=65535),
    samarkan: bool = typer.Option(False, "--samarkan", help="samarkan NIP dan nama pegawai di semua halaman dan unduhan "
                                  "(sama dengan SIKERJA_SAMARKAN=1)"),
) -> None:
    """Sajikan dasbor Streamlit (hanya-baca) di http://ADDRESS:PORT."""
    from sikerja.loader.cli import err
    from sikerja.queries import pseudonym

    if samarkan:
        os.environ[pseudonym.ENV] = "1"
    err.print(f"Dasbor sikerja: http://{address}:{port}" + ("  (data pribadi disamarkan)" if pseudonym.enabled() else ""))
    serve(address, port)


def seed_bundles() -> list:
    """The reference agencies shipped in seed/bundles, one folder per regulation."""
    root = resources.files("sikerja.seed") / "bundles"
    return sorted((p for p in root.iterdir() if p.is_dir() and (p / "instansi.csv").is_file()), key=lambda p: p.name)


def demo(
    address: str = typer.Option(os.environ.get("SIKERJA_DASHBOARD_ADDRESS", "127.0.0.1"), "--address",
                                help="alamat dasbor; bawaan hanya komputer ini"),
    port: int = typer.Option(int(os.environ.get("SIKERJA_DASHBOARD_PORT", "8501")), "--port", min=1, max=65535),
    serve_dashboard: bool = typer.Option(True, "--serve/--no-serve", help="sajikan dasbor setelah memuat"),
) -> None:
    """Semua untuk tampilan pertama: Neo4j lokal hidup, instansi contoh dimuat dan diperiksa, dasbor disajikan."""
    from pathlib import Path

    from sikerja.loader import server
    from sikerja.loader.bundle import BundleError
    from sikerja.loader.cli import err, fail, out, reporting
    from sikerja.loader.graph import connect
    from sikerja.loader.load import load_bundle
    from sikerja.loader.settings import ServerSettings, Settings
    from sikerja.queries.findings import Severity
    from sikerja.queries.profiles import models_of
    from sikerja.queries.runner import run_checks

    bundles = seed_bundles()
    if not bundles:
        fail("tidak ada bundel contoh di paket sikerja.seed (seed/bundles)")
    with reporting("pemuatan contoh", server.ServerError):
        if not os.environ.get("NEO4J_URI"):
            err.print("Menyalakan Neo4j lokal (pertama kali: membangun dari Maven Central)...")
            out.print(server.start(ServerSettings.from_env()))
        settings = Settings.from_env()
        with connect(settings) as driver:
            for folder in bundles:
                try:
                    summary = load_bundle(driver, settings.database, Path(str(folder)), models_of)
                except BundleError as e:
                    fail(f"bundel contoh {folder.name} ditolak: {'; '.join(map(str, e.problems[:5]))}")
                findings = run_checks(driver, settings.database, summary.instansi)
                counts = {s.value: sum(1 for f in findings if f.severity is s) for s in Severity}
                out.print(
                    f"{summary.instansi}: {summary.nodes:,} simpul dimuat; temuan "
                    + ", ".join(f"{n} {s}" for s, n in counts.items()),
                    markup=False,
                )
    if serve_dashboard:
        out.print(f"Dasbor: http://{address}:{port}  (Ctrl+C untuk berhenti; `sikerja db stop` menghentikan Neo4j)")
        serve(address, port)
