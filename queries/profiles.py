"""Rule profiles: one YAML file per regulation, validated on load.

A profile says which checks apply to an agency, with which thresholds,
severities and citations, and which *permodelan* (organisation models) its
regulation defines. Regional profiles ``extends`` the national baseline
``permenpanrb-7-2022``; a child's mappings are merged into the parent's key by
key, and its lists replace the parent's lists.

Adding a region needs only a new file in ``profiles/`` (or a folder named by
``SIKERJA_PROFILES``); see ``profiles/README.md`` for a worked example.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from sikerja.loader.schema import JABATAN_JENIS, JENJANG, UNIT_JENIS
from sikerja.queries.findings import Severity

BASELINE = "permenpanrb-7-2022"

JabatanJenis = Literal[
    "kepala_daerah", "jpt_madya", "jpt_pratama", "administrator", "pengawas", "fungsional", "pelaksana"
]
Jenjang = Literal[
    "ahli_utama", "ahli_madya", "ahli_muda", "ahli_pertama", "penyelia", "mahir", "terampil", "pemula"
]
UnitJenis = Literal[
    "pemda", "sekretariat_daerah", "sekretariat_dprd", "inspektorat", "dinas", "badan", "satpol_pp",
    "kecamatan", "kelurahan", "rsud", "puskesmas", "uptd", "satuan_pendidikan", "asisten", "bagian",
    "sekretariat", "bidang", "subbagian", "seksi", "lainnya",
]
assert set(JabatanJenis.__args__) == set(JABATAN_JENIS)  # type: ignore[attr-defined]
assert set(Jenjang.__args__) == set(JENJANG)  # type: ignore[attr-defined]
assert set(UnitJenis.__args__) == set(UNIT_JENIS)  # type: ignore[attr-defined]


class ProfileError(ValueError):
    """A profile file that cannot be used; the message names file and field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Regulation(_Strict):
    title: str
    short: str = Field(description="How citations start, e.g. 'Perwali Metro 22/2023'")
    in_force: dt.date | None = None
    seed: str | None = Field(None, description="file name of the regulation text in shared/seeds")


class Threshold(_Strict):
    """A number a check compares against.

    ``default: true`` marks a number the regulation does not give: sikerja's
    documented default, which a user may change in their own profile.
    """

    value: int | None
    default: bool = False
    dasar: str | None = None
    note: str | None = None


class Thresholds(_Strict):
    span_max: Threshold
    span_min: Threshold
    layers_max: Threshold
    team_months_max: Threshold
    leader_months_max: Threshold
    span_groups: tuple[int, ...] = Field(
        description="lower bounds of the span groups, ascending, e.g. [1, 2, 4, 8, 13, 17]"
    )

    @field_validator("span_groups")
    @classmethod
    def _ascending(cls, v: tuple[int, ...]) -> tuple[int, ...]:
        if not v or list(v) != sorted(set(v)) or v[0] < 1:
            raise ValueError("span_groups must be distinct positive integers in ascending order")
        return v


class PositionMatch(_Strict):
    """Which positions a rule is about: a kind, optionally narrowed to JF grades."""

    jenis: tuple[JabatanJenis, ...]
    jenjang: tuple[Jenjang, ...] | None = None

    @model_validator(mode="after")
    def _jenjang_only_for_jf(self) -> PositionMatch:
        if self.jenjang and self.jenis != ("fungsional",):
            raise ValueError("jenjang narrows only jenis [fungsional]")
        return self


class ForbiddenEvaluator(_Strict):
    """EVAL-GRADE: a subject may not be evaluated by these kinds."""

    subject: PositionMatch
    evaluator: tuple[JabatanJenis, ...]
    only_models: tuple[str, ...] | None = Field(None, description="applies only in units of these models")
    except_models: tuple[str, ...] = ()
    severity: Severity | None = None
    dasar: str


