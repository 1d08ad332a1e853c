"""Read an input bundle (DESIGN §1): a folder of CSV files or one .xlsx workbook.

Every cell is read as text and parsed later, on purpose: an 18-digit NIP read
as a number loses digits. CSV may be UTF-8 with or without BOM, with ``,`` or
``;`` as delimiter. Rows are kept as tuples (less memory than dicts) with the
line or sheet-row number each came from, for error messages.

Reading streams: a CSV file is read one physical line at a time, never whole;
a line longer than any legal row is refused without being held; bytes that
are not UTF-8 and cells beyond the limits of ``validate`` are reported with
the row and column they sit in. Memory is the bundle's rows and little more.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from sikerja.loader.validate import MAX_CELL, MAX_COLUMNS, BundleError, Problem, Problems, cell_problem

__all__ = ["FILES", "OPTIONAL_FILES", "TABLES", "BundleError", "Problem", "Table", "read_bundle"]

FILES = ("instansi", "unit", "jabatan", "pegawai", "tim", "anggota_tim")  # required
OPTIONAL_FILES = ("pendelegasian",)  # read when present (DESIGN §1)
TABLES = FILES + OPTIONAL_FILES

# Characters in one physical CSV line that any legal row fits in: MAX_COLUMNS
# cells of MAX_CELL characters, quoted and separated. A longer line is
# refused after reading this much of it, whatever its real length.
MAX_LINE = MAX_COLUMNS * (MAX_CELL + 3)
csv.field_size_limit(MAX_LINE)

# A line holding one of these has a cell to look at closely: control
# characters, and bytes that were not UTF-8 (kept as lone surrogates).
_SUSPECT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\udc80-\udcff]")
_UNDECODED = re.compile("[\udc80-\udcff]")
# Text has next to no control bytes; a file that starts with more than one
# in twenty is binary (random bytes have one in nine). A stray one in a text
# file is reported where it sits.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_SHOWN = 80  # characters of an over-long value kept for the message


# Equal values of a column are kept as one str object while the column has
# at most this many distinct values (kinds, units, superiors, titles); a column
# of unique values (codes, NIPs, names) stops sharing once past it. Halves the
# memory of a big file of positions.
_SHARED_VALUES = 1 << 16


@dataclass
class Table:
    name: str  # e.g. "unit"
    source: str  # "unit.csv" or "data.xlsx:unit", for messages
    header: tuple[str, ...]
    rows: list[tuple[str, ...]] = field(default_factory=list)
    line_numbers: list[int] = field(default_factory=list)
    _shared: list[dict[str, str] | None] = field(default_factory=list, repr=False)

    def add(self, cells: Sequence[str], line: int) -> None:
        """Append a row read from ``line`` (cells stripped; equal values shared, see _SHARED_VALUES)."""
        shared = self._shared
        if not shared:
            shared = self._shared = [{} for _ in self.header]
        elif not len(self.rows) % 1024:
            shared[:] = [None if seen is None or len(seen) > _SHARED_VALUES else seen for seen in shared]
        self.rows.append(tuple([c if seen is None else seen.setdefault(c, c)
                                for c, seen in zip(map(str.strip, cells), shared)]))
        self.line_numbers.append(line)

    def seal(self) -> Table:
        """Reading is over: drop what ``add`` kept for sharing values."""
        self._shared = []
        return self

    def index(self, column: str) -> int | None:
        try:
            return self.header.index(column)
        except ValueError:
            return None

    def column(self, column: str) -> list[str]:
        i = self.index(column)
        return [""] * len(self.rows) if i is None else [r[i] for r in self.rows]

    def dicts(self) -> Iterator[dict[str, str]]:
        for r in self.rows:
            yield {k: v for k, v in zip(self.header, r) if v != ""}


def read_bundle(path: Path) -> tuple[dict[str, Table], list[Problem]]:
    """Read all tables; return what could be read and the problems met.

    A bundle whose reading alone meets more than MAX_PROBLEMS problems is
    refused here (BundleError with the full count): nothing else needs checking.
    """
    out = Problems()
    tables: dict[str, Table] = {}
    if path.is_dir():
        tables = _read_folder(path, out)
    elif path.is_file() and path.suffix.lower() == ".xlsx":
        tables = _read_xlsx(path, out)
    elif not path.exists():
        out.add(Problem(str(path), None, None, None, "berkas atau folder tidak ditemukan"))
    else:
        out.add(Problem(str(path), None, None, None, "bundel harus berupa folder CSV atau satu berkas .xlsx"))
    if out.full():
        raise BundleError(out.listed, total=out.total)
    return tables, out.listed


def _normalise_header(cells: Sequence[str]) -> tuple[str, ...]:
    return tuple(c.strip().lower() for c in cells)


def _column_name(header: Sequence[str], i: int) -> str:
    return header[i] if i < len(header) and header[i] else f"#{i + 1}"


def _judge_cells(cells: Sequence[str], header: Sequence[str], source: str, row: int, out: Problems) -> list[str]:
    """Report cells that are not text sikerja accepts; return the cells with those made harmless."""
    kept = list(cells)
    for i, c in enumerate(cells):
        if m := _UNDECODED.search(c):
            # surrogateescape kept the byte b as U+DC00+b; show the cell as Windows-1252 would read it
            kept[i] = c.encode("utf-8", "surrogateescape").decode("cp1252", "replace")
            out.add(Problem(source, row, _column_name(header, i), kept[i][:_SHOWN],
                            f"teks bukan UTF-8 (byte {ord(m.group()) - 0xDC00:#04x}); berkas tampaknya disimpan sebagai "
                            "ANSI/Windows-1252, simpan ulang sebagai CSV UTF-8"))
        elif why := cell_problem(c):
            kept[i] = c[:MAX_CELL]
            out.add(Problem(source, row, _column_name(header, i), c[:_SHOWN], why))
    return kept


# --- CSV --------------------------------------------------------------------

def _read_folder(folder: Path, out: Problems) -> dict[str, Table]:
    tables: dict[str, Table] = {}
    for name in TABLES:
        p = folder / f"{name}.csv"
        if not p.is_file():
            if name in FILES:
                out.add(Problem(f"{name}.csv", None, None, None, f"berkas wajib {name}.csv tidak ada di {folder}"))
            continue
        table = _read_csv(p, name, out)
        if table is not None:
            tables[name] = table
    return tables


def _not_text(head: bytes) -> str | None:
    """Why a file that starts with ``head`` is no UTF-8 CSV at all, or None."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "berkas berenkode UTF-16 (Excel: 'Teks Unicode'), bukan UTF-8; simpan ulang sebagai CSV UTF-8"
    if head.startswith(b"PK\x03\x04"):
        return "berkas ini arsip zip (workbook .xlsx?), bukan CSV; pakai berkas .xlsx sebagai bundel atau simpan tiap sheet sebagai CSV UTF-8"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "berkas Excel 97-2003 (.xls), bukan CSV; simpan sebagai .xlsx atau CSV UTF-8"
    if max(head[0::2].count(0), head[1::2].count(0)) > len(head) // 4:
        return "berkas tampaknya berenkode UTF-16 tanpa BOM, bukan UTF-8; simpan ulang sebagai CSV UTF-8"
    if len(head) - len(head.translate(None, _CONTROL_BYTES)) > len(head) // 20:
        return "berkas biner, bukan CSV teks"
    return None


