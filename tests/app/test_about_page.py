"""The About page, run by AppTest: the red flags in full, each claim's source named, the way on."""

from app_pages.parts import safety


def about(app):
    at = app().run()
    at.switch_page("app_pages/about.py")
    return at.run()


def texts(at) -> str:
    parts = [
        e.value
        for kind in ("markdown", "caption", "text", "warning", "error", "info")
        for e in at.get(kind)
    ]
    return "\n".join(str(p) for p in parts).replace("\\", "")


def test_the_red_flags_are_all_there(app) -> None:
    """Every emergency sign, every see-a-doctor sign and every stop sign is on the page."""
    at = about(app)
    assert not at.exception
    assert at.title[0].value == "About Limber"
    assert "Red flags: when to get help" in [h.value for h in at.header]
    shown = texts(at)
    for sign in (*safety.EMERGENCY_SIGNS, *safety.SEE_A_DOCTOR_SIGNS, *safety.STOP_SIGNS):
        assert sign.casefold() in shown.casefold(), sign


def test_each_claim_names_its_source(app) -> None:
    """The guidance names NICE NG59 and the NHS pages it follows, as links."""
    shown = texts(about(app))
    assert "[NICE guideline NG59](https://www.nice.org.uk/guidance/ng59)" in shown
    assert "(https://www.nhs.uk/conditions/back-pain/)" in shown
    assert "(https://www.nhs.uk/conditions/sciatica/)" in shown
    assert shown.count("Source") >= 5


def test_it_points_to_breathing_routines_and_says_where_data_lives(app) -> None:
    """A link opens the Library on relaxation routines; the data section says it stays in the browser."""
    at = about(app)
    [link] = [p for p in at.get("page_link") if "breathing" in p.proto.label]
    assert link.proto.query_string == "focus=relaxation"
    assert "kept in this browser's local storage, not on the server" in texts(at)
