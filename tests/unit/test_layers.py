"""The layers' import rules: the core is pure Python, components carry data only, and pages use
the core through its public names. Read from the source, so a new module is covered at once."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.app import ROOT


def python_files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def imports(path: Path) -> Iterator[tuple[str, tuple[str, ...], int]]:
    """Each import in a file: the module, the names taken from it, the line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, (), node.lineno
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module, tuple(a.name for a in node.names), node.lineno


def top(module: str) -> str:
    return module.split(".")[0]


@pytest.mark.parametrize(
    "path", python_files("limber"), ids=lambda p: p.relative_to(ROOT).as_posix()
)
def test_the_core_imports_no_streamlit_page_or_component(path: Path) -> None:
    """limber/ is pure Python: never streamlit, never the pages, never the components."""
    for module, _, line in imports(path):
        assert top(module) not in {"streamlit", "app_pages", "components"}, (
            f"{path}:{line} {module}"
        )


@pytest.mark.parametrize(
    "path", python_files("components"), ids=lambda p: p.relative_to(ROOT).as_posix()
)
def test_components_carry_data_and_know_neither_core_nor_pages(path: Path) -> None:
    """A component is a wrapper around browser code: it never imports the core or the pages."""
    for module, _, line in imports(path):
        assert top(module) not in {"limber", "app_pages"}, f"{path}:{line} {module}"


@pytest.mark.parametrize(
    "path",
    [*python_files("app_pages"), ROOT / "app.py"],
    ids=lambda p: p.relative_to(ROOT).as_posix(),
)
def test_pages_use_only_the_cores_public_names(path: Path) -> None:
    """Pages import the core's public names, never one starting with an underscore."""
    for module, names, line in imports(path):
        if top(module) == "limber":
            private = [n for n in (*module.split("."), *names) if n.startswith("_")]
            assert not private, f"{path}:{line} imports {private} from {module}"