class Evaluators(_Strict):
    """Who may evaluate at all, and the forbidden pairs (EVAL-GRADE)."""

    allowed_kinds: tuple[JabatanJenis, ...] = Field(
        description="kinds that may be a PENILAI; other kinds are flagged by EVAL-GRADE"
    )
    allowed_kinds_dasar: str
    jf_unit_head_may_evaluate: bool = Field(
        description="a JF who heads a unit (unit kerja mandiri) may evaluate within it"
    )
    jf_same_or_lower_forbidden: bool = Field(
        description="a JF evaluated by a JF of the same or a lower jenjang is flagged"
    )
    jf_same_or_lower_dasar: str | None = None
    forbidden: tuple[ForbiddenEvaluator, ...] = ()


# An SK issuer named by role rather than by kind: the head of the unit of kind
# sekretariat_daerah (the Sekda is a JPT Pratama like every Kepala Dinas, so the kind alone
# cannot tell them apart).
Issuer = JabatanJenis | Literal["sekretaris_daerah"]


class Atasan(_Strict):
    """ATASAN-GRADE: whom a JF or Pelaksana may sit directly under, in every unit."""

    staff_kinds: tuple[JabatanJenis, ...] = Field(
        description="kinds a JF or Pelaksana may have as atasan langsung (e.g. JPT Pratama, Administrator, Pengawas)"
    )
    jf_unit_head: bool = Field(
        description="a JF appointed to lead a unit kerja mandiri may have JF and Pelaksana of that unit under it"
    )
    dasar: str


# Who signs a team's SK, named by role: the head of the unit that owns the team's performance,
# the head of the Perangkat Daerah that unit belongs to (the root's child above it), the head of
# the Sekretariat Daerah, the Kepala Daerah.
SkRole = Literal["pimpinan_pemilik", "kepala_pd", "sekretaris_daerah", "kepala_daerah"]
# A team's scope, from where its members sit: all within the owner unit, within the owner's
# Perangkat Daerah, across Perangkat Daerah, or with members from another agency.
Lingkup = Literal["unit", "pd", "pemda", "instansi"]


class SkScope(_Strict):
    peran: tuple[SkRole, ...] = Field(min_length=1, description="who may sign a team of this scope")
    dasar: str


class Teams(_Strict):
    leader_kinds: tuple[JabatanJenis, ...] = Field(description="kinds that may lead a team (TEAM-LEADER-GRADE)")
    leader_min: int = Field(ge=0, description="0 where a team 'dapat dipimpin' (a leader is optional)")
    leader_max: int = Field(ge=1)
    sk_issuers: tuple[JabatanJenis, ...] = Field(description="kinds whose position may issue a team's SK")
    sk_required: bool = True
    cross_agency_sk_issuers: tuple[Issuer, ...] = Field(
        description="kinds (or the role sekretaris_daerah) that may issue the SK of a team with members from "
                    "another agency"
    )
    sk_scope: Mapping[Lingkup, SkScope] | None = Field(
        None, description="TEAM-SK-MISSING by the team's scope and owner; replaces sk_issuers where given"
    )
    member_kinds: tuple[JabatanJenis, ...] = Field(
        ("fungsional", "pelaksana"), description="kinds whose holders may be an anggota (TEAM-MEMBER-GRADE)"
    )
    member_dasar: str | None = None
    outsider_volunteer_forbidden: bool = Field(
        False, description="a member from another agency may not join by sukarela (TEAM-SCOPE)"
    )
    outsider_volunteer_dasar: str | None = None


# Which position the text makes a subject's evaluator (EVAL-NOT-ATASAN), relative to the subject:
# - atasan: its atasan langsung (every regulation's default: "Pejabat Penilai Kinerja adalah
#   atasan langsung");
# - atasan_atasan: the atasan of that atasan (e.g. Metro's Wakil Direktur over the Kepala Bidang
#   of an Ahli Madya);
# - kepala_unit: the head of the unit that declares the model (e.g. Metro's JPT Pratama who rates
#   the Ahli Madya under a Level II official);
# - kepala_induk: the head of that unit's parent unit (e.g. Metro's Kepala Dinas Kesehatan who
#   rates the Ahli Madya of an RSUD Kelas D);
# - delegasi: an official the text says is rated only under a delegation (e.g. Metro's UPTD Ahli
#   Muda, rated by "Pejabat Administrator pada Dinas/Badan yang diberikan pendelegasian
#   kewenangan"): lawful only with a recorded delegation.
Relasi = Literal["atasan", "atasan_atasan", "kepala_unit", "kepala_induk", "delegasi"]


