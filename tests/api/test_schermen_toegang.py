"""The caseworker screens' guards, without Temporal: sign-in, the signed session cookie,
CSRF on every POST form and the roles. Temporal is unreachable here on purpose: a request
that got past the guards answers 503, one stopped by them 403."""

from __future__ import annotations

import csv
import io
import re
import time
from datetime import date

import httpx
import pytest
from starlette.datastructures import FormData

from api.app import ApiInstellingen, maak_app
from api.schermen import formulieren
from api.schermen.export import csv_tekst
from api.schermen.sessie import COOKIE
from api.schermen.werkvoorraad import Filters, Weergave, zoekvraag
from client.settings import Instellingen

TOKENS = {"intake": "tok-i", "behandelaar": "tok-b", "lezer": "tok-l"}
ACTIE = "/zaken/NR-2026-000123-1/acties/hv_reactie_ontvangen"


@pytest.fixture
def app():
    spec = ",".join(f"{t}:{r}:wie-{r}" for r, t in TOKENS.items())
    instellingen = Instellingen(temporal_address="127.0.0.1:1", api_tokens=spec)
    return maak_app(instellingen, api=ApiInstellingen(status_wachttijd=0.2, actie_wachttijd=1))


def _browser(app) -> httpx.AsyncClient:
    """A browser without a network: cookies kept, redirects not followed."""
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://schermen")


def _csrf(html: str) -> str:
    gevonden = re.search(r'name="csrf" value="([^"]+)"', html)
    assert gevonden, html
    return gevonden.group(1)


async def _ingelogd(app, rol: str) -> tuple[httpx.AsyncClient, str]:
    """A browser signed in as `rol`, and its session's CSRF token."""
    browser = _browser(app)
    csrf = _csrf((await browser.get("/inloggen")).text)
    antwoord = await browser.post("/inloggen", data={"csrf": csrf, "token": TOKENS[rol]})
    assert antwoord.status_code == 303, antwoord.text
    assert antwoord.headers["location"] == "/werkvoorraad"
    return browser, _csrf_uit_cookie(app, browser)


def _csrf_uit_cookie(app, browser: httpx.AsyncClient) -> str:
    """The session's CSRF token, as the pages render it into every form."""
    gegevens = app.state.schermen_sleutel.lees(browser.cookies.get(COOKIE))
    assert gegevens is not None
    return str(gegevens["csrf"])


async def test_zonder_sessie_naar_inloggen(app) -> None:
    browser = _browser(app)
    for pad in ("/", "/werkvoorraad", "/zaken/NR-2026-000123-1", "/indienen"):
        antwoord = await browser.get(pad)
        assert antwoord.status_code == 303, pad
        assert antwoord.headers["location"] == "/inloggen"


async def test_inloggen_zet_een_ondertekend_httponly_lax_cookie(app) -> None:
    browser = _browser(app)
    csrf = _csrf((await browser.get("/inloggen")).text)
    antwoord = await browser.post("/inloggen", data={"csrf": csrf, "token": TOKENS["behandelaar"]})
    assert antwoord.status_code == 303
    cookie = next(c for c in antwoord.headers.get_list("set-cookie") if c.startswith(f"{COOKIE}="))
    assert "HttpOnly" in cookie
    assert "samesite=lax" in cookie.lower()
    assert TOKENS["behandelaar"] not in cookie  # the token itself is never in the cookie
    assert (await browser.get("/")).headers["location"] == "/werkvoorraad"


async def test_inloggen_met_onbekend_token_geweigerd(app) -> None:
    browser = _browser(app)
    csrf = _csrf((await browser.get("/inloggen")).text)
    antwoord = await browser.post("/inloggen", data={"csrf": csrf, "token": "geraden"})
    assert antwoord.status_code == 401
    assert "onbekend of ongeldig" in antwoord.text
    assert COOKIE not in browser.cookies


async def test_inloggen_zonder_csrf_geweigerd(app) -> None:
    browser = _browser(app)
    await browser.get("/inloggen")
    antwoord = await browser.post("/inloggen", data={"token": TOKENS["behandelaar"]})
    assert antwoord.status_code == 403
    assert COOKIE not in browser.cookies


@pytest.mark.parametrize("csrf", [None, "", "verkeerd"])
async def test_post_zonder_of_met_verkeerd_csrf_geeft_403(app, csrf: str | None) -> None:
    browser, _ = await _ingelogd(app, "behandelaar")
    data = {} if csrf is None else {"csrf": csrf}
    assert (await browser.post(ACTIE, data=data)).status_code == 403
    assert (await browser.post("/uitloggen", data=data)).status_code == 403


