"""Start Limber: Streamlit's own server on app.py, with the first page's work done as it starts.

    .venv/bin/python serve.py [streamlit run options]      (what `make run` does)

Without this, the first visitor waits, after the server is up, for what the Library
page needs: the core's and the components' imports (pydantic builds its models), the
routine library and the figure's poses read and checked. Here a thread does that work
while Streamlit starts its server and the browser loads the page, and the page then
finds it all in memory (the library is an ``st.cache_resource``). Any options are
passed to ``streamlit run`` unchanged.
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent
log = logging.getLogger("limber.serve")


def warm_up() -> None:
    """Import what the Library page imports and load the routine library, once; then set
    all of it aside from the garbage collector."""
    try:
        import numpy  # noqa: F401  (Streamlit's favicon code imports it on the first run)
        from PIL import Image  # noqa: F401

        import components.cards
        import components.prefs
        import components.store  # noqa: F401
        from app_pages.parts import common, library_prefs, offline, picks  # noqa: F401
        from limber import recommend  # noqa: F401

        common.get_library()
    except Exception:  # the page does the same work again, and shows any error itself
        log.exception("warming up failed; the first visit does the work instead")
    # Streamlit collects garbage after every script run (runner.postScriptGC), walking
    # every object in the process: the modules, the library and the poses, which live
    # as long as the process. Frozen, they are no longer walked (here ~130 → ~3 ms a run).
    gc.collect()
    gc.freeze()


def main(argv: list[str]) -> None:
    """Start the warm-up, then Streamlit's server (which runs until it is stopped)."""
    sys.path.insert(0, str(ROOT))
    # Outside a script run Streamlit warns that there is no ScriptRunContext: expected here.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(
        logging.ERROR
    )
    threading.Thread(target=warm_up, name="limber-warm-up", daemon=True).start()
    from streamlit.web import cli

    cli.main(["run", str(ROOT / "app.py"), *argv], prog_name="streamlit")


if __name__ == "__main__":
    main(sys.argv[1:])
