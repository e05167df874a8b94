"""Many visitors on one Limber process, played over Streamlit's own WebSocket protocol.

    .venv/bin/python bench/load.py              # ~12 minutes: 100, 200, 400 visitors
    .venv/bin/python bench/load.py --quick      # ~2 minutes, a smoke run
    .venv/bin/python bench/load.py --replicas 2 # two processes behind HAProxy, fail-over

One process plays hundreds of browsers (bench/load_client.py). A visit, as the
server sees it: open the Library (a run, then, from a returning visitor's browser,
the history read it sends back: the store component's ``report`` trigger; a new
visitor's browser holds nothing and sends nothing),
think 5–20 s, search or filter, open a routine (the Start button switches page),
do it (the server sees nothing for its length; routines are shortened to
1–2 minutes here), the player's ``ended`` trigger, a rating and note, Save (its
``saved`` trigger), and one visitor in three opens History (a run, then its
history read). Visitors arrive as a Poisson process over a ramp as long as a
visit, so at the rate that keeps that many people there; once the level is
reached, a visitor who leaves is replaced by a new arrival.

Figures (a table, then one JSON object on the last line):

- for 100, 200 and 400 concurrent visitors: p50/p95 script-run latency (from
  sending ``rerun_script`` to ``script_finished``), errors, and server memory per
  visitor (VmRSS of the server process above its level before the visitors came,
  read when the most visitors were on the server, over their number);
- ``p95_ratio_200``: p95 with 200 visitors over a single visitor's (median of
  5 repetitions of a visit played back to back) — goal ≤ 2; ``errors`` — goal 0;
  ``rss_mb_per_visitor`` (where the most visitors were on the server) — goal ≤ 1. Latencies are of
  the runs that finished in a level's window (after its ramp); a run with no
  answer in 60 s is an error, and counts as a run of 60 s;
- capacity: the highest rate of Library runs (a search on the Library, from
  visitors already there, arriving as a Poisson process) that one process
  sustains with p95 ≤ 1 s, for Limber and for the bare script
  (bench/bare_app.py), alternating, median of 5 — ``capacity_ratio`` goal ≥ 0.5.

With ``--replicas 2``: two processes behind HAProxy (deploy/haproxy.cfg, with
bench ports), each pinned to a core as deploy/README.md runs them,
``replica_speedup`` (capacity through HAProxy with two replicas over one,
alternating, median of 5; the searches are played by two client processes, as
browsers are on many machines) — goal ≥ 1.8. The client processes and HAProxy
share the replicas' two cores, so the CPU each uses per run is shown too, with
the speed-up those figures leave possible (``speedup_bound_cpu``); then visitors and a real
Chromium session through HAProxy; the replica that serves Chromium is killed
mid-routine; its visitors reconnect to the other; ``lost_visitors`` counts
those that could not (goal 0); Chromium finishes the routine and saves its
rating and note, and ``chromium_record_saved`` says whether the record is in
localStorage. HAProxy is Debian's ``haproxy`` (installed with apt-get as root).

Everything talks to 127.0.0.1 only, is bounded in count and time, and stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import multiprocessing
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load_client import Element, Run, RunError, ScriptError, Tab  # noqa: E402

from bench import report as bench_report  # noqa: E402
from tests.support.app import CHROMIUM_ARGS, AppServer, chromium_path  # noqa: E402

BARE = ROOT / "bench" / "bare_app.py"
LIMBER = ROOT / "app.py"
HAPROXY_CFG = ROOT / "deploy" / "haproxy.cfg"
COOKIE = "LIMBER_SERVER"
"""The affinity cookie deploy/haproxy.cfg inserts."""
QUERIES = ("", "back", "hip", "core", "", "neck", "breath", "stretch")
"""What visitors type into the search box (the empty text shows every routine)."""
TIMEZONES = ("Europe/Berlin", "Europe/London", "America/New_York", "Asia/Tokyo")
LIMIT_S = 1.0
"""The p95 a sustained rate must keep."""
DISCONNECTED = (RunError, OSError)
"""A connection that is gone or cannot be made (TimeoutError is an OSError, so catch it first)."""


@dataclass(frozen=True)
class Profile:
    """How long and how big a run is."""

    levels: tuple[int, ...]
    ramp_s: float
    window_s: float
    think_s: tuple[float, float]
    routine_s: tuple[float, float]
    repeats: int
    step_s: float
    failover_visitors: int


def mean_visit_s(think_s: tuple[float, float], routine_s: tuple[float, float]) -> float:
    """How long a visit lasts on average, without its runs' own time (the pauses in
    :meth:`Visitor._visit`: think, search, pause, the routine, rate, and one in three History)."""
    mean = statistics.fmean
    return mean(think_s) + mean((2, 6)) + mean(routine_s) + mean((3, 10)) + mean((2, 5)) / 3


# The ramp to a level lasts one visit: people arrive at the rate that keeps that many of them
# there (a shorter ramp is a burst, which is not how people come to Limber).
DEFAULT = Profile(
    (100, 200, 400), mean_visit_s((5, 20), (60, 120)), 40, (5, 20), (60, 120), 5, 3.0, 40
)
QUICK = Profile((20, 40), mean_visit_s((1, 4), (8, 15)), 8, (1, 4), (8, 15), 1, 2.0, 16)


# --------------------------------------------------------------------------- figures


def p(values: list[float], q: float) -> float:
    """The nearest-rank percentile ``q`` (0–100); NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


