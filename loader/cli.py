"""The ``sikerja`` command: ``db`` here; other layers add theirs.

Commands of higher layers (``load``, ``check``, ``dashboard``, ``demo``, ...) register
through the ``sikerja.commands`` entry-point group, so this module never
imports them. Exit codes: 0 ok, 1 findings at the failing severity, 2 usage or
input error, 3 ``db status``: not running.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.metadata import entry_points
from typing import Any, NoReturn

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


def fail(message: str, code: int = 2) -> NoReturn:
    """Print one error line and exit; the message (which may quote user data) is never read as markup."""
    from rich.markup import escape

    err.print(f"[bold red]galat:[/] {escape(message)}", markup=True, soft_wrap=True)
    raise typer.Exit(code)


@contextmanager
def reporting(action: str, *expected: type[Exception]) -> Iterator[None]:
    """Turn the errors a command expects into one clear line and exit 2.

    Always covered: bad settings, an unreachable server and a refusal by
    Neo4j; ``expected`` adds the command's own (their message is shown as is).
    """
    from neo4j.exceptions import DriverError, IncompleteCommit, Neo4jError, ServiceUnavailable, SessionExpired

    from sikerja.loader.settings import SettingsError
    from sikerja.loader.write import StageLost

    try:
        yield
    except (SettingsError, StageLost, *expected) as e:
        fail(str(e))
    except IncompleteCommit as e:
        fail(f"sambungan ke Neo4j putus tepat saat {action} disahkan ({e}): instansi berisi versi lama atau versi "
             "baru secara utuh, tidak diketahui yang mana; jalankan ulang perintah ini")
    except (ServiceUnavailable, SessionExpired) as e:
        fail(f"Neo4j tidak dapat dihubungi saat {action} ({e}); jalankan `sikerja db start` atau periksa NEO4J_URI")
    except Neo4jError as e:
        hint = ""
        if e.code and "MemoryPoolOutOfMemoryError" in e.code:
            hint = (" Satu transaksi melebihi memori transaksi Neo4j: kecilkan --batch-size, atau naikkan "
                    "SIKERJA_NEO4J_HEAP (lalu `sikerja db stop` dan `sikerja db start`).")
        fail(f"Neo4j menolak {action}: {e.code}: {e.message}{hint}")
    except DriverError as e:
        fail(f"sambungan ke Neo4j gagal saat {action}: {e}")


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


def progress_factory() -> Callable[[int], Callable[[str, int], None]] | None:
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


def _register_plugins() -> None:
    for ep in entry_points(group="sikerja.commands"):
        register: Any = ep.load()
        register(app)


def main() -> None:
    _register_plugins()
    app()


if __name__ == "__main__":
    main()
