"""The screens' session: a cookie signed with HMAC-SHA256, holding a session id, who signed in,
their roles, a CSRF token and an expiry. Nothing secret is in it (not the bearer token); the
signature keeps it from being forged or changed. The key comes from `NAREIS_SESSIE_SLEUTEL`, or
is random per process (then a restart signs everybody out).

Signing out revokes the session on the server (issue 15 item 9): its id goes on a revocation
list until the session would have expired, and a cookie captured before cannot act any more.
With a register (`NAREIS_DATABASE_URL`) the list is in PostgreSQL
(`client.intrekkingen.GedeeldeIntrekkingen`), so every API process refuses a signed-out
session; without one it lives in the process (`Intrekkingen`). Every screen request checks it
once, asynchronously (`intrekking_controleren`, a dependency of the screens' router), before
`sessie_van` reads the session; a request that was not checked has no session.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Protocol

from fastapi import Request
from fastapi.responses import Response

from api.identiteit import Gebruiker
from nareis.contract import Rol

log = logging.getLogger("nareis.schermen")

COOKIE = "nareis_sessie"
INLOG_COOKIE = "nareis_inlog"  # CSRF for the sign-in form itself, before there is a session
GELDIG = 8 * 3600  # one working day


class SchermFout(Exception):
    """A refused screen request; shown as an HTML page with this status."""

    def __init__(self, status_code: int, melding: str) -> None:
        self.status_code = status_code
        self.melding = melding
        super().__init__(melding)


@dataclass(frozen=True)
class Sessie:
    naam: str
    rollen: frozenset[Rol]
    csrf: str
    verloopt: int
    sid: str = field(default_factory=lambda: secrets.token_urlsafe(16))

    @property
    def gebruiker(self) -> Gebruiker:
        return Gebruiker(self.naam, self.rollen)

    def mag(self, *rollen: Rol) -> bool:
        return bool(self.rollen & frozenset(rollen))


class Ondertekenaar:
    def __init__(self, sleutel: bytes | None = None) -> None:
        omgeving = os.environ.get("NAREIS_SESSIE_SLEUTEL")
        self._sleutel = sleutel or (omgeving.encode() if omgeving else secrets.token_bytes(32))

    def _handtekening(self, inhoud: bytes) -> str:
        digest = hmac.new(self._sleutel, inhoud, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def teken(self, gegevens: dict[str, object]) -> str:
        # no "=" padding: a cookie value without it needs no quoting
        inhoud = base64.urlsafe_b64encode(json.dumps(gegevens, separators=(",", ":")).encode()).decode().rstrip("=")
        return f"{inhoud}.{self._handtekening(inhoud.encode())}"

    def lees(self, waarde: str | None) -> dict[str, object] | None:
        """The signed data, or None when absent, tampered with or malformed."""
        if not waarde or "." not in waarde:
            return None
        inhoud, _, handtekening = waarde.rpartition(".")
        if not hmac.compare_digest(handtekening, self._handtekening(inhoud.encode())):
            return None
        try:
            gegevens = json.loads(base64.urlsafe_b64decode(inhoud.encode() + b"=" * (-len(inhoud) % 4)))
        except ValueError:
            return None
        return gegevens if isinstance(gegevens, dict) else None


class Intrekkingslijst(Protocol):
    """Where signed-out session ids are kept until they would have expired."""

    async def trek_in(self, sid: str, verloopt: int) -> None: ...

    async def ingetrokken(self, sid: str) -> bool: ...


class Intrekkingen:
    """Session ids signed out before they expire, in this process only; each is forgotten once
    it would have expired anyway, so the list stays as small as the sign-outs of one working day."""

    def __init__(self) -> None:
        self._tot: dict[str, int] = {}
        self._slot = threading.Lock()

    async def trek_in(self, sid: str, verloopt: int) -> None:
        with self._slot:
            nu = time.time()
            for oud in [s for s, tot in self._tot.items() if tot <= nu]:
                del self._tot[oud]
            self._tot[sid] = verloopt

    async def ingetrokken(self, sid: str) -> bool:
        return sid in self._tot


def nieuwe_sessie(gebruiker: Gebruiker) -> Sessie:
    return Sessie(gebruiker.naam, gebruiker.rollen, secrets.token_urlsafe(32), int(time.time()) + GELDIG)


def _ondertekenaar(request: Request) -> Ondertekenaar:
    ondertekenaar: Ondertekenaar = request.app.state.schermen_sleutel
    return ondertekenaar


_GECONTROLEERD = "nareis_sessie_niet_ingetrokken"


async def intrekking_controleren(request: Request) -> None:
    """Before every screen: is the cookie's session signed out? (Asked once per request; the
    answer is kept in the request's state for `sessie_van`.)"""
    gegevens = _ondertekenaar(request).lees(request.cookies.get(COOKIE))
    sid = gegevens.get("sid") if gegevens else None
    if not isinstance(sid, str):
        return
    try:
        ingetrokken = await _intrekkingen(request).ingetrokken(sid)
    except Exception:
        log.exception("intrekkingen niet te lezen")
        raise SchermFout(503, "de sessie is nu niet te controleren; probeer het zo opnieuw") from None
    if not ingetrokken:
        setattr(request.state, _GECONTROLEERD, sid)