class _Lines:
    """The physical lines of an open CSV file, for csv.reader, each at most MAX_LINE characters.

    Keeps what messages need about the record being read: the line it began
    on, its first line, whether a line of it holds a character to look at
    (``suspect``), and the number and start of a line that was too long (that
    line is not passed on; an empty one stands in, so csv counts lines right).
    """

    def __init__(self, f: TextIO):
        self.f = f
        self.number = 0
        self.next_record()

    def next_record(self) -> None:
        self.start = 0
        self.first = ""
        self.suspect = False
        self.too_long: tuple[int, str] | None = None

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = self.f.readline(MAX_LINE + 1)
        if not line:
            raise StopIteration
        self.number += 1
        if not self.start:
            self.start, self.first = self.number, line[:MAX_LINE]
        if len(line) > MAX_LINE and not line.endswith(("\n", "\r")):
            while (rest := self.f.readline(1 << 16)) and not rest.endswith(("\n", "\r")):
                pass
            self.too_long = (self.number, line)
            return "\n"
        if _SUSPECT.search(line):
            self.suspect = True
        return line


def _field_at_fault(line: str, delimiter: str) -> int | None:
    """The field of a record's first line where its quoting goes wrong: a quote
    closed and followed by text, or one still open at the end of the line."""
    field_no, quoted, closed, fresh = 0, False, False, True
    i, n = 0, len(line)
    while i < n:
        ch = line[i]
        i += 1
        if quoted:
            if ch == '"':
                if i < n and line[i] == '"':
                    i += 1
                else:
                    quoted, closed = False, True
            continue
        if closed and ch not in (delimiter, "\r", "\n"):
            return field_no
        closed = False
        if ch == delimiter:
            field_no, fresh = field_no + 1, True
        elif ch == '"' and fresh:
            quoted, fresh = True, False
        else:
            fresh = False
    return field_no if quoted else None


