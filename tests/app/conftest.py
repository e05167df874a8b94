"""AppTest set-up: run the real app script, on a routine folder a test chooses."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """A factory for an AppTest of app.py; user routines go to a scratch folder."""
    monkeypatch.setenv("LIMBER_USER_ROUTINES", str(tmp_path / "my"))

    def make(routines: Path | None = None) -> AppTest:
        if routines is not None:
            monkeypatch.setenv("LIMBER_ROUTINES", str(routines))
        return AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)

    return make
