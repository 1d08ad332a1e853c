"""Rows from Neo4j -> a pyvis network -> one self-contained HTML string.

Safety: every label and tooltip is ``html.escape``d here. The page the HTML
becomes then decodes them with an inert ``DOMParser`` into plain text (a
canvas label, a tooltip element filled through ``textContent``), so a name
such as ``<script>…`` shows as written and never becomes markup. The
vis-network JavaScript is embedded (``cdn_resources="in_line"``); pyvis'
Bootstrap CDN tags are removed, so the graph needs no internet.

Size: a unit sub-tree of more than MAX_NODES positions is drawn as one node
per unit (with its position and vacancy counts) instead.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sikerja.dashboard import text as T

MAX_NODES = 500  # positions drawn one by one up to this many
MAX_UNITS = 150
GROUP_STAFF_ABOVE = 120  # above this many positions, staff without reports are grouped per superior and kind
GROUP_LIST = 12  # positions named in a group's tooltip
# More nodes than this on one level of a tree: staff are grouped, and if a level is still wider, the force
# layout is used (a fitted tree of n boxes 195 px apart in a ~1000 px frame is drawn at 5/n of its size).
WIDE_LEVEL = 12
HEIGHT = 620

COLORS = {
    "kepala_daerah": "#6a3d9a",
    "jpt_madya": "#1f4e9a",
    "jpt_pratama": "#1f78b4",
    "administrator": "#33a02c",
    "pengawas": "#8fd16a",
    "fungsional": "#ff7f00",
    "pelaksana": "#fdbf6f",
}
UNIT_COLOR = "#cab2d6"
TEAM_COLOR = "#fb9a99"
PERSON_COLOR = "#ffe680"
OUTSIDE_COLOR = "#d9d9d9"
FINDING_BORDER = "#d62728"
EDGE_ATASAN = "#555555"
EDGE_PENILAI = "#e6550d"

OPTIONS: dict[str, Any] = {
    "layout": {"hierarchical": {"enabled": True, "direction": "UD", "sortMethod": "directed",
                                "levelSeparation": 130, "nodeSpacing": 195, "treeSpacing": 220,
                                "shakeTowards": "roots"}},
    "physics": {"enabled": False},
    "interaction": {"hover": True, "tooltipDelay": 100, "keyboard": False, "multiselect": False},
    "nodes": {"shape": "box", "margin": 8, "borderWidth": 1, "widthConstraint": {"maximum": 170},
              "font": {"size": 13, "face": "sans-serif"}},
    "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
              "smooth": {"enabled": True, "type": "cubicBezier", "forceDirection": "vertical", "roundness": 0.4},
              "font": {"size": 10, "align": "middle", "face": "sans-serif"}},
}

# Aggregated views are wide shallow trees: a force layout keeps them compact; it stops once stable.
FORCE_OPTIONS: dict[str, Any] = {
    **OPTIONS,
    "layout": {"hierarchical": {"enabled": False}, "improvedLayout": True},
    "physics": {"enabled": True, "solver": "forceAtlas2Based",
                "forceAtlas2Based": {"gravitationalConstant": -80, "springLength": 110, "avoidOverlap": 0.8},
                "stabilization": {"enabled": True, "iterations": 500, "fit": True}},
    "edges": {**OPTIONS["edges"], "smooth": {"enabled": False}},
}

_CDN_TAG = re.compile(r"<(?:link|script)\b[^>]*https://cdn\.jsdelivr\.net[^>]*>(?:\s*</script>)?", re.S)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>")
_DRAW = "network = new vis.Network(container, data, options);"
# Static script (no data in it): turns the escaped labels and tooltips back into plain text.
_DECODE = """
<style>
  body { margin: 0; }
  #mynetwork { border: none !important; float: none !important; }
  .sikerja-tip { white-space: pre-line; font: 13px sans-serif; max-width: 420px; }
