"""How the library's size shows in loading it and in the Library page's reruns.

    .venv/bin/python bench/library.py [--count 1000] [--repeats 5] [--reruns 10]

Two goals, each a ratio of medians over alternating repetitions in one run, so a
busy or slow machine moves both sides alike:

- ``load_ratio_vs_yaml``: loading and validating ``count`` routine files
  (``library.load``) over parsing the same files with PyYAML's C safe loader
  alone — goal ≤ 1.3: checking a routine costs little next to reading it;
- ``rerun_ratio_1000_vs_16``: the Library page's server time per rerun (AppTest)
  with ``count`` routines over the same with the 16 bundled ones — goal ≤ 1.3: a
  big library does not make each click slower.

Prints a table, then the figures as one JSON object on the last line.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from bench import report  # noqa: E402
from limber import library  # noqa: E402
from tests.support.cards import cards  # noqa: E402

BUNDLED = ROOT / "routines"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def generate(folder: Path, count: int) -> None:
    """Write ``count`` valid routines, made from the bundled ones with new ids."""
    sources = library.routine_files(BUNDLED)
    for n in range(count):
        source = sources[n % len(sources)]
        text = source.read_text(encoding="utf-8")
        new_id = f"{source.stem}-{n:04d}"
        text = text.replace(f"id: {source.stem}\n", f"id: {new_id}\n", 1)
        (folder / f"{new_id}.yaml").write_text(text, encoding="utf-8")


def timed(work: Callable[[], object]) -> float:
    """Seconds one call of ``work`` takes."""
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def parse_only(folder: Path) -> None:
    """What any reader of the files must do: read each one and parse its YAML."""
    for path in library.routine_files(folder):
        yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - a SafeLoader


class LibraryPage:
    """The Library page in AppTest, on one routine folder; each call reruns it once."""

    def __init__(self, folder: Path, user: Path):
        from streamlit.testing.v1 import AppTest

        self.env = {"LIMBER_ROUTINES": str(folder), "LIMBER_USER_ROUTINES": str(user)}
        with self._environment():
            self.at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
            self.first_s = timed(self.at.run)
        assert not self.at.exception, self.at.exception
        self.shown = len(cards(self.at))

    def _environment(self) -> _Env:
        return _Env(self.env)

    def rerun(self) -> float:
        """Seconds of one rerun (as a click that changes nothing costs the server)."""
        with self._environment():
            seconds = timed(self.at.run)
        assert not self.at.exception, self.at.exception
        assert len(cards(self.at)) == self.shown
        return seconds


class _Env:
    """Set environment variables for a block, then put the old values back."""

    def __init__(self, values: dict[str, str]):
        self.values, self.saved = values, {}

    def __enter__(self) -> None:
        self.saved = {k: os.environ.get(k) for k in self.values}
        os.environ.update(self.values)

    def __exit__(self, *exc: object) -> None:
        for key, value in self.saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--reruns", type=int, default=10, help="reruns per repetition")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "routines"
        folder.mkdir()
        generate(folder, args.count)
        lib = library.load(folder)
        assert len(lib.entries) == args.count and not lib.problems, lib.problems[:3]

        loads = report.alternating(
            {
                "yaml": lambda: timed(lambda: parse_only(folder)),
                "load": lambda: timed(lambda: library.load(folder)),
            },
            args.repeats,
        )
        pages = {
            "big": LibraryPage(folder, Path(tmp) / "none"),
            "bundled": LibraryPage(BUNDLED, Path(tmp) / "none"),
        }
        for page in pages.values():  # warm: the first reruns fill caches
            page.rerun()
        reruns = report.alternating(
            {
                name: (lambda page=page: min(page.rerun() for _ in range(args.reruns)))
                for name, page in pages.items()
            },
            args.repeats,
        )
        started = time.perf_counter()
        for _ in range(20):
            library.fingerprint(folder)
        stamp_ms = (time.perf_counter() - started) * 1000 / 20

    load_ratio = loads["load"] / loads["yaml"]
    rerun_ratio = reruns["big"] / reruns["bundled"]
    big, small = pages["big"], pages["bundled"]
    report.table(
        [
            ("routines", f"{args.count} vs {len(library.routine_files(BUNDLED))}", ""),
            (f"parse {args.count} files (PyYAML C loader)", f"{loads['yaml'] * 1000:.0f} ms", ""),
            (f"load + validate {args.count} files", f"{loads['load'] * 1000:.0f} ms", ""),
            ("load_ratio_vs_yaml", f"{load_ratio:.2f}", "goal ≤ 1.3"),
            ("change check (stat of every file)", f"{stamp_ms:.1f} ms", ""),
            (
                f"Library page, first run, {args.count}",
                f"{big.first_s * 1000:.0f} ms",
                "includes the load",
            ),
            (
                f"Library rerun, {args.count} ({big.shown} cards)",
                f"{reruns['big'] * 1000:.1f} ms",
                "",
            ),
            (
                f"Library rerun, bundled ({small.shown} cards)",
                f"{reruns['bundled'] * 1000:.1f} ms",
                "",
            ),
            (f"rerun_ratio_{args.count}_vs_16", f"{rerun_ratio:.2f}", "goal ≤ 1.3"),
        ],
        title=f"median of {args.repeats} alternating repetitions (a rerun: the fastest of {args.reruns})",
    )
    report.figures(
        {
            "load_ratio_vs_yaml": round(load_ratio, 3),
            f"rerun_ratio_{args.count}_vs_16": round(rerun_ratio, 3),
            f"yaml_ms_{args.count}": round(loads["yaml"] * 1000, 1),
            f"load_ms_{args.count}": round(loads["load"] * 1000, 1),
            f"rerun_ms_{args.count}": round(reruns["big"] * 1000, 1),
            "rerun_ms_bundled": round(reruns["bundled"] * 1000, 1),
            f"first_run_ms_{args.count}": round(big.first_s * 1000, 1),
            "stamp_ms": round(stamp_ms, 2),
            "repeats": args.repeats,
        }
    )


if __name__ == "__main__":
    main()
