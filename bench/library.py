"""How fast the library loads and the Library page reruns with 1,000 routines.

    .venv/bin/python bench/library.py [--count 1000] [--reruns 20]

Prints a table, then the figures as one JSON object on the last line:
{"load_s_1000": ..., "rerun_ms_1000": ...}  (goals: <= 1 s, <= 50 ms).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from limber import library  # noqa: E402


def generate(folder: Path, count: int) -> None:
    """Write ``count`` valid routines, made from the bundled ones with new ids."""
    sources = library.routine_files(ROOT / "routines")
    for n in range(count):
        source = sources[n % len(sources)]
        text = source.read_text(encoding="utf-8")
        new_id = f"{source.stem}-{n:04d}"
        text = text.replace(f"id: {source.stem}\n", f"id: {new_id}\n", 1)
        (folder / f"{new_id}.yaml").write_text(text, encoding="utf-8")


def rerun_times(folder: Path, reruns: int) -> tuple[float, list[float]]:
    """The first run of the Library page (cold cache), then each rerun, in ms (AppTest)."""
    from streamlit.testing.v1 import AppTest

    os.environ["LIMBER_ROUTINES"] = str(folder)
    os.environ["LIMBER_USER_ROUTINES"] = str(folder / "my")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    started = time.perf_counter()
    at.run()
    first = (time.perf_counter() - started) * 1000
    assert not at.exception, at.exception
    times = []
    for _ in range(reruns):
        started = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - started) * 1000)
    return first, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--reruns", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "routines"
        folder.mkdir()
        generate(folder, args.count)
        loads = []
        for _ in range(3):
            started = time.perf_counter()
            lib = library.load(folder)
            loads.append(time.perf_counter() - started)
        assert len(lib.entries) == args.count and not lib.problems, lib.problems[:3]
        started = time.perf_counter()
        for _ in range(20):
            library.fingerprint(folder)
        stamp_ms = (time.perf_counter() - started) * 1000 / 20
        first_ms, reruns = rerun_times(folder, args.reruns)

    load_s = statistics.median(loads)
    rerun_ms = statistics.median(reruns)
    rows = [
        ("routines", f"{args.count}", ""),
        ("cold load (median of 3)", f"{load_s:.3f} s", "goal ≤ 1 s"),
        ("change check per rerun", f"{stamp_ms:.1f} ms", "stat of every file"),
        ("Library page, first run", f"{first_ms:.0f} ms", "includes the load"),
        (f"Library page rerun (median of {args.reruns})", f"{rerun_ms:.1f} ms", "goal ≤ 50 ms"),
        ("Library page rerun (max)", f"{max(reruns):.1f} ms", ""),
    ]
    width = max(len(r[0]) for r in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>10}  {note}")
    print(
        json.dumps(
            {
                "load_s_1000": round(load_s, 3),
                "rerun_ms_1000": round(rerun_ms, 1),
                "rerun_max_ms_1000": round(max(reruns), 1),
                "first_run_ms_1000": round(first_ms, 1),
                "stamp_ms_1000": round(stamp_ms, 2),
                "count": args.count,
            }
        )
    )


if __name__ == "__main__":
    main()
