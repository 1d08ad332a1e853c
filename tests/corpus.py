"""The bad-input corpus of issue 7: malformed bundles, each built by code.

Every entry starts from the good ``tiny_agency`` of the agency under test and
breaks it in one way, then says where the loader must point: file, row, column
and a fragment of the reason (Bahasa Indonesia, as the loader writes it).

- ``CASES``: each refusal class of DESIGN §1 (and the limits of
  ``validate.py``) in every file it can occur in, written in each form it can
  occur in: CSV, ``;``-separated CSV with BOM, and .xlsx.
- ``RAW``: damage below the level of tables (bytes, encodings, quoting).
- ``BIG``: absurd sizes, loaded by a ``sikerja load`` subprocess whose peak
  memory is measured.
"""

from __future__ import annotations

import copy
import csv
import itertools
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bundles import HEADERS, Tables, many_nips, nip, tiny_agency, write_csv, write_xlsx

from sikerja.loader.bundle import FILES
from sikerja.loader.validate import MAX_CELL, MAX_COLUMNS, MAX_UNIT_DEPTH

Headers = dict[str, list[str]]
FORMS = ("csv", "semicolon-bom", "xlsx")
CSV_FORMS = FORMS[:2]
WORKBOOK = "bundle.xlsx"


@dataclass(frozen=True)
class Expect:
    """Where the refusal must point: the Problem's file, row and column, and a fragment of its reason."""

    file: str
    row: int | None
    column: str | None
    reason: str
    alone: bool = False  # the only problem: everything else in the bundle, however large, is accepted


@dataclass(frozen=True)
class Entry:
    id: str
    build: Callable[[Path, str], tuple[Path, Expect]]  # (empty folder, agency code) -> (bundle, expectation)


def source(form: str, name: str) -> str:
    """How the loader names table ``name`` of a bundle in ``form``."""
    return f"{WORKBOOK}:{name}" if form == "xlsx" else f"{name}.csv"


def line(index: int) -> int:
    """The CSV line (= sheet row) of tiny_agency row ``index``: the header is line 1."""
    return index + 2


# --- writing a bundle in each form ------------------------------------------

