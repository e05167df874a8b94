"""Python's garbage collector held off while many objects are made at once.

Reading a history of 10,000 sessions or a library of 1,000 routines makes tens of
thousands of objects. Every few hundred new objects start a collection, and some
of those walk every object in the process (in the server, every module and every
visitor's session): a third of the reading's time, for nothing, since what is
being read holds no reference cycles worth finding. The collector goes on as
usual afterwards, and anything left over is collected then.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Hold off the garbage collector inside the block (it stays off if it was off)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
