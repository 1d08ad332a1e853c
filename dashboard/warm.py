"""Reading ahead, so a page finds its data cached instead of computing it in turn.

Two heavy reads make the first view of an agency slow: every check of its
profile, and the span measures. :func:`prefetch` starts both side by side on
background threads (two Neo4j read sessions) as soon as a session has chosen
its agency; the page's own calls then find the value cached, or wait for the
computation already under way (Streamlit lets one caller compute a cached
value while the others wait), never compute it twice. :func:`warm_all` does
the same when the server process starts (``sikerja.dashboard.serve``) for
the agency a plain visit opens (``SIKERJA_DASHBOARD_WARM`` for more), and
the libraries a first page needs are imported meanwhile.

Background threads have no Streamlit script context: they call only cached
functions, draw nothing, and their "missing ScriptRunContext" warnings are
filtered out.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from sikerja.dashboard import data, network
from sikerja.dashboard.serve import THREAD_PREFIX

WARM_DEFAULT = 1  # the default agency; more warmed agencies compete with visitors for two cores
_started: dict[tuple[str, str], tuple[float, list[Future[Any]]]] = {}
_lock = threading.Lock()


def _ours(_record: logging.LogRecord) -> bool:
    return not threading.current_thread().name.startswith(THREAD_PREFIX)


logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(_ours)


def _checks(a: data.Agency) -> None:
    data.finding_unit_list(a)  # runs every check first, then places the findings in units


def _structure(a: data.Agency) -> None:
    data.measures(a)
    data.units(a)
    data.officials(a)
    data.teams(a)
    data.unit_models(a)


READS: tuple[Callable[[data.Agency], None], ...] = (_checks, _structure)


def _in_background(read: Callable[[data.Agency], None], a: data.Agency) -> Future[Any]:
    """Run ``read(a)`` on a daemon thread (a stopping server does not wait for a read in flight)."""
    future: Future[Any] = Future()

    def run() -> None:
        if future.set_running_or_notify_cancel():
            try:
                future.set_result(read(a))
            except BaseException as exc:  # noqa: BLE001 - kept in the future; the page's own call reports it
                future.set_exception(exc)

    threading.Thread(target=run, name=f"{THREAD_PREFIX}-{read.__name__.strip('_')}", daemon=True).start()
    return future


def prefetch(a: data.Agency) -> list[Future[Any]]:
    """Start the agency's heavy reads in the background (once per load of it); returns at once.

    A read that failed (server away) is started again by the next call.
    """
    key = (a.kode, a.muatan)
    now = time.monotonic()
    with _lock:
        got = _started.get(key)
        if got is not None:
            when, futures = got
            failed = any(f.done() and f.exception() is not None for f in futures)
            if not failed and now - when < data.TTL:
                return futures
        futures = [_in_background(read, a) for read in READS]
        _started[key] = (now, futures)
        return futures


def forget() -> None:
    """After the caches were cleared: the next prefetch reads again."""
    with _lock:
        _started.clear()


def _import_libraries() -> None:
    """What the first page run would otherwise import and initialise itself (about 1 s of CPU)."""
    import pyarrow  # noqa: F401  (DataFrames reach the browser as Arrow)

    from sikerja.dashboard import charts
    from sikerja.dashboard.app_pages import widgets  # noqa: F401

    charts.findings_by_severity({"pelanggaran": 1, "peringatan": 0, "info": 0}).to_dict()  # loads Vega-Lite's schema


def warm_order(agencies: list[data.Agency]) -> list[data.Agency]:
    """The picker's default agency first (a plain visit opens it), then the most recently loaded ones."""
    return agencies[:1] + sorted(agencies[1:], key=lambda a: a.dimuat, reverse=True)


def warm_all(limit: int | None = None, *, meanwhile: Callable[[], None] | None = None) -> int:
    """Prefetch ``limit`` agencies in :func:`warm_order` and wait; returns how many.

    ``SIKERJA_DASHBOARD_WARM`` sets the default (1: the agency a plain visit
    opens; 0 turns warming off). Each warmed agency costs its checks and
    measures once at start, and that work competes with the first visitors.
    ``meanwhile`` runs while the first agency's reads wait on Neo4j.
    """
    if limit is None:
        limit = int(os.environ.get("SIKERJA_DASHBOARD_WARM", str(WARM_DEFAULT)))
    agencies = warm_order(data.agencies())[: max(limit, 0)]
    first = prefetch(agencies[0]) if agencies else []
    if meanwhile is not None:
        meanwhile()
    for f in first:
        f.result()
    for a in agencies[1:]:  # one agency at a time: the others stay free for visitors
        for f in prefetch(a):
            f.result()
    return len(agencies)


def warm_when_served(timeout: float = 120.0) -> None:
    """Body of the server's warming thread (started before Streamlit, see sikerja.dashboard.serve): once
    Streamlit's runtime exists (the caches live there), start the reads, import the libraries pages need
    while Neo4j answers, wait. Reports on stderr, in the server's log."""
    from streamlit import runtime

    started = time.monotonic()
    try:
        while not runtime.exists():
            if time.monotonic() - started > timeout:
                return
            time.sleep(0.01)
        n = warm_all(meanwhile=_import_libraries)
        network.load_pyvis()  # for the first graph; no page opened at start needs it sooner
    except Exception as exc:  # noqa: BLE001 - a page shows the problem to its user; the server runs on
        print(f"sikerja: data belum dapat disiapkan di latar ({type(exc).__name__}: {exc})", file=sys.stderr, flush=True)
        return
    print(f"sikerja: data {n} instansi siap {time.monotonic() - started:.1f} detik setelah dasbor mulai",
          file=sys.stderr, flush=True)
