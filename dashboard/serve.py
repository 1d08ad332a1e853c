"""The dashboard's server process: ``streamlit run app.py`` in this very process, plus a warming thread.

``sikerja dashboard`` replaces itself with ``python -m sikerja.dashboard.serve
<streamlit flags>``: one process, so stopping it (Ctrl+C, SIGTERM from a
supervisor or ``docker stop``) stops Streamlit too, and the caches the
warming thread fills (:func:`sikerja.dashboard.warm.warm_when_served`) are
the ones the pages read.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

APP = str(Path(__file__).resolve().parent / "app.py")


def main(argv: list[str] | None = None) -> None:
    from sikerja.dashboard import warm

    threading.Thread(target=warm.warm_when_served, name=f"{warm.THREAD_PREFIX}-mulai", daemon=True).start()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", APP, *(sys.argv[1:] if argv is None else argv)]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
