"""Build input bundles in tests: a canonical small agency, and writers for the
three accepted forms (CSV, ';'-separated CSV with BOM, .xlsx).

``tiny_agency(kode)`` is a correct agency on which no check of the baseline
profile finds anything: a Pemda with a Dinas (JPT head; a Bidang and a
Sekretariat, each headed by an Administrator with JF and Pelaksana under it;
one Pelaksana slot vacant) and a team. Tests copy it and change what their case needs.
"""

from __future__ import annotations

import csv
import copy
from pathlib import Path

from sikerja.loader.bundle import TABLES

Tables = dict[str, list[dict[str, str]]]

HEADERS = {
    "instansi": ["kode", "nama", "profil"],
    "unit": ["kode", "nama", "jenis", "induk", "permodelan", "kelas"],
    "jabatan": ["kode", "nama", "jenis", "jenjang", "unit", "atasan_langsung", "penilai"],
    "pegawai": ["nip", "nama", "status", "jabatan", "plt"],
    "tim": ["kode", "nama", "jenis", "pemilik_kinerja", "sk_nomor", "sk_penerbit", "mulai", "selesai"],
    "anggota_tim": ["tim", "nip", "peran", "mulai", "selesai", "penugasan"],
    "pendelegasian": ["penilai", "pemberi", "lingkup", "sk_nomor", "mulai", "selesai"],
}


def nip(n: int, born: str = "19800101", tmt: str = "200501", gender: str = "1") -> str:
    """A well-formed NIP; ``n`` (1-999) is the sequence number."""
    return f"{born}{tmt}{gender}{n:03d}"


def tiny_agency(kode: str, profil: str = "permenpanrb-7-2022") -> Tables:
    return {
        "instansi": [{"kode": kode, "nama": f"Pemerintah Kota Uji {kode}", "profil": profil}],
        "unit": [
            {"kode": "PEMDA", "nama": "Pemerintah Kota Uji", "jenis": "pemda", "induk": ""},
            {"kode": "DINKES", "nama": "Dinas Kesehatan", "jenis": "dinas", "induk": "PEMDA"},
            {"kode": "BID-P2P", "nama": "Bidang Pencegahan dan Pengendalian Penyakit", "jenis": "bidang", "induk": "DINKES"},
            {"kode": "SEKRE", "nama": "Sekretariat Dinas Kesehatan", "jenis": "sekretariat", "induk": "DINKES"},
        ],
        "jabatan": [
            {"kode": "WALIKOTA", "nama": "Wali Kota", "jenis": "kepala_daerah", "unit": "PEMDA"},
            {"kode": "KADIS", "nama": "Kepala Dinas Kesehatan", "jenis": "jpt_pratama", "unit": "DINKES",
             "atasan_langsung": "WALIKOTA", "penilai": "WALIKOTA"},
            {"kode": "KABID", "nama": "Kepala Bidang P2P", "jenis": "administrator", "unit": "BID-P2P",
             "atasan_langsung": "KADIS", "penilai": "KADIS"},
            {"kode": "EPID-1", "nama": "Epidemiolog Kesehatan Ahli Muda", "jenis": "fungsional", "jenjang": "ahli_muda",
             "unit": "BID-P2P", "atasan_langsung": "KABID", "penilai": "KABID"},
            {"kode": "EPID-2", "nama": "Epidemiolog Kesehatan Ahli Pertama", "jenis": "fungsional", "jenjang": "ahli_pertama",
             "unit": "BID-P2P", "atasan_langsung": "KABID", "penilai": "KABID"},
            {"kode": "PLK-1", "nama": "Pengadministrasi Perkantoran", "jenis": "pelaksana", "unit": "BID-P2P",
             "atasan_langsung": "KABID", "penilai": "KABID"},
            {"kode": "SEKDIS", "nama": "Sekretaris Dinas Kesehatan", "jenis": "administrator", "unit": "SEKRE",
             "atasan_langsung": "KADIS", "penilai": "KADIS"},
            {"kode": "ARSIP-1", "nama": "Arsiparis Ahli Pertama", "jenis": "fungsional", "jenjang": "ahli_pertama",
             "unit": "SEKRE", "atasan_langsung": "SEKDIS", "penilai": "SEKDIS"},
            {"kode": "PLK-2", "nama": "Pengelola Keuangan", "jenis": "pelaksana", "unit": "SEKRE",
             "atasan_langsung": "SEKDIS", "penilai": "SEKDIS"},
        ],
        "pegawai": [
            {"nip": nip(1), "nama": "Budi Santoso", "status": "PNS", "jabatan": "WALIKOTA"},
            {"nip": nip(2), "nama": "Siti Aminah", "status": "PNS", "jabatan": "KADIS"},
            {"nip": nip(3, gender="2"), "nama": "Dewi Lestari", "status": "PNS", "jabatan": "KABID"},
            {"nip": nip(4), "nama": "Agus Salim", "status": "PNS", "jabatan": "EPID-1"},
            {"nip": nip(5, gender="2"), "nama": "Rina Wati", "status": "PPPK", "jabatan": "EPID-2"},
            {"nip": nip(6), "nama": "Joko Prasetyo", "status": "PNS", "jabatan": "PLK-1"},
            {"nip": nip(7, gender="2"), "nama": "Maria Ulfa", "status": "PNS", "jabatan": "SEKDIS"},
            {"nip": nip(8), "nama": "Hendra Gunawan", "status": "PNS", "jabatan": "ARSIP-1"},
        ],
        "tim": [
            {"kode": "TIM-DBD", "nama": "Tim Pengendalian DBD", "jenis": "kelompok_kerja", "pemilik_kinerja": "BID-P2P",
             "sk_nomor": "800/12/DINKES/2024", "sk_penerbit": "KADIS", "mulai": "2024-01-01", "selesai": "2024-12-31"},
        ],
        "anggota_tim": [
            {"tim": "TIM-DBD", "nip": nip(4), "peran": "ketua", "mulai": "2024-01-01", "selesai": "2024-12-31", "penugasan": "ditugaskan"},
            {"tim": "TIM-DBD", "nip": nip(5, gender="2"), "peran": "anggota", "mulai": "2024-01-01", "selesai": "2024-12-31", "penugasan": "sukarela"},
            {"tim": "TIM-DBD", "nip": nip(6), "peran": "anggota", "mulai": "2024-01-01", "selesai": "2024-12-31", "penugasan": "ditugaskan"},
        ],
    }


