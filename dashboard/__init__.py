"""sikerja.dashboard: the read-only Streamlit dashboard."""
