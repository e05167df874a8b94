"""Draw every pose of routines/poses.yaml, named, in a grid: ``docs/poses.png`` (``make poses``).

    .venv/bin/python docs/make_poses.py [--out docs/poses.png] [--demos FILE]

The poses are drawn by the app's own figure code (``static/figure.js``)
in Debian's Chromium, so the sheet shows exactly what the app shows. ``--demos
FILE`` also draws each step of each bundled routine with its demo (the end pose
over a faint start pose), for checking that every step shows the right thing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from limber import library  # noqa: E402
from limber.poses import demo_data, load_poses  # noqa: E402
from tests.support.app import CHROMIUM_ARGS, chromium_path  # noqa: E402

FIGURE_JS = ROOT / "static" / "figure.js"
POSES = ROOT / "routines" / "poses.yaml"

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><style>
  :root { --st-primary-color: #2f7d6d; --st-text-color: #0d1619; --st-background-color: #ffffff; }
  body { margin: 0; padding: 16px; background: #ffffff; color: #0d1619;
         font: 13px/1.3 "DejaVu Sans", sans-serif; width: %(width)dpx; }
  h1 { font-size: 20px; margin: 0 0 12px; }
  .grid { display: grid; grid-template-columns: repeat(%(columns)d, 1fr); gap: 10px; }
  .cell { border: 1px solid #d8dedb; border-radius: 8px; padding: 6px; background: #f7faf8; }
  .figure { height: %(height)dpx; }
  .figure svg { width: 100%%; height: 100%%; display: block; }
  .name { font-weight: bold; margin-top: 4px; }
  .label { color: #3b4548; }
</style></head><body>
<h1 id="title"></h1>
<div class="grid" id="grid"></div>
<script>%(figure)s</script>
<script>
const cells = %(cells)s;
document.getElementById("title").textContent = %(title)s;
const grid = document.getElementById("grid");
for (const cell of cells) {
  const box = document.createElement("div");
  box.className = "cell";
  const fig = document.createElement("div");
  fig.className = "figure";
  box.appendChild(fig);
  for (const [cls, text] of [["name", cell.name], ["label", cell.label]]) {
    const line = document.createElement("div");
    line.className = cls;
    line.textContent = text;
    box.appendChild(line);
  }
  grid.appendChild(box);
  drawFigureStill(fig, cell.demo);
}
document.body.dataset.ready = "yes";
</script></body></html>
"""


def pose_cells() -> list[dict]:
    """One cell per pose, in the file's order."""
    poses = load_poses(POSES).poses
    return [
        {"name": name, "label": pose.label, "demo": demo_data([name], poses)}
        for name, pose in poses.items()
    ]


def demo_cells() -> list[dict]:
    """One cell per step of each bundled routine, with its demo."""
    lib = library.load(ROOT / "routines")
    cells = []
    for entry in sorted(lib.entries, key=lambda e: e.routine.id):
        for number, step in enumerate(entry.routine.steps, start=1):
            cells.append(
                {
                    "name": f"{entry.routine.id} {number}. {step.name}",
                    "label": " → ".join(step.demo) or "(no demo)",
                    "demo": demo_data(step.demo, lib.poses),
                }
            )
    return cells


def render(cells: list[dict], title: str, out: Path, *, columns: int = 6, size: int = 230) -> None:
    """Draw the cells in Chromium and save a full-page PNG."""
    from playwright.sync_api import sync_playwright

    width = columns * size
    page_html = PAGE % {
        "width": width,
        "columns": columns,
        "height": round(size * 0.65),
        "figure": FIGURE_JS.read_text(encoding="utf-8"),
        "cells": json.dumps(cells).replace("</", "<\\/"),
        "title": json.dumps(title),
    }
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width + 32, "height": 600})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.set_content(page_html)
            page.wait_for_selector("body[data-ready=yes]")
            if errors:
                raise SystemExit("the figure code failed: " + "; ".join(errors))
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out), full_page=True)
        finally:
            browser.close()
    shrink(out)
    print(f"wrote {out} ({len(cells)} figures)")


def shrink(path: Path) -> None:
    """Store the sheet with a small palette: a few flat colours need no more (a tenth of the bytes)."""
    from PIL import Image  # Streamlit's own dependency

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=48, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "poses.png")
    parser.add_argument("--demos", type=Path, help="also draw every bundled step's demo here")
    parser.add_argument(
        "--only", help="only these poses (comma-separated), or routines, with --demos"
    )
    parser.add_argument("--columns", type=int, default=8, help="figures per row (default 8)")
    parser.add_argument(
        "--size", type=int, default=200, help="width of each figure's cell in pixels"
    )
    args = parser.parse_args()
    wanted = args.only.split(",") if args.only else []
    cells = [c for c in pose_cells() if not wanted or c["name"] in wanted]
    title = f"Limber's poses ({len(cells)}), from routines/poses.yaml"
    render(cells, title, args.out, columns=args.columns, size=args.size)
    if args.demos:
        steps = [c for c in demo_cells() if not wanted or any(w in c["name"] for w in wanted)]
        render(
            steps,
            f"Every bundled step's demo ({len(steps)})",
            args.demos,
            columns=args.columns,
            size=args.size,
        )


if __name__ == "__main__":
    main()
