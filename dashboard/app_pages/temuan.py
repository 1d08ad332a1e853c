"""Temuan: the findings of the agency's checks, filterable, each with its article; CSV and XLSX download."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import streamlit as st

from sikerja.dashboard import data
from sikerja.dashboard import text as T
from sikerja.dashboard.app_pages import widgets
from sikerja.queries import export
from sikerja.queries.catalog import checks
from sikerja.queries.findings import Severity

SEVERITIES = [s.value for s in reversed(Severity)]


def render() -> None:
    a = widgets.agency()
    if a is None:
        return
    widgets.header("temuan", a)
    rows = data.findings(a)
    if not rows:
        st.success(T.R_NO_FINDINGS, icon=":material/check_circle:")
        return
    catalog = checks()
    units = data.units(a)
    names = {u["kode"]: u.get("nama") or u["kode"] for u in units}
    where = data.finding_unit_list(a)

    rules = sorted({r["rule"] for r in rows})
    c1, c2 = st.columns([3, 2])
    chosen_rules = c1.multiselect(T.F_RULES, rules, key=f"temuan_aturan_{a.kode}", placeholder=T.F_ALL_RULES,
                                  format_func=lambda r: f"{r} — {catalog[r].title}" if r in catalog else r)
    chosen_sev = c2.multiselect(T.F_SEVERITY, SEVERITIES, key=f"temuan_tingkat_{a.kode}", format_func=T.severity,
                                placeholder=T.F_ALL_SEVERITIES)
    c1, c2 = st.columns([3, 2])
    with c1:
        unit, covered = widgets.unit_picker(a, "temuan_unit")
    text = c2.text_input(T.F_SEARCH, key=f"temuan_cari_{a.kode}").strip().lower()

    shown = [
        (r, w) for r, w in zip(rows, where)
        if (not chosen_rules or r["rule"] in chosen_rules)
        and (not chosen_sev or r["severity"] in chosen_sev)
        and (covered is None or w in covered)
        and (not text or text in r["subjek"].lower() or text in r["pesan"].lower())
    ]
    shown.sort(key=lambda item: -Severity(item[0]["severity"]).rank)  # most serious first; rule order within
    counts = Counter(r["severity"] for r, _ in shown)
    cols = st.columns(4)
    cols[0].metric(T.R_FINDINGS, T.num(len(shown)), border=True)
    for col, sev in zip(cols[1:], SEVERITIES):
        col.metric(T.severity(sev), T.num(counts.get(sev, 0)), border=True)
    st.caption(T.F_SHOWN.format(n=T.num(len(shown)), total=T.num(len(rows))))
    if not shown:
        st.info(T.F_NONE)
        return

    df = pd.DataFrame([{
        T.RULE: r["rule"], T.SEVERITY_COL: T.severity(r["severity"]), T.SUBJECT: r["subjek"],
        T.UNIT: names.get(w, w) if w else T.NONE, T.MESSAGE: r["pesan"], T.DASAR: r["dasar"],
        T.KUTIPAN: r.get("kutipan") or T.NONE,
    } for r, w in shown])
    event = st.dataframe(df, hide_index=True, on_select="rerun", selection_mode="single-row",
                         key=f"temuan_tabel_{a.kode}", column_config={
                             T.RULE: st.column_config.TextColumn(width=150),
                             T.SEVERITY_COL: st.column_config.TextColumn(width=100),
                             T.SUBJECT: st.column_config.TextColumn(width=110),
                             T.UNIT: st.column_config.TextColumn(width=180),
                             T.MESSAGE: st.column_config.TextColumn(width="large"),
                             T.DASAR: st.column_config.TextColumn(width="medium"),
                             T.KUTIPAN: st.column_config.TextColumn(width="medium"),
                         })
    picked = event.selection.rows if event is not None and event.selection else []
    detail(shown[picked[0]] if picked and picked[0] < len(shown) else shown[0], names, catalog)

    selected = [r for r, _ in shown]
    c1, c2, _ = st.columns([1, 1, 4])
    c1.download_button(T.F_CSV, data=lambda: export.to_csv(data.as_findings(selected)).encode("utf-8"),
                       file_name=f"temuan-{a.kode}.csv", mime="text/csv", icon=":material/download:",
                       key=f"temuan_csv_{a.kode}", on_click="ignore")
    c2.download_button(T.F_XLSX, data=lambda: export.to_xlsx(data.as_findings(selected)),
                       file_name=f"temuan-{a.kode}.xlsx", icon=":material/download:",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key=f"temuan_xlsx_{a.kode}", on_click="ignore")

    st.subheader(T.F_BY_RULE)
    per_rule = Counter((r["rule"], r["severity"], r["dasar"]) for r in selected)
    st.dataframe(pd.DataFrame([{
        T.RULE: rule, T.RULE_TITLE: catalog[rule].title if rule in catalog else "", T.SEVERITY_COL: T.severity(sev),
        T.COUNT: n, T.DASAR: dasar,
    } for (rule, sev, dasar), n in sorted(per_rule.items(), key=lambda kv: (-kv[1], kv[0]))]), hide_index=True)


def detail(item: tuple[dict[str, str], str | None], names: dict[str, str], catalog: dict) -> None:
    """One finding in full (the table cuts long messages); every value shown as plain text."""
    r, w = item
    with st.container(border=True):
        st.markdown(f"**{T.F_DETAIL}** · {T.md(r['rule'])} · {T.md(T.severity(r['severity']))}")
        st.caption(T.F_DETAIL_HELP)
        if r["rule"] in catalog:
            st.text(f"{T.RULE_TITLE}: {catalog[r['rule']].title}")
        st.text(f"{T.SUBJECT}: {r['subjek']}    {T.UNIT}: {names.get(w, w) if w else T.NONE}")
        st.text(f"{T.MESSAGE}: {r['pesan']}")
        st.text(f"{T.DASAR}: {r['dasar']}")
        if r.get("kutipan"):
            st.text(f"{T.KUTIPAN}: “{r['kutipan']}”")


if __name__ == "__main__":
    render()
