"""The routine page around the player, run by AppTest (the player itself runs in the browser)."""


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
    ids = [b.key.removeprefix("start-") for b in at.button if b.key and b.key.startswith("start-")]
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
