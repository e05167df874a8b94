"""Routine files for tests: a small valid routine as YAML text, with the fields a test varies."""

from __future__ import annotations


def routine_yaml(
    rid: str,
    *,
    title: str = "",
    focus: str = "hips",
    level: str = "gentle",
    style: str = "stretch",
    seconds: int = 60,
    step: str = "Figure four",
) -> str:
    """A one-step routine file's text (no preparation time), valid unless a field says otherwise."""
    return (
        f"id: {rid}\ntitle: {title or rid.replace('-', ' ').title()}\n"
        f"summary: Summary of {rid}.\nfocus: [{focus}]\nlevel: {level}\nstyle: {style}\n"
        f"prepare_seconds: 0\nsteps:\n  - name: {step}\n    seconds: {seconds}\n"
        "    instructions: Do it gently.\n"
    )
