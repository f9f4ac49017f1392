"""Actions on an ended case, and re-filing after a dossier rollback, with the real workflow on
a private time-skipping server (terminating cases on the shared one stalls its clock)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import asyncpg
import httpx
import pytest
import pytest_asyncio
from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.testing import WorkflowEnvironment

from api.app import ApiInstellingen, maak_app
from client.settings import Instellingen
from client.zaken import TERUGGEDRAAID
from nareis.tijd import datum_in_amsterdam
from tests.sleutels import REGISTER_SLEUTEL
from tests.voorbeelden import aanvraag_data

pytestmark = pytest.mark.asyncio(loop_scope="session")

INTAKE = {"Authorization": "Bearer i"}
BEHANDELAAR = {"Authorization": "Bearer b"}


@dataclass
class Omgeving:
    client: Client
    http: httpx.AsyncClient
    heden: date

    def aanvraag(self) -> dict[str, Any]:
        return aanvraag_data(self.heden, nummer=f"NR-E-{uuid.uuid4().hex[:10]}")


@pytest_asyncio.fixture(loop_scope="session", scope="module")
async def omgeving(eigen_tijdreis: WorkflowEnvironment, register_pool: asyncpg.Pool) -> AsyncIterator[Omgeving]:
    from worker.draaien import draaiende_worker

    instellingen = Instellingen(
        register_key=REGISTER_SLEUTEL,
        task_queue=f"beeindigd-{uuid.uuid4().hex[:8]}",
        api_tokens="i:intake,b:behandelaar",
    )
    heden = datum_in_amsterdam(await eigen_tijdreis.get_current_time())
    async with draaiende_worker(eigen_tijdreis.client, instellingen, register_pool):
        app = maak_app(instellingen, eigen_tijdreis.client, api=ApiInstellingen(), vandaag=lambda: heden)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api") as http:
            yield Omgeving(eigen_tijdreis.client, http, heden)


async def test_actie_op_een_beeindigde_zaak_409(omgeving: Omgeving) -> None:
    data = omgeving.aanvraag()
    nr = data["aanvraagnummer"]
    assert (await omgeving.http.post("/aanvragen", json=data, headers=INTAKE)).status_code == 201
    await omgeving.client.get_workflow_handle(f"nareis-{nr}").terminate(reason="test")
    antwoord = await omgeving.http.post(f"/aanvragen/{nr}/intrekken", json={}, headers=BEHANDELAAR)
    assert antwoord.status_code == 409
    assert "afgerond" in antwoord.json()["detail"]


async def test_een_teruggedraaide_zaak_kan_opnieuw_worden_ingediend(omgeving: Omgeving) -> None:
    teruggedraaid, beeindigd = omgeving.aanvraag(), omgeving.aanvraag()
    for data, reden in ((teruggedraaid, TERUGGEDRAAID), (beeindigd, "door beheer beëindigd")):
        assert (await omgeving.http.post("/aanvragen", json=data, headers=INTAKE)).status_code == 201
        handle = omgeving.client.get_workflow_handle(f"nareis-{data['aanvraagnummer']}")
        await handle.terminate(reason=reden)
        assert (await handle.describe()).status == WorkflowExecutionStatus.TERMINATED
    opnieuw = await omgeving.http.post("/aanvragen", json=teruggedraaid, headers=INTAKE)
    assert opnieuw.status_code == 201, opnieuw.text
    # any other ended case is never started a second time (CONTRACT.md)
    assert (await omgeving.http.post("/aanvragen", json=beeindigd, headers=INTAKE)).status_code == 409
