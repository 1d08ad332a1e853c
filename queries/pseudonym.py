"""Pseudonyms for officials' NIPs and names (personal data under UU PDP 27/2022).

Switched on by ``SIKERJA_SAMARKAN=1`` (``sikerja dashboard --samarkan`` and
``sikerja check --samarkan`` set it). A pseudonym is a keyed hash (HMAC-SHA256)
of the real value with a per-install secret, so the same person gets the
same pseudonym on every page and in every export, and nobody without the key
can turn a pseudonym back into a name (nor test a guessed name against it).
The key is ``SIKERJA_SAMARKAN_KEY`` if set (to share pseudonyms between
installs), else 32 random bytes generated once into ``<state>/samaran.key``
(mode 0600).

Rows with known fields are mapped field by field; free text (a finding's
message) is scanned for every NIP and name of the agency's officials, and any
other 18-digit number is treated as a NIP too.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import neo4j

from sikerja.loader import cypherfile
from sikerja.loader.graph import read
from sikerja.loader.settings import state_dir
from sikerja.queries.findings import Finding

ENV = "SIKERJA_SAMARKAN"
KEY_ENV = "SIKERJA_SAMARKAN_KEY"
KEY_FILE = "samaran.key"
ON = ("1", "ya", "true", "yes", "on")
NIP_PREFIX = "SMR"  # never a real NIP: those are 18 digits
NAME_PREFIX = "Pegawai"
_WORD = re.compile(r"\w+")
_LONG_NUMBER = re.compile(r"(?<!\w)\d{18}(?!\w)")


class PseudonymError(RuntimeError):
    """The key cannot be read or written; the message says where."""


def enabled() -> bool:
    return os.environ.get(ENV, "").strip().lower() in ON


def key_path() -> Path:
    return state_dir() / KEY_FILE


def load_key() -> bytes:
    """The install's secret: SIKERJA_SAMARKAN_KEY, or the key file (created on first use, 0600)."""
    if env := os.environ.get(KEY_ENV):
        return env.encode("utf-8")
    path = key_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(secrets.token_hex(32) + "\n")
        key = path.read_text(encoding="utf-8").strip()
    except OSError as e:
        raise PseudonymError(f"kunci samaran {path} tidak dapat dibaca atau dibuat ({e.strerror}); "
                             f"atur {KEY_ENV} atau perbaiki izin berkas") from None
    if not key:
        raise PseudonymError(f"kunci samaran {path} kosong; hapus berkas itu agar dibuat ulang, atau atur {KEY_ENV}")
    return key.encode("utf-8")


