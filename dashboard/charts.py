"""Altair charts of the dashboard. Each function takes plain rows and returns a chart (no Streamlit calls)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd

from sikerja.dashboard import text as T
from sikerja.dashboard.network import COLORS

KIND_ORDER = [T.JABATAN_JENIS[k] for k in COLORS]
KIND_SCALE = alt.Scale(domain=KIND_ORDER, range=list(COLORS.values()))
SEVERITY_ORDER = [T.SEVERITY[s] for s in ("pelanggaran", "peringatan", "info")]
SEVERITY_SCALE = alt.Scale(domain=SEVERITY_ORDER, range=["#d62728", "#ff9f1c", "#4c78a8"])
FILL_ORDER = [T.FILLED, T.R_PLT_ONLY, T.R_VACANT]
FILL_SCALE = alt.Scale(domain=FILL_ORDER, range=["#2a9d8f", "#e9c46a", "#bbbbbb"])
CATEGORY_ORDER = list(T.CATEGORY.values())


def _height(n: int, per: int = 30, minimum: int = 180) -> int:
    """Total chart height for ``n`` bars: Streamlit fits the whole chart (axes and legend too) into it."""
    return max(minimum, per * n + 140)


def positions_by_kind(rows: Sequence[Mapping[str, Any]]) -> alt.Chart:
    counts: Counter[tuple[str, str]] = Counter()
    for r in rows:
        fill = T.FILLED if r["pemangku"] else (T.R_PLT_ONLY if r["plt"] else T.R_VACANT)
        counts[(T.jabatan_jenis(r["jenis"]), fill)] += 1
    df = pd.DataFrame([{T.JENIS: k, T.FILL: f, T.COUNT: n} for (k, f), n in counts.items()])
    kinds = [k for k in KIND_ORDER if k in set(df[T.JENIS])] + sorted(set(df[T.JENIS]) - set(KIND_ORDER))
    return alt.Chart(df).mark_bar().encode(
        y=alt.Y(f"{T.JENIS}:N", sort=kinds, title=None),
        x=alt.X(f"sum({T.COUNT}):Q", title=T.COUNT, axis=alt.Axis(format="d", tickMinStep=1)),
        color=alt.Color(f"{T.FILL}:N", scale=FILL_SCALE, sort=FILL_ORDER, legend=alt.Legend(orient="bottom")),
        order=alt.Order(f"{T.FILL}:N"),
        tooltip=[T.JENIS, T.FILL, T.COUNT],
    ).properties(height=_height(len(kinds)))


def officials_by_kind(rows: Sequence[Mapping[str, Any]]) -> alt.Chart:
    df = pd.DataFrame([{T.JENIS: T.jabatan_jenis(r["jenis"]) if r["jenis"] else T.NOT_PLACED,
                        T.STATUS: r["status"] or T.NONE, T.COUNT: r["pegawai"]} for r in rows])
    kinds = [k for k in [*KIND_ORDER, T.NOT_PLACED] if k in set(df[T.JENIS])]
    return alt.Chart(df).mark_bar().encode(
        y=alt.Y(f"{T.JENIS}:N", sort=kinds, title=None),
        x=alt.X(f"sum({T.COUNT}):Q", title=T.COUNT, axis=alt.Axis(format="d", tickMinStep=1)),
        color=alt.Color(f"{T.STATUS}:N", scale=alt.Scale(range=["#457b9d", "#a8dadc", "#cccccc"]),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[T.JENIS, T.STATUS, T.COUNT],
    ).properties(height=_height(len(kinds)))


def findings_by_severity(counts: Mapping[str, int]) -> alt.Chart:
    df = pd.DataFrame([{T.SEVERITY_COL: T.severity(s), T.COUNT: n} for s, n in counts.items()])
    return alt.Chart(df).mark_bar().encode(
        x=alt.X(f"{T.SEVERITY_COL}:N", sort=SEVERITY_ORDER, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(f"{T.COUNT}:Q", title=T.COUNT, axis=alt.Axis(format="d", tickMinStep=1)),
        color=alt.Color(f"{T.SEVERITY_COL}:N", scale=SEVERITY_SCALE, legend=None),
        tooltip=[T.SEVERITY_COL, T.COUNT],
    ).properties(height=220)


def findings_by_rule(rows: Sequence[Mapping[str, str]]) -> alt.Chart:
    counts = Counter((r["rule"], T.severity(r["severity"])) for r in rows)
    df = pd.DataFrame([{T.RULE: rule, T.SEVERITY_COL: sev, T.COUNT: n} for (rule, sev), n in counts.items()])
    return alt.Chart(df).mark_bar().encode(
        y=alt.Y(f"{T.RULE}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=220)),
        x=alt.X(f"sum({T.COUNT}):Q", title=T.COUNT, axis=alt.Axis(format="d", tickMinStep=1)),
        color=alt.Color(f"{T.SEVERITY_COL}:N", scale=SEVERITY_SCALE, legend=alt.Legend(orient="bottom")),
        tooltip=[T.RULE, T.SEVERITY_COL, T.COUNT],
    ).properties(height=_height(df[T.RULE].nunique()))


def per_layer(rows: Sequence[Mapping[str, Any]]) -> alt.Chart:
    counts = Counter((r["lapisan"], T.jabatan_jenis(r["jenis"])) for r in rows if r["lapisan"] is not None)
    df = pd.DataFrame([{T.LAYER: lap, T.JENIS: k, T.COUNT: n} for (lap, k), n in counts.items()])
    return alt.Chart(df).mark_bar().encode(
        x=alt.X(f"{T.LAYER}:O", title=T.LAYER, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(f"sum({T.COUNT}):Q", title=T.COUNT, axis=alt.Axis(format="d", tickMinStep=1)),
        color=alt.Color(f"{T.JENIS}:N", scale=KIND_SCALE, legend=alt.Legend(orient="bottom", columns=3)),
        tooltip=[T.LAYER, T.JENIS, T.COUNT],
    ).properties(height=280)


def per_span_group(rows: Sequence[Mapping[str, Any]], labels: Sequence[str]) -> alt.Chart:
    counts = Counter((r["kelompok_rentang"], T.CATEGORY.get(r["kategori"], r["kategori"]))
                     for r in rows if r["kelompok_rentang"])
    df = pd.DataFrame([{T.SPAN_GROUP: g, T.CATEGORY_COL: c, T.COUNT: n} for (g, c), n in counts.items()])
    return alt.Chart(df).mark_bar().encode(
        x=alt.X(f"{T.SPAN_GROUP}:N", sort=list(labels), title=T.SPAN_GROUP, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(f"sum({T.COUNT}):Q", title=T.MANAGERS, axis=alt.Axis(format="d", tickMinStep=1)),
        color=alt.Color(f"{T.CATEGORY_COL}:N", sort=CATEGORY_ORDER,
                        scale=alt.Scale(domain=CATEGORY_ORDER, range=["#6a3d9a", "#1f78b4", "#33a02c", "#bbbbbb"]),
                        legend=alt.Legend(orient="bottom", columns=2)),
        tooltip=[T.SPAN_GROUP, T.CATEGORY_COL, T.COUNT],
    ).properties(height=280)


def layer_span_matrix(rows: Sequence[Mapping[str, Any]], labels: Sequence[str]) -> alt.LayerChart:
    counts = Counter((r["lapisan"], r["kelompok_rentang"]) for r in rows
                     if r["kelompok_rentang"] and r["lapisan"] is not None)
    df = pd.DataFrame([{T.LAYER: lap, T.SPAN_GROUP: g, T.COUNT: n} for (lap, g), n in counts.items()])
    base = alt.Chart(df).encode(
        x=alt.X(f"{T.SPAN_GROUP}:N", sort=list(labels), title=T.SPAN_GROUP, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(f"{T.LAYER}:O", title=T.LAYER),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(f"{T.COUNT}:Q", scale=alt.Scale(scheme="blues"), legend=None),
        tooltip=[T.LAYER, T.SPAN_GROUP, T.COUNT],
    )
    numbers = base.mark_text(fontSize=13).encode(
        text=f"{T.COUNT}:Q",
        color=alt.condition(alt.datum[T.COUNT] > df[T.COUNT].max() / 2, alt.value("white"), alt.value("black")),
    )
    return (cells + numbers).properties(height=_height(df[T.LAYER].nunique(), per=34))


def evaluator_load(rows: Sequence[Mapping[str, Any]]) -> alt.Chart:
    df = pd.DataFrame([{T.EVALUATES: r["dinilai"], T.JENIS: T.jabatan_jenis(r["jenis"])}
                       for r in rows if r["dinilai"]])
    return alt.Chart(df).mark_bar().encode(
        x=alt.X(f"{T.EVALUATES}:Q", bin=alt.Bin(maxbins=20, minstep=1), title=T.EVALUATES,
                  axis=alt.Axis(format="d")),
        y=alt.Y("count():Q", title=T.COUNT, axis=alt.Axis(format="d", tickMinStep=1)),
        color=alt.Color(f"{T.JENIS}:N", scale=KIND_SCALE, legend=alt.Legend(orient="bottom", columns=3)),
        tooltip=[T.JENIS, alt.Tooltip("count():Q", title=T.COUNT)],
    ).properties(height=260)


def team_span(rows: Sequence[Mapping[str, Any]], limit: int = 15) -> alt.Chart:
    top = sorted(rows, key=lambda r: -(r["bawahan_langsung"] + r["ketua_tim"]))[:limit]
    df = pd.DataFrame(
        [{T.NAMA: f"{r['nama']} ({r['kode']})", T.JENIS: T.SPAN, T.COUNT: r["bawahan_langsung"]} for r in top]
        + [{T.NAMA: f"{r['nama']} ({r['kode']})", T.JENIS: T.LEADERS, T.COUNT: r["ketua_tim"]} for r in top]
    )
    return alt.Chart(df).mark_bar().encode(
        y=alt.Y(f"{T.NAMA}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X(f"sum({T.COUNT}):Q", title=T.SPAN_WITH_TEAMS, axis=alt.Axis(format="d", tickMinStep=1)),
        color=alt.Color(f"{T.JENIS}:N", scale=alt.Scale(domain=[T.SPAN, T.LEADERS], range=["#1f78b4", "#fb9a99"]),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[T.NAMA, T.JENIS, T.COUNT],
    ).properties(height=_height(len(top)))


def team_durations(months: Sequence[int]) -> alt.Chart:
    counts = Counter(months)
    df = pd.DataFrame([{"bulan": m, T.T_COUNT: n} for m, n in sorted(counts.items())])
    return alt.Chart(df).mark_bar(color="#fb9a99").encode(
        x=alt.X("bulan:O", title=T.T_MONTHS, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(f"{T.T_COUNT}:Q", title=T.T_COUNT, axis=alt.Axis(format="d", tickMinStep=1)),
        tooltip=[alt.Tooltip("bulan:O", title=T.T_MONTHS), T.T_COUNT],
    ).properties(height=240)


def teams_per_owner(names: Sequence[str], limit: int = 15) -> alt.Chart:
    counts = Counter(names).most_common(limit)
    df = pd.DataFrame([{T.T_OWNER: n, T.T_COUNT: c} for n, c in counts])
    return alt.Chart(df).mark_bar(color="#b15928").encode(
        y=alt.Y(f"{T.T_OWNER}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X(f"{T.T_COUNT}:Q", title=T.T_COUNT, axis=alt.Axis(format="d", tickMinStep=1)),
        tooltip=[T.T_OWNER, T.T_COUNT],
    ).properties(height=_height(len(counts)))


def compare_findings(table: pd.DataFrame) -> alt.Chart:
    """``table`` has one row per agency with columns AGENCY and one per severity label."""
    long = table.melt(id_vars=[T.AGENCY], value_vars=SEVERITY_ORDER, var_name=T.SEVERITY_COL, value_name=T.COUNT)
    return alt.Chart(long).mark_bar().encode(
        y=alt.Y(f"{T.AGENCY}:N", title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X(f"sum({T.COUNT}):Q", title=T.R_FINDINGS, axis=alt.Axis(format="d", tickMinStep=1)),
        color=alt.Color(f"{T.SEVERITY_COL}:N", scale=SEVERITY_SCALE, sort=SEVERITY_ORDER,
                        legend=alt.Legend(orient="bottom")),
        tooltip=[T.AGENCY, T.SEVERITY_COL, T.COUNT],
    ).properties(height=_height(table[T.AGENCY].nunique(), per=30))
