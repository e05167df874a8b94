"""Histories for tests: sessions, stored records and documents, and a saved document of every
format version ever shipped."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta

from limber import history
from limber.history import Session

# A document exactly as version 1 of Limber wrote it. Never edit: every format
# version ever shipped keeps a saved document here, and must still be read.
V1_DOCUMENT = (
    '{"version":1,"routines":{"cat-cow-flow":{"title":"Cat–cow flow",'
    '"focus":["lower-back","upper-back-neck"]}},"sessions":['
    '{"id":"3f9a1c2e","r":"cat-cow-flow","s":"2026-11-25T08:30:00+01:00",'
    '"e":"2026-11-25T08:45:12+01:00","a":840,"c":8,"k":1,"d":true,"pb":6,"pa":4,'
    '"n":"Felt looser","v":1},'
    '{"id":"77b0d4aa","r":"gone-routine","s":"2026-11-26T21:00:00.250Z",'
    '"e":"2026-11-26T21:05:00.250Z","a":290,"c":2,"k":0,"d":false,"pb":null,"pa":null,'
    '"n":"","v":1}]}'
)
"""A version-1 document, exactly as shipped."""

# A document exactly as version 2 wrote it: version 1's, plus the person's own routines.
V2_DOCUMENT = (
    '{"version":2,"routines":{"yt-hips":{"title":"Hips from a video","focus":["hips"]}},'
    '"sessions":[{"id":"b2","r":"yt-hips","s":"2026-12-01T07:00:00Z",'
    '"e":"2026-12-01T07:10:00Z","a":600,"c":3,"k":0,"d":true,"pb":5,"pa":3,"n":"","v":1}],'
    '"own":{"yt-hips":{"at":"2026-11-30T18:00:00.000Z","routine":{"id":"yt-hips",'
    '"title":"Hips from a video","summary":"Three parts of a video.","focus":["hips"],'
    '"level":"gentle","style":"stretch","video":"https://www.youtube.com/watch?v=abcdefghijk",'
    '"steps":[{"name":"Part 1","seconds":60,"instructions":"Follow the video.",'
    '"video":{"start":0,"end":60}}]}}}}'
)
"""A version-2 document, exactly as shipped: version 1's, plus the person's own routines."""

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
"""The moment tests take as now (a Wednesday midday): set as ``LIMBER_NOW`` for the app under
test, so no test depends on the day or the hour it runs."""


def record(**changes: object) -> dict:
    """A valid version-1 record, with some fields changed."""
    base = {
        "id": "a1",
        "r": "cat-cow-flow",
        "s": "2026-11-25T08:30:00+01:00",
        "e": "2026-11-25T08:45:00+01:00",
        "a": 840,
        "c": 8,
        "k": 0,
        "d": True,
        "pb": 5,
        "pa": 3,
        "n": "",
        "v": 1,
    }
    return base | changes


def document(
    *records: object,
    routines: object = None,
    version: object = history.FORMAT_VERSION,
    own: object = None,
) -> str:
    """A stored document holding these records (and, from version 2, these own routines)."""
    doc = {
        "version": version,
        "routines": routines
        if routines is not None
        else {"cat-cow-flow": {"title": "Cat–cow flow", "focus": ["lower-back"]}},
        "sessions": list(records),
    }
    if not isinstance(version, int) or version >= 2:
        doc["own"] = {} if own is None else own
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False)


def session(
    sid: str = "a1",
    *,
    start: datetime = datetime(2026, 11, 25, 8, 30, tzinfo=UTC),
    seconds: int = 600,
    routine: str = "cat-cow-flow",
    title: str = "Cat–cow flow",
    focus: tuple[str, ...] = ("lower-back",),
    finished: bool = True,
    before: int | None = 5,
    after: int | None = 3,
    note: str = "",
) -> Session:
    """A session with these fields, ending when its active time is up (in real, not wall-clock,
    time); the rest as in a typical session."""
    end = (start.astimezone(UTC) + timedelta(seconds=seconds)).astimezone(start.tzinfo)
    return Session(
        id=sid,
        routine_id=routine,
        title=title,
        focus=focus,
        started_at=start,
        ended_at=end,
        active_seconds=seconds,
        steps_completed=4,
        steps_skipped=0,
        finished=finished,
        pain_before=before,
        pain_after=after,
        note=note,
    )


_ROUTINES = {
    "cat-cow-flow": ("Cat–cow flow", ("lower-back", "upper-back-neck")),
    "spasm-relief": ("Spasm relief", ("lower-back",)),
    "hip-mobility-flow": ("Hip mobility flow", ("hips",)),
}


def sample_session(i: int, start: datetime, **changes: object) -> Session:
    """A plausible session number ``i`` (the same for the same ``i``), starting at ``start``;
    ``changes`` are Session fields. The title and focus follow the routine id."""
    rng = random.Random(i)  # noqa: S311 - made-up test data, not secrets
    seconds = rng.choice([300, 480, 600, 900, 1200])
    fields = {
        "id": f"s{i:05d}",
        "routine_id": rng.choice(list(_ROUTINES)),
        "title": "",
        "focus": (),
        "started_at": start,
        "ended_at": start + timedelta(seconds=seconds + 60),
        "active_seconds": seconds,
        "steps_completed": 6,
        "steps_skipped": rng.choice([0, 0, 1]),
        "finished": rng.random() > 0.1,
        "pain_before": rng.choice([None, 3, 4, 5, 6, 7]),
        "pain_after": rng.choice([None, 1, 2, 3, 4]),
        "note": rng.choice(["", "", "Stiff this morning", "Much better"]),
    }
    fields |= changes
    fields["title"], fields["focus"] = _ROUTINES.get(
        fields["routine_id"], (fields["routine_id"], ())
    )
    return Session(**fields)