</style>
<script>
  function sikerjaText(s) {
    // DOMParser documents are inert: nothing in them runs or loads.
    return new DOMParser().parseFromString("<!doctype html><body>" + s, "text/html").body.textContent;
  }
  function sikerjaPlain(items) {
    var updates = [];
    items.forEach(function (item) {
      var u = {id: item.id};
      if (typeof item.label === "string") { u.label = sikerjaText(item.label); }
      if (typeof item.title === "string") {
        var tip = document.createElement("div");
        tip.className = "sikerja-tip";
        tip.textContent = sikerjaText(item.title);
        u.title = tip;
      }
      updates.push(u);
    });
    items.update(updates);
  }
</script>
"""


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _short(s: str, n: int = 30) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _tip(lines: Sequence[str | None]) -> str:
    """A tooltip: each line escaped, lines joined by newlines (shown as line breaks)."""
    return "\n".join(esc(x) for x in lines if x)


@dataclass
class Graph:
    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    table: list[dict[str, Any]] = field(default_factory=list)  # plain rows shown under the graph
    aggregated: bool = False
    layout: str = "tree"  # or "force"
    notes: list[str] = field(default_factory=list)
    _ids: set[str] = field(default_factory=set)

    def add_node(self, id_: str, **kw: Any) -> None:
        if id_ in self._ids:
            return
        self._ids.add(id_)
        self.nodes.append({"id": id_, **kw})

    def has(self, id_: str) -> bool:
        return id_ in self._ids

    def add_edge(self, a: str, b: str, **kw: Any) -> None:
        if a in self._ids and b in self._ids:
            self.edges.append({"source": a, "to": b, **kw})


DARK = {"kepala_daerah", "jpt_madya", "jpt_pratama", "administrator"}


def _style(jenis: str | None, vacant: bool, marked: bool, focus: bool = False) -> dict[str, Any]:
    base = COLORS.get(jenis or "", OUTSIDE_COLOR)
    border = FINDING_BORDER if marked else ("#000000" if focus else base)
    style: dict[str, Any] = {
        "color": {"background": "#ffffff" if vacant else base, "border": border,
                  "highlight": {"background": "#ffffff" if vacant else base, "border": "#000000"},
                  "hover": {"background": "#ffffff" if vacant else base, "border": "#000000"}},
        "borderWidth": 4 if marked or focus else 1,
        "font": {"color": "#ffffff" if jenis in DARK and not vacant else "#222222", "size": 16 if focus else 13},
    }
    if vacant:
        style["shapeProperties"] = {"borderDashes": [5, 4]}
        style["borderWidth"] = max(style["borderWidth"], 2)
        style["color"]["border"] = FINDING_BORDER if marked else base
    return style


def _position_node(g: Graph, p: Mapping[str, Any], level: int, findings: Sequence[str] = (), *,
                   unit_name: str | None = None, focus: bool = False) -> None:
    holders = list(p.get("pemangku") or [])
    acting = list(p.get("plt") or [])
    vacant = not holders and not acting
    who = holders[0] if holders else (f"Plt {acting[0]}" if acting else f"({T.VACANT})")
    jenis = p.get("jenis")
    kind = T.jabatan_jenis(jenis) + (f" {T.JENJANG.get(p.get('jenjang') or '', '')}".rstrip() if p.get("jenjang") else "")
    penilai = [f"{x.get('nama')} ({x.get('kode')})" for x in p.get("penilai") or [] if isinstance(x, Mapping)]
    title = _tip([
        p.get("nama"), T.TT_KODE.format(v=p["kode"]), T.TT_JENIS.format(v=kind),
        T.TT_UNIT.format(v=unit_name) if unit_name else None,
        T.TT_HOLDER.format(v=", ".join(holders)) if holders else T.TT_VACANT,
        T.TT_PLT.format(v=", ".join(acting)) if acting else None,
        T.TT_PENILAI.format(v="; ".join(penilai)) if penilai else None,
        *[T.TT_FINDING.format(v=f) for f in findings],
    ])
    g.add_node(
        f"j:{p['kode']}", label=esc(_short(p.get("nama") or p["kode"], 60) + "\n" + _short(who, 40)), title=title,
        level=level, shape="box", **_style(jenis, vacant, bool(findings), focus),
    )
    g.table.append({
        "kode": p["kode"], "nama": p.get("nama"), "jenis": kind, "unit": unit_name,
        "pemangku": ", ".join(holders) or (f"Plt {', '.join(acting)}" if acting else T.VACANT),
        "temuan": len(findings),
    })


def _levels(ids: Sequence[str], up: Mapping[str, str | None]) -> dict[str, int]:
    """Depth from the top following ``up`` (a node's superior inside the graph); 0 on or above a loop."""
    level: dict[str, int] = {}
    for start in ids:
        path, seen, node = [], set(), start
        while node is not None and node not in level and node not in seen:
            path.append(node)
            seen.add(node)
            node = up.get(node)
        base = -1 if node is None or node in seen else level[node]
        for n in reversed(path):
            base += 1
            level[n] = base
    return level


# --------------------------------------------------------------------------------------------- unit sub-tree

def unit_graph(unit_rows: Sequence[Mapping[str, Any]], positions: Sequence[Mapping[str, Any]], root: str, *,
               governed: set[str] | None = None,
               marks: Mapping[tuple[str, str], Sequence[str]] | None = None,
               max_nodes: int = MAX_NODES) -> Graph:
    """Positions of ``root``'s sub-tree (or only of ``governed`` units) with superiors and evaluators.

    ``marks`` maps ("Jabatan"|"UnitOrganisasi", kode) to finding texts to show.
    """
    marks = marks or {}
    names = {u["kode"]: u.get("nama") or u["kode"] for u in unit_rows}
    rows = [p for p in positions if governed is None or p.get("unit") in governed]
    if len(rows) > max_nodes:
        return unit_aggregate(unit_rows, rows, root, marks=marks)
    g = Graph()
    inside = {p["kode"] for p in rows}
    up = {p["kode"]: (p.get("atasan") if p.get("atasan") in inside else None) for p in rows}
    level = _levels([p["kode"] for p in rows], up)
    outside: dict[str, dict[str, Any]] = {}
    for p in rows:
        if p.get("atasan") and p["atasan"] not in inside:
            outside.setdefault(p["atasan"], {"kode": p["atasan"], "nama": p.get("atasan_nama"),
                                             "jenis": p.get("atasan_jenis")})
        for ev in p.get("penilai") or []:
            if isinstance(ev, Mapping) and ev.get("kode") not in inside:
                outside.setdefault(ev["kode"], dict(ev))
    shift = 1 if outside else 0
    unit_of = {p["kode"]: p.get("unit") for p in rows}
    managers = {p["atasan"] for p in rows if p.get("atasan") in inside}
    # Many positions, or a level too wide to read: staff without reports under one superior become one node per kind.
    groups: dict[tuple[str, str | None], list[Mapping[str, Any]]] = defaultdict(list)
    widest = max(Counter(level.values()).values(), default=0)
    if len(rows) > GROUP_STAFF_ABOVE or widest > WIDE_LEVEL:
        for p in rows:
            if p["kode"] not in managers and p.get("atasan"):
                groups[(p["atasan"], p.get("jenis"))].append(p)
        groups = defaultdict(list, {k: v for k, v in groups.items() if len(v) > 1})
    grouped = {p["kode"] for members in groups.values() for p in members}
    drawn = [p for p in rows if p["kode"] not in grouped]
    for o in outside.values():
        g.add_node(f"j:{o['kode']}", label=esc(_short(o.get("nama") or o["kode"])),
                   title=_tip([o.get("nama"), T.TT_KODE.format(v=o["kode"]), T.G_OUTSIDE]),
                   level=0, shape="box", color={"background": OUTSIDE_COLOR, "border": "#999999"},
                   shapeProperties={"borderDashes": [2, 2]})
    # Level by level, each level in depth-first order of the tree: the layout keeps that order from left to
    # right, so every position (or group) stands under its own superior and lines do not cross.
    order = _tree_order(up, groups)
    items: list[tuple[int, int, Any]] = [(level[p["kode"]], order[p["kode"]], p) for p in drawn]
    items += [(level[m[0]["kode"]], order[key], key) for key, m in groups.items()]
    for lvl, _, item in sorted(items, key=lambda it: it[:2]):
        if isinstance(item, tuple):
            _staff_group(g, item[0], item[1], groups[item], lvl + shift, marks, names)
            continue
        found = list(marks.get(("Jabatan", item["kode"]), ()))
        if unit_of.get(item.get("atasan")) != item.get("unit"):  # the head of its unit carries the unit's findings
            found += marks.get(("UnitOrganisasi", item.get("unit")), ())
        _position_node(g, item, lvl + shift, found, unit_name=names.get(item.get("unit")))
    _position_edges(g, sorted(drawn, key=lambda p: order[p["kode"]]))
    if groups:
        g.notes.append(T.G_GROUPED.format(n=len(grouped), groups=len(groups)))
    return g


def _tree_order(up: Mapping[str, str | None], groups: Mapping[tuple[str, str | None], Any]) -> dict[Any, int]:
    """Depth-first position of every position code and group key (a group after its superior's own children)."""
    children: dict[str | None, list[Any]] = defaultdict(list)
    for kode, sup in sorted(up.items()):
        children[sup].append(kode)
    for key in sorted(groups, key=lambda k: (k[0], k[1] or "")):
        children[key[0]].append(key)
    order: dict[Any, int] = {}
    stack = list(reversed(children[None]))
    while stack:
        item = stack.pop()
        if item in order:
            continue
        order[item] = len(order)
        if not isinstance(item, tuple):
            stack.extend(reversed(children.get(item, [])))
    for item in [*up, *groups]:  # on a loop of superiors: after everything else
        order.setdefault(item, len(order))
    return order


def _staff_group(g: Graph, sup: str, jenis: str | None, members: Sequence[Mapping[str, Any]], level: int,
                 marks: Mapping[tuple[str, str], Sequence[str]], names: Mapping[str, str]) -> None:
    """Positions of one kind without reports under one superior, as one node."""
    gid = f"g:{sup}:{jenis}"
    vacant = [p for p in members if not p.get("pemangku") and not p.get("plt")]
    found = [f for p in members for f in marks.get(("Jabatan", p["kode"]), ())]
    shown = [f"{p.get('nama')} ({p['kode']}): {', '.join(p.get('pemangku') or []) or T.VACANT}"
             for p in members[:GROUP_LIST]]
    more = [T.G_MORE.format(n=len(members) - GROUP_LIST)] if len(members) > GROUP_LIST else []
    g.add_node(
        gid, label=esc(T.G_GROUP_LABEL.format(n=len(members), jenis=T.jabatan_jenis(jenis), k=len(vacant))),
        title=_tip([T.G_GROUP_LABEL.format(n=len(members), jenis=T.jabatan_jenis(jenis), k=len(vacant)),
                    *shown, *more, *[T.TT_FINDING.format(v=f) for f in found[:GROUP_LIST]]]),
        level=level, shape="box", **_style(jenis, False, bool(found)),
    )
    g.add_edge(gid, f"j:{sup}", color=EDGE_ATASAN, width=2)
    evaluators = {ev.get("kode") for p in members for ev in p.get("penilai") or [] if isinstance(ev, Mapping)}
    for ev in sorted(evaluators - {sup}):
        g.add_edge(gid, f"j:{ev}", color=EDGE_PENILAI, dashes=True, width=1.5, title=esc(T.EDGE_PENILAI),
                   label=esc(T.EDGE_PENILAI))
    for p in members:
        g.table.append({
            "kode": p["kode"], "nama": p.get("nama"), "jenis": T.jabatan_jenis(p.get("jenis")),
            "unit": names.get(p.get("unit")), "pemangku": ", ".join(p.get("pemangku") or []) or T.VACANT,
            "temuan": len(marks.get(("Jabatan", p["kode"]), ())),
        })


def _position_edges(g: Graph, rows: Sequence[Mapping[str, Any]]) -> None:
    for p in rows:
        a = f"j:{p['kode']}"
        sup = p.get("atasan")
        evaluators = [ev.get("kode") for ev in p.get("penilai") or [] if isinstance(ev, Mapping)]
        if sup:
            same = sup in evaluators
            g.add_edge(a, f"j:{sup}", color=EDGE_ATASAN, width=2 if same else 1.5,
                       title=esc(T.EDGE_ATASAN + (" & " + T.EDGE_PENILAI if same else "")))
        for ev in evaluators:
            if ev != sup:
                g.add_edge(a, f"j:{ev}", color=EDGE_PENILAI, dashes=True, width=1.5, title=esc(T.EDGE_PENILAI),
                           label=esc(T.EDGE_PENILAI))


def unit_aggregate(unit_rows: Sequence[Mapping[str, Any]], positions: Sequence[Mapping[str, Any]], root: str, *,
                   marks: Mapping[tuple[str, str], Sequence[str]] | None = None,
                   max_nodes: int = MAX_UNITS) -> Graph:
    """One node per unit of the sub-tree (down to the depth that keeps ``max_nodes``): positions, vacancies, findings."""
    marks = marks or {}
    g = Graph(aggregated=True, layout="force")
    per_unit: Counter[str] = Counter()
    vacant: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for p in positions:
        per_unit[p.get("unit")] += 1
        if not p.get("pemangku") and not p.get("plt"):
            vacant[p.get("unit")] += 1
        found[p.get("unit")] += len(marks.get(("Jabatan", p["kode"]), ()))
    for (label, kode), texts in marks.items():
        if label == "UnitOrganisasi":
            found[kode] += len(texts)
    by_kode = {u["kode"]: u for u in unit_rows}
    kids: dict[str, list[str]] = defaultdict(list)
    for u in unit_rows:
        if u.get("induk"):
            kids[u["induk"]].append(u["kode"])
    depth: dict[str, int] = {}
    frontier, d = [root], 0
    while frontier:
        for k in frontier:
            depth.setdefault(k, d)
        frontier = [c for k in frontier for c in kids.get(k, ()) if c not in depth]
        d += 1
    total = len(depth)
    keep_depth = max(depth.values()) if depth else 0
    while keep_depth > 0 and sum(1 for v in depth.values() if v <= keep_depth) > max_nodes:
        keep_depth -= 1
    shown = [k for k, v in depth.items() if v <= keep_depth]
    if len(shown) < total:
        g.notes.append(T.G_DEPTH_CUT.format(depth=keep_depth + 1, shown=len(shown), total=total))
    # Counts of units cut off are added to their nearest shown ancestor.
    shown_set = set(shown)
    sub_pos, sub_vac, sub_found = Counter(per_unit), Counter(vacant), Counter(found)
    for k in sorted(depth, key=lambda k: -depth[k]):
        if k not in shown_set:
            parent = by_kode[k].get("induk")
            if parent:
                sub_pos[parent] += sub_pos[k]
                sub_vac[parent] += sub_vac[k]
                sub_found[parent] += sub_found[k]
    biggest = max((sub_pos[k] for k in shown), default=1) or 1
    for k in sorted(shown, key=lambda k: (depth[k], k)):
        u = by_kode[k]
        n, v, f = sub_pos[k], sub_vac[k], sub_found[k]
        g.add_node(
            f"u:{k}", label=esc(_short(u.get("nama") or k) + "\n" + T.TT_POSITIONS.format(n=n, k=v)),
            title=_tip([u.get("nama"), T.TT_KODE.format(v=k), T.TT_JENIS.format(v=T.unit_jenis(u.get("jenis"))),
                        T.TT_POSITIONS.format(n=n, k=v)] + ([T.TT_FINDING.format(v=f)] if f else [])),
            level=depth[k], shape="box",
            color={"background": UNIT_COLOR, "border": FINDING_BORDER if f else "#7a5c99"},
            borderWidth=4 if f else 1, size=10 + 30 * n / biggest,
        )
        g.table.append({"kode": k, "nama": u.get("nama"), "jenis": T.unit_jenis(u.get("jenis")), "jabatan": n,
                        "kosong": v, "temuan": f})
    for k in shown:
        parent = by_kode[k].get("induk")
        if parent in shown_set and k != root:
            g.add_edge(f"u:{k}", f"u:{parent}", color=EDGE_ATASAN, width=1)
    return g


# --------------------------------------------------------------------------------------------- chain

def chain_graph(rows: Sequence[Mapping[str, Any]], focus: str,
                marks: Mapping[tuple[str, str], Sequence[str]] | None = None) -> Graph:
    """A position, its superiors and evaluators up to the top, and who reports to or is evaluated by it."""
    marks = marks or {}
    g = Graph()
    if not rows:
        return g
    edges = [tuple(e) for e in rows[0].get("edges") or [] if e and e[1] is not None]
    ids = [r["kode"] for r in rows]
    up: dict[str, str | None] = {}
    for a, b, rel in edges:
        if rel == "ATASAN_LANGSUNG":
            up[a] = b
    for a, b, rel in edges:
        if rel == "PENILAI" and a not in up:
            up[a] = b
    level = _levels(ids, up)
    for r in sorted(rows, key=lambda r: (level[r["kode"]], r["kode"])):
        _position_node(g, r, level[r["kode"]], list(marks.get(("Jabatan", r["kode"]), ())),
                       unit_name=r.get("unit_nama"), focus=r["kode"] == focus)
    pairs = Counter((a, b) for a, b, _ in edges)
    done: set[tuple[str, str]] = set()
    for a, b, rel in edges:
        both = pairs[(a, b)] > 1
        if both and (a, b) in done:
            continue
        done.add((a, b))
        if rel == "ATASAN_LANGSUNG" or both:
            g.add_edge(f"j:{a}", f"j:{b}", color=EDGE_ATASAN, width=2 if both else 1.5,
                       title=esc(T.EDGE_ATASAN + (" & " + T.EDGE_PENILAI if both else "")))
        else:
            g.add_edge(f"j:{a}", f"j:{b}", color=EDGE_PENILAI, dashes=True, width=1.5,
                       title=esc(T.EDGE_PENILAI), label=esc(T.EDGE_PENILAI))
    return g


# --------------------------------------------------------------------------------------------- team

def team_graph(rows: Sequence[Mapping[str, Any]],
               marks: Mapping[tuple[str, str], Sequence[str]] | None = None) -> Graph:
    """A team with its owning unit, SK issuer, members (leader first) and the units members come from."""
    marks = marks or {}
    g = Graph()
    if not rows:
        return g
    t = rows[0]
    found = list(marks.get(("TimKerja", t["tim"]), ()))
    g.add_node(
        f"t:{t['tim']}", label=esc(_short(t.get("tim_nama") or t["tim"])), shape="diamond", size=26, level=1,
        title=_tip([t.get("tim_nama"), T.TT_KODE.format(v=t["tim"]), T.TIM_JENIS.get(t.get("tim_jenis") or "", ""),
                    T.TT_PERIOD.format(a=t.get("tim_mulai") or T.NONE, b=t.get("tim_selesai") or T.NONE),
                    T.TT_SK.format(v=t.get("sk_nomor") or T.NONE),
                    T.TT_MEMBERS.format(n=sum(1 for r in rows if r.get("nip")))]
                   + [T.TT_FINDING.format(v=f) for f in found]),
        color={"background": TEAM_COLOR, "border": FINDING_BORDER if found else "#b15928"},
        borderWidth=5 if found else 2,
    )
    if t.get("pemilik"):
        g.add_node(f"u:{t['pemilik']}", label=esc(_short(t.get("pemilik_nama") or t["pemilik"])), shape="box",
                   level=0, title=_tip([t.get("pemilik_nama"), T.TT_KODE.format(v=t["pemilik"]), T.TT_OWNER]),
                   color={"background": UNIT_COLOR, "border": "#7a5c99"})
        g.add_edge(f"t:{t['tim']}", f"u:{t['pemilik']}", label=esc(T.EDGE_PEMILIK), color=EDGE_ATASAN)
    if t.get("penerbit"):
        g.add_node(f"j:{t['penerbit']}", label=esc(_short(t.get("penerbit_nama") or t["penerbit"])), level=0,
                   title=_tip([t.get("penerbit_nama"), T.TT_KODE.format(v=t["penerbit"]), T.TT_ISSUER]),
                   color={"background": OUTSIDE_COLOR, "border": "#999999"})
        g.add_edge(f"t:{t['tim']}", f"j:{t['penerbit']}", label=esc(T.EDGE_SK), color="#999999", dashes=True)
    for r in rows:
        if not r.get("nip"):
            continue
        pid = f"p:{r['nip']}"
        leader = r.get("peran") == "ketua"
        member_found = list(marks.get(("Pegawai", r["nip"]), ()))
        g.add_node(
            pid, label=esc(_short(r.get("nama") or r["nip"], 26) + "\n" + T.PERAN.get(r.get("peran") or "", "")),
            level=2, shape="star" if leader else "dot", size=22 if leader else 14,
            title=_tip([r.get("nama"), f"NIP {r['nip']}", T.TT_PERAN.format(v=T.PERAN.get(r.get("peran") or "", T.NONE)),
                        T.TT_PENUGASAN.format(v=T.PENUGASAN.get(r.get("penugasan") or "", T.NONE)),
                        f"{r.get('jabatan_nama')} ({T.jabatan_jenis(r.get('jabatan_jenis'))})" if r.get("jabatan") else T.NOT_PLACED,
                        T.TT_UNIT.format(v=r.get("unit_nama")) if r.get("unit") else None,
                        T.TT_FROM_AGENCY.format(v=r.get("instansi_asal")) if r.get("instansi_asal") else None,
                        T.TT_PERIOD.format(a=r.get("mulai") or T.NONE, b=r.get("selesai") or T.NONE)]
                       + [T.TT_FINDING.format(v=f) for f in member_found]),
            color={"background": COLORS.get(r.get("jabatan_jenis") or "", PERSON_COLOR),
                   "border": FINDING_BORDER if member_found else "#444444"},
            borderWidth=4 if member_found else (3 if leader else 1),
        )
        g.add_edge(pid, f"t:{t['tim']}", label=esc(T.EDGE_KETUA if leader else ""), color=EDGE_ATASAN,
                   width=2.5 if leader else 1)
        unit = r.get("unit")
        if unit:
            uid = f"u:{unit}"
            if not g.has(uid):
                g.add_node(uid, label=esc(_short(r.get("unit_nama") or unit)), shape="box", level=3,
                           title=_tip([r.get("unit_nama"), T.TT_KODE.format(v=unit)]),
                           color={"background": UNIT_COLOR, "border": "#7a5c99"})
            g.add_edge(pid, uid, color="#bbbbbb", dashes=True, width=1)
        g.table.append({
            "nip": r["nip"], "nama": r.get("nama"), "peran": T.PERAN.get(r.get("peran") or "", r.get("peran")),
            "jabatan": r.get("jabatan_nama"), "unit": r.get("unit_nama"), "penugasan": r.get("penugasan"),
            "mulai": r.get("mulai"), "selesai": r.get("selesai"),
        })
    return g


# --------------------------------------------------------------------------------------------- HTML

def load_pyvis() -> Any:
    """pyvis' Network class, imported on first use: pages without a graph do not pay for it (about 0.5 s)."""
    from pyvis.network import Network

    return Network


def render(g: Graph, height: int = HEIGHT) -> str:
    """The graph as one HTML document with vis-network embedded."""
    net = load_pyvis()(height=f"{height}px", width="100%", directed=True, cdn_resources="in_line", bgcolor="#ffffff")
    for n in g.nodes:
        kw = {k: v for k, v in n.items() if k not in ("id", "label")}
        net.add_node(n["id"], label=n.get("label", ""), **kw)
    for e in g.edges:
        kw = {k: v for k, v in e.items() if k not in ("source", "to")}
        net.add_edge(e["source"], e["to"], **kw)
    widest = max(Counter(n.get("level") for n in g.nodes).values(), default=0)
    # A tree wider than WIDE_LEVEL nodes on one level shrinks to a line when fitted: use the force layout.
    net.options = FORCE_OPTIONS if g.layout == "force" or widest > WIDE_LEVEL else OPTIONS
    page = net.generate_html()
    page = _CDN_TAG.sub("", page)
    page = _EMPTY_HEADING.sub("", page)
    if _DRAW not in page or "</head>" not in page:
        raise RuntimeError("pyvis template changed: cannot install the label decoder")
    page = page.replace("</head>", _DECODE + "</head>", 1)
    page = page.replace(_DRAW, "sikerjaPlain(nodes);\n                  sikerjaPlain(edges);\n                  " + _DRAW
                        + "\n                  network.once('stabilizationIterationsDone',"
                          " function () { network.setOptions({physics: false}); });", 1)
    return page
