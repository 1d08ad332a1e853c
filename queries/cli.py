"""``sikerja check`` and ``sikerja rules``: run the checks, list the catalogue."""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Optional

import typer

from sikerja.queries.findings import FIELDS


def register(app: typer.Typer) -> None:
    # `load` lives here, not in the loader's CLI: it needs the profiles
    # (permodelan ids), which belong to this layer.
    app.command("load")(load)
    app.command("check")(check)
    app.command("spans")(spans)
    rules_app = typer.Typer(help="Katalog aturan: id, judul, tingkat, dasar.", no_args_is_help=True)
    rules_app.command("list")(rules_list)
    app.add_typer(rules_app, name="rules")


def load(
    path: Path = typer.Argument(..., help="folder CSV atau satu berkas .xlsx (DESIGN §1)"),
    batch_size: int = typer.Option(10_000, min=100, help="baris per pernyataan UNWIND"),
) -> None:
    """Muat bundel satu instansi; menggantikan data instansi itu seutuhnya, atau tidak mengubah apa pun."""
    from sikerja.loader.bundle import BundleError
    from sikerja.loader.cli import err, fail, out, progress_factory, reporting
    from sikerja.loader.graph import connect
    from sikerja.loader.load import load_bundle
    from sikerja.loader.settings import Settings
    from sikerja.queries.profiles import ProfileError, models_of

    try:
        with reporting("pemuatan; data lama instansi tetap utuh", ProfileError):
            settings = Settings.from_env()
            with connect(settings) as driver:
                summary = load_bundle(driver, settings.database, path, models_of,
                                      progress_factory=progress_factory(), batch_size=batch_size)
    except BundleError as e:
        for p in e.problems:
            err.print(f"  {p}", markup=False, soft_wrap=True)
        more = f" (ditampilkan {len(e.problems)})" if e.total > len(e.problems) else ""
        fail(f"bundel {path} ditolak: {e.total} masalah{more}; basis data tidak diubah")

    rate = (summary.nodes + summary.relationships) / summary.seconds if summary.seconds else 0
    out.print(
        f"Instansi {summary.instansi} dimuat: {summary.nodes:,} simpul, {summary.relationships:,} relasi "
        f"dalam {summary.seconds:.1f} detik ({rate:,.0f}/detik).",
        markup=False,
    )
    if summary.replaced:
        old = ("versi lama belum dapat dihapus (tidak terlihat pembaca; pemuatan berikutnya menghapusnya)"
               if summary.old_left else f"versi lama dihapus dalam {summary.purge_seconds:.1f} detik berikutnya")
        out.print(f"Versi baru terlihat pembaca setelah {summary.live_seconds:.1f} detik; {old}.", markup=False)


def check(
    instansi: Optional[list[str]] = typer.Option(None, "--instansi", "-i", help="kode instansi (boleh berulang); bawaan: semua yang dimuat"),
    fmt: str = typer.Option("table", "--format", "-f", help="table | jsonl | csv | xlsx"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="tulis ke berkas ini (wajib untuk xlsx)"),
    fail_on: str = typer.Option("pelanggaran", "--fail-on", help="info | peringatan | pelanggaran: exit 1 bila ada temuan setingkat ini atau lebih"),
    rule: Optional[list[str]] = typer.Option(None, "--rule", "-r", help="hanya aturan ini (boleh berulang)"),
    samarkan: bool = typer.Option(False, "--samarkan", help="ganti NIP dan nama pegawai dengan samaran yang tetap "
                                  "(sama dengan SIKERJA_SAMARKAN=1)"),
    per: Optional[str] = typer.Option(None, "--per", help="tanggal acuan YYYY-MM-DD: pendelegasian kewenangan "
                                      "penilaian dinilai pada tanggal ini; bawaan: hari ini"),
) -> None:
    """Jalankan pemeriksaan profil tiap instansi; exit 0 bersih, 1 ada temuan setingkat --fail-on, 2 galat."""
    from sikerja.loader.cli import err, fail, out, reporting
    from sikerja.loader.graph import connect
    from sikerja.loader.settings import Settings
    from sikerja.queries import export, pseudonym
    from sikerja.queries.catalog import CatalogError
    from sikerja.queries.findings import Severity, exit_code
    from sikerja.queries.profiles import ProfileError
    from sikerja.queries.runner import run_checks
    from sikerja.queries.version import UnknownAgency, VersionChanged, agencies

    if fmt not in export.FORMATS:
        fail(f"--format harus salah satu dari {', '.join(export.FORMATS)}")
    try:
        threshold = Severity(fail_on)
    except ValueError:
        fail("--fail-on harus info, peringatan atau pelanggaran")
    if fmt == "xlsx" and output is None:
        fail("--format xlsx membutuhkan --output BERKAS.xlsx")
    per_date = _reference_date(per, fail)
    with reporting("kueri pemeriksaan", UnknownAgency, VersionChanged, ProfileError, CatalogError,
                   pseudonym.PseudonymError):
        settings = Settings.from_env()
        with connect(settings) as driver:
            codes = instansi or [a["kode"] for a in agencies(driver, settings.database)]
            if not codes:
                fail("belum ada instansi yang dimuat; jalankan `sikerja load BUNDEL` dulu")
            hide = samarkan or pseudonym.enabled()
            findings = []
            for kode in codes:
                samaran = functools.partial(pseudonym.findings_at, driver, settings.database, kode) if hide else None
                findings.extend(run_checks(driver, settings.database, kode, rules=rule, per=per_date, then=samaran))
    if output is not None:
        export.write(findings, "csv" if fmt == "table" else fmt, output)
        err.print(f"{len(findings)} temuan ditulis ke {output}")
    elif fmt == "table":
        _print_table(findings, out)
    else:
        sys.stdout.write(export.to_jsonl(findings) if fmt == "jsonl" else export.to_csv(findings))
    raise typer.Exit(exit_code(findings, threshold))


