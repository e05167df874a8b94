"""What 10,000 sessions cost: bytes in storage, Python time for the stats, the History page.

    .venv/bin/python bench/history.py [--sessions 10000] [--repeats 11]

- bytes_10k: the stored document (UTF-8 bytes; Chromium's quota counts
  UTF-16 code units, also shown) — goal ≤ 2,000,000;
- stats_ms_10k: parse the stored text and compute everything the History
  page shows first (summary, heat map, weeks, focus, pain, what helps, and
  the sessions list of the last 12 months) — median of the repeats, goal
  ≤ 100 ms;
- stats_ratio_vs_parse: everything the History page works out from the
  sessions (the overview and the sessions list) over ``json.loads`` of the same
  document, alternating, median of the repeats — goal ≤ 1.5;
- page_ratio: the History page in Chromium, from opening it until it is
  shown (numbers and charts drawn), with 10,000 sessions against the same
  page with an empty history — median of the repeats, goal ≤ 1.25. Each
  10,000-session document differs a little, so the server's cache never
  has it: a first visit, not a rerun. Also shown: against a one-session
  history (the charts' fixed cost is in both), and the page script alone
  in AppTest.

Prints a table, then the figures as one JSON object on the last line:
{"bytes_10k": N, "stats_ms_10k": X, "page_ratio": R, ...}.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import report  # noqa: E402
from limber import history  # noqa: E402
from limber.history import Session  # noqa: E402

ROUTINES = [
    ("cat-cow-flow", "Cat–cow flow", ("lower-back", "upper-back-neck")),
    ("spasm-relief", "Spasm relief", ("lower-back",)),
    ("hip-mobility-flow", "Hip mobility flow", ("hips",)),
    ("pilates-core-foundations", "Pilates core foundations", ("core",)),
    ("calm-breathing-4-6", "Calm breathing 4–6", ("relaxation",)),
    ("desk-neck-and-shoulders", "Desk neck and shoulders", ("upper-back-neck",)),
]
NOTES = ["", "", "", "", "Stiff this morning", "Much better afterwards", "Sore after a long drive"]
TZ = ZoneInfo("Europe/Berlin")


def generate(count: int, *, now: datetime, seed: int = 1) -> list[Session]:
    """``count`` plausible sessions, one to three a day, going back from ``now``."""
    rng = random.Random(seed)
    sessions = []
    moment = now
    for n in range(count):
        moment -= timedelta(hours=rng.choice([7, 9, 11, 14, 24, 26, 30]))
        rid, title, focus = rng.choice(ROUTINES)
        seconds = rng.choice([300, 420, 600, 780, 900, 1200])
        start = moment.astimezone(TZ).replace(microsecond=0)
        # Add real seconds in UTC: wall-clock arithmetic goes wrong across a DST change.
        end = (start.astimezone(UTC) + timedelta(seconds=seconds + rng.randint(0, 90))).astimezone(
            TZ
        )
        before = rng.choice([None, 2, 3, 4, 5, 6, 7, 8])
        sessions.append(
            Session(
                id=f"{rng.getrandbits(64):016x}",
                routine_id=rid,
                title=title,
                focus=focus,
                started_at=start,
                ended_at=end,
                active_seconds=seconds,
                steps_completed=rng.randint(3, 10),
                steps_skipped=rng.choice([0, 0, 0, 1]),
                finished=rng.random() > 0.08,
                pain_before=before,
                pain_after=None if before is None else max(0, before - rng.randint(-1, 4)),
                note=rng.choice(NOTES),
            )
        )
        del n
    return sessions


def stats(text: str, now: datetime) -> int:
    """Parse the stored text and work out everything the History page shows first."""
    found = history.read(text, None)
    view = history.overview(found.sessions, now=now, tz=TZ)
    rows = history.session_rows(found.sessions, tz=TZ, period=view.periods[0].key, now=now)
    return view.summary.total_sessions + len(rows)


def page_numbers(sessions: tuple[Session, ...], now: datetime) -> int:
    """Everything the History page works out from the sessions: the overview and the list."""
    view = history.overview(sessions, now=now, tz=TZ)
    rows = history.session_rows(sessions, tz=TZ, period=view.periods[0].key, now=now)
    return view.summary.total_sessions + len(rows)


def once(fn: Callable[[], object]) -> float:
    """Seconds of one call."""
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def timed(fn: Callable[[], object], repeats: int) -> list[float]:
    """Milliseconds for each call."""
    out = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def server_time(document: str | None) -> float:
    """The History page's script run in AppTest, cold cache, with this stored document (ms)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.switch_page("app_pages/history.py")
    at.session_state["history_store"] = {
        "report": {"token": "t", "document": document, "quarantine": None, "outcomes": []}
    }
    started = time.perf_counter()
    at.run()
    elapsed = (time.perf_counter() - started) * 1000
    assert not at.exception, at.exception
    return elapsed


