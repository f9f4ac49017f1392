"""How the API maps Temporal's answers to HTTP, on the real time-skipping server but with a
contract double of `Nareisaanvraag` (same type, query, signal and update names; no rules), so
these hold whatever the domain decides: 201/409 on start, 404 unknown, 409 refused or ended,
202 evidence, the rollback marker, and a start whose first status is not there yet."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import httpx
import pytest
import pytest_asyncio
from temporalio import workflow
from temporalio.client import Client
from temporalio.exceptions import ApplicationError
from temporalio.service import RPCError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from api.app import ApiInstellingen, maak_app
from client.settings import Instellingen
from client.zaken import TERUGGEDRAAID
from tests.voorbeelden import aanvraag_data

pytestmark = pytest.mark.asyncio(loop_scope="session")

ONTVANGEN = date(2026, 7, 1)
TOKENS = "i:intake,b:behandelaar:J. de Vries,l:lezer"
INTAKE = {"Authorization": "Bearer i"}
BEHANDELAAR = {"Authorization": "Bearer b"}


@workflow.defn(name="Nareisaanvraag", sandboxed=False)
class Dubbel:
    """Opens on its first task, takes evidence, refuses `intrekken` with toelichting
    'weiger', ends after an accepted `intrekken`."""

    def __init__(self) -> None:
        self.toestand: dict[str, Any] | None = None
        self.klaar = False

    @workflow.run
    async def run(self, aanvraag: dict[str, Any], voortzetting: dict[str, Any] | None = None) -> dict[str, Any]:
        self.toestand = {"aanvraagnummer": aanvraag["aanvraagnummer"], "tijdlijn": []}
        await workflow.wait_condition(lambda: self.klaar)
        return self.toestand

    @workflow.query
    def status(self) -> dict[str, Any]:
        if self.toestand is None:
            raise ApplicationError("de zaak wordt nog geopend", type="NogNietGeopend")
        return self.toestand

    @workflow.signal
    def nieuw_bewijs(self, data: dict[str, Any]) -> None:
        assert self.toestand is not None
        self.toestand["tijdlijn"].append({"gebeurtenis": "nieuw_bewijs", **data})

    @workflow.update
    def intrekken(self, data: dict[str, Any]) -> dict[str, Any]:
        assert self.toestand is not None
        self.toestand["tijdlijn"].append({"gebeurtenis": "intrekken", "door": data.get("door")})
        self.klaar = True
        return self.toestand

    @intrekken.validator
    def _valideer_intrekken(self, data: dict[str, Any]) -> None:
        if data.get("toelichting") == "weiger":
            raise ApplicationError("de referent heeft niet getekend", type="Weigering")


@pytest_asyncio.fixture(loop_scope="session")
async def dubbel(eigen_tijdreis: WorkflowEnvironment) -> AsyncIterator[tuple[Client, httpx.AsyncClient]]:
    task_queue = f"dubbel-{uuid.uuid4().hex[:8]}"
    gestart.clear()
    async with Worker(eigen_tijdreis.client, task_queue=task_queue, workflows=[Dubbel]):
        app = maak_app(
            Instellingen(task_queue=task_queue, api_tokens=TOKENS),
            eigen_tijdreis.client,
            api=ApiInstellingen(actie_wachttijd=10),
            vandaag=lambda: ONTVANGEN,
        )
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api") as http:
            yield eigen_tijdreis.client, http
        # no case may outlive its worker: an outstanding task holds up time skipping
        for nummer in gestart:
            with contextlib.suppress(RPCError):
                await eigen_tijdreis.client.get_workflow_handle(f"nareis-{nummer}").terminate()


#: every aanvraagnummer a test here used, terminated when the double's worker stops
gestart: list[str] = []


def _aanvraag() -> dict[str, Any]:
    data = aanvraag_data(ONTVANGEN, nummer=f"NR-D-{uuid.uuid4().hex[:10]}")
    gestart.append(data["aanvraagnummer"])
    return data


async def _gestart(http: httpx.AsyncClient) -> str:
    data = _aanvraag()
    antwoord = await http.post("/aanvragen", json=data, headers=INTAKE)
    assert antwoord.status_code == 201, antwoord.text
    return str(data["aanvraagnummer"])


async def test_start_201_nogmaals_409_en_onbekend_404(
    dubbel: tuple[Client, httpx.AsyncClient],
) -> None:
    _, http = dubbel
    data = _aanvraag()
    eerste = await http.post("/aanvragen", json=data, headers=INTAKE)
    assert eerste.status_code == 201
    assert eerste.json()["aanvraagnummer"] == data["aanvraagnummer"]
    assert (await http.post("/aanvragen", json=data, headers=INTAKE)).status_code == 409
    assert (await http.get("/aanvragen/NR-D-ONBEKEND", headers=INTAKE)).status_code == 404
    onbekend = await http.post("/aanvragen/NR-D-ONBEKEND/intrekken", json={}, headers=BEHANDELAAR)
    assert onbekend.status_code == 404


async def test_weigering_409_acceptatie_200_met_door(
    dubbel: tuple[Client, httpx.AsyncClient],
) -> None:
    _, http = dubbel
    nr = await _gestart(http)
    geweigerd = await http.post(f"/aanvragen/{nr}/intrekken", json={"toelichting": "weiger"}, headers=BEHANDELAAR)
    assert geweigerd.status_code == 409
    assert geweigerd.json()["detail"] == "de referent heeft niet getekend"
    aanvaard = await http.post(f"/aanvragen/{nr}/intrekken", json={"door": "vervalst"}, headers=BEHANDELAAR)
    assert aanvaard.status_code == 200
    assert aanvaard.json()["tijdlijn"][-1] == {"gebeurtenis": "intrekken", "door": "J. de Vries"}


async def test_na_afloop_409_voor_acties_en_bewijs_en_nooit_een_tweede_zaak(
    dubbel: tuple[Client, httpx.AsyncClient],
) -> None:
    client, http = dubbel
    data = _aanvraag()
    nr = data["aanvraagnummer"]
    assert (await http.post("/aanvragen", json=data, headers=INTAKE)).status_code == 201
    assert (await http.post(f"/aanvragen/{nr}/intrekken", json={}, headers=BEHANDELAAR)).is_success
    await client.get_workflow_handle(f"nareis-{nr}").result()
    actie = await http.post(f"/aanvragen/{nr}/intrekken", json={}, headers=BEHANDELAAR)
    assert actie.status_code == 409 and "afgerond" in actie.json()["detail"]
    bewijs = await http.post(f"/aanvragen/{nr}/bewijs", json={"soort": "a", "omschrijving": "b"}, headers=INTAKE)
    assert bewijs.status_code == 409
    assert (await http.post("/aanvragen", json=data, headers=INTAKE)).status_code == 409
    assert (await http.get(f"/aanvragen/{nr}", headers=INTAKE)).status_code == 200


async def test_bewijs_202(dubbel: tuple[Client, httpx.AsyncClient]) -> None:
    _, http = dubbel
    nr = await _gestart(http)
    bewijs = {"soort": "akte", "omschrijving": "geboorteakte"}
    assert (await http.post(f"/aanvragen/{nr}/bewijs", json=bewijs, headers=BEHANDELAAR)).status_code == 202
    tijdlijn = (await http.get(f"/aanvragen/{nr}", headers=INTAKE)).json()["tijdlijn"]
    assert tijdlijn == [{"gebeurtenis": "nieuw_bewijs", **bewijs, "op": None}]


async def test_alleen_een_teruggedraaide_zaak_start_opnieuw(
    dubbel: tuple[Client, httpx.AsyncClient],
) -> None:
    client, http = dubbel
    teruggedraaid, beeindigd = _aanvraag(), _aanvraag()
    for data, reden in ((teruggedraaid, TERUGGEDRAAID), (beeindigd, "beheer")):
        assert (await http.post("/aanvragen", json=data, headers=INTAKE)).status_code == 201
        await client.get_workflow_handle(f"nareis-{data['aanvraagnummer']}").terminate(reason=reden)
    assert (await http.post("/aanvragen", json=teruggedraaid, headers=INTAKE)).status_code == 201
    assert (await http.post("/aanvragen", json=beeindigd, headers=INTAKE)).status_code == 409
    dossier = await http.post("/dossiers", json={"aanvragen": [_aanvraag(), beeindigd]}, headers=INTAKE)
    assert dossier.status_code == 409


async def test_dossier_201(dubbel: tuple[Client, httpx.AsyncClient]) -> None:
    _, http = dubbel
    gezin = [_aanvraag(), _aanvraag()]
    antwoord = await http.post("/dossiers", json={"aanvragen": gezin}, headers=INTAKE)
    assert antwoord.status_code == 201
    assert [s["aanvraagnummer"] for s in antwoord.json()["aanvragen"]] == [a["aanvraagnummer"] for a in gezin]


async def test_start_zonder_worker_toch_201(eigen_tijdreis: WorkflowEnvironment) -> None:
    app = maak_app(
        Instellingen(task_queue=f"zonder-worker-{uuid.uuid4().hex[:8]}", api_tokens=TOKENS),
        eigen_tijdreis.client,
        api=ApiInstellingen(status_wachttijd=0.5),
        vandaag=lambda: ONTVANGEN,
    )
    data = _aanvraag()
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://api", headers=INTAKE
        ) as http:
            antwoord = await http.post("/aanvragen", json=data)
            assert antwoord.status_code == 201
            assert antwoord.json()["fase"] is None and "gestart" in antwoord.json()["melding"]
            assert (await http.post("/aanvragen", json=data)).status_code == 409
    finally:
        await eigen_tijdreis.client.get_workflow_handle(f"nareis-{data['aanvraagnummer']}").terminate()
