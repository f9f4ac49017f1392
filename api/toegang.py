"""Role checks for the routes (CONTRACT.md "HTTP API": 401 without a valid token, 403 for a
role without the right). Which roles may do what is decided here and nowhere else."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.identiteit import Gebruiker, Identiteitsprovider, Rol

#: only to show the "Authorize" button and the lock in /docs; the provider reads the request
_bearer = HTTPBearer(auto_error=False, description="`Authorization: Bearer <token>`")

STARTEN = (Rol.INTAKE,)
LEZEN = (Rol.INTAKE, Rol.BEHANDELAAR, Rol.LEZER)
BEHANDELEN = (Rol.BEHANDELAAR,)
BEWIJS = (Rol.INTAKE, Rol.BEHANDELAAR)


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
