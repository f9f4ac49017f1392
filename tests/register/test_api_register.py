"""The API with the case register (issue 15 items 9 and 13): a session signed out at one API
process is refused by every other, through PostgreSQL; the letters are served decrypted; an API
without a register has no letters (one without a key: test_zonder_sleutel.py). No Temporal:
nothing here needs a case to run."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import httpx
import pytest
from temporalio.testing import ActivityEnvironment

from activities.register import Register, RegisterActiviteiten
from api.app import ApiInstellingen, maak_app
from api.schermen.sessie import COOKIE
from client.settings import Instellingen
from tests.register.test_versleuteling import NAAM, _aanvraag, _hv_brief, _vastlegging
from tests.sleutels import REGISTER_SLEUTEL

pytestmark = pytest.mark.asyncio(loop_scope="session")

TOKENS = "tok-b:behandelaar,tok-l:lezer"


def _api(dsn: str) -> Any:
    """One API process on the register (Temporal unreachable on purpose)."""
    return maak_app(
        Instellingen(
            temporal_address="127.0.0.1:1", api_tokens=TOKENS, database_url=dsn, register_key=REGISTER_SLEUTEL
        ),
        api=ApiInstellingen(),
        vandaag=lambda: date(2026, 12, 1),
    )


def _browser(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://schermen")


async def _ingelogd(app: Any, token: str) -> httpx.AsyncClient:
    browser = _browser(app)
    csrf = re.search(r'name="csrf" value="([^"]+)"', (await browser.get("/inloggen")).text)
    assert csrf
    assert (await browser.post("/inloggen", data={"csrf": csrf.group(1), "token": token})).status_code == 303
    return browser


async def test_uitgelogd_bij_het_ene_proces_geweigerd_bij_elk(
    register_dsn: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NAREIS_SESSIE_SLEUTEL", "gedeelde-sleutel-van-de-schermen")
    eerste, tweede = _api(register_dsn), _api(register_dsn)
    browser = await _ingelogd(eerste, "tok-b")
    cookie = browser.cookies.get(COOKIE)
    csrf = eerste.state.schermen_sleutel.lees(cookie)["csrf"]
    async with _browser(tweede) as elders:
        elders.cookies.set(COOKIE, cookie)
        assert (await elders.get("/")).headers["location"] == "/werkvoorraad"  # the other process knows it

        assert (await browser.post("/uitloggen", data={"csrf": csrf})).status_code == 303
        assert (await elders.get("/")).headers["location"] == "/inloggen"
        assert (await elders.get("/werkvoorraad")).headers["location"] == "/inloggen"
        actie = await elders.post("/zaken/NR-2026-000777-1/acties/intrekken", data={"csrf": csrf})
        assert actie.status_code == 403
    # a new process started later refuses it too; another session of the same user works
    async with _browser(_api(register_dsn)) as later:
        later.cookies.set(COOKIE, cookie)
        assert (await later.get("/")).headers["location"] == "/inloggen"
    ander = await _ingelogd(tweede, "tok-b")
    assert (await ander.get("/")).headers["location"] == "/werkvoorraad"


async def test_zonder_bereikbaar_register_geen_sessie(monkeypatch: pytest.MonkeyPatch) -> None:
    """A revocation that cannot be checked is not assumed absent: 503, never the session."""
    monkeypatch.setenv("NAREIS_SESSIE_SLEUTEL", "gedeelde-sleutel-van-de-schermen")
    app = _api("postgresql://niemand@127.0.0.1:9/geen")
    cookie = app.state.schermen_sleutel.teken(
        {"sid": "s", "naam": "x", "rollen": ["behandelaar"], "csrf": "c", "verloopt": 4102444800}
    )
    async with _browser(app) as browser:
        browser.cookies.set(COOKIE, cookie)
        antwoord = await browser.get("/werkvoorraad")
    assert antwoord.status_code == 503
    assert "niet te controleren" in antwoord.text


async def test_brieven_ontsleuteld_uit_het_register(register: Register, register_dsn: str) -> None:
    aanvraag = _aanvraag()
    await register.vastleggen(_vastlegging(aanvraag))
    await ActivityEnvironment().run(RegisterActiviteiten(register).brief_versturen, _hv_brief(aanvraag))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=_api(register_dsn)), base_url="http://api") as http:
        antwoord = await http.get("/aanvragen/NR-2026-000777-1/brieven", headers={"Authorization": "Bearer tok-l"})
        assert antwoord.status_code == 200, antwoord.text
        (brief,) = antwoord.json()
        assert brief["soort"] == "herstel_verzuim" and brief["op"] == "2026-07-02"
        assert NAAM in brief["tekst"]
        onbekend = await http.get("/aanvragen/NR-2026-000999-1/brieven", headers={"Authorization": "Bearer tok-l"})
        assert onbekend.status_code == 404
        assert (await http.get("/aanvragen/NR-2026-000777-1/brieven")).status_code == 401
        assert "/aanvragen/{aanvraagnummer}/brieven" in (await http.get("/openapi.json")).json()["paths"]


async def test_een_api_zonder_register_heeft_geen_brieven() -> None:
    # without a register: no letters route (nothing to serve them from), per-process sign-out
    app = maak_app(Instellingen(api_tokens=TOKENS), api=ApiInstellingen())
    assert "/aanvragen/{aanvraagnummer}/brieven" not in app.openapi()["paths"]