def _csv_reason(e: csv.Error) -> str:
    text = str(e)
    if "field larger than field limit" in text:
        return f"isi sel lebih dari {MAX_CELL} karakter"
    if "unexpected end of data" in text:
        return 'tanda kutip (") pembuka sel tidak pernah ditutup'
    if "expected after" in text:
        return 'setelah tanda kutip (") penutup sel harus ada pemisah kolom'
    return f"CSV rusak: {text}"


def _too_long(prefix: str, delimiter: str, header: Sequence[str]) -> tuple[str, str, str]:
    """(column, shown value, reason) for a line longer than MAX_LINE, from its first MAX_LINE characters."""
    cells = next(csv.reader([prefix], delimiter=delimiter))
    if len(cells) > MAX_COLUMNS:
        return f"#{MAX_COLUMNS + 1}", cells[MAX_COLUMNS][:_SHOWN], f"lebih dari {MAX_COLUMNS} kolom"
    i = max(range(len(cells)), key=lambda k: len(cells[k]))
    return _column_name(header, i), cells[i][:_SHOWN], f"isi sel lebih dari {MAX_CELL} karakter"


def _read_csv(path: Path, name: str, out: Problems) -> Table | None:
    source = path.name
    with open(path, "rb") as f:
        why = _not_text(f.read(8192))
    if why:
        out.add(Problem(source, None, None, None, why))
        return None
    with open(path, encoding="utf-8-sig", errors="surrogateescape", newline="") as f:
        lines = _Lines(f)
        first = next(lines, None)
        if first is None:
            out.add(Problem(source, 1, None, None, "berkas kosong: baris judul kolom tidak ada"))
            return None
        if lines.too_long:
            out.add(Problem(source, 1, None, None, f"baris judul kolom lebih dari {MAX_LINE} karakter"))
            return None
        delimiter = ";" if first.count(";") > first.count(",") else ","
        reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter, strict=True)
        try:
            header_cells = next(reader)
        except csv.Error as e:
            out.add(Problem(source, 1, None, None, _csv_reason(e)))
            return None
        if lines.suspect:
            header_cells = _judge_cells(header_cells, (), source, 1, out)
        table = Table(name, source, _normalise_header(header_cells))
        _read_rows(reader, lines, table, delimiter, out)
    return table.seal()


