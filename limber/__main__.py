"""Command line for routine authors: ``python -m limber schema``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from limber.model import json_schema

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "routines" / "schema.json"


def schema_text() -> str:
    """The schema file's exact contents."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m limber", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("schema", help="write routines/schema.json from the routine model")
    args = parser.parse_args(argv)
    if args.command == "schema":
        SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
        print(f"wrote {SCHEMA_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
