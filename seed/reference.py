"""The reference agencies in ``seed/bundles/<profile-id>/``: one Pemda per regional regulation.

Each is built by the generator's engine (``seed.generate``) from its profile's own data:
every unit a model lists in ``applies_to.unit_names`` (declaring that model, shaped as the
model says), the region's real kecamatan and kelurahan, puskesmas and schools, both kinds of
team, and a handful of planted faults of different rules (``faults.csv``). The structure is
otherwise clean, except what a real Pemda cannot avoid: a kepala daerah with more direct
reports than ``span_max`` (listed in faults.csv too).

    .venv/bin/python -m sikerja.seed.reference [--out DIR] [PROFILE ...]

(re)writes the folders deterministically.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from sikerja.queries.profiles import ProfileError, available_profiles, load_profile
from sikerja.seed import shapes
from sikerja.seed.generate import Engine, Policy, Region, Summary, UnitSpec, run_engine, unit_code

BUNDLES = Path(__file__).parent / "bundles"
PD_KINDS = ("dinas", "badan", "inspektorat", "satpol_pp", "sekretariat_dprd")
CLASS_KINDS = ("kecamatan", "kelurahan", "puskesmas")  # names of a class of units, not of one unit
# Where a named UPTD belongs: a word of its name -> the theme of its perangkat daerah.
UPTD_HOME = (
    ("Seni", "pendidikan"), ("Autis", "pendidikan"), ("Pengairan", "pekerjaan_umum"), ("Air Minum", "pekerjaan_umum"),
    ("Lumpur", "perumahan"), ("Rusunawa", "perumahan"), ("Rumah Susun", "perumahan"), ("Perempuan", "pemberdayaan"),
    ("Benih", "pertanian"), ("Hewan", "pertanian"), ("Ternak", "pertanian"), ("Pertanian", "pertanian"),
    ("Sampah", "lingkungan"), ("Kendaraan", "perhubungan"), ("Parkir", "perhubungan"), ("Terminal", "perhubungan"),
    ("Gelanggang", "pariwisata"), ("Olahraga", "pariwisata"), ("Pasar", "ekonomi"), ("Metrologi", "ekonomi"),
    ("Kas Daerah", "keuangan"), ("Aset", "keuangan"),
)


@dataclass(frozen=True)
class Reference:
    """One reference agency: who it is, what the regulation does not list but the Pemda has,
    and which faults to plant (each once)."""

    profile: str
    region: Region
    seed: int
    kecamatan: tuple[tuple[str, tuple[str, ...]], ...]
    faults: tuple[str, ...]
    extra_pd: tuple[tuple[str, str], ...] = ()  # (jenis, nama) perangkat daerah the models do not name
    rsud: tuple[tuple[str, str], ...] = ()  # (nama, kelas) for an RSUD the regulation names only as a class
    under_health: tuple[str, ...] = ()  # RSUD that are UPT of the Dinas Kesehatan
    labels: tuple[tuple[str, str], ...] = ()  # family -> how the region calls such units


GENERIC_PD = (
    ("inspektorat", "Inspektorat"), ("sekretariat_dprd", "Sekretariat DPRD"), ("satpol_pp", "Satuan Polisi Pamong Praja"),
    ("dinas", "Dinas Pendidikan"), ("dinas", "Dinas Kesehatan"), ("dinas", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    ("dinas", "Dinas Perumahan dan Kawasan Permukiman"), ("dinas", "Dinas Sosial"), ("dinas", "Dinas Lingkungan Hidup"),
    ("dinas", "Dinas Kependudukan dan Pencatatan Sipil"), ("dinas", "Dinas Perhubungan"),
    ("dinas", "Dinas Komunikasi dan Informatika"), ("dinas", "Dinas Pertanian dan Pangan"),
    ("dinas", "Dinas Koperasi, Usaha Mikro dan Tenaga Kerja"), ("dinas", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
    ("dinas", "Dinas Perpustakaan dan Kearsipan"), ("dinas", "Dinas Pariwisata dan Kebudayaan"),
    ("badan", "Badan Perencanaan Pembangunan Daerah"), ("badan", "Badan Keuangan dan Aset Daerah"),
    ("badan", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"), ("badan", "Badan Kesatuan Bangsa dan Politik"),
    ("badan", "Badan Penanggulangan Bencana Daerah"),
)

REFERENCES: tuple[Reference, ...] = (
    Reference(
        "metro-2023", Region("KOTA-METRO", "Kota Metro", "Wali Kota"), 2023_22,
        kecamatan=(
            ("Metro Pusat", ("Hadimulyo Barat", "Hadimulyo Timur", "Imopuro", "Metro", "Yosomulyo")),
            ("Metro Timur", ("Iringmulyo", "Yosodadi", "Yosorejo", "Tejo Agung", "Tejosari")),
            ("Metro Barat", ("Ganjar Agung", "Ganjar Asri", "Mulyojati", "Mulyosari")),
        ),
        faults=("EVAL-GRADE", "EVAL-MISSING", "ROLE-REVOKED", "TEAM-SK-MISSING", "POSITION-VACANT-HEAD",
                "MODEL-UNDECLARED", "ATASAN-OUTSIDE", "TEAM-CROSS-AGENCY"),
        extra_pd=(("badan", "Badan Kesatuan Bangsa dan Politik"),),
        under_health=("Rumah Sakit Umum Daerah Sumbersari Bantul Kelas D",),
    ),
    Reference(
        "bintan-2023", Region("KAB-BINTAN", "Kabupaten Bintan", "Bupati"), 2023_62,
        kecamatan=(
            ("Bintan Timur", ("Kijang Kota", "Sungai Enam", "Sungai Lekop")),
            ("Bintan Utara", ("Tanjung Uban Kota", "Tanjung Uban Selatan", "Tanjung Uban Utara", "Tanjung Uban Timur")),
            ("Teluk Sebong", ("Kota Baru",)),
        ),
        faults=("POSITION-DOUBLE", "SPAN-WIDE", "TEAM-LEADER-COUNT", "ATASAN-MISSING", "MODEL-MISMATCH",
                "PEGAWAI-UNPLACED", "EVAL-MODEL"),
        rsud=(("Rumah Sakit Umum Daerah Engku Haji Daud", "C"),),
    ),
    Reference(
        "blitar-2023", Region("KOTA-BLITAR", "Kota Blitar", "Wali Kota"), 2023_6,
        kecamatan=(
            ("Sananwetan", ("Bendogerit", "Gedog", "Karangtengah", "Klampok", "Plosokerep", "Rembang", "Sananwetan")),
            ("Kepanjenkidul", ("Bendo", "Kauman", "Kepanjenkidul", "Kepanjenlor", "Ngadirejo", "Sentul", "Tanggung")),
            ("Sukorejo", ("Blitar", "Karangsari", "Pakunden", "Sukorejo", "Tanjungsari", "Tlumpu", "Turi")),
        ),
        faults=("EVAL-GRADE", "EVAL-VACANT", "TEAM-LEADER-GRADE", "ATASAN-CYCLE", "MODEL-UNDECLARED",
                "POSITION-DOUBLE", "TEAM-OWNER-MISSING", "SPAN-NARROW"),
        extra_pd=GENERIC_PD,
        labels=(("puskesmas", "UPT Puskesmas"), ("sekolah", "UPT Satuan Pendidikan ")),
    ),
    Reference(
        "pekalongan-2024", Region("KAB-PEKALONGAN", "Kabupaten Pekalongan", "Bupati"), 2024_52,
        kecamatan=(
            ("Kajen", ("Kajen", "Nyamok")),
            ("Kedungwuni", ("Kedungwuni Barat", "Kedungwuni Timur", "Pekajangan")),
            ("Wiradesa", ("Bener", "Gumawang", "Pekuncen")),
        ),
        faults=("TEAM-DURATION", "EVAL-MISSING", "POSITION-VACANT-HEAD", "TEAM-LEADER-COUNT", "EVAL-MODEL",
                "ATASAN-OUTSIDE", "ROLE-REVOKED", "MODEL-MISMATCH", "TEAM-CROSS-AGENCY"),
        extra_pd=GENERIC_PD,
    ),
    Reference(
        "palangkaraya-2024", Region("KOTA-PALANGKARAYA", "Kota Palangka Raya", "Wali Kota"), 2024_13,
        kecamatan=(
            ("Pahandut", ("Pahandut", "Panarung", "Langkai", "Tanjung Pinang", "Pahandut Seberang", "Tumbang Rungan")),
            ("Jekan Raya", ("Menteng", "Palangka", "Bukit Tunggal", "Petuk Katimpun")),
            ("Sabangau", ("Kereng Bangkirai", "Sabaru", "Kalampangan", "Kameloh Baru", "Bereng Bengkel", "Danau Tundai")),
        ),
        faults=("TEAM-DURATION", "EVAL-GRADE", "POSITION-VACANT-HEAD", "TEAM-LEADER-UNIT", "ATASAN-MISSING",
                "MODEL-UNDECLARED", "EVAL-MULTIPLE", "PEGAWAI-UNPLACED"),
        rsud=(("Rumah Sakit Umum Daerah Kota Palangka Raya", ""),),
        under_health=("Rumah Sakit Umum Daerah Kota Palangka Raya",),
    ),
)


def listed_units(policy: Policy) -> list[tuple[str, str]]:
    """(jenis, nama) of every single unit the profile's models name, in profile order. Names of a
    class of units ("Kecamatan", "Pusat Kesehatan Masyarakat (Puskesmas)", "UPTD pada ...",
    "Satuan Pendidikan Sekolah Dasar") are left to the instances the plan builds; two printings
    of one unit ("Sekretariat Daerah" / "Sekretariat Daerah Pemerintah Kabupaten ...") count once."""
    out: list[tuple[str, str]] = []
    for m in policy.profile.models:
        kept: list[str] = []
        for nama in m.applies_to.unit_names:
            jenis = shapes.jenis_for(nama, m.applies_to.unit_kinds)
            if jenis in CLASS_KINDS or _names_a_class(nama, jenis):
                continue
            if any(nama.startswith(k) or k.startswith(nama) for k in kept) or any(n == nama for _, n in out):
                continue
            kept.append(nama)
            out.append((jenis, nama))
    return out


def _names_a_class(nama: str, jenis: str) -> bool:
    if jenis == "uptd":
        return nama.startswith("UPTD pada")
    if jenis == "satuan_pendidikan":
        return any(w in nama for w in ("Sekolah", "Usia Dini", "SD", "SMP")) or nama.startswith("UPT Satuan")
    if jenis == "rsud":
        return " Tipe " in nama
    return False


def reference_plan(ref: Reference, policy: Policy, engine: Engine) -> list[UnitSpec]:
    """The root's children: Setda, every perangkat daerah (named by the models, then the
    region's others), kecamatan with their kelurahan, RSUD; named UPTD, nonformal schools and
    small RSUD under the perangkat daerah they belong to."""
    listed = listed_units(policy)
    setda = next((n for j, n in listed if j == "sekretariat_daerah"), "Sekretariat Daerah")
    pds: list[tuple[str, str]] = [(j, n) for j, n in listed if j in PD_KINDS]
    for jenis, nama in ref.extra_pd:
        key = shapes.theme_for(nama).key
        if all(n != nama for _, n in pds) and (key == "umum" or all(shapes.theme_for(n).key != key for _, n in pds)):
            pds.append((jenis, nama))
    for wanted in ("kesehatan", "pendidikan"):
        if all(shapes.theme_for(n).key != wanted for _, n in pds):
            pds.append(("dinas", f"Dinas {wanted.capitalize()}"))
    extras: dict[str, list[UnitSpec]] = {n: [] for _, n in pds}
    health = next(n for _, n in pds if shapes.theme_for(n).key == "kesehatan")
    school = next(n for _, n in pds if shapes.theme_for(n).key == "pendidikan")
    roots: list[UnitSpec] = []
    rsud = [(n, "") for j, n in listed if j == "rsud"] + list(ref.rsud)
    for nama, kelas in rsud:
        spec = UnitSpec("rsud", nama, 130, kelas=kelas or _kelas_in(nama))
        if nama in ref.under_health:
            spec.budget = 60
            extras[health].append(spec)
        else:
            roots.append(spec)
    for jenis, nama in listed:
        if jenis == "uptd":
            home = next((t for w, t in UPTD_HOME if w.lower() in nama.lower()), "")
            pd = next((n for _, n in pds if shapes.theme_for(n).key == home), pds[0][1])
            extras[pd].append(UnitSpec("uptd", nama, 9))
        elif jenis == "satuan_pendidikan":
            extras[school].append(UnitSpec("sekolah", nama, 14))
    used = {"SETDA"}
    specs = [UnitSpec("setda", setda, 90, kode="SETDA")]
    for jenis, nama in pds:
        if nama in (health, school):
            continue
        specs.append(UnitSpec("pd", nama, 30 + 9 * len(extras[nama]), jenis=jenis, kode=_code(nama, used),
                              extras=tuple(extras[nama])))
    for kec, kelurahan in ref.kecamatan:
        kels = tuple(UnitSpec("kelurahan", f"Kelurahan {k}", 8, place=k) for k in kelurahan)
        specs.append(UnitSpec("kecamatan", f"Kecamatan {kec}", 14 + 8 * len(kels), kode=_code(f"Kecamatan {kec}", used),
                              place=kec, extras=kels, more=False))
    for spec in roots:
        spec.kode = _code(spec.nama, used)
        specs.append(spec)
    specs.append(UnitSpec("pd", health, 260 + 60 * len(extras[health]), kode=_code(health, used), extras=tuple(extras[health])))
    specs.append(UnitSpec("pd", school, 300 + 14 * len(extras[school]), kode=_code(school, used), extras=tuple(extras[school])))
    return specs


def _kelas_in(nama: str) -> str:
    words = nama.split()
    return words[words.index("Kelas") + 1] if "Kelas" in words[:-1] else ""


def _code(nama: str, used: set[str]) -> str:
    if nama.startswith("Kecamatan "):
        base = "KEC-" + "".join(w[:4].upper() for w in nama.split()[1:])
        used.add(base)
        return base
    return unit_code(nama, used)


def write_reference(ref: Reference, out: Path) -> Summary:
    policy = Policy(load_profile(ref.profile))
    places = tuple(k for _, kels in ref.kecamatan for k in kels) + tuple(k for k, _ in ref.kecamatan)
    return run_engine(out, policy, ref.region, lambda engine: reference_plan(ref, policy, engine), ref.seed,
                      plant=list(ref.faults), fault_rate=0.12, max_each=1, places=places, labels=dict(ref.labels))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sikerja.seed.reference", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=BUNDLES, help="folder induk bundel (bawaan: seed/bundles)")
    parser.add_argument("profiles", nargs="*", help="id profil (bawaan: kelima profil daerah)")
    args = parser.parse_args(argv)
    wanted = args.profiles or [r.profile for r in REFERENCES]
    known = set(available_profiles())
    status = 0
    for ref in REFERENCES:
        if ref.profile not in wanted:
            continue
        if ref.profile not in known:
            print(f"lewati {ref.profile}: profil belum ada", file=sys.stderr)
            status = 1
            continue
        try:
            s = write_reference(ref, args.out / ref.profile)
        except ProfileError as e:
            print(f"lewati {ref.profile}: {e}", file=sys.stderr)
            status = 1
            continue
        print(f"{ref.profile}: {s.instansi} {s.rows['unit']} unit, {s.rows['jabatan']} jabatan, "
              f"{s.rows['pegawai']} pegawai, {s.rows['tim']} tim, {s.faults} baris faults.csv -> {s.out}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
