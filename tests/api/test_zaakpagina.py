"""The case page against a real worker on the time-skipping server (issue #17 items 1 and 4): who
the case is about, the actions the case takes now with why, the error summary after a refusal,
and the confirmation step of an irreversible action that summarises its effect."""

from __future__ import annotations

import asyncio
import re
import uuid
from collections.abc import AsyncIterator
from datetime import date
from html import escape as html_escape
from typing import Any

import asyncpg
import httpx
import pytest
import pytest_asyncio
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from api.app import ApiInstellingen, maak_app
from client.register import RegisterReader
from client.settings import Instellingen
from nareis.tijd import datum_in_amsterdam, datum_voluit
from tests.api.test_api import nummer
from tests.sleutels import kluis
from tests.voorbeelden import aanvraag_data

pytestmark = pytest.mark.asyncio(loop_scope="session")

TOKENS = "intake-z:intake,beh-z:behandelaar:J. de Vries,lees-z:lezer,tl-z:teamleider:T. Leider"


async def _vandaag(env: WorkflowEnvironment) -> date:
    return datum_in_amsterdam(await env.get_current_time())


@pytest_asyncio.fixture(loop_scope="session")
async def app(werker: Client, tijdreis: WorkflowEnvironment, task_queue: str, register_pool: asyncpg.Pool) -> Any:
    heden = await _vandaag(tijdreis)
    return maak_app(
        Instellingen(task_queue=task_queue, api_tokens=TOKENS),
        werker,
        api=ApiInstellingen(),
        vandaag=lambda: heden,
        register=RegisterReader(register_pool, kluis()),
    )


def _csrf(html: str) -> str:
    gevonden = re.search(r'name="csrf" value="([^"]+)"', html)
    assert gevonden, html
    return gevonden.group(1)


