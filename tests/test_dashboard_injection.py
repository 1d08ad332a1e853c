"""Cypher injection (issue 7): strings made to break out of a query, in codes and names of the bundle and typed
into every field a user controls, are stored and shown verbatim and never executed.

Every read passes user input as a parameter; these tests show the result: the
strings come back as data on every page, the searches and filters take them
without an error, and neither the agency nor an unrelated canary agency
changes.
"""

from __future__ import annotations

import pytest
import streamlit as st
from bundles import Tables, tiny_agency
from conftest import snapshot
from test_dashboard import APP, PAGES, dashboard_agency, frames, metrics
from streamlit.testing.v1 import AppTest

from sikerja.dashboard import data, warm
from sikerja.dashboard import text as T
from sikerja.loader import write
from sikerja.queries.version import agencies

PAYLOADS = [
    "' OR 1=1 //",
    "\"}) MATCH (n) DETACH DELETE n //",
    "x') WITH 1 AS a MATCH (n) SET n.dibobol = true RETURN a //",
    "'}) CALL dbms.components() YIELD name RETURN name //",
    "$instansi {instansi} {0} %s",
    "\\' ; DROP CONSTRAINT x; //",
]
UNIT_CODE = "KEL-3' OR '1'='1"
POSITION_CODE = "PLK-K3\"}) DETACH DELETE n //"


def injected_agency(kode: str) -> Tables:
    t = dashboard_agency(kode)
    t["instansi"][0]["nama"] = f"Pemerintah Kota Uji {kode} {PAYLOADS[3]}"
    for u in t["unit"]:
        if u["kode"] == "KEL-2":
            u["nama"] = f"Kelurahan {PAYLOADS[0]}"
    t["unit"].append({"kode": UNIT_CODE, "nama": f"Kelurahan {PAYLOADS[1]}", "jenis": "kelurahan", "induk": "PEMDA"})
    t["jabatan"].append({"kode": POSITION_CODE, "nama": f"Lurah {PAYLOADS[2]}", "jenis": "pengawas", "unit": UNIT_CODE,
                         "atasan_langsung": "WALIKOTA", "penilai": ""})  # no evaluator: EVAL-MISSING names it
    t["pegawai"].append({"nip": "198501012010011099", "nama": f"Dewi {PAYLOADS[4]}", "status": "PNS",
                         "jabatan": POSITION_CODE})
    t["tim"][0]["nama"] = f"Tim {PAYLOADS[5]}"
    return t


@pytest.fixture(autouse=True)
def fresh() -> None:
    st.cache_data.clear()
    warm.forget()


@pytest.fixture
def loaded(instansi: str, load_tables, driver, db):
    """(agency code, its snapshot, a canary agency's code and snapshot); the canary is removed afterwards."""
    load_tables(injected_agency(instansi))
    canary = f"{instansi}-KENARI"
    load_tables(tiny_agency(canary))
    yield instansi, snapshot(driver, db, instansi), canary, snapshot(driver, db, canary)
    write.delete_agency(driver, db, canary)


