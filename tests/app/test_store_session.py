"""The store's session: commands queued with their op, settled once their outcome comes back."""

import base64
import gzip

import pytest

import components.store as store
from components.store import (
    UNREADABLE_REPORT,
    Command,
    Op,
    Outcome,
    StoreReading,
    StoreSession,
    reading_from,
    unpack,
)


def _reading(*outcomes: dict) -> StoreReading:
    reading = reading_from({"token": "t1", "document": None, "outcomes": list(outcomes)})
    assert reading is not None
    return reading


def test_a_command_goes_out_as_the_component_reads_it() -> None:
    """A queued command carries its op's value, its nonce and its fields."""
    store = StoreSession()
    nonce = store.enqueue(Op.UPDATE, id="s1", patch={"n": "ok"})
    [command] = store.pending
    assert command == Command(Op.UPDATE, nonce, {"id": "s1", "patch": {"n": "ok"}})
    assert command.to_data() == {"op": "update", "nonce": nonce, "id": "s1", "patch": {"n": "ok"}}


def test_outcomes_are_typed_and_unknown_ops_left_out() -> None:
    """An outcome's op is an Op; one naming no op of ours is not an outcome."""
    reading = _reading(
        {"nonce": "n1", "op": "import", "ok": True, "added": 2},
        {"nonce": "n2", "op": "launch", "ok": True},
        {"nonce": "n3", "op": ["clear"], "ok": True},
    )
    assert reading.outcomes == (Outcome("n1", Op.IMPORT, ok=True, added=2),)


def test_settling_drops_applied_commands_and_keeps_their_outcomes() -> None:
    """An applied command leaves the queue once; its outcome is found by nonce."""
    store = StoreSession()
    first = store.enqueue(Op.CLEAR)
    second = store.enqueue(Op.UNDO, id="s1")
    reading = _reading({"nonce": first, "op": "clear", "ok": True})
    assert store._settle(reading) == [Outcome(first, Op.CLEAR, ok=True)]
    assert [c.nonce for c in store.pending] == [second]
    assert store.outcome(first) == Outcome(first, Op.CLEAR, ok=True)
    assert store.outcome(second) is None
    assert store._settle(reading) == []


def test_only_the_last_outcomes_are_kept() -> None:
    """Outcomes of old commands are forgotten, the newest kept."""
    store = StoreSession()
    nonces = [store.enqueue(Op.DROP_ROUTINE, id=f"r{i}") for i in range(20)]
    store._settle(_reading(*({"nonce": n, "op": "drop_routine", "ok": True} for n in nonces)))
    assert list(store.outcomes) == nonces[-16:]


def _packed(data: bytes) -> str:
    return base64.b64encode(gzip.compress(data)).decode("ascii")


def test_a_packed_document_is_read_as_the_text_it_was() -> None:
    """A document sent gzipped in base64 is the same reading, digest included, as sent plain."""
    text = '{"version":2,"sessions":[],"note":"Rücken – gut 💪"}'
    plain = reading_from({"token": "t", "document": text})
    packed = reading_from({"token": "t", "document": None, "packed": _packed(text.encode())})
    assert plain is not None and packed is not None
    assert packed.document == text
    assert packed.digest == plain.digest
    assert (packed.writable, packed.error) == (True, None)


@pytest.mark.parametrize(
    "packed",
    [
        "not base64!",
        base64.b64encode(b"not gzip").decode(),
        _packed(b"\xff\xfe not UTF-8"),
        _packed(b"{}")[:-8],  # cut short
        _packed(b"{}") + _packed(b"{}"),  # base64 of two texts run together is not base64
    ],
    ids=["not-base64", "not-gzip", "not-utf8", "cut-short", "two"],
)
def test_a_packed_document_that_cannot_be_read_changes_nothing(packed: str) -> None:
    """A report whose packed document cannot be unpacked reads as no history that must not
    be changed, and says so: nothing is written on a misreading."""
    reading = reading_from({"token": "t", "document": None, "packed": packed})
    assert reading is not None
    assert reading.document is None
    assert reading.writable is False
    assert reading.error == UNREADABLE_REPORT


def test_a_packed_document_is_unpacked_only_up_to_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A small report that would unpack to more than the limit is refused, not unpacked."""
    monkeypatch.setattr(store, "UNPACKED_LIMIT", 1000)
    assert unpack(_packed(b" " * 1000)) == b" " * 1000
    assert unpack(_packed(b" " * 1001)) is None
    assert unpack(base64.b64encode(gzip.compress(b"a") + gzip.compress(b"b")).decode()) is None