def csv_folder_to_xlsx(folder: Path, path: Path) -> Path:
    """The same tables as one workbook, cell for cell (an empty cell stays empty)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name in FILES:
        p = folder / f"{name}.csv"
        if not p.is_file():
            continue
        ws = wb.create_sheet(name)
        with open(p, encoding="utf-8-sig", newline="") as f:
            text = f.read()
        delimiter = ";" if text.split("\n", 1)[0].count(";") else ","
        for row in csv.reader(text.splitlines(), delimiter=delimiter):
            ws.append([c if c != "" else None for c in row])
    wb.save(path)
    return path


def write_form(tables: Tables, headers: Headers, form: str, dest: Path) -> Path:
    folder = write_csv(tables, dest / "csv", delimiter=";" if form == "semicolon-bom" else ",",
                       bom=form == "semicolon-bom", headers=headers)
    return csv_folder_to_xlsx(folder, dest / WORKBOOK) if form == "xlsx" else folder


# --- table-level cases ------------------------------------------------------

Mutation = Callable[[Tables, Headers], None]


def set_cell(name: str, index: int, column: str, value: str) -> Mutation:
    def apply(t: Tables, h: Headers) -> None:
        t[name][index][column] = value
    return apply


def drop_table(name: str) -> Mutation:
    def apply(t: Tables, h: Headers) -> None:
        del t[name]
    return apply


def drop_column(name: str, column: str) -> Mutation:
    def apply(t: Tables, h: Headers) -> None:
        for row in t[name]:
            row.pop(column, None)
        h[name] = [c for c in h[name] if c != column]
    return apply


def add_row(name: str, row: dict[str, str]) -> Mutation:
    def apply(t: Tables, h: Headers) -> None:
        t[name].append(dict(row))
    return apply


def copy_row(name: str, index: int, **changes: str) -> Mutation:
    def apply(t: Tables, h: Headers) -> None:
        t[name].append({**t[name][index], **changes})
    return apply


def set_headers(name: str, columns: list[str]) -> Mutation:
    def apply(t: Tables, h: Headers) -> None:
        h[name] = columns
    return apply


@dataclass(frozen=True)
class Case:
    id: str
    mutate: Mutation
    file: str  # table name
    row: int | None
    column: str | None
    reason: str
    forms: tuple[str, ...] | None = None  # None: one form, the cases taking turns (see SMALL)


def _wide_tim(t: Tables, h: Headers) -> None:
    extra = [f"catatan_{i}" for i in range(MAX_COLUMNS)]
    h["tim"] = h["tim"] + extra
    t["tim"][0].update(dict.fromkeys(extra, "x"))


def _deep_units(t: Tables, h: Headers) -> None:
    """A chain of MAX_UNIT_DEPTH + 10 units below DINKES (depth 1): unit k of it is k + 1 levels down."""
    for k in range(1, MAX_UNIT_DEPTH + 10):
        t["unit"].append({"kode": f"SUB-{k:03d}", "nama": f"Subunit {k}", "jenis": "lainnya",
                          "induk": f"SUB-{k - 1:03d}" if k > 1 else "DINKES"})


WRONG_NIP = "19800101200501101"  # 17 digits
REQ, DUP, REF, LIST, EMPTY = "kolom wajib tidak ada", "kunci ganda", "merujuk kode yang tidak ada", "nilai di luar daftar", "nilai wajib diisi"
DATE = "YYYY-MM-DD"

CASES: list[Case] = [
    # a missing file (a missing sheet in a workbook); the ';' form adds nothing here
    *(Case(f"missing-file-{n}", drop_table(n), n, None, None, "tidak ada", ("csv", "xlsx") if n == "pegawai" else (("csv",), ("xlsx",))[k % 2])
      for k, n in enumerate(FILES)),
    # a missing required column, one per file
    Case("missing-column-instansi-profil", drop_column("instansi", "profil"), "instansi", 1, "profil", REQ),
    Case("missing-column-unit-induk", drop_column("unit", "induk"), "unit", 1, "induk", REQ),
    Case("missing-column-jabatan-atasan", drop_column("jabatan", "atasan_langsung"), "jabatan", 1, "atasan_langsung", REQ, FORMS),
    Case("missing-column-pegawai-nip", drop_column("pegawai", "nip"), "pegawai", 1, "nip", REQ),
    Case("missing-column-tim-pemilik", drop_column("tim", "pemilik_kinerja"), "tim", 1, "pemilik_kinerja", REQ),
    Case("missing-column-anggota-peran", drop_column("anggota_tim", "peran"), "anggota_tim", 1, "peran", REQ),
    # header damage
    Case("header-blank-column", set_headers("tim", HEADERS["tim"][:3] + [""] + HEADERS["tim"][3:]), "tim", 1, "#4", "judul kolom kosong", FORMS),
    Case("header-duplicate-column", set_headers("unit", HEADERS["unit"] + ["nama"]), "unit", 1, "nama", "judul kolom ganda", FORMS),
    Case("header-reserved-column", set_cell("pegawai", 0, "instansi", "Dinas Lain"), "pegawai", 1, "instansi", "dipakai sikerja sendiri"),
    Case("header-too-many-columns", _wide_tim, "tim", 1, f"#{MAX_COLUMNS + 1}", f"lebih dari {MAX_COLUMNS} kolom"),
    # a required value left empty, one per file
    Case("empty-instansi-nama", set_cell("instansi", 0, "nama", ""), "instansi", line(0), "nama", EMPTY),
    Case("empty-unit-nama", set_cell("unit", 2, "nama", ""), "unit", line(2), "nama", EMPTY),
    Case("empty-jabatan-unit", set_cell("jabatan", 4, "unit", ""), "jabatan", line(4), "unit", EMPTY, FORMS),
    Case("empty-pegawai-status", set_cell("pegawai", 3, "status", ""), "pegawai", line(3), "status", EMPTY),
    Case("empty-tim-jenis", set_cell("tim", 0, "jenis", ""), "tim", line(0), "jenis", EMPTY),
    Case("empty-anggota-tim", set_cell("anggota_tim", 1, "tim", ""), "anggota_tim", line(1), "tim", EMPTY),
    # a duplicate key, one per file
    Case("duplicate-instansi-row", add_row("instansi", {"kode": "X", "nama": "X", "profil": "permenpanrb-7-2022"}), "instansi", None, None, "tepat satu baris"),
    Case("duplicate-unit-kode", set_cell("unit", 3, "kode", "BID-P2P"), "unit", line(3), "kode", DUP),
    Case("duplicate-jabatan-kode", set_cell("jabatan", 5, "kode", "EPID-2"), "jabatan", line(5), "kode", DUP, FORMS),
    Case("duplicate-pegawai-nip", set_cell("pegawai", 5, "nip", nip(5, gender="2")), "pegawai", line(5), "nip", DUP),
    Case("duplicate-tim-kode", copy_row("tim", 0, nama="Tim Kedua"), "tim", line(1), "kode", DUP),
    Case("duplicate-membership", copy_row("anggota_tim", 0, peran="anggota"), "anggota_tim", line(3), "nip", "keanggotaan ganda"),
    # a reference to a code that is not in the bundle: every referring column
    Case("unknown-profil", set_cell("instansi", 0, "profil", "kota-antah-2099"), "instansi", line(0), "profil", "profil tidak dikenal"),
    Case("unknown-unit-induk", set_cell("unit", 2, "induk", "TIDAK-ADA"), "unit", line(2), "induk", REF),
    Case("unknown-unit-permodelan", set_cell("unit", 1, "permodelan", "MODEL-X"), "unit", line(1), "permodelan", "permodelan tidak didefinisikan"),
    Case("unknown-jabatan-unit", set_cell("jabatan", 2, "unit", "BIDANG-X"), "jabatan", line(2), "unit", REF),
    Case("unknown-jabatan-atasan", set_cell("jabatan", 3, "atasan_langsung", "TIDAK-ADA"), "jabatan", line(3), "atasan_langsung", REF, FORMS),
    Case("unknown-jabatan-penilai-second", set_cell("jabatan", 3, "penilai", "KABID|TIDAK-ADA"), "jabatan", line(3), "penilai", REF),
    Case("unknown-pegawai-jabatan", set_cell("pegawai", 4, "jabatan", "JAB-X"), "pegawai", line(4), "jabatan", REF),
    Case("unknown-pegawai-plt", set_cell("pegawai", 4, "plt", "JAB-X"), "pegawai", line(4), "plt", REF),
    Case("unknown-tim-pemilik", set_cell("tim", 0, "pemilik_kinerja", "UNIT-X"), "tim", line(0), "pemilik_kinerja", REF),
    Case("unknown-tim-penerbit", set_cell("tim", 0, "sk_penerbit", "JAB-X"), "tim", line(0), "sk_penerbit", REF),
    Case("unknown-anggota-tim", set_cell("anggota_tim", 2, "tim", "TIM-X"), "anggota_tim", line(2), "tim", REF),
    Case("unknown-anggota-nip", set_cell("anggota_tim", 1, "nip", nip(99)), "anggota_tim", line(1), "nip", REF, FORMS),
    Case("same-code-twice-in-cell", set_cell("jabatan", 3, "penilai", "KABID|KABID"), "jabatan", line(3), "penilai", "lebih dari sekali"),
    # a unit hierarchy that is not a tree
    Case("unit-cycle", set_cell("unit", 1, "induk", "BID-P2P"), "unit", line(1), "induk", "berputar", FORMS),
    Case("unit-two-roots", set_cell("unit", 1, "induk", ""), "unit", None, "induk", "tepat satu akar"),
    Case("unit-no-root", set_cell("unit", 0, "induk", "SEKRE"), "unit", None, "induk", "ada 0"),
    Case("unit-self-parent", set_cell("unit", 3, "induk", "SEKRE"), "unit", line(3), "induk", "berputar"),
    Case("unit-too-deep", _deep_units, "unit", line(3) + MAX_UNIT_DEPTH, "induk", f"lebih dari {MAX_UNIT_DEPTH} tingkat"),
    # a value outside its list, every listed column
    Case("list-unit-jenis", set_cell("unit", 2, "jenis", "direktorat"), "unit", line(2), "jenis", LIST),
    Case("list-jabatan-jenis", set_cell("jabatan", 2, "jenis", "eselon_3"), "jabatan", line(2), "jenis", LIST),
    Case("list-jabatan-jenjang", set_cell("jabatan", 3, "jenjang", "ahli_super"), "jabatan", line(3), "jenjang", LIST),
    Case("list-pegawai-status", set_cell("pegawai", 0, "status", "honorer"), "pegawai", line(0), "status", LIST, FORMS),
    Case("list-tim-jenis", set_cell("tim", 0, "jenis", "satgas"), "tim", line(0), "jenis", LIST),
    Case("list-anggota-peran", set_cell("anggota_tim", 0, "peran", "wakil"), "anggota_tim", line(0), "peran", LIST),
    Case("list-anggota-penugasan", set_cell("anggota_tim", 1, "penugasan", "paksa"), "anggota_tim", line(1), "penugasan", LIST),
    Case("list-case-matters", set_cell("pegawai", 1, "status", "pns"), "pegawai", line(1), "status", LIST),
    Case("jenjang-missing-for-fungsional", set_cell("jabatan", 4, "jenjang", ""), "jabatan", line(4), "jenjang", "wajib punya jenjang"),
    Case("jenjang-on-structural", set_cell("jabatan", 2, "jenjang", "ahli_muda"), "jabatan", line(2), "jenjang", "hanya untuk jabatan fungsional"),
    # a malformed NIP, in both files that hold one
    Case("nip-17-digits", set_cell("pegawai", 2, "nip", WRONG_NIP), "pegawai", line(2), "nip", "18 digit", FORMS),
    Case("nip-letters", set_cell("pegawai", 2, "nip", "19800101200501100O"), "pegawai", line(2), "nip", "18 digit"),
    Case("nip-bad-birth-date", set_cell("pegawai", 2, "nip", "19801301200501" + "1003"), "pegawai", line(2), "nip", "tanggal lahir"),
    Case("nip-tmt-before-birth", set_cell("pegawai", 2, "nip", "19800101197901" + "1003"), "pegawai", line(2), "nip", "TMT"),
    Case("nip-bad-gender", set_cell("pegawai", 2, "nip", "19800101200501" + "3003"), "pegawai", line(2), "nip", "jenis kelamin"),
    Case("nip-sequence-000", set_cell("pegawai", 2, "nip", "19800101200501" + "1000"), "pegawai", line(2), "nip", "000"),
    Case("nip-malformed-in-anggota", set_cell("anggota_tim", 2, "nip", WRONG_NIP), "anggota_tim", line(2), "nip", "18 digit", FORMS),
    # a malformed date, every date column
    Case("date-tim-mulai-dmy", set_cell("tim", 0, "mulai", "01/01/2024"), "tim", line(0), "mulai", DATE, FORMS),
    Case("date-tim-selesai-impossible", set_cell("tim", 0, "selesai", "2024-02-30"), "tim", line(0), "selesai", DATE),
    Case("date-anggota-mulai-unpadded", set_cell("anggota_tim", 0, "mulai", "2024-1-5"), "anggota_tim", line(0), "mulai", DATE),
    Case("date-anggota-selesai-excel-serial", set_cell("anggota_tim", 1, "selesai", "45657"), "anggota_tim", line(1), "selesai", DATE),
    # a period that ends before it starts, both files with periods
    Case("period-tim-reversed", set_cell("tim", 0, "selesai", "2023-12-31"), "tim", line(0), "selesai", "sebelum mulai"),
    Case("period-anggota-reversed", set_cell("anggota_tim", 2, "selesai", "2023-06-30"), "anggota_tim", line(2), "selesai", "sebelum mulai", FORMS),
    # the limits and reserved forms of validate.py
    Case("instansi-kode-reserved-prefix", set_cell("instansi", 0, "kode", "~STAGE"), "instansi", line(0), "kode", "tidak boleh diawali"),
    Case("jabatan-kode-with-separator", set_cell("jabatan", 8, "kode", "PLK|2"), "jabatan", line(8), "kode", "tidak boleh memuat"),
    Case("unit-kode-with-separator", set_cell("unit", 3, "kode", "=cmd|' /C calc'!A0"), "unit", line(3), "kode", "tidak boleh memuat"),
    Case("cell-too-long", set_cell("tim", 0, "sk_nomor", "8" * (MAX_CELL + 1)), "tim", line(0), "sk_nomor", f"lebih dari {MAX_CELL} karakter", FORMS),
    Case("cell-nul-character", set_cell("unit", 1, "nama", "Dinas\x00Kesehatan"), "unit", line(1), "nama", "U+0000", ("csv",)),
    Case("cell-escape-character", set_cell("pegawai", 1, "nama", "Siti\x1b[31mAminah"), "pegawai", line(1), "nama", "U+001B", ("semicolon-bom",)),
]


def _case_entry(case: Case, form: str) -> Entry:
    def build(dest: Path, kode: str) -> tuple[Path, Expect]:
        tables, headers = tiny_agency(kode), copy.deepcopy(HEADERS)
        case.mutate(tables, headers)
        path = write_form(tables, headers, form, dest)
        return path, Expect(source(form, case.file), case.row, case.column, case.reason)
    return Entry(f"{case.id}[{form}]", build)


# --- below the tables: bytes, encodings, quoting ----------------------------

def _good(dest: Path, kode: str, form: str = "csv", tables: Tables | None = None) -> Path:
    return write_form(tables or tiny_agency(kode), copy.deepcopy(HEADERS), form, dest)


def _raw(id: str, file: str, edit: Callable[[bytes], bytes], expect: Callable[[str], Expect],
         forms: tuple[str, ...] = CSV_FORMS, tables: Callable[[str], Tables] = tiny_agency) -> Iterator[Entry]:
    """A good CSV bundle whose ``file`` has its bytes edited (then made a workbook, for the xlsx form); ``expect`` gets the form."""
    for form in forms:
        def build(dest: Path, kode: str, form: str = form) -> tuple[Path, Expect]:
            folder = _good(dest, kode, "csv" if form == "xlsx" else form, tables(kode))
            p = folder / file
            p.write_bytes(edit(p.read_bytes()))
            return (csv_folder_to_xlsx(folder, dest / WORKBOOK) if form == "xlsx" else folder), expect(form)
        yield Entry(f"{id}[{form}]", build)


def _garbage(n: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(n)


def _to_cp1252(data: bytes) -> bytes:
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    return bom + data[len(bom):].decode("utf-8").encode("cp1252")


def _with_names(**names: tuple[int, str]) -> Callable[[str], Tables]:
    """tiny_agency with ``nama`` set in some rows: table=(index, name)."""
    def tables(kode: str) -> Tables:
        t = tiny_agency(kode)
        for name, (index, value) in names.items():
            t[name][index]["nama"] = value
        return t
    return tables


def _replace(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    def edit(data: bytes) -> bytes:
        assert old in data, (old, data[:200])
        return data.replace(old, new, 1)
    return edit


def _sep(form: str) -> bytes:
    return b";" if form == "semicolon-bom" else b","


def _per_form(edit: Callable[[str], Callable[[bytes], bytes]]) -> Callable[[bytes], bytes]:
    """An edit that depends on the delimiter: the form is read from the file's first line."""
    def apply(data: bytes) -> bytes:
        first = data.split(b"\n", 1)[0]
        return edit("semicolon-bom" if b";" in first else "csv")(data)
    return apply


