"""Rentang Kendali & Lapisan: spans, layers, evaluator load and team-mediated span, for the agency or one unit."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sikerja.dashboard import charts, data
from sikerja.dashboard import text as T
from sikerja.dashboard.app_pages import widgets
from sikerja.queries.measures import span_group_labels, summarise

TOP = 20


def _people_table(rows: list[dict], columns: dict[str, str], unit_names: dict[str, str]) -> pd.DataFrame:
    """Selected columns under their Indonesian headings; kinds and units by name."""
    out = []
    for r in rows:
        row = {label: r.get(key) for key, label in columns.items()}
        if T.JENIS in row:
            row[T.JENIS] = T.jabatan_jenis(row[T.JENIS])
        if T.UNIT in row:
            row[T.UNIT] = unit_names.get(row[T.UNIT], row[T.UNIT])
        out.append(row)
    return pd.DataFrame(out)


def render() -> None:
    a = widgets.agency()
    if a is None:
        return
    widgets.header("rentang", a)
    t = a.profile.thresholds
    st.caption(T.S_INTRO.format(span_min=t.span_min.value or T.NONE, span_max=t.span_max.value or T.NONE,
                                layers_max=t.layers_max.value or T.NONE))
    unit, covered = widgets.unit_picker(a, "rentang_unit")
    rows = data.measures(a)
    if covered is not None:
        rows = [r for r in rows if r.get("unit") in covered]
    if not rows:
        st.info(T.NO_DATA)
        return
    labels = span_group_labels(t.span_groups)
    names = {u["kode"]: u.get("nama") or u["kode"] for u in data.units(a)}
    s = summarise(rows)
    cols = st.columns(5)
    cols[0].metric(T.R_POSITIONS, T.num(s["jabatan"]), border=True)
    cols[1].metric(T.MANAGERS, T.num(s["manajer"]), border=True)
    cols[2].metric(T.R_SPAN_AVG, T.num(s["rentang_rata2"]), help=T.R_SPAN_AVG_HELP, border=True)
    cols[3].metric(T.R_SPAN_MED, T.num(s["rentang_median"], 1), border=True)
    cols[4].metric(T.R_ONE_ONE, T.pct(s["porsi_manajer_1_1"]), help=T.R_ONE_ONE_HELP, border=True)

    managers = [r for r in rows if r["bawahan_langsung"] > 0]
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{T.S_PER_LAYER}**")
        st.altair_chart(charts.per_layer(rows), width="stretch")
    with right:
        st.markdown(f"**{T.S_PER_GROUP}**")
        if managers:
            st.altair_chart(charts.per_span_group(managers, labels), width="stretch")
        else:
            st.caption(T.S_NO_MANAGERS)

    st.markdown(f"**{T.S_MATRIX}**")
    if managers:
        st.altair_chart(charts.layer_span_matrix(managers, labels), width="stretch")
        st.markdown(f"**{T.S_WIDEST}**")
        widest = sorted(managers, key=lambda r: (-r["bawahan_langsung"], r["kode"]))[:TOP]
        st.dataframe(_people_table(widest, {
            "kode": T.KODE, "nama": T.NAMA, "jenis": T.JENIS, "unit": T.UNIT, "lapisan": T.LAYER,
            "bawahan_langsung": T.SPAN, "bawahan_total": T.SPAN_TOTAL, "kelompok_rentang": T.SPAN_GROUP,
        }, names), hide_index=True)
    else:
        st.caption(T.S_NO_MANAGERS)

    left, right = st.columns(2)
    evaluators = [r for r in rows if r["dinilai"]]
    with left:
        st.markdown(f"**{T.S_EVAL}**")
        if evaluators:
            st.altair_chart(charts.evaluator_load(evaluators), width="stretch")
        else:
            st.caption(T.S_NO_EVAL)
    with right:
        st.markdown(f"**{T.S_EVAL_TOP}**")
        if evaluators:
            top = sorted(evaluators, key=lambda r: (-r["dinilai"], r["kode"]))[:TOP]
            st.dataframe(_people_table(top, {"kode": T.KODE, "nama": T.NAMA, "jenis": T.JENIS,
                                             "unit": T.UNIT, "dinilai": T.EVALUATES, "bawahan_langsung": T.SPAN},
                                       names), hide_index=True)

    st.markdown(f"**{T.S_TEAM}**")
    st.caption(T.S_TEAM_HELP)
    heads = [r for r in rows if r["kepala_unit"] and r["ketua_tim"]]
    if heads:
        left, right = st.columns([3, 2])
        with left:
            st.altair_chart(charts.team_span(heads), width="stretch")
        with right:
            table = _people_table(sorted(heads, key=lambda r: -(r["bawahan_langsung"] + r["ketua_tim"]))[:TOP],
                                  {"kode": T.KODE, "nama": T.NAMA, "bawahan_langsung": T.SPAN, "ketua_tim": T.LEADERS},
                                  names)
            table[T.SPAN_WITH_TEAMS] = table[T.SPAN] + table[T.LEADERS]
            st.dataframe(table, hide_index=True)
    else:
        st.caption(T.S_NO_TEAM)


if __name__ == "__main__":
    render()
