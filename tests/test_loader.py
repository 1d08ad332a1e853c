"""The loader against the real server: schema of DESIGN §2, replace semantics,
every refusal class of DESIGN §1, and the three input forms."""

from __future__ import annotations

import copy
import subprocess
import sys

import pytest
from bundles import HEADERS, clone, nip, one_more_position, tiny_agency, write_csv, write_xlsx
from conftest import snapshot

from sikerja.loader.bundle import BundleError
from sikerja.loader.load import load_bundle
from sikerja.queries.profiles import models_of


def one(driver, db, query, **params):
    records = driver.execute_query(query, database_=db, **params).records
    assert len(records) == 1
    return records[0]


def test_every_label_key_and_relationship_direction(driver, db, instansi, load_tables):
    load_tables(tiny_agency(instansi))
    counts = {
        label: one(driver, db, f"MATCH (n:{label} {{instansi: $k}}) RETURN count(n) AS n", k=instansi)["n"]
        for label in ("Instansi", "UnitOrganisasi", "Jabatan", "Pegawai", "TimKerja")
    }
    assert counts == {"Instansi": 1, "UnitOrganisasi": 4, "Jabatan": 9, "Pegawai": 8, "TimKerja": 1}
    # keys
    assert one(driver, db, "MATCH (n:Instansi {kode: $k}) RETURN n.nama AS v", k=instansi)["v"] == f"Pemerintah Kota Uji {instansi}"
    assert one(driver, db, "MATCH (n:Pegawai {instansi: $k, nip: $nip}) RETURN n.nama AS v", k=instansi, nip=nip(4))["v"] == "Agus Salim"
    # (a)-[:ATASAN_LANGSUNG]->(b) reads "a's direct superior is b"
    edges = {
        ("ATASAN_LANGSUNG", "MATCH (a:Jabatan {instansi:$k, kode:'KABID'})-[:ATASAN_LANGSUNG]->(b:Jabatan) RETURN b.kode AS v"): "KADIS",
        ("PENILAI", "MATCH (a:Jabatan {instansi:$k, kode:'EPID-1'})-[:PENILAI]->(b:Jabatan) RETURN b.kode AS v"): "KABID",
        ("BAGIAN_DARI", "MATCH (a:UnitOrganisasi {instansi:$k, kode:'BID-P2P'})-[:BAGIAN_DARI]->(b:UnitOrganisasi) RETURN b.kode AS v"): "DINKES",
        ("DI_UNIT", "MATCH (a:Jabatan {instansi:$k, kode:'EPID-1'})-[:DI_UNIT]->(b:UnitOrganisasi) RETURN b.kode AS v"): "BID-P2P",
        ("MENDUDUKI", "MATCH (a:Pegawai {instansi:$k})-[:MENDUDUKI]->(b:Jabatan {kode:'KADIS'}) RETURN a.nip AS v"): nip(2),
        ("PEMILIK_KINERJA", "MATCH (a:TimKerja {instansi:$k, kode:'TIM-DBD'})-[:PEMILIK_KINERJA]->(b:UnitOrganisasi) RETURN b.kode AS v"): "BID-P2P",
        ("DITETAPKAN_OLEH", "MATCH (a:TimKerja {instansi:$k, kode:'TIM-DBD'})-[:DITETAPKAN_OLEH]->(b:Jabatan) RETURN b.kode AS v"): "KADIS",
        ("MEMBER_OF", "MATCH (a:Pegawai {instansi:$k})-[m:MEMBER_OF {peran:'ketua'}]->(b:TimKerja) RETURN a.nip + '|' + m.penugasan + '|' + m.mulai AS v"): f"{nip(4)}|ditugaskan|2024-01-01",
    }
    for (_, query), expected in edges.items():
        assert one(driver, db, query, k=instansi)["v"] == expected, query
    # no edge points the other way
    back = one(driver, db, "MATCH (:Jabatan {instansi:$k, kode:'KADIS'})-[r:ATASAN_LANGSUNG]->(:Jabatan {kode:'KABID'}) RETURN count(r) AS n", k=instansi)
    assert back["n"] == 0