@dataclass
class Record:
    """One script run as a visitor saw it."""

    at: float
    kind: str
    seconds: float


@dataclass
class Tally:
    """Everything the visitors saw, appended as it happens."""

    runs: list[Record] = field(default_factory=list)
    errors: list[tuple[float, str]] = field(default_factory=list)
    visits: int = 0
    reconnected: int = 0
    lost: int = 0
    present: int = 0
    """Visitors on the server now: past their first run, not yet gone."""

    def between(self, start: float, end: float) -> tuple[list[float], int]:
        """Latencies of the runs that finished in a window of time, and the errors in it."""
        runs = [r.seconds for r in self.runs if start <= r.at < end]
        return runs, sum(1 for at, _ in self.errors if start <= at < end)


def rss_mb(pid: int) -> float:
    """The resident memory of a process, in MiB (VmRSS)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return math.nan


def cpu_s(pid: int) -> float:
    """CPU seconds a process has used (user and system, all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --------------------------------------------------------------------------- a visit


def history_document(rng: random.Random, sessions: int) -> str | None:
    """A returning visitor's stored history (None for a first visit)."""
    if not sessions:
        return None
    records = []
    for n in range(sessions):
        day = 1 + n % 28
        records.append(
            {
                "id": f"s{rng.getrandbits(48):012x}",
                "r": "cat-cow-flow",
                "s": f"2026-11-{day:02d}T08:00:00+01:00",
                "e": f"2026-11-{day:02d}T08:12:00+01:00",
                "a": 700,
                "c": 6,
                "k": 0,
                "d": True,
                "pb": rng.randint(2, 7),
                "pa": rng.randint(1, 5),
                "n": "",
                "v": 1,
            }
        )
    routine = {"title": "Cat–cow flow", "focus": ["lower_back"]}
    return json.dumps({"version": 1, "sessions": records, "routines": {"cat-cow-flow": routine}})


def report(document: str | None, rng: random.Random) -> list[dict]:
    """The store component's trigger, as the browser sends it after reading localStorage."""
    value = {
        "token": f"{rng.getrandbits(64):x}",
        "document": document,
        "quarantine": None,
        "writable": True,
        "error": None,
        "undo": None,
        "outcomes": [],
    }
    return [{"event": "report", "value": value}]


class VisitOver(Exception):
    """A run failed: the visit ends (the failure is already tallied)."""


class Visitor:
    """One person's visit, as a tab on the app (reconnecting like a browser when the server goes)."""

    def __init__(self, url: str, tally: Tally, profile: Profile, rng: random.Random, fast=False):
        self.tab = Tab(url, timezone=rng.choice(TIMEZONES))
        self.tally = tally
        self.profile = profile
        self.rng = rng
        self.fast = fast
        self.document = history_document(rng, rng.choice((0, 0, 5, 20, 60)))
        self.reconnects = 0
        self.present = False

    async def think(self, low: float, high: float) -> None:
        if not self.fast:
            await self.idle(self.rng.uniform(low, high))

    async def idle(self, seconds: float) -> None:
        """Wait; if the connection drops meanwhile, reconnect at once, as the browser does."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ws = self.tab.ws
            if ws is None:
                await self.reconnect()
                continue
            try:
                await asyncio.wait_for(asyncio.shield(ws.wait_closed()), left)
            except TimeoutError:
                return
            await self.reconnect()

    async def reconnect(self) -> None:
        """Open the connection again (through a load balancer: to whichever replica is up)."""
        with contextlib.suppress(*DISCONNECTED):
            await self.tab.close()
        self.tab.ws = None
        deadline = time.monotonic() + 30
        delay = 0.25
        while time.monotonic() < deadline:
            try:
                await self.tab.connect()
                run = await self.tab.rerun()  # the browser reruns the page it shows
                if self.reads_back():
                    await self.read_history()
                self.reconnects += 1
                self.tally.reconnected += 1
                self.tally.runs.append(Record(time.monotonic(), "reconnect", run.seconds))
                return
            except DISCONNECTED:
                with contextlib.suppress(*DISCONNECTED):
                    await self.tab.close()
                self.tab.ws = None
                await asyncio.sleep(delay)
                delay = min(delay * 2, 4)
        raise ConnectionError("could not reconnect within 30 s")

    async def run(self, kind: str, action: Callable[[], Awaitable]) -> None:
        """One run; a dropped connection means reconnect and try once more; an error ends the visit."""
        for attempt in (0, 1):
            try:
                result = await action()
            except ScriptError as err:
                self.tally.errors.append((time.monotonic(), f"{kind}: {err}"))
                raise VisitOver from err
            except TimeoutError as err:
                # An error, and a run of the timeout's length: a window in which
                # nothing finishes still has a latency.
                now = time.monotonic()
                self.tally.runs.append(Record(now, kind, self.tab.timeout))
                self.tally.errors.append((now, f"{kind}: no answer in {self.tab.timeout:.0f} s"))
                raise VisitOver from err
            except DISCONNECTED as err:
                if attempt:
                    self.tally.errors.append(
                        (time.monotonic(), f"{kind}: {type(err).__name__} {err}")
                    )
                    raise VisitOver from err
                await self.reconnect()
                continue
            self.tally.runs.append(Record(time.monotonic(), kind, result.seconds))
            return

    def reads_back(self) -> bool:
        """Whether the browser sends its store's report after the page's first run: History
        asks whatever is stored; the Library only when the browser holds a history (a new
        visitor's holds nothing and sends nothing, and remembers no choices)."""
        page = self.tab.page_hash
        if page == self.tab.pages.get("History"):
            return True
        return page == self.tab.pages.get("Library") and self.document is not None

    async def read_history(self) -> Run:
        store = self.tab.find("bidi_component", component="limber.history_store")
        return await self.tab.rerun(triggers={store.id: report(self.document, self.rng)})

    async def visit(self) -> None:
        """The whole visit; errors are tallied, a visitor that cannot reconnect is lost."""
        try:
            await self._visit()
            self.tally.visits += 1
        except ConnectionError as err:
            self.tally.lost += 1
            self.tally.errors.append((time.monotonic(), f"lost: {err}"))
        except VisitOver:
            pass  # tallied where it happened
        finally:
            if self.present:
                self.tally.present -= 1
            with contextlib.suppress(*DISCONNECTED):
                await self.tab.close()

    async def _visit(self) -> None:
        tab, rng, profile = self.tab, self.rng, self.profile
        try:
            await tab.connect()
        except DISCONNECTED as err:
            raise ConnectionError(f"could not connect: {err}") from err
        await self.run("library", lambda: tab.rerun(query_string=""))
        self.present = True
        self.tally.present += 1
        if self.reads_back():
            await self.run("history read", self.read_history)
        await self.think(*profile.think_s)
        if rng.random() < 0.5:
            tab.set_value(tab.find("text_input", key="q"), string_value=rng.choice(QUERIES[1:]))
        else:
            tab.set_value(tab.find("checkbox", key="no_floor"), bool_value=True)
        await self.run("search", tab.rerun)
        await self.think(2, 6)
        routine = rng.choice(tab.starts() or ["cat-cow-flow"])
        if tab.starts():
            await self.run("open routine", lambda: tab.start(routine))
        else:  # nothing matched: follow a link to the routine instead
            await self.run("open routine", lambda: tab.rerun(query_string=f"routine={routine}"))
        if not self.fast:
            await self.idle(rng.uniform(*profile.routine_s))
        record = {
            "id": f"{rng.getrandbits(64):016x}",
            "r": routine,
            "s": "2026-12-02T09:00:00+01:00",
            "e": "2026-12-02T09:12:00+01:00",
            "a": 700,
            "c": 6,
            "k": 0,
            "d": True,
            "pb": rng.randint(2, 7),
            "pa": None,
            "n": "",
            "v": 1,
        }

        def player() -> Element:
            return tab.find("bidi_component", component="limber.player")

        await self.run(
            "ended",
            lambda: tab.rerun(triggers={player().id: [{"event": "ended", "value": record}]}),
        )
        await self.think(3, 10)
        saved = dict(record, pa=rng.randint(0, 6), n="Easier than last week")
        await self.run(
            "save", lambda: tab.rerun(triggers={player().id: [{"event": "saved", "value": saved}]})
        )
        if rng.random() < 1 / 3:
            await self.think(2, 5)
            await self.run("history", lambda: tab.rerun(page="History"))
            await self.run("history read", self.read_history)


# --------------------------------------------------------------------------- visitors over time


async def single_visitor(url: str, repeats: int, rng: random.Random) -> list[float]:
    """p95 of one visitor alone, visit after visit with no pauses: one figure per repetition."""
    figures = []
    for _ in range(repeats):
        tally = Tally()
        for _ in range(2):
            await Visitor(url, tally, DEFAULT, rng, fast=True).visit()
        if tally.errors:
            raise RuntimeError(f"a single visitor failed: {tally.errors[:3]}")
        figures.append(p([r.seconds for r in tally.runs], 95))
    return figures


@dataclass
class Level:
    """What one level of concurrent visitors gave."""

    visitors: int
    runs: int
    p50: float
    p95: float
    errors: int
    rss_mb: float
    rss_mb_per_visitor: float
    present: int
    """Visitors on the server when the memory was read."""


async def levels(
    url: str, pid: int, profile: Profile, tally: Tally, rng: random.Random
) -> list[Level]:
    """Hold each level of concurrent visitors in turn; measure each after its ramp."""
    active: set[asyncio.Task] = set()
    base_rss = rss_mb(pid)
    out = []

    def arrive() -> None:
        task = asyncio.create_task(
            Visitor(url, tally, profile, random.Random(rng.random())).visit()
        )
        active.add(task)
        task.add_done_callback(active.discard)

    try:
        for target in profile.levels:
            ramp_end = time.monotonic() + profile.ramp_s
            rate = max(target - len(active), 1) / profile.ramp_s
            while time.monotonic() < ramp_end and len(active) < target:  # the ramp
                await asyncio.sleep(rng.expovariate(rate))
                arrive()
            start = time.monotonic()
            end = start + profile.window_s
            rss, present = rss_mb(pid), max(tally.present, 1)
            while time.monotonic() < end:  # held: a leaver is replaced by a new arrival
                await asyncio.sleep(rng.expovariate(4.0))
                if len(active) < target:
                    arrive()
                if tally.present >= present:  # memory when the most visitors are there
                    rss, present = rss_mb(pid), tally.present
            runs, errors = tally.between(start, end)
            per_visitor = (rss - base_rss) / present
            out.append(
                Level(
                    target, len(runs), p(runs, 50), p(runs, 95), errors, rss, per_visitor, present
                )
            )
    finally:
        for task in list(active):
            task.cancel()
        await asyncio.gather(*active, return_exceptions=True)
    return out


# --------------------------------------------------------------------------- capacity


class Pool:
    """Tabs already on the Library, each running one search at a time."""

    def __init__(self, tabs: list[Tab]):
        self.tabs = tabs
        self.idle: asyncio.Queue[Tab] = asyncio.Queue()
        for tab in tabs:
            self.idle.put_nowait(tab)
        self.turn = 0

    @classmethod
    async def open(cls, url: str, size: int) -> Pool:
        tabs = []
        for _ in range(size):
            tab = Tab(url)
            await tab.connect()
            await tab.rerun(query_string="")  # a new visitor's browser sends nothing back
            tab.light = True  # the search box is found; only the searches' times count now
            tabs.append(tab)
        return cls(tabs)

    async def close(self) -> None:
        for tab in self.tabs:
            with contextlib.suppress(*DISCONNECTED):
                await tab.close()

    async def search(self, arrived: float) -> float:
        """One search from an idle tab; seconds from its arrival (waiting for a tab counts)."""
        tab = await self.idle.get()
        try:
            self.turn += 1
            tab.set_value(tab.find("text_input"), string_value=QUERIES[self.turn % len(QUERIES)])
            await tab.rerun()
            return time.monotonic() - arrived
        finally:
            self.idle.put_nowait(tab)

    async def throughput(self, seconds: float) -> float:
        """Runs per second with a few tabs searching back to back (a first guess at capacity)."""
        done = 0
        end = time.monotonic() + seconds

        async def worker() -> None:
            nonlocal done
            while time.monotonic() < end:
                await self.search(time.monotonic())
                done += 1

        begun = time.monotonic()
        await asyncio.gather(*(worker() for _ in range(4)))
        return done / (time.monotonic() - begun)

    async def step(self, rate: float, seconds: float, rng: random.Random) -> tuple[float, int]:
        """p95 latency (and errors) of searches arriving as a Poisson process at ``rate`` per second."""
        times, errors = await self.latencies(rate, seconds, rng)
        return p(times, 95), errors

    async def latencies(
        self, rate: float, seconds: float, rng: random.Random
    ) -> tuple[list[float], int]:
        """Each search's latency, and the errors, for searches arriving at ``rate`` per second."""
        tasks = []
        end = time.monotonic() + seconds
        next_at = time.monotonic()
        while True:
            next_at += rng.expovariate(rate)
            if next_at >= end:
                break
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))
            tasks.append(asyncio.create_task(self.search(next_at)))
        results = await asyncio.gather(*tasks, return_exceptions=True)
        times = [r for r in results if isinstance(r, float)]
        return times, len(results) - len(times)


