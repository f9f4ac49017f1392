"""`python -m benchmarks.throughput [--cases N]`: cases per second end to end (issue #9 §1).

On a fresh embedded stack (`benchmarks.stack`): N typical cases (`benchmarks.zaken.LEVENSLOOP`,
up to the mvv collected; each case then waits on its objection term, so "done" is the answer
to a status query after the last action) driven concurrently through the nareis worker, then N cases of the baseline
(`benchmarks.basislijn`: the same number of updates, activities and timers, nothing else)
through a worker process configured alike. Prints a table and, as its last line, one JSON
object. Also the register's share (issue #7): the time `register_vastleggen` runs, from the
histories of a sample of cases, against the worker's whole processing of those cases.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from datetime import datetime, timedelta
from typing import Any

from temporalio.api.enums.v1 import EventType
from temporalio.client import Client, WorkflowHandle
from temporalio.common import WorkflowIDReusePolicy

from benchmarks import basislijn, zaken
from benchmarks.meten import Latenties, gebeurtenissen, tabel, tel_soorten
from benchmarks.stack import Stapel, stapel
from nareis.contract import QUERY_STATUS, WORKFLOW_TYPE, workflow_id
from nareis.tijd import datum_in_amsterdam

NAREIS_TQ = "nareis"
#: a loaded 2-core machine answers slowly; a call that waits this long is measured, not failed
RPC = timedelta(minutes=5)
STEEKPROEF = 50


# -- one case of each kind --


async def nareis_zaak(client: Client, nummer: int, reeks: str, lat: Latenties) -> WorkflowHandle[Any, Any]:
    nr = zaken.aanvraagnummer(reeks, nummer)
    vandaag = datum_in_amsterdam(datetime.now().astimezone())
    handle = await lat.meet(
        "start",
        client.start_workflow(
            WORKFLOW_TYPE,
            zaken.aanvraag(nr, nummer, vandaag),
            id=workflow_id(nr),
            task_queue=NAREIS_TQ,
            id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
        ),
    )
    await lat.meet("query", handle.query(QUERY_STATUS, result_type=dict, rpc_timeout=RPC))
    for naam, payload in zaken.LEVENSLOOP:
        await lat.meet("update", handle.execute_update(naam, payload, result_type=dict, rpc_timeout=RPC))
    # the case now waits on the objection term (4 weeks): its life here is done
    await lat.meet("query", handle.query(QUERY_STATUS, result_type=dict, rpc_timeout=RPC))
    return handle


async def basis_zaak(client: Client, nummer: int, plan: dict[str, Any], lat: Latenties) -> WorkflowHandle[Any, Any]:
    handle = await lat.meet(
        "start",
        client.start_workflow(basislijn.TYPE, plan, id=f"basis-{nummer}", task_queue=basislijn.TASK_QUEUE),
    )
    await lat.meet("query", handle.query(QUERY_STATUS, result_type=dict, rpc_timeout=RPC))
    for naam, _ in zaken.LEVENSLOOP:
        await lat.meet("update", handle.execute_update("stap", {"naam": naam}, result_type=dict, rpc_timeout=RPC))
    # the case now waits on the objection term (4 weeks): its life here is done
    await lat.meet("query", handle.query(QUERY_STATUS, result_type=dict, rpc_timeout=RPC))
    return handle


# -- the baseline's plan: the shape of a real case --


def plan_uit(events: list[Any]) -> dict[str, Any]:
    """Per phase (split at each accepted update) the activities scheduled and whether a
    timer started, from a finished case's history."""
    fasen: list[dict[str, Any]] = [{"activiteiten": 0, "timer": False}]
    for e in events:
        if e.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
            fasen.append({"activiteiten": 0, "timer": False})
        elif e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
            fasen[-1]["activiteiten"] += 1
        elif e.event_type == EventType.EVENT_TYPE_TIMER_STARTED:
            fasen[-1]["timer"] = True
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


async def ronde(n: int, gelijktijdig: int, zaak) -> tuple[float, Latenties, list[WorkflowHandle[Any, Any]]]:
    lat = Latenties()
    rem = asyncio.Semaphore(gelijktijdig)

    async def een(i: int) -> WorkflowHandle[Any, Any]:
        async with rem:
            return await zaak(i, lat)

    begin = time.perf_counter()
    handles = await asyncio.gather(*(een(i) for i in range(n)))
    return time.perf_counter() - begin, lat, list(handles)


