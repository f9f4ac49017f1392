"""`python -m benchmarks.capacity [--stappen 1000,10000,50000]`: how many open cases one
worker and the dev server hold (issue #9 §2).

On a fresh embedded stack, cases are started (received today, timely) until the next step's
number is open; each then waits on its beslistermijn, months away. At every step: the
resident memory of the worker process and the dev server, memory per 1,000 open cases, and
the latency of a `status` query on random cases — most of them evicted from the worker's
sticky cache once there are more cases than `NAREIS_MAX_CACHED_WORKFLOWS`, so the query
replays their history. Then, with nothing else running, the same query on a case the worker holds
(`query_idle_cached_*`) and on one it evicted long ago (`query_idle_evicted_*`, issue #18 §6).
`worker_gc_full` counts the worker's full garbage collections so far (its mean and those over
500 ms, read from its `/metrics`): each holds up every task and query of the process.
A call that fails is counted (`failed_calls`), never the end of the run. The last line is one JSON
object for the last step.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import sys
import time
from datetime import datetime, timedelta
from typing import Any

import httpx
from temporalio.api.enums.v1 import TaskQueueType
from temporalio.api.taskqueue.v1 import TaskQueue
from temporalio.api.workflowservice.v1 import DescribeTaskQueueRequest
from temporalio.client import Client
from temporalio.common import WorkflowIDReusePolicy

from benchmarks import zaken
from benchmarks.meten import Latenties, Mislukt, tabel, volledige_collecties
from benchmarks.stack import Stapel, belasting_nu, belasting_tijdens, stapel
from nareis.contract import QUERY_STATUS, WORKFLOW_TYPE, workflow_id
from nareis.tijd import datum_in_amsterdam
from worker.dev import vrije_poort

TQ = "nareis"
QUERIES = 200


async def start_zaken(client: Client, van: int, tot: int, reeks: str, gelijktijdig: int, lat: Latenties) -> None:
    vandaag = datum_in_amsterdam(datetime.now().astimezone())
    rem = asyncio.Semaphore(gelijktijdig)

    async def een(i: int) -> None:
        nr = zaken.aanvraagnummer(reeks, i)
        async with rem:
            with contextlib.suppress(Mislukt):  # counted in lat.mislukt
                await lat.probeer(
                    "start",
                    lambda: client.start_workflow(
                        WORKFLOW_TYPE,
                        zaken.aanvraag(nr, i, vandaag),
                        id=workflow_id(nr),
                        task_queue=TQ,
                        id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
                    ),
                )

    await asyncio.gather(*(een(i) for i in range(van, tot)))


async def achterstand(client: Client) -> int:
    """Tasks waiting on the queue (workflow + activity): 0 once every case is settled."""
    totaal = 0
    for soort in (TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY):
        antwoord = await client.workflow_service.describe_task_queue(
            DescribeTaskQueueRequest(
                namespace=client.namespace, task_queue=TaskQueue(name=TQ), task_queue_type=soort, report_stats=True
            )
        )
        totaal += antwoord.stats.approximate_backlog_count
    return totaal


async def wacht_tot_rustig(client: Client, seconden: float = 3600) -> None:
    einde = time.monotonic() + seconden
    rustig = 0
    while rustig < 3:  # the backlog count is approximate: three quiet readings in a row
        rustig = rustig + 1 if await achterstand(client) == 0 else 0
        if time.monotonic() > einde:
            raise TimeoutError("de worker haalt de achterstand niet in")
        await asyncio.sleep(1)


async def status_query(client: Client, reeks: str, i: int, lat: Latenties, soort: str) -> None:
    handle = client.get_workflow_handle(workflow_id(zaken.aanvraagnummer(reeks, i)))
    with contextlib.suppress(Mislukt):  # counted in lat.mislukt
        await lat.probeer(soort, lambda: handle.query(QUERY_STATUS, result_type=dict, rpc_timeout=timedelta(minutes=5)))


async def query_latenties(client: Client, open_: int, reeks: str, aantal: int) -> Latenties:
    lat = Latenties()
    for i in random.Random(open_).sample(range(open_), min(aantal, open_)):
        await status_query(client, reeks, i, lat, "query")
    return lat


async def rustige_queries(client: Client, open_: int, cache: int, reeks: str, aantal: int) -> Latenties:
    """One at a time on a quiet stack. Evicted: the oldest cases, untouched since they started
    while the sticky cache (least recently used first) filled with newer ones; each asked once,
    since the query puts it back. Cached: a case asked right after a first query loaded it."""
    lat = Latenties()
    ouder = max(0, open_ - cache)
    if ouder:
        for i in random.Random(-open_).sample(range(ouder), min(aantal, ouder)):
            await status_query(client, reeks, i, lat, "uitgezet")
    for i in random.Random(open_ + 1).sample(range(open_), min(aantal, open_)):
        await status_query(client, reeks, i, lat, "opwarmen")  # its failures count too
        await status_query(client, reeks, i, lat, "gecacht")
    return lat


async def gc_van_worker(metrics_poort: int) -> dict[str, Any]:
    """The worker's full garbage collections so far (its Prometheus endpoint); an endpoint that
    does not answer is reported, not the end of the run."""
    try:
        async with httpx.AsyncClient() as http:
            antwoord = await http.get(f"http://127.0.0.1:{metrics_poort}/metrics", timeout=10)
            antwoord.raise_for_status()
    except httpx.HTTPError as fout:
        return {"niet_gelezen": f"{type(fout).__name__}: {fout}"}
    return volledige_collecties(antwoord.text)


async def meet(
    stack: Stapel, worker: Any, stappen: list[int], gelijktijdig: int, cache: int, metrics_poort: int
) -> list[dict[str, Any]]:
    client = await stack.client()
    reeks = f"{int(time.time()) % 10_000:04d}"
    await asyncio.sleep(2)
    leeg = (stack.rss_mb(worker), stack.rss_mb(stack.temporal))
    uitkomsten: list[dict[str, Any]] = []
    open_ = 0
    start_s = 0.0
    for stap in stappen:
        lat = Latenties()
        begin = time.perf_counter()
        await start_zaken(client, open_, stap, reeks, gelijktijdig, lat)
        await wacht_tot_rustig(client)
        stap_s = time.perf_counter() - begin
        start_s += stap_s
        open_ = stap
        await asyncio.sleep(2)
        rustig = await rustige_queries(client, open_, cache, reeks, QUERIES // 4)  # before others touch them
        q = await query_latenties(client, open_, reeks, QUERIES)
        mislukt = Latenties()
        for deel in (lat, q, rustig):
            mislukt.tel_bij(deel)
        werker, server = stack.rss_mb(worker), stack.rss_mb(stack.temporal)
        vorige = uitkomsten[-1] if uitkomsten else {"open_cases": 0, "worker_rss_mb": leeg[0]}
        uitkomsten.append(
            {
                "open_cases": open_,
                "worker_rss_mb": round(werker, 1),
                "server_rss_mb": round(server, 1),
                "worker_mb_per_1000": round((werker - leeg[0]) / open_ * 1000, 1),
                "server_mb_per_1000": round((server - leeg[1]) / open_ * 1000, 1),
                # growth since the previous step: flat (~0) once the sticky cache is full
                "worker_mb_per_1000_erbij": round(
                    (werker - vorige["worker_rss_mb"]) / (open_ - vorige["open_cases"]) * 1000, 1
                ),
                "query_p50_ms": round(q.p("query", 50), 1),
                "query_p99_ms": round(q.p("query", 99), 1),
                "query_idle_cached_p50_ms": round(rustig.p("gecacht", 50), 1),
                "query_idle_cached_p99_ms": round(rustig.p("gecacht", 99), 1),
                # None below the cache size: no case has been evicted yet
                "query_idle_evicted_p50_ms": round(rustig.p("uitgezet", 50), 1) if rustig.ms["uitgezet"] else None,
                "query_idle_evicted_p99_ms": round(rustig.p("uitgezet", 99), 1) if rustig.ms["uitgezet"] else None,
                "start_p99_ms": round(lat.p("start", 99), 1),
                "start_all_s": round(start_s, 1),
                "cases_per_s_started": round((open_ - vorige["open_cases"]) / stap_s, 1),
                "failed_calls": mislukt.mislukte_oproepen(),
                # every workflow task, activity and query of the worker waits while one runs
                "worker_gc_full": await gc_van_worker(metrics_poort),
            }
        )
        print(
            f"  {open_} open: worker {werker:.0f} MB, server {server:.0f} MB, query p99 {q.p('query', 99):.0f} ms",
            file=sys.stderr,
            flush=True,
        )
    return uitkomsten


def verslag(uitkomsten: list[dict[str, Any]], cache: int) -> None:
    kolommen = [k for k in uitkomsten[0] if k not in ("failed_calls", "worker_gc_full")]
    print(f"sticky cache: {cache} workflows")
    print(tabel([tuple(kolommen), *(tuple(str(u[k]) for k in kolommen) for u in uitkomsten)]))
    for u in uitkomsten:
        print(
            f"{u['open_cases']} open: mislukte oproepen {u['failed_calls']}, "
            f"volledige garbage collections van de worker tot nu {u['worker_gc_full']}"
        )


def argumenten(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.capacity", description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, help="één stap: zoveel open zaken")
    parser.add_argument(
        "--stappen", default="1000,10000", help="open zaken per meting, oplopend (standaard 1000,10000)"
    )
    parser.add_argument("--gelijktijdig", type=int, default=100, help="starts tegelijk onderweg (standaard 100)")
    parser.add_argument(
        "--cache", type=int, help="NAREIS_MAX_CACHED_WORKFLOWS van de worker (standaard: de instelling)"
    )
    parser.add_argument("--bewaar", action="store_true", help="bewaar de tijdelijke map met de logs")
    args = parser.parse_args(argv)
    try:
        args.stappen = [args.cases] if args.cases else [int(s) for s in args.stappen.split(",")]
    except ValueError:
        parser.error(f"--stappen: getallen met komma's, niet {args.stappen!r}")
    if any(s < 1 for s in args.stappen) or args.stappen != sorted(set(args.stappen)):
        parser.error("--stappen/--cases: oplopende positieve getallen")
    return args


def main(argv: list[str] | None = None) -> int:
    from client.settings import Instellingen

    args = argumenten(argv)
    cache = args.cache or Instellingen.uit_omgeving().max_cached_workflows
    belasting = belasting_nu()
    with stapel(bewaar=args.bewaar) as stack:
        metrics_poort = vrije_poort()
        worker = stack.start_worker(NAREIS_MAX_CACHED_WORKFLOWS=str(cache), NAREIS_METRICS_PORT=str(metrics_poort))
        uitkomsten = asyncio.run(meet(stack, worker, args.stappen, args.gelijktijdig, cache, metrics_poort))
    verslag(uitkomsten, cache)
    print(json.dumps({**uitkomsten[-1], **belasting_tijdens(belasting)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