def _client_process(conn: Connection, url: str, size: int) -> None:
    """One of :class:`Clients`' processes: a :class:`Pool` on ``url``, doing what it is sent."""

    async def serve() -> None:
        pool = await Pool.open(url, size)
        try:
            conn.send("open")
            while True:
                command, *args = await asyncio.to_thread(conn.recv)
                if command == "close":
                    break
                if command == "throughput":
                    conn.send(await pool.throughput(*args))
                elif command == "latencies":
                    rate, seconds, seed = args
                    conn.send(await pool.latencies(rate, seconds, random.Random(seed)))
        finally:
            await pool.close()

    asyncio.run(serve())


class Clients:
    """A :class:`Pool` played by several processes, as browsers are on several machines.

    One process's event loop answers every tab in turn; with two replicas each on
    its own core, that one loop held both replicas under 60 % of a core, the
    rest of the machine idle, while two client processes let them use their
    cores (closed loop: 1.2-1.4 times one replica's runs against 1.8). The
    arrivals are split into one Poisson process per client, at ``rate / count``
    each: together, a Poisson process at ``rate``.
    """

    def __init__(self, conns: list[Connection], processes: list[BaseProcess]):
        self.conns = conns
        self.processes = processes

    @classmethod
    async def open(cls, url: str, size: int, count: int) -> Clients:
        """``count`` processes with ``size`` tabs each, opened one after another."""
        context = multiprocessing.get_context("spawn")  # not fork: this process runs threads
        conns, processes = [], []
        for _ in range(count):
            mine, theirs = context.Pipe()
            process = context.Process(target=_client_process, args=(theirs, url, size))
            process.start()
            conns.append(mine)
            processes.append(process)
            await cls._answer(mine)  # tabs opened in turn: a balancer spreads them evenly
        return cls(conns, processes)

    @staticmethod
    async def _answer(conn: Connection) -> Any:
        if not await asyncio.to_thread(conn.poll, 600):
            raise RuntimeError("a client process did not answer in 10 minutes")
        return conn.recv()

    async def _ask(self, commands: list[tuple[Any, ...]]) -> list[Any]:
        """Send each process its command, then wait for all the answers."""
        for conn, command in zip(self.conns, commands, strict=True):
            conn.send(command)
        return list(await asyncio.gather(*(self._answer(conn) for conn in self.conns)))

    async def throughput(self, seconds: float) -> float:
        return sum(await self._ask([("throughput", seconds)] * len(self.conns)))

    async def step(self, rate: float, seconds: float, rng: random.Random) -> tuple[float, int]:
        share = rate / len(self.conns)
        answers = await self._ask([("latencies", share, seconds, rng.random()) for _ in self.conns])
        times = [t for got, _ in answers for t in got]
        return p(times, 95), sum(failed for _, failed in answers)

    async def close(self) -> None:
        for conn in self.conns:
            with contextlib.suppress(OSError):
                conn.send(("close",))
        for process in self.processes:
            await asyncio.to_thread(process.join, 30)
            if process.is_alive():
                process.kill()


