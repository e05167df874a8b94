"""Load and validate a folder of routine files and the poses; filter and search them.

A broken file never breaks the library: it becomes a :class:`Problem` naming
file, line, field and reason, and every other file still loads. The bundled
folder's ``poses.yaml`` holds the figure's poses (``limber/poses.py``); a step
whose demo names a pose that is not there still plays, without its demo, and
the name is listed as a problem like any other.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import ValidationError

from limber import collector
from limber.files import (
    Problem,
    RoutineFileError,
    field_lines,
    parse_yaml,
    problems_from,
    read_text,
    read_yaml,
)
from limber.history import OwnRoutine
from limber.model import Focus, Level, Routine, Style, Suitability
from limber.plan import total_seconds
from limber.poses import POSES_FILE, Base, Pose, PoseFile, load_poses
from limber.settings import PROJECT_ROOT

__all__ = [
    "Entry",
    "Library",
    "Problem",
    "RoutineFileError",
    "load",
    "read_yaml",
    "search",
    "with_own",
]

OFF_THE_FLOOR = frozenset({Base.SITTING_CHAIR, Base.STANDING})
"""The positions that need no getting down to the floor."""

POSITION_LABELS = {
    Base.LYING_BACK: "lying on your back",
    Base.LYING_FRONT: "lying on your front",
    Base.LYING_SIDE: "lying on your side",
    Base.ALL_FOURS: "on all fours",
    Base.KNEELING: "kneeling",
    Base.SITTING_FLOOR: "sitting on the floor",
    Base.SITTING_CHAIR: "sitting on a chair",
    Base.STANDING: "standing",
}
"""How each position is named to a person."""

BUNDLED_POSES = PROJECT_ROOT / "routines" / POSES_FILE
"""The poses used when the first routine folder has no poses file of its own."""


@dataclass(frozen=True)
class Entry:
    """A loaded routine with what the library needs to list, filter and search it."""

    routine: Routine
    """The routine as validated."""
    file: str
    """Where it was read from, relative to the library's parent folder ("this browser"
    for the person's own routines)."""
    path: Path
    """The file's full path (a local video is found relative to it); for the person's
    own routines a name that is no file: their videos are web links only."""
    seconds: int
    """Total time, from the plan."""
    haystack: str = field(repr=False)
    """Lower-cased title, summary and step names, for search."""
    positions: frozenset[Base] = frozenset()
    """The positions its steps' poses use (lying on the back, kneeling, standing …)."""
    floor_free: bool = False
    """Done sitting on a chair or standing throughout: every step's poses say so, or,
    where a step has no known pose, the routine is flagged ``no-floor`` and no pose contradicts it."""
    own: bool = False
    """One of the person's own routines, kept in their browser (not a file on the server)."""

    @property
    def position_labels(self) -> str:
        """The positions as a person reads them, from the floor up ("" when none is known)."""
        return ", ".join(POSITION_LABELS[b] for b in Base if b in self.positions)

    @property
    def minutes(self) -> int:
        """Total time rounded to whole minutes, at least 1."""
        return max(1, round(self.seconds / 60))


@dataclass(frozen=True)
class Library:
    """All routines that loaded, the poses, and every problem found on the way."""

    entries: tuple[Entry, ...]
    """The routines that loaded, sorted by title."""
    problems: tuple[Problem, ...]
    """What could not be loaded, each with its file, line, field and reason."""
    poses: Mapping[str, Pose] = field(default_factory=dict, repr=False)
    """The figure's poses by name (``limber.poses.demo_data`` turns a step's demo into data)."""

    def get(self, routine_id: str) -> Entry | None:
        """The routine with this id, or None."""
        return next((e for e in self.entries if e.routine.id == routine_id), None)


def parse_routine(
    data: object, *, shown_as: str, text: str = "", stem: str | None = None
) -> Routine:
    """Validate parsed YAML as a routine, or raise RoutineFileError listing each fault."""
    if not isinstance(data, dict):
        raise RoutineFileError(
            [Problem(shown_as, None, None, "must be a mapping of routine fields")]
        )
    try:
        routine = Routine.model_validate(data)
    except ValidationError as err:
        raise RoutineFileError(problems_from(err, shown_as=shown_as, text=text)) from None
    if stem is not None and routine.id != stem:
        line = field_lines(text, [("id",)]).get(("id",)) if text else None
        raise RoutineFileError(
            [Problem(shown_as, line, "id", f"is {routine.id!r} but the file is named {stem!r}")]
        )
    return routine