def _padding_then_nul(data: bytes) -> bytes:
    """A NUL beyond the 8 KB the binary sniffing reads: in a unit name on the last line, after 200 good units."""
    body = b"".join(b"U-%03d,Unit %03d,lainnya,PEMDA,,\n" % (i, i) for i in range(400))
    return data + body + b"U-NUL,Unit\x00Nol,lainnya,PEMDA,,\n"


def _xlsx_edit(edit: Callable[[object], None]) -> Callable[[Path, str], Path]:
    """A good workbook edited with openpyxl."""
    def build(dest: Path, kode: str) -> Path:
        from openpyxl import load_workbook

        path = _good(dest, kode, "xlsx")
        wb = load_workbook(path)
        edit(wb)
        wb.save(path)
        return path
    return build


def _nip_as_number(wb: object) -> None:
    wb["pegawai"]["A3"].value = int(nip(2))  # type: ignore[index]


def _empty_sheet(wb: object) -> None:
    ws = wb["tim"]  # type: ignore[index]
    ws.delete_rows(1, ws.max_row)


def _whole_file(id: str, name: str, content: Callable[[Path], bytes], expect: Expect) -> Entry:
    """A bundle that is one file (a workbook) or a folder with one file replaced, with ``content``."""
    def build(dest: Path, kode: str) -> tuple[Path, Expect]:
        good = _good(dest, kode, "xlsx" if name == WORKBOOK else "csv")
        target = good if name == WORKBOOK else good / name
        target.write_bytes(content(good))
        return good, expect
    return Entry(id, build)


