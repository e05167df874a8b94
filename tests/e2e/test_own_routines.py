"""A person's own routines in Chromium: kept in their browser, not on the server; they survive
a restart, move with the export, and are there whichever replica serves the next visit."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import yaml
from playwright.sync_api import Browser, Page, expect

from limber import history
from limber.importer import MESSAGES, Failure
from limber.model import Routine
from tests.e2e.support import (
    SEEN_SAFETY,
    find_in_library,
    give_length,
    goto,
    name_and_save,
    open_history,
    read_video,
    run,
    seed,
    serve,
    start,
    stored,
    type_in,
    wait_idle,
)
from tests.support.app import ROOT, AppServer
from tests.support.history import NOW, sample_session
from tests.support.http_server import LocalServer
from tests.support.proxy import SwitchProxy

YOURS = "Yours, kept in this browser"


@contextmanager
def person(browser: Browser) -> Iterator[Page]:
    """A browser of one's own (a fresh context: empty localStorage), failing on page errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    try:
        yield page
    finally:
        context.close()
    assert not errors, f"the page raised: {errors}"


def import_routine(page: Page, url: str, site: LocalServer, title: str, routine_id: str) -> None:
    """Import a clip from the local site as a routine and save it."""
    read_video(page, url, serve(site, routine_id))
    give_length(page)
    name_and_save(page, title, routine_id)


def own_in(page: Page) -> dict:
    """The own routines this browser keeps, by id."""
    text = stored(page)
    return json.loads(text).get("own", {}) if text else {}


def nothing_found(page: Page, url: str, title: str) -> None:
    """The Library has no routine matching this title."""
    goto(page, url)
    type_in(page.get_by_label("Search routines"), title)
    expect(page.get_by_text("No routine matches all of these.")).to_be_visible()


def test_a_routine_is_the_importers_alone_and_survives_a_restart(
    browser: Browser, app_server: AppServer, video_site: LocalServer, user_routines: Path
) -> None:
    """Two people on one server: the routine one imports is in their Library, marked as theirs,
    and not in the other's (whose deep link says where it may be); nothing is written to the
    server's routine folder; after a server restart it is still in the first person's Library."""
    url = app_server.url
    with person(browser) as alice, person(browser) as bob:
        import_routine(alice, url, video_site, "E2E mine alone", "e2e-mine-alone")
        assert own_in(alice)["e2e-mine-alone"]["routine"]["title"] == "E2E mine alone"
        assert not list(user_routines.glob("e2e-mine-alone*"))
        card = find_in_library(alice, url, "E2E mine alone", "e2e-mine-alone")
        expect(card.get_by_text(YOURS)).to_be_visible()

        nothing_found(bob, url, "E2E mine alone")
        goto(bob, f"{url}/routine?routine=e2e-mine-alone")
        expect(bob.get_by_role("heading", name="Routine not found")).to_be_visible()
        expect(
            bob.get_by_text("If you made it in another browser, it is kept there")
        ).to_be_visible()

        app_server.stop()
        app_server.start()
        card = find_in_library(alice, url, "E2E mine alone", "e2e-mine-alone")
        expect(card.get_by_text(YOURS)).to_be_visible()
        card.get_by_role("button", name="Start").click()
        expect(alice.get_by_role("heading", name="E2E mine alone")).to_be_visible()
        expect(alice.locator(".lp-start")).to_be_visible()


def test_export_and_import_carry_routines_and_sessions_to_a_new_browser(
    browser: Browser, app_url: str, video_site: LocalServer, tmp_path: Path
) -> None:
    """A history saved by version 1, plus a routine imported now, exported in one browser and
    imported in a fresh one: the routine is in the new Library and the sessions in its History."""
    now = NOW
    v1 = json.loads(history.dumps([sample_session(i, now - timedelta(days=i)) for i in range(3)]))
    v1 = {"version": 1, "routines": v1["routines"], "sessions": v1["sessions"]}
    with person(browser) as old:
        seed(old, json.dumps(v1))
        import_routine(old, app_url, video_site, "E2E travels", "e2e-travels")
        open_history(old, app_url)
        old.get_by_role("tab", name="Export & import").click()
        expect(
            old.get_by_text("Your history and your 1 own routine stay in this browser.")
        ).to_be_visible()
        with old.expect_download() as download:
            old.get_by_role("button", name="Export JSON").click()
        exported = tmp_path / "export.json"
        download.value.save_as(exported)
    doc = json.loads(exported.read_text(encoding="utf-8"))
    assert doc["version"] == history.FORMAT_VERSION and len(doc["sessions"]) == 3
    assert list(doc["own"]) == ["e2e-travels"]

    with person(browser) as new:
        nothing_found(new, app_url, "E2E travels")
        open_history(new, app_url)
        new.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(exported)
        import_button = new.get_by_role("button", name="Import", exact=True)
        expect(import_button).to_be_enabled()
        import_button.click()
        expect(
            new.get_by_text("Imported: 3 added, 0 already there, 1 routine of your own added.")
        ).to_be_visible()
        assert len(json.loads(stored(new))["sessions"]) == 3
        card = find_in_library(new, app_url, "E2E travels", "e2e-travels")
        expect(card.get_by_text(YOURS)).to_be_visible()