def load_file(path: Path, shown_as: str) -> Routine:
    """Read and validate one routine file."""
    return _parse_file(read_text(path, shown_as), path, shown_as)


def _parse_file(text: str, path: Path, shown_as: str) -> Routine:
    """Validate a routine file's text, read once: it also gives each problem its line."""
    return parse_routine(parse_yaml(text, shown_as), shown_as=shown_as, text=text, stem=path.stem)


def routine_files(folder: Path) -> list[Path]:
    """The routine files under a folder (its subfolders included), in a stable order.

    A ``poses.yaml`` at the top of the folder is the poses file, not a routine.
    """
    poses = folder / POSES_FILE
    return sorted(p for p in folder.rglob("*.yaml") if p.is_file() and p != poses)


def poses_path(*folders: str | os.PathLike[str]) -> Path:
    """The poses file the library uses: the first folder's, else the bundled one."""
    own = Path(folders[0]) / POSES_FILE if folders else BUNDLED_POSES
    return own if own.is_file() else BUNDLED_POSES


def fingerprint(*folders: str | os.PathLike[str]) -> tuple[tuple[str, int, int], ...]:
    """What changes when any routine file, or the poses file, is added, removed or edited."""
    out = []
    paths = [p for folder in folders for p in routine_files(Path(folder))]
    for path in [*paths, poses_path(*folders)]:
        try:
            st = path.stat()
        except OSError:
            out.append((str(path), 0, -1))
            continue
        out.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(out)


def positions(routine: Routine, poses: Mapping[str, Pose]) -> frozenset[Base]:
    """The positions the routine's steps use, from the poses of their demos."""
    return frozenset(poses[n].base for step in routine.steps for n in step.demo if n in poses)


def floor_free(routine: Routine, poses: Mapping[str, Pose]) -> bool:
    """Whether the routine is done sitting on a chair or standing throughout.

    Every step with a known pose must be off the floor; a step without one counts
    only when the routine itself is flagged ``no-floor``.
    """
    used = positions(routine, poses)
    if not used <= OFF_THE_FLOOR:
        return False
    shown = all(any(n in poses for n in step.demo) for step in routine.steps)
    return shown or Suitability.NO_FLOOR in routine.suitability


def _entry(
    routine: Routine, file: str, path: Path, poses: Mapping[str, Pose], *, own: bool = False
) -> Entry:
    words = [routine.title, routine.summary, *(s.name for s in routine.steps)]
    return Entry(
        routine,
        file,
        path,
        total_seconds(routine),
        " ".join(words).casefold(),
        positions(routine, poses),
        floor_free(routine, poses),
        own,
    )


def _shown(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder.parent).as_posix()
    except ValueError:
        return path.name


