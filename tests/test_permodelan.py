"""Permodelan inference: each unit's nearest model from its actual structure."""

from __future__ import annotations

from bundles import clone, nip, tiny_agency

from sikerja.queries.measures import unit_models
from sikerja.queries.profiles import load_profile
from sikerja.queries.runner import parameters
from sikerja.queries.version import live


def infer(driver, db, instansi, profile_id):
    rows = unit_models(driver, db, instansi, live(driver, db, instansi), parameters(load_profile(profile_id)))
    return {r["unit"]: r for r in rows}


def test_undeclared_units_follow_the_model_that_names_them_and_are_scored(driver, db, instansi, load_tables):
    t = clone(tiny_agency(instansi, profil="metro-2023"))
    t["unit"].append({"kode": "KEL-1", "nama": "Kelurahan Imopuro", "jenis": "kelurahan", "induk": "PEMDA"})
    t["jabatan"] += [
        {"kode": "LURAH", "nama": "Lurah Imopuro", "jenis": "pengawas", "unit": "KEL-1", "atasan_langsung": "WALIKOTA", "penilai": "WALIKOTA"},
        {"kode": "KEL-PLK", "nama": "Pengadministrasi Umum", "jenis": "pelaksana", "unit": "KEL-1", "atasan_langsung": "LURAH", "penilai": "LURAH"},
        {"kode": "KEL-JF", "nama": "Penyuluh Ahli Pertama", "jenis": "fungsional", "jenjang": "ahli_pertama", "unit": "KEL-1", "atasan_langsung": "LURAH", "penilai": "LURAH"},
    ]
    t["pegawai"].append({"nip": nip(50), "nama": "Lurah", "status": "PNS", "jabatan": "LURAH"})
    load_tables(t)
    units = infer(driver, db, instansi, "metro-2023")
    # Metro Lampiran BAB II huruf E angka 5 names every Kelurahan: the loader infers MET-PGW, marked so
    assert units["KEL-1"]["permodelan"] == "MET-PGW" and units["KEL-1"]["disimpulkan"] is True
    assert units["KEL-1"]["terdekat"] == "MET-PGW"
    assert units["KEL-1"]["kepala"] == ["pengawas"] and units["KEL-1"]["lapisan"] == 1
    # A JPT-led dinas with two tiers: a JPT model (the first of the tied JPT models in profile order).
    assert units["DINKES"]["terdekat"] == "MET-JPT1"
    assert units["DINKES"]["permodelan"] == "MET-JPT1" and units["DINKES"]["disimpulkan"] is True  # listed by name
    assert units["DINKES"]["lapisan"] == 2
    assert "BID-P2P" not in units  # a bidang is no model's unit


def test_declared_model_is_scored_against_the_structure(driver, db, instansi, load_tables):
    t = clone(tiny_agency(instansi, profil="metro-2023"))
    t["unit"][1]["permodelan"] = "MET-PGW"
    load_tables(t)
    dinkes = infer(driver, db, instansi, "metro-2023")["DINKES"]
    assert dinkes["permodelan"] == "MET-PGW"
    assert dinkes["kepala_cocok"] is False
    assert dinkes["terdekat"] == "MET-JPT1"
