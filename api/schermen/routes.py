"""The caseworker screens: sign-in, werkvoorraad, case page with action forms, intake form.

Server-rendered HTML on the API's own app, with the API's identity provider, roles and
`Zaken`; every POST form carries the session's CSRF token. The JSON API owns
`/aanvragen/...`, so the HTML case page lives at `/zaken/{aanvraagnummer}`.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import time
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import URL, FormData
from temporalio.service import RPCError, RPCStatusCode

from api import toegang
from api.aanvragen import lees_dossier
from api.identiteit import Gebruiker, Identiteitsprovider
from api.invoer import json_object
from api.schermen import brieven, formulieren, foutmeldingen, intake, redenen
from api.schermen import dashboard as d
from api.schermen import sessie as s
from api.schermen.bevestiging import TE_BEVESTIGEN, bevestiging
from api.schermen.export import csv_antwoord
from api.schermen.foutmeldingen import Foutsamenvatting
from api.schermen.werkvoorraad import WEERGAVE_NAMEN, Filters, OngeldigFilter, Weergave, zoekterm, zoekvraag
from client import visibility
from client.register import RegisterReader
from client.zaken import (
    ActieGeweigerd,
    NietBeschikbaar,
    SleutelHergebruikt,
    TeDruk,
    ZaakBestaat,
    ZaakOnbekend,
    Zaken,
)
from nareis.contract import (
    ACTIES,
    Aanvraag,
    Fase,
    Invoerfout,
    Rol,
    TermijnSoort,
    aanvraagnummer_uit,
    lees,
    workflow_id,
)
from nareis.contract.acties import Toewijzen
from nareis.register import Brief
from nareis.tijd import AMSTERDAM, datum_voluit

log = logging.getLogger("nareis.schermen")

MAP = Path(__file__).parent
sjablonen = Jinja2Templates(directory=MAP / "templates")
sjablonen.env.filters["datum"] = lambda d: datum_voluit(d) if d else "—"
sjablonen.env.globals.update(titel_actie=formulieren.titel, velden=formulieren.velden, FEITEN=formulieren.FEITEN)


def _waarde(waarde: Any) -> str:
    """A recorded value as the screens say it: ja/nee, a list joined, a date in words."""
    if waarde is None:
        return "—"
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, list):
        return ", ".join(_waarde(w) for w in waarde) or "geen"
    if isinstance(waarde, dict):
        return "; ".join(f"{k}: {_waarde(v)}" for k, v in waarde.items())
    tekst = str(waarde)
    try:
        return datum_voluit(date.fromisoformat(tekst)) if len(tekst) == 10 else tekst.replace("_", " ")
    except ValueError:
        return tekst.replace("_", " ")


def _veldnaam(veld: str) -> str:
    """`feiten.identiteit_aannemelijk` → `identiteit aannemelijk`; `nieuw_besluit.uitkomst` →
    `nieuw besluit, uitkomst`."""
    return veld.removeprefix("feiten.").replace(".", ", ").replace("_", " ")


sjablonen.env.filters.update(waarde=_waarde, veldnaam=_veldnaam)


def koppel(
    app: FastAPI, ondertekenaar: s.Ondertekenaar | None = None, intrekkingen: s.Intrekkingslijst | None = None
) -> None:
    """Mount the screens on the API's app; `intrekkingen` shared by every API process (else
    this process's own list)."""
    app.state.schermen_sleutel = ondertekenaar or s.Ondertekenaar()
    app.state.schermen_intrekkingen = intrekkingen or s.Intrekkingen()
    app.state.schermen_dashboard = d.Bewaard()
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
    basis = {"sessie": sessie, "Rol": Rol, "ACCORDEERROLLEN": toegang.ACCORDEERROLLEN}
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
    _dashboard(router)
    _zaak(router)
    _accorderen(router)
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


def _weergaven(sessie: s.Sessie) -> list[Weergave]:
    """The views a role has, its default first (issue #17 item 3: a caseworker starts on his own
    cases, with the team's queue beside them; a team lead on all of them)."""
    if sessie.mag(Rol.BEHANDELAAR):
        return [Weergave.MIJN, Weergave.TEAM, Weergave.ALLE]
    return [Weergave.ALLE, Weergave.TEAM]


async def _register(request: Request) -> RegisterReader | None:
    register: RegisterReader | None = await request.app.state.register()
    return register