@dataclass(frozen=True)
class Pseudonyms:
    key: bytes = field(repr=False)

    def _digest(self, kind: str, value: str) -> bytes:
        return hmac.new(self.key, f"{kind}\0{value}".encode(), hashlib.sha256).digest()

    @lru_cache(maxsize=200_000)  # noqa: B019 - one instance per key; values are small strings
    def nip(self, nip: str) -> str:
        """'198001012005011001' -> 'SMR' + 15 digits."""
        return f"{NIP_PREFIX}{int.from_bytes(self._digest('nip', nip.strip())[:8], 'big') % 10**15:015d}"

    @lru_cache(maxsize=200_000)  # noqa: B019
    def nama(self, nama: str) -> str:
        """'Budi Santoso' -> 'Pegawai 3F9A-2C71' (keyed by the name, so it is the same wherever only the name is known)."""
        h = self._digest("nama", " ".join(nama.split())).hex().upper()
        return f"{NAME_PREFIX} {h[:4]}-{h[4:8]}"

    def names(self, values: Iterable[str | None] | None) -> list[str | None]:
        return [None if v is None else self.nama(v) for v in values or []]

    def rows(self, rows: Iterable[dict[str, Any]], *, names: Sequence[str] = (), nips: Sequence[str] = (),
             name_lists: Sequence[str] = ()) -> list[dict[str, Any]]:
        """Copies of ``rows`` with the fields that hold a name, a NIP or a list of names replaced."""
        out = []
        for r in rows:
            r = dict(r)
            for k in names:
                if r.get(k):
                    r[k] = self.nama(str(r[k]))
            for k in nips:
                if r.get(k):
                    r[k] = self.nip(str(r[k]))
            for k in name_lists:
                if r.get(k):
                    r[k] = self.names(r[k])
            out.append(r)
        return out

    def text(self, s: str, officials: Officials) -> str:
        """Every known NIP and name in ``s`` (whole words only), and every other 18-digit number, replaced."""
        out: list[str] = []
        pos = 0
        for m in _WORD.finditer(s):
            start = m.start()
            if start < pos:
                continue
            for real, fake in officials.starting_with(m.group()):
                end = start + len(real)
                if s.startswith(real, start) and (end == len(s) or not (s[end].isalnum() or s[end] == "_")):
                    out.append(s[pos:start])
                    out.append(fake)
                    pos = end
                    break
        out.append(s[pos:])
        text = "".join(out)
        for real, fake in officials.odd:  # values that do not start with a letter or digit: plain replacement
            text = text.replace(real, fake)
        return _LONG_NUMBER.sub(lambda m: self.nip(m.group()), text)

    def finding(self, f: Finding, officials: Officials) -> Finding:
        return replace(f, subjek=self.text(f.subjek, officials), pesan=self.text(f.pesan, officials))

    def finding_row(self, row: dict[str, str], officials: Officials) -> dict[str, str]:
        """The same for a finding as a row of DESIGN §3 fields."""
        return {**row, "subjek": self.text(row["subjek"], officials), "pesan": self.text(row["pesan"], officials)}

    def officials(self, rows: Sequence[dict[str, str | None]]) -> Officials:
        """The agency's officials (rows of ``nip``, ``nama``) as a lookup for :meth:`text`."""
        pairs: list[tuple[str, str]] = []
        for r in rows:
            if r.get("nip"):
                pairs.append((str(r["nip"]), self.nip(str(r["nip"]))))
            if r.get("nama"):
                pairs.append((str(r["nama"]), self.nama(str(r["nama"]))))
        return Officials.of(pairs)


@dataclass(frozen=True)
class Officials:
    """Real values to replace, indexed by their first word; longest first, so 'Budi Santoso' wins over 'Budi'."""

    by_first_word: dict[str, list[tuple[str, str]]]
    odd: list[tuple[str, str]]  # values that do not start with a word character, e.g. "(Hj.) Siti"

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, str]]) -> Officials:
        index: dict[str, list[tuple[str, str]]] = defaultdict(list)
        odd: list[tuple[str, str]] = []
        for real, fake in set(pairs):
            first = _WORD.search(real)
            if first is not None and first.start() == 0:
                index[first.group()].append((real, fake))
            elif real.strip():
                odd.append((real, fake))
        for values in index.values():
            values.sort(key=lambda p: -len(p[0]))
        return cls(dict(index), sorted(odd, key=lambda p: -len(p[0])))

    def starting_with(self, word: str) -> list[tuple[str, str]]:
        return self.by_first_word.get(word, [])


def pseudonyms() -> Pseudonyms:
    """The pseudonyms of this install's current key."""
    return _for_key(load_key())


@lru_cache(maxsize=4)
def _for_key(key: bytes) -> Pseudonyms:
    return Pseudonyms(key)


def findings_at(driver: neo4j.Driver, db: str, instansi: str, muatan: str, found: Sequence[Finding]) -> list[Finding]:
    """One agency's findings, read from version ``muatan``, with the NIPs and names of that same
    version's officials replaced (an official only in another version would be missed)."""
    p = pseudonyms()
    q = cypherfile.load("queries", "measures/pegawai.cypher").query
    known = p.officials(read(driver, q, db, tag="pseudonym:pegawai", instansi=instansi, muatan=muatan))
    return [p.finding(f, known) for f in found]
