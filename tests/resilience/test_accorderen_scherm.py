"""DOMAIN.md §3.7 vier ogen: the screen `/accorderen` lists, from Temporal visibility (search
attribute NareisVoorgesteldDoor), the proposals a team lead may approve — not his own — with the
confirmation summary. On the dev server: the time-skipping server has no visibility listing."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from temporalio.client import Client

from api.app import ApiInstellingen, maak_app
from client.settings import Instellingen
from nareis.tijd import datum_in_amsterdam
from tests.api.test_accorderen_api import AFWIJZING, _browser
from tests.resilience.conftest import DEV_TASK_QUEUE
from tests.resilience.hulp import nummer, vnummer
from tests.voorbeelden import aanvraag_data

pytestmark = pytest.mark.asyncio(loop_scope="session")

TOKENS = "in-t:intake,b1-t:behandelaar:J. de Vries,tl-t:teamleider:T. Leider,tl2-t:teamleider:J. de Vries"


async def test_dossier_3_7_accorderen_toont_de_voorstellen_van_anderen(dev_werker: Client) -> None:
    app: Any = maak_app(Instellingen(task_queue=DEV_TASK_QUEUE, api_tokens=TOKENS), dev_werker, api=ApiInstellingen())
    vandaag = datum_in_amsterdam(datetime.now(UTC))
    data = aanvraag_data(vandaag, nummer=nummer("NR-VO"), referent__vnummer=vnummer())
    nr = data["aanvraagnummer"]
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api") as http:
        assert (await http.post("/aanvragen", json=data, headers={"Authorization": "Bearer in-t"})).status_code == 201
        voorstel = await http.post(
            f"/aanvragen/{nr}/besluiten", json=AFWIJZING, headers={"Authorization": "Bearer b1-t"}
        )
        assert voorstel.status_code == 200, voorstel.text
    teamleider, _ = await _browser(app, "tl-t")
    pagina = ""
    for _ in range(100):  # visibility follows the upsert within moments on the dev server
        pagina = (await teamleider.get("/accorderen")).text
        if f'id="voorstel-{nr}"' in pagina:
            break
        await asyncio.sleep(0.2)
    deel = pagina.split(f'id="voorstel-{nr}"', 1)[1].split("</section>", 1)[0]
    for verwacht in ("afwijzing", "IDENTITEIT", "paspoort vals", "J. de Vries", "bezwaartermijn start", "stopt"):
        assert verwacht in deel, verwacht
    assert f'action="/zaken/{nr}/acties/besluit_accorderen"' in deel
    voorsteller, _ = await _browser(app, "tl2-t")
    assert f'id="voorstel-{nr}"' not in (await voorsteller.get("/accorderen")).text  # not his own
    behandelaar, _ = await _browser(app, "b1-t")
    assert (await behandelaar.get("/accorderen")).status_code == 403  # not a role that approves
    assert "besluit_accorderen" not in (await behandelaar.get(f"/zaken/{nr}")).text


async def test_dossier_3_7_de_zaakpagina_toont_het_voorstel_en_neemt_het_terug(dev_werker: Client) -> None:
    app: Any = maak_app(Instellingen(task_queue=DEV_TASK_QUEUE, api_tokens=TOKENS), dev_werker, api=ApiInstellingen())
    vandaag = datum_in_amsterdam(datetime.now(UTC))
    data = aanvraag_data(vandaag, nummer=nummer("NR-VO"), referent__vnummer=vnummer())
    nr = data["aanvraagnummer"]
    lezen = {"Authorization": "Bearer tl-t"}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api") as http:
        assert (await http.post("/aanvragen", json=data, headers={"Authorization": "Bearer in-t"})).status_code == 201
        behandelaar = {"Authorization": "Bearer b1-t"}
        assert (await http.post(f"/aanvragen/{nr}/besluiten", json=AFWIJZING, headers=behandelaar)).is_success
        teamleider, csrf = await _browser(app, "tl-t")
        zaakpagina = (await teamleider.get(f"/zaken/{nr}")).text
        deel = zaakpagina.split('id="voorstel"', 1)[1].split("</section>", 1)[0]
        for verwacht in ("afwijzing", "IDENTITEIT", "paspoort vals", "J. de Vries", "bezwaartermijn start", "stopt"):
            assert verwacht in deel, verwacht
        assert f'action="/zaken/{nr}/acties/besluit_accorderen"' in zaakpagina
        terug = await teamleider.post(
            f"/zaken/{nr}/acties/besluit_accorderen",
            data={"csrf": csrf, "akkoord": "nee", "toelichting": "eerst een gehoor", "bevestigd": "ja"},
        )
        assert terug.status_code == 303, terug.text
        toestand = (await http.get(f"/aanvragen/{nr}", headers=lezen)).json()
    assert toestand["voorstel"] is None and toestand["besluit"] is None
    assert (toestand["tijdlijn"][-1]["gebeurtenis"], toestand["tijdlijn"][-1]["toelichting"]) == (
        "besluit_accorderen",
        "eerst een gehoor",
    )


async def test_item_13_de_zaakpagina_toont_elke_afleiding(dev_werker: Client) -> None:
    """Issue #20 item 13 on the case page: the objection term's shift names every skipped day, and
    each derivation is shown step by step (the decision on objection's too)."""
    from datetime import timedelta

    from nareis.beleid import beleid_op
    from nareis.kalender import termijnen as t

    app: Any = maak_app(Instellingen(task_queue=DEV_TASK_QUEUE, api_tokens=TOKENS), dev_werker, api=ApiInstellingen())
    vandaag = datum_in_amsterdam(datetime.now(UTC))
    # a decision date in the last four weeks whose objection term (still running) the Atw shifts
    besluitdag = next(
        d
        for d in (vandaag - timedelta(days=i) for i in range(27, -1, -1))
        if t.bezwaartermijn(d, beleid_op(d)).uitleg.verschuivingen
        and t.bezwaartermijn(d, beleid_op(d)).einde >= vandaag
    )
    data = aanvraag_data(besluitdag, nummer=nummer("NR-VO"), referent__vnummer=vnummer())
    nr = data["aanvraagnummer"]
    behandelaar, teamleider = {"Authorization": "Bearer b1-t"}, {"Authorization": "Bearer tl-t"}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api") as http:
        assert (await http.post("/aanvragen", json=data, headers={"Authorization": "Bearer in-t"})).status_code == 201
        op = {"op": besluitdag.isoformat()}
        assert (await http.post(f"/aanvragen/{nr}/besluiten", json={**AFWIJZING, **op}, headers=behandelaar)).is_success
        akkoord = await http.post(
            f"/aanvragen/{nr}/besluit_accorderen", json={"akkoord": True, **op}, headers=teamleider
        )
        assert akkoord.is_success, akkoord.text
        toestand = (await http.post(f"/aanvragen/{nr}/bezwaar_ontvangen", json={}, headers=behandelaar)).json()
    [verschuiving] = toestand["bezwaar"]["uitleg"]["verschuivingen"]
    browser, _ = await _browser(app, "tl-t")
    pagina = (await browser.get(f"/zaken/{nr}")).text
    bezwaar = pagina.split('id="bezwaar"', 1)[1].split("</section>", 1)[0]
    assert verschuiving["reden"] in bezwaar
    assert "Stap voor stap" in bezwaar and "19 weken na afloop van de bezwaartermijn" in bezwaar
