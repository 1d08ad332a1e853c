"""Property tests: random organisations, real checks and measures vs. tests/oracle.py.

Hypothesis builds bundles the loader accepts (one root unit, a unit tree,
known codes, well-formed NIPs, jenjang only for JF, the baseline profile)
but whose organisation is faulty in many ways at once: missing superiors,
superior loops and self-loops, superiors in unrelated units, wide and narrow
spans, deep structural chains, missing / double / vacant evaluators, double
holders, Plt holders and unplaced officials. Each example is loaded under the
test's agency code (a load replaces the agency), the checks and measures are
read back from Neo4j and compared with the independent oracle.
"""

from __future__ import annotations

from pprint import pformat
from typing import Any

from bundles import nip
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from oracle import BASELINE, RULES, Org

from sikerja.queries.measures import compute, position_measures
from sikerja.queries.runner import run_checks
from sikerja.queries.version import live

PROFILE = "permenpanrb-7-2022"
MEASURES = ("bawahan_langsung", "bawahan_total", "lapisan", "kelompok_rentang")

# First element = what shrinking goes towards.
UNIT_JENIS = ("dinas", "bidang", "sekretariat", "badan", "seksi", "subbagian", "kecamatan", "uptd")
JABATAN_JENIS = ("pelaksana", "fungsional", "pengawas", "administrator", "jpt_pratama", "jpt_madya",
                 "pengawas", "administrator", "pelaksana", "kepala_daerah")
JENJANG = ("ahli_pertama", "ahli_muda", "ahli_madya", "ahli_utama", "penyelia", "mahir", "terampil", "pemula")


def _modes(normal: tuple[str, ...], faults: tuple[str, ...], chaos: int, **extra: int) -> tuple[str, ...]:
    """The choices for one decision: the normal ones, each fault ``chaos`` times, ``extra`` weights."""
    return normal + tuple(f for f in faults for _ in range(chaos)) + tuple(m for m, w in extra.items() for _ in range(w))


@st.composite
def bundles(draw: st.DrawFn, kode: str = "X", min_positions: int = 5, max_positions: int = 60) -> dict[str, list[dict[str, str]]]:
    # Units: U0 is the root (pemda); every other unit hangs under an earlier one.
    n_units = draw(st.integers(1, 8))
    units = [{"kode": "U0", "nama": "Pemerintah Daerah", "jenis": "pemda", "induk": ""}]
    for i in range(1, n_units + 1):
        parent = draw(st.integers(0, i - 1))
        units.append({"kode": f"U{i}", "nama": f"Unit {i}", "jenis": draw(st.sampled_from(UNIT_JENIS)),
                      "induk": f"U{parent}"})
    children = {u["kode"]: [c["kode"] for c in units if c["induk"] == u["kode"]] for u in units}

    def below(u: str) -> list[str]:
        out = []
        for c in children[u]:
            out += [c, *below(c)]
        return out

    n = draw(st.integers(min_positions, max_positions))
    # How faulty this organisation is (0 = a clean superior tree), and how much one hub attracts reports.
    chaos = draw(st.integers(0, 2))
    hub, hub_weight = draw(st.integers(0, 2)), draw(st.sampled_from((0, 6, 16)))
    # tree: an earlier position; hub: the hub position (wide spans); none: missing superior;
    # any: any position (loops, superiors further down); self: a self-loop.
    atasan_modes = _modes(("tree",) * 6, ("none", "any", "self"), chaos, hub=hub_weight)
    # same: the superior's unit; below: a unit under the superior's unit; random: any unit (maybe outside).
    unit_modes = _modes(("same", "below", "same"), ("random",), chaos)
    # atasan: the superior evaluates; none; other: any position; two: two distinct positions ("A|B").
    penilai_modes = _modes(("atasan",) * 3, ("none", "other", "two"), chaos)
    holder_counts = (1, 1, 0, 1) + (2,) * chaos
    jabatan: list[dict[str, str]] = []
    for i in range(n):
        if i == 0:
            jenis = draw(st.sampled_from(("kepala_daerah", *JABATAN_JENIS) if chaos else ("kepala_daerah",)))
            mode = draw(st.sampled_from(("none", "any", "self") if chaos else ("none",)))
        else:
            jenis = draw(st.sampled_from(JABATAN_JENIS))
            mode = draw(st.sampled_from(atasan_modes))
        if mode == "tree" and i > 0:
            sup = draw(st.integers(0, i - 1))
        elif mode == "hub" and i > 0:
            sup = min(hub, i - 1)
        elif mode == "any":
            sup = draw(st.integers(0, n - 1))
        elif mode == "self":
            sup = i
        else:
            sup = None

        umode = draw(st.sampled_from(unit_modes))
        if sup is not None and sup < i and umode != "random":
            su = jabatan[sup]["unit"]
            options = [su] if umode == "same" else (below(su) or [su])
            unit = draw(st.sampled_from(options))
        elif i == 0 and umode != "random":
            unit = "U0"
        else:
            unit = f"U{draw(st.integers(0, n_units))}"

        pmode = draw(st.sampled_from(penilai_modes))
        if pmode == "atasan":
            penilai = f"J{sup}" if sup is not None else ""
        elif pmode == "two" and n >= 2:
            a, b = draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True))
            penilai = f"J{a}|J{b}"
        elif pmode in ("other", "two"):
            penilai = f"J{draw(st.integers(0, n - 1))}"
        else:
            penilai = ""

        jabatan.append({
            "kode": f"J{i}", "nama": f"Jabatan {i}", "jenis": jenis,
            "jenjang": draw(st.sampled_from(JENJANG)) if jenis == "fungsional" else "",
            "unit": unit, "atasan_langsung": f"J{sup}" if sup is not None else "", "penilai": penilai,
        })

    # Officials: 0, 1 or 2 definitive holders per position, maybe a Plt, and a few unplaced.
    seq = iter(range(1, 1000))
    pegawai: list[dict[str, str]] = []
    for i in range(n):
        for _ in range(draw(st.sampled_from(holder_counts))):
            pegawai.append({"nip": nip(next(seq)), "nama": f"Pegawai {i}", "status": "PNS", "jabatan": f"J{i}", "plt": ""})
        plt = draw(st.sampled_from(("none", "none", "new", "existing")))
        if plt == "new":
            pegawai.append({"nip": nip(next(seq)), "nama": f"Plt {i}", "status": "PPPK", "jabatan": "", "plt": f"J{i}"})
        elif plt == "existing" and pegawai:
            who = draw(st.integers(0, len(pegawai) - 1))
            pegawai[who]["plt"] = f"J{i}"
    for _ in range(draw(st.integers(0, 3))):
        pegawai.append({"nip": nip(next(seq)), "nama": "Belum ditempatkan", "status": "PNS", "jabatan": "", "plt": ""})

    return {
        "instansi": [{"kode": kode, "nama": f"Pemerintah Uji {kode}", "profil": PROFILE}],
        "unit": units,
        "jabatan": jabatan,
        "pegawai": pegawai,
        "tim": [],
        "anggota_tim": [],
    }


