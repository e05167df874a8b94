"""Where Limber finds its routines, read from the environment in one place."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Folders:
    """The routine folders the library loads."""

    routines: Path
    """The bundled library (``LIMBER_ROUTINES``, default ``routines/``)."""
    user: Path
    """The person's own routines, from imports (``LIMBER_USER_ROUTINES``, default ``routines/my/``)."""

    @property
    def to_load(self) -> tuple[Path, ...]:
        """The folders to read; the user folder only when it is not already inside the library."""
        if self.user.resolve().is_relative_to(self.routines.resolve()):
            return (self.routines,)
        return (self.routines, self.user)


def folders(env: Mapping[str, str]) -> Folders:
    """The routine folders this environment asks for."""
    routines = Path(env.get("LIMBER_ROUTINES") or PROJECT_ROOT / "routines")
    user = Path(env.get("LIMBER_USER_ROUTINES") or routines / "my")
    return Folders(routines, user)
