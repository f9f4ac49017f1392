"""Issue 15 item 5: a family dossier's case takes no step before `dossier_compleet`. Started as
the API starts a dossier's case (the memo), it waits: no letter, no register row, no search
attribute, actions refused. Told the dossier is complete it begins; never told, it ends undone
after ten minutes, having done nothing, and the application may be filed again."""

from __future__ import annotations

from typing import Any

import asyncpg
import httpx
import pytest
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client, WorkflowFailureError, WorkflowHandle
from temporalio.exceptions import ApplicationError
from temporalio.testing import WorkflowEnvironment

from api.app import ApiInstellingen, maak_app
from client.register import RegisterReader
from client.settings import Instellingen
from nareis import contract as m
from tests.sleutels import kluis
from tests.voorbeelden import aanvraag_data
from tests.workflows.hulp import status, vandaag
from tests.workflows.test_levensloop import nummer, referent_vnummer, weiger

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def _dossierzaak(werker: Client, tijdreis: WorkflowEnvironment, task_queue: str) -> WorkflowHandle[Any, Any]:
    data = aanvraag_data(await vandaag(tijdreis), nummer=nummer(), referent__vnummer=referent_vnummer())
    return await werker.start_workflow(
        m.WORKFLOW_TYPE,
        data,
        id=m.workflow_id(data["aanvraagnummer"]),
        task_queue=task_queue,
        memo={m.MEMO_WACHT_OP_DOSSIER: True},
    )


async def _gedaan(handle: WorkflowHandle[Any, Any]) -> set[str]:
    """The steps the case took (Temporal core's own upsert of a patch's TemporalChangeVersion is
    none: it shows nothing in the werkvoorraad)."""
    gedaan = set()
    async for e in handle.fetch_history_events():
        if e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
            gedaan.add("activiteit")
        elif e.event_type == EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED:
            gedaan.add("signaal aan een andere zaak")
        elif e.event_type == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES:
            velden = e.upsert_workflow_search_attributes_event_attributes.search_attributes.indexed_fields
            if set(velden) - {"TemporalChangeVersion"}:
                gedaan.add("zoekattribuut")
    return gedaan


async def test_dossierzaak_wacht_en_begint_na_dossier_compleet(
    werker: Client, tijdreis: WorkflowEnvironment, task_queue: str, register_pool: asyncpg.Pool
) -> None:
    handle = await _dossierzaak(werker, tijdreis, task_queue)
    nr = m.aanvraagnummer_uit(handle.id)
    assert (await status(handle))["aanvraagnummer"] == nr  # the status answers while it waits
    await weiger(handle, "termijn_verlengen", "nog niet volledig ingediend", reden="complex")
    assert not await _gedaan(handle)
    assert await RegisterReader(register_pool, kluis()).tijdlijn(nr) == []

    await handle.signal(m.SIGNAAL_DOSSIER_COMPLEET)
    toestand = await handle.execute_update("termijn_verlengen", {"reden": "complex"}, result_type=dict)
    assert toestand["beslistermijn"]["verlengd"] is True
    assert {"activiteit", "zoekattribuut"} <= await _gedaan(handle)


async def test_dossierzaak_zonder_dossier_compleet_eindigt_onverricht_en_mag_opnieuw(
    werker: Client, tijdreis: WorkflowEnvironment, task_queue: str, register_pool: asyncpg.Pool
) -> None:
    handle = await _dossierzaak(werker, tijdreis, task_queue)
    nr = m.aanvraagnummer_uit(handle.id)
    with pytest.raises(WorkflowFailureError) as fout:
        await handle.result()  # the clock skips the ten minutes
    oorzaak = fout.value.cause
    assert isinstance(oorzaak, ApplicationError) and oorzaak.type == m.DOSSIER_NIET_COMPLEET
    assert not await _gedaan(handle)  # no letter, no register row, nothing visible
    register = RegisterReader(register_pool, kluis())
    assert await register.tijdlijn(nr) == [] and await register.brieven(nr) == []

    # the application was never filed: the intake files it again and it runs
    heden = await vandaag(tijdreis)
    app = maak_app(
        Instellingen(task_queue=task_queue, api_tokens="i:intake"), werker, api=ApiInstellingen(), vandaag=lambda: heden
    )
    data = aanvraag_data(heden, nummer=nr, referent__vnummer=referent_vnummer())
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api") as http:
        antwoord = await http.post("/aanvragen", json=data, headers={"Authorization": "Bearer i"})
    assert antwoord.status_code == 201, antwoord.text
    assert antwoord.json()["aanvraagnummer"] == nr
