"""How a bundle's CSV rows become nodes and relationships (DESIGN §1–2), for the
baselines that read the files themselves (the naive loader, the importer's CSV).

Each node step names its table, key column, and the columns that become
relationships rather than properties; each relationship step names the table
and column it comes from and the table of its target. Rows stream from the
files; nothing is held.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sikerja.loader.validate import split_codes


@dataclass(frozen=True)
class Step:
    name: str  # statement in naive.cypher
    label: str  # node label or relationship type
    table: str  # CSV file (without .csv) the rows come from
    key: str  # column naming the node (or the relationship's source)
    ref: str | None = None  # relationship steps: column naming the target(s)
    target: str | None = None  # table of the target
    skip: tuple[str, ...] = ()  # node steps: columns that become relationships, not properties


NODE_STEPS = (
    Step("unit", "UnitOrganisasi", "unit", "kode", skip=("induk", "permodelan")),
    Step("jabatan", "Jabatan", "jabatan", "kode", skip=("unit", "atasan_langsung", "penilai")),
    Step("pegawai", "Pegawai", "pegawai", "nip", skip=("jabatan", "plt")),
    Step("tim", "TimKerja", "tim", "kode", skip=("pemilik_kinerja", "sk_penerbit")),
)
REL_STEPS = (
    Step("rel_bagian_dari", "BAGIAN_DARI", "unit", "kode", "induk", "unit"),
    Step("rel_menerapkan", "MENERAPKAN", "unit", "kode", "permodelan", "permodelan"),
    Step("rel_di_unit", "DI_UNIT", "jabatan", "kode", "unit", "unit"),
    Step("rel_atasan_langsung", "ATASAN_LANGSUNG", "jabatan", "kode", "atasan_langsung", "jabatan"),
    Step("rel_penilai", "PENILAI", "jabatan", "kode", "penilai", "jabatan"),
    Step("rel_menduduki", "MENDUDUKI", "pegawai", "nip", "jabatan", "jabatan"),
    Step("rel_plt", "PLT", "pegawai", "nip", "plt", "jabatan"),
    Step("rel_pemilik_kinerja", "PEMILIK_KINERJA", "tim", "kode", "pemilik_kinerja", "unit"),
    Step("rel_ditetapkan_oleh", "DITETAPKAN_OLEH", "tim", "kode", "sk_penerbit", "jabatan"),
    Step("rel_member_of", "MEMBER_OF", "anggota_tim", "nip", "tim", "tim"),
)
MEMBER_PROPS = ("peran", "mulai", "selesai", "penugasan")  # properties of MEMBER_OF
SOURCE = {"anggota_tim": "pegawai"}  # a membership row's source node is an official


def source_table(step: Step) -> str:
    return SOURCE.get(step.table, step.table)


def read_table(folder: Path, table: str) -> Iterator[dict[str, str]]:
    with open(folder / f"{table}.csv", newline="", encoding="utf-8-sig") as f:
        yield from csv.DictReader(f)


def columns(folder: Path, table: str) -> list[str]:
    with open(folder / f"{table}.csv", newline="", encoding="utf-8-sig") as f:
        return next(csv.reader(f))


def node_rows(folder: Path, step: Step) -> Iterator[tuple[str, dict[str, str]]]:
    """(key, properties) of each row; empty cells are no property."""
    for row in read_table(folder, step.table):
        yield row[step.key], {k: v for k, v in row.items() if v and k not in step.skip}


def rel_rows(folder: Path, step: Step) -> Iterator[tuple[str, str, dict[str, str]]]:
    """(source key, target key, properties) of each relationship; a cell may name several targets."""
    assert step.ref is not None
    for row in read_table(folder, step.table):
        props = {k: row[k] for k in MEMBER_PROPS if row.get(k)} if step.label == "MEMBER_OF" else {}
        for code in split_codes(row.get(step.ref) or ""):
            yield row[step.key], code, props
