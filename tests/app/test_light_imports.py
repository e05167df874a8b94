"""What a page's run imports: the Library stays clear of the dataframe libraries."""

import subprocess
import sys

from tests.support.app import ROOT

PROBE = """
import sys
from streamlit.testing.v1 import AppTest
before = {m for m in ("pandas", "pyarrow") if m in sys.modules}
at = AppTest.from_file("app.py", default_timeout=60).run()
assert not at.exception, at.exception
print(sorted({m for m in ("pandas", "pyarrow") if m in sys.modules} - before))
"""


def test_library_run_imports_no_dataframe_library() -> None:
    """A Library run (cards, figure stills, the store and prefs components) imports neither
    pandas nor pyarrow: a second of the first visitor's wait, and objects the
    collector walks after every run."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"
