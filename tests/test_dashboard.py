"""The Streamlit dashboard through ``streamlit.testing.v1.AppTest`` against the real Neo4j.

Each test loads its own agency (unique code from the ``instansi`` fixture),
selects it through session_state as the sidebar picker would, opens a page
(``switch_page`` then ``run``) and checks what a user must see there.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from bundles import Tables, clone, nip, one_more_position, tiny_agency
from streamlit.testing.v1 import AppTest

from sikerja.dashboard import data, network, warm
from sikerja.dashboard import text as T
from sikerja.queries.profiles import load_profile
from sikerja.queries.runner import run_checks

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
PAGES = ["ringkasan", "rentang", "permodelan", "temuan", "graf", "tim"]
XSS_IMG = '<img src=x onerror="window.__xss=1">'
XSS_SCRIPT = "<script>window.__xss=1</script>"
XSS_ALERT = "<svg onload=\"window.__pwned=1;alert('sikerja')\"></svg>"
XSS_BREAKOUT = "\"><script>window.__pwned=1;alert(1)</script><a href=\"javascript:window.__pwned=1\">klik</a>"


def dashboard_agency(kode: str, *, xss: bool = False) -> Tables:
    """``tiny_agency`` under metro-2023 with three declared models and known deviations.

    DINKES declares MET-JPT1 and has an Ahli Madya rated by an Administrator
    (EVAL-MODEL, EVAL-GRADE); KEL-1 declares MET-PGW and conforms; KEL-2
    declares MET-PGW but is led by an Administrator (MODEL-MISMATCH). One
    official has no position. With ``xss`` a position, an official, a unit and a team carry
    markup in their names.
    """
    t = clone(tiny_agency(kode, "metro-2023"))
    for u in t["unit"]:
        if u["kode"] == "DINKES":
            u["permodelan"] = "MET-JPT1"
    t["unit"] += [
        {"kode": "KEL-1", "nama": "Kelurahan Hadimulyo", "jenis": "kelurahan", "induk": "PEMDA", "permodelan": "MET-PGW"},
        {"kode": "KEL-2", "nama": "Kelurahan Iringmulyo" + (f" {XSS_ALERT}" if xss else ""), "jenis": "kelurahan",
         "induk": "PEMDA", "permodelan": "MET-PGW"},
    ]
    if xss:
        t["tim"][0]["nama"] += f" {XSS_BREAKOUT}"
    t["jabatan"] += [
        {"kode": "EPID-3", "nama": "Epidemiolog Kesehatan Ahli Madya", "jenis": "fungsional", "jenjang": "ahli_madya",
         "unit": "BID-P2P", "atasan_langsung": "KABID", "penilai": "KABID"},
        {"kode": "LURAH-1", "nama": "Lurah Hadimulyo", "jenis": "pengawas", "unit": "KEL-1",
         "atasan_langsung": "WALIKOTA", "penilai": "KADIS"},
        {"kode": "PLK-K1", "nama": "Pengadministrasi Kelurahan", "jenis": "pelaksana", "unit": "KEL-1",
         "atasan_langsung": "LURAH-1", "penilai": "LURAH-1"},
        {"kode": "LURAH-2", "nama": "Lurah Iringmulyo", "jenis": "administrator", "unit": "KEL-2",
         "atasan_langsung": "WALIKOTA", "penilai": "WALIKOTA"},
        {"kode": "PLK-K2", "nama": "Pengadministrasi Kelurahan" + (f" {XSS_IMG}{XSS_SCRIPT}" if xss else ""),
         "jenis": "pelaksana", "unit": "KEL-2", "atasan_langsung": "LURAH-2", "penilai": "LURAH-2"},
    ]
    t["pegawai"] += [
        {"nip": nip(43), "nama": "Ahmad Fauzi", "status": "PNS", "jabatan": "EPID-3"},
        {"nip": nip(44), "nama": "Sri Lestari", "status": "PNS", "jabatan": "LURAH-1"},
        {"nip": nip(45), "nama": "Bambang Wijaya", "status": "PNS", "jabatan": "PLK-K1"},
        {"nip": nip(46), "nama": "Yusuf Hidayat", "status": "PNS", "jabatan": "LURAH-2"},
        {"nip": nip(47), "nama": "Tanpa Jabatan" if not xss else f"Budi {XSS_IMG} {XSS_SCRIPT}", "status": "PPPK",
         "jabatan": "" if not xss else "PLK-K2"},
    ]
    return t


@pytest.fixture(autouse=True)
def fresh_caches() -> None:
    """Streamlit caches are per process; a test must see the agencies it just loaded."""
    st.cache_data.clear()


def open_page(kode: str | None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    if kode is not None:
        at.session_state[data.SESSION_KEY] = kode
    at.run()
    if page and page != "ringkasan":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def frames(at: AppTest) -> list[Any]:
    return [d.value for d in at.dataframe]


def frame_with(at: AppTest, *columns: str) -> Any:
    """The first table on the page that has all of ``columns``."""
    return next(df for df in frames(at) if set(columns) <= set(df.columns))


@pytest.fixture
def loaded(instansi: str, load_tables) -> str:
    load_tables(dashboard_agency(instansi))
    return instansi


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_the_chosen_agency(loaded: str, page: str) -> None:
    at = open_page(loaded, page)
    assert at.title[0].value == T.PAGES[page][0]
    assert any(T.md(f"Pemerintah Kota Uji {loaded}") in c.value for c in at.caption)
    assert at.selectbox(key=data.SESSION_KEY).value == loaded
    assert not at.error


def test_ringkasan_counts_positions_officials_and_findings(loaded: str, driver, db) -> None:
    at = open_page(loaded)
    m = metrics(at)
    bundle = dashboard_agency(loaded)
    assert m[T.R_POSITIONS] == str(len(bundle["jabatan"]))
    assert m[T.R_VACANT] == "2"  # PLK-2 and PLK-K2 have no holder and no Plt
    assert m[T.R_OFFICIALS] == str(len(bundle["pegawai"]))
    assert m[T.R_UNPLACED] == "1"
    expected = Counter(f.severity.value for f in run_checks(driver, db, loaded))
    for sev in ("pelanggaran", "peringatan", "info"):
        assert m[f"{T.R_FINDINGS} — {T.severity(sev)}"] == str(expected.get(sev, 0))
    # Walikota -> KADIS -> KABID -> EPID: four layers; KABID has four direct reports.
    assert m[T.R_LAYERS] == "4"
    assert m[T.R_ONE_ONE].endswith("(2)")  # LURAH-1 and LURAH-2 have one report each
    compared = [df for df in frames(at) if T.KODE in df.columns]
    assert loaded in compared[0][T.KODE].tolist()


def test_rentang_filters_to_a_unit_and_its_subunits(loaded: str) -> None:
    at = open_page(loaded, "rentang")
    assert metrics(at)[T.R_POSITIONS] == "14"
    widest = frame_with(at, T.SPAN, T.SPAN_GROUP)
    assert widest.iloc[0][T.KODE] == "KABID" and widest.iloc[0][T.SPAN] == 4
    picker = at.selectbox(key=f"rentang_unit_{loaded}")
    picker.select("DINKES").run()
    assert not at.exception
    assert metrics(at)[T.R_POSITIONS] == "9"  # DINKES, BID-P2P and SEKRE
    at.toggle(key=f"rentang_unit_sub_{loaded}").set_value(False).run()
    assert metrics(at)[T.R_POSITIONS] == "1"  # only the Kepala Dinas sits in DINKES itself
    assert frame_with(at, T.LEADERS, T.SPAN_WITH_TEAMS)[T.LEADERS].tolist() == [1]


def test_permodelan_has_a_view_for_every_model_of_the_profile(loaded: str) -> None:
    at = open_page(loaded, "permodelan")
    models = [m.id for m in load_profile("metro-2023").models]
    pick = at.selectbox(key=f"permodelan_model_{loaded}")
    assert pick.options[: len(models)] and [o.split(" — ")[0] for o in pick.options] == models
    assert pick.value == "MET-JPT1"  # opens on the first model a unit declares
    for model_id in models:
        pick = at.selectbox(key=f"permodelan_model_{loaded}")
        pick.select(model_id).run()
        assert not at.exception, model_id
        assert any(md.value.startswith(f"**{T.md(model_id)} — ") for md in at.markdown), model_id
        assert at.get("graphviz_chart"), model_id


def test_permodelan_counts_conforming_units_and_marks_deviations(loaded: str) -> None:
    at = open_page(loaded, "permodelan")
    m = metrics(at)
    assert m[T.M_CONFORM] == "0 / 1"
    status = frame_with(at, T.STATUS, T.M_NEAREST)
    assert status[T.KODE].tolist() == ["DINKES"] and status[T.STATUS].tolist() == [T.M_STATUS_BAD]
    deviations = frame_with(at, T.RULE, T.MESSAGE)
    assert set(deviations[T.RULE]) == {"EVAL-MODEL", "EVAL-GRADE"} and set(deviations[T.SUBJECT]) == {"EPID-3"}
    nodes = frame_with(at, T.HOLDER)
    marked = dict(zip(nodes[T.KODE], nodes[T.R_FINDINGS]))
    assert marked["EPID-3"] == 2 and marked["KABID"] == 0

    at.selectbox(key=f"permodelan_model_{loaded}").select("MET-PGW").run()
    assert metrics(at)[T.M_CONFORM] == "1 / 2"
    status = frame_with(at, T.STATUS, T.M_NEAREST)
    assert dict(zip(status[T.KODE], status[T.STATUS])) == {"KEL-2": T.M_STATUS_BAD, "KEL-1": T.M_STATUS_OK}
    assert "MODEL-MISMATCH" in frame_with(at, T.RULE, T.MESSAGE)[T.RULE].tolist()  # KEL-2, deviating, comes first


def test_temuan_lists_findings_with_articles_and_filters(loaded: str, driver, db) -> None:
    at = open_page(loaded, "temuan")
    expected = run_checks(driver, db, loaded)
    table = frames(at)[0]
    assert len(table) == len(expected)
    assert sorted(table[T.RULE]) == sorted(f.rule for f in expected)
    assert all(table[T.DASAR].str.len() > 0)
    assert {"MODEL-MISMATCH", "EVAL-MODEL", "PEGAWAI-UNPLACED"} <= set(table[T.RULE])
    assert len(at.get("download_button")) == 2

    at.multiselect(key=f"temuan_aturan_{loaded}").select("MODEL-MISMATCH").run()
    table = frames(at)[0]
    assert table[T.RULE].tolist() == ["MODEL-MISMATCH"] and table[T.SUBJECT].tolist() == ["KEL-2"]
    at.multiselect(key=f"temuan_aturan_{loaded}").set_value([]).run()

    at.selectbox(key=f"temuan_unit_{loaded}").select("DINKES").run()
    table = frames(at)[0]
    assert set(table[T.SUBJECT]) == {"EPID-3"}  # findings of DINKES and its sub-units only
    at.multiselect(key=f"temuan_tingkat_{loaded}").select("pelanggaran").run()
    assert frames(at)[0][T.RULE].tolist() == ["EVAL-GRADE", "EVAL-NOT-ATASAN"]


def test_graf_draws_subtree_chain_team_and_search(loaded: str) -> None:
    at = open_page(loaded, "graf")
    assert at.get("iframe"), "the unit graph is drawn"
    nodes = frame_with(at, T.HOLDER)
    assert len(nodes) == 14 and "Budi Santoso" in nodes[T.HOLDER].tolist()

    at.segmented_control(key=f"graf_mode_{loaded}").set_value("jabatan").run()
    at.selectbox(key=f"graf_jabatan_unit_{loaded}").select("BID-P2P").run()
    at.selectbox(key=f"graf_jabatan_{loaded}_BID-P2P").select("EPID-3").run()
    assert not at.exception
    chain = frame_with(at, T.HOLDER)
    # EPID-3, its superiors up to the Wali Kota, nothing else.
    assert set(chain[T.KODE]) == {"EPID-3", "KABID", "KADIS", "WALIKOTA"}

    at.segmented_control(key=f"graf_mode_{loaded}").set_value("tim").run()
    team = frame_with(at, T.T_ROLE)
    assert dict(zip(team[T.NAMA], team[T.T_ROLE]))["Agus Salim"] == T.PERAN["ketua"]

    at.segmented_control(key=f"graf_mode_{loaded}").set_value("cari").run()
    at.text_input(key=f"graf_cari_{loaded}").input(nip(43)).run()
    hits = frames(at)[0]
    assert hits[T.NAMA].tolist() == ["Ahmad Fauzi"]
    chain = frame_with(at, T.HOLDER)
    assert "EPID-3" in chain[T.KODE].tolist()  # an official's search hit draws the chain of the position held


def test_tim_kerja_lists_teams_leaders_and_durations(loaded: str) -> None:
    at = open_page(loaded, "tim")
    teams = frames(at)[0]
    row = teams.set_index(T.KODE).loc["TIM-DBD"]
    assert row[T.T_LEADER] == "Agus Salim" and row[T.T_MEMBERS] == 3 and row[T.T_MONTHS] == 11
    assert row[T.T_OWNER] == "Bidang Pencegahan dan Pengendalian Penyakit"
    assert not row[T.T_CROSS_UNIT]
    members = frames(at)[1]
    assert sorted(members[T.NAMA]) == ["Agus Salim", "Joko Prasetyo", "Rina Wati"]
    at.toggle(key=f"tim_graf_{loaded}").set_value(True).run()
    assert not at.exception and at.get("iframe")


def test_agency_choice_is_kept_across_pages(instansi: str, load_tables) -> None:
    other = f"{instansi}-B"
    load_tables(dashboard_agency(instansi))
    second = clone(tiny_agency(other))
    second["instansi"][0]["nama"] = "Pemerintah Kabupaten Kedua"
    try:
        load_tables(second)
        st.cache_data.clear()
        at = open_page(instansi)
        at.selectbox(key=data.SESSION_KEY).select(other).run()
        for page in PAGES[1:]:
            at.switch_page(f"app_pages/{page}.py").run()
            assert not at.exception
            assert at.session_state[data.SESSION_KEY] == other, page
            assert any("Pemerintah Kabupaten Kedua" in c.value for c in at.caption), page
        # Ringkasan puts agencies side by side once they are added to the comparison.
        at.switch_page("app_pages/ringkasan.py").run()
        at.multiselect(key="ringkasan_banding").select(instansi).run()
        assert not at.exception
        compared = frame_with(at, T.KODE, T.R_SPAN_AVG)
        assert sorted(compared[T.KODE]) == sorted([instansi, other])
        assert dict(zip(compared[T.KODE], compared[T.R_POSITIONS])) == {instansi: 14, other: 9}
    finally:
        from sikerja.loader import write

        d, db = data.driver()
        write.delete_agency(d, db, other)


@pytest.mark.parametrize("page", PAGES)
def test_an_empty_database_gives_a_clear_message(page: str, monkeypatch) -> None:
    # Community edition has one user database, shared with other tests: the agency list is emptied here.
    monkeypatch.setattr("sikerja.queries.version.agencies", lambda driver, db, instansi=None: [])
    at = AppTest.from_file(APP, default_timeout=60).run()
    if page != "ringkasan":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception
    assert [i.value for i in at.info] == [T.EMPTY_DB]
    assert at.title[0].value == T.PAGES[page][0]


def test_an_unreachable_server_gives_a_message_and_the_next_run_retries(loaded: str, monkeypatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")  # nothing listens on port 1
    monkeypatch.setenv("NEO4J_PASSWORD", "tidak-dipakai")
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[data.SESSION_KEY] = loaded
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [T.DB_UNAVAILABLE]
    monkeypatch.undo()
    at.run()
    assert not at.exception and not at.error
    assert metrics(at)[T.R_POSITIONS] == "14"


def test_a_version_replaced_while_the_page_reads_it_is_not_shown(loaded: str, load_tables) -> None:
    open_page(loaded)  # the agency list (with its live version) is now cached for 15 s
    load_tables(one_more_position(dashboard_agency(loaded)))  # a load lands, and this version's reads were not cached yet:
    for cached in (data.finding_rows, data.measure_rows, data._rows, data._keyed, data._finding_units, data._unit_models):
        cached.clear()
    warm.forget()
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state[data.SESSION_KEY] = loaded
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [T.DATA_CHANGED]  # the retired version was being deleted: not shown
    at.run()  # Coba lagi
    assert not at.exception and not at.error
    assert metrics(at)[T.R_POSITIONS] == "15"


# ----------------------------------------------------------------------------- network and shaping

def test_network_html_escapes_names_and_needs_no_internet() -> None:
    rows = [
        {"kode": "A", "nama": f"Kepala {XSS_SCRIPT}", "jenis": "jpt_pratama", "unit": "U", "atasan": None,
         "penilai": [], "pemangku": [f"Budi {XSS_IMG}"], "plt": []},
        {"kode": "B", "nama": "Staf & <b>", "jenis": "pelaksana", "unit": "U", "atasan": "A",
         "penilai": [{"kode": "A", "nama": f"Kepala {XSS_SCRIPT}", "jenis": "jpt_pratama"}], "pemangku": [], "plt": []},
    ]
    g = network.unit_graph([{"kode": "U", "nama": "Unit <i>", "induk": None}], rows, "U",
                           marks={("Jabatan", "B"): [f"EVAL-MISSING: {XSS_IMG}"]})
    page = network.render(g)
    for raw in (XSS_SCRIPT, XSS_IMG, "Staf & <b>", "Unit <i>"):
        assert raw not in page
    label = next(n["label"] for n in g.nodes if n["id"] == "j:A")
    assert label.startswith("Kepala &lt;script&gt;")
    assert 'src="http' not in page and "cdn.jsdelivr" not in page
    assert "sikerjaPlain(nodes)" in page  # the decoder that shows escaped text as text
    assert next(n for n in g.nodes if n["id"] == "j:B")["color"]["border"] == network.FINDING_BORDER


def test_network_aggregates_large_subtrees_per_unit() -> None:
    units = [{"kode": "ROOT", "nama": "Pemda", "induk": None, "jenis": "pemda"}] + [
        {"kode": f"U{i}", "nama": f"Unit {i}", "induk": "ROOT", "jenis": "dinas"} for i in range(12)]
    positions = [{"kode": f"J{i}", "unit": f"U{i % 12}", "pemangku": 0 if i % 5 == 0 else 1, "plt": 0}
                 for i in range(network.MAX_NODES + 100)]
    g = network.unit_graph(units, positions, "ROOT")
    assert g.aggregated and len(g.nodes) == 13
    counted = {r["kode"]: r for r in g.table}
    assert sum(r["jabatan"] for r in counted.values()) == len(positions)
    assert counted["U0"]["kosong"] == sum(1 for i in range(len(positions)) if i % 12 == 0 and i % 5 == 0)


def test_network_groups_staff_without_reports_in_large_units() -> None:
    head = {"kode": "H", "nama": "Kepala", "jenis": "jpt_pratama", "unit": "U", "atasan": None, "penilai": [],
            "pemangku": ["A"], "plt": []}
    managers = [{"kode": f"M{i}", "nama": f"Kabid {i}", "jenis": "administrator", "unit": "U", "atasan": "H",
                 "penilai": [], "pemangku": ["B"], "plt": []} for i in range(3)]
    staff = [{"kode": f"S{i}", "nama": f"Staf {i}", "jenis": "fungsional" if i % 2 else "pelaksana", "unit": "U",
              "atasan": f"M{i % 3}", "penilai": [], "pemangku": [] if i % 10 == 0 else ["C"], "plt": []}
             for i in range(150)]
    g = network.unit_graph([{"kode": "U", "nama": "Unit", "induk": None}], [head, *managers, *staff], "U",
                           marks={("Jabatan", "S0"): ["EVAL-MISSING: x"]})
    assert len(g.nodes) == 1 + 3 + 6 and len(g.table) == 154 and g.notes
    group = next(n for n in g.nodes if n["id"] == "g:M0:pelaksana")  # S0, S6, S12, ... (i % 3 == 0, even)
    assert group["label"].startswith("25 × Pelaksana") and group["color"]["border"] == network.FINDING_BORDER


def test_network_cuts_depth_when_even_units_are_too_many() -> None:
    units = [{"kode": "R", "nama": "R", "induk": None}] + [
        {"kode": f"C{i}", "nama": f"C{i}", "induk": "R"} for i in range(30)] + [
        {"kode": f"G{i}", "nama": f"G{i}", "induk": f"C{i % 30}"} for i in range(600)]
    positions = [{"kode": f"J{i}", "unit": f"G{i}", "pemangku": 1, "plt": 0} for i in range(600)]
    g = network.unit_aggregate(units, positions, "R")
    assert len(g.nodes) == 31 and g.notes
    assert sum(r["jabatan"] for r in g.table) == 600  # cut-off units are counted in their ancestors


def test_governed_units_stop_at_a_nested_declaration() -> None:
    units = [
        {"kode": "D", "induk": None, "permodelan": "M1"}, {"kode": "B", "induk": "D", "permodelan": None},
        {"kode": "S", "induk": "B", "permodelan": None}, {"kode": "U", "induk": "D", "permodelan": "M2"},
        {"kode": "V", "induk": "U", "permodelan": None},
    ]
    assert data.governed_units(units, "D") == {"D", "B", "S"}
    assert data.governed_units(units, "U") == {"U", "V"}
    assert data.subtree(units, "D") == {"D", "B", "S", "U", "V"}


@pytest.mark.parametrize(("start", "end", "months"), [
    ("2024-01-01", "2024-12-31", 11), ("2024-01-15", "2025-01-15", 12), ("2024-01-31", "2024-02-29", 0),
    ("2024-01-01", None, None), ("bukan", "2024-01-01", None),
])
def test_months_between_counts_like_neo4j(start: str, end: str | None, months: int | None) -> None:
    assert data.months_between(start, end) == months


def test_markdown_escape_keeps_data_literal() -> None:
    assert T.md("[x](javascript:alert(1)) :red[y] *z* <b>") == (
        r"\[x\]\(javascript\:alert\(1\)\) \:red\[y\] \*z\* \<b\>")


def test_network_groups_staff_when_one_level_is_too_wide_to_read() -> None:
    # 31 positions (far below GROUP_STAFF_ABOVE) but 30 on one level: drawn one by one, the tree would be fitted to
    # a sixth of its size. Staff are grouped per superior and kind instead, and every position stays in the table.
    units = [{"kode": "U", "nama": "Unit", "induk": None}]
    rows = [{"kode": "H", "nama": "Kepala", "jenis": "jpt_pratama", "unit": "U", "atasan": None, "penilai": [],
             "pemangku": ["A"], "plt": []}] + [
        {"kode": f"S{i:02d}", "nama": f"Staf {i}", "jenis": "fungsional" if i % 2 else "pelaksana", "unit": "U",
         "atasan": "H", "penilai": [], "pemangku": [] if i % 5 == 0 else [f"P{i}"], "plt": []} for i in range(30)]
    g = network.unit_graph(units, rows, "U")
    assert {n["id"] for n in g.nodes} == {"j:H", "g:H:fungsional", "g:H:pelaksana"}
    assert len(g.table) == 31 and g.notes
    assert next(n for n in g.nodes if n["id"] == "g:H:pelaksana")["label"].startswith("15 × Pelaksana")


def test_graf_shows_the_delegations_that_cover_a_position(instansi: str, load_tables) -> None:
    # "Pejabat Penilai Kinerja adalah atasan langsung ... atau pejabat lain yang diberi pendelegasian
    # kewenangan": the chain view names the delegate and the SK (issue 19).
    t = dashboard_agency(instansi)
    t["pendelegasian"] = [{"penilai": "SEKDIS", "pemberi": "KADIS", "lingkup": "BID-P2P", "sk_nomor": "800/7/DINKES/2024",
                           "mulai": "2024-01-01", "selesai": ""}]
    load_tables(t)
    at = open_page(instansi, "graf")
    at.segmented_control(key=f"graf_mode_{instansi}").set_value("jabatan").run()
    at.selectbox(key=f"graf_jabatan_unit_{instansi}").select("BID-P2P").run()
    at.selectbox(key=f"graf_jabatan_{instansi}_BID-P2P").select("EPID-1").run()
    table = frame_with(at, T.G_DELEGATE, T.G_SK)
    assert table[T.G_SK].tolist() == ["800/7/DINKES/2024"] and table[T.G_IN_FORCE].tolist() == [T.YES]
    assert table[T.G_DELEGATE].tolist()[0].startswith("SEKDIS")


def test_the_reference_date_in_the_sidebar_judges_delegations_at_that_date(instansi: str, load_tables) -> None:
    import datetime as dt

    t = dashboard_agency(instansi)
    t["jabatan"] = [{**j, "penilai": "SEKDIS"} if j["kode"] == "EPID-1" else j for j in t["jabatan"]]
    t["pendelegasian"] = [{"penilai": "SEKDIS", "pemberi": "KADIS", "lingkup": "BID-P2P", "sk_nomor": "800/7/DINKES/2024",
                           "mulai": "2024-01-01", "selesai": "2025-06-30"}]
    load_tables(t)
    at = open_page(instansi, "temuan")
    rules = set(zip(frames(at)[0][T.RULE], frames(at)[0][T.SUBJECT]))
    assert ("EVAL-NOT-ATASAN", "EPID-1") in rules  # the SK expired before today
    at.date_input(key=data.PER_KEY).set_value(dt.date(2025, 1, 1)).run()
    rules = set(zip(frames(at)[0][T.RULE], frames(at)[0][T.SUBJECT]))
    assert ("EVAL-NOT-ATASAN", "EPID-1") not in rules  # within the SK's period
