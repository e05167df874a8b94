"""AppTest set-up: run the real app script, on a routine folder a test chooses."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.history import NOW

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """A factory for an AppTest of app.py; user routines go to a scratch folder, and the
    app's clock stands at :data:`tests.support.history.NOW`."""
    monkeypatch.setenv("LIMBER_USER_ROUTINES", str(tmp_path / "my"))
    monkeypatch.setenv("LIMBER_NOW", NOW.isoformat())

    def make(routines: Path | None = None) -> AppTest:
        if routines is not None:
            monkeypatch.setenv("LIMBER_ROUTINES", str(routines))
        return AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)

    return make
