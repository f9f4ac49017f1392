"""DOMAIN.md §3.7 vier ogen through the HTTP API and the screens, against a real worker on the
time-skipping server: a caseworker's rejection is a proposal; only the role the case's policy names
(teamleider) approves, never the proposer himself; `/accorderen` lists what waits for approval."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from api.app import ApiInstellingen, maak_app
from api.schermen.sessie import COOKIE
from client.settings import Instellingen
from tests.api.test_api import aanvraag, vandaag

pytestmark = pytest.mark.asyncio(loop_scope="session")

# J. de Vries is caseworker and (with another token) team lead: the second role does not let him
# approve his own proposal
TOKENS = "in-t:intake,b1-t:behandelaar:J. de Vries,b2-t:behandelaar:P. Jansen,tl-t:teamleider:T. Leider," + (
    "tl2-t:teamleider:J. de Vries"
)
INTAKE = {"Authorization": "Bearer in-t"}
BEHANDELAAR = {"Authorization": "Bearer b1-t"}
COLLEGA = {"Authorization": "Bearer b2-t"}
TEAMLEIDER = {"Authorization": "Bearer tl-t"}
VOORSTELLER_ALS_TEAMLEIDER = {"Authorization": "Bearer tl2-t"}
AFWIJZING = {"uitkomst": "afwijzing", "gronden": ["IDENTITEIT"], "motivering": {"IDENTITEIT": "paspoort vals"}}


@pytest_asyncio.fixture(loop_scope="session")
async def app(werker: Client, tijdreis: WorkflowEnvironment, task_queue: str) -> Any:
    heden = await vandaag(tijdreis)
    return maak_app(
        Instellingen(task_queue=task_queue, api_tokens=TOKENS), werker, api=ApiInstellingen(), vandaag=lambda: heden
    )


@pytest_asyncio.fixture(loop_scope="session")
async def http(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api") as client:
        yield client


async def _voorstel(http: httpx.AsyncClient, tijdreis: WorkflowEnvironment) -> str:
    data = await aanvraag(tijdreis)
    nr = data["aanvraagnummer"]
    assert (await http.post("/aanvragen", json=data, headers=INTAKE)).status_code == 201
    antwoord = await http.post(f"/aanvragen/{nr}/besluiten", json=AFWIJZING, headers=BEHANDELAAR)
    assert antwoord.status_code == 200, antwoord.text
    assert antwoord.json()["voorstel"]["voorgesteld_door"] == "J. de Vries"
    return nr


async def test_dossier_3_7_alleen_een_teamleider_die_niet_voorstelde_accordeert(
    http: httpx.AsyncClient, tijdreis: WorkflowEnvironment
) -> None:
    nr = await _voorstel(http, tijdreis)
    url = f"/aanvragen/{nr}/besluit_accorderen"
    collega = await http.post(url, json={"akkoord": True}, headers=COLLEGA)
    assert collega.status_code == 403, collega.text
    assert "accordeert de rol teamleider" in collega.json()["detail"]
    zelf = await http.post(url, json={"akkoord": True}, headers=VOORSTELLER_ALS_TEAMLEIDER)
    assert zelf.status_code == 409, zelf.text
    assert "J. de Vries stelde dit besluit zelf voor" in zelf.json()["detail"]
    akkoord = await http.post(url, json={"akkoord": True}, headers=TEAMLEIDER)
    assert akkoord.status_code == 200, akkoord.text
    toestand = akkoord.json()
    assert toestand["voorstel"] is None and toestand["besluit"]["voorgesteld"] is False
    assert toestand["tijdlijn"][-1]["door"] == "T. Leider"


async def _browser(app: Any, token: str) -> tuple[httpx.AsyncClient, str]:
    browser = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://schermen")
    inloggen = await browser.get("/inloggen")
    gevonden = re.search(r'name="csrf" value="([^"]+)"', inloggen.text)
    assert gevonden
    antwoord = await browser.post("/inloggen", data={"csrf": gevonden[1], "token": token})
    assert antwoord.status_code == 303
    gegevens = app.state.schermen_sleutel.lees(browser.cookies.get(COOKIE))
    return browser, str(gegevens["csrf"])


async def test_awb_6_11_een_te_laat_bezwaar_via_de_api(http: httpx.AsyncClient, tijdreis: WorkflowEnvironment) -> None:
    """DOMAIN.md §3.9: after the objection term (the case open for its mvv), a late objection is
    refused (409) without the judgement, 422 with a wrong type, and accepted excusable with a motivation."""
    from datetime import date, timedelta

    from tests.workflows.hulp import naar_dag

    data = await aanvraag(tijdreis)
    nr = data["aanvraagnummer"]
    assert (await http.post("/aanvragen", json=data, headers=INTAKE)).status_code == 201
    assert (
        await http.post(f"/aanvragen/{nr}/screening_uitslag", json={"signalen": []}, headers=BEHANDELAAR)
    ).is_success
    besluit = {"uitkomst": "inwilliging", "afwijkingsreden": "proef"}
    toestand = (await http.post(f"/aanvragen/{nr}/besluiten", json=besluit, headers=BEHANDELAAR)).json()
    laatste_dag = date.fromisoformat(toestand["bezwaar"]["termijn_einde"])
    await naar_dag(tijdreis, laatste_dag + timedelta(days=1))
    url = f"/aanvragen/{nr}/bezwaar_ontvangen"
    zonder = await http.post(url, json={}, headers=BEHANDELAAR)
    assert zonder.status_code == 409 and "Awb 6:11" in zonder.json()["detail"]
    fout = await http.post(url, json={"verschoonbaar": "misschien"}, headers=BEHANDELAAR)
    assert fout.status_code == 422 and fout.json()["detail"][0]["loc"][-1] == "verschoonbaar"
    goed = await http.post(url, json={"verschoonbaar": True, "verschoonbaar_motivering": "ziek"}, headers=BEHANDELAAR)
    assert goed.status_code == 200, goed.text
    assert (goed.json()["bezwaar"]["te_laat"], goed.json()["bezwaar"]["verschoonbaar"]) == (True, True)
