"""Who may do what in the HTTP API (CONTRACT.md "HTTP API": 401, 403; `door` = the token's
identity), and the token configuration `NAREIS_API_TOKENS`. No Temporal server needed: every
request here is refused, or checked, before the API would contact Temporal."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from starlette.requests import Request

from api.app import ApiInstellingen, maak_app
from api.identiteit import Gebruiker, TokenProvider, lees_tokens, standaardnaam
from client.settings import ConfiguratieFout, Instellingen
from nareis.contract import Rol
from tests.voorbeelden import aanvraag_data

TOKENS = "intake-geheim:intake,beh-geheim:behandelaar:J. de Vries,lees-geheim:lezer"


def _request(authorization: str | None) -> Request:
    headers = [] if authorization is None else [(b"authorization", authorization.encode())]
    return Request({"type": "http", "method": "GET", "path": "/", "headers": headers})


# --- NAREIS_API_TOKENS ---------------------------------------------------------------------


def test_tokens_met_rol_en_optionele_naam() -> None:
    assert lees_tokens(TOKENS) == [
        ("intake-geheim", Rol.INTAKE, None),
        ("beh-geheim", Rol.BEHANDELAAR, "J. de Vries"),
        ("lees-geheim", Rol.LEZER, None),
    ]


def test_naam_zonder_opgave_is_stabiel_en_verraadt_het_token_niet() -> None:
    naam = standaardnaam("intake-geheim", Rol.INTAKE)
    assert naam == f"intake-{hashlib.sha256(b'intake-geheim').hexdigest()[:6]}"
    assert "geheim" not in naam


@pytest.mark.parametrize(
    ("spec", "melding"),
    [
        ("alleen-token", "token:rol"),
        ("a:b:c:d", "token:rol"),
        (":intake", "token:rol"),
        ("geheim-token:beheerder", "onbekende rol 'beheerder'"),
        ("geheim-token:intake,geheim-token:lezer", "al eerder"),
        ("geheim-token:intake:<script>", "naam"),
    ],
)
def test_ongeldige_tokens_noemen_de_variabele_maar_niet_het_token(spec: str, melding: str) -> None:
    with pytest.raises(ConfiguratieFout, match="NAREIS_API_TOKENS") as fout:
        lees_tokens(spec)
    assert melding in str(fout.value)
    assert "geheim-token" not in str(fout.value)


async def test_provider_herkent_bearer_tokens() -> None:
    provider = TokenProvider.uit_spec(TOKENS)
    behandelaar = await provider.identificeer(_request("Bearer beh-geheim"))
    assert behandelaar == Gebruiker("J. de Vries", frozenset({Rol.BEHANDELAAR}))
    assert await provider.identificeer(_request("bearer  lees-geheim ")) is not None
    for kop in (None, "", "Bearer", "Bearer onbekend", "Basic intake-geheim", "intake-geheim"):
        assert await provider.identificeer(_request(kop)) is None


def test_provider_toont_geen_tokens() -> None:
    provider = TokenProvider.uit_spec(TOKENS)
    assert "geheim" not in repr(provider)
    assert "geheim" not in repr(provider._tokens)


async def test_zonder_tokens_komt_niemand_binnen() -> None:
    provider = TokenProvider.uit_spec(None)
    assert await provider.identificeer(_request("Bearer ")) is None
    assert await provider.identificeer(_request("Bearer x")) is None


# --- roles over HTTP -------------------------------------------------------------------------


class GeenTemporal:
    """Stands in for the Temporal client where a request must never reach it."""

    def __getattr__(self, naam: str) -> Any:
        raise AssertionError(f"Temporal aangesproken ({naam}) terwijl dat niet mocht")


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    app = maak_app(
        Instellingen(api_tokens=TOKENS),
        GeenTemporal(),  # type: ignore[arg-type]
        api=ApiInstellingen(),
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api") as client:
        yield client


def _als(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize(
    ("methode", "pad"),
    [
        ("POST", "/aanvragen"),
        ("POST", "/dossiers"),
        ("GET", "/aanvragen/NR-1"),
        ("POST", "/aanvragen/NR-1/besluiten"),
        ("POST", "/aanvragen/NR-1/bewijs"),
    ],
)
async def test_zonder_of_met_onbekend_token_401(http: httpx.AsyncClient, methode: str, pad: str) -> None:
    zonder = await http.request(methode, pad, json={})
    onbekend = await http.request(methode, pad, json={}, headers=_als("raden"))
    assert zonder.status_code == onbekend.status_code == 401
    assert zonder.headers["www-authenticate"] == "Bearer"
    assert "raden" not in onbekend.text


@pytest.mark.parametrize(
    ("token", "methode", "pad"),
    [
        ("lees-geheim", "POST", "/aanvragen"),
        ("beh-geheim", "POST", "/aanvragen"),
        ("lees-geheim", "POST", "/dossiers"),
        ("intake-geheim", "POST", "/aanvragen/NR-1/besluiten"),
        ("lees-geheim", "POST", "/aanvragen/NR-1/hv_versturen"),
        ("lees-geheim", "POST", "/aanvragen/NR-1/bewijs"),
    ],
)
async def test_rol_zonder_het_recht_403(http: httpx.AsyncClient, token: str, methode: str, pad: str) -> None:
    antwoord = await http.request(methode, pad, json={}, headers=_als(token))
    assert antwoord.status_code == 403
    assert "mag dit niet" in antwoord.json()["detail"]


async def test_ongeldige_aanvraag_422_noemt_het_veld_en_start_niets(
    http: httpx.AsyncClient,
) -> None:
    data = aanvraag_data(gezinslid__relatie="neef", onbekend_veld=1)
    antwoord = await http.post("/aanvragen", json=data, headers=_als("intake-geheim"))
    assert antwoord.status_code == 422
    locs = [fout["loc"] for fout in antwoord.json()["detail"]]
    assert ["body", "gezinslid", "relatie"] in locs
    assert ["body", "onbekend_veld"] in locs


async def test_aanvraag_in_de_toekomst_422(http: httpx.AsyncClient) -> None:
    data = aanvraag_data(ontvangen_op="2999-01-01")
    antwoord = await http.post("/aanvragen", json=data, headers=_als("intake-geheim"))
    assert antwoord.status_code == 422
    [fout] = antwoord.json()["detail"]
    assert fout["loc"] == ["body", "ontvangen_op"]
    assert "toekomst" in fout["msg"]


async def test_geen_json_422(http: httpx.AsyncClient) -> None:
    kop = _als("intake-geheim") | {"Content-Type": "application/json"}
    for body in (b"{niet json", b"[1, 2]", b""):
        antwoord = await http.post("/aanvragen", content=body, headers=kop)
        assert antwoord.status_code == 422
        assert antwoord.json()["detail"][0]["loc"] == ["body"]


async def test_dossier_422_noemt_aanvraag_en_veld(http: httpx.AsyncClient) -> None:
    goed = aanvraag_data(nummer="NR-2026-000200-1")
    fout = aanvraag_data(nummer="NR-2026-000200-2", gezinslid__geboortedatum="gisteren")
    dubbel = aanvraag_data(nummer="NR-2026-000200-1")
    antwoord = await http.post("/dossiers", json={"aanvragen": [goed, fout, dubbel]}, headers=_als("intake-geheim"))
    assert antwoord.status_code == 422
    locs = [f["loc"] for f in antwoord.json()["detail"]]
    assert locs == [
        ["body", "aanvragen", 1, "gezinslid", "geboortedatum"],
        ["body", "aanvragen", 2, "aanvraagnummer"],
    ]


async def test_te_grote_body_413(http: httpx.AsyncClient) -> None:
    antwoord = await http.post(
        "/aanvragen",
        content=b'{"x": "' + b"a" * 2_100_000 + b'"}',
        headers=_als("intake-geheim") | {"Content-Type": "application/json"},
    )
    assert antwoord.status_code == 413


async def test_dossier_vorm_422(http: httpx.AsyncClient) -> None:
    kop = _als("intake-geheim")
    for body, loc in (
        ({"aanvragen": []}, ["body", "aanvragen"]),
        ({"aanvragen": [1]}, ["body", "aanvragen", 0]),
        ({"aanvragen": [aanvraag_data()], "extra": 1}, ["body", "extra"]),
    ):
        antwoord = await http.post("/dossiers", json=body, headers=kop)
        assert antwoord.status_code == 422, body
        assert antwoord.json()["detail"][0]["loc"] == loc


async def test_ongeldige_actie_422(http: httpx.AsyncClient) -> None:
    antwoord = await http.post("/aanvragen/NR-1/besluiten", json={"uitkomst": "misschien"}, headers=_als("beh-geheim"))
    assert antwoord.status_code == 422
    assert antwoord.json()["detail"][0]["loc"] == ["body", "uitkomst"]


async def test_onbekende_actie_404(http: httpx.AsyncClient) -> None:
    antwoord = await http.post("/aanvragen/NR-1/verwijderen", json={}, headers=_als("beh-geheim"))
    assert antwoord.status_code == 404


async def test_ongeldig_bewijs_422(http: httpx.AsyncClient) -> None:
    antwoord = await http.post("/aanvragen/NR-1/bewijs", json={"soort": "akte"}, headers=_als("intake-geheim"))
    assert antwoord.status_code == 422
    assert antwoord.json()["detail"][0]["loc"] == ["body", "omschrijving"]


async def test_gezond_zonder_token(http: httpx.AsyncClient) -> None:
    antwoord = await http.get("/gezond")
    assert antwoord.status_code == 200 and antwoord.json() == {"status": "ok"}


async def test_openapi_en_docs(http: httpx.AsyncClient) -> None:
    document = (await http.get("/openapi.json")).json()
    assert "/aanvragen" in document["paths"]
    assert "/aanvragen/{aanvraagnummer}/besluiten" in document["paths"]
    assert {"Aanvraag", "Status", "Besluiten", "NieuwBewijs"} <= set(document["components"]["schemas"])
    assert "HTTPBearer" in document["components"]["securitySchemes"]
    assert (await http.get("/docs")).status_code == 200
