"""Pseudonymisation (SIKERJA_SAMARKAN): no real NIP or official's name in the dashboard or in exports.

The agency here has officials whose NIPs and names reach the findings'
messages (an unplaced official, a position held twice, a team led by a
structural official, a member lent by another agency). Every output is
searched for every real NIP and name of the bundle; the same outputs without
the switch must contain them, so the search itself is shown to work.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from bundles import Tables, nip
from test_browser import _free_port, browser, graph_frame, wait_idle  # noqa: F401 - browser is a fixture
from test_dashboard import APP, dashboard_agency, frames
from streamlit.testing.v1 import AppTest

from sikerja.dashboard import data, warm
from sikerja.dashboard import text as T
from sikerja.dashboard.serve import running
from sikerja.queries import pseudonym
from sikerja.queries.runner import run_checks

KEY = "kunci-uji-samaran-0123456789abcdef"


def private_agency(kode: str) -> Tables:
    t = dashboard_agency(kode)
    for p in t["pegawai"]:
        if p["nip"] == nip(47):
            p["nama"] = "Sutrisno Wibowo"  # placed nowhere: PEGAWAI-UNPLACED names him
    t["pegawai"] += [
        {"nip": nip(48, gender="2"), "nama": "Ratna Kusumawardani", "status": "PNS", "jabatan": "KABID"},  # held twice
        {"nip": nip(49), "nama": "Yohanes Pardede", "status": "PNS", "jabatan": "", "instansi_asal": "KAB-LAIN"},
    ]
    t["tim"].append({"kode": "TIM-SAMAR", "nama": "Tim Penyusunan Renstra", "jenis": "tim_kerja",
                     "pemilik_kinerja": "DINKES", "sk_nomor": "", "sk_penerbit": "", "mulai": "2024-01-01",
                     "selesai": "2024-06-30"})
    t["anggota_tim"] += [  # led by the Kepala Dinas (TEAM-LEADER-GRADE), with a member from another agency
        {"tim": "TIM-SAMAR", "nip": nip(2), "peran": "ketua", "mulai": "2024-01-01", "selesai": "2024-06-30",
         "penugasan": "ditugaskan"},
        {"tim": "TIM-SAMAR", "nip": nip(49), "peran": "anggota", "mulai": "2024-01-01", "selesai": "2024-06-30",
         "penugasan": "ditugaskan"},
    ]
    return t


def personal(t: Tables) -> list[str]:
    """Every real NIP and name of the bundle's officials."""
    return [p["nip"] for p in t["pegawai"]] + [p["nama"] for p in t["pegawai"]]


def leaks(text: str, t: Tables) -> list[str]:
    return [v for v in personal(t) if v in text]


@pytest.fixture(autouse=True)
def fixed_key(monkeypatch) -> None:
    monkeypatch.setenv(pseudonym.KEY_ENV, KEY)
    monkeypatch.delenv(pseudonym.ENV, raising=False)
    st.cache_data.clear()
    warm.forget()


@pytest.fixture
def loaded(instansi: str, load_tables) -> tuple[str, Tables]:
    t = private_agency(instansi)
    load_tables(t)
    return instansi, t


# ----------------------------------------------------------------------------- the pseudonyms themselves

def test_pseudonyms_are_stable_keyed_and_not_a_nip() -> None:
    p, q = pseudonym.Pseudonyms(b"satu"), pseudonym.Pseudonyms(b"dua")
    assert p.nip(nip(1)) == pseudonym.Pseudonyms(b"satu").nip(nip(1))
    assert p.nip(nip(1)) != q.nip(nip(1)) and p.nip(nip(1)) != p.nip(nip(2))
    assert p.nip(nip(1)).startswith("SMR") and not p.nip(nip(1)).isdigit() and len(p.nip(nip(1))) == 18
    assert p.nama("Budi Santoso") == p.nama(" Budi  Santoso ") != q.nama("Budi Santoso")
    assert p.nama("Budi Santoso").startswith("Pegawai ")


def test_text_replaces_whole_names_and_nips_only() -> None:
    p = pseudonym.Pseudonyms(b"k")
    known = p.officials([{"nip": nip(1), "nama": "Ani"}, {"nip": nip(2), "nama": "Ani Lestari"},
                         {"nip": nip(4), "nama": "(Hj.) Siti"}])
    text = f"Dinas Pertanian: Ani Lestari ({nip(2)}), Ani, {nip(3)}, (Hj.) Siti dan 12345."
    out = p.text(text, known)
    assert out == (f"Dinas Pertanian: {p.nama('Ani Lestari')} ({p.nip(nip(2))}), {p.nama('Ani')}, {p.nip(nip(3))}, "
                   f"{p.nama('(Hj.) Siti')} dan 12345.")