def files_under(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under a folder (caches of tools and Python's bytecode aside): size, mtime."""
    skip = {".venv", ".git", "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis"}
    found = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if d not in skip]
        for name in filenames:
            path = Path(dirpath) / name
            stat = path.stat()
            found[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return found


def test_two_shared_replicas_serve_the_same_routines_and_keep_nothing(
    browser: Browser, e2e_dir: Path, video_site: LocalServer
) -> None:
    """Two app processes in shared mode behind one address: a routine saved through one is there
    when the browser's next visit is served by the other (the first is gone); the offline copy is
    off in one sentence; and nothing was written under the project or the servers' temp space."""
    temp = e2e_dir / "replica-tmp"
    temp.mkdir()
    env = {
        "LIMBER_MODE": "shared",
        "LIMBER_ALLOWED_HOSTS": "127.0.0.1",
        "LIMBER_NOW": NOW.isoformat(),
        "TMPDIR": str(temp),
    }
    before = files_under(ROOT)
    first = AppServer(env, e2e_dir / "replica-1.log")
    second = AppServer(env, e2e_dir / "replica-2.log")
    try:
        with SwitchProxy(first.port) as proxy, person(browser) as page:
            import_routine(page, proxy.url, video_site, "E2E replicated", "e2e-replicated")
            expect(page.get_by_text(MESSAGES[Failure.COPIES_OFF])).to_be_visible()
            expect(page.get_by_role("button", name="Keep a copy")).to_have_count(0)

            proxy.switch(second.port)
            first.stop()  # only the second process can serve the next visit
            page.context.add_init_script(SEEN_SAFETY)
            card = find_in_library(page, proxy.url, "E2E replicated", "e2e-replicated")
            expect(card.get_by_text(YOURS)).to_be_visible()
            card.get_by_role("button", name="Start").click()
            expect(page.get_by_role("heading", name="E2E replicated")).to_be_visible()
            expect(page.get_by_text(MESSAGES[Failure.COPIES_OFF])).to_be_visible()
    finally:
        first.stop()
        second.stop()
    assert files_under(ROOT) == before
    assert list(temp.iterdir()) == []


OWN_ROUTINE = {
    "id": "e2e-own",
    "title": "E2E kestrel",
    "summary": "Two short steps, kept in this browser.",
    "focus": ["lower-back"],
    "level": "gentle",
    "style": "stretch",
    "prepare_seconds": 3,
    "steps": [
        {
            "name": "Knee hug",
            "seconds": 5,
            "instructions": "Hug both knees.",
            "demo": ["knees-to-chest"],
        },
        {"name": "Breathe", "seconds": 5, "instructions": "Breathe slowly."},
    ],
}


def test_an_own_routine_plays_downloads_deletes_and_comes_back(
    page: Page, app_url: str, tmp_path: Path
) -> None:
    """A kept routine (and a broken one, listed under Problems with its name and field, still
    kept): it plays, Download YAML gives a file that loads as it, Delete removes it from the
    browser, and Undo brings it back as it was."""
    broken = dict(OWN_ROUTINE, id="e2e-broken", title="E2E broken", level="extreme")
    at = "2026-11-30T18:00:00.000Z"
    doc = {
        "version": history.FORMAT_VERSION,
        "routines": {},
        "sessions": [],
        "own": {r["id"]: {"at": at, "routine": r} for r in (OWN_ROUTINE, broken)},
    }
    seed(page, json.dumps(doc))
    page.context.add_init_script(SEEN_SAFETY)
    goto(page, app_url)
    page.get_by_text("Problems:").click()
    expect(
        page.get_by_text("Your routine “E2E broken” (kept in this browser), level:")
    ).to_be_visible()
    assert set(own_in(page)) == {"e2e-own", "e2e-broken"}

    card = find_in_library(page, app_url, "E2E kestrel", "e2e-own")
    expect(card.get_by_text(YOURS)).to_be_visible()
    page.clock.install(time=NOW)
    card.get_by_role("button", name="Start").click()
    expect(page.locator(".lp-start")).to_be_visible()
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)
    start(page)
    run(page, 3.5)
    expect(page.locator(".lp-name")).to_have_text("Knee hug")
    page.clock.resume()

    with page.expect_download() as download:
        page.get_by_role("button", name="Download YAML").click()
    path = tmp_path / "e2e-own.yaml"
    download.value.save_as(path)
    assert Routine.model_validate(yaml.safe_load(path.read_text())) == Routine.model_validate(
        OWN_ROUTINE
    )

    page.get_by_role("button", name="Delete").click()
    expect(page.get_by_role("heading", name="Routine deleted")).to_be_visible()
    assert set(own_in(page)) == {"e2e-broken"}
    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_role("heading", name="E2E kestrel")).to_be_visible()
    wait_idle(page)
    assert own_in(page)["e2e-own"] == {"at": at, "routine": OWN_ROUTINE}
