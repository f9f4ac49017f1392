"""The HTTP API (CONTRACT.md "HTTP API"): `maak_app(instellingen)` builds the FastAPI app.

Besides the contract's settings it reads, through `ApiInstellingen.uit_omgeving()`:
- `NAREIS_CODEC_CORS_ORIGINS`: comma-separated origins that may call the codec server
  (default `http://localhost:8233,http://127.0.0.1:8233`, the Temporal UI);
- `NAREIS_CODEC_LOKAAL_ZONDER_TOKEN`: dev stack only, loopback callers may use the codec
  server without a token (and only under a loopback host name: DNS rebinding);
- `NAREIS_VERTROUWDE_PROXIES`: addresses or networks of the TLS-terminating proxies whose
  `X-Forwarded-Proto` counts (the session cookie is then `Secure`);
- `NAREIS_TOEGESTANE_HOSTS`: when set, the only `Host` names the API answers.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, models_json_schema
from starlette.exceptions import HTTPException as StarletteHTTPException
from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode

from api.aanvragen import maak_router
from api.bescherming import MAX_BODY, MAX_BODY_CODEC, Hosts, Koppen, Lichaamslimiet, Proxy
from api.fouten import fout, ongeldig
from api.identiteit import Identiteitsprovider, TokenProvider
from api.schermen import koppel as koppel_schermen
from client.connect import verbind
from client.intrekkingen import GedeeldeIntrekkingen
from client.register import Registerbron, RegisterReader
from client.registerkluis import Registerfout, meld_onversleuteld, sleutelring
from client.settings import Instellingen
from client.zaken import (
    ActieGeweigerd,
    DossierNietGestart,
    NietBeschikbaar,
    SleutelHergebruikt,
    SleutelOntbreekt,
    TeDruk,
    ZaakBestaat,
    ZaakOnbekend,
    Zaken,
)
from nareis import contract as m
from nareis.contract.aanvraag import _NUMMER, _VNUMMER
from nareis.tijd import datum_in_amsterdam

log = logging.getLogger("nareis.api")

OMSCHRIJVING = """\
Nareisaanvragen als Temporal-zaken: indienen (rol `intake`), status opvragen (elke rol),
acties van de behandelaar (rol `behandelaar`) en nieuw bewijs (`intake`, `behandelaar`).

Elk verzoek draagt `Authorization: Bearer <token>`. Ongeldige invoer geeft `422` met het veld
in `detail[].loc`; een actie die de zaak weigert `409` met de reden in `detail`.