class ModelEvaluator(_Strict):
    """In units of a model, subjects matching ``subject`` are evaluated by a position of one of
    the kinds in ``evaluator`` (EVAL-MODEL), namely the position ``penilai`` names relative to
    the subject (EVAL-NOT-ATASAN). Rules are read in order; the first that matches decides."""

    subject: PositionMatch
    evaluator: tuple[JabatanJenis, ...]
    penilai: Relasi = "atasan"
    delegasi: bool = Field(True, description="false where the text keeps the rating from any delegate "
                                             "(e.g. it delegates only the management of the subject's performance)")
    dasar: str


class ModelAtasan(_Strict):
    """ATASAN-GRADE: in units of a model, subjects matching ``subject`` sit directly under a
    position of one of these kinds ('fungsional' = the JF who heads the unit kerja mandiri). Read
    in order; the first that matches decides; a JF no entry matches falls back to ``jf_under``."""

    subject: PositionMatch
    atasan: tuple[JabatanJenis, ...]
    dasar: str


class AppliesTo(_Strict):
    unit_kinds: tuple[UnitJenis, ...] = ()
    unit_names: tuple[str, ...] = Field((), description="unit names the regulation lists, as printed")
    unit_kelas: tuple[str, ...] = Field((), description="narrows unit_kinds to these kelas (e.g. RSUD type D)")


class Permodelan(_Strict):
    id: str = Field(pattern=r"^[A-Z][A-Z0-9-]*$")
    name: str = Field(description="the model's name as in the regulation")
    dasar: str
    applies_to: AppliesTo
    head: tuple[JabatanJenis, ...] = Field(description="kinds the unit's head may be")
    head_evaluator: tuple[JabatanJenis, ...] = Field((), description="kinds that evaluate the unit's head")
    layers_max: int = Field(ge=1, description="structural tiers including the head")
    jf_under: tuple[JabatanJenis, ...] = Field(
        (), description="kinds a JF may be placed directly under in this model (ATASAN-GRADE, after `atasan`)"
    )
    atasan: tuple[ModelAtasan, ...] = ()
    evaluators: tuple[ModelEvaluator, ...] = ()
    distribution_setter: tuple[JabatanJenis, ...] = Field(
        (), description="kinds that set the rating distribution (distribusi predikat kinerja)"
    )
    description: str = ""


class RuleConfig(_Strict):
    enabled: bool = True
    severity: Severity
    dasar: str = Field(description="the article, written as printed: 'Perwali Metro 22/2023 Pasal 9 ayat (2)'")
    note: str | None = None


