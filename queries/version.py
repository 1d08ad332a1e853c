"""Which version of an agency is live, and reading it consistently.

Every load writes a new version of the agency: nodes that carry the agency
code in ``instansi`` and the load id in ``muatan``. The ``Instansi`` node's
``muatan`` names the live version; a load makes its version live by setting
that one property, then deletes the retired version in small transactions
(``sikerja/loader/write.py``). Readers therefore select nodes by ``muatan``.

A reader that learned the live version and is still reading when a newer load
retires it would see that version half deleted. Versions are never reused and
are deleted only after they are retired, so a read is whole exactly when the
version it read is still live after it: :func:`consistent` checks that and
reads again if not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import neo4j

from sikerja.loader import cypherfile
from sikerja.loader.graph import read

T = TypeVar("T")
ATTEMPTS = 3


class UnknownAgency(LookupError):
    pass


class VersionChanged(RuntimeError):
    """The agency was loaded again or removed while it was being read."""


def agencies(driver: neo4j.Driver, db: str, instansi: str | None = None) -> list[dict[str, Any]]:
    """Loaded agencies (or the one named): kode, nama, profil, muatan, dimuat."""
    q = cypherfile.load("queries", "measures/agencies.cypher").query
    return read(driver, q, db, tag="agencies", instansi=instansi)


def agency(driver: neo4j.Driver, db: str, instansi: str) -> dict[str, Any]:
    """One loaded agency's row; raises UnknownAgency when it is not loaded."""
    rows = agencies(driver, db, instansi)
    if not rows:
        raise UnknownAgency(f"instansi {instansi!r} belum dimuat")
    return rows[0]


def live(driver: neo4j.Driver, db: str, instansi: str) -> str:
    """The load id of the agency's live version."""
    return agency(driver, db, instansi)["muatan"]


def ensure_live(driver: neo4j.Driver, db: str, instansi: str, muatan: str) -> None:
    """Raise VersionChanged unless ``muatan`` is still the agency's live version."""
    rows = agencies(driver, db, instansi)
    if not rows or rows[0]["muatan"] != muatan:
        raise VersionChanged(
            f"instansi {instansi!r} dimuat ulang atau dihapus saat sedang dibaca; ulangi perintahnya")


def consistent(driver: neo4j.Driver, db: str, instansi: str, read_version: Callable[[dict[str, Any]], T],
               attempts: int = ATTEMPTS) -> T:
    """``read_version(agency_row)`` on the live version, read again if a load replaced it meanwhile."""
    row = agency(driver, db, instansi)
    for _ in range(attempts):
        out = read_version(row)
        now = agency(driver, db, instansi)  # UnknownAgency when it was removed meanwhile
        if now["muatan"] == row["muatan"]:
            return out
        row = now  # the next attempt reads the version that replaced it
    raise VersionChanged(f"instansi {instansi!r} dimuat ulang terus-menerus saat dibaca ({attempts} kali); "
                         "ulangi setelah pemuatan selesai")