async def meet(stack: Stapel, n: int, gelijktijdig: int) -> dict[str, Any]:
    client = await stack.client()
    reeks = f"{int(time.time()) % 10_000:04d}"
    # a probe case gives the baseline its shape, and warms both workers up
    proef = await nareis_zaak(client, 999_999, reeks, Latenties())
    plan = plan_uit(await rustig(proef))
    await basis_zaak(client, 999_999, plan, Latenties())

    basis_s, basis_lat, basis_handles = await ronde(n, gelijktijdig, lambda i, lat: basis_zaak(client, i, plan, lat))
    nareis_s, nareis_lat, nareis_handles = await ronde(
        n, gelijktijdig, lambda i, lat: nareis_zaak(client, i, reeks, lat)
    )
    steekproef = random.Random(9).sample(nareis_handles, min(STEEKPROEF, n))
    histories = [await gebeurtenissen(h) for h in steekproef]
    basis_events = await gebeurtenissen(basis_handles[0])
    return {
        "n": n,
        "nareis": (nareis_s, nareis_lat, tel_soorten(histories[0]), sum(e.ByteSize() for e in histories[0])),
        "basis": (basis_s, basis_lat, tel_soorten(basis_events), sum(e.ByteSize() for e in basis_events)),
        "register": register_aandeel(histories),
        "plan": plan,
    }


VORM = ("ACTIVITY_TASK_SCHEDULED", "TIMER_STARTED", "WORKFLOW_EXECUTION_UPDATE_ACCEPTED")


def verslag(m: dict[str, Any]) -> dict[str, Any]:
    n = m["n"]
    rijen = [
        (
            "",
            "zaken/s",
            "start p50/p99 ms",
            "update p50/p99 ms",
            "query p50/p99 ms",
            "activ./timers/updates",
            "events",
            "KiB",
        )
    ]
    for naam in ("nareis", "basis"):
        seconden, lat, soorten, grootte = m[naam]
        rijen.append(
            (
                naam,
                f"{n / seconden:.1f}",
                *(f"{lat.p(s, 50):.0f} / {lat.p(s, 99):.0f}" for s in ("start", "update", "query")),
                "/".join(str(soorten.get(v, 0)) for v in VORM),
                str(sum(soorten.values())),
                f"{grootte / 1024:.0f}",
            )
        )
    print(tabel(rijen))
    r = m["register"]
    print(
        f"\nregister_vastleggen: {r['register_deel_verwerking']:.1%} van de verwerking door de worker "
        f"(activiteiten + workflow-taken), {r['register_deel_doorlooptijd']:.2%} van de doorlooptijd "
        f"(steekproef van {min(STEEKPROEF, n)} zaken)"
    )
    nareis_s, nareis_lat = m["nareis"][:2]
    basis_s = m["basis"][0]
    return {
        "cases": n,
        "nareis_wf_per_s": round(n / nareis_s, 2),
        "baseline_wf_per_s": round(n / basis_s, 2),
        "ratio": round(basis_s / nareis_s, 3),
        "p50_start_ms": round(nareis_lat.p("start", 50), 1),
        "p99_start_ms": round(nareis_lat.p("start", 99), 1),
        "p50_update_ms": round(nareis_lat.p("update", 50), 1),
        "p99_update_ms": round(nareis_lat.p("update", 99), 1),
        "p50_query_ms": round(nareis_lat.p("query", 50), 1),
        "p99_query_ms": round(nareis_lat.p("query", 99), 1),
        "register_share": round(r["register_deel_verwerking"], 4),
    }


def argumenten(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.throughput", description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=2000, help="zaken per ronde (standaard 2000)")
    parser.add_argument("--gelijktijdig", type=int, default=200, help="zaken tegelijk onderweg (standaard 200)")
    parser.add_argument("--bewaar", action="store_true", help="bewaar de tijdelijke map met de logs")
    parser.add_argument(
        "--zonder-bytecode", action="store_true", help="geen compileall vooraf (zoals het image zonder .pyc)"
    )
    args = parser.parse_args(argv)
    if args.cases < 1 or args.gelijktijdig < 1:
        parser.error("--cases en --gelijktijdig: minstens 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = argumenten(argv)
    with stapel(bewaar=args.bewaar, bytecode=not args.zonder_bytecode) as stack:
        stack.start_worker()
        stack.start_worker("benchmarks.basisworker", basislijn.TASK_QUEUE)
        m = asyncio.run(meet(stack, args.cases, args.gelijktijdig))
    print(json.dumps(verslag(m)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