async def test_behandelaar_met_juist_csrf_komt_langs_de_controles(app) -> None:
    browser, csrf = await _ingelogd(app, "behandelaar")
    # past CSRF and role: the action reaches Temporal, which is unreachable here
    assert (await browser.post(ACTIE, data={"csrf": csrf})).status_code == 503


@pytest.mark.parametrize("rol", ["lezer", "intake"])
async def test_vervalste_post_van_rol_zonder_recht_geeft_403(app, rol: str) -> None:
    browser, csrf = await _ingelogd(app, rol)
    antwoord = await browser.post(ACTIE, data={"csrf": csrf})
    assert antwoord.status_code == 403
    assert f"rol {rol} mag dit niet" in antwoord.text


async def test_indienen_alleen_voor_intake(app) -> None:
    browser, csrf = await _ingelogd(app, "behandelaar")
    assert (await browser.get("/indienen")).status_code == 403
    assert (await browser.post("/indienen", data={"csrf": csrf, "aanvraag": "{}"})).status_code == 403
    intake, csrf = await _ingelogd(app, "intake")
    antwoord = await intake.post("/indienen", data={"csrf": csrf, "aanvraag": '{"aanvraagnummer": 1}'})
    assert antwoord.status_code == 422
    assert "aria-describedby" in antwoord.text


@pytest.mark.parametrize("vervalsing", ["onondertekend", "gewijzigd", "andere-sleutel"])
async def test_vervalst_sessiecookie_geweigerd(app, vervalsing: str) -> None:
    import base64
    import json

    from api.schermen.sessie import Ondertekenaar

    browser, csrf = await _ingelogd(app, "lezer")
    echt = browser.cookies.get(COOKIE)
    inhoud, _, handtekening = echt.rpartition(".")
    gegevens = json.loads(base64.urlsafe_b64decode(inhoud + "=" * (-len(inhoud) % 4)))
    gegevens["rollen"] = ["behandelaar"]
    nep = base64.urlsafe_b64encode(json.dumps(gegevens).encode()).decode().rstrip("=")
    waarde = {
        "onondertekend": nep,
        "gewijzigd": f"{nep}.{handtekening}",
        "andere-sleutel": Ondertekenaar(b"x" * 32).teken(gegevens),
    }[vervalsing]
    browser.cookies.set(COOKIE, waarde)
    assert (await browser.get("/werkvoorraad")).headers["location"] == "/inloggen"
    assert (await browser.post(ACTIE, data={"csrf": csrf})).status_code == 403


async def test_verlopen_sessie_geweigerd(app) -> None:
    browser, csrf = await _ingelogd(app, "behandelaar")
    gegevens = app.state.schermen_sleutel.lees(browser.cookies.get(COOKIE))
    browser.cookies.set(COOKIE, app.state.schermen_sleutel.teken({**gegevens, "verloopt": int(time.time()) - 1}))
    assert (await browser.get("/werkvoorraad")).headers["location"] == "/inloggen"
    assert (await browser.post(ACTIE, data={"csrf": csrf})).status_code == 403


async def test_uitloggen_wist_de_sessie(app) -> None:
    browser, csrf = await _ingelogd(app, "lezer")
    antwoord = await browser.post("/uitloggen", data={"csrf": csrf})
    assert antwoord.status_code == 303
    assert COOKIE not in browser.cookies
    assert (await browser.get("/werkvoorraad")).headers["location"] == "/inloggen"


async def test_werkvoorraad_weigert_een_zelfgemaakte_paginaverwijzing(app) -> None:
    browser, _ = await _ingelogd(app, "lezer")
    vreemd = app.state.schermen_sleutel.teken({"pagina": "AAAA", "vraag": "andere filters"})
    for pagina in ("rommel", vreemd):
        assert (await browser.get("/werkvoorraad", params={"pagina": pagina})).status_code == 400
    # without one, the page is asked of Temporal (unreachable here)
    assert (await browser.get("/werkvoorraad")).status_code == 503


def test_zoekvraag_uit_filters() -> None:
    filters = Filters.uit({"binnen": "30", "fase": "beoordeling", "dossier": "NR-1", "opgeschort": "ja"})
    vraag = zoekvraag(filters, date(2026, 11, 23))
    assert 'ExecutionStatus = "Running"' in vraag
    assert 'WorkflowType = "Nareisaanvraag"' in vraag
    assert 'NareisFase = "beoordeling"' in vraag
    assert 'NareisVolgendeTermijn < "2026-12-23T23:00:00Z"' in vraag  # 24 december 00:00 Amsterdam
    assert "NareisOpgeschort = true" in vraag
    assert 'NareisDossier = "NR-1"' in vraag
    # anything but a code never reaches the query
    assert "Referent" not in zoekvraag(Filters.uit({"referent": '1" OR 1=1', "fase": "x"}), date(2026, 11, 23))
    assert "Fase" not in zoekvraag(Filters.uit({"fase": "x"}), date(2026, 11, 23))


