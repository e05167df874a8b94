"""How fast Limber is ready for a person, against a bare Streamlit script on the same machine.

    .venv/bin/python bench/coldstart.py [--repeats 15]

Two figures, each a ratio of medians over alternating repetitions (Limber, bare,
Limber, bare, …) in one run, so a busy or slow machine moves both sides alike:

- coldstart_ratio: from launching the server process until a Start button is
  visible in Chromium, Limber's Library over the bare script (a search box and
  12 Start buttons, ``bench/bare_app.py``) — goal ≤ 1.2;
- visitor_ratio: a new browser context on a server that is already running,
  from opening the page until a Start button is visible — goal ≤ 1.1.

The moment a Start button is shown is taken in the page itself: a script added
before the page loads looks, in each animation frame after the page changed, for
a button named Start with a size (in the document and in the components' shadow
roots) and notes the time. Playwright's own ``wait_for(state="visible")`` would not do: after its first
few tries it looks again only every 500 ms, so it rounds each visit up by as much
as half a second, more on whichever side its polls happen to miss.

Prints a table, then the figures as one JSON object on the last line:
{"coldstart_ratio": R, "visitor_ratio": R, ...}.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
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
APP_CODE = ("app_pages", "components", "limber")
"""The app's own modules, compiled before a start as `make run` compiles them."""
WATCH_FOR_START = """
(() => {
  // Looks only in a frame after the page changed: looking in every frame cost the page it
  // timed in proportion to its buttons and components (in a profile, 13 ms of a Limber
  // visit against 1 ms of the bare page's). A change inside a component's shadow root is
  // seen by an observer set on the root as it is attached.
  let changed = true;
  const note = () => { changed = true; };
  const watch = (root) =>
    new MutationObserver(note).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    watch(root);
    return root;
  };
  watch(document);
  // The name first: measuring a box makes the browser lay the page out there and then,
  // and doing that for every button on every frame slowed the page it was timing.
  let named = false;
  const shown = (button) => {
    if (button.textContent.trim() !== "Start") return false;
    named = true;
    const box = button.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const look = () => {
    if (changed) {
      changed = false;
      named = false;
      const roots = [document];
      for (const host of document.querySelectorAll("[data-testid^=stBidiComponent]")) {
        if (host.shadowRoot) roots.push(host.shadowRoot);
      }
      if (roots.some((root) => [...root.querySelectorAll("button")].some(shown))) {
        window.__firstStart = performance.timeOrigin + performance.now();
        return;
      }
      // A Start button without a size yet may get one with no change to the page (a
      // style sheet applied, a layout): keep looking every frame until it has one.
      changed = named;
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();
"""
"""Notes the wall-clock time (ms since the epoch) of the first frame with a Start button."""


def start_shown_at(browser: Browser, url: str) -> tuple[float, float]:
    """Open ``url`` in a new browser context; return when the page was opened and when a
    Start button was first shown, as wall-clock seconds."""
    context = browser.new_context()
    try:
        context.add_init_script(WATCH_FOR_START)
        page = context.new_page()
        opened = time.time()
        page.goto(url)
        page.wait_for_function("window.__firstStart !== undefined", timeout=120_000)
        return opened, page.evaluate("window.__firstStart") / 1000
    finally:
        context.close()


def first_start(browser: Browser, url: str) -> float:
    """Seconds from opening ``url`` in a new context until a Start button is shown."""
    opened, shown = start_shown_at(browser, url)
    return shown - opened


def cold(browser: Browser, script: Path, log: Path) -> float:
    """Seconds from launching the server until a new visitor is shown a Start button."""
    launched = time.time()
    server = AppServer({}, log, script)
    try:
        _, shown = start_shown_at(browser, server.url)
        return shown - launched
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    kinds = {"limber": ROOT / "app.py", "bare": BARE}
    colds: dict[str, list[float]] = {k: [] for k in kinds}
    visits: dict[str, list[float]] = {k: [] for k in kinds}
    # As `make run` does before it starts the server (a bare script has no modules).
    subprocess.run([sys.executable, "-m", "compileall", "-q", *APP_CODE], cwd=ROOT, check=True)
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
