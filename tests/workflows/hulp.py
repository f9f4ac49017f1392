"""Driving a case through the contract only: start by name, updates by name, query `status`."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from typing import Any

from temporalio.api.enums.v1 import EventType
from temporalio.api.testservice.v1 import SleepRequest
from temporalio.client import Client, WorkflowHandle, WorkflowHistoryEventFilterType
from temporalio.common import SearchAttributeKey, WorkflowIDReusePolicy
from temporalio.testing import WorkflowEnvironment

from nareis.tijd import datum_in_amsterdam

#: a rejection on IDENTITEIT where the advice has not concluded it: motivated (DOMAIN.md §3.7)
MOTIVERING = {"IDENTITEIT": "identiteit niet aannemelijk gemaakt"}


async def vandaag(env: WorkflowEnvironment) -> date:
    return datum_in_amsterdam(await env.get_current_time())


async def start(client: Client, task_queue: str, aanvraag: dict[str, Any]) -> WorkflowHandle[Any, Any]:
    handle: WorkflowHandle[Any, Any] = await client.start_workflow(
        "Nareisaanvraag",
        aanvraag,
        id=f"nareis-{aanvraag['aanvraagnummer']}",
        task_queue=task_queue,
        id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
    )
    return handle


async def status(handle: WorkflowHandle[Any, Any]) -> dict[str, Any]:
    resultaat = await handle.query("status", result_type=dict)
    assert isinstance(resultaat, dict)
    return resultaat


async def actie(handle: WorkflowHandle[Any, Any], naam: str, **payload: Any) -> dict[str, Any]:
    payload = {k: v.isoformat() if isinstance(v, date) else v for k, v in payload.items()}
    resultaat = await handle.execute_update(naam, payload, result_type=dict)
    assert isinstance(resultaat, dict)
    return resultaat


async def beslis(handle: WorkflowHandle[Any, Any], **payload: Any) -> dict[str, Any]:
    """`besluiten` by a caseworker and, where policy asks for vier ogen (DOMAIN.md §3.7: every
    rejection), its approval by a team lead: the decision then takes effect."""
    toestand = await actie(handle, "besluiten", **{"door": "behandelaar", **payload})
    if toestand.get("voorstel") is not None:
        toestand = await actie(handle, "besluit_accorderen", akkoord=True, door="teamleider")
    return toestand


async def naar_dag(env: WorkflowEnvironment, dag: date, uur: int = 12) -> None:
    """Skip time to `uur`:00 Amsterdam time on `dag` (timers on the way fire)."""
    from datetime import datetime, time

    from nareis.tijd import AMSTERDAM

    doel = datetime.combine(dag, time(uur), tzinfo=AMSTERDAM)
    while (nu := await env.get_current_time()) < doel:
        # in steps, each with a generous deadline: every open case's timers run on the way
        stap = min(doel - nu, timedelta(days=31))
        verzoek = SleepRequest()
        verzoek.duration.FromTimedelta(stap)
        await env.client.test_service.unlock_time_skipping_with_sleep(verzoek, timeout=timedelta(minutes=2))


async def gesloten(run: WorkflowHandle[Any, Any]) -> EventType.ValueType:
    """Wait until this run closes (long polls, no time skipped); its closing event's type."""
    while True:  # a long poll ends empty after ~20 s; a loaded machine may need several
        async for event in run.fetch_history_events(
            wait_new_event=True, event_filter_type=WorkflowHistoryEventFilterType.CLOSE_EVENT
        ):
            return event.event_type


async def zoekattribuut(handle: WorkflowHandle[Any, Any], sleutel: SearchAttributeKey[Any], verwacht: Any) -> Any:
    """The search attribute once it is `verwacht` (at most 10 s; else what it is then): the test
    server may answer an update before it applied the upsert of the same workflow task (a loaded
    machine showed it). All upserts of one task apply together, so one key tells for the others."""
    for _ in range(100):
        waarde = (await handle.describe()).typed_search_attributes.get(sleutel)
        if waarde == verwacht:
            break
        await asyncio.sleep(0.1)
    return waarde


def dagen(n: int) -> timedelta:
    return timedelta(days=n)