def clone(tables: Tables) -> Tables:
    return copy.deepcopy(tables)


def one_more_position(tables: Tables) -> Tables:
    """A copy with one more position (like the last one, as PLK-BARU): another version of the agency."""
    out = clone(tables)
    out["jabatan"].append({**out["jabatan"][-1], "kode": "PLK-BARU", "nama": "Pelaksana Baru"})
    return out


def _header(name: str, rows: list[dict[str, str]], headers: dict[str, list[str]] | None = None) -> list[str]:
    """The declared columns (``headers`` overrides HEADERS), then any extra ones the rows carry."""
    cols = list((headers or HEADERS)[name])
    for r in rows:
        cols.extend(k for k in r if k not in cols)
    return cols


def write_csv(tables: Tables, folder: Path, *, delimiter: str = ",", bom: bool = False,
              headers: dict[str, list[str]] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        if name not in tables:
            continue
        rows = tables[name]
        cols = _header(name, rows, headers)
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8-sig" if bom else "utf-8") as f:
            w = csv.DictWriter(f, fieldnames=cols, delimiter=delimiter, restval="")
            w.writeheader()
            w.writerows(rows)
    return folder


def write_xlsx(tables: Tables, path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name in TABLES:
        if name not in tables:
            continue
        ws = wb.create_sheet(name)
        cols = _header(name, tables[name])
        ws.append(cols)
        for r in tables[name]:
            ws.append([r.get(c, "") or None for c in cols])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def many_nips(count: int) -> list[str]:
    """``count`` distinct well-formed NIPs, none equal to a ``nip()`` of tiny_agency (born 1970 onwards)."""
    import datetime as dt

    first = dt.date(1970, 1, 1)
    return [nip(i % 999 + 1, born=(first + dt.timedelta(days=i // 999)).strftime("%Y%m%d")) for i in range(count)]


# --- changes to a bundle, as tests/cases and tests/figures write them -------------------------


def _matches(row: dict, where: dict) -> bool:
    return all(row.get(k, "") == change_value(v) for k, v in where.items())


def apply_changes(tables: dict, changes: list[dict]) -> None:
    """``set`` values on rows matching ``where``; ``add`` rows; ``remove`` rows matching ``where``."""
    for ch in changes:
        name = ch["table"]
        assert name in TABLES, name
        rows = tables.setdefault(name, [])
        if "add" in ch:
            rows.extend({k: change_value(v) for k, v in r.items()} for r in ch["add"])
        elif "remove" in ch:
            before = len(rows)
            tables[name] = [r for r in rows if not _matches(r, ch["remove"])]
            assert len(tables[name]) < before, f"remove matched nothing: {ch}"
        else:
            hit = [r for r in rows if _matches(r, ch["where"])]
            assert hit, f"where matched nothing: {ch}"
            for r in hit:
                r.update({k: change_value(v) for k, v in ch["set"].items()})


def change_value(v) -> str:
    """Values are strings; ``nip:N`` or ``nip:N:G`` spells a well-formed NIP."""
    if isinstance(v, str) and v.startswith("nip:"):
        parts = v.split(":")
        return nip(int(parts[1]), gender=parts[2] if len(parts) > 2 else "1")
    return "" if v is None else str(v)
