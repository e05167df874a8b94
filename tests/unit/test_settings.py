"""The environment, read in one place: routine folders, the mode, and the importer's settings."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from limber import settings
from limber.importer import Settings


def test_the_folders_default_to_the_project_s_routines_and_routines_my() -> None:
    """With nothing set, the bundled library is routines/ and the user folder inside it is read with it."""
    folders = settings.folders({})
    assert folders.routines == settings.PROJECT_ROOT / "routines"
    assert folders.user == settings.PROJECT_ROOT / "routines" / "my"
    assert folders.to_load == (folders.routines,)  # routines/my/ is read as part of routines/


def test_a_user_folder_elsewhere_is_loaded_too(tmp_path: Path) -> None:
    """LIMBER_USER_ROUTINES outside the library is a second folder to load; inside, it is not."""
    outside = settings.folders(
        {"LIMBER_ROUTINES": str(tmp_path / "lib"), "LIMBER_USER_ROUTINES": str(tmp_path / "mine")}
    )
    assert outside.to_load == (tmp_path / "lib", tmp_path / "mine")
    inside = settings.folders({"LIMBER_ROUTINES": str(tmp_path / "lib")})
    assert inside.user == tmp_path / "lib" / "my" and inside.to_load == (tmp_path / "lib",)


@pytest.mark.parametrize(
    ("value", "mode"),
    [
        (None, settings.Mode.PERSONAL),
        ("", settings.Mode.PERSONAL),
        ("personal", settings.Mode.PERSONAL),
        (" Shared ", settings.Mode.SHARED),
        ("public", settings.Mode.SHARED),
    ],
)
def test_the_mode_is_personal_unless_asked_and_shared_when_unsure(
    value: str | None, mode: settings.Mode
) -> None:
    """LIMBER_MODE: personal by default; a value that is neither is taken as shared."""
    env = {} if value is None else {"LIMBER_MODE": value}
    assert settings.mode(env) is mode
    assert settings.importer_settings(env).offline_copies is (mode is settings.Mode.PERSONAL)


def test_the_importer_settings_read_every_variable(tmp_path: Path) -> None:
    """Hosts, folders and network numbers come from LIMBER_* variables."""
    got = settings.importer_settings(
        {
            "LIMBER_ALLOWED_HOSTS": " Example.org. , 127.0.0.1 ,",
            "LIMBER_USER_ROUTINES": str(tmp_path / "mine"),
            "LIMBER_VIDEO_CACHE": str(tmp_path / "videos"),
            "LIMBER_SOCKET_TIMEOUT": "5",
            "LIMBER_RETRIES": "1",
            "HOME": "/elsewhere",
        }
    )
    assert got.extra_hosts == ("example.org", "127.0.0.1")
    assert (got.user_routines, got.video_cache) == (tmp_path / "mine", tmp_path / "videos")
    assert (got.socket_timeout, got.retries) == (5.0, 1)


@pytest.mark.parametrize("bad", ["soon", "-1", "nan", "inf"])
def test_an_unreadable_number_keeps_its_default(bad: str) -> None:
    """A timeout or retry count that is not a usable number is ignored, not fatal."""
    got = settings.importer_settings({"LIMBER_SOCKET_TIMEOUT": bad, "LIMBER_RETRIES": bad})
    assert (got.socket_timeout, got.retries) == (Settings.socket_timeout, Settings.retries)


def test_an_unreadable_host_is_left_out() -> None:
    """An entry of LIMBER_ALLOWED_HOSTS that is no host name or address is skipped."""
    got = settings.importer_settings({"LIMBER_ALLOWED_HOSTS": "good.example, not a host!"})
    assert got.extra_hosts == ("good.example",)


def test_now_can_be_fixed_for_tests_and_demonstrations() -> None:
    """LIMBER_NOW fixes the app's clock; unset or unreadable, the real clock is used."""
    assert settings.fixed_now({"LIMBER_NOW": "2026-11-25T12:00:00+00:00"}) == datetime(
        2026, 11, 25, 12, tzinfo=UTC
    )
    assert settings.fixed_now({}) is None
    assert settings.fixed_now({"LIMBER_NOW": "2026-11-25T12:00:00"}) is None  # no offset
    assert settings.fixed_now({"LIMBER_NOW": "next Tuesday"}) is None