async def capacities(
    pools: dict[str, Pool | Clients], profile: Profile, rng: random.Random
) -> dict[str, list[float]]:
    """The highest Poisson rate with p95 ≤ 1 s for each pool, alternating, one figure per repetition.

    A bisection over a bracket: the first around a closed-loop throughput, the
    later ones around the figure before. A bracket whose top is sustained is
    raised first: a closed loop of a few tabs stays under what a process
    sustains with queueing up to the limit, and a bracket's top was a ceiling
    (two replicas' first figure was held at 1.1 times that guess).
    """

    async def holds(pool: Pool | Clients, rate: float) -> bool:
        p95, errors = await pool.step(rate, profile.step_s, rng)
        return p95 <= LIMIT_S and not errors

    guess = {name: await pool.throughput(profile.step_s) for name, pool in pools.items()}
    brackets = {name: (0.25 * g, 1.1 * g) for name, g in guess.items()}
    found: dict[str, list[float]] = {name: [] for name in pools}
    for repeat in range(profile.repeats):
        for name, pool in pools.items():
            low, high = brackets[name]
            for _ in range(4):
                if not await holds(pool, high):
                    break
                low, high = high, 1.5 * high
            for _ in range(4 if repeat == 0 else 3):
                rate = (low + high) / 2
                if await holds(pool, rate):
                    low = rate
                else:
                    high = rate
            found[name].append(low)
            brackets[name] = (0.75 * low, 1.3 * low)
    return found


