"""Each permodelan as its regulation draws it (``tests/figures/<profile>/<MODEL-ID>.yaml``, see
the README there): clean as drawn, and each relation the drawing fixes, changed once, gives
exactly its finding. The fixtures are transcribed from the text, not from the profiles.

Where sikerja does not yet read the text as the fixture does, the case is listed in the
profile's ``tests/figures/<profile>/_known.yaml`` (case id -> the reading sikerja still lacks);
those run as strict xfail, so the day one passes its entry must go.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml
from bundles import apply_changes, clone, many_nips

from sikerja.queries.catalog import in_group
from sikerja.queries.profiles import load_profile
from sikerja.queries.runner import run_checks

FIGURES = Path(__file__).parent / "figures"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
# The structure and evaluator rules; spans and teams are not what a drawing fixes.
RULES = tuple(sorted({*in_group("penilai"), *in_group("atasan"), *in_group("lapisan"), *in_group("permodelan")}))


@cache
def fixture(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _paths() -> list[Path]:
    return sorted(p for p in FIGURES.glob("*/*.yaml") if not p.name.startswith("_"))


def _known() -> dict[str, str]:
    """case id -> why it does not pass yet, from every profile's _known.yaml."""
    out: dict[str, str] = {}
    for path in sorted(FIGURES.glob("*/_known.yaml")):
        for case, why in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            out[f"{path.parent.name}/{case}"] = why
    return out


KNOWN = _known()


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def _cases():
    for path in _paths():
        doc = fixture(path)
        yield _param(path, None, _id(path))
        for m in doc.get("mutasi", []):
            yield _param(path, m, f"{_id(path)}::{m['name']}")


def _param(path: Path, mutation: dict | None, case_id: str):
    marks = [pytest.mark.xfail(reason=KNOWN[case_id], strict=True)] if case_id in KNOWN else []
    return pytest.param(path, mutation, id=case_id, marks=marks)


def tables_of(doc: dict, instansi: str) -> dict[str, list[dict[str, str]]]:
    """The fixture as bundle tables: its units and positions, one official per position."""
    def text(rows: list[dict]) -> list[dict[str, str]]:
        return [{k: "" if v is None else str(v) for k, v in r.items()} for r in rows]

    return {
        "instansi": [{"kode": instansi, "nama": f"Gambar {doc['model']}", "profil": doc["profile"]}],
        "unit": text(doc["unit"]),
        "jabatan": text(doc["jabatan"]),
        "pegawai": [],
        "tim": [],
        "anggota_tim": [],
        "pendelegasian": text(doc.get("pendelegasian") or []),
    }


def staffed(tables: dict) -> dict:
    """Every position held by one official, so vacancy rules stay silent."""
    out = clone(tables)
    codes = [j["kode"] for j in out["jabatan"]]
    out["pegawai"] = [{"nip": n, "nama": f"Pejabat {k}", "status": "PNS", "jabatan": k}
                      for n, k in zip(many_nips(len(codes)), codes)]
    return out


def found(driver, db, instansi: str, profile: str) -> set[tuple[str, str]]:
    enabled = set(load_profile(profile).enabled_rules())
    return {(f.rule, f.subjek) for f in run_checks(driver, db, instansi, rules=[r for r in RULES if r in enabled])}


@pytest.mark.parametrize(("path", "mutation"), list(_cases()))
def test_figure(path: Path, mutation: dict | None, instansi, load_tables, driver, db):
    doc = fixture(path)
    tables = tables_of(doc, instansi)
    if mutation is not None:
        apply_changes(tables, mutation["changes"])
    load_tables(staffed(tables))
    expected = {(e["rule"], str(e["subjek"])) for e in (mutation or {}).get("expect", [])}
    assert found(driver, db, instansi, doc["profile"]) == expected


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("path", _paths(), ids=_id)
def test_figure_quotes_its_regulation(path: Path):
    doc = fixture(path)
    text = squeeze((SEEDS / load_profile(doc["profile"]).regulation.seed).read_text(encoding="utf-8"))
    quotes = [*doc.get("kutipan", []), *(q for m in doc.get("mutasi", []) for q in m.get("kutipan", []))]
    assert quotes and all(m.get("kutipan") for m in doc.get("mutasi", []))
    missing = [q for q in quotes if squeeze(q) not in text]
    assert not missing, missing
    assert doc["model"] == path.stem and doc["profile"] == path.parent.name
    assert load_profile(doc["profile"]).model(doc["model"]) is not None, "a model id agencies declare"


def test_known_cases_name_existing_cases():
    ids = {p.id for p in _cases()}
    assert set(KNOWN) <= ids, sorted(set(KNOWN) - ids)
    assert all(isinstance(why, str) and why.strip() for why in KNOWN.values())


def test_every_model_has_its_figure():
    have = {(p.parent.name, p.stem) for p in _paths()}
    want = {(pid, m.id) for pid in (p.name for p in FIGURES.iterdir() if p.is_dir()) for m in load_profile(pid).models}
    assert want <= have, sorted(want - have)