def sessie_van(request: Request) -> Sessie | None:
    gegevens = _ondertekenaar(request).lees(request.cookies.get(COOKIE))
    if gegevens is None:
        return None
    try:
        sessie = Sessie(
            str(gegevens["naam"]),
            frozenset(Rol(r) for r in gegevens["rollen"]),  # type: ignore[attr-defined]
            str(gegevens["csrf"]),
            int(gegevens["verloopt"]),  # type: ignore[call-overload]
            str(gegevens["sid"]),
        )
    except (KeyError, TypeError, ValueError):
        return None
    if sessie.verloopt <= time.time() or getattr(request.state, _GECONTROLEERD, None) != sessie.sid:
        return None  # expired, signed out, or not checked
    return sessie


def _intrekkingen(request: Request) -> Intrekkingslijst:
    intrekkingen: Intrekkingslijst = request.app.state.schermen_intrekkingen
    return intrekkingen


def _cookie(request: Request, antwoord: Response, naam: str, waarde: str, max_age: int) -> None:
    antwoord.set_cookie(
        naam,
        waarde,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )


def zet_sessie(request: Request, antwoord: Response, sessie: Sessie) -> None:
    waarde = _ondertekenaar(request).teken(
        {
            "sid": sessie.sid,
            "naam": sessie.naam,
            "rollen": sorted(sessie.rollen),
            "csrf": sessie.csrf,
            "verloopt": sessie.verloopt,
        }
    )
    _cookie(request, antwoord, COOKIE, waarde, GELDIG)


async def wis_sessie(request: Request, antwoord: Response, sessie: Sessie) -> None:
    """Sign out: the session is revoked on the server, and the browser drops the cookie."""
    await _intrekkingen(request).trek_in(sessie.sid, sessie.verloopt)
    setattr(request.state, _GECONTROLEERD, None)
    antwoord.delete_cookie(COOKIE, path="/", secure=request.url.scheme == "https", httponly=True, samesite="lax")


def inlog_csrf(request: Request) -> str:
    """The sign-in form's CSRF token: the one in the pre-session cookie, or a new one."""
    gegevens = _ondertekenaar(request).lees(request.cookies.get(INLOG_COOKIE))
    if gegevens and isinstance(gegevens.get("csrf"), str):
        return str(gegevens["csrf"])
    return secrets.token_urlsafe(32)


def zet_inlog_csrf(request: Request, antwoord: Response, csrf: str) -> None:
    _cookie(request, antwoord, INLOG_COOKIE, _ondertekenaar(request).teken({"csrf": csrf}), 3600)


def controleer_csrf(verwacht: str | None, gegeven: object) -> None:
    """403 unless the form's token equals the session's (constant-time)."""
    if not verwacht or not isinstance(gegeven, str) or not hmac.compare_digest(verwacht, gegeven):
        raise SchermFout(403, "ongeldig of ontbrekend CSRF-token; laad het formulier opnieuw")


def controleer_inlog_csrf(request: Request, gegeven: object) -> None:
    gegevens = _ondertekenaar(request).lees(request.cookies.get(INLOG_COOKIE))
    controleer_csrf(str(gegevens["csrf"]) if gegevens and "csrf" in gegevens else None, gegeven)