# --------------------------------------------------------------------------- HAProxy


def need_haproxy() -> str:
    """Debian's haproxy, installed the way the Makefile installs Chromium when it is missing."""
    found = shutil.which("haproxy") or (
        "/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None
    )
    if found:
        return found
    if shutil.which("apt-get") and os.geteuid() == 0:
        print("installing haproxy with apt-get …", flush=True)
        env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        install = ["apt-get", "install", "-y", "-qq", "haproxy"]
        subprocess.run(install, check=True, env=env, stdout=subprocess.DEVNULL)
        return shutil.which("haproxy") or "/usr/sbin/haproxy"
    raise SystemExit(
        "--replicas needs HAProxy: install Debian's package as root "
        "(apt-get install haproxy), or put a haproxy binary on PATH"
    )


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class HAProxy:
    """deploy/haproxy.cfg with the bench's ports: a front for both replicas, and one for the first only."""

    def __init__(self, apps: list[AppServer], folder: Path):
        self.port = free_port()
        self.single_port = free_port()
        text = HAPROXY_CFG.read_text()
        text = text.replace("bind :8080", f"bind 127.0.0.1:{self.port}")
        for n, app in enumerate(apps, start=1):
            text = text.replace(f"127.0.0.1:{8500 + n}", f"127.0.0.1:{app.port}")
        text += (
            f"\nfrontend bench_single\n    bind 127.0.0.1:{self.single_port}\n"
            "    default_backend bench_single\n"
            "\nbackend bench_single\n    balance roundrobin\n"
            f"    cookie {COOKIE} insert indirect nocache\n"
            "    option httpchk GET /_stcore/health\n"
            f"    server app1 127.0.0.1:{apps[0].port} check cookie app1\n"
        )
        self.config = folder / "haproxy.cfg"
        self.config.write_text(text)
        self.log = folder / "haproxy.log"
        binary = need_haproxy()
        check = subprocess.run(
            [binary, "-c", "-q", "-f", str(self.config)], capture_output=True, text=True
        )
        if check.returncode:
            raise RuntimeError(f"haproxy rejects the configuration: {check.stderr or check.stdout}")
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                [binary, "-db", "-f", str(self.config)], stdout=out, stderr=out
            )
        self.url = f"http://127.0.0.1:{self.port}"
        self.single_url = f"http://127.0.0.1:{self.single_port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2):
                    return
            except OSError:
                time.sleep(0.2)  # polling until HAProxy routes, not waiting for a result
        raise RuntimeError(f"HAProxy did not answer: {self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


# --------------------------------------------------------------------------- Chromium during a fail-over

SEEN_SAFETY = "localStorage.setItem('limber.safety-ack', 'true');"
QUIET = "window.speechSynthesis && (window.speechSynthesis.speak = () => {});"
READY = "[data-testid=stApp][data-test-connection-state=CONNECTED]"
CHROMIUM_ROUTINE = "lower-back-desk-break"
NOTE = "Saved after the fail-over"


class Chromium:
    """A real browser in the middle of a routine, which goes on to its end and Saves."""

    def __init__(self, url: str):
        self.url = url

    async def start(self) -> str:
        """Open the routine, press Start, run 20 s of its clock; return the replica serving it."""
        from playwright.async_api import async_playwright

        self.pw = await async_playwright().start()
        self.browser = await self.pw.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS
        )
        self.context = await self.browser.new_context(viewport={"width": 1280, "height": 900})
        await self.context.add_init_script(SEEN_SAFETY + QUIET)
        self.page = await self.context.new_page()
        await self.page.clock.install()
        await self.page.goto(f"{self.url}/routine?routine={CHROMIUM_ROUTINE}")
        await self.page.wait_for_selector(READY)
        await self.page.locator(".lp-start").wait_for(state="visible", timeout=60_000)
        now = await self.page.evaluate("Date.now()")
        await self.page.clock.pause_at(now / 1000 + 1)
        await (
            self.page.get_by_role("radiogroup", name="Pain before")
            .get_by_text("5", exact=True)
            .click()
        )
        await self.page.get_by_role("button", name="Start").click()
        await self.page.clock.run_for(20_000)
        cookies = {c["name"]: c["value"] for c in await self.context.cookies()}
        return cookies.get(COOKIE, "")

    async def finish(self) -> dict:
        """After the kill: reconnect, run the routine to its end, rate, write a note, Save."""
        page = self.page
        await page.clock.resume()  # Streamlit's reconnect timers run on the real clock
        reconnected = True
        try:
            await page.wait_for_selector(READY, timeout=45_000)
        except Exception:  # a timeout is a figure here, not a failure of the bench
            reconnected = False
        now = await page.evaluate("Date.now()")
        await page.clock.pause_at(now / 1000 + 0.5)
        well_done = page.get_by_role("heading", name="Well done")
        for _ in range(120):  # at most an hour of the routine's own clock
            if await well_done.is_visible():
                break
            await page.clock.run_for(30_000)
        await (
            page.get_by_role("radiogroup", name="Pain after")
            .get_by_text("2", exact=True)
            .click(force=True)
        )
        await page.get_by_label("Note (optional)").focus()
        await page.keyboard.type(NOTE)
        await page.get_by_role("button", name="Save").click(force=True)
        await page.clock.run_for(2_000)
        text = await page.evaluate("localStorage.getItem('limber.history')")
        records = json.loads(text)["sessions"] if text else []
        saved = any(r.get("pa") == 2 and r.get("n") == NOTE and r.get("pb") == 5 for r in records)
        return {"chromium_reconnected": reconnected, "chromium_record_saved": saved}

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            await self.browser.close()
            await self.pw.stop()


