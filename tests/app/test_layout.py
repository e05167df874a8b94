"""The house rules of the layout, read from the source: pages apart from their parts, one
place naming the pages, components apart from the core."""

import ast
import re
from pathlib import Path

from tests.app.conftest import ROOT

PAGE_PATH = re.compile(r"app_pages/\w+\.py")


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append(node.module or "")
    return names


def test_components_never_import_the_core() -> None:
    """components/ carries data between Python and the browser: no module imports limber."""
    for path in (ROOT / "components").rglob("*.py"):
        assert not any(n.split(".")[0] == "limber" for n in _imports(path)), path


def test_app_pages_holds_the_pages_and_parts_names_them() -> None:
    """Every module at the top of app_pages/ is a page named in parts/pages.py, and no other
    module of the app writes a page's path out."""
    pages_module = ROOT / "app_pages" / "parts" / "pages.py"
    named = PAGE_PATH.findall(pages_module.read_text(encoding="utf-8"))
    on_disk = sorted(
        f"app_pages/{p.name}" for p in (ROOT / "app_pages").glob("*.py") if p.stem != "__init__"
    )
    assert sorted(named) == on_disk
    for path in [ROOT / "app.py", *(ROOT / "app_pages").rglob("*.py")]:
        if path != pages_module:
            assert not PAGE_PATH.search(path.read_text(encoding="utf-8")), path