def test_plt_permodelan_and_unknown_columns(driver, db, instansi, load_tables):
    t = tiny_agency(instansi, profil="metro-2023")
    models = models_of("metro-2023")
    assert models, "the Metro profile defines permodelan"
    t["unit"][1]["permodelan"] = models[0]["id"]
    t["pegawai"].append({"nip": nip(70), "nama": "Plt Kabid", "status": "PNS", "jabatan": "", "plt": "KABID", "golongan": "III/d"})
    load_tables(t)
    rec = one(driver, db, "MATCH (p:Pegawai {instansi:$k, nip:$n})-[:PLT]->(j:Jabatan) RETURN j.kode AS j, p.golongan AS g", k=instansi, n=nip(70))
    assert (rec["j"], rec["g"]) == ("KABID", "III/d")
    rec = one(driver, db, "MATCH (:UnitOrganisasi {instansi:$k, kode:'DINKES'})-[:MENERAPKAN]->(m:Permodelan) RETURN m.id AS id, m.dasar AS d", k=instansi)
    assert rec["id"] == models[0]["id"] and rec["d"]
    n_models = one(driver, db, "MATCH (m:Permodelan {instansi:$k}) RETURN count(m) AS n", k=instansi)["n"]
    assert n_models == len(models)


def test_second_load_replaces_rather_than_duplicates(driver, db, instansi, load_tables):
    load_tables(tiny_agency(instansi))
    first = snapshot(driver, db, instansi)
    load_tables(tiny_agency(instansi))
    assert snapshot(driver, db, instansi) == first
    changed = tiny_agency(instansi)
    changed["jabatan"] = [j for j in changed["jabatan"] if j["kode"] != "PLK-1"]
    changed["pegawai"] = [p for p in changed["pegawai"] if p["jabatan"] != "PLK-1"]
    changed["anggota_tim"] = [a for a in changed["anggota_tim"] if a["nip"] != nip(6)]
    changed["unit"][1]["nama"] = "Dinas Kesehatan dan KB"
    load_tables(changed)
    assert one(driver, db, "MATCH (j:Jabatan {instansi:$k}) RETURN count(j) AS n", k=instansi)["n"] == 8
    assert one(driver, db, "MATCH (j:Jabatan {instansi:$k, kode:'PLK-1'}) RETURN count(j) AS n", k=instansi)["n"] == 0
    assert one(driver, db, "MATCH (u:UnitOrganisasi {instansi:$k, kode:'DINKES'}) RETURN u.nama AS v", k=instansi)["v"] == "Dinas Kesehatan dan KB"
    assert one(driver, db, "MATCH (i:Instansi {kode:$k}) RETURN count(i) AS n", k=instansi)["n"] == 1


def test_agencies_do_not_touch_each_other(driver, db, instansi, load_tables):
    other = instansi + "-B"
    try:
        load_tables(tiny_agency(other))
        before = snapshot(driver, db, other)
        load_tables(tiny_agency(instansi))
        changed = tiny_agency(instansi)
        changed["unit"][1]["nama"] = "lain"
        load_tables(changed)
        assert snapshot(driver, db, other) == before
    finally:
        from sikerja.loader.write import delete_agency

        delete_agency(driver, db, other)


# A delegation of the rating authority (DESIGN §1 pendelegasian.csv): the Sekretaris rates the staff
# of the Bidang P2P under an SK of the Kepala Dinas.
DELEGATION = {"penilai": "SEKDIS", "pemberi": "KADIS", "lingkup": "BID-P2P", "sk_nomor": "800/7/DINKES/2024",
              "mulai": "2024-01-01", "selesai": ""}


def with_delegation(t, **changes):
    t["pendelegasian"] = [{**DELEGATION, **changes}]
    return t


def test_a_delegation_is_a_node_with_its_delegate_giver_and_scope(driver, db, instansi, load_tables):
    load_tables(with_delegation(tiny_agency(instansi)))
    rec = one(driver, db, """
        MATCH (i:Instansi {kode: $k})
        MATCH (d:Pendelegasian {muatan: i.muatan})-[:PENERIMA]->(p:Jabatan), (d)-[:PEMBERI]->(g:Jabatan),
              (d)-[:LINGKUP]->(s:UnitOrganisasi)
        RETURN p.kode AS penilai, g.kode AS pemberi, s.kode AS lingkup, d.sk_nomor AS sk, d.mulai AS mulai,
               d.selesai AS selesai, d.baris AS baris""", k=instansi)
    assert rec == {"penilai": "SEKDIS", "pemberi": "KADIS", "lingkup": "BID-P2P", "sk": "800/7/DINKES/2024",
                   "mulai": "2024-01-01", "selesai": None, "baris": 2}
    load_tables(with_delegation(tiny_agency(instansi), lingkup="EPID-1"))  # a position as the scope
    assert one(driver, db, "MATCH (i:Instansi {kode: $k}) MATCH (:Pendelegasian {muatan: i.muatan})-[:LINGKUP]->(j:Jabatan) "
                           "RETURN j.kode AS j", k=instansi) == {"j": "EPID-1"}


