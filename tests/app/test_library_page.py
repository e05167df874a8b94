"""The Library page's logic, run by AppTest: filters, problems, deep links."""

import re
from pathlib import Path

from app_pages.parts.common import PAGE_SIZE
from limber import library
from limber.model import Focus
from tests.support.app import ROOT
from tests.support.cards import STEPS, card_ids, cards, press_start
from tests.support.routines import routine_yaml
from tests.support.store import BrowserStore


def card_titles(at) -> list[str]:
    """The titles on the routine cards (not the picks)."""
    return [card["title"] for card in cards(at)]


def problems(at) -> list:
    return [e for e in at.expander if e.label.startswith("Problems")]


def starts(at) -> list[str]:
    return card_ids(at)


def test_library_lists_bundled_routines_a_page_at_a_time(app) -> None:
    """The Library shows a page of cards, each with a Start button; Show more shows the rest of
    the bundled library; no problems."""
    at = app().run()
    assert not at.exception and not problems(at)
    count = len(library.load(ROOT / "routines").entries)
    assert count > PAGE_SIZE
    assert len(starts(at)) == PAGE_SIZE == len(card_titles(at))
    [more] = [b for b in at.button if b.key == "more"]
    assert more.label == f"Show more ({count - PAGE_SIZE} not shown)"
    while more := [b for b in at.button if b.key == "more"]:
        more[0].click().run()
    assert len(starts(at)) == count


def matching(at) -> int:
    """How many routines match the filters, as the page says ("5 of 16 routines")."""
    return int(count_line(at).split()[0])


def count_line(at) -> str:
    """The caption with the count ("5 of 16 routines", then what is on under More filters)."""
    [said] = [c.value for c in at.caption if re.match(r"\d+ of \d+ routines", c.value)]
    return said


def test_filters_change_what_is_listed(app) -> None:
    """Choosing a focus area, a level or a search word narrows the cards to the matching ones."""
    at = app().run()
    everything = matching(at)
    at.text_input(key="q").input("breath").run()
    assert 0 < matching(at) < everything
    at.text_input(key="q").input("").run()
    at.pills(key="level").select("moderate").run()
    hard = matching(at)
    assert 0 < hard < everything
    hard_titles = card_titles(at)
    at.segmented_control(key="time").set_value("Up to 10 min").run()
    assert matching(at) <= hard
    if hard <= PAGE_SIZE:
        assert set(card_titles(at)) <= set(hard_titles)


def test_the_count_says_what_is_on_under_more_filters(app) -> None:
    """The choices behind "More filters" are named with the count, and when nothing matches."""
    at = app().run()
    assert re.fullmatch(r"\d+ of \d+ routines", count_line(at))
    at.toggle(key="pregnant").set_value(True).run()
    at.pills(key="level").select("gentle").run()
    assert count_line(at).endswith(" routines · Pregnant · Gentle")
    at.text_input(key="q").input("zzzz-nothing").run()
    assert "under More filters: Pregnant, Gentle" in at.info[0].value


def test_no_match_says_so(app) -> None:
    """A search that matches nothing says so in a sentence."""
    at = app().run()
    at.text_input(key="q").input("zzzz-nothing").run()
    assert not card_titles(at)
    assert "No routine matches" in at.info[0].value


def test_problems_are_listed_while_others_load(app, tmp_path: Path) -> None:
    """A broken file is listed under Problems with file, line, field and reason; the rest load."""
    folder = tmp_path / "routines"
    folder.mkdir()
    (folder / "good.yaml").write_text(routine_yaml("good"))
    (folder / "hip-openers.yaml").write_text(routine_yaml("hip-openers").replace("60", "0"))
    at = app(folder).run()
    assert card_titles(at) == ["Good"]
    assert "Problems: 1 problem found" in problems(at)[0].label
    assert at.code[0].value == (
        "routines/hip-openers.yaml, line 10, steps[0].seconds: must be greater than 0"
    )


def test_routine_page_shows_steps(app) -> None:
    """The routine page lists the steps with their times and the total time."""
    at = app()
    at.switch_page("app_pages/routine.py")
    at.query_params["routine"] = "spasm-relief"
    at.run()
    assert not at.exception
    assert at.metric[0].label == "Total time"
    steps = cards(at, STEPS)
    assert steps[0]["title"].startswith("1. ") and all(step["facts"] for step in steps)


def test_an_unknown_routine_is_looked_for_in_the_browser_then_not_found(app) -> None:
    """A routine id the server does not have is looked for in the browser first; then a plain
    'not found' page says where such a routine may be."""
    at = app()
    at.switch_page("app_pages/routine.py")
    at.query_params["routine"] = "nope"
    at.run()
    assert not at.title and at.caption[0].value == "Looking for this routine in your browser…"
    BrowserStore().show(at).run()
    assert at.title[0].value == "Routine not found"
    assert "If you made it in another browser, it is kept there" in at.markdown[0].value


def test_focus_link_preselects_the_area(app) -> None:
    """A ?focus= link (the About page's pointer to breathing) opens the Library narrowed to it."""
    at = app()
    at.query_params["focus"] = "relaxation"
    at.run()
    assert at.button_group(key="focus").value == ["relaxation"]
    bundled = library.load(ROOT / "routines").entries
    relaxing = {e.routine.title for e in bundled if Focus.RELAXATION in e.routine.focus}
    assert set(card_titles(at)) == relaxing


def test_a_card_says_what_the_routine_is_and_needs(app) -> None:
    """Each card gives the routine's title, focus, minutes, level, style, summary and equipment,
    as written; Start on it opens the routine's page."""
    at = app().run()
    entries = {e.routine.id: e for e in library.load(ROOT / "routines").entries}
    shown = cards(at)
    assert shown
    for card in shown:
        entry = entries[card["id"]]
        routine = entry.routine
        assert card["title"] == routine.title and card["text"] == routine.summary
        assert card["facts"] == (
            f"{routine.focus_labels} · {entry.minutes} min · "
            f"{routine.level.capitalize()} · {routine.style.capitalize()}"
        )
        needs = [n for n in card.get("notes", []) if n.startswith("You need: ")]
        assert needs == (["You need: " + ", ".join(routine.equipment)] if routine.equipment else [])
    press_start(at, shown[0]["id"])
    assert not at.exception and at.query_params["routine"] == shown[0]["id"]
    assert at.title[0].value == entries[shown[0]["id"]].routine.title
