"""Read an input bundle (DESIGN §1): a folder of CSV files or one .xlsx workbook.

Every cell is read as text and parsed later, on purpose: an 18-digit NIP read
as a number loses digits. CSV may be UTF-8 with or without BOM, with ``,`` or
``;`` as delimiter. Rows are kept as tuples (less memory than dicts) with the
line or sheet-row number each came from, for error messages.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

FILES = ("instansi", "unit", "jabatan", "pegawai", "tim", "anggota_tim")
MAX_FIELD = 4096  # characters in one cell
csv.field_size_limit(MAX_FIELD * 4)


@dataclass(frozen=True)
class Problem:
    """One reason a bundle is refused: where, what value, why."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    reason: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", baris {self.row}"
        if self.column:
            where += f", kolom {self.column}"
        shown = ""
        if self.value is not None:
            v = self.value if len(self.value) <= 60 else self.value[:57] + "..."
            shown = f" ({v!r})"
        return f"{where}{shown}: {self.reason}"


class BundleError(Exception):
    """The bundle is refused; ``problems`` lists every reason found (capped)."""

    def __init__(self, problems: list[Problem], total: int | None = None):
        self.problems = problems
        self.total = total if total is not None else len(problems)
        super().__init__(f"{self.total} masalah pada bundel")


@dataclass
class Table:
    name: str  # e.g. "unit"
    source: str  # "unit.csv" or "data.xlsx:unit", for messages
    header: tuple[str, ...]
    rows: list[tuple[str, ...]] = field(default_factory=list)
    line_numbers: list[int] = field(default_factory=list)

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
    """Read all tables; return what could be read and the problems met."""
    if path.is_dir():
        return _read_folder(path)
    if path.is_file() and path.suffix.lower() == ".xlsx":
        return _read_xlsx(path)
    if not path.exists():
        return {}, [Problem(str(path), None, None, None, "berkas atau folder tidak ditemukan")]
    return {}, [Problem(str(path), None, None, None, "bundel harus berupa folder CSV atau satu berkas .xlsx")]


def _normalise_header(cells: list[str]) -> tuple[str, ...]:
    return tuple(c.strip().lower() for c in cells)


def _read_folder(folder: Path) -> tuple[dict[str, Table], list[Problem]]:
    tables: dict[str, Table] = {}
    problems: list[Problem] = []
    for name in FILES:
        p = folder / f"{name}.csv"
        if not p.is_file():
            problems.append(Problem(f"{name}.csv", None, None, None, f"berkas wajib {name}.csv tidak ada di {folder}"))
            continue
        table, errs = _read_csv(p, name)
        problems.extend(errs)
        if table is not None:
            tables[name] = table
    return tables, problems


def _read_csv(path: Path, name: str) -> tuple[Table | None, list[Problem]]:
    source = path.name
    raw = path.read_bytes()
    if b"\0" in raw[:8192]:
        return None, [Problem(source, None, None, None, "berkas biner, bukan CSV teks")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return None, [Problem(source, line, None, None, f"bukan UTF-8 (byte {raw[e.start]:#04x} di posisi {e.start}); simpan ulang sebagai CSV UTF-8")]
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    problems: list[Problem] = []
    try:
        header_cells = next(reader)
    except StopIteration:
        return None, [Problem(source, 1, None, None, "berkas kosong: baris judul kolom tidak ada")]
    except csv.Error as e:
        return None, [Problem(source, 1, None, None, f"CSV rusak: {e}")]
    table = Table(name, source, _normalise_header(header_cells))
    width = len(table.header)
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != width:
                problems.append(Problem(source, line, None, None, f"jumlah kolom {len(cells)}, judul punya {width}"))
                continue
            for col, c in zip(table.header, cells):
                if len(c) > MAX_FIELD:
                    problems.append(Problem(source, line, col, c, f"isi sel lebih dari {MAX_FIELD} karakter"))
            table.rows.append(tuple(c.strip() for c in cells))
            table.line_numbers.append(line)
    except csv.Error as e:
        problems.append(Problem(source, reader.line_num, None, None, f"CSV rusak: {e}"))
    return table, problems


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


def _read_xlsx(path: Path) -> tuple[dict[str, Table], list[Problem]]:
    from openpyxl import load_workbook
    from zipfile import BadZipFile

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as e:
        return {}, [Problem(path.name, None, None, None, f"bukan workbook .xlsx yang sah: {e}")]
    tables: dict[str, Table] = {}
    problems: list[Problem] = []
    sheets = {s.strip().lower(): s for s in wb.sheetnames}
    try:
        for name in FILES:
            if name not in sheets:
                problems.append(Problem(path.name, None, None, None, f"sheet wajib {name!r} tidak ada"))
                continue
            ws = wb[sheets[name]]
            source = f"{path.name}:{name}"
            rows = ws.iter_rows(values_only=True)
            try:
                header_cells = next(rows)
            except StopIteration:
                problems.append(Problem(source, 1, None, None, "sheet kosong: baris judul kolom tidak ada"))
                continue
            header = _normalise_header([_cell_text(c) for c in header_cells])
            while header and header[-1] == "":
                header = header[:-1]
            table = Table(name, source, header)
            width = len(header)
            for n, cells in enumerate(rows, start=2):
                values = [_cell_text(c) for c in cells]
                if not any(values):
                    continue
                if any(values[width:]):
                    problems.append(Problem(source, n, None, None, f"ada isi di luar {width} kolom berjudul"))
                    continue
                values = (values + [""] * width)[:width]
                for col, c, cell in zip(header, values, cells):
                    if isinstance(cell, (int, float)) and not isinstance(cell, bool) and len(c) > 15:
                        problems.append(Problem(source, n, col, c, "angka lebih dari 15 digit disimpan Excel sebagai angka dan kehilangan digit; simpan kolom ini sebagai teks"))
                    if len(c) > MAX_FIELD:
                        problems.append(Problem(source, n, col, c[:80], f"isi sel lebih dari {MAX_FIELD} karakter"))
                table.rows.append(tuple(values))
                table.line_numbers.append(n)
            tables[name] = table
    finally:
        wb.close()
    return tables, problems
