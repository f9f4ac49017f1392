"""Issue 15 item 5 with the real workflow and register: a dossier undone because it lost the
race leaves no letter and no register row, so its refiling is recorded as filed the second
time (the register kept the undone run's name and dropped the new run's events)."""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg
import httpx
import pytest
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from api.app import ApiInstellingen, maak_app
from client.register import RegisterReader
from client.settings import Instellingen
from client.zaken import Zaken
from tests.api.test_api import INTAKE, TOKENS, aanvraag, vandaag
from tests.sleutels import kluis

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_een_teruggedraaid_dossier_laat_niets_na_in_het_register(
    werker: Client,
    tijdreis: WorkflowEnvironment,
    task_queue: str,
    register_pool: asyncpg.Pool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    heden = await vandaag(tijdreis)
    app = maak_app(
        Instellingen(task_queue=task_queue, api_tokens=TOKENS), werker, api=ApiInstellingen(), vandaag=lambda: heden
    )
    register = RegisterReader(register_pool, kluis())
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api") as http:
        bezet = await aanvraag(tijdreis)
        assert (await http.post("/aanvragen", json=bezet, headers=INTAKE)).status_code == 201
        oud = await aanvraag(tijdreis, gezinslid__naam="Oude Naam")

        async def niemand(*_: Any) -> bool:  # the check ran before the other filing
            return False

        start = Zaken._start

        async def traag(self: Zaken, client: Client, a: Any, **opties: Any) -> Any:
            if a.aanvraagnummer == bezet["aanvraagnummer"]:
                await asyncio.sleep(1.0)  # time enough for the first case to run its steps
            return await start(self, client, a, **opties)

        with monkeypatch.context() as m:
            m.setattr(Zaken, "_bestaat", niemand)
            m.setattr(Zaken, "_start", traag)
            verloren = await http.post("/dossiers", json={"aanvragen": [oud, bezet]}, headers=INTAKE)
        assert verloren.status_code == 409
        nr = oud["aanvraagnummer"]
        assert await register.aanvraag(nr) is None
        assert await register.brieven(nr) == []
        assert await register.tijdlijn(nr) == []

        nieuw = {**oud, "gezinslid": {**oud["gezinslid"], "naam": "Nieuwe Naam"}}
        assert (await http.post("/aanvragen", json=nieuw, headers=INTAKE)).status_code == 201
        for _ in range(50):
            opgeslagen = await register.aanvraag(nr)
            if opgeslagen:
                break
            await asyncio.sleep(0.1)
        assert opgeslagen is not None and opgeslagen["gezinslid"]["naam"] == "Nieuwe Naam"
        assert [r["gebeurtenis"] for r in await register.tijdlijn(nr)][:1] == ["ontvangen"]