def test_a_bundle_without_delegations_loads_as_before(driver, db, instansi, load_tables):
    load_tables(tiny_agency(instansi))
    assert one(driver, db, "MATCH (i:Instansi {kode: $k}) MATCH (d:Pendelegasian {muatan: i.muatan}) RETURN count(d) AS n",
               k=instansi) == {"n": 0}


def test_delegations_load_the_same_from_csv_and_xlsx(driver, db, instansi, tmp_path):
    t = with_delegation(tiny_agency(instansi))
    graphs = []
    for path in (write_csv(t, tmp_path / "csv", delimiter=";", bom=True), write_xlsx(t, tmp_path / "b.xlsx")):
        load_bundle(driver, db, path, models_of)
        graphs.append(snapshot(driver, db, instansi))
    assert graphs[0] == graphs[1]
    assert ("PENERIMA", "Pendelegasian:2", "Jabatan:SEKDIS", []) in graphs[0][1]


def test_csv_semicolon_bom_and_xlsx_load_to_the_same_graph(driver, db, instansi, tmp_path):
    t = tiny_agency(instansi)
    t["unit"][1]["nama"] = "Dinas Kesehatan; Pengendalian Penduduk, dan KB"  # both delimiters inside a value
    forms = {
        "csv": write_csv(t, tmp_path / "comma"),
        "semicolon-bom": write_csv(t, tmp_path / "semi", delimiter=";", bom=True),
        "xlsx": write_xlsx(t, tmp_path / "bundle.xlsx"),
    }
    graphs = {}
    for form, path in forms.items():
        load_bundle(driver, db, path, models_of)
        graphs[form] = snapshot(driver, db, instansi)
    assert graphs["csv"] == graphs["semicolon-bom"] == graphs["xlsx"]
    assert len(graphs["csv"][0]) == 23 and len(graphs["csv"][1]) > 20


# --- refusals: each case breaks a good agency in one way; nothing may change ---

def _drop(name):
    def apply(t, headers):
        del t[name]
    return apply


def _set(name, index, column, value):
    def apply(t, headers):
        t[name][index][column] = value
    return apply


def _drop_column(name, column):
    def apply(t, headers):
        for row in t[name]:
            row.pop(column, None)
        headers[name] = [c for c in headers[name] if c != column]
    return apply


def _delegate(**changes):
    def apply(t, headers):
        with_delegation(t, **changes)
    return apply


def _delegate_without(column):
    def apply(t, headers):
        with_delegation(t)
        _drop_column("pendelegasian", column)(t, headers)
    return apply


def _unit_named_like_a_position(t, headers):
    t["unit"].append({"kode": "KABID", "nama": "Unit Bernama Seperti Jabatan", "jenis": "lainnya", "induk": "PEMDA"})
    with_delegation(t, lingkup="KABID")


def _append(name, row):
    def apply(t, headers):
        t[name].append(row)
    return apply


