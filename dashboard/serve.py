"""The dashboard's server process: ``streamlit run app.py`` in this very process, plus a warming thread.

``sikerja dashboard`` replaces itself with ``python -m sikerja.dashboard.serve
<streamlit flags>``: one process, so stopping it (Ctrl+C, SIGTERM from a
supervisor or ``docker stop``) stops Streamlit too, and the caches the
warming thread fills (:func:`sikerja.dashboard.warm.warm_when_served`) are
the ones the pages read.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

APP = str(Path(__file__).resolve().parent / "app.py")


def streamlit_command(address: str, port: int) -> list[str]:
    """The server process ``sikerja dashboard`` becomes: this module, with Streamlit's flags."""
    return [
        sys.executable, "-m", "sikerja.dashboard.serve",
        "--server.address", address, "--server.port", str(port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--global.developmentMode", "false",
        "--client.toolbarMode", "minimal", "--client.showErrorDetails", "false",
    ]


@contextmanager
def running(port: int, log: Path, *, command: Sequence[str] | None = None, env: dict[str, str] | None = None,
            timeout: float = 60.0) -> Iterator[tuple[str, float]]:
    """A dashboard server as a child process, for tests and benchmarks.

    Yields (base URL, seconds until Streamlit's health check answered); stops
    the server (its whole process group) afterwards. ``command`` defaults to
    :func:`streamlit_command` on loopback; its output goes to ``log``.
    """
    cmd = list(command or streamlit_command("127.0.0.1", port))
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env if env is not None else os.environ.copy(),
                                start_new_session=True)
        try:
            while not _healthy(base):
                if proc.poll() is not None or time.perf_counter() - started > timeout:
                    raise RuntimeError(f"dasbor tidak menjawab di {base}; log: {log}")
                time.sleep(0.05)
            yield base, time.perf_counter() - started
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def _healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


THREAD_PREFIX = "sikerja-baca"  # threads that read ahead (sikerja.dashboard.warm); the name filters their log noise


def _warm() -> None:
    from sikerja.dashboard import warm  # imported here: the server's own start does not wait for it

    warm.warm_when_served()


def main(argv: list[str] | None = None) -> None:
    threading.Thread(target=_warm, name=f"{THREAD_PREFIX}-mulai", daemon=True).start()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", APP, *(sys.argv[1:] if argv is None else argv)]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
