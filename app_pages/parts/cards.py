"""What a card says (components/cards): a routine's on the Library's grid and in its picks,
a step's on the routine's page."""

from __future__ import annotations

from collections.abc import Mapping

from app_pages.parts import offline
from components.cards import Card, still_demo
from limber.library import Entry
from limber.model import Step
from limber.plan import step_time
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


def step_card(number: int, step: Step, poses: Mapping[str, Pose]) -> Card:
    """A step's card on the routine's page: its number and name, how long it takes, a still
    of its demo, the instructions, then its cues and each caution."""
    notes = ["Cues: " + " · ".join(step.cues)] if step.cues else []
    notes += [f"⚠ {caution}" for caution in step.cautions]
    return Card(
        id=str(number),
        title=f"{number}. {step.name}",
        facts=step_time(step),
        text=step.instructions,
        notes=tuple(notes),
        still=still_demo(demo_data(step.demo, poses)),
    )