REFUSALS = {
    # id: (mutation, expected file, expected row, expected column)
    "missing-file": (_drop("pegawai"), "pegawai.csv", None, None),
    "missing-column": (_drop_column("jabatan", "jenis"), "jabatan.csv", 1, "jenis"),
    "duplicate-key": (_set("jabatan", 5, "kode", "EPID-2"), "jabatan.csv", 7, "kode"),
    "duplicate-nip": (_set("pegawai", 5, "nip", nip(5, gender="2")), "pegawai.csv", 7, "nip"),
    "unknown-superior": (_set("jabatan", 3, "atasan_langsung", "TIDAK-ADA"), "jabatan.csv", 5, "atasan_langsung"),
    "unknown-unit": (_set("jabatan", 2, "unit", "BIDANG-X"), "jabatan.csv", 4, "unit"),
    "unknown-team-member": (_set("anggota_tim", 1, "nip", nip(99)), "anggota_tim.csv", 3, "nip"),
    "unit-cycle": (_set("unit", 1, "induk", "BID-P2P"), "unit.csv", 3, "induk"),
    "two-roots": (_set("unit", 1, "induk", ""), "unit.csv", None, "induk"),
    "jenis-outside-list": (_set("jabatan", 2, "jenis", "eselon_3"), "jabatan.csv", 4, "jenis"),
    "jenjang-outside-list": (_set("jabatan", 3, "jenjang", "ahli_super"), "jabatan.csv", 5, "jenjang"),
    "status-outside-list": (_set("pegawai", 0, "status", "honorer"), "pegawai.csv", 2, "status"),
    "peran-outside-list": (_set("anggota_tim", 0, "peran", "wakil"), "anggota_tim.csv", 2, "peran"),
    "unknown-profile": (_set("instansi", 0, "profil", "kota-antah-2099"), "instansi.csv", 2, "profil"),
    "unknown-permodelan": (_set("unit", 1, "permodelan", "MODEL-X"), "unit.csv", 3, "permodelan"),
    "nip-17-digits": (_set("pegawai", 2, "nip", "19800101200501101"), "pegawai.csv", 4, "nip"),
    "nip-bad-birth-date": (_set("pegawai", 2, "nip", "19801301200501" + "1003"), "pegawai.csv", 4, "nip"),
    "nip-bad-gender": (_set("pegawai", 2, "nip", "19800101200501" + "3003"), "pegawai.csv", 4, "nip"),
    "date-not-iso": (_set("tim", 0, "mulai", "01/01/2024"), "tim.csv", 2, "mulai"),
    "team-period-reversed": (_set("tim", 0, "selesai", "2023-12-31"), "tim.csv", 2, "selesai"),
    "member-period-reversed": (_set("anggota_tim", 2, "selesai", "2023-06-30"), "anggota_tim.csv", 4, "selesai"),
    "fungsional-without-jenjang": (_set("jabatan", 4, "jenjang", ""), "jabatan.csv", 6, "jenjang"),
    "same-evaluator-twice-in-one-cell": (_set("jabatan", 3, "penilai", "KABID|KABID"), "jabatan.csv", 5, "penilai"),
    "two-instansi-rows": (_append("instansi", {"kode": "X", "nama": "X", "profil": "permenpanrb-7-2022"}), "instansi.csv", None, None),
    "delegation-unknown-delegate": (_delegate(penilai="TIDAK-ADA"), "pendelegasian.csv", 2, "penilai"),
    "delegation-unknown-giver": (_delegate(pemberi="TIDAK-ADA"), "pendelegasian.csv", 2, "pemberi"),
    "delegation-unknown-scope": (_delegate(lingkup="TIDAK-ADA"), "pendelegasian.csv", 2, "lingkup"),
    "delegation-scope-names-a-unit-and-a-position": (_unit_named_like_a_position, "pendelegasian.csv", 2, "lingkup"),
    "delegation-date-not-iso": (_delegate(mulai="1/1/2024"), "pendelegasian.csv", 2, "mulai"),
    "delegation-period-reversed": (_delegate(selesai="2023-12-31"), "pendelegasian.csv", 2, "selesai"),
    "delegation-without-scope-column": (_delegate_without("lingkup"), "pendelegasian.csv", 1, "lingkup"),
    "delegation-without-delegate": (_delegate(penilai=""), "pendelegasian.csv", 2, "penilai"),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_refusal_names_the_place_and_changes_nothing(case, driver, db, instansi, load_tables, tmp_path):
    load_tables(tiny_agency(instansi))
    before = snapshot(driver, db, instansi)
    mutate, file, row, column = REFUSALS[case]
    bad, headers = clone(tiny_agency(instansi)), copy.deepcopy(HEADERS)
    mutate(bad, headers)
    folder = write_csv(bad, tmp_path / "bad", headers=headers)
    with pytest.raises(BundleError) as info:
        load_bundle(driver, db, folder, models_of)
    places = [(p.file, p.row, p.column) for p in info.value.problems]
    assert (file, row, column) in places, f"{case}: expected {(file, row, column)} in {places}"
    assert snapshot(driver, db, instansi) == before


def test_cli_refuses_with_exit_2_and_names_file_row_column(driver, db, instansi, tmp_path):
    bad = tiny_agency(instansi)
    bad["jabatan"][3]["atasan_langsung"] = "TIDAK-ADA"
    folder = write_csv(bad, tmp_path / "bad")
    proc = subprocess.run([sys.executable, "-m", "sikerja.loader.cli", "load", str(folder)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "jabatan.csv, baris 5, kolom atasan_langsung ('TIDAK-ADA')" in proc.stderr
    assert "tidak diubah" in proc.stderr


def test_cli_loads_and_reports_summary(driver, db, instansi, tmp_path):
    folder = write_csv(tiny_agency(instansi), tmp_path / "good")
    proc = subprocess.run([sys.executable, "-m", "sikerja.loader.cli", "load", str(folder)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert f"Instansi {instansi} dimuat: 23 simpul" in proc.stdout
    assert "Versi baru" not in proc.stdout  # nothing was replaced
    proc = subprocess.run([sys.executable, "-m", "sikerja.loader.cli", "load", str(folder)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "Versi baru terlihat pembaca setelah" in proc.stdout and "versi lama dihapus dalam" in proc.stdout


def test_xlsx_nip_stored_as_number_is_refused(driver, db, instansi, tmp_path):
    from openpyxl import load_workbook

    path = write_xlsx(tiny_agency(instansi), tmp_path / "b.xlsx")

    wb = load_workbook(path)
    wb["pegawai"]["A3"].value = int(nip(2))  # Excel keeps 15 significant digits
    wb.save(path)
    with pytest.raises(BundleError) as info:
        load_bundle(driver, db, path, models_of)
    assert any(p.column == "nip" and p.row == 3 and "15 digit" in p.reason for p in info.value.problems)


def test_a_failure_purging_leftovers_does_not_fail_the_load(driver, db, instansi, load_tables, monkeypatch):
    from neo4j.exceptions import TransientError

    from sikerja.loader import write

    def racing(*args, **kwargs):
        raise TransientError("another load deleted this leftover first")

    monkeypatch.setattr(write, "purge_abandoned", racing)
    load_tables(tiny_agency(instansi))
    assert one(driver, db, "MATCH (i:Instansi {kode: $k}) MATCH (j:Jabatan {muatan: i.muatan}) RETURN count(j) AS n",
               k=instansi)["n"] == 9


def test_a_swap_committed_without_its_answer_keeps_the_new_version(driver, db, instansi, load_tables, monkeypatch):
    """The connection drops right after the swap commits: the load fails with IncompleteCommit, and the
    new version it made live stays whole (the failed load must not discard what is now live)."""
    import neo4j
    from neo4j.exceptions import IncompleteCommit

    from sikerja.loader import write

    newer = one_more_position(tiny_agency(instansi))
    load_tables(newer)
    expected = snapshot(driver, db, instansi)
    load_tables(tiny_agency(instansi))
    real = neo4j.Session.execute_write

    def answer_lost(self, work, *args, **kwargs):
        out = real(self, work, *args, **kwargs)
        if work is write._swap:
            raise IncompleteCommit("sambungan putus setelah commit")
        return out

    monkeypatch.setattr(neo4j.Session, "execute_write", answer_lost)
    with pytest.raises(IncompleteCommit):
        load_tables(newer)
    monkeypatch.undo()
    assert snapshot(driver, db, instansi) == expected


def test_a_stage_claimed_as_abandoned_is_never_swapped_in(driver, db, instansi, load_tables, monkeypatch):
    """A purger claimed the stage (it stopped beating for too long) before the swap: the swap refuses,
    and the agency keeps its previous version."""
    from sikerja.loader import write

    load_tables(tiny_agency(instansi))
    before = snapshot(driver, db, instansi)
    real = write._swap

    def claimed_first(tx, params, props):
        driver.execute_query("MATCH (s:Muatan {id: $m}) SET s.status = 'hapus', s.klaim = datetime()",
                             m=params["muatan"], database_=db)
        return real(tx, params, props)

    monkeypatch.setattr(write, "_swap", claimed_first)
    newer = one_more_position(tiny_agency(instansi))
    with pytest.raises(write.StageLost):
        load_tables(newer)
    monkeypatch.undo()
    assert snapshot(driver, db, instansi) == before
