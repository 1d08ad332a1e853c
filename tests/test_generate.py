"""The synthetic bundle generator and the reference agencies in seed/bundles.

Generated bundles are loaded into the real server and checked with the real
checks: what the checks find must be exactly what faults.csv lists (the clean
part finds nothing). Bundles stay small (a few hundred to a few thousand
positions) so the run is short.
"""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from pathlib import Path

import neo4j
import pytest
import typer
from typer.testing import CliRunner

from sikerja.loader.bundle import FILES
from sikerja.loader.load import load_bundle, read_valid_bundle
from sikerja.loader.validate import nip_problem
from sikerja.queries.measures import unit_models
from sikerja.queries.profiles import available_profiles, load_profile, models_of
from sikerja.queries.runner import parameters, run_checks
from sikerja.queries.version import live
from sikerja.seed import cli, reference
from sikerja.seed.generate import PLANTABLE, GenerateError, People, generate_bundle

PROFILES = available_profiles()
REGIONAL = [r.profile for r in reference.REFERENCES]
SEED_BUNDLES = sorted(p for p in reference.BUNDLES.iterdir() if (p / "instansi.csv").is_file())


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    with open(folder / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def answer_key(folder: Path) -> set[tuple[str, str]]:
    return {(r["rule"], r["subjek"]) for r in rows(folder, "faults")}


def findings(driver: neo4j.Driver, db: str, kode: str, profile: str) -> set[tuple[str, str]]:
    """(rule, subjek) of every finding, all severities.

    MODEL-MISMATCH also scores JF placement (``jf_under``) over a unit's whole subtree,
    including sub-units that declare their own permodelan (a puskesmas in a Dinas
    Kesehatan) and the JF head of a JF-led unit; the generator places JF by the nearest
    declared model, as EVAL-MODEL reads models. So only head-kind mismatches are compared
    here, and ``jf_placement_problems`` checks the nearest-model reading on the CSV.
    """
    found = run_checks(driver, db, kode)
    heads_ok = {r["unit"] for r in unit_models(driver, db, kode, live(driver, db, kode), parameters(load_profile(profile))) if r["kepala_cocok"]}
    return {(f.rule, f.subjek) for f in found if not (f.rule == "MODEL-MISMATCH" and f.subjek in heads_ok)}


def jf_placement_problems(folder: Path, profile: str) -> list[str]:
    """JF (not unit heads) whose direct superior's kind their unit's nearest declared model does not allow."""
    models = {m.id: m for m in load_profile(profile).models}
    units = {u["kode"]: u for u in rows(folder, "unit")}
    jabatan = {j["kode"]: j for j in rows(folder, "jabatan")}
    faulty = {s for _, s in answer_key(folder)}

    def nearest(kode: str):
        while kode:
            if units[kode]["permodelan"]:
                return models[units[kode]["permodelan"]]
            kode = units[kode]["induk"]
        return None

    out = []
    for j in jabatan.values():
        boss = jabatan.get(j["atasan_langsung"])
        if j["jenis"] != "fungsional" or boss is None or boss["unit"] != j["unit"] or j["kode"] in faulty:
            continue
        model = nearest(j["unit"])
        if model is not None and model.jf_under and boss["jenis"] not in model.jf_under:
            out.append(j["kode"])
    return out


def load(driver: neo4j.Driver, db: str, folder: Path) -> None:
    load_bundle(driver, db, folder, models_of)


# --- determinism and shape -------------------------------------------------------------------


def test_same_arguments_give_byte_identical_files(tmp_path: Path) -> None:
    a = generate_bundle(tmp_path / "a", profile_id="metro-2023", positions=700, seed=3, fault_rate=0.1).out
    b = generate_bundle(tmp_path / "b", profile_id="metro-2023", positions=700, seed=3, fault_rate=0.1).out
    for name in (*FILES, "faults"):
        assert (a / f"{name}.csv").read_bytes() == (b / f"{name}.csv").read_bytes(), name


def test_different_seeds_give_different_agencies(tmp_path: Path) -> None:
    a = generate_bundle(tmp_path / "a", profile_id="metro-2023", positions=700, seed=3).out
    b = generate_bundle(tmp_path / "b", profile_id="metro-2023", positions=700, seed=4).out
    assert (a / "jabatan.csv").read_bytes() != (b / "jabatan.csv").read_bytes()
    assert (a / "pegawai.csv").read_bytes() != (b / "pegawai.csv").read_bytes()


@pytest.mark.parametrize("profile", PROFILES)
def test_generated_bundle_is_valid_and_sized(profile: str, tmp_path: Path) -> None:
    out = generate_bundle(tmp_path / "b", profile_id=profile, positions=900, seed=11, fault_rate=0.2).out
    tables = read_valid_bundle(out, models_of)
    assert abs(len(tables["jabatan"].rows) - 900) <= 900 * 0.03
    assert tables["instansi"].column("profil") == [profile]
    codes = {name: set(tables[name].column(key)) for name, key in
             (("unit", "kode"), ("jabatan", "kode"), ("tim", "kode"), ("pegawai", "nip"))}
    enabled = set(load_profile(profile).enabled_rules())
    key = rows(out, "faults")
    assert key, "a fault rate of 0.2 plants faults"
    for r in key:
        assert r["rule"] in enabled and r["keterangan"]
        assert any(r["subjek"] in c for c in codes.values()), r


def test_proportions_follow_the_flattened_structure(tmp_path: Path) -> None:
    out = generate_bundle(tmp_path / "b", profile_id="permenpanrb-7-2022", positions=3000, seed=5, fault_rate=0).out
    jabatan = rows(out, "jabatan")
    pegawai = rows(out, "pegawai")
    kinds = Counter(j["jenis"] for j in jabatan)
    n = len(jabatan)
    assert 0.58 <= kinds["fungsional"] / n <= 0.75
    assert 0.15 <= kinds["pelaksana"] / n <= 0.30
    held = {p["jabatan"] for p in pegawai if p["jabatan"]}
    assert 0.07 <= sum(1 for j in jabatan if j["kode"] not in held) / n <= 0.11
    assert any(p["plt"] for p in pegawai)
    teams = rows(out, "tim")
    assert 8 <= n / len(teams) <= 12
    assert {t["jenis"] for t in teams} == {"kelompok_kerja", "tim_kerja"}
    assert any(p["instansi_asal"] for p in pegawai)
    assert len({j["jenjang"] for j in jabatan if j["jenjang"]}) == 8


def test_nips_are_well_formed_and_unique_from_a_counter() -> None:
    import random

    people = People(random.Random(1))
    nips = [people.nip()[0] for _ in range(300_000)]
    assert len(set(nips)) == len(nips)
    assert not [n for n in nips[::97] if nip_problem(n)]


def test_a_profile_too_tight_for_the_size_is_refused_and_the_old_bundle_kept(tmp_path: Path) -> None:
    out = generate_bundle(tmp_path / "b", profile_id="bintan-2023", positions=300, seed=1).out
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(GenerateError, match="hanya dapat menampung"):
        generate_bundle(out, profile_id="bintan-2023", positions=60_000, seed=1)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["b"]  # no temporary folder left behind


def test_cli_writes_a_bundle_and_refuses_bad_input(tmp_path: Path) -> None:
    app = typer.Typer()
    cli.register(app)
    app.command("noop")(lambda: None)  # a second command keeps `generate` a subcommand
    runner = CliRunner()
    ok = runner.invoke(app, ["generate", str(tmp_path / "b"), "--profile", "blitar-2023", "--positions", "300", "--seed", "2"])
    assert ok.exit_code == 0, ok.output
    assert (tmp_path / "b" / "faults.csv").is_file()
    unknown = runner.invoke(app, ["generate", str(tmp_path / "c"), "--profile", "nope", "--positions", "300", "--seed", "2"])
    assert unknown.exit_code == 2 and not (tmp_path / "c").exists()
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("jangan dihapus")
    foreign = runner.invoke(app, ["generate", str(tmp_path / "mine"), "--profile", "blitar-2023", "--positions", "300", "--seed", "2"])
    assert foreign.exit_code == 2 and (tmp_path / "mine" / "notes.txt").read_text() == "jangan dihapus"


# --- against the server: the checks find exactly the answer key ------------------------------


@pytest.mark.parametrize("profile", PROFILES)
def test_checks_find_exactly_the_planted_faults(profile: str, tmp_path: Path, driver: neo4j.Driver, db: str,
                                                instansi: str) -> None:
    out = generate_bundle(tmp_path / "b", profile_id=profile, positions=1000, seed=21, fault_rate=0.25,
                          instansi=instansi).out
    load(driver, db, out)
    key = answer_key(out)
    assert findings(driver, db, instansi, profile) == key
    assert not jf_placement_problems(out, profile)
    planted = {rule for rule, _ in key}
    assert len(planted) >= 18, "faults cycle through the profile's rules"
    assert planted <= set(PLANTABLE)


def test_a_clean_bundle_has_no_findings(tmp_path: Path, driver: neo4j.Driver, db: str, instansi: str) -> None:
    out = generate_bundle(tmp_path / "b", profile_id="pekalongan-2024", positions=2500, seed=8, fault_rate=0,
                          instansi=instansi).out
    load(driver, db, out)
    key = answer_key(out)
    # Schools and Puskesmas are UPTD whose heads sit under the Kepala Dinas, so a Kepala Dinas
    # Pendidikan can carry more direct reports than sikerja's default span_max: the only
    # finding a clean agency may have, and it is in the answer key as inherent to the structure.
    inherent = {(r["rule"], r["subjek"]) for r in rows(out, "faults") if r["keterangan"].endswith("melekat pada struktur")}
    assert key == inherent and {rule for rule, _ in key} <= {"SPAN-WIDE"}
    assert findings(driver, db, instansi, "pekalongan-2024") == key
    assert not jf_placement_problems(out, "pekalongan-2024")


# --- reference agencies ---------------------------------------------------------------------


def test_every_regional_profile_has_a_reference_agency() -> None:
    assert [p.name for p in SEED_BUNDLES] == sorted(REGIONAL)


@pytest.mark.parametrize("folder", SEED_BUNDLES, ids=lambda p: p.name)
def test_reference_agency_loads_and_its_faults_are_what_the_checks_find(folder: Path, tmp_path: Path,
                                                                       driver: neo4j.Driver, db: str,
                                                                       instansi: str) -> None:
    copy = shutil.copytree(folder, tmp_path / folder.name)
    (inst,) = rows(copy, "instansi")
    with open(copy / "instansi.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([["kode", "nama", "profil"], [instansi, inst["nama"], inst["profil"]]])
    load(driver, db, copy)
    key = answer_key(folder)
    assert findings(driver, db, instansi, inst["profil"]) == key
    # EVAL-VACANT, EVAL-NOT-ATASAN and ATASAN-GRADE also follow from other planted faults (a vacant
    # head, a changed evaluator or superior), so they are not counted as planted here
    planted = {rule for rule, _ in key} - {"EVAL-VACANT", "EVAL-NOT-ATASAN", "ATASAN-GRADE"}
    assert 5 <= len(planted) <= 12
    assert sum(1 for _ in open(copy / "jabatan.csv")) - 1 >= 300
    assert all(p.stat().st_size < 1_000_000 for p in folder.iterdir())
    names = {u["nama"] for u in rows(folder, "unit")}
    assert {n for _, n in reference.listed_units(reference.Policy(load_profile(inst["profil"])))} <= names


@pytest.mark.parametrize("ref", reference.REFERENCES, ids=lambda r: r.profile)
def test_reference_agency_files_are_up_to_date(ref: reference.Reference, tmp_path: Path) -> None:
    out = reference.write_reference(ref, tmp_path / ref.profile).out
    for name in (*FILES, "faults"):
        assert (out / f"{name}.csv").read_bytes() == (reference.BUNDLES / ref.profile / f"{name}.csv").read_bytes(), (
            f"{name}.csv differs: run `python -m sikerja.seed.reference`")