Grenzen: een body hoogstens 1 MB (de codec-server 4 MB), geweigerd met `413` zodra het lezen
de grens passeert; JSON hoogstens 32 niveaus diep; een dossier hoogstens 25 aanvragen. Te veel
gelijktijdige acties op één zaak: `429` met `Retry-After` (er is dan niets uitgevoerd).
"""


def vandaag_in_amsterdam() -> date:
    return datum_in_amsterdam(datetime.now(UTC))


def _lijst(naam: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in (os.environ.get(naam) or "").split(",") if w.strip())


def _bool(naam: str) -> bool:
    return (os.environ.get(naam) or "").strip().lower() in ("1", "true", "ja", "yes", "on")


@dataclass(frozen=True)
class ApiInstellingen:
    codec_origins: tuple[str, ...] = ("http://localhost:8233", "http://127.0.0.1:8233")
    codec_lokaal_zonder_token: bool = False
    status_wachttijd: float = 5.0
    actie_wachttijd: float = 60.0
    #: actions in flight per case from this process (Temporal takes ten per case at once)
    per_zaak: int = 4
    #: how long an action waits for a place or retries RESOURCE_EXHAUSTED before a 429
    drukte_wachttijd: float = 10.0
    vertrouwde_proxies: tuple[str, ...] = ()
    toegestane_hosts: tuple[str, ...] = ()

    @classmethod
    def uit_omgeving(cls) -> ApiInstellingen:
        origins = os.environ.get("NAREIS_CODEC_CORS_ORIGINS")
        return cls(
            codec_origins=_lijst("NAREIS_CODEC_CORS_ORIGINS") if origins else cls.codec_origins,
            codec_lokaal_zonder_token=_bool("NAREIS_CODEC_LOKAAL_ZONDER_TOKEN"),
            vertrouwde_proxies=_lijst("NAREIS_VERTROUWDE_PROXIES"),
            toegestane_hosts=_lijst("NAREIS_TOEGESTANE_HOSTS"),
        )


class _Verbinding:
    """The Temporal client, connected on first use (the API starts even if Temporal is down)."""

    def __init__(self, instellingen: Instellingen, client: Client | None) -> None:
        self._instellingen = instellingen
        self._client = client
        self._slot = asyncio.Lock()

    async def __call__(self) -> Client:
        if self._client is not None:
            return self._client
        async with self._slot:
            if self._client is None:
                try:
                    self._client = await verbind(self._instellingen)
                except Exception as e:
                    log.warning("Temporal op %s niet bereikbaar: %s", self._instellingen.temporal_address, e)
                    raise NietBeschikbaar(
                        f"Temporal ({self._instellingen.temporal_address}) is niet bereikbaar"
                    ) from None
            return self._client


def maak_app(
    instellingen: Instellingen,
    client: Client | None = None,
    *,
    api: ApiInstellingen | None = None,
    identiteit: Identiteitsprovider | None = None,
    vandaag: Callable[[], date] = vandaag_in_amsterdam,
    register: RegisterReader | None = None,
) -> FastAPI:
    """The API. `client` (tests, dev stack) or a connection made on first use from
    `instellingen`; `identiteit` defaults to the bearer tokens of `NAREIS_API_TOKENS`.

    With a register (`register` (tests), or a pool made on first use from `NAREIS_DATABASE_URL`
    with the key ring of `client.registerkluis.sleutelring`, a warning when it has no key) the API serves
    the letters, the screens can look a case up by name or V-number (`app.state.register`), and
    signed-out sessions are refused by every API process."""
    api = api or ApiInstellingen.uit_omgeving()
    if identiteit is None:
        tokens = TokenProvider.uit_spec(instellingen.api_tokens)
        if not len(tokens):
            log.warning("NAREIS_API_TOKENS is niet gezet: elk verzoek krijgt 401")
        identiteit = tokens
    verbinding = _Verbinding(instellingen, client)

    # /docs from Swagger UI files shipped in the package (no CDN: works offline, no
    # third-party scripts in the ministry's network)
    app = FastAPIOffline(
        title="nareis",
        version="1",
        description=OMSCHRIJVING,
        docs_url="/docs",
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    kluis = sleutelring(instellingen) if instellingen.database_url and register is None else None
    if kluis is not None:
        meld_onversleuteld(kluis)
    bron = Registerbron(instellingen.database_url, kluis, lezer=register)
    app.state.identiteit = identiteit
    app.state.vandaag = vandaag
    app.state.register = bron
    app.state.verbinding = verbinding
    app.state.zaken = Zaken(
        verbinding,
        instellingen.task_queue,
        status_wachttijd=api.status_wachttijd,
        actie_wachttijd=api.actie_wachttijd,
        per_zaak=api.per_zaak,
        drukte_wachttijd=api.drukte_wachttijd,
    )
    app.include_router(maak_router(brieven=bron.ingesteld))
    koppel_schermen(app, intrekkingen=GedeeldeIntrekkingen(bron.pool) if bron.ingesteld else None)
    if not bron.ingesteld:
        log.warning("geen zaakregister (NAREIS_DATABASE_URL): uitloggen geldt alleen voor dit API-proces")
    _fouten(app)
    _gezondheid(app, verbinding)
    if instellingen.codec_key:
        from api.codecserver import maak_codec_app
        from client.codec import codec_uit_sleutels

        app.mount(
            "/codec",
            maak_codec_app(
                codec_uit_sleutels(instellingen.codec_key),
                identiteit,
                namespace=instellingen.temporal_namespace,
                origins=api.codec_origins,
                lokaal_zonder_token=api.codec_lokaal_zonder_token,
            ),
        )
    app.openapi = _openapi(app)  # type: ignore[method-assign]
    # a redirect to the same path with a slash would be built from the request's Host
    app.router.redirect_slashes = False
    # the last added runs first: hosts, proxy scheme, headers, then the body limit
    app.add_middleware(Lichaamslimiet, limiet=MAX_BODY, limieten={"/codec": MAX_BODY_CODEC})
    app.add_middleware(Koppen)
    app.add_middleware(Proxy, vertrouwd=api.vertrouwde_proxies)
    if api.toegestane_hosts:
        app.add_middleware(Hosts, toegestaan=api.toegestane_hosts)
    return app


def _routes(app: FastAPI) -> list[str]:
    """The documented routes, as `METHOD path`: what an unknown route's answer lists."""
    paden: dict[str, dict[str, Any]] = app.openapi()["paths"]
    return [f"{methode.upper()} {pad}" for pad, methoden in sorted(paden.items()) for methode in sorted(methoden)]


