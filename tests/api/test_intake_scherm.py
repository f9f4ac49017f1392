"""The intake form against a real worker on the time-skipping server (issue #17 items 9 and 10):
fields with help texts, errors at the fields in Dutch and in the form's words, a family filed in
one go (all or none, as `POST /dossiers`), and JSON still accepted for systems."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import httpx
import pytest
import pytest_asyncio
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from api.app import ApiInstellingen, maak_app
from client.settings import Instellingen
from nareis.tijd import datum_in_amsterdam
from tests.api.test_api import nummer
from tests.domain.test_meldingen_nederlands import ENGELS
from tests.voorbeelden import aanvraag_data

pytestmark = pytest.mark.asyncio(loop_scope="session")

TOKENS = "intake-f:intake:I. Take,lees-f:lezer"


@pytest_asyncio.fixture(loop_scope="session")
async def vandaag(tijdreis: WorkflowEnvironment) -> date:
    return datum_in_amsterdam(await tijdreis.get_current_time())


@pytest_asyncio.fixture(loop_scope="session")
async def app(werker: Client, vandaag: date, task_queue: str) -> Any:
    return maak_app(
        Instellingen(task_queue=task_queue, api_tokens=TOKENS), werker, api=ApiInstellingen(), vandaag=lambda: vandaag
    )


def _csrf(html: str) -> str:
    gevonden = re.search(r'name="csrf" value="([^"]+)"', html)
    assert gevonden, html
    return gevonden.group(1)


@pytest_asyncio.fixture(loop_scope="session")
async def intake(app: Any) -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://schermen") as browser:
        csrf = _csrf((await browser.get("/inloggen")).text)
        assert (await browser.post("/inloggen", data={"csrf": csrf, "token": "intake-f"})).status_code == 303
        yield browser, _csrf((await browser.get("/indienen")).text)


def _formulier(leden: list[dict[str, Any]], **gedeeld: Any) -> dict[str, str]:
    """The form as a browser posts it for `leden` (applications of one dossier)."""
    eerste = leden[0]
    velden = {
        "dossiernummer": eerste["dossiernummer"],
        "ontvangen_op": eerste["ontvangen_op"],
        "vorm": eerste["vorm"],
        "leden": str(len(leden)),
        **{f"referent.{k}": _tekst(v) for k, v in eerste["referent"].items() if v is not None},
    }
    for i, lid in enumerate(leden):
        velden[f"lid{i}.aanvraagnummer"] = lid["aanvraagnummer"]
        velden |= {f"lid{i}.{k}": _tekst(v) for k, v in lid["gezinslid"].items() if v is not None}
    return {**velden, **gedeeld}


def _tekst(waarde: Any) -> str:
    return {True: "ja", False: "nee"}.get(waarde, str(waarde)) if isinstance(waarde, bool) else str(waarde)


def _gezin(vandaag: date, aantal: int) -> list[dict[str, Any]]:
    basis = nummer()
    referent = f"{uuid.uuid4().int % 10**10:010d}"
    dossier = basis.rsplit("-", 1)[0]
    leden = []
    for i in range(aantal):
        data = aanvraag_data(
            vandaag,
            nummer=f"{dossier}-{i + 1}",
            referent__vnummer=referent,
            gezinslid__naam=f"Lid {i + 1} Voorbeeld",
            gezinslid__relatie="echtgenoot" if i == 0 else "kind",
            gezinslid__geboortedatum="1992-02-02" if i == 0 else "2015-06-0" + str(i),
            gezinslid__vnummer=None,
        )
        leden.append(data)
    return leden


async def _status(app: Any, nr: str) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api") as api:
        return await api.get(f"/aanvragen/{nr}", headers={"Authorization": "Bearer lees-f"})


async def test_velden_met_hulpteksten_en_labels(intake: tuple[httpx.AsyncClient, str]) -> None:
    browser, _ = intake
    html = (await browser.get("/indienen")).text
    assert '<label for="invoer-lid0-verblijfsland" id="invoer-lid0-verblijfsland-label">Verblijfsland</label>' in html
    assert re.search(
        r'<input id="invoer-lid0-verblijfsland" name="lid0.verblijfsland" value="" '
        r'aria-describedby="invoer-lid0-verblijfsland-hulp">',
        html,
    )
    assert 'id="invoer-lid0-verblijfsland-hulp">Landcode van twee letters (ISO 3166-1), bijvoorbeeld SY.</p>' in html
    assert '<input id="invoer-ontvangen_op" name="ontvangen_op" value="" type="date"' in html
    assert html.count('class="gezinslid"') == 1
    assert 'id="json-formulier"' in html  # JSON stays, for systems


async def test_nog_een_gezinslid_houdt_de_ingevulde_waarden(intake: tuple[httpx.AsyncClient, str]) -> None:
    browser, csrf = intake
    antwoord = await browser.post(
        "/indienen", data={"csrf": csrf, "leden": "1", "dossiernummer": "NR-X", "lid0.naam": "A. B", "meer": "ja"}
    )
    assert antwoord.status_code == 200
    html = antwoord.text
    assert html.count('class="gezinslid"') == 2
    assert "<legend>Gezinslid 2</legend>" in html
    assert 'name="lid0.naam" value="A. B"' in html and 'name="dossiernummer" value="NR-X"' in html
    assert 'name="leden" value="2"' in html
    assert "foutsamenvatting" not in html


async def test_fouten_bovenaan_en_bij_het_veld_in_het_nederlands(
    app: Any, intake: tuple[httpx.AsyncClient, str], vandaag: date
) -> None:
    browser, csrf = intake
    (lid,) = _gezin(vandaag, 1)
    formulier = _formulier([lid], csrf=csrf) | {"lid0.verblijfsland": "Syrie", "lid0.naam": ""}
    del formulier["referent.status"]
    antwoord = await browser.post("/indienen", data=formulier)
    assert antwoord.status_code == 422
    html = antwoord.text
    samenvatting = html[html.index('id="foutsamenvatting"') : html.index("</div>", html.index('id="foutsamenvatting"'))]
    assert "autofocus" in samenvatting
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', samenvatting)
    assert ("invoer-lid0-naam-label", "Naam (gezinslid 1): verplicht veld ontbreekt") in links
    assert (
        "invoer-lid0-verblijfsland-label",
        "Verblijfsland (gezinslid 1): twee hoofdletters: de landcode (ISO 3166-1), bijvoorbeeld SY of ER",
    ) in links
    assert ("invoer-referent-status-label", "Verblijfsstatus van de referent: verplicht veld ontbreekt") in links
    for _, tekst in links:
        assert not ENGELS.search(tekst), tekst
    # at the field, tied to it, and what was typed is still there
    assert 'id="fout-invoer-lid0-verblijfsland"' in html
    assert (
        'aria-describedby="invoer-lid0-verblijfsland-hulp fout-invoer-lid0-verblijfsland" aria-invalid="true"' in html
    )
    assert 'value="Syrie"' in html
    assert (await _status(app, lid["aanvraagnummer"])).status_code == 404


async def test_een_gezin_in_een_keer_ingediend(app: Any, intake: tuple[httpx.AsyncClient, str], vandaag: date) -> None:
    browser, csrf = intake
    leden = _gezin(vandaag, 3)
    antwoord = await browser.post("/indienen", data=_formulier(leden, csrf=csrf))
    assert antwoord.status_code == 303, antwoord.text
    nummers = [lid["aanvraagnummer"] for lid in leden]
    assert antwoord.headers["location"] == f"/zaken/{nummers[0]}?gedaan=ingediend"
    for i, nr in enumerate(nummers):
        status = (await _status(app, nr)).json()
        assert status["aanvraag"]["gezinslid"]["naam"] == f"Lid {i + 1} Voorbeeld"
        assert status["aanvraag"]["dossiernummer"] == leden[0]["dossiernummer"]
        assert sorted(status["aanvraag"]["gezamenlijk_met"]) == sorted(n for n in nummers if n != nr)

    # filed again: refused at the member's number, nothing started twice
    opnieuw = await browser.post("/indienen", data=_formulier(leden, csrf=csrf))
    assert opnieuw.status_code == 409
    assert re.search(
        r'<a href="#invoer-lid0-aanvraagnummer-label">Aanvraagnummer \(gezinslid 1\): er bestaat al', opnieuw.text
    )


async def test_een_gezin_met_een_fout_start_geen_enkele_zaak(
    app: Any, intake: tuple[httpx.AsyncClient, str], vandaag: date
) -> None:
    browser, csrf = intake
    leden = _gezin(vandaag, 2)
    formulier = _formulier(leden, csrf=csrf) | {"lid1.relatie": "neef"}
    antwoord = await browser.post("/indienen", data=formulier)
    assert antwoord.status_code == 422
    assert '<a href="#invoer-lid1-relatie-label">Relatie tot de referent (gezinslid 2): kies uit' in antwoord.text
    for lid in leden:
        assert (await _status(app, lid["aanvraagnummer"])).status_code == 404


async def test_json_blijft_voor_systemen(app: Any, intake: tuple[httpx.AsyncClient, str], vandaag: date) -> None:
    browser, csrf = intake
    (enkel,) = _gezin(vandaag, 1)
    antwoord = await browser.post("/indienen", data={"csrf": csrf, "aanvraag": json.dumps(enkel)})
    assert antwoord.status_code == 303, antwoord.text
    gezin = _gezin(vandaag, 2)
    antwoord = await browser.post("/indienen", data={"csrf": csrf, "aanvraag": json.dumps({"aanvragen": gezin})})
    assert antwoord.status_code == 303, antwoord.text
    assert (await _status(app, gezin[1]["aanvraagnummer"])).status_code == 200
    fout = await browser.post("/indienen", data={"csrf": csrf, "aanvraag": json.dumps({"aanvragen": "x"})})
    assert fout.status_code == 422
    assert "<code>aanvragen</code>: verwacht een niet-lege lijst van aanvragen" in fout.text
