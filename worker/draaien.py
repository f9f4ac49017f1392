"""The worker process: connect, prepare the namespace and the register, run until stopped."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
from temporalio.client import Client
from temporalio.worker import UnsandboxedWorkflowRunner, Worker, WorkflowRunner
from temporalio.worker.workflow_sandbox import SandboxedWorkflowRunner, SandboxRestrictions

from activities.migreren import migreer
from activities.stappen import bouw_activiteiten
from activities.versleutelen import versleutel_register
from client.connect import verbind
from client.registerkluis import Sleutelring, meld_onversleuteld, sleutelring
from client.settings import ConfiguratieFout, Instellingen
from client.tracing import traces_afronden
from worker import gcpauzes, logboek, search_attributes, taakfouten
from worker.telemetrie import metrics_runtime
from workflows.nareisaanvraag import Nareisaanvraag

log = logging.getLogger("nareis.worker")

#: in-flight activities get this long to finish on SIGTERM; unfinished ones are retried
GRACEFUL_SHUTDOWN_S = 30
#: a shutdown still not done after this is abandoned: a workflow whose task tripped the SDK's
#: deadlock detector (2 s without yielding, as a starved thread on a loaded machine can) keeps
#: Core from ever finishing it (sdk-python #530). Its cases go to another worker as after a crash.
AFSLUITEN_UITERLIJK_S = GRACEFUL_SHUTDOWN_S + 30


async def voorbereiden(client: Client, instellingen: Instellingen, pool: asyncpg.Pool, kluis: Sleutelring) -> None:
    """CONTRACT.md: search attributes present and the register's schema current; rows the
    register still holds in plain text (written before migration 0006, or without a key)
    encrypted; without a key, the warning that they are not."""
    meld_onversleuteld(kluis)
    if not instellingen.workflow_sandbox:
        log.warning(
            "workflow-sandbox uit (NAREIS_WORKFLOW_SANDBOX=false): alleen de replay-tests bewaken het determinisme"
        )
    if instellingen.zoekattributen_registreren:
        await search_attributes.registreer(client, instellingen.temporal_namespace)
    toegepast = await migreer(pool)
    if toegepast:
        log.info("zaakregister bijgewerkt: %s", ", ".join(toegepast))
    await versleutel_register(pool, kluis)


def workflow_runner(sandbox: bool = True) -> WorkflowRunner:
    """The sandbox, with the pure domain and its libraries passed through: they are
    deterministic and side-effect free, so loading them once is safe and saves memory.

    Without it (`NAREIS_WORKFLOW_SANDBOX=false`) a new or evicted case skips re-executing the
    workflow module, about 11 ms, and each task the sandbox's own bookkeeping: a fifth of the
    worker's CPU (README "Performance"). Determinism then rests on the replay tests alone."""
    if not sandbox:
        return UnsandboxedWorkflowRunner()
    return SandboxedWorkflowRunner(
        restrictions=SandboxRestrictions.default.with_passthrough_modules("nareis", "dateutil", "pydantic")
    )


def maak_worker(
    client: Client,
    instellingen: Instellingen,
    activiteiten: Sequence[Any],
    **opties: Any,
) -> Worker:
    from datetime import timedelta

    taakfouten.meld_aan(instellingen.task_queue, client.service_client.config.runtime)
    return Worker(
        client,
        task_queue=instellingen.task_queue,
        workflows=[Nareisaanvraag],
        workflow_runner=workflow_runner(instellingen.workflow_sandbox),
        activities=list(activiteiten),
        max_cached_workflows=instellingen.max_cached_workflows,
        max_concurrent_activities=instellingen.max_concurrent_activities,
        graceful_shutdown_timeout=timedelta(seconds=GRACEFUL_SHUTDOWN_S),
        sticky_queue_schedule_to_start_timeout=timedelta(seconds=instellingen.sticky_timeout_s),
        **opties,
    )


@asynccontextmanager
async def draaiende_worker(
    client: Client, instellingen: Instellingen, pool: asyncpg.Pool, **opties: Any
) -> AsyncIterator[Worker]:
    """Prepare, then run a worker for the duration of the block (tests and the dev stack)."""
    kluis = sleutelring(instellingen)
    await voorbereiden(client, instellingen, pool, kluis)
    worker = maak_worker(client, instellingen, bouw_activiteiten(pool, kluis), **opties)
    await worker.__aenter__()
    try:
        yield worker
    finally:
        await begrensd_afsluiten(worker)


async def begrensd_afsluiten(worker: Worker, seconden: float = AFSLUITEN_UITERLIJK_S) -> None:
    """`async with worker`'s exit, given up (with an error in the log) after `seconden`."""
    try:
        async with asyncio.timeout(seconden):
            await worker.__aexit__(None, None, None)
    except TimeoutError:
        log.error("worker afsluiten duurde langer dan %s s (een vastgelopen workflow-taak); opgegeven", seconden)


async def draai(instellingen: Instellingen, stop: asyncio.Event) -> None:
    runtime = metrics_runtime(instellingen)  # before the client connects: it takes the default Runtime
    if runtime is not None:
        gcpauzes.meld_aan(runtime)
    dsn = instellingen.vereis_database()  # a missing setting is said before anything starts
    sleutelring(instellingen)  # a malformed key is said before anything connects
    client = await verbind(instellingen)
    pool = await asyncpg.create_pool(dsn, min_size=1, max_size=10)
    gcpauzes.opstart_bevriezen()  # everything is imported, no case is loaded yet
    try:
        async with draaiende_worker(client, instellingen, pool):
            log.info(
                "worker draait: %s, namespace %s, taakwachtrij %s",
                instellingen.temporal_address,
                instellingen.temporal_namespace,
                instellingen.task_queue,
            )
            await stop.wait()
            log.info("stoppen: lopende activiteiten krijgen %s s", GRACEFUL_SHUTDOWN_S)
    finally:
        await pool.close()


def stop_bij_signaal(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)


def main() -> int:
    try:
        instellingen = Instellingen.uit_omgeving()
    except ConfiguratieFout as fout:
        logboek.stel_in()
        log.error("%s", fout)
        return 2
    logboek.stel_in(instellingen.log_formaat)

    async def _main() -> None:
        stop = asyncio.Event()
        stop_bij_signaal(stop)
        await draai(instellingen, stop)

    try:
        asyncio.run(_main())
    except ConfiguratieFout as fout:
        log.error("%s", fout)
        return 2
    finally:
        traces_afronden()
    return 0
