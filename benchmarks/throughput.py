"""`python -m benchmarks.throughput [--cases N]`: cases per second end to end (issue #9 §1, #18).

On a fresh embedded stack (`benchmarks.stack`): N cases of the baseline (`benchmarks.basislijn`:
the same number of updates, activities and timers as a typical case, nothing else), then N
typical cases (`benchmarks.zaken.LEVENSLOOP`, up to the mvv collected; each case then waits
on its objection term, so "done" is the answer to a status query after the last action),
each round `--gelijktijdig` cases in flight (200) through its own worker process(es),
configured alike. Prints a table and, as its last line, one JSON object. Also the
register's share (issue #7): the time `register_vastleggen` runs, from the histories of a
sample of cases, against the worker's whole processing of those cases.

Overload is measured, not fatal. Every failed or timed-out call (`--rpc-timeout`) counts
in `failed_calls` (per kind: start, update, query; and `total`; over every call the run
sends, both rounds and the checks after them), every attempt, also when a retry then
succeeds. `cases/s` counts the cases that came through. A failed call is retried (up to
`--pogingen` attempts, pausing 1 s, 2 s, ...) where that is safe:
- start: the id is fixed, so a second attempt after a lost reply finds the case already
  started and takes it as started (never two cases);
- update: sent with an update id (its name; one of each per case), so a repeat gets the first
  attempt's outcome from the server and never runs twice;
- query: read-only.
A call that fails on every attempt, or with the workflow's own answer (update rejected or
failed, query handler failing), gives the case up: it counts in `failed_cases`, its
remaining calls are not sent and it is left out of the samples and the register check.
The run goes on. (The probe case before the rounds, which gives the baseline its shape,
is the one call sequence whose failure still stops the run.)

CPU: `worker_cpu_ms_per_case` and `server_cpu_ms_per_case` (and the baseline's) are the CPU
milliseconds per case the round's worker processes and the dev server used during the round.
`--basislijn-met-zoekattributen` gives the baseline the probe case's search attribute upserts
too (`baseline_upserts` per case): an analysis of what nareis costs beyond what the search
attributes CONTRACT.md requires would cost any implementation, not the published ratio.

History size: `events_per_case` and `kib_per_case` (the events' protobuf ByteSize) are the
means over a sample of finished nareis cases; `baseline_events_per_case` and
`baseline_kib_per_case` the same for the baseline's cases.

The register: afterwards each case's timeline (status query) is compared with its
`gebeurtenis` rows (volgorde 0: the timeline's own entries, keyed by volgnummer) in the
register; `register_missing` counts timeline entries without a row and
`register_duplicated` rows beyond the timeline (an entry recorded twice). The register
trails the last update (its activity runs after the reply), so missing rows are looked for
again for up to 120 s; `register_wait_s` is how long that took.

Scale-out (`--workers N`) starts N nareis and N baseline worker processes. `--kill` SIGKILLs
one nareis worker once half of the nareis round's updates are done and reports under
`kill`: the cases then in flight, those the killed worker held (their last workflow task
before the kill was its, from their histories), `recovery_s` (from the kill until every held
case completed its next call: a workflow task on the dead worker's sticky queue waits
`--sticky-timeout` before another worker may take it) and `recovery_query_s` (from the kill
until every case started so far and not in flight answered a status query, asked right after
the kill; the ones in flight are measured by their own next call), and
`register_recovery_s` (from the kill until the register held every timeline entry: a step
activity that was running on the killed worker is retried only after its start-to-close
timeout, 15 s, as it sends no heartbeat). A kill run's latencies include the
recovery; its throughput is not the published figure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import asyncpg
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client, WorkflowHandle
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError

from benchmarks import basislijn, zaken
from benchmarks.meten import Latenties, Mislukt, gebeurtenissen, tabel, tel_soorten
from benchmarks.stack import Stapel, belasting_nu, belasting_tijdens, cpu_s, stapel
from nareis.contract import QUERY_STATUS, WORKFLOW_TYPE, aanvraagnummer_uit, workflow_id
from nareis.tijd import datum_in_amsterdam

NAREIS_TQ = "nareis"
#: a loaded 2-core machine answers slowly; a call that waits this long is measured, not failed
RPC = timedelta(minutes=5)
STEEKPROEF = 50

Handle = WorkflowHandle[Any, Any]
#: called with a case's number after each of its calls that succeeded
NaOproep = Callable[[int], None]


def _niets(_: int) -> None:
    return None


_BEGIN = time.monotonic()


def meld(tekst: str) -> None:
    """Progress on stderr, with the seconds since the benchmark began."""
    print(f"[{time.monotonic() - _BEGIN:6.1f} s] {tekst}", file=sys.stderr, flush=True)


# -- one case of each kind --


async def nareis_zaak(
    client: Client,
    nummer: int,
    reeks: str,
    lat: Latenties,
    rpc: timedelta = RPC,
    na_oproep: NaOproep = _niets,
) -> Handle:
    """A typical case, start to mvv collected; raises `Mislukt` when it is given up."""
    nr = zaken.aanvraagnummer(reeks, nummer)
    vandaag = datum_in_amsterdam(datetime.now().astimezone())
    pogingen = 0

    async def starten() -> Handle:
        nonlocal pogingen
        pogingen += 1
        try:
            return await client.start_workflow(
                WORKFLOW_TYPE,
                zaken.aanvraag(nr, nummer, vandaag),
                id=workflow_id(nr),
                task_queue=NAREIS_TQ,
                id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
                rpc_timeout=rpc,
            )
        except WorkflowAlreadyStartedError:
            if pogingen == 1:
                raise  # not ours: an id from an earlier run (not retried: DEFINITIEF)
            return client.get_workflow_handle(workflow_id(nr))  # our lost earlier attempt

    handle = await lat.probeer("start", starten)
    na_oproep(nummer)
    await _status(handle, lat, rpc)
    na_oproep(nummer)
    for naam, payload in zaken.LEVENSLOOP:
        await _actie(handle, naam, payload, lat, rpc)
        na_oproep(nummer)
    # the case now waits on the objection term (4 weeks): its life here is done
    await _status(handle, lat, rpc)
    na_oproep(nummer)
    return handle


async def basis_zaak(client: Client, nummer: int, plan: dict[str, Any], lat: Latenties, rpc: timedelta = RPC) -> Handle:
    pogingen = 0

    async def starten() -> Handle:
        nonlocal pogingen
        pogingen += 1
        try:
            return await client.start_workflow(
                basislijn.TYPE, plan, id=f"basis-{nummer}", task_queue=basislijn.TASK_QUEUE, rpc_timeout=rpc
            )
        except WorkflowAlreadyStartedError:
            if pogingen == 1:
                raise
            return client.get_workflow_handle(f"basis-{nummer}")

    handle = await lat.probeer("start", starten)
    await _status(handle, lat, rpc)
    for naam, _ in zaken.LEVENSLOOP:
        await _actie(handle, "stap", {"naam": naam}, lat, rpc, update_id=naam)
    # the case now waits on the objection term (4 weeks): its life here is done
    await _status(handle, lat, rpc)
    return handle


async def _status(handle: Handle, lat: Latenties, rpc: timedelta) -> dict[str, Any]:
    async def vraag() -> dict[str, Any]:
        antwoord: dict[str, Any] = await handle.query(QUERY_STATUS, result_type=dict, rpc_timeout=rpc)
        return antwoord

    return await lat.probeer("query", vraag)


async def _actie(
    handle: Handle, naam: str, payload: dict[str, Any], lat: Latenties, rpc: timedelta, update_id: str | None = None
) -> dict[str, Any]:
    async def stuur() -> dict[str, Any]:
        # the same update id on every attempt: the server answers a repeat with the first outcome
        antwoord: dict[str, Any] = await handle.execute_update(
            naam, payload, id=update_id or naam, result_type=dict, rpc_timeout=rpc
        )
        return antwoord

    return await lat.probeer("update", stuur)


# -- the baseline's plan: the shape of a real case --


def plan_uit(events: list[Any], zoekattributen: bool = False) -> dict[str, Any]:
    """Per phase (split at each accepted update) the activities scheduled and whether a
    timer started, from a finished case's history; with `zoekattributen` also its search
    attribute upserts (`--basislijn-met-zoekattributen`)."""

    def fase() -> dict[str, Any]:
        return {"activiteiten": 0, "timer": False, **({"zoekattributen": 0} if zoekattributen else {})}

    fasen: list[dict[str, Any]] = [fase()]
    for e in events:
        if e.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
            fasen.append(fase())
        elif e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
            fasen[-1]["activiteiten"] += 1
        elif e.event_type == EventType.EVENT_TYPE_TIMER_STARTED:
            fasen[-1]["timer"] = True
        elif zoekattributen and e.event_type == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES:
            fasen[-1]["zoekattributen"] += 1
    return {"fasen": fasen}


async def rustig(handle: WorkflowHandle[Any, Any], seconden: float = 10) -> list[Any]:
    """The history once the case waits on its timer after the last action (its effects done)."""
    einde = time.monotonic() + seconden
    while True:
        events = await gebeurtenissen(handle)
        laatste_update = max(
            i for i, e in enumerate(events) if e.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED
        )
        if any(e.event_type == EventType.EVENT_TYPE_TIMER_STARTED for e in events[laatste_update:]):
            return events
        if time.monotonic() > einde:
            raise TimeoutError("de proefzaak wacht niet op een termijn na de laatste actie")
        await asyncio.sleep(0.2)


# -- the register's share (issue #7) --


def register_aandeel(histories: list[list[Any]]) -> dict[str, float]:
    """Seconds the register activity ran, against all activity time plus workflow-task time
    (the worker's processing) and against each case's wall time."""
    register = activiteit = taken = wand = 0.0
    for events in histories:
        soort: dict[int, str] = {}
        begonnen: dict[int, float] = {}
        for e in events:
            t = e.event_time.ToDatetime().timestamp()
            match e.event_type:
                case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
                    soort[e.event_id] = e.activity_task_scheduled_event_attributes.activity_type.name
                case EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
                    begonnen[e.activity_task_started_event_attributes.scheduled_event_id] = t
                case EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED:
                    attr = e.activity_task_completed_event_attributes
                    duur = t - begonnen.get(attr.scheduled_event_id, t)
                    activiteit += duur
                    if soort.get(attr.scheduled_event_id) == "register_vastleggen":
                        register += duur
                case EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED:
                    begonnen[-e.event_id] = t
                case EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED:
                    attr = e.workflow_task_completed_event_attributes
                    taken += t - begonnen.get(-attr.started_event_id, t)
        wand += events[-1].event_time.ToDatetime().timestamp() - events[0].event_time.ToDatetime().timestamp()
    verwerking = activiteit + taken
    return {
        "register_s": register,
        "verwerking_s": verwerking,
        "register_deel_verwerking": register / verwerking if verwerking else 0.0,
        "register_deel_doorlooptijd": register / wand if wand else 0.0,
    }


# -- a round: N cases, `gelijktijdig` at a time --

Zaak = Callable[[int, Latenties], Awaitable[Handle]]
#: runs beside a round: the cases in flight (live), the round's calls, and an event set when
#: the round is over
Bewaking = Callable[[set[int], Latenties, asyncio.Event], Coroutine[Any, Any, None]]


@dataclass
class Ronde:
    seconden: float
    lat: Latenties
    handles: list[Handle]  # the cases that came through
    opgegeven: int = 0  # cases given up after a call failed for good
    #: CPU seconds the round's own workers and the dev server used during it
    cpu: dict[str, float] = field(default_factory=lambda: {"worker": 0.0, "server": 0.0})


async def ronde(
    n: int, gelijktijdig: int, zaak: Zaak, lat: Latenties | None = None, bewaking: Bewaking | None = None
) -> Ronde:
    """Cases 0..n-1 through `zaak`, `gelijktijdig` at a time; a case that raises `Mislukt` is
    counted as given up and the round goes on. The time is the cases' own, not `bewaking`'s."""
    lat = lat if lat is not None else Latenties()
    rem = asyncio.Semaphore(gelijktijdig)
    onderweg: set[int] = set()
    klaar = asyncio.Event()
    opgegeven = 0

    async def een(i: int) -> Handle | None:
        nonlocal opgegeven
        async with rem:
            onderweg.add(i)
            try:
                return await zaak(i, lat)
            except Mislukt as fout:
                opgegeven += 1
                if opgegeven <= 5:
                    meld(f"zaak {i} opgegeven: {fout}")
                return None
            finally:
                onderweg.discard(i)

    naast = asyncio.create_task(bewaking(onderweg, lat, klaar)) if bewaking else None
    begin = time.perf_counter()
    uitkomsten = await asyncio.gather(*(een(i) for i in range(n)))
    seconden = time.perf_counter() - begin
    klaar.set()
    if naast is not None:
        await naast
    return Ronde(seconden, lat, [h for h in uitkomsten if h is not None], opgegeven)


def cpu_meter(
    workers: Sequence[subprocess.Popen[bytes]], server: subprocess.Popen[bytes]
) -> Callable[[], dict[str, float]]:
    """Counts from now: the result gives the CPU seconds the workers and the server used since.
    CPU time is what a case costs whatever else the machine does; a worker that is gone by
    then (killed) counts for nothing, so a kill run's figure leaves its share out."""
    begin = {proces: cpu_s([proces]) for proces in (*workers, server)}

    def sinds() -> dict[str, float]:
        levend = [p for p in workers if p.poll() is None]
        return {
            "worker": sum(cpu_s([p]) - begin[p] for p in levend),
            "server": cpu_s([server]) - begin[server],
        }

    return sinds


# -- a worker killed under load (issue #18 §5) --


def tijdstip(event: Any) -> float:
    """An event's time as `time.time()` (epoch seconds, UTC)."""
    return float(event.event_time.ToNanoseconds()) / 1e9


def gehouden_door(events: Sequence[Any], identiteit: str, om: float) -> bool:
    """Whether the last workflow task of the case started before `om` was taken by the worker
    `identiteit`: then the case sat in that worker's sticky cache when it died."""
    laatste = None
    for e in events:
        if e.event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED and tijdstip(e) <= om:
            laatste = e.workflow_task_started_event_attributes.identity
    return laatste == identiteit


@dataclass
class Uitval:
    """The bookkeeping of a kill: which worker, when, and per case the first call that
    completed after it (`gedaan`) and the probe's answer (`beantwoord`)."""

    pid: int = 0
    identiteit: str = ""
    om: float | None = None  # time.time() of the SIGKILL
    na_s: float = 0.0  # seconds into the round
    onderweg: frozenset[int] = frozenset()  # cases in flight at the kill
    gehouden: frozenset[int] = frozenset()  # of those, the ones the killed worker held
    bekend: set[int] = field(default_factory=set)  # cases with a call that succeeded
    eerste_na: dict[int, float] = field(default_factory=dict)
    gevraagd: frozenset[int] = frozenset()  # cases the probe asked after the kill
    beantwoord: dict[int, float] = field(default_factory=dict)
    lat: Latenties = field(default_factory=Latenties)  # the probe's calls
    register_om: float | None = None  # time.time() the register held every timeline entry

    def gedaan(self, nummer: int) -> None:
        """A call of case `nummer` succeeded just now."""
        self.bekend.add(nummer)
        if self.om is not None and nummer not in self.eerste_na:
            self.eerste_na[nummer] = time.time()

    def verslag(self) -> dict[str, Any]:
        om = self.om or 0.0
        herstel = [self.eerste_na[i] - om for i in self.gehouden if i in self.eerste_na]
        antwoord = [self.beantwoord[i] - om for i in self.gevraagd if i in self.beantwoord]
        return {
            "killed": self.om is not None,  # false: too few updates got through to kill halfway
            "worker_pid": self.pid,
            "at_s": round(self.na_s, 2),
            "in_flight": len(self.onderweg),
            "held_cases": len(self.gehouden),
            "recovery_s": round(max(herstel), 2) if herstel else None,
            "unrecovered_cases": len(self.gehouden - self.eerste_na.keys()),
            "queried_cases": len(self.gevraagd),
            "recovery_query_s": round(max(antwoord), 2) if antwoord else None,
            "unanswered_cases": len(self.gevraagd - self.beantwoord.keys()),
            # a step activity that ran on the killed worker is retried after its start-to-close
            # timeout (no heartbeat): the case's later register rows wait for it
            "register_recovery_s": round(self.register_om - om, 1) if self.register_om else None,
        }


def doder(
    stack: Stapel,
    slachtoffer: subprocess.Popen[bytes],
    uitval: Uitval,
    client: Client,
    reeks: str,
    drempel: int,
    gelijktijdig: int,
) -> Bewaking:
    """The kill: once `drempel` updates succeeded, SIGKILL `slachtoffer`, then ask every case
    started so far for its status (the probe)."""

    async def bewaak(onderweg: set[int], lat: Latenties, klaar: asyncio.Event) -> None:
        begin = time.perf_counter()
        while len(lat.ms["update"]) < drempel:
            if klaar.is_set():
                return  # too few updates got through: no kill
            await asyncio.sleep(0.05)
        uitval.pid, uitval.identiteit = slachtoffer.pid, stack.identiteit(slachtoffer)
        uitval.onderweg = frozenset(onderweg)
        uitval.om = stack.dood(slachtoffer)
        uitval.na_s = time.perf_counter() - begin
        meld(f"worker {slachtoffer.pid} gedood, {uitval.na_s:.1f} s in de ronde, {len(onderweg)} zaken onderweg")
        # the cases in flight measure their recovery by their own next call: a second query
        # beside it, to a case whose task waits for the dead worker, is refused by the server
        # (it buffers one query per such case: RESOURCE_EXHAUSTED "BusyWorkflow")
        uitval.gevraagd = frozenset(uitval.bekend - uitval.onderweg)
        rem = asyncio.Semaphore(gelijktijdig)

        async def vraag(i: int) -> None:
            handle = client.get_workflow_handle(workflow_id(zaken.aanvraagnummer(reeks, i)))
            async with rem:
                try:
                    await _status(handle, uitval.lat, RPC)
                except Mislukt:
                    return
            uitval.beantwoord[i] = time.time()

        await asyncio.gather(*(vraag(i) for i in sorted(uitval.gevraagd)))

    return bewaak


async def gehouden_zaken(client: Client, reeks: str, uitval: Uitval) -> frozenset[int]:
    """The cases in flight at the kill that the killed worker held (from their histories)."""
    if uitval.om is None:
        return frozenset()
    gehouden = set()
    for i in sorted(uitval.onderweg):
        handle = client.get_workflow_handle(workflow_id(zaken.aanvraagnummer(reeks, i)))
        if gehouden_door(await gebeurtenissen(handle), uitval.identiteit, uitval.om):
            gehouden.add(i)
    return frozenset(gehouden)


# -- the register against the timelines --


def register_verschil(tijdlijnen: dict[str, list[str]], rijen: Iterable[tuple[str, int, str]]) -> tuple[int, int]:
    """(missing, duplicated) over the cases in `tijdlijnen` (aanvraagnummer -> the status's
    timeline, entry k having volgnummer k+1); `rijen` are the register's (aanvraagnummer,
    volgnummer, gebeurtenis) with volgorde 0. Missing: a timeline entry without its row;
    duplicated: a row beyond the timeline, such as an entry recorded a second time."""
    geregistreerd: dict[str, Counter[tuple[int, str]]] = {nr: Counter() for nr in tijdlijnen}
    for nr, volgnummer, gebeurtenis in rijen:
        if nr in geregistreerd:
            geregistreerd[nr][(volgnummer, gebeurtenis)] += 1
    ontbrekend = dubbel = 0
    for nr, tijdlijn in tijdlijnen.items():
        verwacht = Counter((k, g) for k, g in enumerate(tijdlijn, start=1))
        ontbrekend += sum((verwacht - geregistreerd[nr]).values())
        dubbel += sum((geregistreerd[nr] - verwacht).values())
    return ontbrekend, dubbel


async def register_controle(
    dsn: str, handles: list[Handle], lat: Latenties, gelijktijdig: int, wacht_s: float = 120
) -> dict[str, float]:
    """Each case's timeline against its register rows. The register trails the last action
    (its activity runs after the update's reply; after a kill it may wait out a timeout), so
    missing rows are asked again for up to `wacht_s`."""
    tijdlijnen: dict[str, list[str]] = {}
    rem = asyncio.Semaphore(gelijktijdig)

    async def tijdlijn(handle: Handle) -> None:
        async with rem:
            try:
                status = await _status(handle, lat, RPC)
            except Mislukt:
                return
        tijdlijnen[aanvraagnummer_uit(handle.id)] = [r["gebeurtenis"] for r in status.get("tijdlijn") or []]

    await asyncio.gather(*(tijdlijn(h) for h in handles))
    verbinding = await asyncpg.connect(dsn)
    begin = time.monotonic()
    try:
        einde = begin + wacht_s
        while True:
            rijen = await verbinding.fetch(
                "SELECT aanvraagnummer, volgnummer, gebeurtenis FROM gebeurtenis"
                " WHERE volgorde = 0 AND aanvraagnummer = any($1::text[])",
                list(tijdlijnen),
            )
            ontbrekend, dubbel = register_verschil(
                tijdlijnen, ((r["aanvraagnummer"], r["volgnummer"], r["gebeurtenis"]) for r in rijen)
            )
            if ontbrekend == 0 or time.monotonic() > einde:
                break
            await asyncio.sleep(1)
    finally:
        await verbinding.close()
    return {
        "register_checked_cases": len(tijdlijnen),
        "register_entries": sum(len(t) for t in tijdlijnen.values()),
        "register_missing": ontbrekend,
        "register_duplicated": dubbel,
        # how long the register trailed the timelines after the round
        "register_wait_s": round(time.monotonic() - begin, 1),
    }


# -- the whole measurement --


def gemiddelde(waarden: Sequence[float]) -> float:
    return sum(waarden) / len(waarden) if waarden else 0.0


def omvang(histories: list[list[Any]]) -> tuple[float, float]:
    """Mean events and mean bytes (protobuf ByteSize) per history."""
    return (
        gemiddelde([len(h) for h in histories]),
        gemiddelde([sum(e.ByteSize() for e in h) for h in histories]),
    )


async def meet(
    stack: Stapel, args: argparse.Namespace, nareis_workers: list[subprocess.Popen[bytes]]
) -> dict[str, Any]:
    n, gelijktijdig = args.cases, args.gelijktijdig
    rpc = timedelta(seconds=args.rpc_timeout)
    client = await stack.client()
    reeks = f"{int(time.time()) % 10_000:04d}"
    # a probe case gives the baseline its shape, and warms both workers up
    proef = await nareis_zaak(client, 999_999, reeks, Latenties())
    plan = plan_uit(await rustig(proef), zoekattributen=args.basislijn_met_zoekattributen)
    await basis_zaak(client, 999_999, plan, Latenties())

    meld("basislijn")
    basis_workers = [w for w in stack.workers if w not in nareis_workers]
    cpu = cpu_meter(basis_workers, stack.temporal)
    basis = await ronde(n, gelijktijdig, lambda i, lat: basis_zaak(client, i, plan, lat, rpc), Latenties(args.pogingen))
    basis.cpu = cpu()
    uitval = Uitval(lat=Latenties(args.pogingen))
    bewaking = None
    if args.kill:
        drempel = max(1, n * len(zaken.LEVENSLOOP) // 2)
        bewaking = doder(stack, nareis_workers[0], uitval, client, reeks, drempel, gelijktijdig)
    meld(f"basislijn: {basis.seconden:.1f} s; nareis")
    cpu = cpu_meter(list(nareis_workers), stack.temporal)
    nareis = await ronde(
        n,
        gelijktijdig,
        lambda i, lat: nareis_zaak(client, i, reeks, lat, rpc, uitval.gedaan),
        Latenties(args.pogingen),
        bewaking,
    )
    nareis.cpu = cpu()
    meld(f"nareis: {nareis.seconden:.1f} s; zaakregister tegen de tijdlijnen")
    controle = Latenties(args.pogingen)
    register = await register_controle(stack.dsn, nareis.handles, controle, gelijktijdig)
    if register["register_missing"] == 0:
        uitval.register_om = time.time()
    meld("geschiedenissen")
    toeval = random.Random(9)
    steekproef = toeval.sample(nareis.handles, min(STEEKPROEF, len(nareis.handles)))
    histories = [await gebeurtenissen(h) for h in steekproef]
    basis_steekproef = toeval.sample(basis.handles, min(STEEKPROEF, len(basis.handles)))
    basis_histories = [await gebeurtenissen(h) for h in basis_steekproef]
    if args.kill:
        uitval.gehouden = await gehouden_zaken(client, reeks, uitval)
    meld("klaar")
    alles = Latenties()
    for lat in (nareis.lat, basis.lat, controle, uitval.lat):
        alles.tel_bij(lat)
    return {
        "n": n,
        "workers": args.workers,
        "nareis": nareis,
        "basis": basis,
        "histories": histories,
        "basis_histories": basis_histories,
        "register": register_aandeel(histories),
        "controle": register,
        "mislukt": alles,
        "kill": uitval.verslag() if args.kill else None,
        "plan": plan,
    }


def per_s(r: Ronde) -> float:
    return len(r.handles) / r.seconden


def cpu_ms(r: Ronde, kant: str) -> float:
    """CPU milliseconds per case that came through, of its workers or of the server."""
    return round(1000 * r.cpu[kant] / len(r.handles), 1) if r.handles else 0.0


VORM = ("ACTIVITY_TASK_SCHEDULED", "TIMER_STARTED", "WORKFLOW_EXECUTION_UPDATE_ACCEPTED")


def verslag(m: dict[str, Any]) -> dict[str, Any]:
    n = m["n"]
    rijen: list[tuple[str, ...]] = [
        (
            "",
            "zaken/s",
            "start p50/p99 ms",
            "update p50/p99 ms",
            "query p50/p99 ms",
            "mislukt",
            "activ./timers/updates",
            "events",
            "KiB",
            "CPU ms worker/server",
        )
    ]
    for naam, histories in (("nareis", m["histories"]), ("basis", m["basis_histories"])):
        r: Ronde = m[naam]
        soorten = tel_soorten(histories[0]) if histories else {}
        events, grootte = omvang(histories)
        rijen.append(
            (
                naam,
                f"{per_s(r):.1f}",
                *(f"{r.lat.p(s, 50):.0f} / {r.lat.p(s, 99):.0f}" for s in ("start", "update", "query")),
                f"{r.lat.mislukte_oproepen()['total']} ({r.opgegeven} zaken)",
                "/".join(str(soorten.get(v, 0)) for v in VORM),
                f"{events:.0f}",
                f"{grootte / 1024:.0f}",
                f"{cpu_ms(r, 'worker'):.0f} / {cpu_ms(r, 'server'):.0f}",
            )
        )
    print(tabel(rijen))
    mislukt: Latenties = m["mislukt"]
    for fout, aantal in sorted(mislukt.fouten.items()):
        print(f"mislukt: {fout} x{aantal} (eerste: {mislukt.voorbeelden.get(fout, '')[:200]})")
    aandeel = m["register"]
    print(
        f"\nregister_vastleggen: {aandeel['register_deel_verwerking']:.1%} van de verwerking door de worker "
        f"(activiteiten + workflow-taken), {aandeel['register_deel_doorlooptijd']:.2%} van de doorlooptijd "
        f"(steekproef van {len(m['histories'])} zaken)"
    )
    controle = m["controle"]
    print(
        f"zaakregister: {controle['register_missing']} ontbrekend, {controle['register_duplicated']} dubbel "
        f"({controle['register_entries']} tijdlijnregels van {controle['register_checked_cases']} zaken)"
    )
    if m["kill"]:
        print(f"gedode worker: {m['kill']}")
    nareis: Ronde = m["nareis"]
    basis: Ronde = m["basis"]
    events, grootte = omvang(m["histories"])
    basis_events, basis_grootte = omvang(m["basis_histories"])
    uitkomst = {
        "cases": n,
        # cases that came through per second: a case given up does not count
        "nareis_wf_per_s": round(per_s(nareis), 2),
        "baseline_wf_per_s": round(per_s(basis), 2),
        "ratio": round(per_s(nareis) / per_s(basis), 3) if per_s(basis) else 0.0,
        "p50_start_ms": round(nareis.lat.p("start", 50), 1),
        "p99_start_ms": round(nareis.lat.p("start", 99), 1),
        "p50_update_ms": round(nareis.lat.p("update", 50), 1),
        "p99_update_ms": round(nareis.lat.p("update", 99), 1),
        "p50_query_ms": round(nareis.lat.p("query", 50), 1),
        "p99_query_ms": round(nareis.lat.p("query", 99), 1),
        "register_share": round(aandeel["register_deel_verwerking"], 4),
        "failed_calls": mislukt.mislukte_oproepen(),
        "failed_reasons": dict(sorted(mislukt.fouten.items())),
        "failed_cases": {"nareis": nareis.opgegeven, "baseline": basis.opgegeven},
        "events_per_case": round(events, 1),
        "kib_per_case": round(grootte / 1024, 2),
        "baseline_events_per_case": round(basis_events, 1),
        "baseline_kib_per_case": round(basis_grootte / 1024, 2),
        "worker_cpu_ms_per_case": cpu_ms(nareis, "worker"),
        "server_cpu_ms_per_case": cpu_ms(nareis, "server"),
        "baseline_worker_cpu_ms_per_case": cpu_ms(basis, "worker"),
        "baseline_server_cpu_ms_per_case": cpu_ms(basis, "server"),
        "workers": m["workers"],
        "baseline_upserts": sum(f.get("zoekattributen", 0) for f in m.get("plan", {}).get("fasen", [])),
        **controle,
    }
    if m["kill"]:
        uitkomst["kill"] = m["kill"]
    return uitkomst


def argumenten(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.throughput",
        description=(__doc__ or "").split("\n\n")[0],
    )
    parser.add_argument("--cases", type=int, default=2000, help="zaken per ronde (standaard 2000)")
    parser.add_argument("--gelijktijdig", type=int, default=200, help="zaken tegelijk onderweg (standaard 200)")
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker-processen voor nareis, en evenveel voor de basislijn (standaard 1)",
    )
    parser.add_argument(
        "--kill",
        action="store_true",
        help="SIGKILL één nareis-worker als de helft van de updates gedaan is; meldt mislukte oproepen, "
        "ontbrekende of dubbele registerregels en de hersteltijd (vereist --workers 2 of meer)",
    )
    parser.add_argument(
        "--sticky-timeout",
        type=int,
        metavar="SECONDEN",
        help="NAREIS_STICKY_TIMEOUT_S van alle workers: zo lang wacht een workflow-taak op de cache van "
        "zijn worker voor een andere hem mag nemen (standaard: de instelling van de worker, 5)",
    )
    parser.add_argument(
        "--rpc-timeout",
        type=float,
        default=RPC.total_seconds(),
        metavar="SECONDEN",
        help="hoe lang één oproep (start, update, query) mag duren; daarna telt hij als mislukt (standaard 300)",
    )
    parser.add_argument(
        "--pogingen", type=int, default=3, help="pogingen per oproep; daarna wordt de zaak opgegeven (standaard 3)"
    )
    parser.add_argument(
        "--basislijn-met-zoekattributen",
        action="store_true",
        help="de basislijn doet per fase ook evenveel search-attribute-upserts als de proefzaak (een analyse: "
        "wat nareis kost boven wat de zoekattributen van CONTRACT.md elke implementatie kosten)",
    )
    parser.add_argument("--bewaar", action="store_true", help="bewaar de tijdelijke map met de logs")
    parser.add_argument(
        "--zonder-bytecode", action="store_true", help="geen compileall vooraf (zoals een installatie zonder .pyc)"
    )
    args = parser.parse_args(argv)
    if min(args.cases, args.gelijktijdig, args.workers, args.pogingen) < 1:
        parser.error("--cases, --gelijktijdig, --workers en --pogingen: minstens 1")
    if args.rpc_timeout <= 0 or (args.sticky_timeout is not None and args.sticky_timeout < 1):
        parser.error("--rpc-timeout en --sticky-timeout: groter dan 0")
    if args.kill and args.workers < 2:
        parser.error("--kill: vereist --workers 2 of meer (anders neemt niemand het over)")
    return args


def main(argv: list[str] | None = None) -> int:
    args = argumenten(argv)
    env = {} if args.sticky_timeout is None else {"NAREIS_STICKY_TIMEOUT_S": str(args.sticky_timeout)}
    belasting = belasting_nu()
    with stapel(bewaar=args.bewaar, bytecode=not args.zonder_bytecode) as stack:
        nareis_workers = stack.start_workers(args.workers, **env)
        stack.start_workers(args.workers, "benchmarks.basisworker", basislijn.TASK_QUEUE, **env)
        m = asyncio.run(meet(stack, args, nareis_workers))
    print(json.dumps({**verslag(m), **belasting_tijdens(belasting)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
