"""The in-memory floor: every check of DESIGN §4 computed in plain Python.

``build`` turns a bundle already read into memory (``read_bundle``: parsing is
not timed) into adjacency maps (timed as *build*, the in-memory counterpart of
the store Neo4j already holds); each check function then reads only those
maps and returns the same rows as its ``queries/checks/<RULE-ID>.cypher``
(``subjek`` first, then the fields its message uses), under the same profile
parameters (``runner.parameters``). ``measure`` times each enabled check (best
of ``repeat``) and says whether its subjects equal the Cypher check's, so the
floor is known to compute the same answers.

Written from the check headers and queries, sharing no code with them. The
semantics followed where Cypher's are subtle: a path never reuses a
relationship (so a structural walk may go round a superior loop once), a
``null`` in a comparison drops the row, a unit's model is the one declared on
the unit or its nearest ancestor.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sikerja.loader.bundle import Table
from sikerja.loader.validate import split_codes

KEPALA_DAERAH = "kepala_daerah"
MAX_HOPS = 20  # the quantified path patterns stop at 20 hops
Row = tuple[Any, ...]


@dataclass
class Org:
    """One agency as plain dicts: the adjacency Neo4j keeps in its store."""

    instansi: str
    unit: dict[str, dict[str, str]] = field(default_factory=dict)
    parent: dict[str, str | None] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    declares: dict[str, list[str]] = field(default_factory=dict)  # unit -> permodelan ids it declares
    line: dict[str, frozenset[str]] = field(default_factory=dict)  # unit -> itself and its ancestors
    jabatan: dict[str, dict[str, str]] = field(default_factory=dict)
    unit_of: dict[str, str] = field(default_factory=dict)
    sup: dict[str, str | None] = field(default_factory=dict)
    subs: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    penilai: dict[str, list[str]] = field(default_factory=dict)
    in_unit: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    holders: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # MENDUDUKI
    acting: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # PLT
    pegawai: dict[str, dict[str, str]] = field(default_factory=dict)
    tim: dict[str, dict[str, str]] = field(default_factory=dict)
    members: dict[str, list[dict[str, str]]] = field(default_factory=lambda: defaultdict(list))  # tim -> memberships
    delegations: list[dict[str, str]] = field(default_factory=list)  # pendelegasian rows

    def is_head(self, j: str, u: str) -> bool:
        """No superior inside ``u`` (the head of ``u``, or a position reporting outside it)."""
        s = self.sup[j]
        return s is None or self.unit_of[s] != u

    def occupied(self, j: str) -> bool:
        return bool(self.holders.get(j) or self.acting.get(j))

    def nearest_declaring(self, u: str) -> str | None:
        """``u`` or its nearest ancestor that declares a permodelan."""
        node: str | None = u
        while node is not None:
            if self.declares.get(node):
                return node
            node = self.parent[node]
        return None

    def tiers(self, head: str, structural: frozenset[str]) -> int:
        """1 + the most structural positions on a downward walk from ``head`` (<= 20 hops, no edge twice).

        Going down, the edge used to enter a position is that position's own
        ATASAN_LANGSUNG, so "no edge twice" means "no position entered twice".
        """
        def below(node: str) -> list[str]:
            return [s for s in self.subs.get(node, ()) if self.jabatan[s]["jenis"] in structural]

        best = 0
        entered: set[str] = set()  # positions on the current walk (the head was not entered by an edge)
        stack: list[tuple[str, int, bool]] = [(s, 1, False) for s in below(head)]
        while stack:
            node, depth, leaving = stack.pop()
            if leaving:
                entered.discard(node)
                continue
            if node in entered:
                continue
            entered.add(node)
            stack.append((node, depth, True))
            best = max(best, depth)
            if depth < MAX_HOPS:
                stack.extend((s, depth + 1, False) for s in below(node))
        return best + 1


def build(tables: dict[str, Table], models: list[dict[str, Any]] = ()) -> Org:
    """The maps; ``models`` (runner.parameters' models) lets an undeclared unit follow the one
    model its name, kind and kelas point to, as the loader links it."""
    inst = next(tables["instansi"].dicts())
    o = Org(instansi=inst["kode"])
    for u in tables["unit"].dicts():
        k = u["kode"]
        o.unit[k] = u
        o.parent[k] = u.get("induk")
        o.declares[k] = split_codes(u.get("permodelan", ""))
        if not o.declares[k] and len(found := _candidates(u, list(models))) == 1:
            o.declares[k] = found
        if u.get("induk"):
            o.children[u["induk"]].append(k)
    for k in o.unit:
        up, node = [], k
        while node is not None:
            up.append(node)
            node = o.parent[node]
        o.line[k] = frozenset(up)
    for j in tables["jabatan"].dicts():
        k = j["kode"]
        o.jabatan[k] = j
        o.unit_of[k] = j["unit"]
        o.in_unit[j["unit"]].append(k)
        o.sup[k] = j.get("atasan_langsung")
        o.penilai[k] = split_codes(j.get("penilai", ""))
        if j.get("atasan_langsung"):
            o.subs[j["atasan_langsung"]].append(k)
    for p in tables["pegawai"].dicts():
        o.pegawai[p["nip"]] = p
        for code in split_codes(p.get("jabatan", "")):
            o.holders[code].append(p["nip"])
        for code in split_codes(p.get("plt", "")):
            o.acting[code].append(p["nip"])
    for t in tables["tim"].dicts():
        o.tim[t["kode"]] = t
    for m in tables["anggota_tim"].dicts():
        o.members[m["tim"]].append(m)
    if "pendelegasian" in tables:
        o.delegations = list(tables["pendelegasian"].dicts())
    return o


CHECKS: dict[str, Callable[[Org, dict[str, Any]], list[Row]]] = {}


def check(rule: str) -> Callable[[Callable[[Org, dict[str, Any]], list[Row]]], Callable[[Org, dict[str, Any]], list[Row]]]:
    def register(fn: Callable[[Org, dict[str, Any]], list[Row]]) -> Callable[[Org, dict[str, Any]], list[Row]]:
        CHECKS[rule] = fn
        return fn
    return register


# --- superiors and spans -------------------------------------------------------------------


@check("ATASAN-MISSING")
def atasan_missing(o: Org, p: dict[str, Any]) -> list[Row]:
    return [(k, j["nama"]) for k, j in o.jabatan.items() if j["jenis"] != KEPALA_DAERAH and o.sup[k] is None]


@check("ATASAN-CYCLE")
def atasan_cycle(o: Org, p: dict[str, Any]) -> list[Row]:
    """Each position has one superior: walk up, colouring; a walk that meets itself closed a loop."""
    state: dict[str, int] = {}  # 1 = on the current walk, 2 = done
    out: list[Row] = []
    for start in o.jabatan:
        walk, node = [], start
        while node is not None and node not in state:
            state[node] = 1
            walk.append(node)
            node = o.sup[node]
        if node is not None and state[node] == 1:  # the walk came back to one of its own positions
            loop = walk[walk.index(node):]
            out.extend((k, o.jabatan[k]["nama"], len(loop)) for k in loop)
        for k in walk:
            state[k] = 2
    return out


@check("ATASAN-OUTSIDE")
def atasan_outside(o: Org, p: dict[str, Any]) -> list[Row]:
    out: list[Row] = []
    for k, s in o.sup.items():
        if s is not None and o.unit_of[s] not in o.line[o.unit_of[k]]:
            out.append((k, o.jabatan[k]["nama"], o.unit_of[k], s, o.unit_of[s]))
    return out


@check("SPAN-WIDE")
def span_wide(o: Org, p: dict[str, Any]) -> list[Row]:
    return [(k, o.jabatan[k]["nama"], len(v), p["span_max"]) for k, v in o.subs.items() if len(v) > p["span_max"]]


@check("SPAN-NARROW")
def span_narrow(o: Org, p: dict[str, Any]) -> list[Row]:
    structural = set(p["structural"])
    out: list[Row] = []
    for k, j in o.jabatan.items():
        if j["jenis"] in structural and j["jenis"] != KEPALA_DAERAH:
            n = len(o.subs.get(k, ()))
            if n < p["span_min"]:
                out.append((k, j["nama"], n, p["span_min"]))
    return out


@check("LAYERS-DEEP")
def layers_deep(o: Org, p: dict[str, Any]) -> list[Row]:
    structural = frozenset(p["structural"])
    limits = {m["id"]: m["layers_max"] for m in p["models"]}
    out: list[Row] = []
    for u, row in o.unit.items():
        parent = o.parent[u]
        under_root = parent is not None and o.parent[parent] is None
        if not (o.declares[u] or under_root):
            continue
        heads = [h for h in o.in_unit.get(u, ()) if o.jabatan[h]["jenis"] in structural and o.is_head(h, u)]
        if not heads:
            continue
        lapisan = max(o.tiers(h, structural) for h in heads)
        for m in o.declares[u] or [None]:
            limit = limits.get(m) if m is not None else None
            batas = limit if limit is not None else p["layers_max"]
            if lapisan > batas:
                out.append((u, row["nama"], lapisan, batas))
    return out


# --- evaluators ----------------------------------------------------------------------------


@check("EVAL-MISSING")
def eval_missing(o: Org, p: dict[str, Any]) -> list[Row]:
    return [(k, j["nama"]) for k, j in o.jabatan.items()
            if j["jenis"] != KEPALA_DAERAH and o.holders.get(k) and not o.penilai[k]]


@check("EVAL-MULTIPLE")
def eval_multiple(o: Org, p: dict[str, Any]) -> list[Row]:
    return [(k, o.jabatan[k]["nama"], len(v), v) for k, v in o.penilai.items() if len(v) > 1]


@check("EVAL-VACANT")
def eval_vacant(o: Org, p: dict[str, Any]) -> list[Row]:
    return [(k, o.jabatan[k]["nama"], e, o.jabatan[e]["nama"])
            for k, evaluators in o.penilai.items() if evaluators and o.holders.get(k)
            for e in evaluators if not o.occupied(e)]


def _jf_led(o: Org, u: str, p: dict[str, Any]) -> bool:
    """A JF heading ``u`` leads a unit kerja mandiri: ``u`` follows no model, or one led by a JF."""
    model = _nearest_model(o, u)
    return model is None or model in p["jf_led_models"]


def _nearest_model(o: Org, u: str) -> str | None:
    d = o.nearest_declaring(u)
    return o.declares[d][0] if d is not None else None


def _in(value: Any, options: list[Any] | None) -> bool | None:
    """Cypher's ``value IN options`` with its nulls: null when value is null and the list is not empty."""
    if options is None:
        return None
    if value is None:
        return None if options else False
    return value in options


@check("EVAL-GRADE")
def eval_grade(o: Org, p: dict[str, Any]) -> list[Row]:
    allowed, rank = set(p["allowed_kinds"]), p["jenjang_rank"]
    out: list[Row] = []
    models: dict[str, str | None] = {}
    for k, evaluators in o.penilai.items():
        if not evaluators:
            continue
        j, u = o.jabatan[k], o.unit_of[k]
        if o.declares[u] and o.is_head(k, u):  # a declaring unit's head: the model above it
            model = _nearest_model(o, o.parent[u]) if o.parent[u] else None
        else:
            if u not in models:
                models[u] = _nearest_model(o, u)
            model = models[u]
        for e in evaluators:
            pj, pu = o.jabatan[e], o.unit_of[e]
            jf_head = (pj["jenis"] == "fungsional" and p["jf_unit_head_may_evaluate"]
                       and o.is_head(e, pu) and pu in o.line[u] and _jf_led(o, pu, p))
            reasons: list[tuple[str, str | None, str | None]] = []
            if pj["jenis"] not in allowed and not jf_head:
                reasons.append(("jenis_penilai", p["allowed_kinds_dasar"], None))
            for f in p["forbidden"]:
                if (j["jenis"] in f["jenis"] and (f["jenjang"] is None or _in(j.get("jenjang"), f["jenjang"]))
                        and pj["jenis"] in f["evaluator"]
                        and (f["only_models"] is None or _in(model, f["only_models"]))
                        and not _in(model, f["except_models"])):
                    reasons.append(("pasangan_terlarang", f["dasar"], f["severity"]))
            rj, rp = rank.get(j.get("jenjang") or ""), rank.get(pj.get("jenjang") or "")
            if (p["jf_same_or_lower_forbidden"] and j["jenis"] == "fungsional" and pj["jenis"] == "fungsional"
                    and rj is not None and rp is not None and rp <= rj):
                reasons.append(("jf_setara", p["jf_same_or_lower_dasar"], None))
            out.extend((k, j["nama"], j["jenis"], j.get("jenjang"), e, pj["jenis"], pj.get("jenjang"), *r)
                       for r in reasons)
    return out


@check("EVAL-MODEL")
def eval_model(o: Org, p: dict[str, Any]) -> list[Row]:
    models = {m["id"]: m for m in p["models"]}
    out: list[Row] = []
    for u in o.unit:
        decl = o.nearest_declaring(u)
        model = models.get(o.declares[decl][0]) if decl is not None else None
        if model is None:
            continue
        for k in o.in_unit.get(u, ()):
            j = o.jabatan[k]
            if not o.penilai[k]:
                continue
            if u == decl and o.is_head(k, decl):
                rule = {"evaluator": model["head_evaluator"], "dasar": None} if model["head_evaluator"] else None
            else:
                rule = next((r for r in model["evaluators"] if j["jenis"] in r["jenis"]
                             and (r["jenjang"] is None or _in(j.get("jenjang"), r["jenjang"]))), None)
            if rule is None:
                continue
            for e in o.penilai[k]:
                if o.jabatan[e]["jenis"] not in rule["evaluator"]:
                    out.append((k, j["nama"], e, o.jabatan[e]["jenis"], model["id"], rule["evaluator"], rule["dasar"]))
    return out


@check("EVAL-NOT-ATASAN")
def eval_not_atasan(o: Org, p: dict[str, Any]) -> list[Row]:
    models = {m["id"]: m for m in p["models"]}
    out: list[Row] = []
    for k, j in o.jabatan.items():
        a, recorded = o.sup[k], o.penilai[k]
        if j["jenis"] == KEPALA_DAERAH or not recorded or a is None:
            continue
        u = o.unit_of[k]
        decl = o.nearest_declaring(u)
        model = models.get(o.declares[decl][0]) if decl is not None else None
        rule = None
        if model is not None and not (u == decl and o.unit_of[a] != decl):
            rule = next((r for r in model["evaluators"] if j["jenis"] in r["jenis"]
                         and (r["jenjang"] is None or _in(j.get("jenjang"), r["jenjang"]))), None)
        relasi = rule["penilai"] if rule else "atasan"
        if relasi == "atasan":
            expected = [a]
        elif relasi == "atasan_atasan":
            expected = [o.sup[a]] if o.sup[a] is not None else []
        elif relasi in ("kepala_unit", "kepala_induk"):
            target = decl if relasi == "kepala_unit" else o.parent[decl]
            expected = [h for h in o.in_unit.get(target, ()) if o.is_head(h, target)] if target else []
        else:
            expected = []
        if (expected or relasi == "delegasi") and not set(recorded) & set(expected):
            out.append((k, j["nama"], relasi, model["id"] if model else None, sorted(recorded), sorted(expected),
                        rule["dasar"] if rule and relasi != "atasan" else None))
    return out


def _above(o: Org, low: str, high: str) -> bool:
    """``high`` is on ``low``'s superior chain (at most MAX_HOPS up)."""
    node: str | None = o.sup[low]
    for _ in range(MAX_HOPS):
        if node is None:
            return False
        if node == high:
            return True
        node = o.sup[node]
    return False


@check("EVAL-DELEGATION")
def eval_delegation(o: Org, p: dict[str, Any]) -> list[Row]:
    out: list[Row] = []
    for d in o.delegations:
        who, giver, scope = d["penilai"], d["pemberi"], d["lingkup"]
        if scope in o.unit:
            tops = [h for h in o.in_unit.get(scope, ()) if o.is_head(h, scope)]
            lawful_giver = any(h == giver or _above(o, h, giver) for h in tops)
        else:
            lawful_giver = _above(o, scope, giver)
        others = sorted({e["penilai"] for e in o.delegations if e is not d and e["lingkup"] == scope
                         and e["penilai"] != who
                         and d.get("mulai", "") <= e.get("selesai", "9999-12-31")
                         and e.get("mulai", "") <= d.get("selesai", "9999-12-31")})
        reasons = (["jenis_penerima"] if o.jabatan[who]["jenis"] not in p["allowed_kinds"] else []) + \
                  ([] if lawful_giver else ["pemberi"]) + (["ganda"] if others else [])
        out.extend((who, o.jabatan[who]["nama"], r) for r in reasons)
    return out


# --- positions and officials ---------------------------------------------------------------


@check("POSITION-DOUBLE")
def position_double(o: Org, p: dict[str, Any]) -> list[Row]:
    return [(k, o.jabatan[k]["nama"], len(v), v) for k, v in o.holders.items() if len(v) > 1]


@check("POSITION-VACANT-HEAD")
def position_vacant_head(o: Org, p: dict[str, Any]) -> list[Row]:
    return [(k, j["nama"], o.unit_of[k], o.unit[o.unit_of[k]]["nama"]) for k, j in o.jabatan.items()
            if o.is_head(k, o.unit_of[k]) and not o.occupied(k)]


@check("PEGAWAI-UNPLACED")
def pegawai_unplaced(o: Org, p: dict[str, Any]) -> list[Row]:
    return [(nip, r["nama"]) for nip, r in o.pegawai.items()
            if r.get("instansi_asal", o.instansi) == o.instansi and not r.get("jabatan") and not r.get("plt")]


@check("ROLE-REVOKED")
def role_revoked(o: Org, p: dict[str, Any]) -> list[Row]:
    titles = [(t, t.lower()) for t in p["revoked_titles"]]
    scope = p["revoked_in"]
    out: list[Row] = []
    for k, j in o.jabatan.items():
        nama = j["nama"].lower()
        found = [t for t, low in titles if low in nama]
        if found and scope is not None and not any(
                o.unit[x]["nama"] in scope["unit_names"] or o.unit[x]["jenis"] in scope["unit_kinds"]
                for x in o.line[o.unit_of[k]]):
            continue
        if found:
            out.append((k, j["nama"], found))
    return out


# --- permodelan ----------------------------------------------------------------------------


def _candidates(row: dict[str, str], models: list[dict[str, Any]]) -> list[str]:
    named = [m["id"] for m in models if row["nama"] in m["unit_names"]]
    return named or [m["id"] for m in models if row["jenis"] in m["unit_kinds"]
                     and (not m["unit_kelas"] or row.get("kelas", "") in m["unit_kelas"])]


@check("MODEL-UNDECLARED")
def model_undeclared(o: Org, p: dict[str, Any]) -> list[Row]:
    out: list[Row] = []
    for u, r in o.unit.items():
        if not o.declares[u] and len(found := _candidates(r, p["models"])) > 1:
            out.append((u, r["nama"], r["jenis"], found))
    return out


def _jf_superiors(o: Org, u: str) -> set[str]:
    """Kinds the JF of ``u`` (not its JF head) and of sub-units declaring no model sit directly under."""
    kinds: set[str] = set()
    stack = [u]
    while stack:
        x = stack.pop()
        for f in o.in_unit.get(x, ()):
            if o.jabatan[f]["jenis"] != "fungsional" or (x == u and o.is_head(f, u)):
                continue
            s = o.sup[f]
            if s is not None:
                kinds.add(o.jabatan[s]["jenis"])
        stack.extend(c for c in o.children.get(x, ()) if not o.declares[c])
    return kinds


def unit_models(o: Org, p: dict[str, Any]) -> list[dict[str, Any]]:
    """measures/unit_models.cypher: structure, declared model's fit and the nearest model per scope unit."""
    kinds, names, structural = set(p["model_unit_kinds"]), set(p["model_unit_names"]), frozenset(p["structural"])
    out = []
    for u, row in o.unit.items():
        if not (o.declares[u] or row["jenis"] in kinds or row["nama"] in names):
            continue
        heads = [h for h in o.in_unit.get(u, ()) if o.is_head(h, u)]
        kepala = {o.jabatan[h]["jenis"] for h in heads}
        lapisan = max((o.tiers(h, structural) for h in heads), default=0)
        jf_atasan = _jf_superiors(o, u)
        scores = []
        for x in p["models"]:
            fit = {
                "id": x["id"], "head": x["head"], "jf_under": x["jf_under"],
                "kepala_cocok": any(k in x["head"] for k in kepala),
                "lingkup_cocok": row["nama"] in x["unit_names"] or row["jenis"] in x["unit_kinds"],
                "lapisan_cocok": x["layers_max"] is not None and lapisan <= x["layers_max"],
                "jf_cocok": not x["jf_under"] or all(k in x["jf_under"] for k in jf_atasan),
            }
            fit["skor"] = 4 * fit["kepala_cocok"] + 2 * fit["lingkup_cocok"] + fit["lapisan_cocok"] + fit["jf_cocok"]
            scores.append(fit)
        best = None
        for s in scores:
            if best is None or s["skor"] > best["skor"]:
                best = s
        for m in o.declares[u] or [None]:
            declared = next((s for s in scores if s["id"] == m), None)
            out.append({"unit": u, "nama": row["nama"], "permodelan": m, "kepala": kepala, "lapisan": lapisan,
                        "jf_atasan": jf_atasan, "terdekat": best["id"] if best else None, "dinyatakan": declared})
    return out


@check("MODEL-MISMATCH")
def model_mismatch(o: Org, p: dict[str, Any]) -> list[Row]:
    out: list[Row] = []
    for r in unit_models(o, p):
        d = r["dinyatakan"]
        if r["permodelan"] is None or d is None or d["kepala_cocok"]:
            continue
        out.append((r["unit"], r["nama"], r["permodelan"], r["kepala"], d["head"], r["terdekat"]))
    return out


@check("ATASAN-GRADE")
def atasan_grade(o: Org, p: dict[str, Any]) -> list[Row]:
    models = {m["id"]: m for m in p["models"]}
    staff_kinds = set(p["atasan_staff_kinds"])
    out: list[Row] = []
    for k, j in o.jabatan.items():
        a = o.sup[k]
        if j["jenis"] not in ("fungsional", "pelaksana") or a is None or a == k:
            continue
        u, ja = o.unit_of[k], o.jabatan[a]
        au = o.unit_of[a]
        jf_head = (ja["jenis"] == "fungsional" and p["atasan_jf_unit_head"] and o.is_head(a, au)
                   and au in o.line[u] and _jf_led(o, au, p))
        decl = o.nearest_declaring(u)
        model = models.get(o.declares[decl][0]) if decl is not None else None
        rule = None
        if model is not None and not (u == decl and au != decl):
            rule = next(({"atasan": r["atasan"], "dasar": r["dasar"]} for r in model["atasan"]
                         if j["jenis"] in r["jenis"] and (r["jenjang"] is None or _in(j.get("jenjang"), r["jenjang"]))),
                        None)
            if rule is None and j["jenis"] == "fungsional" and model["jf_under"]:
                rule = {"atasan": model["jf_under"], "dasar": None}
        if ja["jenis"] not in staff_kinds and not jf_head:
            out.append((k, j["nama"], j["jenis"], j.get("jenjang"), a, ja["jenis"], "jenis", p["atasan_staff_kinds"],
                        model["id"] if model else None, p["atasan_dasar"]))
        elif rule is not None and not (ja["jenis"] in rule["atasan"] and (ja["jenis"] != "fungsional" or jf_head)):
            out.append((k, j["nama"], j["jenis"], j.get("jenjang"), a, ja["jenis"], "permodelan", rule["atasan"],
                        model["id"], rule["dasar"] or model["dasar"]))
    return out


# --- teams ---------------------------------------------------------------------------------


def _months(start: str, end: str) -> int:
    """Whole months from ``start`` to ``end`` (ISO dates), as duration.inMonths counts them."""
    ys, ms, ds = (int(x) for x in start[:10].split("-"))
    ye, me, de = (int(x) for x in end[:10].split("-"))
    return (ye - ys) * 12 + (me - ms) - (1 if de < ds else 0)


def _leaders(o: Org, t: str) -> Iterable[dict[str, str]]:
    return (m for m in o.members.get(t, ()) if m.get("peran") == "ketua")


@check("TEAM-DURATION")
def team_duration(o: Org, p: dict[str, Any]) -> list[Row]:
    out: list[Row] = []
    if p["team_months_max"] is not None:
        for k, t in o.tim.items():
            if not t.get("mulai"):
                continue
            bulan = _months(t["mulai"], t["selesai"]) if t.get("selesai") else None
            if bulan is None or _longer(t["mulai"], t["selesai"], p["team_months_max"]):
                out.append((k, t["nama"], "tim_terbuka" if bulan is None else "tim", bulan))
    if p["leader_months_max"] is not None:
        for k, t in o.tim.items():
            for m in _leaders(o, k):
                if m.get("mulai") and m.get("selesai"):
                    bulan = _months(m["mulai"], m["selesai"])
                    if _longer(m["mulai"], m["selesai"], p["leader_months_max"]):
                        out.append((k, t["nama"], "ketua", bulan, m["nip"]))
    return out


def _longer(start: str, end: str, months: int) -> bool:
    """``end`` falls after ``start`` plus ``months`` calendar months (the day clamped to the month)."""
    y, m = divmod(int(start[:4]) * 12 + int(start[5:7]) - 1 + months, 12)
    last = [31, 29 if y % 4 == 0 and (y % 100 or y % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m]
    return end[:10] > f"{y:04d}-{m + 1:02d}-{min(int(start[8:10]), last):02d}"


@check("TEAM-LEADER-COUNT")
def team_leader_count(o: Org, p: dict[str, Any]) -> list[Row]:
    out: list[Row] = []
    for k, t in o.tim.items():
        terms = [(m.get("mulai") or "", m.get("selesai")) for m in _leaders(o, k)]
        n = max((sum(1 for s, e in terms if s <= a and (e is None or e >= a)) for a, _ in terms), default=0)
        if n < p["leader_min"] or n > p["leader_max"]:
            out.append((k, t["nama"], n))
    return out


def _led_positions(o: Org) -> Iterator[tuple[str, dict[str, str], str, str]]:
    """(team, its row, leader's NIP, a position the leader holds) for every team leader."""
    for k, t in o.tim.items():
        for m in _leaders(o, k):
            for j in split_codes(o.pegawai[m["nip"]].get("jabatan", "")):
                yield k, t, m["nip"], j


@check("TEAM-LEADER-GRADE")
def team_leader_grade(o: Org, p: dict[str, Any]) -> list[Row]:
    kinds = set(p["leader_kinds"])
    return [(k, t["nama"], nip, o.pegawai[nip]["nama"], j, o.jabatan[j]["jenis"])
            for k, t, nip, j in _led_positions(o) if o.jabatan[j]["jenis"] not in kinds]


@check("TEAM-LEADER-UNIT")
def team_leader_unit(o: Org, p: dict[str, Any]) -> list[Row]:
    out: list[Row] = [(k, t["nama"], nip, o.unit_of[j], owner) for k, t, nip, j in _led_positions(o)
                      for owner in split_codes(t.get("pemilik_kinerja", "")) if owner not in o.line[o.unit_of[j]]]
    for k, t in o.tim.items():  # a ketua lent by another agency, holding no position here
        for m in _leaders(o, k):
            who = o.pegawai[m["nip"]]
            if t.get("pemilik_kinerja") and not who.get("jabatan") and who.get("instansi_asal", o.instansi) != o.instansi:
                out.append((k, t["nama"], m["nip"], None, t["pemilik_kinerja"]))
    return out


@check("TEAM-MEMBER-GRADE")
def team_member_grade(o: Org, p: dict[str, Any]) -> list[Row]:
    kinds = set(p["member_kinds"])
    return [(k, t["nama"], m["nip"], j, o.jabatan[j]["jenis"]) for k, t in o.tim.items()
            for m in o.members.get(k, ()) if m.get("peran") == "anggota"
            for j in split_codes(o.pegawai[m["nip"]].get("jabatan", "")) if o.jabatan[j]["jenis"] not in kinds]


@check("TEAM-SCOPE")
def team_scope(o: Org, p: dict[str, Any]) -> list[Row]:
    out: list[Row] = []
    for k, t in o.tim.items():
        owner = t.get("pemilik_kinerja")
        if t.get("jenis") == "kelompok_kerja" and owner:
            outside = sorted({o.unit_of[j] for m in o.members.get(k, ())
                              for col in ("jabatan", "plt") for j in split_codes(o.pegawai[m["nip"]].get(col, ""))
                              if owner not in o.line[o.unit_of[j]]})
            if outside:
                out.append((k, t["nama"], "kelompok_lintas", outside))
        if p["outsider_volunteer_forbidden"]:
            out.extend((k, t["nama"], "sukarela_luar", m["nip"]) for m in o.members.get(k, ())
                       if m.get("penugasan") == "sukarela"
                       and o.pegawai[m["nip"]].get("instansi_asal", o.instansi) != o.instansi)
    return out


@check("TEAM-OWNER-MISSING")
def team_owner_missing(o: Org, p: dict[str, Any]) -> list[Row]:
    return [(k, t["nama"]) for k, t in o.tim.items() if not t.get("pemilik_kinerja")]


def _scope(o: Org, k: str, t: dict[str, str]) -> str:
    """'instansi', 'unit', 'pd' or 'pemda', from where the team's members sit (TEAM-SK-MISSING)."""
    members = [o.pegawai[m["nip"]] for m in o.members.get(k, ())]
    if any(w.get("instansi_asal", o.instansi) != o.instansi for w in members):
        return "instansi"
    units = {o.unit_of[j] for w in members for col in ("jabatan", "plt") for j in split_codes(w.get(col, ""))}
    owner = t.get("pemilik_kinerja")
    root = next(u for u, parent in o.parent.items() if not parent)
    if owner and owner != root and all(owner in o.line[u] for u in units):
        return "unit"
    pd = next((u for u in o.line[owner] if o.parent[u] == root), None) if owner else None
    return "pd" if pd is not None and all(pd in o.line[u] for u in units) else "pemda"


def _roles(o: Org, s: str, t: dict[str, str]) -> set[str]:
    """The SK roles the position ``s`` holds for team ``t``."""
    roles = {"kepala_daerah"} if o.jabatan[s]["jenis"] == KEPALA_DAERAH else set()
    su = o.unit_of[s]
    if not o.is_head(s, su):
        return roles
    owner = t.get("pemilik_kinerja")
    root = next(u for u, parent in o.parent.items() if not parent)
    if owner and su == owner:
        roles.add("pimpinan_pemilik")
    if owner and su in o.line[owner] and o.parent[su] == root:
        roles.add("kepala_pd")
    if o.unit[su]["jenis"] == "sekretariat_daerah":
        roles.add("sekretaris_daerah")
    return roles


@check("TEAM-SK-MISSING")
def team_sk_missing(o: Org, p: dict[str, Any]) -> list[Row]:
    issuers, scopes = set(p["sk_issuers"]), p["sk_scope"]
    out: list[Row] = []
    for k, t in o.tim.items():
        for s in split_codes(t.get("sk_penerbit", "")) or [None]:
            jenis = o.jabatan[s]["jenis"] if s is not None else None
            missing = not t.get("sk_nomor") or s is None
            if missing:
                if p["sk_required"]:
                    out.append((k, t["nama"], "tanpa_sk", s, jenis))
            elif scopes is not None and t.get("pemilik_kinerja"):
                rule = scopes[_scope(o, k, t)]
                if not _roles(o, s, t) & set(rule["peran"]):
                    out.append((k, t["nama"], "lingkup", s, jenis))
            elif jenis not in issuers:
                out.append((k, t["nama"], "penerbit", s, jenis))
    return out


@check("TEAM-CROSS-AGENCY")
def team_cross_agency(o: Org, p: dict[str, Any]) -> list[Row]:
    issuers = set(p["cross_agency_sk_issuers"])
    out: list[Row] = []
    for k, t in o.tim.items():
        lent = [m["nip"] for m in o.members.get(k, ())
                if o.pegawai[m["nip"]].get("instansi_asal", o.instansi) != o.instansi]
        if not lent:
            continue
        for s in split_codes(t.get("sk_penerbit", "")) or [None]:
            if not t.get("sk_nomor") or s is None or not (o.jabatan[s]["jenis"] in issuers or (
                    "sekretaris_daerah" in issuers and o.unit[o.unit_of[s]]["jenis"] == "sekretariat_daerah"
                    and o.is_head(s, o.unit_of[s]))):
                out.append((k, t["nama"], lent))
    return out


# --- timing --------------------------------------------------------------------------------


def best_of(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The shortest of ``repeat`` runs of ``fn`` and its last result."""
    best, result = float("inf"), None
    for _ in range(max(1, repeat)):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def measure(tables: dict[str, Table], params: dict[str, Any], rules: Iterable[str], *,
            repeat: int = 3) -> tuple[float, dict[str, tuple[float, Counter[str]]]]:
    """Seconds to build the maps, and per rule (seconds, subjects found)."""
    built, org = best_of(lambda: build(tables, params["models"]), 1)
    out: dict[str, tuple[float, Counter[str]]] = {}
    for rule in rules:
        fn = CHECKS[rule]
        seconds, rows = best_of(lambda fn=fn: fn(org, params), repeat)
        out[rule] = (seconds, Counter(str(r[0]) for r in rows))
    return built, out
