"""The caseworker screens: sign-in, werkvoorraad, case page with action forms, intake form.

Server-rendered HTML on the API's own app, with the API's identity provider, roles and
`Zaken`; every POST form carries the session's CSRF token. The JSON API owns
`/aanvragen/...`, so the HTML case page lives at `/zaken/{aanvraagnummer}`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import URL, FormData

from api import toegang
from api.identiteit import Gebruiker, Identiteitsprovider, Rol
from api.invoer import json_object
from api.schermen import formulieren
from api.schermen import sessie as s
from api.schermen.werkvoorraad import Filters, OngeldigFilter, zoekvraag
from client import visibility
from client.zaken import (
    ActieGeweigerd,
    NietBeschikbaar,
    SleutelHergebruikt,
    TeDruk,
    ZaakBestaat,
    ZaakOnbekend,
    Zaken,
)
from nareis.contract import ACTIES, Aanvraag, Fase, Invoerfout, aanvraagnummer_uit, lees, workflow_id
from nareis.tijd import datum_voluit

log = logging.getLogger("nareis.schermen")

MAP = Path(__file__).parent
sjablonen = Jinja2Templates(directory=MAP / "templates")
sjablonen.env.filters["datum"] = lambda d: datum_voluit(d) if d else "—"
sjablonen.env.globals.update(titel_actie=formulieren.titel, velden=formulieren.velden, FEITEN=formulieren.FEITEN)


def koppel(
    app: FastAPI, ondertekenaar: s.Ondertekenaar | None = None, intrekkingen: s.Intrekkingslijst | None = None
) -> None:
    """Mount the screens on the API's app; `intrekkingen` shared by every API process (else
    this process's own list)."""
    app.state.schermen_sleutel = ondertekenaar or s.Ondertekenaar()
    app.state.schermen_intrekkingen = intrekkingen or s.Intrekkingen()
    app.state.schermen_server_sorteert = None  # can the visibility store ORDER BY? found out on first use
    app.state.temporal_ui = os.environ.get("NAREIS_TEMPORAL_UI_URL", "http://localhost:8233").rstrip("/")
    app.mount("/static", StaticFiles(directory=MAP / "static"), name="schermen-static")
    app.include_router(maak_router())

    @app.exception_handler(s.SchermFout)
    async def geweigerd(request: Request, fout: s.SchermFout) -> Response:
        return _toon(
            request, "fout.html", {"titel": _TITELS.get(fout.status_code), "melding": fout.melding}, fout.status_code
        )


_TITELS = {400: "Ongeldig verzoek", 403: "Niet toegestaan", 404: "Niet gevonden"}


def _zaken(request: Request) -> Zaken:
    zaken: Zaken = request.app.state.zaken
    return zaken


def _vandaag(request: Request) -> date:
    klok: Callable[[], date] = request.app.state.vandaag
    return klok()