def _fouten(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http(_: Request, e: StarletteHTTPException) -> JSONResponse:
        if e.status_code == 404 and e.detail == "Not Found":  # no route matched (issue #19 item 4)
            return fout(404, {"melding": "onbekende route", "routes": _routes(app)})
        return fout(e.status_code, e.detail, dict(e.headers or {}))

    @app.exception_handler(m.Invoerfout)
    async def invoerfout(_: Request, e: m.Invoerfout) -> JSONResponse:
        return ongeldig(e.velden)

    @app.exception_handler(ZaakBestaat)
    async def bestaat(_: Request, e: ZaakBestaat) -> JSONResponse:
        return fout(409, str(e))

    @app.exception_handler(ZaakOnbekend)
    async def onbekend(_: Request, e: ZaakOnbekend) -> JSONResponse:
        return fout(404, str(e))

    @app.exception_handler(ActieGeweigerd)
    async def geweigerd(_: Request, e: ActieGeweigerd) -> JSONResponse:
        return fout(409, str(e))

    @app.exception_handler(TeDruk)
    async def te_druk(_: Request, e: TeDruk) -> JSONResponse:
        return fout(429, str(e), {"Retry-After": str(e.na)})

    @app.exception_handler(SleutelHergebruikt)
    async def sleutel(_: Request, e: SleutelHergebruikt) -> JSONResponse:
        return ongeldig([("Idempotency-Key", str(e))], ("header",))

    @app.exception_handler(SleutelOntbreekt)
    async def sleutel_ontbreekt(_: Request, e: SleutelOntbreekt) -> JSONResponse:
        log.error("%s", e)
        return fout(503, "de API kan deze versleutelde zaak niet lezen (NAREIS_CODEC_KEY ontbreekt)")

    @app.exception_handler(Registerfout)
    async def register_onleesbaar(_: Request, e: Registerfout) -> JSONResponse:
        log.error("zaakregister: %s", e)
        return fout(500, "een waarde in het zaakregister is niet te ontsleutelen (zie het log van de API)")

    @app.exception_handler(NietBeschikbaar)
    async def niet_beschikbaar(_: Request, e: NietBeschikbaar) -> JSONResponse:
        return fout(503, str(e), {"Retry-After": "5"})

    @app.exception_handler(DossierNietGestart)
    async def dossier(_: Request, e: DossierNietGestart) -> JSONResponse:
        log.error("dossier half gestart, niet teruggedraaid: %s", ", ".join(e.niet_teruggedraaid))
        return fout(
            503,
            {
                "melding": f"het dossier kon niet volledig starten: {e.oorzaak}",
                "niet_teruggedraaid": e.niet_teruggedraaid,
            },
        )

    @app.exception_handler(RPCError)
    async def rpc(_: Request, e: RPCError) -> JSONResponse:
        if e.status == RPCStatusCode.RESOURCE_EXHAUSTED:
            melding = "Temporal is nu overbelast; probeer het over enkele seconden opnieuw"
            return fout(429, melding, {"Retry-After": "2"})
        if e.status == RPCStatusCode.DEADLINE_EXCEEDED:
            return fout(503, "Temporal antwoordde niet op tijd", {"Retry-After": "5"})
        if e.status == RPCStatusCode.UNAVAILABLE:
            return fout(503, "Temporal is nu niet bereikbaar", {"Retry-After": "5"})
        log.error("Temporal-fout %s: %s", e.status.name, e.message)
        return fout(502, f"Temporal weigerde het verzoek ({e.status.name})")


def _gezondheid(app: FastAPI, verbinding: _Verbinding) -> None:
    @app.get("/gezond", tags=["beheer"], summary="Leeft de API? (zonder token)")
    async def gezond() -> dict[str, str]:
        return {"status": "ok"}

    @app.get(
        "/gezond/temporal",
        tags=["beheer"],
        summary="Is Temporal bereikbaar? (zonder token; 503 als niet)",
    )
    async def temporal() -> JSONResponse:
        try:
            client = await verbinding()
            await client.service_client.check_health()
        except Exception:
            return JSONResponse({"status": "temporal onbereikbaar"}, status_code=503)
        return JSONResponse({"status": "ok"})


#: the numbers the contract checks in a validator (so its message is Dutch), which pydantic's
#: schema does not show: published here, from the contract's own expressions
_PATRONEN = {
    "vnummer": _VNUMMER.pattern,
    "aanvraagnummer": _NUMMER.pattern,
    "dossiernummer": _NUMMER.pattern,
}


def _patronen(componenten: dict[str, Any]) -> None:
    for definitie in componenten.values():
        for naam, veld in definitie.get("properties", {}).items():
            if naam in _PATRONEN and veld.get("type") == "string" and "pattern" not in veld:
                veld["pattern"] = _PATRONEN[naam]


def _openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """FastAPI's document plus the contract's models, which the routes refer to by `$ref`
    (the routes read their bodies themselves, to validate with today's date)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
        )
        invoer: list[type[BaseModel]] = [m.Aanvraag, m.NieuwBewijs, *m.ACTIES.values()]
        modellen: list[tuple[type[BaseModel], JsonSchemaMode]] = [(model, "validation") for model in invoer]
        _, definities = models_json_schema(
            [*modellen, (m.Status, "serialization"), (m.Details, "serialization")],
            ref_template="#/components/schemas/{model}",
        )
        componenten = schema.setdefault("components", {}).setdefault("schemas", {})
        for naam, definitie in definities.get("$defs", {}).items():
            componenten.setdefault(naam, definitie)
        _patronen(componenten)
        app.openapi_schema = schema
        return schema

    return openapi