# --------------------------------------------------------------------------- the runs


def ms(seconds: float) -> str:
    return "–" if math.isnan(seconds) else f"{seconds * 1000:.0f} ms"


async def one_process(profile: Profile, folder: Path, rng: random.Random) -> dict:
    limber = AppServer({}, folder / "limber.log", LIMBER)
    bare = AppServer({}, folder / "bare.log", BARE)
    try:
        await Visitor(
            limber.url, Tally(), profile, rng, fast=True
        ).visit()  # the process's first runs
        single = await single_visitor(limber.url, max(profile.repeats, 3), rng)
        single_p95 = statistics.median(single)
        pools = {
            "limber": await Pool.open(limber.url, 24),
            "bare": await Pool.open(bare.url, 24),
        }
        try:
            found = await capacities(pools, profile, rng)
        finally:
            for pool in pools.values():
                await pool.close()
        bare.stop()  # the levels have the machine's other core to themselves
        tally = Tally()
        held = await levels(limber.url, limber.process.pid, profile, tally, rng)
    finally:
        limber.stop()
        bare.stop()

    cap = {name: statistics.median(v) for name, v in found.items()}
    by_level = {lv.visitors: lv for lv in held}
    ratio_level = 200 if 200 in by_level else held[-1].visitors
    top = max(held, key=lambda lv: lv.present)  # memory where the most visitors were there
    errors = len(tally.errors)
    rows = [("one visitor alone, p95", ms(single_p95), f"median of {len(single)}")]
    for lv in held:
        rows += [
            (f"{lv.visitors} visitors: runs", str(lv.runs), ""),
            (f"{lv.visitors} visitors: p50 / p95", f"{ms(lv.p50)} / {ms(lv.p95)}", ""),
            (f"{lv.visitors} visitors: errors", str(lv.errors), ""),
            (
                f"{lv.visitors} visitors: RSS",
                f"{lv.rss_mb:.0f} MiB",
                f"{lv.rss_mb_per_visitor:.2f} MiB a visitor ({lv.present} there)",
            ),
        ]
    p95_ratio = by_level[ratio_level].p95 / single_p95
    cap_ratio = cap["limber"] / cap["bare"]
    rows += [
        (f"p95_ratio_{ratio_level}", f"{p95_ratio:.2f}", "goal ≤ 2"),
        ("errors", str(errors), "goal 0"),
        (
            "rss_mb_per_visitor",
            f"{top.rss_mb_per_visitor:.2f}",
            f"{top.present} visitors there; goal ≤ 1",
        ),
        ("capacity, Limber Library", f"{cap['limber']:.1f} runs/s", "p95 ≤ 1 s"),
        ("capacity, bare script", f"{cap['bare']:.1f} runs/s", "p95 ≤ 1 s"),
        ("capacity_ratio", f"{cap_ratio:.2f}", f"median of {len(found['limber'])}; goal ≥ 0.5"),
    ]
    bench_report.table(list(rows))
    for _, why in tally.errors[:5]:
        print(f"error: {why}")
    figures = {
        f"p95_ratio_{ratio_level}": round(p95_ratio, 3),
        "errors": errors,
        "rss_mb_per_visitor": round(top.rss_mb_per_visitor, 3),
        "capacity_ratio": round(cap_ratio, 3),
        "capacity_limber_runs_per_s": round(cap["limber"], 2),
        "capacity_bare_runs_per_s": round(cap["bare"], 2),
        "single_p95_ms": round(single_p95 * 1000, 1),
        "visits": tally.visits,
    }
    for lv in held:
        figures[f"p50_ms_{lv.visitors}"] = round(lv.p50 * 1000, 1)
        figures[f"p95_ms_{lv.visitors}"] = round(lv.p95 * 1000, 1)
        figures[f"errors_{lv.visitors}"] = lv.errors
        figures[f"rss_mb_{lv.visitors}"] = round(lv.rss_mb, 1)
        figures[f"rss_mb_per_visitor_{lv.visitors}"] = round(lv.rss_mb_per_visitor, 3)
    figures["capacity_limber_all"] = [round(x, 2) for x in found["limber"]]
    figures["capacity_bare_all"] = [round(x, 2) for x in found["bare"]]
    return figures


