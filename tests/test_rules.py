"""Every rule fires where it should and stays silent where it should.

Cases live in ``tests/cases/<RULE-ID>.yaml``: each starts from the canonical
clean agency (``bundles.tiny_agency``), applies ``changes`` and names the
``subjek`` values the rule must report (``expect: []`` = silent). A case may
pick a ``profile``. Test ids read ``RULE-ID::case-name``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bundles import clone, nip, tiny_agency

from sikerja.loader.bundle import FILES
from sikerja.queries.catalog import checks
from sikerja.queries.runner import run_checks

CASES = Path(__file__).parent / "cases"


def _cases():
    for path in sorted(CASES.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            yield pytest.param(doc["rule"], case, id=f"{doc['rule']}::{case['name']}")


def _matches(row: dict, where: dict) -> bool:
    return all(row.get(k, "") == _value(v) for k, v in where.items())


def apply_changes(tables: dict, changes: list[dict]) -> None:
    """``set`` values on rows matching ``where``; ``add`` rows; ``remove`` rows matching ``where``."""
    for ch in changes:
        name = ch["table"]
        assert name in FILES, name
        rows = tables[name]
        if "add" in ch:
            rows.extend({k: _value(v) for k, v in r.items()} for r in ch["add"])
        elif "remove" in ch:
            before = len(rows)
            tables[name] = [r for r in rows if not _matches(r, ch["remove"])]
            assert len(tables[name]) < before, f"remove matched nothing: {ch}"
        else:
            hit = [r for r in rows if _matches(r, ch["where"])]
            assert hit, f"where matched nothing: {ch}"
            for r in hit:
                r.update({k: _value(v) for k, v in ch["set"].items()})


def _value(v) -> str:
    """Values are strings; ``nip:N`` or ``nip:N:G`` spells a well-formed NIP."""
    if isinstance(v, str) and v.startswith("nip:"):
        parts = v.split(":")
        return nip(int(parts[1]), gender=parts[2] if len(parts) > 2 else "1")
    return "" if v is None else str(v)


@pytest.mark.parametrize(("rule", "case"), list(_cases()))
def test_rule_case(rule, case, instansi, load_tables, driver, db):
    tables = clone(tiny_agency(instansi, profil=case.get("profile", "permenpanrb-7-2022")))
    apply_changes(tables, case.get("changes", []))
    load_tables(tables)
    found = run_checks(driver, db, instansi, rules=[rule])
    subjects = sorted(f.subjek for f in found)
    expected = sorted(_value(s) for s in case["expect"])
    assert subjects == expected, [f.pesan for f in found]
    for f in found:
        assert f.dasar and f.pesan and f.instansi == instansi
        if "dasar_contains" in case:
            assert case["dasar_contains"] in f.dasar, f.dasar
        if "severity" in case:
            assert f.severity.value == case["severity"]


def test_canonical_agency_is_clean_under_the_baseline(instansi, load_tables, driver, db):
    load_tables(tiny_agency(instansi))
    assert [f.pesan for f in run_checks(driver, db, instansi)] == []


def test_every_rule_has_fire_and_silent_cases():
    seen: dict[str, set[bool]] = {}
    for p in _cases():
        rule, case = p.values
        seen.setdefault(rule, set()).add(bool(case["expect"]))
    missing = {rid for rid in checks() if seen.get(rid) != {True, False}}
    assert not missing, f"rules without both a firing and a silent case: {sorted(missing)}"