def _reference_date(value: str | None, fail):
    """``--per`` as a date, or None for today; a malformed value is a usage error (exit 2)."""
    from sikerja.loader.validate import parse_date

    if value is None:
        return None
    if (date := parse_date(value)) is None:
        fail(f"--per harus tanggal berformat YYYY-MM-DD, bukan {value!r}")
    return date


def _print_table(findings, console) -> None:
    from rich.table import Table
    from rich.text import Text

    if not findings:
        console.print("Tidak ada temuan.")
        return
    t = Table(show_lines=False)
    for col in FIELDS:
        t.add_column(col, overflow="fold")
    for f in findings:  # cells as Text: a '[/]' or '[link=...]' in a name is data, not markup
        row = f.as_row()
        t.add_row(*(Text(row[k]) for k in FIELDS))
    console.print(t)
    by = {}
    for f in findings:
        by[f.severity.value] = by.get(f.severity.value, 0) + 1
    console.print(", ".join(f"{n} {s}" for s, n in sorted(by.items())))


def rules_list(profile: Optional[str] = typer.Option(None, "--profil", "-p", help="tampilkan tingkat dan dasar menurut profil ini")) -> None:
    """Daftar aturan dalam katalog."""
    from rich.table import Table

    from sikerja.loader.cli import fail, out
    from sikerja.queries.catalog import checks
    from sikerja.queries.profiles import ProfileError, load_profile

    try:
        prof = load_profile(profile) if profile else None
    except ProfileError as e:
        fail(str(e))
    t = Table()
    for col in ("id", "judul", "tingkat", "dasar" if prof else "subjek"):
        t.add_column(col, overflow="fold")
    for rid, c in checks().items():
        if prof:
            cfg = prof.rules.get(rid)
            state = "nonaktif" if cfg is None or not cfg.enabled else cfg.severity.value
            t.add_row(rid, c.title, state, cfg.dasar if cfg else "-")
        else:
            t.add_row(rid, c.title, c.severity.value, c.subject)
    out.print(t)


def spans(
    instansi: str = typer.Option(..., "--instansi", "-i", help="kode instansi"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="tulis ukuran per jabatan ke CSV ini"),
) -> None:
    """Rentang kendali dan lapisan: ringkasan instansi, dan ukuran per jabatan ke CSV bila diminta."""
    import csv

    from sikerja.loader.cli import err, out, reporting
    from sikerja.loader.graph import connect
    from sikerja.loader.settings import Settings
    from sikerja.queries.measures import position_measures, summarise
    from sikerja.queries.profiles import ProfileError, load_profile
    from sikerja.queries.version import UnknownAgency, VersionChanged, consistent

    with reporting("kueri ukuran", UnknownAgency, VersionChanged, ProfileError):
        settings = Settings.from_env()
        with connect(settings) as driver:
            rows = consistent(driver, settings.database, instansi, lambda a: position_measures(
                driver, settings.database, instansi, a["muatan"], load_profile(a["profil"]).thresholds.span_groups))
    for key, value in summarise(rows).items():
        out.print(f"{key:<20} {value}")
    if output is not None:
        tmp = output.with_name(output.name + ".partial")
        with open(tmp, "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]) if rows else ["kode"])
            w.writeheader()
            w.writerows(rows)
        tmp.replace(output)
        err.print(f"{len(rows)} baris ukuran jabatan ditulis ke {output}")
