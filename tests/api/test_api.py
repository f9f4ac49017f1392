"""The HTTP API against a real worker on the time-skipping server (CONTRACT.md "HTTP API")."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import httpx
import pytest
import pytest_asyncio
from temporalio.client import Client
from temporalio.service import RPCError
from temporalio.testing import WorkflowEnvironment

from api.app import ApiInstellingen, maak_app
from client.settings import Instellingen
from nareis.contract import ACTIES
from nareis.tijd import datum_in_amsterdam
from tests.voorbeelden import aanvraag_data

pytestmark = pytest.mark.asyncio(loop_scope="session")

TOKENS = (
    "intake-t:intake,beh-t:behandelaar:J. de Vries,beh2-t:behandelaar:P. Jansen,lees-t:lezer,tl-t:teamleider:T. Leider"
)
INTAKE = {"Authorization": "Bearer intake-t"}
BEHANDELAAR = {"Authorization": "Bearer beh-t"}
LEZER = {"Authorization": "Bearer lees-t"}
COLLEGA = {"Authorization": "Bearer beh2-t"}
TEAMLEIDER = {"Authorization": "Bearer tl-t"}

_teller = iter(range(1, 1_000_000))


def nummer() -> str:
    return f"NR-2026-{int(time.time() * 1000) % 10**6:06d}-{next(_teller)}"


async def vandaag(env: WorkflowEnvironment) -> date:
    return datum_in_amsterdam(await env.get_current_time())


@pytest_asyncio.fixture(loop_scope="session")
async def http(werker: Client, tijdreis: WorkflowEnvironment, task_queue: str) -> AsyncIterator[httpx.AsyncClient]:
    heden = await vandaag(tijdreis)
    app = maak_app(
        Instellingen(task_queue=task_queue, api_tokens=TOKENS),
        werker,
        api=ApiInstellingen(),
        vandaag=lambda: heden,  # the test server's date, which skipping moves ahead
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api") as client:
        yield client


async def aanvraag(tijdreis: WorkflowEnvironment, **wijzigingen: Any) -> dict[str, Any]:
    return aanvraag_data(await vandaag(tijdreis), nummer=nummer(), **wijzigingen)


async def test_indienen_201_met_de_status_en_opvragen(
    http: httpx.AsyncClient, tijdreis: WorkflowEnvironment, werker: Client
) -> None:
    data = await aanvraag(tijdreis)
    nr = data["aanvraagnummer"]
    antwoord = await http.post("/aanvragen", json=data, headers=INTAKE)
    assert antwoord.status_code == 201, antwoord.text
    assert antwoord.json()["aanvraagnummer"] == nr
    assert antwoord.json()["fase"] == "beoordeling"
    assert antwoord.headers["location"] == f"/aanvragen/{nr}"
    for kop in (LEZER, INTAKE, BEHANDELAAR):
        opgevraagd = await http.get(f"/aanvragen/{nr}", headers=kop)
        assert opgevraagd.status_code == 200
        assert opgevraagd.json()["aanvraagnummer"] == nr
    beschrijving = await werker.get_workflow_handle(f"nareis-{nr}").describe()
    samenvatting = await beschrijving.static_summary()
    assert samenvatting == f"{nr} · echtgenoot · referent vluchteling"
    assert data["gezinslid"]["naam"] not in (samenvatting or "")


async def test_dezelfde_aanvraag_nogmaals_409(http: httpx.AsyncClient, tijdreis: WorkflowEnvironment) -> None:
    data = await aanvraag(tijdreis)
    assert (await http.post("/aanvragen", json=data, headers=INTAKE)).status_code == 201
    tweede = await http.post("/aanvragen", json=data, headers=INTAKE)
    assert tweede.status_code == 409
    assert data["aanvraagnummer"] in tweede.json()["detail"]


async def test_ongeldige_aanvraag_422_en_er_start_geen_zaak(
    http: httpx.AsyncClient, tijdreis: WorkflowEnvironment, werker: Client
) -> None:
    data = await aanvraag(tijdreis, referent__vnummer="12")
    antwoord = await http.post("/aanvragen", json=data, headers=INTAKE)
    assert antwoord.status_code == 422
    assert antwoord.json()["detail"][0]["loc"] == ["body", "referent", "vnummer"]
    with pytest.raises(RPCError):
        await werker.get_workflow_handle(f"nareis-{data['aanvraagnummer']}").describe()


async def test_onbekende_zaak_404(http: httpx.AsyncClient) -> None:
    assert (await http.get("/aanvragen/NR-BESTAAT-NIET", headers=LEZER)).status_code == 404
    actie = await http.post("/aanvragen/NR-BESTAAT-NIET/intrekken", json={}, headers=BEHANDELAAR)
    assert actie.status_code == 404
    bewijs = await http.post(
        "/aanvragen/NR-BESTAAT-NIET/bewijs",
        json={"soort": "akte", "omschrijving": "huwelijksakte"},
        headers=INTAKE,
    )
    assert bewijs.status_code == 404


async def test_onbekende_actie_404_noemt_de_geldige_acties(http: httpx.AsyncClient) -> None:
    antwoord = await http.post("/aanvragen/NR-2026-000123-1/goedkeuren", json={}, headers=BEHANDELAAR)
    assert antwoord.status_code == 404
    melding = antwoord.json()["detail"]
    assert "onbekende actie 'goedkeuren'" in melding
    assert all(naam in melding for naam in ("bewijs", *ACTIES))
    assert "goedkeuren" not in str((await http.get("/openapi.json")).json()["paths"])


async def test_onbekende_route_404_noemt_de_routes(http: httpx.AsyncClient) -> None:
    """Issue #19 item 4: an unknown route names the valid ones instead of FastAPI's "Not Found"."""
    antwoord = await http.get("/aanvraag/NR-2026-000123-1", headers=BEHANDELAAR)
    assert antwoord.status_code == 404
    detail = antwoord.json()["detail"]
    assert detail["melding"] == "onbekende route"
    assert "GET /aanvragen/{aanvraagnummer}" in detail["routes"] and "POST /aanvragen" in detail["routes"]