# The History page is shown when the script is idle, the store has been read,
# and either the empty state or the numbers and the Activity charts are drawn (the
# tables in the other tabs are in the page, drawn when their tab is opened).
SHOWN = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const text = document.body.innerText;
  if (text.includes('Reading your history')) return false;
  if (text.includes('No sessions yet')) return true;
  // The charts (components/chart) are drawn inside their components' shadow roots.
  const charts = [...document.querySelectorAll('[data-testid=stBidiComponentIsolated]')]
    .map((host) => host.shadowRoot && host.shadowRoot.querySelector('figure.lc'))
    .filter((c) => c && c.getClientRects().length > 0 && c.querySelector('svg rect'));
  // The first tab (Activity) is drawn; the other tabs run only when opened.
  return text.includes('Sessions this week') && charts.length >= 3;
}"""


SEED = """([key, document]) => {
  localStorage.clear();
  if (document !== null) localStorage.setItem(key, document);
}"""


def browser_times(documents: list[str | None]) -> list[float]:
    """For each stored document: ms from opening /history in a new tab until it is shown.

    One browser profile throughout, as a person's own browser: its HTTP cache
    is warm after the first page. The history is put in localStorage before the
    clock starts, from a page of the same origin (the health check): a person's
    browser already holds it, and a 3.6 MB init script setting it would itself take
    60-110 ms of the page's time.
    """
    from playwright.sync_api import sync_playwright

    from tests.support.app import CHROMIUM_ARGS, AppServer, chromium_path

    out = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        server = AppServer({"LIMBER_USER_ROUTINES": str(Path(tmp) / "mine")}, Path(tmp) / "log")
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            for document in documents:
                page = context.new_page()
                page.set_default_timeout(60_000)
                page.goto(f"{server.url}/_stcore/health")
                page.evaluate(SEED, [history.STORAGE_KEY, document])
                started = time.perf_counter()
                page.goto(f"{server.url}/history")
                page.wait_for_function(SHOWN, polling="raf")
                out.append((time.perf_counter() - started) * 1000)
                page.close()
        finally:
            browser.close()
            server.stop()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=11)
    args = parser.parse_args(argv)
    now = datetime.now(UTC)  # a benchmark, not a test: the real clock is fine

    sessions = generate(args.sessions, now=now)
    text = history.dumps(sessions)
    size = len(text.encode("utf-8"))
    utf16 = len(text.encode("utf-16-le"))
    assert len(history.read(text).sessions) == args.sessions

    dump_ms = statistics.median(timed(lambda: history.dumps(sessions), args.repeats))
    parse_ms = statistics.median(timed(lambda: history.read(text, None), args.repeats))
    stats_ms = statistics.median(timed(lambda: stats(text, now), args.repeats))
    parsed = history.read(text, None).sessions
    ratio_parts = report.alternating(
        {
            "json": lambda: once(lambda: json.loads(text)),
            "numbers": lambda: once(lambda: page_numbers(parsed, now)),
        },
        max(args.repeats, 5),
    )
    stats_ratio = ratio_parts["numbers"] / ratio_parts["json"]

    server_time(None)  # warm the imports once, so neither side pays for them
    server_empty, server_full = [], []
    for _ in range(args.repeats):
        server_empty.append(server_time(None))
        server_full.append(server_time(text))

    # In the browser: alternate empty and full; each full one slightly different,
    # so the server's cache never has it (a first visit, not a rerun).
    # A one-session history too: it draws the same charts, so it shows what is
    # the fixed cost of having any history and what grows with its size.
    one = history.dumps(sessions[:1])
    documents: list[str | None] = [None]
    for n in range(args.repeats):
        documents += [
            None,
            one.replace(sessions[0].id, f"{n:016x}", 1),
            text.replace(sessions[0].id, f"{n:016x}", 1),
        ]
    times = browser_times(documents)[1:]
    empty_ms, one_ms, full_ms = (statistics.median(times[i::3]) for i in range(3))
    s_empty, s_full = statistics.median(server_empty), statistics.median(server_full)

    rows = [
        ("sessions", f"{args.sessions:,}", ""),
        ("stored bytes (UTF-8)", f"{size:,}", "≤ 2,000,000"),
        ("stored size in Chromium (UTF-16 bytes)", f"{utf16:,}", ""),
        ("bytes per session", f"{size / args.sessions:.0f}", ""),
        ("serialise (ms)", f"{dump_ms:.1f}", ""),
        ("parse (ms)", f"{parse_ms:.1f}", ""),
        ("parse + all stats (ms)", f"{stats_ms:.1f}", ""),
        ("json.loads of the document (ms)", f"{ratio_parts['json'] * 1000:.1f}", ""),
        ("the page's numbers from the sessions (ms)", f"{ratio_parts['numbers'] * 1000:.1f}", ""),
        ("stats_ratio_vs_parse", f"{stats_ratio:.2f}", "≤ 1.5"),
        ("page in Chromium, empty history (ms)", f"{empty_ms:.0f}", ""),
        ("page in Chromium, one session (ms)", f"{one_ms:.0f}", ""),
        (f"page in Chromium, {args.sessions:,} sessions (ms)", f"{full_ms:.0f}", ""),
        ("page_ratio (Chromium), against the empty page", f"{full_ms / empty_ms:.2f}", "≤ 1.25"),
        ("page ratio (Chromium), against one session", f"{full_ms / one_ms:.2f}", ""),
        ("page script, empty history (ms)", f"{s_empty:.0f}", ""),
        (f"page script, {args.sessions:,} sessions (ms)", f"{s_full:.0f}", ""),
        ("script ratio (AppTest)", f"{s_full / s_empty:.2f}", ""),
    ]
    report.table(rows, title=f"medians of {args.repeats} repetitions; goals on the right")
    key = f"{args.sessions // 1000}k" if args.sessions % 1000 == 0 else str(args.sessions)
    report.figures(
        {
            "page_ratio": round(full_ms / empty_ms, 3),
            "stats_ratio_vs_parse": round(stats_ratio, 3),
            f"bytes_{key}": size,
            f"stats_ms_{key}": round(stats_ms, 1),
            f"utf16_bytes_{key}": utf16,
            f"parse_ms_{key}": round(parse_ms, 1),
            f"serialise_ms_{key}": round(dump_ms, 1),
            "page_ms_empty": round(empty_ms),
            "page_ms_1": round(one_ms),
            "page_ratio_vs_1": round(full_ms / one_ms, 2),
            f"page_ms_{key}": round(full_ms),
            "script_ratio": round(s_full / s_empty, 2),
            "script_ms_empty": round(s_empty),
            f"script_ms_{key}": round(s_full),
        }
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