async def cpu_per_run(
    clients: Clients, apps: list[AppServer], proxy: HAProxy, profile: Profile
) -> dict[str, float]:
    """CPU milliseconds per Library run of the replicas, the client processes and HAProxy.

    On one machine the load's own work shares the replicas' cores: with ``s`` a
    replica's time per run and ``c`` the client's and HAProxy's, one replica
    runs at most 1/s runs a second (the other core does the rest) and two at
    most 2/(s + c), so the machine allows a speed-up of at most 2s/(s + c).
    """
    pids = {
        "replicas": [app.process.pid for app in apps if app.process is not None],
        "clients": [process.pid for process in clients.processes if process.pid is not None],
        "haproxy": [proxy.process.pid],
    }
    before = {k: sum(cpu_s(pid) for pid in v) for k, v in pids.items()}
    begun = time.monotonic()
    rate = await clients.throughput(3 * profile.step_s)
    runs = rate * (time.monotonic() - begun)
    used = {k: sum(cpu_s(pid) for pid in v) - before[k] for k, v in pids.items()}
    cost = {k: 1000 * v / runs for k, v in used.items()}
    s, c = cost["replicas"], cost["clients"] + cost["haproxy"]
    return {**cost, "bound": 2 * s / (s + c)}


async def two_replicas(profile: Profile, folder: Path, rng: random.Random) -> dict:
    # One core each, as deploy/README.md runs them (taskset): a process's threads
    # moving between the cores made each run cost more.
    cores = sorted(os.sched_getaffinity(0))
    apps = [
        AppServer({}, folder / f"app{n}.log", LIMBER, cpus={cores[(n - 1) % len(cores)]})
        for n in (1, 2)
    ]
    proxy = None
    chromium = None
    try:
        proxy = HAProxy(apps, folder)
        for url in (apps[0].url, apps[1].url):
            await Visitor(
                url, Tally(), profile, rng, fast=True
            ).visit()  # each process's first runs
        pools = {
            "two": await Clients.open(proxy.url, 12, 2),
            "one": await Clients.open(proxy.single_url, 12, 2),
        }
        try:
            found = await capacities(pools, profile, rng)
            costs = await cpu_per_run(pools["two"], apps, proxy, profile)
        finally:
            for pool in pools.values():
                await pool.close()

        # Fail-over: visitors and Chromium through HAProxy; the replica serving Chromium is killed.
        chromium = Chromium(proxy.url)
        victim = await chromium.start()
        tally = Tally()
        visitors = [
            Visitor(proxy.url, tally, profile, random.Random(rng.random()))
            for _ in range(profile.failover_visitors)
        ]
        tasks = []
        for visitor in visitors:
            tasks.append(asyncio.create_task(visitor.visit()))
            await asyncio.sleep(rng.expovariate(profile.failover_visitors / profile.ramp_s))
        await asyncio.sleep(profile.think_s[1] + 10)  # most are in a routine now
        index = {"app1": 0, "app2": 1}.get(victim, 0)
        on_victim = sum(
            1 for v in visitors if v.tab.cookie == f"{COOKIE}={'app1' if index == 0 else 'app2'}"
        )
        killed_at = time.monotonic()
        os.kill(apps[index].process.pid, signal.SIGKILL)
        apps[index].process.wait()
        apps[index].process = None
        browser = await chromium.finish()
        deadline = killed_at + profile.routine_s[1] + 60
        pending = [t for t in tasks if not t.done()]
        if pending:
            await asyncio.wait(pending, timeout=max(1.0, deadline - time.monotonic()))
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    finally:
        if chromium is not None:
            await chromium.close()
        if proxy is not None:
            proxy.stop()
        for app in apps:
            app.stop()

    cap = {name: statistics.median(v) for name, v in found.items()}
    speedup = cap["two"] / cap["one"]
    reconnected = sum(1 for v in visitors if v.reconnects)
    rows = [
        ("capacity, one replica (HAProxy)", f"{cap['one']:.1f} runs/s", "p95 ≤ 1 s"),
        ("capacity, two replicas (HAProxy)", f"{cap['two']:.1f} runs/s", "p95 ≤ 1 s"),
        ("replica_speedup", f"{speedup:.2f}", f"median of {len(found['one'])}; goal ≥ 1.8"),
        (
            "CPU a run: replica / clients / HAProxy",
            f"{costs['replicas']:.2f} / {costs['clients']:.2f} / {costs['haproxy']:.2f} ms",
            "two replicas, closed loop",
        ),
        ("speed-up the 2 cores allow", f"{costs['bound']:.2f}", "2s / (s + clients + HAProxy)"),
        ("visitors during the fail-over", str(len(visitors)), f"{on_victim} on the killed replica"),
        ("visitors that reconnected", str(reconnected), ""),
        ("lost_visitors", str(tally.lost), "goal 0"),
        ("errors during the fail-over", str(len(tally.errors)), ""),
        ("Chromium reconnected", str(browser["chromium_reconnected"]), ""),
        (
            "Chromium's record in localStorage",
            str(browser["chromium_record_saved"]),
            "with rating and note",
        ),
    ]
    bench_report.table(list(rows))
    for _, why in tally.errors[:5]:
        print(f"error: {why}")
    return {
        "replica_speedup": round(speedup, 3),
        "lost_visitors": tally.lost,
        "failover_errors": len(tally.errors),
        "failover_visitors": len(visitors),
        "visitors_on_killed_replica": on_victim,
        "visitors_reconnected": reconnected,
        "killed_replica": victim,
        **browser,
        "speedup_bound_cpu": round(costs["bound"], 3),
        "cpu_ms_per_run_replica": round(costs["replicas"], 2),
        "cpu_ms_per_run_clients": round(costs["clients"], 2),
        "cpu_ms_per_run_haproxy": round(costs["haproxy"], 2),
        "capacity_one_replica_runs_per_s": round(cap["one"], 2),
        "capacity_two_replicas_runs_per_s": round(cap["two"], 2),
        "capacity_one_all": [round(x, 2) for x in found["one"]],
        "capacity_two_all": [round(x, 2) for x in found["two"]],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a ~1 minute smoke run")
    parser.add_argument("--replicas", type=int, choices=(1, 2), default=1)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    profile = QUICK if args.quick else DEFAULT
    rng = random.Random(args.seed)
    # Stopped with SIGTERM: act as on Ctrl-C, so the servers and HAProxy are stopped too.
    signal.signal(signal.SIGTERM, lambda *_: os.kill(os.getpid(), signal.SIGINT))
    begun = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        if args.replicas == 2:
            figures = asyncio.run(two_replicas(profile, Path(tmp), rng))
        else:
            figures = asyncio.run(one_process(profile, Path(tmp), rng))
    figures["seconds"] = round(time.monotonic() - begun, 1)
    figures["quick"] = args.quick
    figures["replicas"] = args.replicas
    clean = {k: None if isinstance(v, float) and math.isnan(v) else v for k, v in figures.items()}
    bench_report.figures(clean)


if __name__ == "__main__":
    main()
