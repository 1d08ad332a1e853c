"""``sikerja check``: the reference date and the words behind each verdict."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from bundles import tiny_agency

SIKERJA = [sys.executable, "-m", "sikerja.loader.cli"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SIKERJA_SAMARKAN"}
    return subprocess.run([*SIKERJA, *args], capture_output=True, text=True, env={**env, "COLUMNS": "300"})


def test_a_malformed_reference_date_is_a_usage_error(instansi, load_tables):
    load_tables(tiny_agency(instansi, profil="metro-2023"))
    proc = run("check", "-i", instansi, "--per", "31-12-2024")
    assert proc.returncode == 2
    assert "--per harus tanggal berformat YYYY-MM-DD" in proc.stderr and "Traceback" not in proc.stderr


def test_findings_carry_the_quoted_words_of_their_article(instansi, load_tables):
    t = tiny_agency(instansi, profil="metro-2023")
    t["jabatan"][3]["penilai"] = "SEKDIS"  # EPID-1 rated by the Sekretaris, not its Kabid
    load_tables(t)
    proc = run("check", "-i", instansi, "-f", "jsonl", "-r", "EVAL-NOT-ATASAN", "--per", "2024-06-30")
    assert proc.returncode == 1, proc.stderr
    (row,) = [json.loads(line) for line in proc.stdout.splitlines()]
    assert row["subjek"] == "EPID-1" and row["dasar"] == "Perwali Metro 22/2023 Pasal 1 angka 20"
    assert "Pejabat Penilai Kinerja adalah atasan langsung" in row["kutipan"]


def test_a_delegation_counts_only_within_its_period(instansi, load_tables):
    t = tiny_agency(instansi, profil="bintan-2023")
    t["jabatan"][3]["penilai"] = "SEKDIS"
    t["pendelegasian"] = [{"penilai": "SEKDIS", "pemberi": "KADIS", "lingkup": "BID-P2P", "sk_nomor": "800/1/2024",
                           "mulai": "2024-01-01", "selesai": "2024-12-31"}]
    load_tables(t)
    within = run("check", "-i", instansi, "-f", "jsonl", "-r", "EVAL-NOT-ATASAN", "--per", "2024-06-30")
    after = run("check", "-i", instansi, "-f", "jsonl", "-r", "EVAL-NOT-ATASAN", "--per", "2025-01-01")
    assert within.returncode == 0 and within.stdout == ""
    assert after.returncode == 1 and [json.loads(x)["subjek"] for x in after.stdout.splitlines()] == ["EPID-1"]
