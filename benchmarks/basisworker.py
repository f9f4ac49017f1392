"""`python -m benchmarks.basisworker`: the baseline's worker, configured as `python -m worker`
is (same sandbox, sticky cache, activity slots and `NAREIS_*`/`TEMPORAL_*` settings)."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from temporalio.worker import Worker

from benchmarks.basislijn import Basislijn, basis_stap
from client.connect import verbind
from client.settings import Instellingen
from worker.draaien import stop_bij_signaal, workflow_runner


async def draai() -> None:
    instellingen = Instellingen.uit_omgeving()
    client = await verbind(instellingen)
    stop = asyncio.Event()
    stop_bij_signaal(stop)
    async with Worker(
        client,
        task_queue=instellingen.task_queue,
        workflows=[Basislijn],
        activities=[basis_stap],
        workflow_runner=workflow_runner(instellingen.workflow_sandbox),
        max_cached_workflows=instellingen.max_cached_workflows,
        max_concurrent_activities=instellingen.max_concurrent_activities,
        sticky_queue_schedule_to_start_timeout=timedelta(seconds=instellingen.sticky_timeout_s),
    ):
        logging.getLogger("nareis.basislijn").warning("worker draait: %s", instellingen.task_queue)
        await stop.wait()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(draai())
