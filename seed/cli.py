"""``sikerja generate``: a synthetic agency bundle with planted faults and their answer key."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    app.command("generate")(generate)


def generate(
    out: Path = typer.Argument(..., help="folder bundel yang ditulis (diganti utuh bila sudah berisi bundel)"),
    profile: str = typer.Option(..., "--profile", "-p", help="id profil, mis. metro-2023"),
    positions: int = typer.Option(..., "--positions", "-n", min=50, help="jumlah jabatan (baris jabatan.csv), kira-kira"),
    seed: int = typer.Option(..., "--seed", "-s", help="benih acak; argumen sama menghasilkan berkas yang sama persis"),
    fault_rate: float = typer.Option(0.02, "--fault-rate", min=0.0, max=1.0, help="bagian unit yang diberi kesalahan tertanam"),
    instansi: Optional[str] = typer.Option(None, "--instansi", help="kode instansi; bawaan dari profil, mis. SIN-KOTA-METRO"),
) -> None:
    """Bangkitkan instansi sintetis sesuai profil: enam berkas CSV bundel plus faults.csv (kunci jawaban)."""
    from sikerja.loader.cli import fail, out as console
    from sikerja.queries.profiles import ProfileError, available_profiles
    from sikerja.seed.generate import GenerateError, generate_bundle

    if profile not in available_profiles():
        fail(f"profil {profile!r} tidak dikenal; tersedia: {', '.join(available_profiles())}")
    try:
        summary = generate_bundle(out, profile_id=profile, positions=positions, seed=seed,
                                  fault_rate=fault_rate, instansi=instansi)
    except (GenerateError, ProfileError) as e:
        fail(str(e))
    except OSError as e:
        fail(f"tidak dapat menulis {out}: {e.strerror or e}")
    rows = summary.rows
    console.print(
        f"Instansi {summary.instansi} ditulis ke {summary.out}: {rows['unit']:,} unit, {rows['jabatan']:,} jabatan, "
        f"{rows['pegawai']:,} pegawai, {rows['tim']:,} tim; {summary.faults:,} kesalahan tertanam (faults.csv).",
        markup=False,
    )
