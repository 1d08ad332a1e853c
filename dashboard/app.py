"""Entrypoint of the sikerja dashboard (``sikerja dashboard`` runs ``streamlit run`` on this file).

Shared chrome first (page config, navigation, the agency picker in the
sidebar), then the chosen page. A failure to read Neo4j becomes one clear
message in Bahasa Indonesia instead of a stack trace; nothing failed is
cached, so the next interaction tries again.
"""

from __future__ import annotations

import datetime as dt

from pathlib import Path

import streamlit as st
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from sikerja.dashboard import data, warm
from sikerja.dashboard import text as T
from sikerja.queries.version import VersionChanged

PAGES_DIR = Path(__file__).parent / "app_pages"
URL_READ = "app_url_read"  # session_state flag: the ?instansi= of the first URL has been applied

# No page_icon: a Material icon favicon is fetched from fonts.gstatic.com, and the dashboard must work offline.
st.set_page_config(page_title=T.APP_TITLE, layout="wide")


def _page(slug: str, *, default: bool = False) -> st.Page:
    title, icon = T.PAGES[slug]
    return st.Page(PAGES_DIR / f"{slug}.py", title=title, icon=icon, url_path=slug, default=default)


def agency_picker() -> data.Agency | None:
    """The sidebar's agency selector; its choice (session_state ``instansi``) holds across pages."""
    agencies = data.agencies()
    if not agencies:
        return None
    by_kode = {a.kode: a for a in agencies}
    asked = st.query_params.get(data.SESSION_KEY)
    if asked in by_kode and not st.session_state.get(URL_READ):
        st.session_state[data.SESSION_KEY] = asked  # a link such as /temuan?instansi=KODE
    st.session_state[URL_READ] = True
    if st.session_state.get(data.SESSION_KEY) not in by_kode:
        st.session_state[data.SESSION_KEY] = agencies[0].kode  # first visit, or the chosen agency was removed
    with st.sidebar:
        st.selectbox(T.AGENCY_PICKER, list(by_kode), key=data.SESSION_KEY, help=T.AGENCY_HELP,
                     format_func=lambda k: by_kode[k].label)
        agency = data.current()
        if agency is not None:
            st.query_params[data.SESSION_KEY] = agency.kode  # keep the URL shareable
            st.caption(f"{T.PROFILE}: {T.md(agency.profil)}  \n{T.LOADED_AT}: {T.md(agency.dimuat[:19].replace('T', ' '))}")
        st.date_input(T.PER, value=dt.date.today(), key=data.PER_KEY, help=T.PER_HELP, format="YYYY-MM-DD")
        if data.samaran() is not None:
            st.caption(T.SAMARKAN_ON)
        st.button(T.REFRESH, help=T.REFRESH_HELP, on_click=refresh, icon=":material/refresh:")
    return agency


def refresh() -> None:
    data.clear_caches()
    warm.forget()


def main() -> None:
    pg = st.navigation({
        T.NAV_SECTIONS["eksekutif"]: [_page("ringkasan", default=True)],
        T.NAV_SECTIONS["analisis"]: [_page("rentang"), _page("graf"), _page("tim")],
        T.NAV_SECTIONS["kepatuhan"]: [_page("permodelan"), _page("temuan")],
    })
    st.sidebar.caption(T.APP_SUBTITLE)
    page_started = False
    try:
        data.driver()  # reach the server first: while it is down every page says so, even one it could draw from cache
        agency = agency_picker()
        if agency is None:
            st.title(pg.title)
            st.info(T.EMPTY_DB, icon=":material/info:")
            return
        warm.prefetch(agency)  # the checks and the measures start side by side while the page draws
        page_started = True
        pg.run()
    except data.HANDLED as exc:
        if not page_started:
            st.title(pg.title)
        if isinstance(exc, (ServiceUnavailable, SessionExpired)):
            data.reset_driver()
        if isinstance(exc, VersionChanged):
            data.forget_agencies()  # the retry reads the agency's new live version
        st.error(data.error_message(exc), icon=":material/error:")
        st.button(T.RETRY, icon=":material/refresh:", key="app_coba_lagi")  # a click is a new run: it tries again
        with st.expander(T.TECH_DETAIL):
            st.text(f"{type(exc).__name__}: {exc}")


main()
