"""The words behind each verdict: every ``dasar`` a regional profile cites from its own
regulation carries a ``kutipan``, and every kutipan is found in that regulation's text in
``../shared/seeds/`` (compared with all whitespace removed, so OCR line breaks do not matter
but spelling does).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from sikerja.queries.profiles import BASELINE, load_profile, profile_dirs

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
REGIONAL = sorted(p.stem for p in profile_dirs()[-1].glob("*.yaml") if p.stem != BASELINE)  # the built-in ones


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@cache
def regulation_text(seed: str) -> str:
    return squeeze((SEEDS / seed).read_text(encoding="utf-8"))


def quotes(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else value


@pytest.mark.parametrize("profile_id", REGIONAL)
def test_every_kutipan_is_in_the_regulation(profile_id: str) -> None:
    profile = load_profile(profile_id)
    assert profile.regulation.seed, f"{profile_id}: regulation.seed names no text"
    text = regulation_text(profile.regulation.seed)
    missing = [(d, q) for d, v in profile.kutipan.items() for q in quotes(v) if squeeze(q) not in text]
    assert not missing, f"{profile_id}: kutipan not found in {profile.regulation.seed}: {missing}"


@pytest.mark.parametrize("profile_id", REGIONAL)
def test_every_kutipan_quotes_a_dasar_of_the_profile(profile_id: str) -> None:
    profile = load_profile(profile_id)
    stale = sorted(set(profile.kutipan) - profile.dasar_strings())
    assert not stale, f"{profile_id}: kutipan for a dasar no field cites: {stale}"


@pytest.mark.parametrize("profile_id", REGIONAL)
def test_every_dasar_of_the_regulation_has_its_kutipan(profile_id: str) -> None:
    profile = load_profile(profile_id)
    own = {d for d in profile.dasar_strings() if d.startswith(profile.regulation.short)}
    missing = sorted(own - set(profile.kutipan))
    assert not missing, f"{profile_id}: dasar without kutipan: {missing}"


def test_a_finding_carries_the_kutipan_of_its_dasar() -> None:
    profile = load_profile("metro-2023")
    dasar = profile.rules["EVAL-NOT-ATASAN"].dasar
    assert profile.quote(dasar) and squeeze(profile.quote(dasar).split(" … ")[0]) in regulation_text(profile.regulation.seed)
