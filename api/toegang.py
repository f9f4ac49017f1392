"""Role checks for the routes (CONTRACT.md "HTTP API": 401 without a valid token, 403 for a
role without the right). Which roles may do what is decided here and nowhere else."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.identiteit import Gebruiker, Identiteitsprovider
from client.zaken import Zaken
from nareis.beleid import BELEID_VERSIES
from nareis.contract import Rol
from nareis.contract.acties import Actie, BesluitAccorderen, Toewijzen

#: only to show the "Authorize" button and the lock in /docs; the provider reads the request
_bearer = HTTPBearer(auto_error=False, description="`Authorization: Bearer <token>`")

STARTEN = (Rol.INTAKE,)
LEZEN = (Rol.INTAKE, Rol.BEHANDELAAR, Rol.LEZER, Rol.TEAMLEIDER)
#: who may send actions at all; which ones is `weigering`'s to say
BEHANDELEN = (Rol.BEHANDELAAR, Rol.TEAMLEIDER)
BEWIJS = (Rol.INTAKE, Rol.BEHANDELAAR)
#: the actions of a team lead (CONTRACT.md "HTTP API" [2026-12]: reads everything, assigns to anyone)
TEAMLEIDER_ACTIES = frozenset({Toewijzen.NAAM})
#: DOMAIN.md §3.7 vier ogen: the roles some policy version lets approve a proposed decision (which
#: ones approve a given case's proposal, its own version says: `status.voorstel.accorderen_door`)
ACCORDEERROLLEN = tuple(
    sorted({Rol(rol) for beleid in BELEID_VERSIES for rol in beleid.vier_ogen.rollen.waarde}, key=str)
)


def weigering(wie: Gebruiker, actie: Actie, behandelaar_nu: str | None) -> str | None:
    """Why `wie` may not send `actie` to a case assigned to `behandelaar_nu`; None when allowed.

    CONTRACT.md "HTTP API" [2026-12]: a team lead assigns cases to anyone; a caseworker assigns a
    case to himself, and hands back (null) only a case that is his (or nobody's: the case itself
    then says it is unassigned already).
    """
    if isinstance(actie, Toewijzen) and not wie.heeft((Rol.TEAMLEIDER,)):
        if actie.behandelaar == wie.naam or (actie.behandelaar is None and behandelaar_nu in (wie.naam, None)):
            return None
        return (
            f"een behandelaar wijst een zaak alleen aan zichzelf toe ({wie.naam}) en geeft alleen een eigen "
            "zaak terug; toewijzen aan een ander doet de teamleider"
        )
    if _mag_sturen(wie, actie.NAAM):
        return None
    if isinstance(actie, BesluitAccorderen):
        return _accorderen_door(ACCORDEERROLLEN)
    eigen = sorted(n for n in (*TEAMLEIDER_ACTIES, BesluitAccorderen.NAAM) if _mag_sturen(wie, n))
    return f"de teamleider mag {actie.NAAM} niet; alleen {', '.join(eigen)}"


def _accorderen_door(rollen: Iterable[str]) -> str:
    return (
        f"een voorgesteld besluit accordeert de rol {' of '.join(rollen)} "
        "(vier ogen, DOMAIN.md §3.7; beleidswaarde vier_ogen.rollen)"
    )


def _mag_sturen(wie: Gebruiker, naam: str) -> bool:
    """Whether the role may send the action `naam` at all (the one rule behind both functions)."""
    if naam == BesluitAccorderen.NAAM:
        return wie.heeft(ACCORDEERROLLEN)
    return wie.heeft((Rol.BEHANDELAAR,)) or (wie.heeft((Rol.TEAMLEIDER,)) and naam in TEAMLEIDER_ACTIES)


async def weigering_voor_zaak(wie: Gebruiker, actie: Actie, zaken: Zaken, aanvraagnummer: str) -> str | None:
    """`weigering`, asking the case whose it is only when that decides (handing a case back)."""
    behandelaar_nu = None
    if isinstance(actie, Toewijzen) and actie.behandelaar is None and not wie.heeft((Rol.TEAMLEIDER,)):
        behandelaar_nu = (await zaken.status(aanvraagnummer)).get("behandelaar")
    reden = weigering(wie, actie, behandelaar_nu)
    if reden is None and isinstance(actie, BesluitAccorderen):
        # the case's own policy version says which roles approve its proposal
        voorstel = (await zaken.status(aanvraagnummer)).get("voorstel") or {}
        rollen = voorstel.get("accorderen_door") or []
        if rollen and not wie.heeft(tuple(Rol(r) for r in rollen)):
            return _accorderen_door(rollen)
    return reden


def toegestane_acties(wie: Gebruiker, mogelijk: Iterable[str]) -> list[str]:
    """The case's `mogelijke_acties` this caller may send at all (the screens offer no others)."""
    return [naam for naam in mogelijk if _mag_sturen(wie, naam)]


def vereis(*rollen: Rol) -> Callable[..., Awaitable[Gebruiker]]:
    """A dependency that yields the caller, who must have one of `rollen` (any when empty)."""

    async def gebruiker(
        request: Request,
        _: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
    ) -> Gebruiker:
        provider: Identiteitsprovider = request.app.state.identiteit
        wie = await provider.identificeer(request)
        if wie is None:
            raise HTTPException(
                status_code=401,
                detail="geen of ongeldig token (Authorization: Bearer <token>)",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if rollen and not wie.heeft(rollen):
            raise HTTPException(
                status_code=403,
                detail=f"rol {', '.join(sorted(wie.rollen))} mag dit niet; nodig: "
                f"{' of '.join(rol.value for rol in rollen)}",
            )
        return wie

    return gebruiker


#: the caller of each kind of route, as FastAPI parameter types
Indiener = Annotated[Gebruiker, Depends(vereis(*STARTEN))]
Lezer = Annotated[Gebruiker, Depends(vereis(*LEZEN))]
Behandelaar = Annotated[Gebruiker, Depends(vereis(*BEHANDELEN))]
Bewijsleverancier = Annotated[Gebruiker, Depends(vereis(*BEWIJS))]