def run_page(kode: str | None, page: str, *, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    if kode is not None:
        at.session_state[data.SESSION_KEY] = kode
    if query:
        at.query_params.update(query)
    at.run()
    if page != "ringkasan":
        at.switch_page(f"app_pages/{page}.py").run()
    ok(at)
    return at


def ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def cells(at: AppTest) -> set[str]:
    return {str(v) for df in frames(at) for col in df.columns for v in df[col].tolist()}


def unchanged(driver, db, loaded) -> None:
    kode, before, canary, canary_before = loaded
    assert snapshot(driver, db, kode) == before
    assert snapshot(driver, db, canary) == canary_before


def test_codes_and_names_come_back_verbatim_on_every_page(loaded, driver, db) -> None:
    kode = loaded[0]
    for page in PAGES:
        at = run_page(kode, page)
        assert any(T.md(PAYLOADS[3]) in c.value for c in at.caption), page  # the agency's name, Markdown-escaped
    at = run_page(kode, "graf")
    nodes = cells(at)
    assert {POSITION_CODE, f"Lurah {PAYLOADS[2]}", f"Dewi {PAYLOADS[4]}"} <= nodes
    at = run_page(kode, "tim")
    assert f"Tim {PAYLOADS[5]}" in cells(at)
    at = run_page(kode, "temuan")
    missing = frames(at)[0]
    assert POSITION_CODE in missing[T.SUBJECT].tolist()  # EVAL-MISSING about the position whose code is a payload
    unchanged(driver, db, loaded)


def test_payloads_typed_into_the_searches_are_searched_for(loaded, driver, db) -> None:
    kode = loaded[0]
    at = run_page(kode, "graf")
    at.segmented_control(key=f"graf_mode_{kode}").set_value("cari").run()
    for payload in PAYLOADS:
        at.text_input(key=f"graf_cari_{kode}").input(payload).run()
        ok(at)
        if payload == PAYLOADS[3]:  # only in the agency's own name, which the search does not look through
            assert [i.value for i in at.info] == [T.G_SEARCH_NONE]
            continue
        hits = frames(at)[0]  # every other payload is part of a unit, position, official or team name
        assert any(payload in str(n) for n in hits[T.NAMA]), payload
    at.text_input(key=f"graf_cari_{kode}").input("') RETURN 1 UNION MATCH (n) RETURN n //").run()
    ok(at)
    assert [i.value for i in at.info] == [T.G_SEARCH_NONE]

    at = run_page(kode, "temuan")
    for payload in [*PAYLOADS, POSITION_CODE]:
        at.text_input(key=f"temuan_cari_{kode}").input(payload).run()
        ok(at)
    shown = frames(at)[0]
    assert set(shown[T.SUBJECT]) == {POSITION_CODE}
    unchanged(driver, db, loaded)


def test_every_filter_takes_a_payload_code_as_data(loaded, driver, db) -> None:
    kode = loaded[0]
    at = run_page(kode, "temuan")
    at.selectbox(key=f"temuan_unit_{kode}").select(UNIT_CODE).run()
    ok(at)
    subjects = set(frames(at)[0][T.SUBJECT])
    assert POSITION_CODE in subjects and subjects <= {POSITION_CODE, UNIT_CODE}  # that unit's findings only
    at.multiselect(key=f"temuan_aturan_{kode}").select("EVAL-MISSING").run()
    at.multiselect(key=f"temuan_tingkat_{kode}").select("pelanggaran").run()
    ok(at)
    at = run_page(kode, "rentang")
    at.selectbox(key=f"rentang_unit_{kode}").select(UNIT_CODE).run()
    ok(at)
    assert metrics(at)[T.R_POSITIONS] == "1"
    at = run_page(kode, "graf")
    at.selectbox(key=f"graf_unit_{kode}").select(UNIT_CODE).run()
    ok(at)
    assert POSITION_CODE in cells(at)
    at.segmented_control(key=f"graf_mode_{kode}").set_value("jabatan").run()
    at.selectbox(key=f"graf_jabatan_unit_{kode}").select(UNIT_CODE).run()
    at.selectbox(key=f"graf_jabatan_{kode}_{UNIT_CODE}").select(POSITION_CODE).run()
    ok(at)
    assert {POSITION_CODE, "WALIKOTA"} <= cells(at)
    unchanged(driver, db, loaded)


def test_a_payload_in_the_address_picks_no_agency(loaded, driver, db) -> None:
    known = {a["kode"] for a in agencies(driver, db)}
    for payload in PAYLOADS:
        at = run_page(None, "ringkasan", query={"instansi": payload})
        assert at.session_state[data.SESSION_KEY] in known and at.session_state[data.SESSION_KEY] != payload
    unchanged(driver, db, loaded)
