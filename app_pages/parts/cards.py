"""What a routine's card says, on the Library's grid and in its picks (components/cards)."""

from __future__ import annotations

from collections.abc import Mapping

from app_pages.parts import offline
from components.cards import Card
from components.figure import still_demo
from limber.library import Entry
from limber.poses import Pose, cover_demo, demo_data

OWN = "Yours, kept in this browser"
OFFLINE = "Available offline"


def library_card(entry: Entry, poses: Mapping[str, Pose]) -> Card:
    """A card of the Library's grid: a still of the routine's first movement, its facts,
    its summary, and whether it is the person's own, kept offline or needs equipment."""
    routine = entry.routine
    notes = []
    if entry.own:
        notes.append(OWN)
    if routine.equipment:
        notes.append("You need: " + ", ".join(routine.equipment))
    if offline.kept_copy(routine.video) is not None:
        notes.append(OFFLINE)
    cover = cover_demo(step.demo for step in routine.steps)
    return Card(
        id=routine.id,
        title=routine.title,
        facts=(
            f"{routine.focus_labels} · {entry.minutes} min · "
            f"{routine.level.capitalize()} · {routine.style.capitalize()}"
        ),
        text=routine.summary,
        notes=tuple(notes),
        still=still_demo(demo_data(cover, poses)),
    )


def pick_card(entry: Entry, reason: str) -> Card:
    """A card of the picks: the routine's focus and minutes, and why it was picked."""
    routine = entry.routine
    return Card(
        id=routine.id,
        title=routine.title,
        facts=f"{routine.focus_labels} · {entry.minutes} min",
        text=reason,
    )