def _zip_of_text(_: Path) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "bukan workbook")
    return buf.getvalue()


RAW: list[Entry] = [
    _whole_file("binary-garbage-csv", "jabatan.csv", lambda _: _garbage(64 * 1024, 7),
                Expect("jabatan.csv", None, None, "berkas biner")),
    _whole_file("binary-garbage-xlsx", WORKBOOK, lambda _: _garbage(64 * 1024, 8),
                Expect(WORKBOOK, None, None, "bukan workbook .xlsx")),
    _whole_file("zip-without-workbook-xlsx", WORKBOOK, _zip_of_text, Expect(WORKBOOK, None, None, "bukan workbook .xlsx")),
    _whole_file("truncated-xlsx", WORKBOOK, lambda p: p.read_bytes()[: p.stat().st_size // 2],
                Expect(WORKBOOK, None, None, "bukan workbook .xlsx")),
    _whole_file("xlsx-renamed-to-csv", "unit.csv", lambda p: csv_folder_to_xlsx(p, p / "x.xlsx").read_bytes(),
                Expect("unit.csv", None, None, "arsip zip")),
    _whole_file("empty-file", "tim.csv", lambda _: b"", Expect("tim.csv", 1, None, "berkas kosong")),
    _whole_file("header-only-instansi", "instansi.csv", lambda _: b"kode,nama,profil\n",
                Expect("instansi.csv", None, None, "tepat satu baris")),
    *_raw("utf16-with-bom", "pegawai.csv", lambda d: d.decode("utf-8-sig").encode("utf-16"),
          lambda f: Expect("pegawai.csv", None, None, "UTF-16")),
    *_raw("utf16-without-bom", "pegawai.csv", lambda d: d.decode("utf-8-sig").encode("utf-16-le"),
          lambda f: Expect("pegawai.csv", None, None, "UTF-16 tanpa BOM")),
    *_raw("cp1252-name", "pegawai.csv", _to_cp1252, lambda f: Expect("pegawai.csv", line(3), "nama", "bukan UTF-8 (byte 0xe9)"),
          tables=_with_names(pegawai=(3, "José Muñoz"))),
    *_raw("latin1-unit-name", "unit.csv", lambda d: d.decode("utf-8-sig").encode("latin-1"),
          lambda f: Expect("unit.csv", line(2), "nama", "bukan UTF-8 (byte 0xe7)"),
          tables=_with_names(unit=(2, "Bidang Pencegahan Penyakit Menular (Françoise)"))),
    *_raw("quote-never-closed", "unit.csv", _per_form(lambda f: _replace(b"Dinas Kesehatan" + _sep(f), b'"Dinas Kesehatan' + _sep(f))),
          lambda f: Expect("unit.csv", line(1), "nama", "tidak pernah ditutup")),
    *_raw("text-after-closing-quote", "jabatan.csv", _per_form(lambda f: _replace(b"Wali Kota" + _sep(f), b'"Wali" Kota' + _sep(f))),
          lambda f: Expect("jabatan.csv", line(0), "nama", "pemisah kolom")),
    *_raw("row-with-missing-cells", "tim.csv", _per_form(lambda f: _replace(_sep(f) + b"2024-12-31", b"")),
          lambda f: Expect("tim.csv", line(0), "selesai", "judul kolom punya 8")),
    *_raw("nul-after-8kb", "unit.csv", _padding_then_nul, lambda f: Expect("unit.csv", 406, "nama", "U+0000"), forms=("csv",)),
    *_raw("cr-only-line-endings", "jabatan.csv", lambda d: _replace(b"administrator,,BID-P2P", b"eselon_3,,BID-P2P")(d).replace(b"\r\n", b"\r"),
          lambda f: Expect("jabatan.csv", line(2), "jenis", LIST), forms=("csv",)),
    *_raw("row-with-extra-cell", "unit.csv", _per_form(lambda f: lambda d: d + _sep(f).join([b"SEKRE-2", b"Sekretariat 2", b"sekretariat", b"DINKES", b"", b"", b"lebih"]) + b"\r\n"),
          lambda f: Expect(source(f, "unit"), line(4), "#7", "ada isi di luar" if f == "xlsx" else "judul kolom punya 6"), forms=FORMS),
    *_raw("multiline-cell-beyond-limit", "unit.csv", _replace(b"Dinas Kesehatan,", b'"Dinas Kesehatan' + (b"\n" + b"x" * 1000) * 1100 + b'",'),
          lambda f: Expect("unit.csv", line(1), "nama", f"lebih dari {MAX_CELL} karakter"), forms=("csv",)),
    Entry("xlsx-nip-stored-as-number", lambda d, k: (_xlsx_edit(_nip_as_number)(d, k), Expect(source("xlsx", "pegawai"), 3, "nip", "15 digit"))),
    Entry("xlsx-empty-sheet", lambda d, k: (_xlsx_edit(_empty_sheet)(d, k), Expect(source("xlsx", "tim"), 1, None, "sheet kosong"))),
]

def _in_forms(cases: list[Case]) -> Iterator[Entry]:
    """Each case in the forms it names; the others in one form each, taking turns, so that every
    refusal class meets every form (its representative names all three) and every file."""
    turn = itertools.cycle(FORMS)
    for case in cases:
        for form in case.forms or (next(turn),):
            yield _case_entry(case, form)


SMALL: list[Entry] = [*_in_forms(CASES), *RAW]


# --- absurd sizes -----------------------------------------------------------

def append_rows(path: Path, rows: Iterable[dict[str, str]], columns: list[str]) -> None:
    """Stream rows onto the end of a CSV file of the comma form."""
    with open(path, "a", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=columns, restval="")
        w.writerows(rows)


def _big(id: str, build: Callable[[Path, str], Expect]) -> Entry:
    def run(dest: Path, kode: str) -> tuple[Path, Expect]:
        folder = _good(dest, kode)
        return folder, build(folder, kode)
    return Entry(id, run)


HALF_MILLION = 500_000
TREE_DEPTH = 10_000
TEAM_SIZE = 50_000
TEN_MB = 10 * 1024 * 1024


def _ten_mb_cell(folder: Path, kode: str) -> Expect:
    t = tiny_agency(kode)
    t["unit"][1]["nama"] = "Dinas " + "K" * TEN_MB
    write_csv(t, folder)
    return Expect("unit.csv", line(1), "nama", f"lebih dari {MAX_CELL} karakter")


def _ten_mb_cell_xlsx(folder: Path, kode: str) -> tuple[Path, Expect]:
    t = tiny_agency(kode)
    t["tim"][0]["nama"] = "Tim " + "D" * TEN_MB
    return write_xlsx(t, folder.parent / WORKBOOK), Expect(source("xlsx", "tim"), line(0), "nama", f"lebih dari {MAX_CELL} karakter")


def _half_million_positions(folder: Path, kode: str) -> Expect:
    """500,000 pelaksana slots under two heads; one names an evaluator that does not exist, 7 rows from the end."""
    bad = HALF_MILLION - 7
    first_line = line(len(tiny_agency(kode)["jabatan"]))
    rows = ({"kode": f"PLK-{i:06d}", "nama": "Pengadministrasi Perkantoran", "jenis": "pelaksana",
             "unit": ("BID-P2P", "SEKRE")[i % 2], "atasan_langsung": ("KABID", "SEKDIS")[i % 2],
             "penilai": "KABID-LAMA" if i == bad else ("KABID", "SEKDIS")[i % 2]} for i in range(HALF_MILLION))
    append_rows(folder / "jabatan.csv", rows, HEADERS["jabatan"])
    return Expect("jabatan.csv", first_line + bad, "penilai", REF, alone=True)


def _deep_tree(folder: Path, kode: str) -> Expect:
    """A chain of 10,000 units, each the parent of the next (Excel's fill-down of induk)."""
    rows = ({"kode": f"U-{k:05d}", "nama": f"Unit {k}", "jenis": "lainnya", "induk": f"U-{k - 1:05d}" if k > 1 else "PEMDA"}
            for k in range(1, TREE_DEPTH + 1))
    append_rows(folder / "unit.csv", rows, HEADERS["unit"])
    # U-00001 is 1 level below the root and on line 6; the first unit past the limit is U-(limit+1)
    return Expect("unit.csv", 5 + MAX_UNIT_DEPTH + 1, "induk", f"lebih dari {MAX_UNIT_DEPTH} tingkat", alone=True)


def _chain_into_cycle(folder: Path, kode: str) -> Expect:
    """10,000 units whose induk chain climbs into a two-unit cycle instead of the root."""
    n = TREE_DEPTH
    rows = ({"kode": f"C-{k:05d}", "nama": f"Unit {k}", "jenis": "lainnya", "induk": f"C-{k + 1:05d}" if k < n else f"C-{n - 1:05d}"}
            for k in range(1, n + 1))
    append_rows(folder / "unit.csv", rows, HEADERS["unit"])
    return Expect("unit.csv", 5 + n - 1, "induk", "berputar", alone=True)


def _big_team(folder: Path, kode: str) -> Expect:
    """One team of 50,000 members (not refused by design); one membership starts on 30 February."""
    nips = many_nips(TEAM_SIZE)
    bad = TEAM_SIZE - 11
    append_rows(folder / "pegawai.csv", ({"nip": n, "nama": f"Anggota {i}", "status": "PPPK"} for i, n in enumerate(nips)),
                HEADERS["pegawai"])
    members = ({"tim": "TIM-DBD", "nip": n, "peran": "anggota", "mulai": "2024-02-30" if i == bad else "2024-02-01",
                "selesai": "2024-12-31", "penugasan": "ditugaskan"} for i, n in enumerate(nips))
    append_rows(folder / "anggota_tim.csv", members, HEADERS["anggota_tim"])
    return Expect("anggota_tim.csv", line(len(tiny_agency(kode)["anggota_tim"])) + bad, "mulai", DATE, alone=True)


def big_team_without_fault(folder: Path, kode: str) -> Path:
    """The 50,000-member team with nothing wrong: it must be accepted."""
    folder = _good(folder, kode)
    nips = many_nips(TEAM_SIZE)
    append_rows(folder / "pegawai.csv", ({"nip": n, "nama": f"Anggota {i}", "status": "PPPK"} for i, n in enumerate(nips)),
                HEADERS["pegawai"])
    append_rows(folder / "anggota_tim.csv", ({"tim": "TIM-DBD", "nip": n, "peran": "anggota", "mulai": "2024-02-01"} for n in nips),
                HEADERS["anggota_tim"])
    return folder


BIG: list[Entry] = [
    _big("cell-10mb[csv]", _ten_mb_cell),
    Entry("cell-10mb[xlsx]", lambda dest, kode: _ten_mb_cell_xlsx(_good(dest, kode), kode)),
    _big("rows-500000-one-bad-near-end", _half_million_positions),
    _big("unit-tree-10000-deep", _deep_tree),
    _big("unit-chain-10000-into-cycle", _chain_into_cycle),
    _big("team-50000-members-one-bad-date", _big_team),
]
