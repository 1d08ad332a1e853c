"""Write findings as a table, JSON Lines, CSV or XLSX (the fields of DESIGN §3)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path

from sikerja.queries.findings import FIELDS, Finding

FORMATS = ("table", "jsonl", "csv", "xlsx")


def to_jsonl(findings: Sequence[Finding]) -> str:
    return "".join(json.dumps(f.as_row(), ensure_ascii=False) + "\n" for f in findings)


def to_csv(findings: Sequence[Finding]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\n")
    w.writeheader()
    for f in findings:
        w.writerow({k: _cell(v) for k, v in f.as_row().items()})
    return buf.getvalue()


def to_xlsx(findings: Sequence[Finding]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("temuan")
    ws.append(list(FIELDS))
    for f in findings:
        row = f.as_row()
        ws.append([_cell(row[k]) for k in FIELDS])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell(value: str) -> str:
    """A value a spreadsheet would read as a formula ('=', '+', '-', '@') gets a leading quote."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def write(findings: Sequence[Finding], fmt: str, path: Path) -> None:
    """Write to ``path`` through a temporary file, so a reader never sees half a file."""
    tmp = path.with_name(path.name + ".partial")
    if fmt == "xlsx":
        tmp.write_bytes(to_xlsx(findings))
    else:
        tmp.write_text(to_jsonl(findings) if fmt == "jsonl" else to_csv(findings), encoding="utf-8")
    tmp.replace(path)