def _toon(request: Request, naam: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    sessie = s.sessie_van(request)
    basis = {"sessie": sessie, "Rol": Rol}
    return sjablonen.TemplateResponse(request, naam, {**basis, **context}, status_code=status_code)


def _naar_inloggen() -> RedirectResponse:
    return RedirectResponse("/inloggen", status_code=303)


def _post_sessie(request: Request, formulier: FormData, rollen: tuple[Rol, ...]) -> s.Sessie:
    """The session of a POSTed form: signed in, CSRF token right, role allowed; else 403."""
    sessie = s.sessie_van(request)
    if sessie is None:
        raise s.SchermFout(403, "niet ingelogd")
    s.controleer_csrf(sessie.csrf, formulier.get("csrf"))
    if not sessie.mag(*rollen):
        raise s.SchermFout(403, f"rol {', '.join(sorted(sessie.rollen))} mag dit niet")
    return sessie


async def _gebruiker_bij_token(request: Request, token: str) -> Gebruiker | None:
    """Ask the API's identity provider, exactly as for a request with this bearer token."""
    provider: Identiteitsprovider = request.app.state.identiteit
    scope = {"type": "http", "method": "GET", "path": "/", "headers": [(b"authorization", f"Bearer {token}".encode())]}
    return await provider.identificeer(Request(scope))


def maak_router() -> APIRouter:
    router = APIRouter(include_in_schema=False, dependencies=[Depends(s.intrekking_controleren)])
    _inloggen(router)
    _werkvoorraad(router)
    _zaak(router)
    _indienen(router)
    return router


def _inloggen(router: APIRouter) -> None:
    @router.get("/")
    async def begin(request: Request) -> Response:
        return RedirectResponse("/werkvoorraad" if s.sessie_van(request) else "/inloggen", status_code=303)

    def inlogscherm(request: Request, fout: str | None = None, status_code: int = 200) -> Response:
        csrf = s.inlog_csrf(request)
        antwoord = _toon(request, "inloggen.html", {"inlog_csrf": csrf, "fout": fout}, status_code)
        s.zet_inlog_csrf(request, antwoord, csrf)
        return antwoord

    @router.get("/inloggen")
    async def inloggen_tonen(request: Request) -> Response:
        # no status or message from the URL (issue 15 item 8): only the POST below shows one
        return inlogscherm(request)

    @router.post("/inloggen")
    async def inloggen(request: Request) -> Response:
        formulier = await request.form()
        s.controleer_inlog_csrf(request, formulier.get("csrf"))
        token = str(formulier.get("token") or "").strip()
        gebruiker = await _gebruiker_bij_token(request, token) if token else None
        if gebruiker is None:
            return inlogscherm(request, "Dit token is onbekend of ongeldig.", 401)
        antwoord = RedirectResponse("/werkvoorraad", status_code=303)
        s.zet_sessie(request, antwoord, s.nieuwe_sessie(gebruiker))
        antwoord.delete_cookie(s.INLOG_COOKIE, path="/")
        return antwoord

    @router.post("/uitloggen")
    async def uitloggen(request: Request) -> Response:
        sessie = _post_sessie(request, await request.form(), toegang.LEZEN)
        antwoord = _naar_inloggen()
        await s.wis_sessie(request, antwoord, sessie)
        return antwoord


def _werkvoorraad(router: APIRouter) -> None:
    @router.get("/werkvoorraad")
    async def werkvoorraad(request: Request) -> Response:
        sessie = s.sessie_van(request)
        if sessie is None:
            return _naar_inloggen()
        parameters = dict(request.query_params)
        try:
            filters = Filters.uit(parameters)
        except OngeldigFilter as e:
            raise s.SchermFout(400, f"ongeldig filter {e}") from None
        vandaag = _vandaag(request)
        vraag = zoekvraag(filters, vandaag)
        sorteert = request.app.state.schermen_server_sorteert
        token = _pagina_token(request, vraag, parameters.get("pagina"))
        client = await request.app.state.verbinding()
        resultaat = await visibility.page(client, vraag, vandaag, token, server_sorteert=sorteert)
        request.app.state.schermen_server_sorteert = resultaat.gesorteerd_door_server
        volgende = None
        if resultaat.volgende:
            getekend = request.app.state.schermen_sleutel.teken(
                {"pagina": resultaat.volgende, "vraag": _vingerafdruk(vraag)}
            )
            volgende = _zonder_host(request.url.include_query_params(pagina=getekend))
        context = {
            "filters": filters,
            "fasen": [f.value for f in Fase],
            "pagina": resultaat,
            "volgende": volgende,
            "eerste": _zonder_host(request.url.remove_query_params("pagina")) if parameters.get("pagina") else None,
        }
        return _toon(request, "werkvoorraad.html", context)


def _vingerafdruk(vraag: str) -> str:
    return hashlib.sha256(vraag.encode()).hexdigest()[:16]


def _pagina_token(request: Request, vraag: str, waarde: str | None) -> str | None:
    """The visibility page token of a `pagina` link this app signed for this very query; any
    other value is refused (Temporal would retry a malformed token for seconds)."""
    if not waarde:
        return None
    gegevens = request.app.state.schermen_sleutel.lees(waarde)
    if not gegevens or gegevens.get("vraag") != _vingerafdruk(vraag) or not isinstance(gegevens.get("pagina"), str):
        raise s.SchermFout(400, "ongeldige pagina; begin opnieuw bij de eerste pagina")
    return str(gegevens["pagina"])


def _zonder_host(url: URL) -> str:
    return f"{url.path}?{url.query}" if url.query else url.path


async def _gekoppeld(request: Request, status: dict[str, Any]) -> list[dict[str, Any]]:
    """The other cases of the same dossier (visibility, any state)."""
    dossier = status.get("dossiernummer")
    if not dossier:
        return []
    client = await request.app.state.verbinding()
    vraag = visibility.query(running=False, dossier=dossier)
    rijen = []
    async for u in client.list_workflows(vraag, limit=50):
        if u.id != workflow_id(status["aanvraagnummer"]):
            rijen.append(
                {"aanvraagnummer": aanvraagnummer_uit(u.id), "fase": u.typed_search_attributes.get(visibility.FASE)}
            )
    return sorted(rijen, key=lambda r: r["aanvraagnummer"])


def _gedaan(waarde: str | None) -> str | None:
    """The `?gedaan=` of the redirect after an action: one of our own codes, never text from
    the URL (issue 15 item 8)."""
    return waarde if waarde in ACTIES or waarde == "ingediend" else None


def _zaak(router: APIRouter) -> None:
    async def toon_zaak(
        request: Request, nr: str, *, fout: dict[str, Any] | None = None, status_code: int = 200
    ) -> Response:
        try:
            status = await _zaken(request).status(nr)
        except ZaakOnbekend as e:
            return _toon(request, "fout.html", {"titel": "Niet gevonden", "melding": str(e)}, 404)
        sessie = s.sessie_van(request)
        acties = toegang.toegestane_acties(sessie.gebruiker, status["mogelijke_acties"]) if sessie else []
        if fout and fout["actie"] not in acties:
            acties.append(fout["actie"])
        context = {
            "status": status,
            "acties": acties,
            "fout": fout,
            "gekoppeld": await _gekoppeld(request, status),
            "temporal_url": f"{request.app.state.temporal_ui}/namespaces/default/workflows/{workflow_id(nr)}",
            "gedaan": _gedaan(request.query_params.get("gedaan")),
            "actie_id": lambda: uuid.uuid4().hex,
            "vandaag": _vandaag(request),
        }
        return _toon(request, "zaak.html", context, status_code)

    @router.get("/zaken/{nr}")
    async def zaak(request: Request, nr: str) -> Response:
        if s.sessie_van(request) is None:
            return _naar_inloggen()
        return await toon_zaak(request, nr)

    @router.post("/zaken/{nr}/acties/{actie}")
    async def actie(request: Request, nr: str, actie: str) -> Response:
        formulier = await request.form()
        sessie = _post_sessie(request, formulier, toegang.BEHANDELEN)
        if actie not in ACTIES:
            raise s.SchermFout(404, f"onbekende actie {actie}")
        data = {**formulieren.payload(actie, formulier), "door": sessie.naam}
        waarden = {k: [str(v) for v in formulier.getlist(k)] for k in formulier if k not in ("csrf", "actie_id")}
        actie_id = str(formulier.get("actie_id") or "") or None
        try:
            gegevens = lees(ACTIES[actie], data, vandaag=_vandaag(request))
            if reden := await toegang.weigering_voor_zaak(sessie.gebruiker, gegevens, _zaken(request), nr):
                return await toon_zaak(
                    request, nr, fout={"actie": actie, "reden": reden, "waarden": waarden}, status_code=403
                )
            await _zaken(request).actie(
                nr, actie, gegevens.model_dump(mode="json", exclude_unset=True), actie_id=actie_id
            )
        except Invoerfout as e:
            return await toon_zaak(
                request, nr, fout={"actie": actie, "velden": e.velden, "waarden": waarden}, status_code=422
            )
        except ActieGeweigerd as e:
            return await toon_zaak(
                request, nr, fout={"actie": actie, "reden": str(e), "waarden": waarden}, status_code=409
            )
        except SleutelHergebruikt as e:
            return await toon_zaak(
                request, nr, fout={"actie": actie, "reden": str(e), "waarden": waarden}, status_code=422
            )
        except NietBeschikbaar as e:
            return await toon_zaak(
                request,
                nr,
                fout={"actie": actie, "reden": str(e), "waarden": waarden},
                status_code=429 if isinstance(e, TeDruk) else 503,
            )
        return RedirectResponse(f"/zaken/{nr}?gedaan={actie}", status_code=303)


def _indienen(router: APIRouter) -> None:
    @router.get("/indienen")
    async def indienscherm(request: Request) -> Response:
        sessie = s.sessie_van(request)
        if sessie is None:
            return _naar_inloggen()
        if not sessie.mag(*toegang.STARTEN):
            raise s.SchermFout(403, "alleen de rol intake dient aanvragen in")
        return _toon(request, "indienen.html", {"invoer": "", "fouten": []})

    @router.post("/indienen")
    async def indienen(request: Request) -> Response:
        formulier = await request.form()
        _post_sessie(request, formulier, toegang.STARTEN)
        invoer = str(formulier.get("aanvraag") or "")
        try:
            data = json_object(invoer, "aanvraag")
            aanvraag = lees(Aanvraag, data, vandaag=_vandaag(request))
            await _zaken(request).start(aanvraag)
        except Invoerfout as e:
            return _toon(request, "indienen.html", {"invoer": invoer, "fouten": e.velden}, 422)
        except ZaakBestaat as e:
            return _toon(request, "indienen.html", {"invoer": invoer, "fouten": [("aanvraagnummer", str(e))]}, 409)
        return RedirectResponse(f"/zaken/{aanvraag.aanvraagnummer}?gedaan=ingediend", status_code=303)