def test_the_key_is_made_once_and_kept_private(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(pseudonym.KEY_ENV)
    monkeypatch.setenv("SIKERJA_STATE", str(tmp_path))
    first = pseudonym.load_key()
    assert first == pseudonym.load_key() and len(first) == 64
    assert (pseudonym.key_path().stat().st_mode & 0o777) == 0o600


# ----------------------------------------------------------------------------- sikerja check exports

def check(kode: str, fmt: str, out: Path, *extra: str) -> bytes:
    subprocess.run([sys.executable, "-m", "sikerja.loader.cli", "check", "-i", kode, "-f", fmt, "-o", str(out), *extra],
                   check=False, capture_output=True)
    assert out.is_file()
    if fmt != "xlsx":
        return out.read_bytes()
    with zipfile.ZipFile(out) as z:  # every string of the workbook, shared or inline
        return b"".join(z.read(n) for n in z.namelist() if n.endswith(".xml"))


def test_check_exports_carry_no_real_nip_or_name(loaded, tmp_path, driver, db) -> None:
    kode, t = loaded
    rules = {f.rule for f in run_checks(driver, db, kode)}
    assert {"PEGAWAI-UNPLACED", "POSITION-DOUBLE", "TEAM-LEADER-GRADE", "TEAM-CROSS-AGENCY"} <= rules
    plain = check(kode, "jsonl", tmp_path / "asli.jsonl").decode()
    assert len(leaks(plain, t)) >= 6  # the messages do name people: the search below can find them

    rows = {}
    for fmt in ("jsonl", "csv", "xlsx"):
        out = check(kode, fmt, tmp_path / f"samar.{fmt}", "--samarkan").decode("utf-8", "replace")
        assert leaks(out, t) == [], fmt
        rows[fmt] = out
    samar = [json.loads(line) for line in rows["jsonl"].splitlines()]
    p = pseudonym.Pseudonyms(KEY.encode())
    unplaced = next(r for r in samar if r["rule"] == "PEGAWAI-UNPLACED" and r["subjek"] == p.nip(nip(47)))
    assert p.nama("Sutrisno Wibowo") in unplaced["pesan"]
    csv_rows = list(csv.DictReader(io.StringIO(rows["csv"])))
    assert [r["subjek"] for r in csv_rows] == [r["subjek"] for r in samar]  # same pseudonyms in every format
    assert p.nip(nip(47)) in rows["xlsx"]


def test_the_environment_switch_works_like_the_flag(loaded, tmp_path, monkeypatch) -> None:
    kode, t = loaded
    flag = check(kode, "jsonl", tmp_path / "flag.jsonl", "--samarkan")
    monkeypatch.setenv(pseudonym.ENV, "1")
    env = check(kode, "jsonl", tmp_path / "env.jsonl")
    assert env == flag and leaks(env.decode(), t) == []


# ----------------------------------------------------------------------------- the dashboard

def page_text(at: AppTest) -> str:
    """Everything a page shows: text elements, table cells, chart data, graph HTML, widget options and values."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    parts += [df.to_csv() for df in frames(at)]
    return "\n".join(parts)


def open_samar(kode: str, page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state[data.SESSION_KEY] = kode
    at.run()
    if page != "ringkasan":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_no_page_shows_a_real_nip_or_name(loaded, monkeypatch) -> None:
    kode, t = loaded
    seen_plain = "\n".join(page_text(open_samar(kode, pg)) for pg in ("temuan", "tim", "graf"))
    assert len(leaks(seen_plain, t)) >= 6  # without the switch the pages do show them

    monkeypatch.setenv(pseudonym.ENV, "1")
    st.cache_data.clear()
    shown = []
    for page in ("ringkasan", "rentang", "permodelan", "temuan", "graf", "tim"):
        at = open_samar(kode, page)
        shown.append(page_text(at))
        if page == "tim":
            at.selectbox(key=f"tim_pilih_{kode}").select("TIM-SAMAR").run()
            at.toggle(key=f"tim_graf_{kode}").set_value(True).run()
            shown.append(page_text(at))
        if page == "graf":
            for mode, pick in (("jabatan", ("graf_jabatan_unit", "BID-P2P")), ("tim", ("graf_tim", "TIM-SAMAR"))):
                at.segmented_control(key=f"graf_mode_{kode}").set_value(mode).run()
                at.selectbox(key=f"{pick[0]}_{kode}").select(pick[1]).run()
                shown.append(page_text(at))
        assert not at.exception, page
    everything = "\n".join(shown)
    assert leaks(everything, t) == []
    p = pseudonym.Pseudonyms(KEY.encode())
    assert p.nama("Ratna Kusumawardani") in everything and p.nip(nip(49)) in everything


def test_search_finds_officials_by_pseudonym_never_by_real_name(loaded, monkeypatch) -> None:
    kode, t = loaded
    monkeypatch.setenv(pseudonym.ENV, "1")
    p = pseudonym.Pseudonyms(KEY.encode())
    at = open_samar(kode, "graf")
    at.segmented_control(key=f"graf_mode_{kode}").set_value("cari").run()
    for real in ("Ahmad Fauzi", "Ahmad", nip(43)[:8]):
        at.text_input(key=f"graf_cari_{kode}").input(real).run()
        assert not at.exception
        hits = frames(at)[0] if frames(at) else None
        assert hits is None or "Pegawai" not in set(hits.iloc[:, 0]), real  # no official found by a real value
        assert leaks(page_text(at), t) == [], real
    at.text_input(key=f"graf_cari_{kode}").input(p.nama("Ahmad Fauzi")).run()
    hits = frames(at)[0]
    assert hits.iloc[0].tolist()[1:3] == [p.nip(nip(43)), p.nama("Ahmad Fauzi")]
    assert leaks(page_text(at), t) == []


def test_temuan_downloads_are_pseudonymised(loaded, monkeypatch) -> None:
    """The Temuan page's CSV and XLSX buttons write data.findings() through export; both carry pseudonyms only."""
    from sikerja.queries import export

    kode, t = loaded
    monkeypatch.setenv(pseudonym.ENV, "1")
    a = next(x for x in data.agencies() if x.kode == kode)
    found = data.as_findings(data.findings(a))
    assert leaks(export.to_csv(found), t) == [] and leaks(export.to_jsonl(found), t) == []
    with zipfile.ZipFile(io.BytesIO(export.to_xlsx(found))) as z:
        assert leaks(b"".join(z.read(n) for n in z.namelist()).decode("utf-8", "replace"), t) == []


@pytest.mark.browser
def test_sikerja_dashboard_samarkan_in_chromium(loaded, tmp_path, browser) -> None:  # noqa: F811
    """``sikerja dashboard --samarkan`` end to end: what chromium shows, the graphs' frames and the CSV download."""
    kode, t = loaded
    port = _free_port()
    cmd = [sys.executable, "-m", "sikerja.loader.cli", "dashboard", "--port", str(port), "--samarkan"]
    with running(port, tmp_path / "dasbor.log", command=cmd) as (base, _):
        ctx = browser.new_context(viewport={"width": 1400, "height": 1400}, accept_downloads=True)
        pg = ctx.new_page()
        pg.set_default_timeout(60_000)
        seen: list[str] = []

        def look(slug: str) -> None:
            pg.goto(f"{base}/{'' if slug == 'ringkasan' else slug}?instansi={kode}")
            pg.get_by_role("heading", name=T.PAGES[slug][0], exact=True).wait_for()
            wait_idle(pg)

        def collect() -> None:
            seen.extend(f.content() for f in pg.frames)
            seen.append(pg.locator("body").inner_text())

        look("graf")
        graph_frame(pg)
        collect()
        look("tim")
        pg.get_by_text(T.T_SHOW_GRAPH).click()
        wait_idle(pg)
        graph_frame(pg)
        collect()
        look("temuan")
        pg.get_by_text(T.SAMARKAN_ON.split(" ", 1)[1].split(":")[0]).first.wait_for()  # the sidebar says so
        collect()
        with pg.expect_download() as got:
            pg.get_by_role("button", name=T.F_CSV).click()
        download = Path(got.value.path()).read_text(encoding="utf-8")
        ctx.close()
    p = pseudonym.Pseudonyms(KEY.encode())
    assert leaks("\n".join(seen), t) == [] and leaks(download, t) == []
    assert p.nip(nip(47)) in download and p.nama("Sutrisno Wibowo") in download
    assert p.nama("Budi Santoso") in "\n".join(seen)  # the Wali Kota, holder of the graph's top position
