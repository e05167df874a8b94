"""Run the components' pure JavaScript in Node, the way the browser would load it.

A component's JS is a list of plain script files joined into one module (see
``components/assets.py``); a test joins the same files, appends a scenario
that sets ``result``, and reads ``result`` back as JSON. Node is required:
``make test`` installs Debian's ``nodejs`` where it is missing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

MISSING = (
    "Node.js is needed for the JavaScript unit tests: run `make test` (it installs "
    "Debian's nodejs where apt-get is available) or install Node.js 18 or newer."
)


def node_path() -> str:
    """The ``node`` binary; a missing Node is a failure, never a skip."""
    path = shutil.which("node") or shutil.which("nodejs")
    if path is None:
        raise RuntimeError(MISSING)
    return path


def run_js(files: Sequence[Path], scenario: str, payload: Any = None) -> Any:
    """Run ``scenario`` after ``files`` in one Node process and return its ``result``.

    The scenario sees ``input`` (``payload``, through JSON) and assigns ``result``
    (a promise is awaited).
    Files are plain scripts (no import/export) and share one scope, as in the page.
    """
    source = "\n".join(Path(f).read_text(encoding="utf-8") for f in files)
    program = (
        f"{source}\n;(async () => {{\n"
        "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
        "let result;\n"
        f"{scenario}\n"
        "result = await result;\n"
        ";process.stdout.write(JSON.stringify(result === undefined ? null : result));\n"
        "})();\n"
    )
    with tempfile.TemporaryDirectory(prefix="limber-node-") as tmp:
        script = Path(tmp) / "scenario.cjs"
        script.write_text(program, encoding="utf-8")
        return json.loads(run_node([str(script)], payload))


def run_node(args: Sequence[str], payload: Any = None) -> str:
    """Run ``node`` with ``args``, ``payload`` as JSON on its standard input; return what it
    printed (a failure shows Node's error output)."""
    done = subprocess.run(
        [node_path(), *args],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    if done.returncode != 0:
        raise AssertionError(f"node failed:\n{done.stderr}")
    return done.stdout