class Profile(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    extends: str | None = None
    regulation: Regulation
    thresholds: Thresholds
    evaluators: Evaluators
    atasan: Atasan
    teams: Teams
    revoked_titles: tuple[str, ...] = Field((), description="ROLE-REVOKED: words in a position name")
    revoked_dasar: str | None = None
    revoked_in: AppliesTo | None = Field(
        None, description="ROLE-REVOKED only in these units (by name or kind) and the units below them; "
                          "None = in every unit"
    )
    models: tuple[Permodelan, ...] = ()
    rules: Mapping[str, RuleConfig]
    choices: Mapping[str, str] = Field(
        default_factory=dict,
        description="readings picked where the text contradicts itself: key -> what was chosen and why",
    )
    kutipan: Mapping[str, str | tuple[str, ...]] = Field(
        default_factory=dict,
        description="dasar -> the short words of its article(s), as printed in the regulation",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        ids = [m.id for m in self.models]
        dupes = {i for i in ids if ids.count(i) > 1}
        if dupes:
            raise ValueError(f"duplicate permodelan id(s): {sorted(dupes)}")
        known = set(ids)
        for f in self.evaluators.forbidden:
            for m in (*(f.only_models or ()), *f.except_models):
                if m not in known:
                    raise ValueError(f"evaluators.forbidden names unknown permodelan {m!r}")
        return self

    def model(self, model_id: str) -> Permodelan | None:
        return next((m for m in self.models if m.id == model_id), None)

    def quote(self, dasar: str) -> str:
        """The quoted words behind ``dasar`` (several articles joined by ' … '), or ''."""
        q = self.kutipan.get(dasar, "")
        return q if isinstance(q, str) else " … ".join(q)

    def dasar_strings(self) -> set[str]:
        """Every citation the profile makes, wherever it is written."""
        found: set[str] = set()

        def walk(v: Any, key: str = "") -> None:
            if isinstance(v, BaseModel):
                for name in type(v).model_fields:
                    if name not in ("kutipan", "choices"):
                        walk(getattr(v, name), name)
            elif isinstance(v, Mapping):
                for k, x in v.items():
                    walk(x, str(k))
            elif isinstance(v, (tuple, list)):
                for x in v:
                    walk(x, key)
            elif isinstance(v, str) and (key == "dasar" or key.endswith("_dasar")):
                found.add(v)

        walk(self)
        return found

    def enabled_rules(self) -> dict[str, RuleConfig]:
        return {rid: cfg for rid, cfg in self.rules.items() if cfg.enabled}


def _merge(parent: Any, child: Any) -> Any:
    if isinstance(parent, dict) and isinstance(child, dict):
        out = dict(parent)
        for k, v in child.items():
            out[k] = _merge(parent[k], v) if k in parent else v
        return out
    return child


def profile_dirs() -> list[Path]:
    """Where profiles are read from: the user's folder (SIKERJA_PROFILES) first, then the built-ins."""
    dirs = []
    if extra := os.environ.get("SIKERJA_PROFILES"):
        dirs.extend(Path(p) for p in extra.split(os.pathsep) if p)
    dirs.append(Path(str(resources.files("sikerja.queries") / "profiles")))
    return dirs


def _find(profile_id: str) -> Path:
    for d in profile_dirs():
        p = d / f"{profile_id}.yaml"
        if p.is_file():
            return p
    raise ProfileError(f"profil {profile_id!r} tidak ditemukan di {', '.join(map(str, profile_dirs()))}")


def _raw(profile_id: str, seen: tuple[str, ...] = ()) -> dict[str, Any]:
    if profile_id in seen:
        raise ProfileError(f"profil {profile_id!r}: extends berputar ({' -> '.join((*seen, profile_id))})")
    path = _find(profile_id)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise ProfileError(f"{path}: YAML tidak sah: {e}") from e
    if not isinstance(data, dict):
        raise ProfileError(f"{path}: isi profil harus berupa mapping")
    if data.get("id") != profile_id:
        raise ProfileError(f"{path}: id {data.get('id')!r} tidak sama dengan nama berkas {profile_id!r}")
    parent = data.get("extends")
    if parent:
        base = _raw(parent, (*seen, profile_id))
        base.pop("models", None)  # permodelan belong to one regulation; never inherited
        base.pop("choices", None)
        base.pop("kutipan", None)
        data = _merge(base, data)
    return data


@cache
def load_profile(profile_id: str) -> Profile:
    data = _raw(profile_id)
    try:
        profile = Profile.model_validate(data)
    except ValidationError as e:
        lines = [f"{_find(profile_id)}: profil tidak sah"]
        for err in e.errors():
            where = ".".join(str(p) for p in err["loc"])
            lines.append(f"  {where}: {err['msg']}")
        raise ProfileError("\n".join(lines)) from None
    return profile


def available_profiles() -> list[str]:
    ids: set[str] = set()
    for d in profile_dirs():
        if d.is_dir():
            ids.update(p.stem for p in d.glob("*.yaml"))
    return sorted(ids)


def models_of(profile_id: str) -> list[dict[str, Any]] | None:
    """The permodelan of a profile as Permodelan node rows, or None if the profile is unknown."""
    try:
        profile = load_profile(profile_id)
    except ProfileError:
        if profile_id not in available_profiles():
            return None
        raise
    return [
        {"id": m.id, "nama": m.name, "dasar": m.dasar, "profil": profile.id,
         "kepala": list(m.head), "lapisan_maks": m.layers_max,
         "unit_kinds": list(m.applies_to.unit_kinds), "unit_names": list(m.applies_to.unit_names),
         "unit_kelas": list(m.applies_to.unit_kelas)}
        for m in profile.models
    ]
