"""Permodelan: each organisation model of the agency's profile, the units that declare it and how they deviate."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st

from sikerja.dashboard import data, network
from sikerja.dashboard import text as T
from sikerja.dashboard.app_pages import widgets
from sikerja.queries.catalog import in_group
from sikerja.queries.profiles import Permodelan, PositionMatch

# Findings that say a unit does not follow its declared model.
MODEL_RULES = in_group("permodelan")


def _subject(s: PositionMatch) -> str:
    base = T.kinds(s.jenis)
    if s.jenjang:
        base += " (" + ", ".join(T.JENJANG.get(j, j) for j in s.jenjang) + ")"
    return base


def _dot_label(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def diagram(m: Permodelan) -> str:
    """The reference model as Graphviz DOT: who leads, who evaluates whom, where JF sit."""
    nodes: dict[Any, tuple[str, str]] = {}  # key -> (id, attributes)
    edges: list[str] = []
    head_key = tuple(sorted(m.head))

    def node(key: Any, label: str, style: str) -> str:
        if key not in nodes:
            nodes[key] = (f"n{len(nodes)}", f"label={_dot_label(label)} {style}")
        return nodes[key][0]

    head = node(head_key, f"{T.M_HEAD}\n{T.kinds(m.head)}\n{T.M_LAYERS}: {m.layers_max}",
                'shape=box style="filled,bold" fillcolor="#cab2d6"')

    def kinds_node(kinds: Sequence[str]) -> str:
        key = tuple(sorted(kinds))
        if key == head_key:
            return head
        return node(key, " / ".join(T.jabatan_jenis(k) for k in kinds), 'shape=box style="rounded,filled" fillcolor="#eeeeee"')

    if m.head_evaluator:
        edges.append(f'{head} -> {kinds_node(m.head_evaluator)} [label="{T.EDGE_PENILAI}" color="#e6550d" style=dashed]')
    for rule in m.evaluators:
        s = rule.subject
        key = tuple(sorted(s.jenis)) if not s.jenjang else (tuple(sorted(s.jenis)), tuple(s.jenjang))
        subj = head if key == head_key else node(key, _subject(s), 'shape=ellipse style=filled fillcolor="#fdd9b5"')
        edges.append(f'{subj} -> {kinds_node(rule.evaluator)} [label="{T.EDGE_PENILAI}" color="#e6550d" style=dashed]')
    if m.jf_under:
        jf = node(("fungsional",), T.jabatan_jenis("fungsional"), 'shape=ellipse style=filled fillcolor="#fdd9b5"')
        edges.append(f'{jf} -> {kinds_node(m.jf_under)} [label="{T.EDGE_ATASAN}" color="#555555"]')
    lines = ["digraph model {", 'rankdir=BT; node [fontname="sans-serif" fontsize=11]; edge [fontname="sans-serif" fontsize=9];']
    lines += [f"{nid} [{attrs}];" for nid, attrs in nodes.values()]
    lines += edges
    lines.append("}")
    return "\n".join(lines)


def evaluator_table(m: Permodelan) -> pd.DataFrame:
    rows = []
    if m.head_evaluator:
        rows.append({T.M_SUBJECT: f"{T.M_HEAD} ({T.kinds(m.head)})", T.M_EVALUATOR: T.kinds(m.head_evaluator),
                     T.DASAR: m.dasar})
    for r in m.evaluators:
        rows.append({T.M_SUBJECT: _subject(r.subject), T.M_EVALUATOR: T.kinds(r.evaluator), T.DASAR: r.dasar})
    return pd.DataFrame(rows)


def reference(m: Permodelan) -> None:
    st.subheader(T.M_REFERENCE)
    left, right = st.columns([1, 1])
    with left:
        a = m.applies_to
        st.markdown("\n".join([
            f"**{T.md(m.id)} — {T.md(m.name)}**",
            "",
            f"- **{T.M_DASAR}:** {T.md(m.dasar)}",
            f"- **{T.M_HEAD}:** {T.md(T.kinds(m.head))}",
            f"- **{T.M_HEAD_EVAL}:** {T.md(T.kinds(m.head_evaluator)) if m.head_evaluator else T.M_HEAD_EVAL_NONE}",
            f"- **{T.M_LAYERS}:** {m.layers_max}",
            f"- **{T.M_JF_UNDER}:** {T.md(T.kinds(m.jf_under))}",
            f"- **{T.M_DIST}:** {T.md(T.kinds(m.distribution_setter))}",
            f"- **{T.M_APPLIES} — {T.M_APPLIES_KINDS}:** "
            + (T.md(", ".join(T.unit_jenis(k) for k in a.unit_kinds)) if a.unit_kinds else T.NONE)
            + (f"; {T.M_APPLIES_KELAS} {T.md(', '.join(a.unit_kelas))}" if a.unit_kelas else ""),
        ]))
        if a.unit_names:
            with st.expander(f"{T.M_APPLIES_NAMES} ({len(a.unit_names)})"):
                st.markdown("\n".join(f"- {T.md(n)}" for n in a.unit_names))
    with right:
        st.markdown(f"**{T.M_DIAGRAM}**")
        st.graphviz_chart(diagram(m), width="stretch")
    st.markdown(f"**{T.M_RULES}**")
    table = evaluator_table(m)
    if table.empty:
        st.caption(T.M_RULES_NONE)
    else:
        st.dataframe(table, hide_index=True)
    if m.description:
        with st.expander(T.M_NOTES):
            st.text(m.description)


def render() -> None:
    a = widgets.agency()
    if a is None:
        return
    widgets.header("permodelan", a)
    p = a.profile
    if not p.models:
        st.info(T.M_NONE.format(profil=T.md(p.id)))
        return
    ids = [m.id for m in p.models]
    declared = {u.get("permodelan") for u in data.units(a)}
    first = next((i for i, mid in enumerate(ids) if mid in declared), 0)  # open on a model the agency uses
    mid = st.selectbox(T.M_PICK, ids, index=first, key=f"permodelan_model_{a.kode}",
                       format_func=lambda i: f"{i} — {p.model(i).name}")  # type: ignore[union-attr]
    m = p.model(mid)
    assert m is not None
    reference(m)
    units(a, m)


def units(a: data.Agency, m: Permodelan) -> None:
    st.subheader(T.M_UNITS)
    urows = data.units(a)
    names = {u["kode"]: u.get("nama") or u["kode"] for u in urows}
    declaring = [u for u in urows if u.get("permodelan") == m.id]
    found = data.findings(a)
    where = data.finding_unit_list(a)
    shape = {r["unit"]: r for r in data.unit_models(a)}
    rules_text = ", ".join(MODEL_RULES)

    status: list[dict[str, Any]] = []
    per_unit: dict[str, tuple[list[dict[str, str]], list[dict[str, str]]]] = {}
    for u in declaring:
        gov = data.governed_units(urows, u["kode"])
        mine = [f for f, w in zip(found, where) if w in gov]
        model_f = [f for f in mine if f["rule"] in MODEL_RULES]
        other_f = [f for f in mine if f["rule"] not in MODEL_RULES]
        per_unit[u["kode"]] = (model_f, other_f)
        s = shape.get(u["kode"], {})
        status.append({
            T.KODE: u["kode"], T.NAMA: u.get("nama"), T.JENIS: T.unit_jenis(u.get("jenis")),
            T.M_HOW: T.M_INFERRED if u.get("disimpulkan") else T.M_DECLARED_BY_UNIT,
            T.M_ACTUAL_HEAD: T.kinds(s.get("kepala") or []), T.M_ACTUAL_LAYERS: s.get("lapisan"),
            T.M_NEAREST: s.get("terdekat"), T.M_MODEL_FINDINGS: len(model_f), T.M_OTHER_FINDINGS: len(other_f),
            T.STATUS: T.M_STATUS_OK if not model_f else T.M_STATUS_BAD,
        })

    if not declaring:
        st.info(T.M_NO_UNITS.format(model=T.md(m.id)))
    else:
        ok = sum(1 for s in status if s[T.STATUS] == T.M_STATUS_OK)
        cols = st.columns(3)
        cols[0].metric(T.M_UNITS, T.num(len(declaring)), border=True)
        cols[1].metric(T.M_CONFORM, f"{T.num(ok)} / {T.num(len(declaring))}", border=True,
                       help=T.M_CONFORM_HELP.format(rules=rules_text))
        cols[2].metric(T.M_DEVIATING, T.num(len(declaring) - ok), border=True)
        status.sort(key=lambda s: (s[T.STATUS] == T.M_STATUS_OK, -s[T.M_MODEL_FINDINGS], s[T.KODE]))
        st.dataframe(pd.DataFrame(status), hide_index=True)

    scope = [u for u in urows if u.get("permodelan") != m.id and (
        u.get("jenis") in m.applies_to.unit_kinds or u.get("nama") in m.applies_to.unit_names)]
    if scope:
        with st.expander(f"{T.M_IN_SCOPE} ({len(scope)})"):
            st.dataframe(pd.DataFrame([{T.KODE: u["kode"], T.NAMA: u.get("nama"), T.JENIS: T.unit_jenis(u.get("jenis")),
                                        T.M_DECLARED: u.get("permodelan") or T.NONE} for u in scope]), hide_index=True)

    if not declaring:
        return
    st.subheader(T.M_UNIT_GRAPH)
    order = [s[T.KODE] for s in status]
    unit = st.selectbox(T.M_UNIT_PICK, order, key=f"permodelan_unit_{a.kode}_{m.id}",
                        format_func=lambda k: f"{names.get(k, k)} ({k})")
    model_f, other_f = per_unit[unit]
    gov = data.governed_units(urows, unit)
    st.markdown(f"**{T.M_DEVIATIONS}**")
    if model_f:
        st.dataframe(_finding_table(model_f), hide_index=True)
    else:
        st.success(T.M_NO_DEVIATIONS, icon=":material/check_circle:")
    if other_f:
        with st.expander(f"{T.M_OTHER_FINDINGS} ({len(other_f)})"):
            st.dataframe(_finding_table(other_f), hide_index=True)
    positions = data.unit_subtree(a, unit)
    if not positions:
        st.info(T.G_NO_POSITIONS)
        return
    g = network.unit_graph(urows, positions, unit, governed=gov, marks=widgets.finding_marks(model_f))
    widgets.show_graph(g, names.get(unit, unit))


def _finding_table(rows: list[dict[str, str]]) -> pd.DataFrame:
    return pd.DataFrame([{T.RULE: f["rule"], T.SEVERITY_COL: T.severity(f["severity"]), T.SUBJECT: f["subjek"],
                          T.MESSAGE: f["pesan"], T.DASAR: f["dasar"]} for f in rows])


if __name__ == "__main__":
    render()
