""" "Picked for you": up to three routines chosen from the person's own history.

What counts, in order of weight: what has eased their pain (a routine, or
failing that its focus area, with enough rated sessions), the focus areas
they practise, and the time they usually spend. The routine they did
yesterday (or already today) is left out, for variety. Each pick carries one
line saying why. Without history, a gentle starter for each focus area.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum

from limber.history import MIN_RATED_TO_RANK, Session, local_day, session_day
from limber.library import Entry
from limber.model import Focus, Level

MAX_PICKS = 3
"""How many routines are picked from a history."""
RECENT_WEEKS = 8
"""Habits are read from this many recent weeks (all of the history if it is older)."""

_PHRASES = {
    Focus.LOWER_BACK: "your lower back",
    Focus.UPPER_BACK_NECK: "your upper back and neck",
    Focus.HIPS: "your hips",
    Focus.CORE: "your core",
    Focus.RELAXATION: "relaxing and breathing",
}
_LEVEL_ORDER = {Level.GENTLE: 0, Level.MODERATE: 1, Level.CHALLENGING: 2}


@dataclass(frozen=True, slots=True)
class Pick:
    """A routine picked for the person, and why."""

    entry: Entry
    """The routine picked."""
    reason: str
    """One plain line saying why it was picked."""


class Why(StrEnum):
    """What a reason for a pick rests on."""

    EASED = "eased"
    """The routine itself eased the person's pain."""
    AREA_EASED = "area-eased"
    """Sessions on one of its focus areas eased the pain."""
    PRACTISED = "practised"
    """It works on a focus area the person practises most or often."""
    LENGTH = "length"
    """It lasts about as long as the person's usual session."""


@dataclass(frozen=True, slots=True)
class _Reason:
    why: Why
    weight: float
    text: str


def _phrase(focus: Focus) -> str:
    return _PHRASES[focus]


def starters(entries: Iterable[Entry]) -> list[Pick]:
    """A gentle first routine for each focus area, in the vocabulary's order, from the
    library's own routines: a routine someone imported is not vouched for as a first one."""
    # Gentlest first (level, then length, then title); for each focus area the first one
    # of it not yet chosen. One sort rather than a search per focus area: the Library
    # draws the starters on every run until the browser has answered.
    ranked = sorted(
        (e for e in entries if not e.own),
        key=lambda e: (_LEVEL_ORDER[e.routine.level], e.seconds, e.routine.title.casefold()),
    )
    picks: list[Pick] = []
    chosen: set[str] = set()
    for focus in Focus:
        best = next(
            (e for e in ranked if focus in e.routine.focus and e.routine.id not in chosen), None
        )
        if best is None:
            continue
        chosen.add(best.routine.id)
        picks.append(Pick(best, f"A gentle first routine for {_phrase(focus)}."))
    return picks


def _mean_change(sessions: Iterable[Session]) -> tuple[float, int] | None:
    changes = [c for s in sessions if (c := s.pain_change) is not None]
    if len(changes) < MIN_RATED_TO_RANK:
        return None
    return statistics.fmean(changes), len(changes)


def recommend(
    entries: Sequence[Entry], sessions: Sequence[Session], *, now: datetime, tz: tzinfo
) -> list[Pick]:
    """Up to three routines picked from the history, best first; starters without one."""
    if not sessions:
        return starters(entries)
    today = local_day(now, tz)
    recent_start = today - timedelta(weeks=RECENT_WEEKS)
    recent = [s for s in sessions if session_day(s, tz) > recent_start] or list(sessions)

    focus_use = Counter(f for s in recent for f in s.focus)
    top_use = max(focus_use.values(), default=0)
    usual = statistics.median(s.minutes for s in recent)

    by_routine: dict[str, list[Session]] = defaultdict(list)
    by_focus: dict[str, list[Session]] = defaultdict(list)
    for s in sessions:
        by_routine[s.routine_id].append(s)
        for f in s.focus:
            by_focus[f].append(s)
    routine_help = {rid: h for rid, group in by_routine.items() if (h := _mean_change(group))}
    focus_help = {f: h for f, group in by_focus.items() if (h := _mean_change(group))}
    just_done = {s.routine_id for s in sessions if session_day(s, tz) >= today - timedelta(days=1)}

    scored: list[tuple[float, str, Pick]] = []
    for entry in entries:
        routine = entry.routine
        if routine.id in just_done:
            continue
        reasons: list[_Reason] = []
        helped = routine_help.get(routine.id)
        if helped and helped[0] > 0:
            reasons.append(
                _Reason(
                    Why.EASED,
                    1.0 + helped[0] / 2,
                    f"Eased your pain by {helped[0]:.1f} points on average "
                    f"over {helped[1]} sessions.",
                )
            )
        else:
            area = max(
                ((focus_help[f], f) for f in routine.focus if f in focus_help),
                default=None,
            )
            if area and area[0][0] > 0:
                (change, count), focus = area
                reasons.append(
                    _Reason(
                        Why.AREA_EASED,
                        0.5 + change / 2,
                        f"Works on {_phrase(focus)}: sessions there eased your pain "
                        f"by {change:.1f} points on average ({count} sessions).",
                    )
                )
        if top_use:
            use, focus = max((focus_use.get(f, 0), f) for f in routine.focus)
            if use:
                how = "most" if use == top_use else "often"
                reasons.append(
                    _Reason(
                        Why.PRACTISED,
                        use / top_use,
                        f"Works on {_phrase(focus)}, which you practise {how}.",
                    )
                )
        fit = max(0.0, 1 - abs(entry.minutes - usual) / max(usual, 5))
        if fit > 0:
            reasons.append(
                _Reason(Why.LENGTH, fit / 2, f"Fits the {round(usual)} minutes you usually spend.")
            )
        if not reasons:
            continue
        score = sum(r.weight for r in reasons)
        best = max(reasons, key=lambda r: r.weight)
        reason = best.text
        if fit >= 0.8 and best.why is not Why.LENGTH:
            reason = reason[:-1] + f", and fits your usual {round(usual)} minutes."
        scored.append((-score, routine.title.casefold(), Pick(entry, reason)))
    scored.sort(key=lambda t: (t[0], t[1]))
    return [pick for _, _, pick in scored[:MAX_PICKS]]
