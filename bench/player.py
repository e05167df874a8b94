"""What a session costs the server, and how exact the player's clock is, in real Chromium.

    .venv/bin/python bench/player.py [--minutes 10]

Runs a generated routine of the given length in real time (no fake clock), with
two pauses, from Start to Save, and reports:

- server reruns from Start to Save (goal: at most 3 besides the person's own clicks;
  every click here is inside the player, which never reruns the server on its own);
- the clock's error: when "Well done" appears against when the wall clock says the
  routine should end (start + routine length + time paused), and how late each
  change of the shown second is (goal: at most 50 ms);
- the figure's cost: the main-thread time of each animation frame's callback while
  the first step (a rep step with a three-pose demo) runs, its 95th percentile
  (goal: at most 4 ms), and the frames drawn per second.

Prints a table, then the figures as one JSON object on the last line:
{"server_reruns": N, "clock_error_ms": X, "frame_ms_p95": F, ...}.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from bench import report  # noqa: E402
from limber.library import load_file  # noqa: E402
from limber.plan import total_seconds  # noqa: E402
from tests.support.app import CHROMIUM_ARGS, AppServer, chromium_path  # noqa: E402

# In the page: count script runs, and time every change of the shown second and the end.
PROBE = """
window.__bench = { runs: 0, ticks: [], endAt: null, pauses: [], frames: [] };
// Time every animation-frame callback (the figure draws in one per frame).
const nativeRaf = window.requestAnimationFrame.bind(window);
window.requestAnimationFrame = (callback) => nativeRaf((stamp) => {
  const begun = performance.now();
  callback(stamp);
  window.__bench.frames.push([begun, performance.now() - begun]);
});
// A script run ends each time the state leaves "running" (records keep every change,
// even when several arrive between two callbacks).
new MutationObserver((records) => {
  for (const r of records) if (r.oldValue === 'running') window.__bench.runs += 1;
}).observe(document, {
  attributes: true, subtree: true, attributeOldValue: true,
  attributeFilter: ['data-test-script-state'],
});
document.addEventListener('click', (event) => {
  const target = event.composedPath()[0];
  if (target && target.classList && target.classList.contains('lp-pause'))
    window.__bench.pauses.push([performance.now(), target.textContent]);
}, true);
window.__benchWatch = (root) => {
  const timer = root.querySelector('.lp-timer');
  new MutationObserver(() => window.__bench.ticks.push([performance.now(), timer.textContent]))
    .observe(timer, { childList: true, characterData: true, subtree: true });
  const end = root.querySelector('.lp-end');
  new MutationObserver(() => { if (!end.hidden && window.__bench.endAt === null) window.__bench.endAt = performance.now(); })
    .observe(end, { attributes: true });
};
"""
FIND_ROOT = (
    "() => [...document.querySelectorAll('*')].map(e => e.shadowRoot)"
    ".find(r => r && r.querySelector('.lp')).querySelector('.lp')"
)


def routine_yaml(minutes: int) -> str:
    """A routine of exactly ``minutes``: prepare 10 s, steps and rests, one two-sided step."""
    total = minutes * 60
    steps, used = [], 10
    # first a rep step the figure demonstrates (cat, cow, back to neutral each rep)
    steps.append(
        "  - {name: Cat-cow, reps: 10, seconds_per_rep: 6, instructions: Round and arch.,"
        " demo: [all-fours, cow, cat]}"
    )
    used += 60 + 15
    # one two-sided step of 2 x 30 s + 5 s switch, then 60 s holds with 15 s rests
    steps.append("  - {name: Side stretch, seconds: 30, sides: both, instructions: Stretch.}")
    used += 65
    while used + 15 + 60 <= total:
        steps.append(f"  - {{name: Hold {len(steps)}, seconds: 60, instructions: Hold.}}")
        used += 75
    last = total - used - 15
    if last > 0:
        steps.append(f"  - {{name: Last hold, seconds: {last}, instructions: Hold.}}")
    return (
        f"id: bench-session\ntitle: Bench session\nsummary: {minutes} minutes for the benchmark.\n"
        "focus: [core]\nlevel: gentle\nstyle: pilates\nprepare_seconds: 10\nrest_seconds: 15\n"
        "steps:\n" + "\n".join(steps) + "\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=int, default=10)
    parser.add_argument("--pause-seconds", type=float, default=7.5)
    args = parser.parse_args()
    total_s = args.minutes * 60

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        folder = Path(tmp) / "routines"
        folder.mkdir()
        path = folder / "bench-session.yaml"
        path.write_text(routine_yaml(args.minutes))
        total_s = total_seconds(load_file(path, path.name))  # the plan says, not the wish
        server = AppServer({"LIMBER_USER_ROUTINES": str(folder)}, Path(tmp) / "app.log")
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context()
            context.add_init_script("localStorage.setItem('limber.safety-ack', 'true');")
            context.add_init_script(PROBE)
            page = context.new_page()
            page.set_default_timeout((total_s + 120) * 1000)
            page.goto(f"{server.url}/routine?routine=bench-session")
            page.locator(".lp-start").wait_for()
            page.wait_for_function(
                "document.querySelector('[data-testid=stApp]')"
                ".getAttribute('data-test-script-state') === 'notRunning'"
            )
            page.evaluate(f"window.__benchWatch(({FIND_ROOT})())")
            runs_before = page.evaluate("window.__bench.runs")

            page.get_by_role("button", name="Start").click()
            started = page.evaluate(
                "window.__bench.ticks.length ? window.__bench.ticks[0][0] : performance.now()"
            )
            paused_ms = 0.0
            for fraction in (0.3, 0.7):
                # Wait in real time to a point of the routine, then pause for a while.
                page.wait_for_function(
                    f"performance.now() - {started} - {paused_ms} >= {fraction * total_s * 1000}",
                    polling=100,
                )
                page.get_by_role("button", name="Pause").click()
                at = page.evaluate("performance.now()")
                time.sleep(args.pause_seconds)  # the pause being measured, not a wait for a result
                page.get_by_role("button", name="Resume").click()
                paused_ms += page.evaluate("performance.now()") - at
            page.get_by_role("heading", name="Well done").wait_for()
            end_at = page.evaluate("window.__bench.endAt")
            pauses = page.evaluate("window.__bench.pauses")
            ticks = page.evaluate("window.__bench.ticks")
            frames = page.evaluate("window.__bench.frames")
            page.get_by_role("radiogroup", name="Pain after").get_by_text("2", exact=True).click()
            page.get_by_role("link", name="See your history").wait_for()  # "ended" was heard
            before_save = page.evaluate("window.__bench.runs")
            page.get_by_role("button", name="Save").click()
            page.get_by_text("Saved to your history.").wait_for()
            # A rerun for "saved", if the server does one, ends within a few seconds.
            with contextlib.suppress(PlaywrightTimeout):
                page.wait_for_function(f"window.__bench.runs > {before_save}", timeout=5000)
            runs = page.evaluate("window.__bench.runs") - runs_before
        finally:
            browser.close()
            server.stop()

    # The time paused, as the page saw the clicks (a click reaches the page's capturing
    # listener just before the player's own handler).
    paused_in_page = sum(b[0] - a[0] for a, b in zip(pauses[::2], pauses[1::2], strict=True))
    expected_end = started + total_s * 1000 + paused_in_page
    clock_error = end_at - expected_end
    # How late each shown second arrived, while running: a change is due every 1000 ms
    # after the last one, except across pauses; use consecutive changes under 1.5 s apart.
    changes = [t for i, t in enumerate(ticks) if i == 0 or t[1] != ticks[i - 1][1]]
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(changes) if b[0] - a[0] < 1500]
    lateness = [abs(g - 1000) for g in gaps if g > 500]
    # The rep step runs from the end of "Get ready" (10 s) for 60 s; leave its edges out.
    rep_from, rep_to = started + 11_000, started + 69_000
    frame_ms = [d for t, d in frames if rep_from <= t <= rep_to]
    if not frame_ms:
        raise SystemExit("no animation frames during the rep step: is the figure drawn?")
    frame_p95 = statistics.quantiles(frame_ms, n=20)[-1]
    fps = len(frame_ms) / ((rep_to - rep_from) / 1000)
    rows = [
        ("routine length", f"{total_s} s", f"two pauses of {args.pause_seconds} s"),
        ("server reruns, Start to Save", str(runs), "goal ≤ 3"),
        ("end vs wall clock", f"{clock_error:+.1f} ms", "goal |x| ≤ 50 ms"),
        ("shown second, median jitter", f"{statistics.median(lateness):.1f} ms", ""),
        ("shown second, worst jitter", f"{max(lateness):.1f} ms", ""),
        ("figure frame, p95", f"{frame_p95:.2f} ms", "goal ≤ 4 ms (callback time)"),
        ("figure frames per second", f"{fps:.0f}", ""),
    ]
    report.table(rows)
    report.figures(
        {
            "server_reruns": runs,
            "clock_error_ms": round(abs(clock_error), 1),
            "second_jitter_median_ms": round(statistics.median(lateness), 1),
            "second_jitter_max_ms": round(max(lateness), 1),
            "frame_ms_p95": round(frame_p95, 2),
            "frames_per_second": round(fps, 1),
            "minutes": args.minutes,
        }
    )


if __name__ == "__main__":
    main()