def _read_rows(reader: Iterator[list[str]], lines: _Lines, table: Table, delimiter: str, out: Problems) -> None:
    source, header, width = table.source, table.header, len(table.header)
    if width > MAX_COLUMNS:
        return  # not one of the bundle's tables (validate says so); its rows are not worth holding
    while True:
        lines.next_record()
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            at = _field_at_fault(lines.first, delimiter)
            out.add(Problem(source, lines.start, None if at is None else _column_name(header, at), None, _csv_reason(e)))
            continue
        line = lines.start
        if lines.too_long:
            number, prefix = lines.too_long
            column, shown, reason = _too_long(prefix, delimiter, header)
            out.add(Problem(source, number, column, shown, reason))
            continue
        if not "".join(cells).strip():
            continue
        if len(cells) != width:
            at = min(len(cells), width)
            out.add(Problem(source, line, _column_name(header, at), None,
                            f"baris ini punya {len(cells)} sel, judul kolom punya {width}"))
            continue
        if lines.suspect or sum(map(len, cells)) > MAX_CELL:
            cells = _judge_cells(cells, header, source, line, out)
        table.add(cells, line)


# --- XLSX -------------------------------------------------------------------

def _cell_text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time(0) else v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _read_xlsx(path: Path, out: Problems) -> dict[str, Table]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # noqa: BLE001 - openpyxl raises many kinds on a damaged file; each means the same
        out.add(Problem(path.name, None, None, None, f"bukan workbook .xlsx yang sah: {type(e).__name__}: {e}"))
        return {}
    tables: dict[str, Table] = {}
    sheets = {s.strip().lower(): s for s in wb.sheetnames}
    try:
        for name in TABLES:
            source = f"{path.name}:{name}"
            if name not in sheets:
                if name in FILES:
                    out.add(Problem(source, None, None, None, f"sheet wajib {name!r} tidak ada"))
                continue
            ws = wb[sheets[name]]
            ws.reset_dimensions()  # the recorded size may be wrong either way; read the rows that are there
            try:
                table = _read_sheet(ws.iter_rows(values_only=True), name, source, out)
            except Exception as e:  # noqa: BLE001 - a damaged sheet's XML fails in the parser
                out.add(Problem(source, None, None, None, f"sheet rusak: {type(e).__name__}: {e}"))
                continue
            if table is not None:
                tables[name] = table
    finally:
        wb.close()
    return tables


def _read_sheet(rows: Iterator[tuple[object, ...]], name: str, source: str, out: Problems) -> Table | None:
    try:
        header_cells = next(rows)
    except StopIteration:
        out.add(Problem(source, 1, None, None, "sheet kosong: baris judul kolom tidak ada"))
        return None
    header_text = _judge_cells([_cell_text(c) for c in header_cells], (), source, 1, out)
    header = _normalise_header(header_text)
    while header and header[-1] == "":
        header = header[:-1]
    table = Table(name, source, header)
    width = len(header)
    if width > MAX_COLUMNS:
        return table  # not one of the bundle's tables (validate says so); its rows are not worth holding
    for n, cells in enumerate(rows, start=2):
        values = [_cell_text(c) for c in cells]
        if not any(values):
            continue
        extra = next((i for i in range(width, len(values)) if values[i]), None)
        if extra is not None:
            out.add(Problem(source, n, f"#{extra + 1}", values[extra][:_SHOWN], f"ada isi di luar {width} kolom berjudul"))
            continue
        values = _judge_cells((values + [""] * width)[:width], header, source, n, out)
        for col, c, cell in zip(header, values, cells):
            if isinstance(cell, (int, float)) and not isinstance(cell, bool) and len(c) > 15:
                out.add(Problem(source, n, col, c, "angka lebih dari 15 digit disimpan Excel sebagai angka dan kehilangan digit; simpan kolom ini sebagai teks"))
        table.add(values, n)
    return table.seal()
