"""What a page's run imports: the Library, and the History page's numbers and charts, stay
clear of the dataframe libraries."""

import subprocess
import sys

from tests.support.app import ROOT

PROBE = """
import sys
from streamlit.testing.v1 import AppTest
before = {m for m in ("pandas", "pyarrow") if m in sys.modules}
at = AppTest.from_file("app.py", default_timeout=60)
{setup}
at.run()
assert not at.exception, at.exception
print(sorted({m for m in ("pandas", "pyarrow") if m in sys.modules} - before))
"""
HISTORY = """
from datetime import timedelta
from limber import history
from tests.support.history import NOW, sample_session
sessions = [sample_session(i, NOW - timedelta(days=i), pain_before=5, pain_after=3) for i in range(9)]
at.switch_page("app_pages/history.py")
at.session_state["history_store"] = {
    "report": {"token": "t", "document": history.dumps(sessions), "quarantine": None, "outcomes": []}
}
"""


def imported(setup: str = "") -> str:
    """The dataframe libraries a fresh process imports for one run of the app (after ``setup``)."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.replace("{setup}", setup)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip().splitlines()[-1]


def test_library_run_imports_no_dataframe_library() -> None:
    """A Library run (cards, figure stills, the store and prefs components) imports neither
    pandas nor pyarrow: a second of the first visitor's wait, and objects the
    collector walks after every run."""
    assert imported() == "[]"


def test_history_numbers_and_charts_import_no_dataframe_library() -> None:
    """The History page with sessions, on its first tab (the numbers and the charts), imports
    neither: only its two tables need pandas, and they are drawn in their own tabs."""
    assert imported(HISTORY) == "[]"
