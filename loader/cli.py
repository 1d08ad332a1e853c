"""The ``sikerja`` command: ``db`` and ``load`` here; other layers add theirs.

Commands of higher layers (``check``, ``dashboard``, ``demo``, ...) register
through the ``sikerja.commands`` entry-point group, so this module never
imports them. Exit codes: 0 ok, 1 findings at the failing severity, 2 usage or
input error, 3 ``db status``: not running.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

app = typer.Typer(
    name="sikerja",
    help="Analisis struktur organisasi instansi pemerintah terhadap Sistem Kerja (PermenPANRB 7/2022) di Neo4j.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Server Neo4j lokal di 127.0.0.1 (data tetap tersimpan antar-jalan).", no_args_is_help=True)
app.add_typer(db_app, name="db")
err = Console(stderr=True, highlight=False)
out = Console(highlight=False)


def fail(message: str, code: int = 2) -> None:
    err.print(f"[bold red]galat:[/] {message}", markup=True, soft_wrap=True)
    raise typer.Exit(code)


@db_app.command("start")
def db_start(timeout: float = typer.Option(180.0, help="detik menunggu Bolt menjawab")) -> None:
    """Bangun (sekali, lewat Maven) dan jalankan Neo4j 5.26 lokal; kembali setelah Bolt menjawab."""
    from sikerja.loader import server
    from sikerja.loader.settings import ServerSettings, SettingsError

    try:
        s = ServerSettings.from_env()
        if not (s.home / "lib" / ".pom-sha256").is_file():
            err.print("Membangun server Neo4j dari Maven Central (sekali saja)...")
        out.print(server.start(s, timeout=timeout))
    except (server.ServerError, SettingsError) as e:
        fail(str(e))


@db_app.command("stop")
def db_stop() -> None:
    """Hentikan Neo4j lokal dengan bersih."""
    from sikerja.loader import server
    from sikerja.loader.settings import ServerSettings

    out.print(server.stop(ServerSettings.from_env()))


@db_app.command("status")
def db_status() -> None:
    """Exit 0 bila Neo4j lokal berjalan dan Bolt menjawab, 3 bila tidak."""
    from sikerja.loader import server
    from sikerja.loader.settings import ServerSettings

    try:
        ok, msg = server.status(ServerSettings.from_env())
    except server.ServerError as e:
        fail(str(e))
    out.print(msg)
    raise typer.Exit(0 if ok else 3)


def _progress_factory() -> Callable[[int], Callable[[str, int], None]] | None:
    if not sys.stderr.isatty():
        return None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(
        TextColumn("{task.description:<22}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True,
    )

    def factory(total: int) -> Callable[[str, int], None]:
        progress.start()
        task = progress.add_task("menulis", total=total)

        def advance(step: str, n: int) -> None:
            progress.update(task, advance=n, description=step)
            if progress.finished:
                progress.stop()

        return advance

    return factory


@app.command("load")
def load(
    path: Path = typer.Argument(..., help="folder CSV atau satu berkas .xlsx (DESIGN §1)"),
    batch_size: int = typer.Option(10_000, min=100, help="baris per pernyataan UNWIND"),
) -> None:
    """Muat bundel satu instansi; menggantikan data instansi itu seutuhnya, atau tidak mengubah apa pun."""
    from neo4j.exceptions import Neo4jError, ServiceUnavailable

    from sikerja.loader.bundle import BundleError
    from sikerja.loader.graph import connect
    from sikerja.loader.load import load_bundle
    from sikerja.queries.profiles import ProfileError, models_of
    from sikerja.loader.settings import Settings, SettingsError

    try:
        settings = Settings.from_env()
        with connect(settings) as driver:
            summary = load_bundle(driver, settings.database, path, models_of,
                                  progress_factory=_progress_factory(), batch_size=batch_size)
    except BundleError as e:
        for p in e.problems:
            err.print(f"  {p}", markup=False, soft_wrap=True)
        more = f" (ditampilkan {len(e.problems)})" if e.total > len(e.problems) else ""
        fail(f"bundel {path} ditolak: {e.total} masalah{more}; basis data tidak diubah")
    except (SettingsError, ProfileError) as e:
        fail(str(e))
    except ServiceUnavailable as e:
        fail(f"Neo4j tidak dapat dihubungi ({e}); jalankan `sikerja db start` atau periksa NEO4J_URI")
    except Neo4jError as e:
        hint = ""
        if e.code and "MemoryPoolOutOfMemoryError" in e.code:
            hint = " Satu pemuatan adalah satu transaksi: naikkan SIKERJA_NEO4J_HEAP (lalu `sikerja db stop` dan `sikerja db start`)."
        fail(f"Neo4j menolak pemuatan; data lama instansi tetap utuh: {e.code}: {e.message}{hint}")
    rate = (summary.nodes + summary.relationships) / summary.seconds if summary.seconds else 0
    out.print(
        f"Instansi {summary.instansi} dimuat: {summary.nodes:,} simpul, {summary.relationships:,} relasi "
        f"dalam {summary.seconds:.1f} detik ({rate:,.0f}/detik).",
        markup=False,
    )


def _register_plugins() -> None:
    for ep in entry_points(group="sikerja.commands"):
        register: Any = ep.load()
        register(app)


def main() -> None:
    _register_plugins()
    app()


if __name__ == "__main__":
    main()
