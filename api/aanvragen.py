"""The routes of CONTRACT.md "HTTP API": intake, status, caseworkers' actions, evidence.

Bodies are read as JSON and validated with the contract's own `lees(...)` and today's date in
Europe/Amsterdam before anything reaches Temporal, so an invalid request starts or changes
nothing and its 422 names the field. The workflow validates again on its own clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Request
from fastapi.responses import JSONResponse, Response

from api.fouten import fout
from api.invoer import json_object
from api.toegang import Behandelaar, Bewijsleverancier, Indiener, Lezer, weigering_voor_zaak
from client.register import Registerbron
from client.zaken import Zaken
from nareis.contract import ACTIES, Aanvraag, Invoerfout, NieuwBewijs, lees
from nareis.contract.aanvraag import _NUMMER

#: the path's aanvraagnummer, as the contract's `Aanvraag` takes it (a case has no other)
Aanvraagnummer = Annotated[
    str, Path(pattern=_NUMMER.pattern, max_length=64, description="het aanvraagnummer van de zaak")
]

#: a family rarely has more members than this; a bigger dossier is split by the intake
MAX_DOSSIER = 25

_STATUS = {"$ref": "#/components/schemas/Status"}

#: CONTRACT.md "Caseworker and intake actions", for /docs


def _schema(ref: str | dict[str, Any], *, verplicht: bool = True) -> dict[str, Any]:
    schema = {"$ref": f"#/components/schemas/{ref}"} if isinstance(ref, str) else ref
    return {"requestBody": {"required": verplicht, "content": {"application/json": {"schema": schema}}}}


def _antwoord(beschrijving: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    antwoord: dict[str, Any] = {"description": beschrijving}
    if schema is not None:
        antwoord["content"] = {"application/json": {"schema": schema}}
    return antwoord


_AUTH: dict[int | str, dict[str, Any]] = {
    401: _antwoord("geen of ongeldig token"),
    403: _antwoord("de rol van het token mag dit niet"),
}
_ONGELDIG: dict[int | str, dict[str, Any]] = {422: _antwoord("ongeldige invoer; `detail[].loc` noemt het veld")}
_ONBEKEND: dict[int | str, dict[str, Any]] = {404: _antwoord("geen zaak met dit aanvraagnummer")}
_TE_GROOT: dict[int | str, dict[str, Any]] = {
    413: _antwoord("de body is groter dan 1 MB (geweigerd tijdens het lezen)"),
    408: _antwoord("de body kwam niet binnen 30 s binnen"),
}
_DRUK: dict[int | str, dict[str, Any]] = {
    429: _antwoord("te veel acties tegelijk op deze zaak; niets uitgevoerd; probeer opnieuw na `Retry-After` seconden"),
}


def _zaken(request: Request) -> Zaken:
    zaken: Zaken = request.app.state.zaken
    return zaken


def _register(request: Request) -> Registerbron:
    register: Registerbron = request.app.state.register
    return register


def _vandaag(request: Request) -> date:
    klok: Callable[[], date] = request.app.state.vandaag
    return klok()


async def _json(request: Request, *, leeg: Any = None) -> Any:
    """The body as a JSON object; a missing body is `leeg` (refused when None). Its size is
    bounded while it is read (`api.bescherming.Lichaamslimiet`)."""
    ruw = await request.body()
    if not ruw.strip():
        if leeg is None:
            raise Invoerfout([("(invoer)", "de body ontbreekt; verwacht een JSON-object")])
        return leeg
    return json_object(ruw)


def maak_router(*, brieven: bool = False) -> APIRouter:
    """The routes; `brieven` (the API has a register) adds the letters of a case."""
    router = APIRouter()

    @router.post(
        "/aanvragen",
        status_code=201,
        summary="Een aanvraag indienen (één gezinslid): start de zaak",
        tags=["intake"],
        openapi_extra=_schema("Aanvraag"),
        responses={
            201: _antwoord(
                "de zaak is gestart; de eerste status (is die er nog niet, dan `fase: null` "
                "en een `melding`: vraag de status later op via `Location`)",
                _STATUS,
            ),
            409: _antwoord("er bestaat al een zaak met dit aanvraagnummer"),
            **_AUTH,
            **_ONGELDIG,
            **_TE_GROOT,
        },
    )
    async def aanvraag_indienen(request: Request, _: Indiener) -> JSONResponse:
        aanvraag = lees(Aanvraag, await _json(request), vandaag=_vandaag(request))
        status = await _zaken(request).start(aanvraag)
        return JSONResponse(status, status_code=201, headers={"Location": f"/aanvragen/{aanvraag.aanvraagnummer}"})

    @router.post(
        "/dossiers",
        status_code=201,
        summary="De aanvragen van een gezin in één keer: alle zaken starten, of geen",
        tags=["intake"],
        openapi_extra=_schema(
            {
                "type": "object",
                "properties": {
                    "aanvragen": {
                        "type": "array",
                        "minItems": 1,
                        "maxItems": MAX_DOSSIER,
                        "items": {"$ref": "#/components/schemas/Aanvraag"},
                    }
                },
                "required": ["aanvragen"],
                "additionalProperties": False,
            }
        ),
        responses={
            201: _antwoord(
                "alle zaken zijn gestart; hun statussen in dezelfde volgorde",
                {
                    "type": "object",
                    "properties": {"aanvragen": {"type": "array", "items": _STATUS}},
                },
            ),
            409: _antwoord("een van de aanvraagnummers heeft al een zaak; niets gestart"),
            503: _antwoord("starten mislukte halverwege; de gestarte zaken zijn teruggedraaid"),
            **_AUTH,
            **_ONGELDIG,
            **_TE_GROOT,
        },
    )
    async def dossier_indienen(request: Request, _: Indiener) -> JSONResponse:
        aanvragen = lees_dossier(await _json(request), _vandaag(request))
        statussen = await _zaken(request).start_dossier(aanvragen)
        return JSONResponse({"aanvragen": statussen}, status_code=201)

    @router.get(
        "/aanvragen/{aanvraagnummer}",
        summary="De status van een zaak",
        tags=["zaken"],
        responses={200: _antwoord("de status", _STATUS), **_AUTH, **_ONBEKEND},
    )
    async def status(aanvraagnummer: Aanvraagnummer, request: Request, _: Lezer) -> JSONResponse:
        return JSONResponse(await _zaken(request).status(aanvraagnummer))

    @router.get(
        "/aanvragen/{aanvraagnummer}/details",
        summary="Herkomst van de feiten en wat elke regel van de tijdlijn veranderde (query `details`)",
        tags=["zaken"],
        responses={200: _antwoord("de details", {"$ref": "#/components/schemas/Details"}), **_AUTH, **_ONBEKEND},
    )
    async def details(aanvraagnummer: Aanvraagnummer, request: Request, _: Lezer) -> JSONResponse:
        return JSONResponse(await _zaken(request).details(aanvraagnummer))

    if brieven:

        @router.get(
            "/aanvragen/{aanvraagnummer}/brieven",
            summary="De brieven van een zaak, zoals verzonden (uit het zaakregister)",
            tags=["zaken"],
            responses={
                200: _antwoord("de brieven, oudste eerst: `brief_id`, `soort`, `op`, `onderwerp`, `tekst`"),
                **_AUTH,
                404: _antwoord("geen zaak met dit aanvraagnummer in het zaakregister"),
                503: _antwoord("het zaakregister is niet bereikbaar"),
            },
        )
        async def brieven_van_zaak(aanvraagnummer: Aanvraagnummer, request: Request, _: Lezer) -> JSONResponse:
            lezer = await _register(request)()
            gevonden = await lezer.brieven(aanvraagnummer) if lezer else []
            if not gevonden and (lezer is None or await lezer.projectie(aanvraagnummer) is None):
                return fout(404, f"geen zaak {aanvraagnummer} in het zaakregister")
            return JSONResponse(
                [b.model_dump(mode="json", include={"brief_id", "soort", "op", "onderwerp", "tekst"}) for b in gevonden]
            )

    @router.post(
        "/aanvragen/{aanvraagnummer}/bewijs",
        status_code=202,
        summary="Nieuw bewijs (signaal `nieuw_bewijs`; dubbel bewijs telt één keer)",
        tags=["zaken"],
        openapi_extra=_schema("NieuwBewijs"),
        response_class=Response,
        responses={
            202: _antwoord("afgeleverd (lege body); de zaak legt het vast"),
            409: _antwoord("de zaak is afgerond"),
            **_AUTH,
            **_ONBEKEND,
            **_ONGELDIG,
            **_TE_GROOT,
        },
    )
    async def bewijs(aanvraagnummer: Aanvraagnummer, request: Request, _: Bewijsleverancier) -> Response:
        gegevens = lees(NieuwBewijs, await _json(request), vandaag=_vandaag(request))
        await _zaken(request).bewijs(aanvraagnummer, gegevens.model_dump(mode="json"))
        return Response(status_code=202)

    for naam, model in ACTIES.items():
        router.add_api_route(
            f"/aanvragen/{{aanvraagnummer}}/{naam}",
            _actie_route(naam, model),
            methods=["POST"],
            name=naam,
            summary=model.OMSCHRIJVING,
            tags=["acties"],
            # a body is required when the action has a required field; else it may be empty ({})
            openapi_extra=_schema(model.__name__, verplicht=_verplicht(model)),
            responses={
                200: _antwoord("de actie is verwerkt; de nieuwe status", _STATUS),
                409: _antwoord("de zaak weigert deze actie; `detail` zegt waarom"),
                503: _antwoord("geen antwoord van de zaak; de uitkomst is onbekend"),
                **_AUTH,
                **_ONBEKEND,
                422: _antwoord(
                    "ongeldige invoer; `detail[].loc` noemt het veld, of de header `Idempotency-Key` "
                    "als die al voor een ander verzoek is gebruikt (dit verzoek is dan niet uitgevoerd)"
                ),
                **_TE_GROOT,
                **_DRUK,
            },
        )

    @router.post("/aanvragen/{aanvraagnummer}/{actie}", include_in_schema=False)
    async def onbekende_actie(aanvraagnummer: str, actie: str) -> JSONResponse:
        """After every known action: an unknown one gets the list of valid ones, not "Not Found"."""
        return fout(404, f"onbekende actie {actie!r}; kies uit: bewijs, {', '.join(ACTIES)}")

    return router


def _verplicht(model: type[Any]) -> bool:
    return any(veld.is_required() for veld in model.model_fields.values())


def _actie_route(naam: str, model: type[Any]) -> Callable[..., Any]:
    async def actie(
        aanvraagnummer: Aanvraagnummer,
        request: Request,
        gebruiker: Behandelaar,
        idempotency_key: Annotated[
            str | None,
            Header(
                max_length=200,
                description=(
                    "herhaal een verzoek met dezelfde sleutel: de actie telt één keer; de sleutel hoort bij "
                    "deze actie en deze body (een ander verzoek met dezelfde sleutel: 422)"
                ),
            ),
        ] = None,
    ) -> JSONResponse:
        data = await _json(request, leeg={})
        data["door"] = gebruiker.naam  # CONTRACT.md: the token's identity is recorded as door
        actie = lees(model, data, vandaag=_vandaag(request))
        if reden := await weigering_voor_zaak(gebruiker, actie, _zaken(request), aanvraagnummer):
            return fout(403, reden)
        status = await _zaken(request).actie(
            aanvraagnummer,
            naam,
            actie.model_dump(mode="json", exclude_unset=True),
            actie_id=idempotency_key,
        )
        return JSONResponse(status)

    actie.__name__ = f"actie_{naam}"
    return actie


def lees_dossier(data: dict[str, Any], vandaag: date) -> list[Aanvraag]:
    """Validate the whole dossier first; every error names `aanvragen.<i>.<field>`."""
    onbekend = sorted(set(data) - {"aanvragen"})
    if onbekend:
        raise Invoerfout([(veld, "onbekend veld") for veld in onbekend])
    lijst = data.get("aanvragen")
    if not isinstance(lijst, list) or not lijst:
        raise Invoerfout([("aanvragen", "verwacht een niet-lege lijst van aanvragen")])
    if len(lijst) > MAX_DOSSIER:
        raise Invoerfout([("aanvragen", f"hoogstens {MAX_DOSSIER} aanvragen per dossier")])
    velden: list[tuple[str, str]] = []
    aanvragen: list[Aanvraag] = []
    gezien: dict[str, int] = {}
    for i, item in enumerate(lijst):
        if not isinstance(item, dict):
            velden.append((f"aanvragen.{i}", "verwacht een aanvraag (JSON-object)"))
            continue
        try:
            aanvraag = lees(Aanvraag, item, vandaag=vandaag)
        except Invoerfout as fout:
            velden += [(_onder(f"aanvragen.{i}", pad), melding) for pad, melding in fout.velden]
            continue
        nummer = aanvraag.aanvraagnummer
        if nummer in gezien:
            velden.append((f"aanvragen.{i}.aanvraagnummer", f"{nummer} staat ook op plaats {gezien[nummer]}"))
        gezien.setdefault(nummer, i)
        aanvragen.append(aanvraag)
    if velden:
        raise Invoerfout(velden)
    return aanvragen


def _onder(voorvoegsel: str, pad: str) -> str:
    return voorvoegsel if pad == "(invoer)" else f"{voorvoegsel}.{pad}"
