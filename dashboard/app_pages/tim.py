"""Tim Kerja: teams, leaders, owners, cross-unit and cross-agency membership, durations."""

from __future__ import annotations

import statistics

import pandas as pd
import streamlit as st

from sikerja.dashboard import charts, data, network
from sikerja.dashboard import text as T
from sikerja.dashboard.app_pages import widgets


def team_rows(teams: list[dict]) -> list[dict]:
    """Each team with its duration in months and whether it crosses units."""
    out = []
    for t in teams:
        member_units = set(t.get("unit_anggota") or [])
        out.append({
            **t,
            "bulan": data.months_between(t.get("mulai"), t.get("selesai")),
            "lintas_unit": len(member_units) > 1 or bool(member_units - {t.get("pemilik")}),
        })
    return out


def render() -> None:
    a = widgets.agency()
    if a is None:
        return
    widgets.header("tim", a)
    teams = team_rows(data.teams(a))
    if not teams:
        st.info(T.T_NONE)
        return
    months = [t["bulan"] for t in teams if t["bulan"] is not None]
    cols = st.columns(5)
    cols[0].metric(T.T_COUNT, T.num(len(teams)), border=True)
    cols[1].metric(T.T_NO_LEADER, T.num(sum(1 for t in teams if not t["ketua"])), border=True)
    cols[2].metric(T.T_CROSS_UNIT, T.num(sum(1 for t in teams if t["lintas_unit"])), help=T.T_CROSS_UNIT_HELP,
                   border=True)
    cols[3].metric(T.T_CROSS_AGENCY, T.num(sum(1 for t in teams if t["lintas_instansi"])), help=T.T_CROSS_AGENCY_HELP,
                   border=True)
    cols[4].metric(T.T_AVG_MONTHS, T.num(statistics.fmean(months), 1) if months else T.NONE, border=True)

    st.dataframe(pd.DataFrame([{
        T.KODE: t["kode"], T.NAMA: t["nama"], T.JENIS: T.TIM_JENIS.get(t["jenis"] or "", t["jenis"]),
        T.T_OWNER: t.get("pemilik_nama") or T.NONE, T.T_LEADER: ", ".join(t["ketua"]) or T.NONE,
        T.T_MEMBERS: t["anggota"], T.T_MEMBER_UNITS: len(t.get("unit_anggota") or []),
        T.T_CROSS_UNIT: t["lintas_unit"], T.T_FROM_OTHER: t["lintas_instansi"],
        T.T_START: t.get("mulai"), T.T_END: t.get("selesai") or T.T_ONGOING, T.T_MONTHS: t["bulan"],
        T.T_SK: t.get("sk_nomor") or T.NONE, T.T_ISSUER: t.get("penerbit_nama") or T.NONE,
    } for t in teams]), hide_index=True, column_config={
        T.T_CROSS_UNIT: st.column_config.CheckboxColumn(),
    })

    left, right = st.columns(2)
    with left:
        st.markdown(f"**{T.T_DURATION_CHART}**")
        if months:
            st.altair_chart(charts.team_durations(months), width="stretch")
        else:
            st.caption(T.NO_DATA)
    with right:
        st.markdown(f"**{T.T_PER_OWNER}**")
        st.altair_chart(charts.teams_per_owner([t.get("pemilik_nama") or T.NONE for t in teams]), width="stretch")

    st.subheader(T.T_DETAIL)
    by_kode = {t["kode"]: t for t in teams}
    kode = st.selectbox(T.T_PICK, list(by_kode), key=f"tim_pilih_{a.kode}",
                        format_func=lambda k: f"{by_kode[k]['nama']} ({k})")
    members = [r for r in data.team_members(a, kode) if r.get("nip")]
    if not members:
        st.caption(T.T_NO_MEMBERS)
    else:
        st.dataframe(pd.DataFrame([{
            "NIP": r["nip"], T.NAMA: r.get("nama"), T.T_ROLE: T.PERAN.get(r.get("peran") or "", r.get("peran")),
            T.T_ASSIGNMENT: T.PENUGASAN.get(r.get("penugasan") or "", r.get("penugasan")),
            T.G_POSITION: r.get("jabatan_nama") or T.NOT_PLACED, T.UNIT: r.get("unit_nama") or T.NONE,
            T.T_FROM_OTHER: r.get("instansi_asal") or "", T.T_START: r.get("mulai"), T.T_END: r.get("selesai"),
        } for r in members]), hide_index=True)
    if st.toggle(T.T_SHOW_GRAPH, key=f"tim_graf_{a.kode}"):
        widgets.show_graph(network.team_graph(data.team_members(a, kode), widgets.finding_marks(data.findings(a))),
                           kode)


if __name__ == "__main__":
    render()
