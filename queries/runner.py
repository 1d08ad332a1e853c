"""Run the checks an agency's profile enables and return findings (DESIGN §3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

import neo4j

from sikerja.loader.graph import read
from sikerja.loader.schema import JENJANG_RANK, STRUCTURAL_JENIS
from sikerja.queries.catalog import CatalogError, Check, checks
from sikerja.queries.findings import Finding, Severity
from sikerja.queries.profiles import PositionMatch, Profile, load_profile
from sikerja.queries.version import consistent


def _match(m: PositionMatch) -> dict[str, Any]:
    return {"jenis": list(m.jenis), "jenjang": list(m.jenjang) if m.jenjang else None}


def parameters(profile: Profile) -> dict[str, Any]:
    """Every value a check may ask for, from the profile. Each check gets only what its header declares."""
    t, e, tm = profile.thresholds, profile.evaluators, profile.teams
    models = [
        {
            "id": m.id, "dasar": m.dasar, "head": list(m.head), "head_evaluator": list(m.head_evaluator), "layers_max": m.layers_max,
            "jf_under": list(m.jf_under),
            "atasan": [_match(r.subject) | {"atasan": list(r.atasan), "dasar": r.dasar} for r in m.atasan],
            "unit_kinds": list(m.applies_to.unit_kinds), "unit_names": list(m.applies_to.unit_names),
            "unit_kelas": list(m.applies_to.unit_kelas),
            "evaluators": [
                {"jenis": list(r.subject.jenis), "jenjang": list(r.subject.jenjang) if r.subject.jenjang else None,
                 "evaluator": list(r.evaluator), "penilai": r.penilai, "delegasi": r.delegasi, "dasar": r.dasar}
                for r in m.evaluators
            ],
        }
        for m in profile.models
    ]
    return {
        "span_max": t.span_max.value, "span_min": t.span_min.value, "layers_max": t.layers_max.value,
        "team_months_max": t.team_months_max.value, "leader_months_max": t.leader_months_max.value,
        "allowed_kinds": list(e.allowed_kinds), "allowed_kinds_dasar": e.allowed_kinds_dasar,
        "jf_unit_head_may_evaluate": e.jf_unit_head_may_evaluate,
        "jf_led_models": sorted(m.id for m in profile.models if "fungsional" in m.head),
        "jf_same_or_lower_forbidden": e.jf_same_or_lower_forbidden,
        "jf_same_or_lower_dasar": e.jf_same_or_lower_dasar,
        "forbidden": [
            {"jenis": list(f.subject.jenis), "jenjang": list(f.subject.jenjang) if f.subject.jenjang else None,
             "evaluator": list(f.evaluator), "only_models": list(f.only_models) if f.only_models is not None else None,
             "except_models": list(f.except_models), "severity": f.severity.value if f.severity else None,
             "dasar": f.dasar}
            for f in e.forbidden
        ],
        "atasan_staff_kinds": list(profile.atasan.staff_kinds), "atasan_jf_unit_head": profile.atasan.jf_unit_head,
        "atasan_dasar": profile.atasan.dasar,
        "jenjang_rank": dict(JENJANG_RANK),
        "structural": list(STRUCTURAL_JENIS),
        "leader_kinds": list(tm.leader_kinds), "leader_min": tm.leader_min, "leader_max": tm.leader_max,
        "sk_issuers": list(tm.sk_issuers), "sk_required": tm.sk_required,
        "cross_agency_sk_issuers": list(tm.cross_agency_sk_issuers),
        "sk_scope": ({k: {"peran": list(v.peran), "dasar": v.dasar} for k, v in tm.sk_scope.items()}
                     if tm.sk_scope is not None else None),
        "member_kinds": list(tm.member_kinds), "member_dasar": tm.member_dasar,
        "outsider_volunteer_forbidden": tm.outsider_volunteer_forbidden,
        "outsider_volunteer_dasar": tm.outsider_volunteer_dasar,
        "revoked_titles": list(profile.revoked_titles),
        "revoked_in": ({"unit_names": list(profile.revoked_in.unit_names), "unit_kinds": list(profile.revoked_in.unit_kinds)}
                       if profile.revoked_in is not None else None),
        "models": models,
        "model_unit_kinds": sorted({k for m in profile.models for k in m.applies_to.unit_kinds}),
        "model_unit_names": sorted({n for m in profile.models for n in m.applies_to.unit_names}),
    }


def reference_date(per: dt.date | None) -> str:
    """The date periods are judged at, as the graph stores dates ('YYYY-MM-DD'); default today."""
    return (per or dt.date.today()).isoformat()


def run_check(driver: neo4j.Driver, db: str, check: Check, instansi: str, muatan: str, profile: Profile,
              params: dict[str, Any] | None = None, *, per: dt.date | None = None) -> list[Finding]:
    """One check on one version of the agency (``muatan``) at the date ``per`` (default today),
    unverified: see :func:`findings_at`."""
    cfg = profile.rules[check.id]
    values = params if params is not None else parameters(profile)
    rows = read(driver, check.query, db, tag=check.id, instansi=instansi, muatan=muatan, per=reference_date(per),
                **{p: values[p] for p in check.params})
    out = []
    for row in rows:
        severity = Severity(row["severity"]) if row.get("severity") else cfg.severity
        dasar = row.get("dasar") or cfg.dasar
        out.append(Finding(
            rule=check.id, severity=severity, instansi=instansi, subjek=str(row["subjek"]),
            pesan=check.message_for(row), dasar=dasar, kutipan=profile.quote(dasar),
        ))
    return out


def run_checks(driver: neo4j.Driver, db: str, instansi: str, *, rules: Iterable[str] | None = None,
               per: dt.date | None = None, on_rule: Callable[[str], None] | None = None,
               then: Callable[[str, list[Finding]], list[Finding]] | None = None) -> list[Finding]:
    """All findings for the agency's live version under its own profile, in rule then subject order.

    ``then(muatan, findings)``, when given, reworks them inside the same consistent read (e.g.
    pseudonyms from the same version's officials).
    """
    def read_version(a: dict[str, Any]) -> list[Finding]:
        found = findings_at(driver, db, instansi, a["muatan"], load_profile(a["profil"]), rules=rules, per=per,
                            on_rule=on_rule)
        return then(a["muatan"], found) if then else found

    return consistent(driver, db, instansi, read_version)


def findings_at(driver: neo4j.Driver, db: str, instansi: str, muatan: str, profile: Profile, *,
                rules: Iterable[str] | None = None, per: dt.date | None = None,
                on_rule: Callable[[str], None] | None = None) -> list[Finding]:
    """All findings for one version of the agency. The caller checks that the version was still
    live afterwards (``version.ensure_live``); :func:`run_checks` does."""
    catalog = checks()
    params = parameters(profile)
    wanted = set(rules) if rules is not None else None
    findings: list[Finding] = []
    for rule_id in sorted(profile.enabled_rules()):
        if wanted is not None and rule_id not in wanted:
            continue
        if rule_id not in catalog:
            raise CatalogError(f"profil {profile.id} mengaktifkan aturan {rule_id} yang tidak ada di katalog queries/checks")
        if on_rule:
            on_rule(rule_id)
        findings.extend(run_check(driver, db, catalog[rule_id], instansi, muatan, profile, params, per=per))
    return findings
