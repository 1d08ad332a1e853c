"""The finding record of DESIGN.md section 3, severities and the exit-code rule."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum
from typing import Iterable


class Severity(str, Enum):
    """Ordered from least to most serious."""

    info = "info"
    peringatan = "peringatan"
    pelanggaran = "pelanggaran"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


FIELDS = ("rule", "severity", "instansi", "subjek", "pesan", "dasar", "kutipan")


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    instansi: str
    subjek: str
    pesan: str
    dasar: str
    kutipan: str = ""  # the words of the article behind ``dasar``, as the profile quotes them

    def as_row(self) -> dict[str, str]:
        row = asdict(self)
        row["severity"] = self.severity.value
        return row


def exit_code(findings: Iterable[Finding], fail_on: Severity) -> int:
    """0 when nothing reaches ``fail_on``, 1 when something does (DESIGN §3)."""
    return 1 if any(f.severity.rank >= fail_on.rank for f in findings) else 0
