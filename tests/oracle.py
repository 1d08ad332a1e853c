"""An independent in-memory reading of some checks and of the span/layer measures.

Property tests (``test_oracle.py``) load random bundles into Neo4j, run the
real Cypher checks and ``sikerja.queries.measures`` and compare them with this
module. It is written from the definitions only (the check headers in
``queries/checks/*.cypher``, the measures docstrings, DESIGN.md) and on purpose
shares no code with sikerja's checks or measures: positions and their direct
superiors are a networkx DiGraph (edge = "reports to"), units and their parents
another one (edge = "is part of").

Every check function returns the sorted list of ``subjek`` the check should
report (one entry per finding, so a subject may repeat where one position
yields several findings).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx

KEPALA_DAERAH = "kepala_daerah"
STRUCTURAL = frozenset({"kepala_daerah", "jpt_madya", "jpt_pratama", "administrator", "pengawas"})

# Thresholds of the baseline profile (queries/profiles/permenpanrb-7-2022.yaml).
BASELINE = {"span_max": 16, "span_min": 2, "layers_max": 2, "span_groups": (1, 2, 4, 8, 13, 17)}

# Cypher quantified path patterns in LAYERS-DEEP stop after 20 hops.
MAX_HOPS = 20

RULES = (
    "ATASAN-MISSING", "ATASAN-CYCLE", "ATASAN-OUTSIDE", "SPAN-WIDE", "SPAN-NARROW", "LAYERS-DEEP",
    "EVAL-MISSING", "EVAL-MULTIPLE", "EVAL-VACANT", "POSITION-DOUBLE", "POSITION-VACANT-HEAD",
    "PEGAWAI-UNPLACED",
)


def _codes(cell: str | None) -> list[str]:
    """'A|B' -> ['A', 'B']; empty -> []."""
    return [c.strip() for c in (cell or "").split("|") if c.strip()]


class Org:
    """One agency's bundle (the ``Tables`` dict of tests/bundles.py) as graphs."""

    def __init__(self, tables: dict[str, list[dict[str, str]]], *, span_max: int = BASELINE["span_max"],
                 span_min: int = BASELINE["span_min"], layers_max: int = BASELINE["layers_max"]) -> None:
        self.span_max, self.span_min, self.layers_max = span_max, span_min, layers_max

        # Units: edge child -> parent.
        self.units = nx.DiGraph()
        for u in tables["unit"]:
            self.units.add_node(u["kode"])
        for u in tables["unit"]:
            if u.get("induk"):
                self.units.add_edge(u["kode"], u["induk"])

        # Positions: edge subordinate -> direct superior (self-loops allowed).
        self.reports = nx.DiGraph()
        self.jenis: dict[str, str] = {}
        self.unit: dict[str, str] = {}
        self.penilai: dict[str, list[str]] = {}
        for j in tables["jabatan"]:
            k = j["kode"]
            self.reports.add_node(k)
            self.jenis[k] = j["jenis"]
            self.unit[k] = j["unit"]
            self.penilai[k] = _codes(j.get("penilai"))
        for j in tables["jabatan"]:
            if j.get("atasan_langsung"):
                self.reports.add_edge(j["kode"], j["atasan_langsung"])

        # Officials: definitive holders and acting (Plt/Plh) holders per position.
        self.holders: dict[str, list[str]] = {k: [] for k in self.jenis}
        self.acting: dict[str, list[str]] = {k: [] for k in self.jenis}
        self.pegawai = list(tables["pegawai"])
        for p in self.pegawai:
            if p.get("jabatan"):
                self.holders[p["jabatan"]].append(p["nip"])
            if p.get("plt"):
                self.acting[p["plt"]].append(p["nip"])

        self.on_cycle: set[str] = set()
        for scc in nx.strongly_connected_components(self.reports):
            if len(scc) > 1 or any(self.reports.has_edge(n, n) for n in scc):
                self.on_cycle |= scc

    # -- helpers ---------------------------------------------------------

    def superior(self, k: str) -> str | None:
        sup = list(self.reports.successors(k))
        assert len(sup) <= 1, (k, sup)
        return sup[0] if sup else None

    def direct_reports(self, k: str) -> list[str]:
        return list(self.reports.predecessors(k))

    def filled(self, k: str) -> bool:
        return bool(self.holders[k])

    def occupied(self, k: str) -> bool:
        """Someone sits there, definitively or as Plt."""
        return bool(self.holders[k] or self.acting[k])

    def is_unit_head(self, k: str) -> bool:
        sup = self.superior(k)
        return sup is None or self.unit[sup] != self.unit[k]

    def unit_line(self, u: str) -> set[str]:
        """The unit and all its ancestors."""
        return {u} | nx.descendants(self.units, u)

    def root_unit(self) -> str:
        roots = [u for u in self.units if self.units.out_degree(u) == 0]
        assert len(roots) == 1, roots
        return roots[0]

    def structural_tiers(self, head: str, within: set[str] | None = None) -> int:
        """Tiers from ``head`` (tier 1) down through structural subordinates (only those in the
        units ``within``, when given: levels are counted per unit organisasi).

        Like a Cypher path: a walk that never uses the same "reports to" edge
        twice, at most MAX_HOPS edges long.
        """
        best = 0

        def walk(node: str, used: frozenset[tuple[str, str]], hops: int) -> None:
            nonlocal best
            best = max(best, hops)
            if hops == MAX_HOPS:
                return
            for sub in self.reports.predecessors(node):
                edge = (sub, node)
                if edge in used or self.jenis[sub] not in STRUCTURAL or (within is not None and self.unit[sub] not in within):
                    continue
                walk(sub, used | {edge}, hops + 1)

        walk(head, frozenset(), 0)
        return best + 1

    # -- checks ----------------------------------------------------------

    def atasan_missing(self) -> list[str]:
        return sorted(k for k in self.jenis if self.jenis[k] != KEPALA_DAERAH and self.superior(k) is None)

    def atasan_cycle(self) -> list[str]:
        return sorted(self.on_cycle)

    def atasan_outside(self) -> list[str]:
        out = []
        for k in self.jenis:
            sup = self.superior(k)
            if sup is not None and self.unit[sup] not in self.unit_line(self.unit[k]):
                out.append(k)
        return sorted(out)

    def span_wide(self) -> list[str]:
        return sorted(k for k in self.jenis if self.reports.in_degree(k) > self.span_max)

    def span_narrow(self) -> list[str]:
        return sorted(k for k in self.jenis
                      if self.jenis[k] in STRUCTURAL and self.jenis[k] != KEPALA_DAERAH
                      and self.reports.in_degree(k) < self.span_min)

    def layers_deep(self) -> list[str]:
        out = []
        root = self.root_unit()
        for u in self.units.predecessors(root):
            heads = [k for k in self.jenis
                     if self.unit[k] == u and self.jenis[k] in STRUCTURAL and self.is_unit_head(k)]
            subtree = nx.ancestors(self.units, u) | {u}  # edges run child -> parent
            if heads and max(self.structural_tiers(h, subtree) for h in heads) > self.layers_max:
                out.append(u)
        return sorted(out)

    def eval_missing(self) -> list[str]:
        return sorted(k for k in self.jenis
                      if self.jenis[k] != KEPALA_DAERAH and self.filled(k) and not self.penilai[k])

    def eval_multiple(self) -> list[str]:
        return sorted(k for k in self.jenis if len(self.penilai[k]) > 1)

    def eval_vacant(self) -> list[str]:
        """One finding per (filled position, evaluator nobody occupies)."""
        return sorted(k for k in self.jenis if self.filled(k)
                      for p in self.penilai[k] if not self.occupied(p))

    def position_double(self) -> list[str]:
        return sorted(k for k in self.jenis if len(self.holders[k]) > 1)

    def position_vacant_head(self) -> list[str]:
        return sorted(k for k in self.jenis if self.is_unit_head(k) and not self.occupied(k))

    def pegawai_unplaced(self) -> list[str]:
        return sorted(p["nip"] for p in self.pegawai if not p.get("jabatan") and not p.get("plt"))

    def findings(self, rules: Iterable[str] = RULES) -> dict[str, list[str]]:
        return {r: getattr(self, r.lower().replace("-", "_"))() for r in rules}

    # -- measures --------------------------------------------------------

    def measures(self, span_groups: Sequence[int] = BASELINE["span_groups"]) -> dict[str, dict[str, Any]]:
        """Per position: bawahan_langsung, bawahan_total, lapisan, kelompok_rentang."""
        out = {}
        for k in self.jenis:
            chain_up = nx.descendants(self.reports, k) | {k}    # k and everyone above it
            below = nx.ancestors(self.reports, k)               # everyone reporting to k, directly or not
            # Layer from the top: defined only when the chain of superiors ends at a top position.
            layer = None if chain_up & self.on_cycle else len(chain_up)
            # Total reports: undefined on a loop or above one (a loop somewhere in k's reporting tree).
            total = None if (below | {k}) & self.on_cycle else len(below)
            direct = self.reports.in_degree(k)
            out[k] = {
                "bawahan_langsung": direct,
                "bawahan_total": total,
                "lapisan": layer,
                "kelompok_rentang": span_group(direct, span_groups),
            }
        return out


def span_group(n: int, bounds: Sequence[int]) -> str | None:
    """The group of [lo, next lo) that holds ``n``: '1', '2–3', ..., '17+'; None below the first bound."""
    label = None
    for i, lo in enumerate(bounds):
        if n >= lo:
            hi = bounds[i + 1] - 1 if i + 1 < len(bounds) else None
            label = f"{lo}+" if hi is None else (str(lo) if hi == lo else f"{lo}\u2013{hi}")
    return label
