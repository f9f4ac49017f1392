"""The shared server's guard (tests/klokwacht.py) on a time-skipping server of its own: a case
whose workflow task fails for good is found, ended, and the clock moves again."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
import pytest_asyncio
from temporalio import workflow
from temporalio.api.enums.v1 import EventType
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from tests.klokwacht import Klokwacht
from worker.binaries import temporal_test_server

pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="session")]


@workflow.defn
class TaakFaalt:
    @workflow.run
    async def run(self) -> None:
        raise RuntimeError("een fout in de workflowcode: de taak faalt bij elke poging")


@workflow.defn
class Wacht:
    @workflow.run
    async def run(self) -> str:
        await workflow.sleep(timedelta(days=30))
        return "gewekt"


async def _gefaald(handle) -> bool:
    return any([e.event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED async for e in handle.fetch_history_events()])


@pytest_asyncio.fixture(loop_scope="session", scope="module")
async def eigen_server() -> AsyncIterator[tuple[WorkflowEnvironment, Klokwacht]]:
    wacht = Klokwacht(gedeelde_wachtrij=f"klok-{uuid.uuid4().hex[:8]}", hersteltijd_s=0.5)
    env = await WorkflowEnvironment.start_time_skipping(
        interceptors=[wacht], test_server_existing_path=str(temporal_test_server())
    )
    yield env, wacht
    await env.shutdown()


async def test_blijvend_falende_taak_beeindigd_en_de_klok_loopt_weer(eigen_server) -> None:
    env, wacht = eigen_server
    async with Worker(env.client, task_queue=wacht.gedeelde_wachtrij, workflows=[TaakFaalt, Wacht]):
        stuk = await env.client.start_workflow(TaakFaalt.run, id="stuk", task_queue=wacht.gedeelde_wachtrij)
        for _ in range(600):  # until the first attempt's failure is in the history
            if await _gefaald(stuk):
                break
            await asyncio.sleep(0.1)
        bevindingen = await wacht.controleer(env.client, 0)
        assert bevindingen == ["stuk: de workflowtaak faalt blijvend"]
        assert (await stuk.describe()).status.name == "TERMINATED"
        # the clock skips 30 days again: without the release this waits for ever
        gewekt = await asyncio.wait_for(
            env.client.execute_workflow(Wacht.run, id="wacht", task_queue=wacht.gedeelde_wachtrij), 60
        )
        assert gewekt == "gewekt"