def test_formulier_wordt_payload() -> None:
    formulier = FormData(
        [("uitkomst", "afwijzing"), ("gronden", "IDENTITEIT"), ("gronden", "MIDDELEN"), ("motivering", "")]
    )
    assert formulieren.payload("besluiten", formulier) == {
        "uitkomst": "afwijzing",
        "gronden": ["IDENTITEIT", "MIDDELEN"],
    }
    formulier = FormData([("uitkomst", "inwilliging"), ("motivering", "IDENTITEIT: paspoort echt\nMIDDELEN: loon")])
    assert formulieren.payload("besluiten", formulier)["motivering"] == {
        "IDENTITEIT": "paspoort echt",
        "MIDDELEN": "loon",
    }
    formulier = FormData([("uitkomst", "ongegrond"), ("nieuw_besluit.motivering", "")])
    assert formulieren.payload("bezwaar_besluiten", formulier) == {"uitkomst": "ongegrond"}
    formulier = FormData(
        [("uitkomst", "gegrond"), ("nieuw_besluit.uitkomst", "afwijzing"), ("nieuw_besluit.gronden", "CATEGORIE")]
    )
    assert formulieren.payload("bezwaar_besluiten", formulier) == {
        "uitkomst": "gegrond",
        "nieuw_besluit": {"uitkomst": "afwijzing", "gronden": ["CATEGORIE"]},
    }
    formulier = FormData([("feit_identiteit_aannemelijk", "ja"), ("feit_huwelijk", "wissen"), ("op", "2026-11-01")])
    assert formulieren.payload("feiten_vastleggen", formulier) == {
        "feiten": {"identiteit_aannemelijk": True, "huwelijk": None},
        "op": "2026-11-01",
    }
    formulier = FormData([("reden", "documenten"), ("omschrijving", "paspoort"), ("ontbrekend", "paspoort\n\n akte ")])
    assert formulieren.payload("hv_versturen", formulier) == {
        "reden": "documenten",
        "omschrijving": "paspoort",
        "ontbrekend": ["paspoort", "akte"],
    }


def test_gewone_datum_wordt_rfc3339_om_middernacht_in_amsterdam() -> None:
    winter = zoekvraag(Filters.uit({"tot": "2027-01-01"}), date(2026, 12, 2))
    assert 'NareisVolgendeTermijn < "2027-01-01T23:00:00Z"' in winter  # 2 January 00:00 +01:00
    zomer = zoekvraag(Filters.uit({"vanaf": "2027-07-01"}), date(2026, 12, 2))
    assert 'NareisVolgendeTermijn >= "2027-06-30T22:00:00Z"' in zomer  # 1 July 00:00 +02:00
    mijn = zoekvraag(Filters.uit({}, standaard=Weergave.MIJN), date(2026, 12, 2), wie='J. "x"')
    assert 'NareisBehandelaar = "J. \\"x\\""' in mijn
    assert "NareisBehandelaar IS NULL" in zoekvraag(Filters.uit({"weergave": "team"}), date(2026, 12, 2))


def test_csv_neutraliseert_formules() -> None:
    tekst = csv_tekst([{"aanvraagnummer": "NR-1", "naam": '=HYPERLINK("x")', "volgende_dagen_over": -3}])
    rij = list(csv.reader(io.StringIO(tekst)))[1]
    assert rij[1] == '\'=HYPERLINK("x")'
    assert rij[6] == "-3"  # a number is no formula


def test_dashboard_wordt_een_halve_minuut_bewaard() -> None:
    from api.schermen.dashboard import BEWAARTIJD_S, Bewaard, Dashboard

    vandaag = date(2026, 12, 2)
    d = Dashboard(vandaag, {}, [], 0, [], 0, 0, [])
    bewaard = Bewaard(d, geteld_om=100.0, tijdstip="10:00:00")
    assert bewaard.vers(vandaag, 100.0 + BEWAARTIJD_S - 0.1) is d
    assert bewaard.vers(vandaag, 100.0 + BEWAARTIJD_S) is None
    assert bewaard.vers(date(2026, 12, 3), 100.5) is None  # a new day counts anew
    assert Bewaard().vers(vandaag, 0.0) is None
