"""The rule catalogue: one ``checks/<RULE-ID>.cypher`` per rule, its header the single source of metadata.

A header is ``// key: value`` lines (YAML): ``id``, ``title`` (Bahasa Indonesia),
``severity`` (the default; a profile may override), ``groups`` (of ``GROUPS``), ``subject`` (the label the
``subjek`` column names), ``params`` (profile parameters the query uses besides
those of ``RUNNER_PARAMS``), ``message`` (a template filled from the row; or a mapping from
the row's ``sebab`` column to templates), ``description``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, LiteralString

from sikerja.loader import cypherfile
from sikerja.loader.schema import LABELS
from sikerja.queries.findings import Severity

# Given to every check by the runner: the agency code, the version it reads, and the reference
# date ('YYYY-MM-DD') at which periods (memberships, teams, delegations) are judged.
RUNNER_PARAMS = ("instansi", "muatan", "per")

# What a rule is about, for the pages and reports that show rules together (``groups`` in a header).
GROUPS = ("penilai", "atasan", "rentang", "lapisan", "permodelan", "tim", "jabatan")

RULE_ID = re.compile(r"^[A-Z]+(-[A-Z]+)+$")
PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


class CatalogError(ValueError):
    pass


@dataclass(frozen=True)
class Check:
    id: str
    title: str
    severity: Severity
    subject: str
    groups: tuple[str, ...]
    params: tuple[str, ...]
    message: str | dict[str, str]
    description: str
    query: LiteralString

    def message_for(self, row: dict[str, Any]) -> str:
        template = self.message if isinstance(self.message, str) else self.message[row["sebab"]]
        values = {k: _text(v) for k, v in row.items()}
        return template.format_map(values)


def _text(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, (list, tuple)):
        return ", ".join(_text(x) for x in v)
    return str(v)


def _parse(name: str) -> Check:
    f = cypherfile.load("queries", f"checks/{name}")
    h = f.header
    rid = h.get("id")
    where = f"queries/checks/{name}"
    if not isinstance(rid, str) or not RULE_ID.match(rid) or f"{rid}.cypher" != name:
        raise CatalogError(f"{where}: header id {rid!r} must match the file name and look like AREA-FAULT")
    missing = [k for k in ("title", "severity", "groups", "subject", "message", "description") if not h.get(k)]
    if missing:
        raise CatalogError(f"{where}: header lacks {', '.join(missing)}")
    if h["subject"] not in LABELS:
        raise CatalogError(f"{where}: subject {h['subject']!r} is not a label of DESIGN §2")
    groups = tuple(h["groups"])
    if not set(groups) <= set(GROUPS):
        raise CatalogError(f"{where}: groups {sorted(set(groups) - set(GROUPS))} are not in {GROUPS}")
    params = tuple(h.get("params") or ())
    used = set(PARAM.findall(f.query)) - set(RUNNER_PARAMS)
    if used != set(params):
        raise CatalogError(f"{where}: declared params {sorted(params)} but the query uses {sorted(used)}")
    if "$muatan" not in f.query:
        raise CatalogError(f"{where}: every check selects the agency's version by $muatan")
    return Check(
        id=rid, title=h["title"], severity=Severity(h["severity"]), subject=h["subject"], groups=groups, params=params,
        message=h["message"], description=str(h["description"]).strip(), query=f.query,
    )


def in_group(group: str) -> tuple[str, ...]:
    """The rule ids of one group, in id order."""
    return tuple(rid for rid, c in checks().items() if group in c.groups)


@cache
def checks() -> dict[str, Check]:
    names = sorted(p.name for p in (resources.files("sikerja.queries") / "checks").iterdir() if p.name.endswith(".cypher"))
    out: dict[str, Check] = {}
    for name in names:
        c = _parse(name)
        out[c.id] = c
    return out