def _diff(expected: dict[str, Any], actual: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {k: (expected.get(k), actual.get(k)) for k in sorted(set(expected) | set(actual))
            if expected.get(k) != actual.get(k)}


def _assert_same(expected: dict[str, Any], actual: dict[str, Any], what: str) -> None:
    diff = _diff(expected, actual)
    assert not diff, f"{what}: (oracle, sikerja)\n{pformat(diff, width=150)}"


def _under_a_loop(kode: str = "X") -> dict[str, list[dict[str, str]]]:
    """J0 is its own superior; J1 reports to J0 and J2 to J1 (so J1 has one report, J2 none)."""
    row = {"nama": "Jabatan", "jenis": "pengawas", "jenjang": "", "unit": "U0", "penilai": ""}
    return {
        "instansi": [{"kode": kode, "nama": "Pemerintah Uji", "profil": PROFILE}],
        "unit": [{"kode": "U0", "nama": "Pemerintah Daerah", "jenis": "pemda", "induk": ""}],
        "jabatan": [{**row, "kode": "J0", "jenis": "kepala_daerah", "atasan_langsung": "J0"},
                    {**row, "kode": "J1", "atasan_langsung": "J0"},
                    {**row, "kode": "J2", "atasan_langsung": "J1"}],
        "pegawai": [], "tim": [], "anggota_tim": [],
    }


DB_SETTINGS = settings(max_examples=40, deadline=None,
                       suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@DB_SETTINGS
@given(data=st.data())
def test_checks_match_oracle(data, instansi, load_tables, driver, db):
    tables = data.draw(bundles(kode=instansi), label="bundle")
    load_tables(tables)
    found = run_checks(driver, db, instansi, rules=RULES)
    actual = {r: sorted(f.subjek for f in found if f.rule == r) for r in RULES}
    expected = Org(tables).findings(RULES)
    _assert_same(expected, actual, "findings per rule")


@DB_SETTINGS
@given(data=st.data())
def test_measures_match_oracle(data, instansi, load_tables, driver, db):
    tables = data.draw(bundles(kode=instansi), label="bundle")
    load_tables(tables)
    rows = position_measures(driver, db, instansi, live(driver, db, instansi), BASELINE["span_groups"])
    actual = {r["kode"]: {m: r[m] for m in MEASURES} for r in rows}
    expected = Org(tables).measures(BASELINE["span_groups"])
    _assert_same(expected, actual, "measures per position")


def _compute_input(tables: dict[str, list[dict[str, str]]]) -> tuple[list[dict], list[dict], list[dict]]:
    """The rows measures/positions.cypher and units.cypher would return for ``tables``."""
    held = {j["kode"]: 0 for j in tables["jabatan"]}
    acting = dict(held)
    for p in tables["pegawai"]:
        if p["jabatan"]:
            held[p["jabatan"]] += 1
        if p["plt"]:
            acting[p["plt"]] += 1
    positions = [
        {"kode": j["kode"], "nama": j["nama"], "jenis": j["jenis"], "jenjang": j["jenjang"] or None, "unit": j["unit"],
         "atasan": j["atasan_langsung"] or None, "pemangku": held[j["kode"]], "plt": acting[j["kode"]], "dinilai": 0}
        for j in tables["jabatan"]
    ]
    units = [{"kode": u["kode"], "nama": u["nama"], "jenis": u["jenis"], "induk": u["induk"] or None, "permodelan": None}
             for u in tables["unit"]]
    return positions, units, []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables=bundles(min_positions=1, max_positions=60))
@example(tables=_under_a_loop())  # a manager below a superior loop still has a countable set of reports
def test_compute_matches_oracle(tables):
    positions, units, teams = _compute_input(tables)
    rows = compute(positions, units, teams, BASELINE["span_groups"])
    actual = {r["kode"]: {m: r[m] for m in MEASURES} for r in rows}
    expected = Org(tables).measures(BASELINE["span_groups"])
    _assert_same(expected, actual, "compute() per position")