async def _met_register(request: Request, rijen: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each row with who the case is about, from the register."""
    register = await _register(request)
    personen = await register.personen([r["aanvraagnummer"] for r in rijen]) if register else {}
    uit = []
    for rij in rijen:
        persoon = personen.get(rij["aanvraagnummer"])
        uit.append(
            {
                **rij,
                "naam": persoon.naam if persoon else None,
                "relatie": (persoon.relatie if persoon else None) or rij["relatie"],
            }
        )
    return uit


class _Lijst:
    """The rows of one werkvoorraad request: its filters, the query, the page."""

    def __init__(self, request: Request, sessie: s.Sessie) -> None:
        self.request = request
        self.sessie = sessie
        self.weergaven = _weergaven(sessie)
        try:
            self.filters = Filters.uit(dict(request.query_params), self.weergaven[0])
        except OngeldigFilter as e:
            raise s.SchermFout(400, f"ongeldig filter {e}") from None
        if self.filters.weergave not in self.weergaven:
            self.filters = self.filters.met(weergave=self.weergaven[0])
        self.vandaag = _vandaag(request)

    async def vraag(self) -> str | None:
        """The visibility query; None when a search found nothing to ask for."""
        if not self.filters.zoek:
            return zoekvraag(self.filters, self.vandaag, wie=self.sessie.naam)
        term = await zoekterm(self.filters.zoek, await _register(self.request))
        return None if term.leeg() else zoekvraag(self.filters, self.vandaag, zoekterm=term)


def _werkvoorraad(router: APIRouter) -> None:
    @router.get("/werkvoorraad")
    async def werkvoorraad(request: Request) -> Response:
        sessie = s.sessie_van(request)
        if sessie is None:
            return _naar_inloggen()
        lijst = _Lijst(request, sessie)
        vraag = await lijst.vraag()
        if request.query_params.get("formaat") == "csv":
            client = await request.app.state.verbinding()
            rijen = await visibility.all_rows(client, vraag, lijst.vandaag, MAX_CSV) if vraag else []
            return csv_antwoord(await _met_register(request, rijen), lijst.vandaag)
        resultaat = visibility.Page([], None, True)
        volgende = None
        if vraag is not None:
            token = _pagina_token(request, vraag, request.query_params.get("pagina"))
            client = await request.app.state.verbinding()
            sorteert = request.app.state.schermen_server_sorteert
            resultaat = await visibility.page(client, vraag, lijst.vandaag, token, server_sorteert=sorteert)
            request.app.state.schermen_server_sorteert = resultaat.gesorteerd_door_server
            if resultaat.volgende:
                getekend = request.app.state.schermen_sleutel.teken(
                    {"pagina": resultaat.volgende, "vraag": _vingerafdruk(vraag)}
                )
                volgende = _zonder_host(request.url.include_query_params(pagina=getekend))
        filters = lijst.filters
        context = {
            "filters": filters,
            "weergaven": [(w, WEERGAVE_NAMEN[w], _link(filters.met(weergave=w, zoek=""))) for w in lijst.weergaven],
            "fasen": [f.value for f in Fase],
            "soorten": [t.value for t in TermijnSoort],
            "rijen": await _met_register(request, resultaat.rijen),
            "pagina": resultaat,
            "volgende": volgende,
            "eerste": _zonder_host(request.url.remove_query_params("pagina"))
            if request.query_params.get("pagina")
            else None,
            "csv": _link(filters, formaat="csv"),
            "toewijzen": sessie.mag(Rol.TEAMLEIDER),
            "terug": _zonder_host(request.url),
        }
        return _toon(request, "werkvoorraad.html", context)

    @router.post("/werkvoorraad/toewijzen")
    async def bulk_toewijzen(request: Request) -> Response:
        formulier = await request.form()
        sessie = _post_sessie(request, formulier, (Rol.TEAMLEIDER,))
        nummers = [str(n) for n in formulier.getlist("zaak")][:MAX_BULK]
        behandelaar = str(formulier.get("behandelaar") or "").strip() or None
        uitkomsten = [await _toewijzen(request, sessie, nr, behandelaar) for nr in dict.fromkeys(nummers)]
        terug = str(formulier.get("terug") or "")
        context = {
            "uitkomsten": uitkomsten,
            "behandelaar": behandelaar,
            "terug": terug if terug.startswith("/werkvoorraad") else "/werkvoorraad",
        }
        return _toon(request, "toegewezen.html", context)


#: the most rows of one CSV export, and of one bulk assignment
MAX_CSV = 10_000
MAX_BULK = 200


def _link(filters: Filters, **extra: str) -> str:
    return "/werkvoorraad?" + urlencode({**filters.als_parameters(), **extra})


async def _toewijzen(request: Request, sessie: s.Sessie, nr: str, behandelaar: str | None) -> dict[str, Any]:
    """One case of a bulk assignment, with its own outcome: assigned, or why not."""
    uitkomst: dict[str, Any] = {"aanvraagnummer": nr, "gelukt": False}
    try:
        gegevens = lees(Toewijzen, {"behandelaar": behandelaar, "door": sessie.naam}, vandaag=_vandaag(request))
        if reden := toegang.weigering(sessie.gebruiker, gegevens, None):
            return {**uitkomst, "reden": reden}
        await _zaken(request).actie(
            nr, Toewijzen.NAAM, gegevens.model_dump(mode="json", exclude_unset=True), actie_id=uuid.uuid4().hex
        )
    except (Invoerfout, ActieGeweigerd, ZaakOnbekend, SleutelHergebruikt, NietBeschikbaar) as e:
        return {**uitkomst, "reden": str(e)}
    return {**uitkomst, "gelukt": True}


def _dashboard(router: APIRouter) -> None:
    @router.get("/dashboard")
    async def dashboard(request: Request) -> Response:
        sessie = s.sessie_van(request)
        if sessie is None:
            return _naar_inloggen()
        if not sessie.mag(Rol.TEAMLEIDER):
            raise s.SchermFout(403, "het dashboard is voor de teamleider")
        vandaag = _vandaag(request)
        bewaard: d.Bewaard = request.app.state.schermen_dashboard
        gegevens = None if request.query_params.get("bijwerken") == "ja" else bewaard.vers(vandaag, time.monotonic())
        if gegevens is None:
            client = await request.app.state.verbinding()
            gegevens = await d.dashboard(client, vandaag)
            nu = datetime.now(AMSTERDAM).strftime("%H:%M:%S")
            request.app.state.schermen_dashboard = d.Bewaard(gegevens, time.monotonic(), nu)
        context = {
            "d": gegevens,
            "geteld_om": request.app.state.schermen_dashboard.tijdstip,
            "bewaartijd": int(d.BEWAARTIJD_S),
            "staven": d.staven(gegevens.weken),
            "zondag": d.maandag_van(vandaag) + timedelta(days=6),
            "breedte": d.BREEDTE,
            "hoogte": d.HOOGTE,
            "marge": d.MARGE,
            "voet": d.VOET,
            "vak": (d.BREEDTE - 2 * d.MARGE) // d.WEKEN * 3 // 4,
        }
        return _toon(request, "dashboard.html", context)


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


async def _gezin(request: Request, status: dict[str, Any]) -> list[dict[str, Any]]:
    """The other family members of the dossier: the applications filed together with this one and
    any other case of the dossier in visibility, each with who it is about from its own status
    (names live only in the encrypted cases, never in visibility)."""
    aanvraag = status.get("aanvraag") or {}
    nummers = dict.fromkeys(aanvraag.get("gezamenlijk_met") or [])
    if dossier := status.get("dossiernummer"):
        nummers |= dict.fromkeys(await _in_dossier(request, dossier))
    nummers.pop(status["aanvraagnummer"], None)
    gekozen = list(nummers)[:MAX_GEZIN]
    statussen = await asyncio.gather(*(_zaken(request).status(nr) for nr in gekozen), return_exceptions=True)
    leden = []
    for nr, andere in zip(gekozen, statussen, strict=True):
        gezinslid = (andere.get("aanvraag") or {}).get("gezinslid") if isinstance(andere, dict) else None
        leden.append({"aanvraagnummer": nr, "gezinslid": gezinslid})
    return sorted(leden, key=lambda r: r["aanvraagnummer"])


async def _in_dossier(request: Request, dossier: str) -> list[str]:
    """The cases of `dossier` in visibility (any state); none where the server has no list
    (Temporal's time-skipping test server)."""
    client = await request.app.state.verbinding()
    vraag = visibility.query(running=False, dossier=dossier)
    try:
        return [aanvraagnummer_uit(u.id) async for u in client.list_workflows(vraag, limit=MAX_GEZIN + 1)]
    except RPCError as fout:
        if fout.status is RPCStatusCode.UNIMPLEMENTED:
            return []
        raise


async def _details(request: Request, nr: str) -> dict[str, Any] | None:
    """The `details` query; None while the case cannot answer it (the page then shows the
    status's timeline, without what each entry changed)."""
    try:
        return await _zaken(request).details(nr)
    except NietBeschikbaar:
        log.warning("details van %s niet beschikbaar", nr)
        return None


async def _brieven(request: Request, nr: str) -> list[Brief] | None:
    """The case's letters from the register, oldest first; None when there is no register."""
    try:
        register = await _register(request)
        return await register.brieven(nr) if register else None
    except NietBeschikbaar:
        return None


async def _brief(request: Request, nr: str, volgnummer: int, stap: str) -> Brief:
    """One letter of the case; 404 when the case has none such."""
    brief_id = f"{nr}/{volgnummer}/{stap}"
    for brief in await _brieven(request, nr) or []:
        if brief.brief_id == brief_id:
            return brief
    raise s.SchermFout(404, f"zaak {nr} heeft geen brief {volgnummer}/{stap}")


def _brief_url(brief: Brief) -> str:
    return f"/zaken/{brief.aanvraagnummer}/brieven/{brief.volgnummer}/{brief.brief_id.rsplit('/', 1)[1]}"


sjablonen.env.globals["brief_url"] = _brief_url


#: a dossier holds at most 25 applications (README "Security")
MAX_GEZIN = 25


def _gedaan(waarde: str | None) -> str | None:
    """The `?gedaan=` of the redirect after an action: one of our own codes, never text from
    the URL (issue 15 item 8)."""
    return waarde if waarde in ACTIES or waarde == "ingediend" else None


def _waarden(formulier: FormData) -> dict[str, list[str]]:
    """What the caseworker entered, to show it again (a refusal, or back from confirming)."""
    return {k: [str(v) for v in formulier.getlist(k)] for k in formulier if k not in _NIET_TERUG}


_NIET_TERUG = ("csrf", "actie_id", "bevestigd", "terug", "verstuur")


def _zaak(router: APIRouter) -> None:
    async def toon_zaak(
        request: Request,
        nr: str,
        *,
        fout: dict[str, Any] | None = None,
        open_actie: tuple[str, dict[str, list[str]]] | None = None,
        status_code: int = 200,
    ) -> Response:
        try:
            status = await _zaken(request).status(nr)
        except ZaakOnbekend as e:
            return _toon(request, "fout.html", {"titel": "Niet gevonden", "melding": str(e)}, 404)
        sessie = s.sessie_van(request)
        acties = toegang.toegestane_acties(sessie.gebruiker, status["mogelijke_acties"]) if sessie else []
        if fout:
            open_actie = (fout["actie"], fout["waarden"])
        if open_actie and open_actie[0] not in acties and sessie and sessie.mag(*toegang.BEHANDELEN):
            acties.append(open_actie[0])
        details, gezin, brieflijst = await asyncio.gather(
            _details(request, nr), _gezin(request, status), _brieven(request, nr)
        )
        context = {
            "status": status,
            "details": details,
            "herkomst": {f["feit"]: f for f in (details or {}).get("feiten", [])},
            "aanvraag": status.get("aanvraag"),
            "acties": acties,
            "redenen": {actie: redenen.reden(actie, status) for actie in acties},
            "te_bevestigen": TE_BEVESTIGEN,
            "fout": fout,
            "open_actie": open_actie,
            "gezin": gezin,
            "brieven": brieflijst,
            "temporal_url": f"{request.app.state.temporal_ui}/namespaces/default/workflows/{workflow_id(nr)}",
            "gedaan": _gedaan(request.query_params.get("gedaan")),
            "actie_id": lambda: uuid.uuid4().hex,
            "vandaag": _vandaag(request),
        }
        return _toon(request, "zaak.html", context, status_code)

    def geweigerd(actie: str, waarden: dict[str, list[str]], **weigering: Any) -> dict[str, Any]:
        return {"actie": actie, "waarden": waarden, "samenvatting": foutmeldingen.samenvatting(actie, **weigering)}

    @router.get("/zaken/{nr}")
    async def zaak(request: Request, nr: str) -> Response:
        if s.sessie_van(request) is None:
            return _naar_inloggen()
        return await toon_zaak(request, nr)

    @router.get("/zaken/{nr}/brieven/{volgnummer}/{stap}")
    async def brief(request: Request, nr: str, volgnummer: int, stap: str) -> Response:
        if s.sessie_van(request) is None:
            return _naar_inloggen()
        gevonden = await _brief(request, nr, volgnummer, stap)
        context = {
            "brief": gevonden,
            "alinea_s": brieven.alinea_s(gevonden.tekst),
            "pdf_url": _brief_url(gevonden) + "/pdf",
        }
        return _toon(request, "brief.html", context)

    @router.get("/zaken/{nr}/brieven/{volgnummer}/{stap}/pdf")
    async def brief_pdf(request: Request, nr: str, volgnummer: int, stap: str) -> Response:
        if s.sessie_van(request) is None:
            return _naar_inloggen()
        gevonden = await _brief(request, nr, volgnummer, stap)
        return Response(
            await brieven.pdf(gevonden),
            media_type="application/pdf",
            headers={"Content-Disposition": f'attachment; filename="{brieven.bestandsnaam(gevonden)}"'},
        )

    @router.post("/zaken/{nr}/acties/{actie}")
    async def actie(request: Request, nr: str, actie: str) -> Response:
        formulier = await request.form()
        sessie = _post_sessie(request, formulier, toegang.BEHANDELEN)
        if actie not in ACTIES:
            raise s.SchermFout(404, f"onbekende actie {actie}")
        waarden = _waarden(formulier)
        if formulier.get("terug"):  # back from the confirmation, to change what was entered
            return await toon_zaak(request, nr, open_actie=(actie, waarden))
        data = {**formulieren.payload(actie, formulier), "door": sessie.naam}
        actie_id = str(formulier.get("actie_id") or "") or None
        try:
            gegevens = lees(ACTIES[actie], data, vandaag=_vandaag(request))
            if reden := await toegang.weigering_voor_zaak(sessie.gebruiker, gegevens, _zaken(request), nr):
                return await toon_zaak(request, nr, fout=geweigerd(actie, waarden, reden=reden), status_code=403)
            if actie in TE_BEVESTIGEN and formulier.get("bevestigd") != "ja":
                return await bevestigen(request, nr, actie, gegevens, formulier)
            await _zaken(request).actie(
                nr, actie, gegevens.model_dump(mode="json", exclude_unset=True), actie_id=actie_id
            )
        except Invoerfout as e:
            return await toon_zaak(request, nr, fout=geweigerd(actie, waarden, velden=e.velden), status_code=422)
        except (ActieGeweigerd, SleutelHergebruikt, NietBeschikbaar) as e:
            code = {ActieGeweigerd: 409, SleutelHergebruikt: 422, TeDruk: 429}.get(type(e), 503)
            return await toon_zaak(request, nr, fout=geweigerd(actie, waarden, reden=str(e)), status_code=code)
        return RedirectResponse(f"/zaken/{nr}?gedaan={actie}", status_code=303)

    async def bevestigen(request: Request, nr: str, actie: str, gegevens: Any, formulier: FormData) -> Response:
        """The summary of an irreversible action's effect and the letters it would send (the query
        `voorbeeld`); sent only when confirmed."""
        try:
            status = await _zaken(request).status(nr)
        except ZaakOnbekend as e:
            return _toon(request, "fout.html", {"titel": "Niet gevonden", "melding": str(e)}, 404)
        voorbeeld = await _zaken(request).voorbeeld(nr, actie, gegevens.model_dump(mode="json", exclude_unset=True))
        if voorbeeld.weigering is not None:
            raise ActieGeweigerd(voorbeeld.weigering)  # the case would refuse it: the error summary
        na = status if voorbeeld.status is None else voorbeeld.status.model_dump(mode="json")
        context = {
            "status": status,
            "actie": actie,
            "bevestiging": bevestiging(actie, gegevens, status, na, _vandaag(request)),
            "voorbeeldbrieven": [(b, brieven.alinea_s(b.tekst)) for b in brieven.voorbeelden(voorbeeld)],
            "verborgen": [(k, str(v)) for k in formulier if k not in _NIET_TERUG for v in formulier.getlist(k)],
            "actie_id": str(formulier.get("actie_id") or "") or uuid.uuid4().hex,
        }
        return _toon(request, "bevestigen.html", context)


#: the proposals one page shows (a team's queue of proposals is short; more wait for the next page)
MAX_VOORSTELLEN = 50


def _accorderen(router: APIRouter) -> None:
    @router.get("/accorderen")
    async def accorderen(request: Request) -> Response:
        """DOMAIN.md §3.7 vier ogen: the proposed decisions this person may approve (not their own),
        each with what approving it means: outcome, grounds, motivations, terms that start and stop."""
        sessie = s.sessie_van(request)
        if sessie is None:
            return _naar_inloggen()
        if not sessie.mag(*toegang.ACCORDEERROLLEN):
            raise s.SchermFout(403, f"accorderen doet de rol {' of '.join(toegang.ACCORDEERROLLEN)}")
        client = await request.app.state.verbinding()
        vraag = visibility.query(voorstel_niet_van=sessie.naam)
        voorstellen = []
        async for u in client.list_workflows(vraag, limit=MAX_VOORSTELLEN):
            status = await _zaken(request).status(aanvraagnummer_uit(u.id))
            voorstel = status.get("voorstel")
            if voorstel and sessie.mag(*(Rol(r) for r in voorstel["accorderen_door"])):
                voorstellen.append(status)
        voorstellen.sort(key=lambda st: (st["voorstel"]["voorgesteld_op"], st["aanvraagnummer"]))
        context = {"voorstellen": voorstellen, "actie_id": lambda: uuid.uuid4().hex, "vandaag": _vandaag(request)}
        return _toon(request, "accorderen.html", context)


def _indienscherm(
    request: Request,
    formulier: FormData | None = None,
    *,
    fout: Foutsamenvatting | None = None,
    json_invoer: str = "",
    json_fout: list[tuple[str, str]] | None = None,
    status_code: int = 200,
) -> Response:
    context = {
        "AANVRAAG": intake.AANVRAAG,
        "REFERENT": intake.REFERENT,
        "GEZINSLID": intake.GEZINSLID,
        "veld_id": intake.veld_id,
        "leden": intake.aantal_leden(formulier) if formulier is not None else 1,
        "max_leden": intake.MAX_LEDEN,
        "waarden": {k: str(v) for k, v in formulier.items()} if formulier is not None else {},
        "fout": fout,
        "json_invoer": json_invoer,
        "json_fout": json_fout,
        "vandaag": _vandaag(request),
    }
    return _toon(request, "indienen.html", context, status_code)


def _indienen(router: APIRouter) -> None:
    @router.get("/indienen")
    async def indienscherm(request: Request) -> Response:
        sessie = s.sessie_van(request)
        if sessie is None:
            return _naar_inloggen()
        if not sessie.mag(*toegang.STARTEN):
            raise s.SchermFout(403, "alleen de rol intake dient aanvragen in")
        return _indienscherm(request)

    @router.post("/indienen")
    async def indienen(request: Request) -> Response:
        formulier = await request.form()
        _post_sessie(request, formulier, toegang.STARTEN)
        if "aanvraag" in formulier:
            return await _indienen_als_json(request, str(formulier.get("aanvraag") or ""))
        if formulier.get("meer"):  # one more family member, nothing filed yet
            return _indienscherm(request, formulier)
        try:
            aanvragen = lees_dossier({"aanvragen": intake.aanvragen(formulier)}, _vandaag(request))
            await _start(request, aanvragen)
        except Invoerfout as e:
            return _indienscherm(request, formulier, fout=intake.fouten(formulier, e.velden), status_code=422)
        except ZaakBestaat as e:
            fout = intake.bestaat(formulier, e.aanvraagnummers, str(e))
            return _indienscherm(request, formulier, fout=fout, status_code=409)
        return RedirectResponse(f"/zaken/{aanvragen[0].aanvraagnummer}?gedaan=ingediend", status_code=303)


async def _start(request: Request, aanvragen: list[Aanvraag]) -> None:
    """One application as `POST /aanvragen`, a family as `POST /dossiers` (all or none)."""
    if len(aanvragen) == 1:
        await _zaken(request).start(aanvragen[0])
    else:
        await _zaken(request).start_dossier(aanvragen)


async def _indienen_als_json(request: Request, invoer: str) -> Response:
    """JSON as the contract has it, for systems: one `Aanvraag`, or `{"aanvragen": [...]}`."""
    try:
        data = json_object(invoer, "aanvraag")
        if "aanvragen" in data:
            aanvragen = lees_dossier(data, _vandaag(request))
        else:
            aanvragen = [lees(Aanvraag, data, vandaag=_vandaag(request))]
        await _start(request, aanvragen)
    except Invoerfout as e:
        return _indienscherm(request, json_invoer=invoer, json_fout=e.velden, status_code=422)
    except ZaakBestaat as e:
        return _indienscherm(request, json_invoer=invoer, json_fout=[("aanvraagnummer", str(e))], status_code=409)
    return RedirectResponse(f"/zaken/{aanvragen[0].aanvraagnummer}?gedaan=ingediend", status_code=303)
