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
from bundles import apply_changes, change_value, clone, tiny_agency

from sikerja.queries.catalog import checks
from sikerja.queries.runner import run_checks

CASES = Path(__file__).parent / "cases"


def _cases():
    for path in sorted(CASES.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            yield pytest.param(doc["rule"], case, id=f"{doc['rule']}::{case['name']}")


@pytest.mark.parametrize(("rule", "case"), list(_cases()))
def test_rule_case(rule, case, instansi, load_tables, driver, db):
    tables = clone(tiny_agency(instansi, profil=case.get("profile", "permenpanrb-7-2022")))
    apply_changes(tables, case.get("changes", []))
    load_tables(tables)
    found = run_checks(driver, db, instansi, rules=[rule])
    subjects = sorted(f.subjek for f in found)
    expected = sorted(change_value(s) for s in case["expect"])
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