@pytest_asyncio.fixture(loop_scope="session")
async def behandelaar(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    """A browser signed in as caseworker J. de Vries."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://schermen") as browser:
        csrf = _csrf((await browser.get("/inloggen")).text)
        antwoord = await browser.post("/inloggen", data={"csrf": csrf, "token": "beh-z"})
        assert antwoord.status_code == 303, antwoord.text
        yield browser


async def _indienen(app: Any, data: dict[str, Any]) -> None:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api") as api:
        antwoord = await api.post("/aanvragen", json=data, headers={"Authorization": "Bearer intake-z"})
        assert antwoord.status_code == 201, antwoord.text


async def _status(app: Any, nr: str) -> dict[str, Any]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api") as api:
        antwoord = await api.get(f"/aanvragen/{nr}", headers={"Authorization": "Bearer lees-z"})
        assert antwoord.status_code == 200, antwoord.text
        return dict(antwoord.json())


def _vnummer() -> str:
    """One referent per case: cases of the same referent learn of each other (WI 2026/11 §3.2.1)."""
    return f"{uuid.uuid4().int % 10**10:010d}"


async def _zaak(app: Any, tijdreis: WorkflowEnvironment, **wijzigingen: Any) -> str:
    wijzigingen.setdefault("referent__vnummer", _vnummer())
    data = aanvraag_data(await _vandaag(tijdreis), nummer=nummer(), **wijzigingen)
    await _indienen(app, data)
    return str(data["aanvraagnummer"])


def _tekst(html: str, id_: str) -> str:
    """The text of the element with `id_` (its first line of markup), tags stripped."""
    gevonden = re.search(rf'id="{re.escape(id_)}"[^>]*>(.*?)</(dd|span|div|p|section)>', html, re.DOTALL)
    assert gevonden, f"geen element {id_}"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", gevonden.group(1))).strip()


async def test_kop_toont_wie_de_zaak_betreft_en_het_gezin(
    app: Any, behandelaar: httpx.AsyncClient, tijdreis: WorkflowEnvironment
) -> None:
    nr = nummer()
    broer_nr = nr.rsplit("-", 1)[0] + "-9"
    vandaag = await _vandaag(tijdreis)
    referent = _vnummer()
    data = aanvraag_data(vandaag, nummer=nr, vorm="brief", gezamenlijk_met=[broer_nr], referent__vnummer=referent)
    broer = aanvraag_data(
        vandaag,
        nummer=broer_nr,
        referent__vnummer=referent,
        gezamenlijk_met=[nr],
        gezinslid__naam="B. Voorbeeld",
        gezinslid__relatie="kind",
        gezinslid__geboortedatum="2012-03-04",
    )
    broer["dossiernummer"] = data["dossiernummer"]
    await _indienen(app, data)
    await _indienen(app, broer)

    html = (await behandelaar.get(f"/zaken/{nr}")).text
    assert "<h1>Zaak " + nr + ": A. Voorbeeld</h1>" in html
    assert (
        _tekst(html, "gezinslid")
        == "A. Voorbeeld (echtgenoot), geboren 2 februari 1992, verblijft in TR; v-nummer 2234567890"
    )
    assert _tekst(html, "referent") == f"v-nummer {referent}, vluchteling"
    assert _tekst(html, "ontvangen") == f"{datum_voluit(vandaag)}, per brief"
    assert _tekst(html, "behandelaar") == "niet toegewezen (werkvoorraad van het team)"
    assert _tekst(html, "beleid") == (await _status(app, nr))["beleid"]
    assert _tekst(html, "dossier") == f"{data['dossiernummer']}, met B. Voorbeeld (kind)"
    assert f'href="/zaken/{broer_nr}"' in html


async def test_alleen_mogelijke_acties_elk_met_een_reden(
    app: Any, behandelaar: httpx.AsyncClient, tijdreis: WorkflowEnvironment
) -> None:
    nr = await _zaak(app, tijdreis)
    status = await _status(app, nr)
    html = (await behandelaar.get(f"/zaken/{nr}")).text
    aangeboden = re.findall(r'<details class="actie" id="actie-([a-z_]+)"', html)
    assert aangeboden == status["mogelijke_acties"]
    assert "formulier_ontvangen" not in aangeboden  # filed with the form: never offered
    einde = datum_voluit(status["beslistermijn"]["einde"])
    assert _tekst(html, "reden-besluiten") == (
        f"— Het formulier is er en er wacht geen brief of onderzoek meer; de beslistermijn loopt tot {einde}."
    )
    for actie in aangeboden:
        assert _tekst(html, f"reden-{actie}").removeprefix("— "), actie


async def test_weigering_van_het_formulier_foutsamenvatting_bovenaan_met_links_en_waarden(
    app: Any, behandelaar: httpx.AsyncClient, tijdreis: WorkflowEnvironment
) -> None:
    nr = await _zaak(app, tijdreis)
    voor = await _status(app, nr)
    pagina = (await behandelaar.get(f"/zaken/{nr}")).text
    antwoord = await behandelaar.post(
        f"/zaken/{nr}/acties/besluiten",
        data={"csrf": _csrf(pagina), "gronden": "IDENTITEIT", "toelichting": "eerst bekeken"},
    )
    assert antwoord.status_code == 422
    html = antwoord.text
    # the summary comes first in <main>, takes the focus, and links to the field in the screen's words
    main = html[html.index('<main id="inhoud"') :]
    assert main.index('id="foutsamenvatting"') < main.index("<h1>")
    samenvatting = html[html.index('id="foutsamenvatting"') : html.index("</div>", html.index('id="foutsamenvatting"'))]
    assert "autofocus" in samenvatting and 'tabindex="-1"' in samenvatting and 'role="alert"' in samenvatting
    assert '<a href="#besluiten-uitkomst-label">Uitkomst: verplicht veld ontbreekt</a>' in samenvatting
    assert "Er is niets veranderd." in samenvatting
    # at the field: the same message, tied to it; what was entered is still there
    assert 'id="fout-besluiten-uitkomst"' in html
    assert re.search(
        r'<select id="besluiten-uitkomst" name="uitkomst" aria-describedby="fout-besluiten-uitkomst"', html
    )
    assert re.search(r'id="besluiten-gronden-IDENTITEIT" name="gronden" value="IDENTITEIT" checked', html)
    assert ">eerst bekeken</textarea>" in html
    assert '<details class="actie" id="actie-besluiten" open>' in html
    assert await _status(app, nr) == voor


async def test_weigering_door_de_zaak_linkt_naar_het_veld_dat_zij_noemt(
    app: Any, behandelaar: httpx.AsyncClient, tijdreis: WorkflowEnvironment
) -> None:
    nr = await _zaak(app, tijdreis)
    pagina = (await behandelaar.get(f"/zaken/{nr}")).text
    # a rejection naming a ground the advice does not find unmet, without a motivation: the case's guard
    antwoord = await behandelaar.post(
        f"/zaken/{nr}/acties/besluiten",
        data={"csrf": _csrf(pagina), "uitkomst": "afwijzing", "gronden": "MIDDELEN", "bevestigd": "ja"},
    )
    assert antwoord.status_code == 409
    samenvatting = re.search(r'<ul><li><a href="#([^"]+)">([^<]+)</a>', antwoord.text)
    assert samenvatting is not None
    assert samenvatting.group(1) == "besluiten-motivering-label"
    assert samenvatting.group(2).startswith("Motivering per grond (één regel per grond: GROND: waarom): ")
    assert "geef per grond een motivering" in samenvatting.group(2)


async def test_intrekken_eerst_bevestigen_dan_pas_verstuurd(
    app: Any, behandelaar: httpx.AsyncClient, tijdreis: WorkflowEnvironment
) -> None:
    nr = await _zaak(app, tijdreis)
    status = await _status(app, nr)
    pagina = (await behandelaar.get(f"/zaken/{nr}")).text
    formulier = {"csrf": _csrf(pagina), "actie_id": "a" * 32, "toelichting": "brief van de referent"}
    antwoord = await behandelaar.post(f"/zaken/{nr}/acties/intrekken", data=formulier)
    assert antwoord.status_code == 200
    html = antwoord.text
    assert "<h1>Intrekken bevestigen</h1>" in html
    assert "de aanvraag wordt ingetrokken (uitkomst: ingetrokken)" in html
    assert f"Stopt: de beslistermijn (loopt nu tot en met {datum_voluit(status['beslistermijn']['einde'])})" in html
    assert "De zaak wordt afgerond" in html
    assert 'name="actie_id" value="' + "a" * 32 + '"' in html
    assert 'name="toelichting" value="brief van de referent"' in html
    assert (await _status(app, nr))["fase"] == status["fase"]  # nothing sent yet

    # back to change it: the case page with the form open and the values kept
    terug = await behandelaar.post(f"/zaken/{nr}/acties/intrekken", data={**formulier, "terug": "ja"})
    assert terug.status_code == 200
    assert '<details class="actie" id="actie-intrekken" open>' in terug.text
    assert ">brief van de referent</textarea>" in terug.text

    bevestigd = await behandelaar.post(f"/zaken/{nr}/acties/intrekken", data={**formulier, "bevestigd": "ja"})
    assert bevestigd.status_code == 303
    assert bevestigd.headers["location"] == f"/zaken/{nr}?gedaan=intrekken"
    na = await _status(app, nr)
    assert na["fase"] == "afgerond"
    assert na["besluit"]["uitkomst"] == "ingetrokken"


async def test_besluiten_samenvatting_noemt_gronden_motivering_en_de_termijn_die_begint(
    app: Any, behandelaar: httpx.AsyncClient, tijdreis: WorkflowEnvironment
) -> None:
    """A rejection is a proposal under vier ogen (DOMAIN.md §3.7): its summary says nothing starts
    yet; the team lead's approval summary names the objection term the case then computes."""
    nr = await _zaak(app, tijdreis)
    pagina = (await behandelaar.get(f"/zaken/{nr}")).text
    formulier = {
        "csrf": _csrf(pagina),
        "uitkomst": "afwijzing",
        "gronden": "MIDDELEN",
        "motivering": "MIDDELEN: geen inkomen aangetoond",
    }
    antwoord = await behandelaar.post(f"/zaken/{nr}/acties/besluiten", data=formulier)
    assert antwoord.status_code == 200, antwoord.text
    html = antwoord.text
    assert "<dt>Uitkomst</dt><dd>afwijzing</dd>" in html
    assert "<dt>Gronden</dt><dd>MIDDELEN</dd>" in html
    assert "<dt>MIDDELEN</dt><dd>geen inkomen aangetoond</dd>" in html
    assert "Dit wordt een voorstel" in html and "Begint:" not in html

    bevestigd = await behandelaar.post(f"/zaken/{nr}/acties/besluiten", data={**formulier, "bevestigd": "ja"})
    assert bevestigd.status_code == 303, bevestigd.text
    assert (await _status(app, nr))["besluit"]["voorgesteld"] is True

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://schermen") as teamleider:
        csrf = _csrf((await teamleider.get("/inloggen")).text)
        assert (await teamleider.post("/inloggen", data={"csrf": csrf, "token": "tl-z"})).status_code == 303
        csrf = _csrf((await teamleider.get(f"/zaken/{nr}")).text)
        akkoord = {"csrf": csrf, "akkoord": "ja"}
        samenvatting = await teamleider.post(f"/zaken/{nr}/acties/besluit_accorderen", data=akkoord)
        assert samenvatting.status_code == 200, samenvatting.text
        begint = re.search(r"Begint: de bezwaartermijn, tot en met ([^<]+)</li>", samenvatting.text)
        assert begint is not None
        assert "Stopt: de beslistermijn" in samenvatting.text
        klaar = await teamleider.post(f"/zaken/{nr}/acties/besluit_accorderen", data={**akkoord, "bevestigd": "ja"})
        assert klaar.status_code == 303, klaar.text
    na = await _status(app, nr)
    assert na["besluit"]["uitkomst"] == "afwijzing" and na["besluit"]["voorgesteld"] is False
    # the date the summary promised is the one the case computed
    assert begint.group(1) == datum_voluit(na["bezwaar"]["termijn_einde"])


async def test_lezer_krijgt_geen_acties_en_geen_bevestiging(app: Any, tijdreis: WorkflowEnvironment) -> None:
    nr = await _zaak(app, tijdreis)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://schermen") as lezer:
        csrf = _csrf((await lezer.get("/inloggen")).text)
        await lezer.post("/inloggen", data={"csrf": csrf, "token": "lees-z"})
        html = (await lezer.get(f"/zaken/{nr}")).text
        assert 'class="actie"' not in html
        antwoord = await lezer.post(f"/zaken/{nr}/acties/intrekken", data={"csrf": _csrf(html)})
        assert antwoord.status_code == 403


# --- facts, timeline and notes (issue #17 item 5) --------------------------------------------

BEHANDELAAR = {"Authorization": "Bearer beh-z"}


async def _api_actie(app: Any, nr: str, actie: str, body: dict[str, Any]) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api") as api:
        return await api.post(f"/aanvragen/{nr}/{actie}", json=body, headers=BEHANDELAAR)


async def test_feitenformulier_toont_de_huidige_waarde_met_herkomst_en_tijdlijn_oud_nieuw(
    app: Any, behandelaar: httpx.AsyncClient, tijdreis: WorkflowEnvironment
) -> None:
    nr = await _zaak(app, tijdreis)
    vandaag = await _vandaag(tijdreis)
    for feiten in ({"identiteit_aannemelijk": True}, {"identiteit_aannemelijk": False, "huwelijk": "rechtsgeldig"}):
        antwoord = await _api_actie(app, nr, "feiten_vastleggen", {"feiten": feiten})
        assert antwoord.status_code == 200, antwoord.text
    details = (await behandelaar.get(f"/aanvragen/{nr}/details", headers=BEHANDELAAR)).json()
    volgnummer = next(f["volgnummer"] for f in details["feiten"] if f["feit"] == "identiteit_aannemelijk")

    html = (await behandelaar.get(f"/zaken/{nr}")).text
    herkomst = _tekst(html, "herkomst-feiten_vastleggen-feiten-identiteit_aannemelijk")
    assert herkomst == (
        f"Nu: nee, vastgelegd door J. de Vries op {datum_voluit(vandaag)} (feiten vastleggen, tijdlijn #{volgnummer})"
    )
    assert _tekst(html, "herkomst-feiten_vastleggen-feiten-feitelijke_gezinsband") == "Nu: niet vastgesteld"
    assert '<option value="">niet wijzigen (nu: rechtsgeldig)</option>' in html
    assert 'aria-describedby="herkomst-feiten_vastleggen-feiten-huwelijk"' in html
    # the timeline entry says what it changed, old → new, and who did it
    regel = html[html.index(f'id="tijdlijn-{volgnummer}"') :]
    regel = regel[: regel.index("</li>\n  </ul>") if "</li>\n  </ul>" in regel else regel.index("</ul>")]
    assert "feiten vastleggen — J. de Vries" in regel
    assert "<li>identiteit aannemelijk: ja → nee</li>" in regel
    assert "<li>huwelijk: rechtsgeldig</li>" in regel
    # every established fact, also those the form does not edit, with its provenance
    assert '<th scope="row">huwelijk</th><td>rechtsgeldig</td><td>J. de Vries</td>' in html


async def test_notitie_vanuit_het_scherm_in_de_tijdlijn_met_wie(
    app: Any, behandelaar: httpx.AsyncClient, tijdreis: WorkflowEnvironment
) -> None:
    nr = await _zaak(app, tijdreis)
    voor = await _status(app, nr)
    pagina = (await behandelaar.get(f"/zaken/{nr}")).text
    assert 'id="actie-notitie"' in pagina
    assert _tekst(pagina, "reden-notitie") == "— Een notitie bij de zaak; zij verandert geen termijn."

    leeg = await behandelaar.post(f"/zaken/{nr}/acties/notitie", data={"csrf": _csrf(pagina), "tekst": "  "})
    assert leeg.status_code == 422
    assert (
        '<a href="#notitie-tekst-label">Notitie (ten hoogste 4.000 tekens): verplicht veld ontbreekt</a>' in leeg.text
    )

    tekst = "Referent belde: <paspoort> volgt per post."
    antwoord = await behandelaar.post(f"/zaken/{nr}/acties/notitie", data={"csrf": _csrf(pagina), "tekst": tekst})
    assert antwoord.status_code == 303, antwoord.text
    html = (await behandelaar.get(antwoord.headers["location"])).text
    assert "Verwerkt: Een notitie bij de zaak vastleggen (verandert geen termijn)." in html
    assert (
        'notitie — J. de Vries<blockquote class="notitie">Referent belde: &lt;paspoort&gt; volgt per post.</blockquote>'
        in html
    )
    na = await _status(app, nr)
    assert (na["termijnen"], na["volgende_termijn"]) == (voor["termijnen"], voor["volgende_termijn"])


async def test_api_notitie_en_details(app: Any, tijdreis: WorkflowEnvironment) -> None:
    nr = await _zaak(app, tijdreis)
    te_lang = await _api_actie(app, nr, "notitie", {"tekst": "x" * 4001})
    assert te_lang.status_code == 422
    assert te_lang.json()["detail"][0]["loc"] == ["body", "tekst"]
    antwoord = await _api_actie(app, nr, "notitie", {"tekst": "eerste contact"})
    assert antwoord.status_code == 200, antwoord.text
    assert antwoord.json()["tijdlijn"][-1]["toelichting"] == "eerste contact"
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api") as api:
        lezer = {"Authorization": "Bearer lees-z"}
        assert (await api.post(f"/aanvragen/{nr}/notitie", json={"tekst": "x"}, headers=lezer)).status_code == 403
        details = await api.get(f"/aanvragen/{nr}/details", headers=lezer)
        assert details.status_code == 200
        laatste = details.json()["tijdlijn"][-1]
        assert (laatste["gebeurtenis"], laatste["door"], laatste["toelichting"]) == (
            "notitie",
            "J. de Vries",
            "eerste contact",
        )
        assert (await api.get("/aanvragen/NR-ONBEKEND-1/details", headers=lezer)).status_code == 404


# --- letters (issue #17 item 6) ------------------------------------------------------------


async def _brieven_in_register(register_pool: asyncpg.Pool, nr: str, aantal: int) -> list[dict[str, Any]]:
    """The case's letters once `aantal` are in the register (its activity runs after the step),
    decrypted by the register's reader."""
    for _ in range(400):
        rijen = [b.model_dump() for b in await RegisterReader(register_pool, kluis()).brieven(nr)]
        if len(rijen) >= aantal:
            return rijen
        await asyncio.sleep(0.05)
    raise AssertionError(f"{nr}: geen {aantal} brieven in het register")


async def test_brieven_op_de_zaakpagina_te_lezen_en_als_pdf(
    app: Any, behandelaar: httpx.AsyncClient, tijdreis: WorkflowEnvironment, register_pool: asyncpg.Pool
) -> None:
    nr = await _zaak(app, tijdreis)
    (ontvangst,) = await _brieven_in_register(register_pool, nr, 1)
    html = (await behandelaar.get(f"/zaken/{nr}")).text
    stap = ontvangst["brief_id"].rsplit("/", 1)[1]
    url = f"/zaken/{nr}/brieven/{ontvangst['volgnummer']}/{stap}"
    assert f'<a href="{url}">{ontvangst["onderwerp"]}</a>' in html
    assert f'<a href="{url}/pdf" download>PDF' in html

    pagina = await behandelaar.get(url)
    assert pagina.status_code == 200
    assert f"<h1>{ontvangst['onderwerp']}</h1>" in pagina.text
    eerste_regel = ontvangst["tekst"].splitlines()[0]
    assert eerste_regel in pagina.text

    pdf = await behandelaar.get(url + "/pdf")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert (
        pdf.headers["content-disposition"]
        == f'attachment; filename="{nr}-{ontvangst["volgnummer"]}-{ontvangst["soort"]}.pdf"'
    )
    assert pdf.content.startswith(b"%PDF-") and len(pdf.content) > 2000
    assert pdf.content.rstrip().endswith(b"%%EOF")

    assert (await behandelaar.get(f"/zaken/{nr}/brieven/999/beschikking_versturen")).status_code == 404
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://schermen") as vreemde:
        antwoord = await vreemde.get(url + "/pdf")
        assert (antwoord.status_code, antwoord.headers["location"]) == (303, "/inloggen")


async def test_beschikking_noemt_een_open_grond_niet_beoordeeld(
    app: Any, behandelaar: httpx.AsyncClient, tijdreis: WorkflowEnvironment, register_pool: asyncpg.Pool
) -> None:
    nr = await _zaak(app, tijdreis)
    antwoord = await _api_actie(
        app,
        nr,
        "besluiten",
        {"uitkomst": "afwijzing", "gronden": ["MIDDELEN"], "motivering": {"MIDDELEN": "geen inkomen"}},
    )
    assert antwoord.status_code == 200, antwoord.text
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api") as api:
        # a rejection takes effect once the team lead approves it (vier ogen, DOMAIN.md §3.7)
        akkoord = await api.post(
            f"/aanvragen/{nr}/besluit_accorderen", json={"akkoord": True}, headers={"Authorization": "Bearer tl-z"}
        )
        assert akkoord.status_code == 200, akkoord.text
    rijen = await _brieven_in_register(register_pool, nr, 2)
    beschikking = next(r for r in rijen if r["soort"] == "beschikking")
    tekst = beschikking["tekst"]
    assert "De identiteit is aannemelijk: niet beoordeeld" in tekst  # no facts recorded: the advice left it open
    assert ": beoordeeld" not in tekst
    stap = beschikking["brief_id"].rsplit("/", 1)[1]
    pagina = await behandelaar.get(f"/zaken/{nr}/brieven/{beschikking['volgnummer']}/{stap}")
    assert "De identiteit is aannemelijk: niet beoordeeld" in pagina.text


async def test_bezwaar_besluiten_samenvatting_herroept_en_noemt_het_nieuwe_besluit(
    app: Any, behandelaar: httpx.AsyncClient, tijdreis: WorkflowEnvironment
) -> None:
    nr = await _zaak(app, tijdreis)
    besluit = {"uitkomst": "afwijzing", "gronden": ["MIDDELEN"], "motivering": {"MIDDELEN": "geen inkomen"}}
    assert (await _api_actie(app, nr, "besluiten", besluit)).status_code == 200
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api") as api:
        akkoord = await api.post(
            f"/aanvragen/{nr}/besluit_accorderen", json={"akkoord": True}, headers={"Authorization": "Bearer tl-z"}
        )
        assert akkoord.status_code == 200, akkoord.text
    assert (await _api_actie(app, nr, "bezwaar_ontvangen", {})).status_code == 200
    voor = await _status(app, nr)
    pagina = (await behandelaar.get(f"/zaken/{nr}")).text
    formulier = {
        "csrf": _csrf(pagina),
        "uitkomst": "gegrond",
        "nieuw_besluit.uitkomst": "afwijzing",
        "nieuw_besluit.gronden": "HUISVESTING",
        "nieuw_besluit.motivering": "HUISVESTING: geen huurovereenkomst",
    }
    antwoord = await behandelaar.post(f"/zaken/{nr}/acties/bezwaar_besluiten", data=formulier)
    assert antwoord.status_code == 200, antwoord.text
    html = antwoord.text
    assert "<h1>Beslissen op het bezwaar bevestigen</h1>" in html
    assert "<dt>Bezwaar</dt><dd>gegrond</dd>" in html
    assert "<dt>Nieuw besluit, uitkomst</dt><dd>afwijzing</dd>" in html
    assert "<dt>Nieuw besluit, gronden</dt><dd>HUISVESTING</dd>" in html
    assert "<dt>HUISVESTING</dt><dd>geen huurovereenkomst</dd>" in html
    assert f"Het besluit (afwijzing van {datum_voluit(voor['besluit']['op'])}) wordt herroepen" in html
    einde = datum_voluit(voor["bezwaar"]["beslissen_uiterlijk"])
    assert f"Stopt: de termijn voor de beslissing op bezwaar (loopt nu tot en met {einde})" in html
    assert "Begint: de bezwaartermijn" not in html  # against a decision on objection: appeal, not objection
    assert await _status(app, nr) == voor


async def test_bevestiging_van_besluiten_toont_de_beschikking_als_voorbeeld(
    app: Any, behandelaar: httpx.AsyncClient, tijdreis: WorkflowEnvironment, register_pool: asyncpg.Pool
) -> None:
    """Issue #17 item 6: the confirmation page shows the letter the action would send, rendered by
    the query `voorbeeld` on a copy of the case; the letter sent after confirming is that text."""
    nr = await _zaak(app, tijdreis)
    assert (await _api_actie(app, nr, "screening_uitslag", {"signalen": []})).status_code == 200
    feiten = {
        "identiteit_aannemelijk": True,
        "familierechtelijke_relatie_aannemelijk": True,
        "feitelijke_gezinsband": True,
        "antecedentenverklaring": True,
        "huwelijk": "rechtsgeldig",
        "bestendig_verblijf": True,
    }
    assert (await _api_actie(app, nr, "feiten_vastleggen", {"feiten": feiten})).status_code == 200
    voor = await _status(app, nr)
    formulier = {"csrf": _csrf((await behandelaar.get(f"/zaken/{nr}")).text), "uitkomst": "inwilliging"}
    antwoord = await behandelaar.post(f"/zaken/{nr}/acties/besluiten", data=formulier)
    assert antwoord.status_code == 200, antwoord.text
    html = antwoord.text
    assert "<h1>Besluiten bevestigen</h1>" in html
    assert "Voorbeeld — nog niet verzonden" in html
    assert "<h3>Beslissing op uw aanvraag nareis: inwilliging</h3>" in html
    assert "Wij willigen de aanvraag in." in html
    assert await _status(app, nr) == voor  # a preview sends nothing

    bevestigd = await behandelaar.post(f"/zaken/{nr}/acties/besluiten", data={**formulier, "bevestigd": "ja"})
    assert bevestigd.status_code == 303, bevestigd.text
    [verzonden] = [b for b in await _brieven_in_register(register_pool, nr, 2) if b["soort"] == "beschikking"]
    voorbeeld = re.search(r'<article class="brief voorbeeld"[^>]*>.*?</h3>(.*?)</article>', html, re.DOTALL)
    assert voorbeeld is not None
    regels = [re.sub(r"<[^>]+>", "", r).strip() for r in re.split(r"<br>|</p>", voorbeeld.group(1))]
    verwacht = [html_escape(r.strip()) for r in verzonden["tekst"].splitlines() if r.strip()]
    assert [r for r in regels if r] == verwacht


async def test_bevestiging_van_een_geweigerde_actie_toont_de_foutsamenvatting(
    app: Any, behandelaar: httpx.AsyncClient, tijdreis: WorkflowEnvironment
) -> None:
    """The query's refusal is the case's: the case page with the error summary, nothing to confirm."""
    nr = await _zaak(app, tijdreis)
    formulier = {"csrf": _csrf((await behandelaar.get(f"/zaken/{nr}")).text), "uitkomst": "inwilliging"}
    antwoord = await behandelaar.post(f"/zaken/{nr}/acties/besluiten", data=formulier)
    assert antwoord.status_code == 409, antwoord.text
    assert "screeningsuitslag" in antwoord.text
    assert "Voorbeeld — nog niet verzonden" not in antwoord.text
