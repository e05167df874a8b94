"""Command line for routine authors.

python -m limber schema                write routines/schema.json and poses.schema.json from the models
python -m limber import URL [--out F]  make a routine file from a video link
                                       (--timestamps F: its steps from a file of timestamp lines)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from limber import importer, poses
from limber.model import Focus, Level, Style, json_schema, parse_clock
from limber.settings import importer_settings

ROUTINES = Path(__file__).resolve().parent.parent / "routines"
SCHEMA_PATH = ROUTINES / "schema.json"
POSES_PATH = ROUTINES / poses.POSES_FILE
POSES_SCHEMA_PATH = ROUTINES / "poses.schema.json"


def schema_text() -> str:
    """The routine schema file's exact contents (a demo's choices are the poses' names)."""
    schema = json_schema(poses.pose_names(POSES_PATH))
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def poses_schema_text() -> str:
    """The poses file's schema, exactly as written."""
    return json.dumps(poses.json_schema(), indent=2, ensure_ascii=False) + "\n"


def _length(text: str) -> float:
    """A video length given as seconds or m:ss, for argparse."""
    try:
        value = parse_clock(text)
    except ValueError:
        value = None
    if not isinstance(value, int | float) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a length: use seconds or m:ss")
    return float(value)


def _parts(text: str) -> int:
    """A number of equal parts, for argparse."""
    if not text.isdigit() or not 1 <= int(text) <= importer.MAX_PARTS:
        raise argparse.ArgumentTypeError(f"give a whole number from 1 to {importer.MAX_PARTS}")
    return int(text)


def _add_import(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "import",
        help="make a routine file from a video link (YouTube, Vimeo)",
        description="Read a video's chapters (or the timestamps in its description) and write "
        "a routine file whose steps are those chapters. Only the metadata is read.",
    )
    parser.add_argument("url", help="the video's link")
    parser.add_argument(
        "--out",
        type=Path,
        help="the routine file to write; its name is the routine's id "
        "(default: <id>.yaml in the user routines folder, LIMBER_USER_ROUTINES)",
    )
    parser.add_argument("--title", help="the routine's title (default: the video's)")
    parser.add_argument(
        "--focus",
        action="append",
        choices=[f.value for f in Focus],
        help="a body area the routine works on; repeat for more (default: guessed)",
    )
    parser.add_argument("--level", choices=[v.value for v in Level], help="default: guessed")
    parser.add_argument("--style", choices=[v.value for v in Style], help="default: guessed")
    parser.add_argument("--caution", help="one caution line for the whole routine")
    steps = parser.add_mutually_exclusive_group()
    steps.add_argument(
        "--parts", type=_parts, help="split the video into this many equal steps instead"
    )
    steps.add_argument(
        "--timestamps",
        type=argparse.FileType("r", encoding="utf-8"),
        metavar="FILE",
        help="make the steps from the timestamp lines in FILE (- for standard input), "
        "written as in a video description: 2:15 Cat-cow, or Cat-cow 2:15",
    )
    parser.add_argument(
        "--length", type=_length, help="the video's length (m:ss), when the site does not say"
    )
    parser.add_argument("--force", action="store_true", help="replace an existing routine file")


def import_video(args: argparse.Namespace, env: Mapping[str, str]) -> int:
    """Read the video, propose its steps, write the routine; one sentence on failure."""
    settings = importer_settings(env)
    folder = settings.user_routines
    routine_id = ""
    if args.out is not None:
        if args.out.suffix != ".yaml":
            print("The routine file's name must end in .yaml.", file=sys.stderr)
            return 1
        folder, routine_id = args.out.parent, args.out.stem
    timestamps = None
    if args.timestamps is not None:
        with args.timestamps as lines:
            timestamps = lines.read() or " "  # an empty file has no timestamps, not "none given"
    try:
        info = importer.read_video(args.url, settings=settings)
        proposal = importer.propose_steps(
            info, equal_parts=args.parts, duration=args.length, timestamps=timestamps
        )
        guess = importer.guess_details(info)
        details = importer.RoutineDetails(
            title=args.title or info.title,
            focus=tuple(Focus(f) for f in args.focus) if args.focus else guess.focus,
            level=Level(args.level) if args.level else guess.level,
            style=Style(args.style) if args.style else guess.style,
            caution=args.caution or "",
            routine_id=routine_id,
        )
        routine = importer.make_routine(info, proposal.steps, details)
        path = importer.save_routine(routine, folder, overwrite=args.force)
    except importer.ImportFailure as failure:
        if failure.kind is importer.Failure.NEEDS_LENGTH:
            print("The video's length is not known: give it with --length m:ss.", file=sys.stderr)
        elif failure.kind is importer.Failure.EXISTS:
            print("That routine file already exists: use --force to replace it.", file=sys.stderr)
        else:
            print(failure.message, file=sys.stderr)
        return 1
    count = len(routine.steps)
    print(f"wrote {path} ({count} step{'s' * (count != 1)} from {proposal.source.label})")
    return 0


def main(argv: list[str] | None = None, env: Mapping[str, str] | None = None) -> int:
    """Run one command; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m limber",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "schema", help="write routines/schema.json and poses.schema.json from the models"
    )
    _add_import(commands)
    args = parser.parse_args(argv)
    if args.command == "import":
        return import_video(args, os.environ if env is None else env)
    if args.command == "schema":
        SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
        POSES_SCHEMA_PATH.write_text(poses_schema_text(), encoding="utf-8")
        print(f"wrote {SCHEMA_PATH} and {POSES_SCHEMA_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
