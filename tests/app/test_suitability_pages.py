"""The body filters on the Library, the pregnancy caution on a routine's page, and the About
page's red flags and sources, run by AppTest."""

import pytest

from app_pages import about
from app_pages.parts import safety
from limber import library
from limber.model import Suitability
from tests.app.conftest import ROOT
from tests.support.cards import PICKS, card_ids

BUNDLED = library.load(ROOT / "routines")


def started(at) -> set[str]:
    """The routine ids with a Start button on the Library page, every page of cards shown."""
    while more := [b for b in at.button if b.key == "more"]:
        more[0].click().run()
    return set(card_ids(at))


def flagged(flag: Suitability) -> set[str]:
    return {e.routine.id for e in BUNDLED.entries if flag in e.routine.suitability}


def test_no_floor_work_keeps_only_chair_and_standing_routines(app) -> None:
    """ "No floor work" leaves exactly the routines done sitting on a chair or standing."""
    at = app().run()
    at.toggle(key="no_floor").set_value(True).run()
    assert not at.exception
    assert started(at) == {e.routine.id for e in BUNDLED.entries if e.floor_free}


def test_pregnant_hides_the_flagged_routines(app) -> None:
    """ "Pregnant" hides every routine flagged not-in-later-pregnancy, and only those."""
    at = app().run()
    everything = started(at)
    at.toggle(key="pregnant").set_value(True).run()
    assert not at.exception
    assert started(at) == everything - flagged(Suitability.NOT_IN_LATER_PREGNANCY)


@pytest.mark.parametrize(
    ("link", "stored", "on"),
    [
        pytest.param({}, None, False, id="nothing-remembered"),
        pytest.param({"pregnant": "1"}, None, True, id="link"),
        pytest.param({}, {"stored": {"pregnant": True}}, True, id="remembered-in-the-browser"),
        pytest.param({}, {"stored": {}}, False, id="browser-read-nothing-stored"),
    ],
)
def test_pregnant_starts_from_the_link_or_the_browser(
    app, link: dict, stored: dict | None, on: bool
) -> None:
    """The "Pregnant" choice starts on from a ?pregnant=1 link or what this browser remembered."""
    at = app()
    for name, value in link.items():
        at.query_params[name] = value
    if stored is not None:
        at.session_state["library-prefs"] = stored
    at.run()
    assert not at.exception
    assert at.toggle(key="pregnant").value is on


@pytest.mark.parametrize(
    ("rid", "shown"),
    [
        pytest.param("pilates-core-express", True, id="flagged"),
        pytest.param("desk-neck-and-shoulders", False, id="not-flagged"),
    ],
)
def test_routine_page_cautions_before_a_flagged_routine(app, rid: str, shown: bool) -> None:
    """A routine flagged not-in-later-pregnancy says so above the player; others do not."""
    at = app()
    at.switch_page("app_pages/routine.py")
    at.query_params["routine"] = rid
    at.run()
    assert not at.exception
    cautions = [w.value for w in at.warning if "If you are pregnant" in w.value.replace("\\", "")]
    assert bool(cautions) is shown


def test_about_page_shows_both_tiers_of_red_flags_and_names_its_sources(app) -> None:
    """The About page lists every emergency sign, every see-a-doctor sign, and links its sources."""
    at = app()
    at.switch_page("app_pages/about.py")
    at.run()
    assert not at.exception
    emergency = " ".join(e.value for e in at.error)
    assert all(sign[0].upper() + sign[1:] in emergency for sign in safety.EMERGENCY_SIGNS)
    soon = " ".join(w.value for w in at.warning)
    assert all(sign[0].upper() + sign[1:] in soon for sign in safety.SEE_A_DOCTOR_SIGNS)
    page = " ".join(m.value for m in [*at.markdown, *at.caption])
    for link in (about.NICE, about.NHS_BACK, about.NHS_SCIATICA, about.NHS_VITAMIN_D):
        assert link in page
    assert "Cochrane" in page and "Cherkin" in page


def test_about_page_shows_no_stray_code_text(app) -> None:
    """Nothing on the About page is a docstring that Streamlit's magic put there by mistake."""
    at = app()
    at.switch_page("app_pages/about.py")
    at.run()
    assert at.title[0].value == "About Limber"
    assert not [m.value for m in at.markdown if "(None:" in m.value]


@pytest.mark.parametrize(
    "sign",
    ["genitals or back passage", "peeing", "bowel control", "sexual function", "both legs"],
)
def test_notice_before_the_first_routine_names_each_emergency_sign(sign: str) -> None:
    """The short notice the player shows before the first routine names every emergency sign."""
    assert sign in safety.PLAIN_NOTICE


def test_pregnant_narrows_the_picks_too(app) -> None:
    """With "Pregnant" chosen, no routine picked for a newcomer is one flagged for pregnancy."""
    at = app()
    at.query_params["pregnant"] = "1"
    at.session_state["history_store"] = {
        "report": {
            "token": "t",
            "document": None,
            "quarantine": None,
            "writable": True,
            "error": None,
            "undo": None,
            "outcomes": [],
        }
    }
    at.run()
    assert not at.exception
    picked = set(card_ids(at, PICKS))
    assert picked and not picked & flagged(Suitability.NOT_IN_LATER_PREGNANCY)


def test_routine_page_names_the_positions_used(app) -> None:
    """A routine's page says which positions its steps use, so a person knows before starting."""
    at = app()
    at.switch_page("app_pages/routine.py")
    at.query_params["routine"] = "desk-neck-and-shoulders"
    at.run()
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert "Positions: sitting on a chair" in captions
