"""Load and check benchmark on generated agencies.

    .venv/bin/python bench/load.py 10000 100000      # sizes in positions

For each size: generate a metro-2023 bundle (seed 1, default fault rate) into
bench/data/, load it into the running local server as a new agency (first
load), load it again (replace: delete + write in one transaction), run every
check of the profile, then remove the agency. Prints one Markdown row per size.
Peak RSS is this process's (reading, validating and sending the bundle).
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

from sikerja.loader.graph import connect
from sikerja.loader.load import load_bundle
from sikerja.loader.settings import Settings
from sikerja.loader.write import delete_agency
from sikerja.queries.profiles import models_of
from sikerja.queries.runner import run_checks

DATA = Path(__file__).parent / "data"


def generate(n: int) -> Path:
    out = DATA / f"metro-{n}"
    if not (out / "jabatan.csv").is_file():
        subprocess.run([sys.executable, "-m", "sikerja.loader.cli", "generate", "-p", "metro-2023", "-n", str(n),
                        "-s", "1", str(out)], check=True)
    return out


def main(sizes: list[int]) -> None:
    settings = Settings.from_env()
    print("| positions | nodes | relationships | first load s | replace s | all checks s | findings | loader peak RSS MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    with connect(settings) as driver:
        for n in sizes:
            bundle = generate(n)
            first = load_bundle(driver, settings.database, bundle, models_of)
            again = load_bundle(driver, settings.database, bundle, models_of)
            started = time.perf_counter()
            findings = run_checks(driver, settings.database, first.instansi)
            checks = time.perf_counter() - started
            delete_agency(driver, settings.database, first.instansi)
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"| {n:,} | {first.nodes:,} | {first.relationships:,} | {first.seconds:.1f} | {again.seconds:.1f} "
                  f"| {checks:.1f} | {len(findings):,} | {rss:.0f} |", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000])