async def test_actie_200_met_de_nieuwe_status_en_door_is_de_token_identiteit(
    http: httpx.AsyncClient, tijdreis: WorkflowEnvironment
) -> None:
    data = await aanvraag(tijdreis)
    nr = data["aanvraagnummer"]
    assert (await http.post("/aanvragen", json=data, headers=INTAKE)).status_code == 201
    antwoord = await http.post(
        f"/aanvragen/{nr}/onderzoek_aanbieden",
        json={"soort": "dna", "door": "iemand anders", "toelichting": "twijfel over relatie"},
        headers=BEHANDELAAR,
    )
    assert antwoord.status_code == 200, antwoord.text
    [regel] = [r for r in antwoord.json()["tijdlijn"] if r["gebeurtenis"] == "onderzoek_aanbieden"]
    assert regel["door"] == "J. de Vries"
    assert regel["toelichting"] == "twijfel over relatie"


async def test_toewijzen_teamleider_aan_ieder_behandelaar_alleen_aan_zichzelf(
    http: httpx.AsyncClient, tijdreis: WorkflowEnvironment
) -> None:
    """CONTRACT.md "HTTP API" [2026-12]: a team lead assigns to anyone; a caseworker takes a case
    himself and hands back only his own; a team lead reads every case but sends no other action."""
    data = await aanvraag(tijdreis)
    nr = data["aanvraagnummer"]
    assert (await http.post("/aanvragen", json=data, headers=INTAKE)).status_code == 201
    assert (await http.get(f"/aanvragen/{nr}", headers=TEAMLEIDER)).status_code == 200

    async def toewijzen(wie: dict[str, str], behandelaar: str | None) -> httpx.Response:
        return await http.post(f"/aanvragen/{nr}/toewijzen", json={"behandelaar": behandelaar}, headers=wie)

    aan_ander = await toewijzen(BEHANDELAAR, "P. Jansen")
    assert aan_ander.status_code == 403, aan_ander.text
    assert "alleen aan zichzelf" in aan_ander.json()["detail"]
    assert (await toewijzen(BEHANDELAAR, "J. de Vries")).json()["behandelaar"] == "J. de Vries"
    afpakken = await toewijzen(COLLEGA, None)  # not his case: he cannot hand it back
    assert afpakken.status_code == 403, afpakken.text
    assert (await http.get(f"/aanvragen/{nr}", headers=LEZER)).json()["behandelaar"] == "J. de Vries"
    assert (await toewijzen(BEHANDELAAR, None)).json()["behandelaar"] is None
    door_teamleider = await toewijzen(TEAMLEIDER, "P. Jansen")
    assert door_teamleider.status_code == 200, door_teamleider.text
    assert door_teamleider.json()["behandelaar"] == "P. Jansen"
    [regel] = [r for r in door_teamleider.json()["tijdlijn"] if r.get("door") == "T. Leider"]
    assert regel["gebeurtenis"] == "toewijzen"
    ander_werk = await http.post(f"/aanvragen/{nr}/onderzoek_aanbieden", json={"soort": "dna"}, headers=TEAMLEIDER)
    assert ander_werk.status_code == 403, ander_werk.text
    assert "teamleider mag onderzoek_aanbieden niet" in ander_werk.json()["detail"]


