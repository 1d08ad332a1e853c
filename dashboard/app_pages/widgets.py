"""Pieces several pages share: the page header, the unit picker, drawing a network, finding marks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st

from sikerja.dashboard import data, network
from sikerja.dashboard import text as T
from sikerja.queries.catalog import checks


NODE_COLUMNS = {
    "kode": T.KODE, "nama": T.NAMA, "jenis": T.JENIS, "unit": T.UNIT, "pemangku": T.HOLDER, "temuan": T.R_FINDINGS,
    "jabatan": T.R_POSITIONS, "kosong": T.R_VACANT, "nip": "NIP", "peran": T.T_ROLE, "penugasan": T.T_ASSIGNMENT,
    "mulai": T.T_START, "selesai": T.T_END,
}


def agency() -> data.Agency | None:
    """The agency chosen in the sidebar; shows the empty-database message when there is none."""
    a = data.current()
    if a is None:
        st.info(T.EMPTY_DB, icon=":material/info:")
    return a


def header(slug: str, a: data.Agency) -> None:
    st.title(T.PAGES[slug][0])
    p = a.profile
    st.caption(T.R_CAPTION.format(profil=T.md(p.id), regulasi=T.md(p.regulation.short),
                                  dimuat=T.md(a.dimuat[:19].replace("T", " "))) + f"  \n**{T.md(a.nama)}**")


def unit_picker(a: data.Agency, key: str, *, allow_all: bool = True, subunits_toggle: bool = True,
                label: str = T.UNIT_PICKER) -> tuple[str | None, set[str] | None]:
    """A unit selector in hierarchy order. Returns (unit, the units it covers) or (None, None) for the whole agency."""
    rows = data.units(a)
    names = {u["kode"]: u.get("nama") or u["kode"] for u in rows}
    order = data.unit_order(rows)
    depth = dict(order)
    options: list[str | None] = ([None] if allow_all else []) + [k for k, _ in order]
    if not options:
        return None, None

    def fmt(k: str | None) -> str:
        return T.ALL_UNITS if k is None else f"{'· ' * depth.get(k, 0)}{names.get(k, k)} ({k})"

    unit = st.selectbox(label, options, format_func=fmt, key=f"{key}_{a.kode}")
    if unit is None:
        return None, None
    include = st.toggle(T.INCLUDE_SUBUNITS, value=True, key=f"{key}_sub_{a.kode}") if subunits_toggle else True
    return unit, (data.subtree(rows, unit) if include else {unit})


def finding_marks(rows: Sequence[dict[str, str]], rules: set[str] | None = None) -> dict[tuple[str, str], list[str]]:
    """(subject label, subjek) -> "RULE: message" for each finding (optionally only of ``rules``)."""
    catalog = checks()
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in rows:
        if rules is not None and r["rule"] not in rules:
            continue
        check = catalog.get(r["rule"])
        out[(check.subject if check else "Jabatan", r["subjek"])].append(f"{r['rule']}: {r['pesan']}")
    return dict(out)


def show_graph(g: network.Graph, what: str, *, table_columns: dict[str, Any] | None = None) -> None:
    """Draw a network (one iframe, inline JavaScript) with its size, notes and node table."""
    for note in g.notes:
        st.info(T.md(note), icon=":material/info:")
    st.caption(T.G_SIZE.format(nodes=len(g.nodes), edges=len(g.edges)) + " " + (T.G_LEGEND_UNITS if g.aggregated else T.G_LEGEND))
    st.iframe(network.render(g), height=network.HEIGHT + 20, alt=T.G_ALT.format(what=what))
    if g.table:
        with st.expander(T.G_NODES):
            st.dataframe(pd.DataFrame(g.table).rename(columns=NODE_COLUMNS), hide_index=True,
                         column_config=table_columns)


def kind_label(jenis: str | None, jenjang: str | None = None) -> str:
    base = T.jabatan_jenis(jenis)
    return f"{base} {T.JENJANG.get(jenjang, jenjang)}" if jenjang else base
