"""Reading ahead (dashboard/warm.py): the checks and the span measures of an agency are read side by
side as soon as a session has chosen it, and a page then uses those reads instead of repeating them."""

from __future__ import annotations

import threading

import pytest
import streamlit as st
from test_dashboard import dashboard_agency, metrics, open_page

from sikerja.dashboard import data, warm
from sikerja.dashboard import text as T
from sikerja.queries import measures as measures_mod
from sikerja.queries import runner


@pytest.fixture(autouse=True)
def fresh_caches() -> None:
    st.cache_data.clear()
    warm.forget()


@pytest.fixture
def loaded(instansi: str, load_tables) -> str:
    load_tables(dashboard_agency(instansi))
    return instansi


def test_checks_and_measures_are_read_side_by_side(loaded: str, monkeypatch) -> None:
    # Each read waits (up to 20 s) for the other to have started: read one after the other, they never meet.
    meet = threading.Barrier(2, timeout=20)
    met: dict[str, tuple[str, bool]] = {}

    def rendezvous(name: str, real):
        def wrapped(*args, **kwargs):
            try:
                meet.wait()
                met[name] = (threading.current_thread().name, True)
            except threading.BrokenBarrierError:
                met[name] = (threading.current_thread().name, False)
            return real(*args, **kwargs)
        return wrapped

    monkeypatch.setattr(runner, "findings_at", rendezvous("checks", runner.findings_at))
    monkeypatch.setattr(measures_mod, "position_measures", rendezvous("measures", measures_mod.position_measures))
    at = open_page(loaded)
    assert met["checks"][1] and met["measures"][1], met
    assert met["checks"][0] != met["measures"][0]
    assert all(name.startswith(warm.THREAD_PREFIX) for name, _ in met.values())
    assert metrics(at)[T.R_POSITIONS] == "14"


def test_pages_use_the_reads_already_made(loaded: str, monkeypatch) -> None:
    calls: list[str] = []
    real = runner.findings_at

    def counted(*args, **kwargs):
        calls.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(runner, "findings_at", counted)
    for page in ("ringkasan", "temuan", "permodelan", "graf"):
        open_page(loaded, page)  # each a new session: prefetch and the page's own reads meet in one cache
    assert len(calls) == 1, calls


def test_a_failed_read_is_started_again(loaded: str, monkeypatch) -> None:
    a = next(x for x in data.agencies() if x.kode == loaded)

    def down(*args, **kwargs):
        raise OSError("server pergi")

    monkeypatch.setattr(runner, "findings_at", down)
    first = warm.prefetch(a)
    assert isinstance(first[0].exception(timeout=60), OSError)
    monkeypatch.undo()
    again = warm.prefetch(a)
    assert again is not first
    assert again[0].exception(timeout=60) is None
    assert warm.prefetch(a) is again  # done and fine: not read a third time


def test_warming_starts_with_the_default_agency_then_the_latest_loads() -> None:
    def agency(kode: str, dimuat: str) -> data.Agency:
        return data.Agency(kode=kode, nama=kode, profil="metro-2023", dimuat=dimuat, muatan=kode.lower())

    picker = [agency("A", "2026-01-01T00:00:00Z"), agency("B", "2026-03-01T00:00:00Z"),
              agency("C", "2026-02-01T00:00:00Z"), agency("D", "2026-04-01T00:00:00Z")]
    assert [a.kode for a in warm.warm_order(picker)] == ["A", "D", "B", "C"]
    assert warm.warm_order([]) == []


def test_warming_at_start_reads_the_default_agency_once(loaded: str, monkeypatch) -> None:
    a = next(x for x in data.agencies() if x.kode == loaded)
    calls: list[str] = []
    real = runner.findings_at
    monkeypatch.setattr(runner, "findings_at", lambda *args, **kw: calls.append(args[2]) or real(*args, **kw))
    monkeypatch.setattr(data, "agencies", lambda: [a])
    monkeypatch.setenv("SIKERJA_DASHBOARD_WARM", "0")
    assert warm.warm_all() == 0 and calls == []
    monkeypatch.setenv("SIKERJA_DASHBOARD_WARM", "1")
    meanwhile: list[int] = []
    assert warm.warm_all(meanwhile=lambda: meanwhile.append(1)) == 1
    assert calls == [loaded] and meanwhile == [1]
    warm.prefetch(a)  # a session choosing it later: already read
    assert calls == [loaded]