async def test_geweigerde_actie_409_met_de_reden(http: httpx.AsyncClient, tijdreis: WorkflowEnvironment) -> None:
    data = await aanvraag(tijdreis)
    nr = data["aanvraagnummer"]
    assert (await http.post("/aanvragen", json=data, headers=INTAKE)).status_code == 201
    antwoord = await http.post(f"/aanvragen/{nr}/bezwaar_besluiten", json={"uitkomst": "gegrond"}, headers=BEHANDELAAR)
    assert antwoord.status_code == 409
    assert "geen bezwaar" in antwoord.json()["detail"]


async def test_nieuw_bewijs_202_en_vastgelegd(http: httpx.AsyncClient, tijdreis: WorkflowEnvironment) -> None:
    data = await aanvraag(tijdreis)
    nr = data["aanvraagnummer"]
    assert (await http.post("/aanvragen", json=data, headers=INTAKE)).status_code == 201
    bewijs = {"soort": "akte", "omschrijving": "huwelijksakte Ankara"}
    for kop in (INTAKE, BEHANDELAAR):
        assert (await http.post(f"/aanvragen/{nr}/bewijs", json=bewijs, headers=kop)).status_code == 202
    for _ in range(50):
        tijdlijn = (await http.get(f"/aanvragen/{nr}", headers=LEZER)).json()["tijdlijn"]
        regels = [r for r in tijdlijn if r["gebeurtenis"] == "nieuw_bewijs"]
        if regels:
            break
        await asyncio.sleep(0.1)
    assert len(regels) == 1  # the duplicate is recorded once (CONTRACT.md)
    assert regels[0]["toelichting"] == "huwelijksakte Ankara"


async def test_dossier_start_het_hele_gezin_of_niets(
    http: httpx.AsyncClient, tijdreis: WorkflowEnvironment, werker: Client
) -> None:
    heden = await vandaag(tijdreis)
    basis = nummer()
    gezin = [
        aanvraag_data(heden, nummer=f"{basis}-1"),
        aanvraag_data(
            heden,
            nummer=f"{basis}-2",
            gezinslid__relatie="kind",
            gezinslid__geboortedatum="2015-03-03",
            gezinslid__naam="B. Voorbeeld",
        ),
    ]
    antwoord = await http.post("/dossiers", json={"aanvragen": gezin}, headers=INTAKE)
    assert antwoord.status_code == 201, antwoord.text
    assert all(s["fase"] for s in antwoord.json()["aanvragen"])  # begun at once, not after the start delay
    assert [s["aanvraagnummer"] for s in antwoord.json()["aanvragen"]] == [
        f"{basis}-1",
        f"{basis}-2",
    ]
    derde = aanvraag_data(heden, nummer=f"{basis}-3")
    nogmaals = await http.post("/dossiers", json={"aanvragen": [derde, gezin[1]]}, headers=INTAKE)
    assert nogmaals.status_code == 409
    assert f"{basis}-2" in nogmaals.json()["detail"]
    with pytest.raises(RPCError):  # all or nothing: the third did not start
        await werker.get_workflow_handle(f"nareis-{basis}-3").describe()
