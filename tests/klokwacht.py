"""Keeps the shared time-skipping server's clock free between tests.

The test server does not skip time while a workflow task is outstanding. A case whose workflow
task fails for good keeps one outstanding for ever, and terminating it does not give the lock
back (tried on temporal-test-server 1.40: a later case's 30-day timer then never fires), so
every later test on the shared server would hang. After each test the workflows it started
there are checked: one whose last workflow task failed, or one left running on a task queue
whose worker has stopped, is terminated, the clock's lock it held is released, and the test
fails naming it, so the suite goes on and says which test to move to a server of its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field
from typing import Any

from temporalio.api.enums.v1 import EventType
from temporalio.api.testservice.v1 import UnlockTimeSkippingRequest
from temporalio.client import (
    Client,
    Interceptor,
    OutboundInterceptor,
    StartWorkflowInput,
    WorkflowHandle,
)
from temporalio.service import RPCError

_SLOT = {
    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT,
    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
}
_AFGESLOTEN_TAAK = {
    EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
    EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED,
}


@dataclass
class Klokwacht(Interceptor):
    """A client interceptor of the shared server: remembers each workflow started through it."""

    gedeelde_wachtrij: str
    #: a task that failed once may still succeed on its retry (a deadlock under load): this long
    hersteltijd_s: float = 15.0
    gestart: list[tuple[str, str]] = field(default_factory=list)  # (workflow id, task queue)

    def intercept_client(self, next: OutboundInterceptor) -> OutboundInterceptor:
        return _Onthouden(next, self)

    async def controleer(self, client: Client, sinds: int) -> list[str]:
        """Free the clock of what the workflows started since `sinds` hold; say what was wrong."""
        bevindingen = []
        for workflow_id, wachtrij in dict(self.gestart[sinds:]).items():
            handle = client.get_workflow_handle(workflow_id)
            try:
                if await _laatste_taak(handle) in _SLOT:
                    continue
                if await _taak_faalt(handle, self.hersteltijd_s):
                    bevindingen.append(f"{workflow_id}: de workflowtaak faalt blijvend")
                    await _beeindig(client, handle, vrijgeven=True)
                elif wachtrij != self.gedeelde_wachtrij:
                    bevindingen.append(f"{workflow_id}: loopt nog op taakwachtrij {wachtrij} zonder worker")
                    await _beeindig(client, handle, vrijgeven=False)
            except RPCError:
                continue  # gone (another test's cleanup) or the server is stopping
        return bevindingen


class _Onthouden(OutboundInterceptor):
    def __init__(self, next: OutboundInterceptor, wacht: Klokwacht) -> None:
        super().__init__(next)
        self._wacht = wacht

    async def start_workflow(self, input: StartWorkflowInput) -> WorkflowHandle[Any, Any]:
        self._wacht.gestart.append((input.id, input.task_queue))
        return await super().start_workflow(input)


async def _taak_faalt(handle: WorkflowHandle[Any, Any], hersteltijd_s: float) -> bool:
    einde = time.monotonic() + hersteltijd_s
    while await _laatste_taak(handle) == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED:
        if time.monotonic() > einde:
            return True
        await asyncio.sleep(0.5)
    return False


async def _laatste_taak(handle: WorkflowHandle[Any, Any]) -> EventType.ValueType | None:
    """How the latest run's last workflow task ended, or its closing event. From the history:
    the test server's describe cannot always decode the search attributes."""
    laatste = None
    async for event in handle.fetch_history_events():
        if event.event_type in _AFGESLOTEN_TAAK or event.event_type in _SLOT:
            laatste = event.event_type
    return laatste


async def _beeindig(client: Client, handle: WorkflowHandle[Any, Any], *, vrijgeven: bool) -> None:
    await handle.terminate(reason="klokwacht: achtergelaten door een test")
    if vrijgeven:
        # the lock of a retried task outlives the workflow; none is held when no retry had started
        with contextlib.suppress(RPCError):
            await client.test_service.unlock_time_skipping(UnlockTimeSkippingRequest())
