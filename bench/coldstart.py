"""How fast Limber is ready for a person, against a bare Streamlit script on the same machine.

    .venv/bin/python bench/coldstart.py [--repeats 5]

Two figures, each a ratio of medians over alternating repetitions (Limber, bare,
Limber, bare, …) in one run, so a busy or slow machine moves both sides alike:

- coldstart_ratio: from launching the server process until a Start button is
  visible in Chromium, Limber's Library over the bare script (a search box and
  12 Start buttons, ``bench/bare_app.py``) — goal ≤ 1.2;
- visitor_ratio: a new browser context on a server that is already running,
  from opening the page until a Start button is visible — goal ≤ 1.1.

Prints a table, then the figures as one JSON object on the last line:
{"coldstart_ratio": R, "visitor_ratio": R, ...}.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, sync_playwright  # noqa: E402

from bench import report  # noqa: E402
from tests.support.app import CHROMIUM_ARGS, AppServer, chromium_path  # noqa: E402

BARE = ROOT / "bench" / "bare_app.py"
START = "button:has-text('Start')"


def first_start(browser: Browser, url: str) -> float:
    """Seconds from opening ``url`` in a new context until a Start button is visible."""
    context = browser.new_context()
    try:
        page = context.new_page()
        begun = time.perf_counter()
        page.goto(url)
        page.locator(START).first.wait_for(state="visible", timeout=120_000)
        return time.perf_counter() - begun
    finally:
        context.close()


def cold(browser: Browser, script: Path, log: Path) -> float:
    """Seconds from launching the server until a new visitor sees a Start button."""
    begun = time.perf_counter()
    server = AppServer({}, log, script)
    try:
        first_start(browser, server.url)
        return time.perf_counter() - begun
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    kinds = {"limber": ROOT / "app.py", "bare": BARE}
    colds: dict[str, list[float]] = {k: [] for k in kinds}
    visits: dict[str, list[float]] = {k: [] for k in kinds}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            for _ in range(args.repeats):
                for name, script in kinds.items():
                    colds[name].append(cold(browser, script, Path(tmp) / f"{name}.log"))
            warm = {
                name: AppServer({}, Path(tmp) / f"{name}-warm.log", script)
                for name, script in kinds.items()
            }
            try:
                for server in warm.values():
                    first_start(browser, server.url)  # the process's own first run, not measured
                for _ in range(args.repeats):
                    for name, server in warm.items():
                        visits[name].append(first_start(browser, server.url))
            finally:
                for server in warm.values():
                    server.stop()
        finally:
            browser.close()

    med = {
        f"{kind}_{name}": statistics.median(v)
        for kind, d in (("cold", colds), ("visit", visits))
        for name, v in d.items()
    }
    cold_ratio = med["cold_limber"] / med["cold_bare"]
    visit_ratio = med["visit_limber"] / med["visit_bare"]
    rows = [
        ("process launch to Start, Limber", f"{med['cold_limber']:.2f} s", ""),
        ("process launch to Start, bare script", f"{med['cold_bare']:.2f} s", ""),
        ("coldstart_ratio", f"{cold_ratio:.2f}", "goal ≤ 1.2"),
        ("new visitor, warm server, Limber", f"{med['visit_limber']:.2f} s", ""),
        ("new visitor, warm server, bare script", f"{med['visit_bare']:.2f} s", ""),
        ("visitor_ratio", f"{visit_ratio:.2f}", "goal ≤ 1.1"),
    ]
    report.table(rows, title=f"median of {args.repeats} alternating repetitions each")
    report.figures(
        {
            "coldstart_ratio": round(cold_ratio, 3),
            "visitor_ratio": round(visit_ratio, 3),
            "cold_limber_s": round(med["cold_limber"], 3),
            "cold_bare_s": round(med["cold_bare"], 3),
            "visit_limber_s": round(med["visit_limber"], 3),
            "visit_bare_s": round(med["visit_bare"], 3),
            "repeats": args.repeats,
        }
    )


if __name__ == "__main__":
    main()
