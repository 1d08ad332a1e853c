"""queries/profiles/AUDIT.md answers every row of every audit in ../shared/audits/."""

from __future__ import annotations

import re
from pathlib import Path

AUDITS = Path(__file__).resolve().parents[2] / "shared" / "audits"
TABLE = Path(__file__).resolve().parents[1] / "queries" / "profiles" / "AUDIT.md"
ROW = re.compile(r"^\| (BIN-\d+|BLT-\d+|R\d+|D\d+|\d+) \|", re.MULTILINE)
ANSWER = re.compile(r"^\| ([\w-]+#[\w-]+) \| (agree|disagree)[^|]*\| (fixed|kept|open|mixed|partly fixed)", re.MULTILINE)


def test_every_audit_row_is_answered_once():
    wanted = {f"{p.stem}#{rid}" for p in AUDITS.glob("*.md") if p.name != "README.md"
              for rid in ROW.findall(p.read_text(encoding="utf-8"))}
    answered = [m.group(1) for m in ANSWER.finditer(TABLE.read_text(encoding="utf-8"))]
    assert wanted and sorted(wanted - set(answered)) == []
    assert sorted(set(answered) - wanted) == []
    assert len(answered) == len(set(answered)), "a row answered twice"
