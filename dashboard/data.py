"""Everything the dashboard reads from Neo4j, cached.

One driver per server process (``st.cache_resource``; ``validate=`` drops a
driver that can no longer reach the server). Every query is a read on a
reader (``sikerja.loader.graph.read``: routing READ). Per-agency results are
cached with ``st.cache_data`` under a TTL and a bound on entries; the key
includes the agency's live version (``muatan``, the load id), so a new
``sikerja load`` is picked up as soon as the agency list is read again (at
most 15 s). Each read checks afterwards that the version it read is still
live (``sikerja/queries/version.py``), so a page never shows, nor caches, a
version a load was deleting at the time. Pure row shaping (sub-trees, subject to unit, team
periods) is at the end, free of Streamlit and easy to test.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, LiteralString, TypeVar

import neo4j
import streamlit as st
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from sikerja.dashboard import text as T
from sikerja.loader import cypherfile
from sikerja.loader.graph import connect, read
from sikerja.loader.settings import Settings, SettingsError
from sikerja.queries import measures as measures_mod
from sikerja.queries import pseudonym, runner, version
from sikerja.queries.catalog import checks
from sikerja.queries.findings import Finding, Severity
from sikerja.queries.profiles import Profile, ProfileError, load_profile

TTL = int(os.environ.get("SIKERJA_DASHBOARD_TTL", "3600"))  # seconds a per-agency result is reused
MAX_AGENCIES = 16  # agencies whose results are kept at once (per cached function)
MAX_GRAPHS = 64  # graph/search results kept
VALIDATE_EVERY = 2.0  # seconds a successful connectivity check is trusted (each check is one round trip)

# Errors that mean "Neo4j could not answer this time": shown as a clear message, retried on the next run.
DB_ERRORS: tuple[type[BaseException], ...] = (ServiceUnavailable, SessionExpired, Neo4jError, DriverError, OSError)
SESSION_KEY = "instansi"
Result = TypeVar("Result")


# --------------------------------------------------------------------------------------------- driver

def settings() -> Settings:
    return Settings.from_env()


_last_ok: dict[int, float] = {}  # id(driver) -> when it last reached the server


def _recently_ok(driver: neo4j.Driver) -> bool:
    return time.monotonic() - _last_ok.get(id(driver), float("-inf")) < VALIDATE_EVERY


def _verify(driver: neo4j.Driver) -> None:
    """Reach the server now (raises ServiceUnavailable within milliseconds when it is down).

    Queries go through ``execute_query``, whose retries make a read against a
    stopped server take about a minute to fail; checking first keeps the
    page's error message immediate.
    """
    if not _recently_ok(driver):
        driver.verify_connectivity()
        _last_ok[id(driver)] = time.monotonic()


def _alive(driver: neo4j.Driver) -> bool:
    """validate= of the cached driver: False drops it and the next call builds a new one."""
    try:
        _verify(driver)
    except Exception:  # noqa: BLE001 - any failure means "do not reuse"
        _last_ok.pop(id(driver), None)
        return False
    return True


def _close(driver: neo4j.Driver) -> None:
    _last_ok.pop(id(driver), None)
    driver.close()


@st.cache_resource(validate=_alive, on_release=_close, show_spinner=False, max_entries=4)
def _driver(uri: str, user: str, _settings: Settings) -> neo4j.Driver:
    return connect(_settings)


def driver() -> tuple[neo4j.Driver, str]:
    """The shared driver and the database name; raises a DB error at once when the server is unreachable."""
    s = settings()
    d = _driver(s.uri, s.user, s)
    _verify(d)
    return d, s.database


def reset_driver() -> None:
    """Forget the cached driver (after the server went away); the next run connects again."""
    _driver.clear()


def _query(name: str) -> LiteralString:
    return cypherfile.load("queries", f"measures/{name}.cypher").query


def _verified(instansi: str, muatan: str, read_version: Callable[[neo4j.Driver, str], Result]) -> Result:
    """``read_version(driver, db)`` on version ``muatan``; VersionChanged (nothing cached) unless it is
    still live afterwards, i.e. no load retired it and started deleting it during the read."""
    d, db = driver()
    out = read_version(d, db)
    version.ensure_live(d, db, instansi, muatan)
    return out


def _read(name: str, instansi: str, muatan: str, **params: Any) -> list[dict[str, Any]]:
    return _verified(instansi, muatan, lambda d, db: read(
        d, _query(name), db, tag=f"dashboard:{name}", instansi=instansi, muatan=muatan, **params))


# --------------------------------------------------------------------------------------------- agencies

@dataclass(frozen=True)
class Agency:
    kode: str
    nama: str
    profil: str
    dimuat: str
    muatan: str

    @property
    def profile(self) -> Profile:
        return load_profile(self.profil)

    @property
    def label(self) -> str:
        return f"{self.nama} ({self.kode})"


@st.cache_data(ttl=15, max_entries=4, show_spinner=False)
def _agency_rows(uri: str) -> list[dict[str, Any]]:
    d, db = driver()
    return version.agencies(d, db)


def agencies() -> list[Agency]:
    s = settings()
    return [
        Agency(kode=r["kode"], nama=r.get("nama") or r["kode"], profil=r.get("profil") or "",
               dimuat=r.get("dimuat") or "", muatan=r.get("muatan") or "")
        for r in _agency_rows(s.uri)
    ]


def current() -> Agency | None:
    """The agency chosen in the sidebar, or None when nothing is loaded."""
    kode = st.session_state.get(SESSION_KEY)
    for a in agencies():
        if a.kode == kode:
            return a
    return None


def clear_caches() -> None:
    st.cache_data.clear()
    _officials_index.cache_clear()


def forget_agencies() -> None:
    """Read the agency list (and so each agency's live version) again on the next run."""
    _agency_rows.clear()


# --------------------------------------------------------------------------------------------- per agency

@st.cache_data(ttl=TTL, max_entries=MAX_AGENCIES, show_spinner=T.LOADING_CHECKS)
def finding_rows(instansi: str, muatan: str, profil: str, per: str) -> list[dict[str, str]]:
    """DESIGN §3 rows of every check of the agency's profile, at the reference date ``per``."""
    found = _verified(instansi, muatan, lambda d, db: runner.findings_at(d, db, instansi, muatan, load_profile(profil),
                                                                          per=dt.date.fromisoformat(per)))
    return [f.as_row() for f in found]


PER_KEY = "per"  # session_state key of the sidebar's reference date


def reference_date() -> str:
    """The date the checks judge periods at (the sidebar's *Tanggal acuan*), default today."""
    try:
        chosen = st.session_state.get(PER_KEY)
    except Exception:  # noqa: BLE001 - outside a script run (the warming thread) there is no session
        chosen = None
    return (chosen or dt.date.today()).isoformat()


def findings(agency: Agency) -> list[dict[str, str]]:
    rows = finding_rows(agency.kode, agency.muatan, agency.profil, reference_date())
    if (p := samaran()) is None:
        return rows
    known = _officials_index(p, agency.kode, agency.muatan)
    return [p.finding_row(r, known) for r in rows]


def as_findings(rows: Iterable[dict[str, str]]) -> list[Finding]:
    return [Finding(**{**r, "severity": Severity(r["severity"])}) for r in rows]


@st.cache_data(ttl=TTL, max_entries=MAX_AGENCIES, show_spinner=T.LOADING_MEASURES)
def measure_rows(instansi: str, muatan: str, span_groups: tuple[int, ...]) -> list[dict[str, Any]]:
    return _verified(instansi, muatan, lambda d, db: measures_mod.position_measures(d, db, instansi, muatan, span_groups))


def measures(agency: Agency) -> list[dict[str, Any]]:
    return measure_rows(agency.kode, agency.muatan, tuple(agency.profile.thresholds.span_groups))


@st.cache_data(ttl=TTL, max_entries=MAX_AGENCIES, show_spinner=False)
def _rows(name: str, instansi: str, muatan: str) -> list[dict[str, Any]]:
    return _read(name, instansi, muatan)


def units(agency: Agency) -> list[dict[str, Any]]:
    """kode, nama, jenis, induk, permodelan of every unit."""
    return _rows("units", agency.kode, agency.muatan)


def officials(agency: Agency) -> list[dict[str, Any]]:
    """Officials counted by the kind of position held and status."""
    return _rows("officials", agency.kode, agency.muatan)


def teams(agency: Agency) -> list[dict[str, Any]]:
    rows = _rows("team_overview", agency.kode, agency.muatan)
    p = samaran()
    return rows if p is None else p.rows(rows, name_lists=("ketua",))


def officials_list(agency: Agency) -> list[dict[str, Any]]:
    """NIP, name and position held of every official (real values: only for pseudonymising)."""
    return _rows("pegawai", agency.kode, agency.muatan)


@st.cache_data(ttl=TTL, max_entries=MAX_AGENCIES, show_spinner=False)
def _finding_units(instansi: str, muatan: str, profil: str, per: str) -> list[str | None]:
    rows = finding_rows(instansi, muatan, profil, per)
    subject_rows = _read("subjects", instansi, muatan, subjek=sorted({r["subjek"] for r in rows}))
    return finding_units(rows, subject_rows)


def finding_unit_list(agency: Agency) -> list[str | None]:
    """The unit each finding of ``findings(agency)`` is about (same order), or None."""
    return _finding_units(agency.kode, agency.muatan, agency.profil, reference_date())


@st.cache_data(ttl=TTL, max_entries=MAX_AGENCIES, show_spinner=False)
def _unit_models(instansi: str, muatan: str, profil: str) -> list[dict[str, Any]]:
    params = runner.parameters(load_profile(profil))
    return _verified(instansi, muatan, lambda d, db: measures_mod.unit_models(d, db, instansi, muatan, params))


def unit_models(agency: Agency) -> list[dict[str, Any]]:
    """Each model-scope unit's actual head kinds, tiers and nearest model."""
    return _unit_models(agency.kode, agency.muatan, agency.profil)


@st.cache_data(ttl=TTL, max_entries=MAX_GRAPHS, show_spinner=T.LOADING)
def _keyed(name: str, instansi: str, muatan: str, params: tuple[tuple[str, Any], ...]) -> list[dict[str, Any]]:
    return _read(name, instansi, muatan, **dict(params))


def unit_subtree(agency: Agency, unit: str) -> list[dict[str, Any]]:
    return _holders(_keyed("unit_subtree", agency.kode, agency.muatan, (("unit", unit),)))


def position_delegations(agency: Agency, jabatan: str) -> list[dict[str, Any]]:
    """The delegations of the rating authority that cover one position, judged at the reference date."""
    return _keyed("position_delegations", agency.kode, agency.muatan, (("jabatan", jabatan), ("per", reference_date())))


def position_chain(agency: Agency, jabatan: str) -> list[dict[str, Any]]:
    return _holders(_keyed("position_chain", agency.kode, agency.muatan, (("jabatan", jabatan),)))


def team_members(agency: Agency, tim: str) -> list[dict[str, Any]]:
    rows = _keyed("team_members", agency.kode, agency.muatan, (("tim", tim),))
    p = samaran()
    return rows if p is None else p.rows(rows, names=("nama",), nips=("nip",))


def _holders(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    p = samaran()
    return rows if p is None else p.rows(rows, name_lists=("pemangku", "plt"))


SEARCH_LIMIT = 50


def search(agency: Agency, teks: str) -> list[dict[str, Any]]:
    """Units, positions, officials and teams whose name or code contains ``teks`` (officials also by NIP).

    Pseudonymised, officials are found by their pseudonyms only: a real name
    or NIP typed in finds nothing, so the search cannot link one to the other.
    """
    q = teks.strip().lower()
    if len(q) < 2:
        return []
    hits = _keyed("search", agency.kode, agency.muatan, (("teks", q), ("batas", SEARCH_LIMIT)))
    if (p := samaran()) is None:
        return hits
    staff = [{"jenis": "pegawai", "kode": p.nip(str(o["nip"])), "nama": p.nama(str(o["nama"] or "")),
              "keterangan": o.get("jabatan")} for o in officials_list(agency)]
    staff = [h for h in staff if q in h["nama"].lower() or h["kode"].lower().startswith(q)]
    merged = [h for h in hits if h["jenis"] != "pegawai"] + staff
    return sorted(merged, key=lambda h: (h["jenis"], h["nama"] or "", h["kode"]))[:SEARCH_LIMIT]


# --------------------------------------------------------------------------------------------- pseudonyms

def samaran() -> pseudonym.Pseudonyms | None:
    """The pseudonyms when SIKERJA_SAMARKAN is on (``sikerja dashboard --samarkan``), else None."""
    return pseudonym.pseudonyms() if pseudonym.enabled() else None


@functools.lru_cache(maxsize=MAX_AGENCIES)
def _officials_index(p: pseudonym.Pseudonyms, instansi: str, muatan: str) -> pseudonym.Officials:
    """The agency's real NIPs and names with their pseudonyms, for replacing them in findings' text."""
    return p.officials(_rows("pegawai", instansi, muatan))


# --------------------------------------------------------------------------------------------- errors

def error_message(exc: BaseException) -> str:
    """A Bahasa Indonesia sentence for a failure to read, without a stack trace."""
    if isinstance(exc, SettingsError):
        return T.SETTINGS_ERROR.format(detail=exc)
    if isinstance(exc, (ProfileError, pseudonym.PseudonymError)):
        return str(exc)
    if isinstance(exc, version.VersionChanged):
        return T.DATA_CHANGED
    if isinstance(exc, AuthError):
        return T.DB_AUTH
    if isinstance(exc, SessionExpired):
        return T.DB_SESSION
    if isinstance(exc, (ServiceUnavailable, DriverError, OSError)):
        return T.DB_UNAVAILABLE
    if isinstance(exc, Neo4jError):
        return T.DB_QUERY.format(code=exc.code or type(exc).__name__)
    return T.DB_UNAVAILABLE


HANDLED: tuple[type[BaseException], ...] = (*DB_ERRORS, SettingsError, ProfileError, pseudonym.PseudonymError,
                                            version.VersionChanged)


# --------------------------------------------------------------------------------------------- pure shaping

def children_of(unit_rows: Sequence[dict[str, Any]]) -> dict[str | None, list[str]]:
    out: dict[str | None, list[str]] = defaultdict(list)
    for u in unit_rows:
        out[u.get("induk")].append(u["kode"])
    return out


def _walk_down(unit_rows: Sequence[dict[str, Any]], root: str, stop: set[str]) -> set[str]:
    """``root`` and the units below it, not entering units in ``stop`` (robust to a malformed hierarchy)."""
    kids = children_of(unit_rows)
    seen: set[str] = set()
    stack = [root]
    while stack:
        k = stack.pop()
        if k in seen:
            continue
        seen.add(k)
        stack.extend(c for c in kids.get(k, ()) if c not in stop)
    return seen


def subtree(unit_rows: Sequence[dict[str, Any]], root: str) -> set[str]:
    """``root`` and every unit below it."""
    return _walk_down(unit_rows, root, set())


def governed_units(unit_rows: Sequence[dict[str, Any]], declaring: str) -> set[str]:
    """Units a declaration on ``declaring`` governs: it and its sub-units, except
    the sub-trees of sub-units that declare a model of their own (the nearest
    declaration wins, as EVAL-MODEL reads it)."""
    return _walk_down(unit_rows, declaring, {u["kode"] for u in unit_rows if u.get("permodelan")})


def unit_order(unit_rows: Sequence[dict[str, Any]]) -> list[tuple[str, int]]:
    """Units depth-first from the root(s), by name, with their depth: for pickers."""
    kids = children_of(unit_rows)
    names = {u["kode"]: u.get("nama") or u["kode"] for u in unit_rows}
    known = set(names)
    roots = [u["kode"] for u in unit_rows if not u.get("induk") or u["induk"] not in known]
    out: list[tuple[str, int]] = []
    seen: set[str] = set()
    stack = [(r, 0) for r in sorted(roots, key=lambda k: names[k], reverse=True)]
    while stack:
        k, depth = stack.pop()
        if k in seen:
            continue
        seen.add(k)
        out.append((k, depth))
        for c in sorted(kids.get(k, ()), key=lambda c: names[c], reverse=True):
            stack.append((c, depth + 1))
    out.extend((k, 0) for k in names if k not in seen)  # units caught in a loop
    return out


def unit_of_subject(subject_rows: Sequence[dict[str, Any]]) -> dict[tuple[str, str], str | None]:
    """(label, subjek) -> unit kode."""
    return {(r["label"], r["subjek"]): r.get("unit") for r in subject_rows}


def finding_units(rows: Sequence[dict[str, str]], subject_rows: Sequence[dict[str, Any]]) -> list[str | None]:
    """The unit each finding is about, using the subject label its rule declares."""
    where = unit_of_subject(subject_rows)
    catalog = checks()
    out = []
    for r in rows:
        check = catalog.get(r["rule"])
        label = check.subject if check else "Jabatan"
        out.append(where.get((label, r["subjek"])))
    return out


def months_between(start: str | None, end: str | None) -> int | None:
    """Whole months from ``start`` to ``end`` (ISO dates), as Neo4j's duration.inMonths counts them."""
    if not start or not end:
        return None
    try:
        a, b = dt.date.fromisoformat(str(start)[:10]), dt.date.fromisoformat(str(end)[:10])
    except ValueError:
        return None
    months = (b.year - a.year) * 12 + (b.month - a.month)
    if b.day < a.day:
        months -= 1
    return months


def severity_counts(rows: Iterable[dict[str, str]]) -> dict[str, int]:
    counts = {s.value: 0 for s in reversed(Severity)}
    for r in rows:
        counts[r["severity"]] = counts.get(r["severity"], 0) + 1
    return counts
