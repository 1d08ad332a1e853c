"""Ringkasan: headline numbers for executives, and agencies side by side."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from sikerja.dashboard import charts, data
from sikerja.dashboard import text as T
from sikerja.dashboard.app_pages import widgets
from sikerja.queries.measures import summarise

def position_numbers(a: data.Agency) -> dict[str, Any]:
    rows = data.measures(a)
    off = data.officials(a)
    return {
        **summarise(rows),
        "terisi": sum(1 for r in rows if r["pemangku"]),
        "plt_saja": sum(1 for r in rows if not r["pemangku"] and r["plt"]),
        "pegawai": sum(r["pegawai"] for r in off),
        "belum_ditempatkan": sum(r["pegawai"] for r in off if r["jenis"] is None),
    }


def render() -> None:
    a = widgets.agency()
    if a is None:
        return
    widgets.header("ringkasan", a)
    # Positions first (fast), findings after: the page fills in while the checks run.
    rows = data.measures(a)
    h = position_numbers(a)
    cols = st.columns(6)
    cols[0].metric(T.R_POSITIONS, T.num(h["jabatan"]), border=True)
    cols[1].metric(T.R_FILLED, T.num(h["terisi"]), border=True)
    cols[2].metric(T.R_PLT_ONLY, T.num(h["plt_saja"]), border=True)
    cols[3].metric(T.R_VACANT, T.num(h["kosong"]), help=T.R_VACANT_HELP, border=True)
    cols[4].metric(T.R_OFFICIALS, T.num(h["pegawai"]), border=True)
    cols[5].metric(T.R_UNPLACED, T.num(h["belum_ditempatkan"]), border=True)
    findings_row = st.container()

    st.subheader(T.R_SPAN_HEAD)
    cols = st.columns(4)
    cols[0].metric(T.R_SPAN_AVG, T.num(h["rentang_rata2"]), help=T.R_SPAN_AVG_HELP, border=True)
    cols[1].metric(T.R_SPAN_MED, T.num(h["rentang_median"], 1), border=True)
    cols[2].metric(T.R_LAYERS, T.num(h["lapisan_maks"]), help=T.R_LAYERS_HELP, border=True)
    cols[3].metric(T.R_ONE_ONE, f"{T.pct(h['porsi_manajer_1_1'])} ({T.num(h['manajer_1_1'])})",
                   help=T.R_ONE_ONE_HELP, border=True)

    left, right = st.columns(2)
    with left:
        st.markdown(f"**{T.R_POS_BY_KIND}**")
        if rows:
            st.altair_chart(charts.positions_by_kind(rows), width="stretch")
        else:
            st.caption(T.NO_DATA)
    with right:
        st.markdown(f"**{T.R_OFF_BY_KIND}**")
        off = data.officials(a)
        if off:
            st.altair_chart(charts.officials_by_kind(off), width="stretch")
        else:
            st.caption(T.NO_DATA)

    found = data.findings(a)
    counts = data.severity_counts(found)
    with findings_row:
        cols = st.columns(3)
        for col, (sev, n) in zip(cols, counts.items()):
            col.metric(f"{T.R_FINDINGS} — {T.severity(sev)}", T.num(n), border=True)
    left, right = st.columns([1, 2])
    with left:
        st.markdown(f"**{T.R_FIND_BY_SEV}**")
        st.altair_chart(charts.findings_by_severity(counts), width="stretch")
    with right:
        st.markdown(f"**{T.R_FIND_BY_RULE}**")
        if found:
            st.altair_chart(charts.findings_by_rule(found), width="stretch")
        else:
            st.success(T.R_NO_FINDINGS, icon=":material/check_circle:")

    compare(a)


def compare(a: data.Agency) -> None:
    st.subheader(T.R_COMPARE)
    agencies = data.agencies()
    by_kode = {x.kode: x for x in agencies}
    # Only the chosen agency at first: every agency added runs its checks, which takes seconds on a large one.
    default = [a.kode]
    chosen = st.multiselect(T.R_COMPARE_PICK, list(by_kode), default=default, help=T.R_COMPARE_HELP,
                            format_func=lambda k: by_kode[k].label, key="ringkasan_banding")
    table = []
    for kode in chosen:
        x = by_kode[kode]
        h = {**position_numbers(x), "temuan": data.severity_counts(data.findings(x))}
        table.append({
            T.AGENCY: x.nama, T.KODE: x.kode, T.PROFILE: x.profil,
            T.R_POSITIONS: h["jabatan"], T.R_VACANT: h["kosong"], T.R_OFFICIALS: h["pegawai"],
            **{T.severity(s): n for s, n in h["temuan"].items()},
            T.R_SPAN_AVG: h["rentang_rata2"], T.R_SPAN_MED: h["rentang_median"], T.R_LAYERS: h["lapisan_maks"],
            T.R_ONE_ONE: None if h["porsi_manajer_1_1"] is None else h["porsi_manajer_1_1"] * 100,
        })
    if not table:
        return
    df = pd.DataFrame(table)
    st.dataframe(df, hide_index=True, column_config={
        T.R_SPAN_AVG: st.column_config.NumberColumn(format="%.2f"),
        T.R_ONE_ONE: st.column_config.NumberColumn(format="%.0f%%"),
    })
    if len(table) > 1:
        st.altair_chart(charts.compare_findings(df), width="stretch")


if __name__ == "__main__":
    render()