def demo_problems(routine: Routine, text: str, shown_as: str, poses: PoseFile) -> list[Problem]:
    """A problem for each demo name the poses cannot show (the routine still plays without it)."""
    if not poses.readable:
        return []  # the poses file's own problem says it all
    bad = [
        (index, position, name)
        for index, step in enumerate(routine.steps)
        for position, name in enumerate(step.demo)
        if name not in poses.poses
    ]
    if not bad:
        return []
    locs = [("steps", index, "demo", position) for index, position, _ in bad]
    lines = field_lines(text, locs)
    problems = []
    for loc, (index, position, name) in zip(locs, bad, strict=True):
        if name in poses.names:
            reason = f"the pose {name!r} has a problem of its own (see {POSES_FILE})"
        else:
            close = difflib.get_close_matches(name, list(poses.poses), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            reason = f"{name!r} is not a known pose{hint}"
        problems.append(
            Problem(shown_as, lines.get(loc), f"steps[{index}].demo[{position}]", reason)
        )
    return problems


def load(*folders: str | os.PathLike[str]) -> Library:
    """Load every routine under the given folders, and the poses; broken files become problems.

    Files are named in problems relative to their folder's parent
    (``routines/hip-openers.yaml``), and an id may be used only once across all folders.
    The poses come from the first folder's ``poses.yaml``, else the bundled one.
    """
    with collector.paused():  # thousands of objects at once: see limber.collector
        return _load(*folders)


def _load(*folders: str | os.PathLike[str]) -> Library:
    entries: list[Entry] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    pose_path = poses_path(*folders)
    pose_file = load_poses(pose_path, _shown(pose_path, Path(folders[0]) if folders else pose_path))
    problems.extend(pose_file.problems)
    for folder in map(Path, folders):
        root = folder.resolve()  # once per folder: resolving each file's path costs
        for path in routine_files(folder):
            shown_as = path.relative_to(folder.parent).as_posix()
            try:
                text = read_text(path, shown_as)
                routine = _parse_file(text, path, shown_as)
            except RoutineFileError as err:
                problems.extend(err.problems)
                continue
            if routine.id in seen:
                problems.append(
                    Problem(
                        shown_as,
                        None,
                        "id",
                        f"{routine.id!r} is already used by {seen[routine.id]}",
                    )
                )
                continue
            seen[routine.id] = shown_as
            problems.extend(demo_problems(routine, text, shown_as, pose_file))
            entries.append(
                _entry(routine, shown_as, root / path.relative_to(folder), pose_file.poses)
            )
    entries.sort(key=lambda e: e.routine.title.casefold())
    return Library(tuple(entries), tuple(problems), pose_file.poses)


def search(
    entries: Iterable[Entry],
    *,
    query: str = "",
    focus: Iterable[Focus] = (),
    max_minutes: int | None = None,
    levels: Iterable[Level] = (),
    styles: Iterable[Style] = (),
    no_floor: bool = False,
    pregnant: bool = False,
) -> list[Entry]:
    """The entries that match every given filter; empty filters match all.

    A routine matches a focus filter if it works on any of the chosen areas;
    the query matches when every word appears in the title, summary or a step name.
    ``no_floor`` keeps the routines done sitting or standing throughout;
    ``pregnant`` leaves out those flagged ``not-in-later-pregnancy``.
    """
    words = query.casefold().split()
    focus, levels, styles = set(focus), set(levels), set(styles)
    return [
        e
        for e in entries
        if (not focus or focus.intersection(e.routine.focus))
        and (max_minutes is None or e.minutes <= max_minutes)
        and (not levels or e.routine.level in levels)
        and (not styles or e.routine.style in styles)
        and (not no_floor or e.floor_free)
        and (not pregnant or Suitability.NOT_IN_LATER_PREGNANCY not in e.routine.suitability)
        and all(w in e.haystack for w in words)
    ]


OWN_FILE = "this browser"
"""Where the person's own routines come from, as an :class:`Entry` names it."""


def own_label(routine: OwnRoutine) -> str:
    """How a kept routine is named in a problem: its title where it has one."""
    title = routine.data.get("title")
    name = title.strip() if isinstance(title, str) and title.strip() else routine.id
    return f"Your routine “{name}” (kept in this browser)"


def with_own(
    lib: Library, own: Iterable[OwnRoutine], *, replaceable: Collection[str] = ()
) -> Library:
    """The library with the person's own routines added, each checked like a routine file.

    A routine that fails the checks, or whose id a routine of the library already
    uses, is listed as a problem and not shown (it stays kept in the browser).
    An id in ``replaceable`` (a routine from the user folder on the server) is
    replaced by the person's own routine of that id: they chose to keep it.
    """
    entries = {e.routine.id: e for e in lib.entries}
    problems = list(lib.problems)
    added = False
    for kept in own:
        shown_as = own_label(kept)
        try:
            routine = parse_routine(dict(kept.data), shown_as=shown_as)
        except RoutineFileError as err:
            problems.extend(err.problems)
            continue
        clash = entries.get(routine.id)
        if clash is not None and (clash.own or routine.id not in replaceable):
            reason = f"its id {routine.id!r} is already used by {clash.file}, so it is not shown"
            problems.append(Problem(shown_as, None, "id", reason))
            continue
        for index, step in enumerate(routine.steps):
            for position, name in enumerate(step.demo):
                if name not in lib.poses:
                    where = f"steps[{index}].demo[{position}]"
                    problems.append(Problem(shown_as, None, where, f"{name!r} is not a known pose"))
        path = Path(OWN_FILE) / f"{routine.id}.yaml"
        entries[routine.id] = _entry(routine, OWN_FILE, path, lib.poses, own=True)
        added = True
    if not added and len(problems) == len(lib.problems):
        return lib
    ordered = sorted(entries.values(), key=lambda e: e.routine.title.casefold())
    return replace(lib, entries=tuple(ordered), problems=tuple(problems))
