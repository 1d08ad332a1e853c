"""Graf: explore the organisation as a network: a unit's sub-tree, a position's superior and
evaluator chain, a team with its members; or search by name, code or NIP."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sikerja.dashboard import data, network
from sikerja.dashboard import text as T
from sikerja.dashboard.app_pages import widgets

MODES = list(T.G_MODES)


def render() -> None:
    a = widgets.agency()
    if a is None:
        return
    widgets.header("graf", a)
    mode = st.segmented_control(T.G_MODE, MODES, default="unit", format_func=T.G_MODES.get,
                                key=f"graf_mode_{a.kode}", required=True)
    if mode == "unit":
        unit, _ = widgets.unit_picker(a, "graf_unit", allow_all=False, subunits_toggle=False)
        if unit:
            draw_unit(a, unit)
    elif mode == "jabatan":
        unit, _ = widgets.unit_picker(a, "graf_jabatan_unit", allow_all=False, subunits_toggle=False)
        if unit:
            positions = [p for p in data.unit_subtree(a, unit) if p["unit"] == unit]
            if not positions:
                st.info(T.G_NO_POSITIONS)
                return
            by_kode = {p["kode"]: p for p in positions}
            kode = st.selectbox(T.G_POSITION, list(by_kode), key=f"graf_jabatan_{a.kode}_{unit}",
                                format_func=lambda k: f"{by_kode[k]['nama']} ({k})")
            draw_chain(a, kode)
    elif mode == "tim":
        teams = data.teams(a)
        if not teams:
            st.info(T.T_NONE)
            return
        by_kode = {t["kode"]: t for t in teams}
        kode = st.selectbox(T.G_TEAM, list(by_kode), key=f"graf_tim_{a.kode}",
                            format_func=lambda k: f"{by_kode[k]['nama']} ({k})")
        draw_team(a, kode)
    else:
        search(a)


def marks(a: data.Agency) -> dict:
    """Findings per subject, for red borders: asked for only when something is drawn (the checks take longest)."""
    return widgets.finding_marks(data.findings(a))


def search(a: data.Agency) -> None:
    q = st.text_input(T.G_SEARCH, key=f"graf_cari_{a.kode}", help=T.G_SEARCH_HELP)
    if len(q.strip()) < 2:
        st.caption(T.G_SEARCH_SHORT)
        return
    hits = data.search(a, q)
    if not hits:
        st.info(T.G_SEARCH_NONE)
        return
    st.dataframe(pd.DataFrame([{T.JENIS: T.G_SEARCH_KIND.get(h["jenis"], h["jenis"]), T.KODE: h["kode"],
                                T.NAMA: h["nama"], T.G_DETAIL: detail(h)} for h in hits]), hide_index=True)
    keys = [f"{h['jenis']}|{h['kode']}" for h in hits]
    by_key = dict(zip(keys, hits))
    choice = st.selectbox(T.G_SEARCH_RESULTS, keys, key=f"graf_hasil_{a.kode}",
                          format_func=lambda k: f"{T.G_SEARCH_KIND.get(by_key[k]['jenis'], '')}: "
                                                f"{by_key[k]['nama']} ({by_key[k]['kode']})")
    hit = by_key[choice]
    if hit["jenis"] == "unit":
        draw_unit(a, hit["kode"])
    elif hit["jenis"] == "jabatan":
        draw_chain(a, hit["kode"])
    elif hit["jenis"] == "pegawai":
        if hit.get("keterangan"):
            draw_chain(a, hit["keterangan"])
        else:
            st.info(T.G_NOT_PLACED)
    else:
        draw_team(a, hit["kode"])


def detail(hit: dict) -> str:
    """The search table's last column: the kind of a unit, position or team; the position an official holds."""
    v = hit.get("keterangan")
    if hit["jenis"] == "unit":
        return T.unit_jenis(v)
    if hit["jenis"] == "jabatan":
        return T.jabatan_jenis(v)
    if hit["jenis"] == "tim":
        return T.TIM_JENIS.get(v or "", v or T.NONE)
    return v or T.NOT_PLACED


def draw_unit(a: data.Agency, unit: str) -> None:
    urows = data.units(a)
    covered = data.subtree(urows, unit)
    measured = [r for r in data.measures(a) if r.get("unit") in covered]
    if not measured:
        st.info(T.G_NO_POSITIONS)
        return
    if len(measured) > network.MAX_NODES:
        # Too many to draw one by one: one node per unit, counted from the cached measures.
        st.info(T.G_AGGREGATED.format(positions=T.num(len(measured)), limit=network.MAX_NODES), icon=":material/info:")
        g = network.unit_aggregate(urows, measured, unit, marks=marks(a))
    else:
        g = network.unit_graph(urows, data.unit_subtree(a, unit), unit, marks=marks(a))
    name = next((u.get("nama") for u in urows if u["kode"] == unit), unit)
    widgets.show_graph(g, name)


def draw_chain(a: data.Agency, kode: str) -> None:
    rows = data.position_chain(a, kode)
    widgets.show_graph(network.chain_graph(rows, kode, marks(a)), kode)
    delegated = data.position_delegations(a, kode)
    if delegated:
        st.markdown(f"**{T.G_DELEGATIONS}**")
        st.caption(T.G_DELEGATIONS_HELP)
        st.dataframe(pd.DataFrame([{
            T.G_DELEGATE: f"{d['penerima']} ({d['nama_penerima']})", T.G_GIVER: d["pemberi"], T.G_SCOPE: d["lingkup"],
            T.G_SK: d.get("sk") or T.NONE, T.G_PERIOD: f"{d.get('mulai') or '…'} s.d. {d.get('selesai') or '…'}",
            T.G_IN_FORCE: T.YES if d["berlaku"] else T.NO,
        } for d in delegated]), hide_index=True)


def draw_team(a: data.Agency, kode: str) -> None:
    rows = data.team_members(a, kode)
    g = network.team_graph(rows, marks(a))
    if rows and not any(r.get("nip") for r in rows):
        st.caption(T.T_NO_MEMBERS)
    widgets.show_graph(g, kode)


if __name__ == "__main__":
    render()
