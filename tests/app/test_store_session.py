"""The store's session: commands queued with their op, settled once their outcome comes back."""

from components.store import Command, Op, Outcome, StoreReading, StoreSession, reading_from


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
