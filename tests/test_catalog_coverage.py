"""One place per rule: every rule of the catalogue (queries/checks) has its fire and silent cases
(tests/test_rules.py checks those), a planter in the generator and a floor in the benchmark."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from sikerja.queries.catalog import GROUPS, checks
from sikerja.seed.generate import PLANTABLE


def _floor():
    path = Path(__file__).resolve().parents[1] / "bench" / "floor.py"
    spec = importlib.util.spec_from_file_location("bench_floor", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


# rule -> why the generator cannot plant it yet
NOT_PLANTED = {"EVAL-DELEGATION": "the generator writes no pendelegasian.csv yet"}


def test_every_rule_has_a_planter():
    assert sorted(set(checks()) - set(PLANTABLE) - set(NOT_PLANTED)) == []
    assert sorted(set(PLANTABLE) - set(checks())) == []
    assert not set(NOT_PLANTED) & set(PLANTABLE), "a planted rule is still listed as not planted"


def test_every_rule_has_a_floor():
    assert sorted(set(checks()) ^ set(_floor().CHECKS)) == []


def test_every_rule_is_in_a_group():
    assert all(c.groups and set(c.groups) <= set(GROUPS) for c in checks().values())
