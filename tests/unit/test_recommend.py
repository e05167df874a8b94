""" "Picked for you": routines chosen from the history, each with a reason."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from limber import library
from limber.recommend import MAX_PICKS, recommend, starters
from tests.support.history import session
from tests.support.routines import routine_yaml

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

ROUTINES = {
    # id: (focus, level, seconds)
    "back-gentle-short": ("lower-back", "gentle", 300),
    "back-gentle-long": ("lower-back", "gentle", 1200),
    "back-hard": ("lower-back", "challenging", 240),
    "hips-gentle": ("hips", "gentle", 600),
    "hips-moderate": ("hips", "moderate", 900),
    "core-moderate": ("core", "moderate", 600),
    "breathe": ("relaxation", "gentle", 300),
    "neck": ("upper-back-neck", "gentle", 480),
}


@pytest.fixture(scope="module")
def entries(tmp_path_factory: pytest.TempPathFactory) -> tuple[library.Entry, ...]:
    """A small library with two or three routines per focus area."""
    folder: Path = tmp_path_factory.mktemp("lib") / "routines"
    folder.mkdir()
    for rid, (focus, level, seconds) in ROUTINES.items():
        (folder / f"{rid}.yaml").write_text(
            routine_yaml(rid, focus=focus, level=level, seconds=seconds), encoding="utf-8"
        )
    loaded = library.load(folder)
    assert not loaded.problems
    return loaded.entries


def done(rid: str, days_ago: float, *, before=None, after=None, minutes: int = 10, n: int = 0):
    """A session of a bundled test routine, some days before NOW."""
    focus, _, _ = ROUTINES[rid]
    return session(
        f"{rid}-{days_ago}-{n}",
        start=NOW - timedelta(days=days_ago, minutes=minutes),
        seconds=minutes * 60,
        routine=rid,
        title=rid,
        focus=(focus,),
        before=before,
        after=after,
    )


def ids(picks) -> list[str]:
    return [p.entry.routine.id for p in picks]


def test_without_history_a_gentle_starter_for_each_focus_area(entries) -> None:
    """With no sessions, each focus area gets its gentlest, shortest routine, in vocabulary order."""
    picks = recommend(entries, [], now=NOW, tz=UTC)
    assert ids(picks) == ["back-gentle-short", "neck", "hips-gentle", "core-moderate", "breathe"]
    assert picks[0].reason == "A gentle first routine for your lower back."
    assert picks[-1].reason == "A gentle first routine for relaxing and breathing."
    assert picks == starters(entries)


def test_what_helped_most_comes_first(entries) -> None:
    """A routine that eased pain in three rated sessions is picked first, and says by how much."""
    history = [
        *(done("hips-moderate", d, before=6, after=3, minutes=15, n=d) for d in (3, 4, 5)),
        *(done("back-gentle-short", d, before=5, after=5, minutes=5, n=d) for d in (6, 7, 8)),
    ]
    picks = recommend(entries, history, now=NOW, tz=UTC)
    assert ids(picks)[0] == "hips-moderate"
    assert picks[0].reason.startswith("Eased your pain by 3.0 points on average over 3 sessions")
    assert len(picks) == MAX_PICKS


def test_yesterdays_routine_is_left_out(entries) -> None:
    """The routine done yesterday is not picked, however much it helped."""
    history = [done("hips-moderate", d, before=8, after=1, n=d) for d in (1, 4, 5)]
    assert "hips-moderate" not in ids(recommend(entries, history, now=NOW, tz=UTC))


def test_yesterday_is_the_persons_yesterday(entries) -> None:
    """A session two UTC days ago can be yesterday in the person's time zone."""
    late = session(
        "late",
        start=datetime(2026, 11, 23, 23, 30, tzinfo=UTC),  # 24 Nov, 08:30 in Tokyo
        seconds=600,
        routine="breathe",
        focus=("relaxation",),
    )
    now = datetime(2026, 11, 25, 0, 30, tzinfo=UTC)  # 25 Nov, 09:30 in Tokyo
    assert "breathe" in ids(recommend(entries, [late], now=now, tz=UTC))
    assert "breathe" not in ids(recommend(entries, [late], now=now, tz=ZoneInfo("Asia/Tokyo")))


def test_the_focus_area_practised_most_leads_without_ratings(entries) -> None:
    """With no pain ratings, routines for the area practised most come first."""
    history = [done("hips-gentle", d, minutes=10, n=d) for d in (3, 5, 7, 9)]
    history.append(done("core-moderate", 11, minutes=10))
    picks = recommend(entries, history, now=NOW, tz=UTC)
    assert ids(picks)[:2] == ["hips-gentle", "hips-moderate"]
    assert picks[0].reason == (
        "Works on your hips, which you practise most, and fits your usual 10 minutes."
    )


def test_usual_time_decides_between_similar_routines(entries) -> None:
    """Between two routines for the same area, the one nearer the usual time comes first."""
    history = [done("back-hard", d, minutes=20, n=d) for d in (3, 4, 5, 6)]
    picks = ids(recommend(entries, history, now=NOW, tz=UTC))
    assert picks.index("back-gentle-long") < picks.index("back-gentle-short")


def test_a_focus_area_that_helped_carries_its_new_routines(entries) -> None:
    """A routine not yet done is picked when its focus area has eased pain, and says so."""
    history = [done("back-gentle-short", d, before=7, after=4, minutes=5, n=d) for d in (0, 1, 2)]
    picks = recommend(entries, history, now=NOW, tz=UTC)
    assert ids(picks)[0] in {"back-gentle-long", "back-hard"}
    assert "eased your pain by 3.0 points" in picks[0].reason


def test_nothing_to_pick_when_every_routine_was_just_done(entries) -> None:
    """If every routine was done today or yesterday, there is nothing to pick."""
    history = [done(rid, 0.1, n=i) for i, rid in enumerate(ROUTINES)]
    assert recommend(entries, history, now=NOW, tz=UTC) == []


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(ROUTINES)),
            st.floats(0, 120),
            st.none() | st.integers(0, 10),
            st.none() | st.integers(0, 10),
            st.integers(1, 60),
        ),
        max_size=30,
    )
)
def test_picks_are_few_distinct_and_not_just_done(entries, plan) -> None:
    """Any history gives at most three distinct picks, none done today or yesterday, each with a reason."""
    history = [
        done(rid, days, before=b, after=a, minutes=m, n=i)
        for i, (rid, days, b, a, m) in enumerate(plan)
    ]
    picks = recommend(entries, history, now=NOW, tz=UTC)
    chosen = ids(picks)
    assert len(chosen) == len(set(chosen))
    assert all(p.reason.endswith(".") for p in picks)
    if history:
        assert len(picks) <= MAX_PICKS
        recent = {s.routine_id for s in history if s.ended_at >= NOW - timedelta(days=1, hours=12)}
        assert not recent & set(chosen)
    assert recommend(entries, history, now=NOW, tz=UTC) == picks
