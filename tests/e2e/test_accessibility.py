"""Every page audited by axe-core in Chromium: no serious or critical accessibility violation."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from limber import history
from tests.e2e.support import goto, open_routine, run, start
from tests.support.history import NOW, sample_session

BLOCKING = {"serious", "critical"}


def report(violations: list[dict]) -> str:
    """The violations as lines a person can read: rule, impact, where, and what is wrong."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"]:
            # A target inside a shadow root is a list: host selector, then inner selector.
            target = " ".join(" >> ".join(t) if isinstance(t, list) else t for t in node["target"])
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"  - {target}\n      {summary}")
    return "\n".join(lines)


def audit(page: Page) -> None:
    """Fail with a readable list when axe finds a serious or critical violation."""
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    assert not blocking, "accessibility violations:\n" + report(blocking)


def library(page: Page, app_url: str) -> None:
    """The Library with every routine's card."""
    goto(page, app_url)
    expect(page.get_by_role("heading", name="Your routines")).to_be_visible()


def routine_ready(page: Page, app_url: str) -> None:
    """A routine's page before Start: the pain scale, the switches, the steps."""
    open_routine(page, app_url, "cat-cow-flow")
    page.clock.resume()  # axe waits on timers of its own


def running_routine(page: Page, app_url: str) -> None:
    """A routine a few seconds after Start, the player running."""
    open_routine(page, app_url, "cat-cow-flow")
    start(page, pain=3)
    run(page, 5)
    expect(page.get_by_role("button", name="Pause")).to_be_visible()
    page.clock.resume()  # axe waits on timers of its own


def history_with_sessions(page: Page, app_url: str) -> None:
    """History with a few sessions in this browser's storage."""
    now = NOW
    text = history.dumps([sample_session(i, now - timedelta(days=i)) for i in range(6)])
    page.context.add_init_script(
        f"localStorage.setItem({json.dumps(history.STORAGE_KEY)}, {json.dumps(text)});"
    )
    goto(page, f"{app_url}/history")
    expect(page.get_by_text("6 sessions")).to_be_visible()


def import_page(page: Page, app_url: str) -> None:
    """The Import page, no link read yet."""
    goto(page, f"{app_url}/import")
    expect(page.get_by_role("textbox", name="Video link")).to_be_visible()


def about(page: Page, app_url: str) -> None:
    """About & safety."""
    goto(page, f"{app_url}/about")
    expect(page.get_by_role("heading", name="About Limber")).to_be_visible()


PAGES: dict[str, Callable[[Page, str], None]] = {
    "library": library,
    "routine-ready": routine_ready,
    "running-routine": running_routine,
    "history": history_with_sessions,
    "import": import_page,
    "about": about,
}


@pytest.mark.parametrize("open_page", PAGES.values(), ids=PAGES.keys())
def test_page_has_no_serious_violation(
    page: Page, app_url: str, open_page: Callable[[Page, str], None]
) -> None:
    """The page, as a person sees it, has no serious or critical axe-core violation."""
    open_page(page, app_url)
    audit(page)
