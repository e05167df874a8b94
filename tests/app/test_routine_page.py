"""The routine page around the player, run by AppTest (the player itself runs in the browser)."""

import yaml

from app_pages.parts.text import plain
from tests.support.cards import card_ids
from tests.support.routines import routine_yaml
from tests.support.store import BrowserStore


def routine_page(app, routine_id: str, player_state: dict | None = None):
    at = app()
    at.switch_page("app_pages/routine.py")
    at.query_params["routine"] = routine_id
    if player_state is not None:
        at.session_state[f"player-{routine_id}"] = player_state
    return at.run()


def links(at) -> list[str]:
    return [link.label for link in at.get("page_link")]


def test_every_bundled_routine_page_renders(app) -> None:
    """Each bundled routine's page renders with its steps and no exception."""
    at = app().run()
    ids = card_ids(at)
    for routine_id in ids:
        page = routine_page(app, routine_id)
        assert not page.exception, routine_id
        assert page.metric[0].label == "Total time"


def test_no_history_link_before_a_session(app) -> None:
    """Before any session ends, the page offers no link to the history."""
    assert "See your history" not in links(routine_page(app, "spasm-relief"))


def test_history_link_after_a_session_is_saved(app) -> None:
    """When the player reports a saved session, the page points to the history."""
    at = routine_page(app, "spasm-relief", {"saved": {"id": "abc", "r": "spasm-relief"}})
    assert not at.exception
    assert "See your history" in links(at)


def own_store(routine_id: str = "my-hips", title: str = "My hips") -> BrowserStore:
    """A browser that keeps one routine of the person's own, made from a web video."""
    store = BrowserStore()
    fields = yaml.safe_load(routine_yaml(routine_id, title=title))
    fields["video"] = "https://www.youtube.com/watch?v=abcdefghijk"
    store.doc["own"][routine_id] = {"at": "2026-11-30T18:00:00Z", "routine": fields}
    return store


def button(at, label: str):
    [found] = [b for b in at.button if b.label == label]
    return found


def test_an_own_routine_plays_and_can_be_deleted_then_brought_back(app) -> None:
    """An own routine's page waits for the browser, then plays it, offers its YAML, and Delete
    removes it from the browser with an Undo that brings it back as it was."""
    store = own_store()
    at = routine_page(app, "my-hips")
    assert at.caption[0].value == "Looking for this routine in your browser…"
    at = store.show(at).run()
    assert not at.exception
    assert at.title[0].value == "My hips" and "Your routine" in [s.value for s in at.subheader]
    [download] = at.get("download_button")
    assert download.proto.label == "Download YAML"
    kept = dict(store.doc["own"]["my-hips"])

    at = store.answer(button(at, "Delete").click().run())
    assert "my-hips" not in store.doc["own"]
    assert at.title[0].value == "Routine deleted"
    assert at.success[0].value == plain("“My hips” was deleted from this browser.")

    at = store.answer(button(at, "Undo").click().run())
    assert store.doc["own"]["my-hips"] == kept  # the stored entry itself, time and fields
    assert at.title[0].value == "My hips"


def test_a_file_in_the_user_folder_can_be_kept_in_the_browser(app, tmp_path) -> None:
    """A routine file from routines/my/ offers Keep in this browser; once kept, it is the
    person's own (Delete, Download YAML)."""
    (tmp_path / "my").mkdir()
    (tmp_path / "my" / "from-file.yaml").write_text(routine_yaml("from-file", title="From file"))
    store = BrowserStore()
    at = store.show(routine_page(app, "from-file")).run()
    assert not at.exception and at.title[0].value == "From file"
    assert "Your routine" not in [s.value for s in at.subheader]
    at = store.answer(button(at, "Keep in this browser").click().run())
    assert store.routine("from-file")["title"] == "From file"
    assert "Your routine" in [s.value for s in at.subheader]
    assert button(at, "Delete")


def test_a_bundled_routine_offers_no_own_controls(app) -> None:
    """A routine of the bundled library has no Delete, Keep or YAML download of its own."""
    at = routine_page(app, "spasm-relief")
    labels = [b.label for b in at.button]
    assert "Delete" not in labels and "Keep in this browser" not in labels
    assert not at.get("download_button")
