"""Every dashboard page, and every permodelan view, on every seed agency.

Issue 6 asks that no page shows a stack trace for any loaded agency and that
every permodelan type of every profile has its view. Each seed bundle is
loaded under the test's own agency code (so a user's demo data is untouched).
"""

from __future__ import annotations

import csv
import shutil
from importlib import resources
from pathlib import Path

import pytest
import streamlit as st
from test_dashboard import PAGES, open_page

from sikerja.dashboard import data
from sikerja.loader.load import load_bundle
from sikerja.queries.profiles import load_profile, models_of

SEEDS = sorted(p.name for p in (resources.files("sikerja.seed") / "bundles").iterdir() if p.is_dir())


def test_there_is_one_seed_agency_per_regulation():
    assert SEEDS == ["bintan-2023", "blitar-2023", "metro-2023", "palangkaraya-2024", "pekalongan-2024"]


def seed_copy(seed: str, kode: str, folder: Path) -> Path:
    """The seed bundle under another agency code (a user's demo agency stays untouched)."""
    folder = Path(shutil.copytree(str(resources.files("sikerja.seed") / "bundles" / seed), folder))
    rows = list(csv.DictReader(open(folder / "instansi.csv", encoding="utf-8-sig")))
    rows[0]["kode"] = kode
    with open(folder / "instansi.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return folder


def read_table(folder: Path, name: str) -> list[dict[str, str]]:
    with open(folder / f"{name}.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("seed", SEEDS)
def test_every_page_and_model_view_on_a_seed_agency(seed, instansi, driver, db, tmp_path):
    folder = seed_copy(seed, instansi, tmp_path / seed)
    profile = read_table(folder, "instansi")[0]["profil"]
    load_bundle(driver, db, folder, models_of)
    st.cache_data.clear()
    for page in PAGES:
        at = open_page(instansi, page)  # asserts no exception
        assert not at.error, (page, [e.value for e in at.error])
    at = open_page(instansi, "permodelan")
    models = [m.id for m in load_profile(profile).models]
    for model_id in models:
        at.selectbox(key=f"permodelan_model_{instansi}").select(model_id).run()
        assert not at.exception, (model_id, [e.value for e in at.exception])
        assert not at.error, model_id
    assert data.SESSION_KEY in at.session_state
