"""Who is calling the API, and in which role (CONTRACT.md "HTTP API").

The rest of the API only knows `Gebruiker` and the `Identiteitsprovider` protocol; swapping
the bearer tokens of `NAREIS_API_TOKENS` for OIDC means writing one class here that checks a
JWT (issuer, audience, expiry, signature against the IdP's JWKS) and maps a claim to `Rol`.

`NAREIS_API_TOKENS` is `token:rol[:naam][,token:rol[:naam]…]` with rol `intake`,
`behandelaar`, `lezer` or `teamleider`. `naam` is the identity recorded as `door` on every action; without
it the identity is `<rol>-<first 6 hex digits of sha256(token)>`: stable, and it does not
reveal the token. Tokens are compared in constant time and never logged or echoed in errors.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from starlette.requests import HTTPConnection

from client.settings import ConfiguratieFout
from nareis.contract import Rol

_VARIABELE = "NAREIS_API_TOKENS"
_NAAM = re.compile(r"^[A-Za-z0-9._@ -]{1,100}$")


@dataclass(frozen=True)
class Gebruiker:
    """An authenticated caller; `naam` is recorded as `door`, never a secret."""

    naam: str
    rollen: frozenset[Rol]

    def heeft(self, rollen: Iterable[Rol]) -> bool:
        return bool(self.rollen & frozenset(rollen))


class Identiteitsprovider(Protocol):
    """The one seam between the API and how callers prove who they are."""

    async def identificeer(self, request: HTTPConnection) -> Gebruiker | None:
        """The caller of `request`, or None when it carries no valid credentials."""
        ...


def bearer_token(request: HTTPConnection) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, if any."""
    kop = request.headers.get("authorization")
    if not kop:
        return None
    schema, _, token = kop.partition(" ")
    if schema.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def standaardnaam(token: str, rol: Rol) -> str:
    """A stable, non-secret name for a token without one: `<rol>-<6 hex of sha256>`."""
    return f"{rol.value}-{hashlib.sha256(token.encode()).hexdigest()[:6]}"


@dataclass(frozen=True)
class _Token:
    waarde: bytes
    gebruiker: Gebruiker

    def __repr__(self) -> str:  # never show the token itself
        return f"_Token(gebruiker={self.gebruiker!r})"


class TokenProvider:
    """Static bearer tokens from `NAREIS_API_TOKENS`."""

    def __init__(self, tokens: Iterable[tuple[str, Rol, str | None]]) -> None:
        self._tokens = [
            _Token(token.encode(), Gebruiker(naam or standaardnaam(token, rol), frozenset({rol})))
            for token, rol, naam in tokens
        ]

    @classmethod
    def uit_spec(cls, spec: str | None) -> TokenProvider:
        """Parse `token:rol[:naam],…`; None or empty gives a provider that admits nobody."""
        return cls(lees_tokens(spec) if spec and spec.strip() else [])

    def __len__(self) -> int:
        return len(self._tokens)

    def __repr__(self) -> str:
        return f"TokenProvider({len(self._tokens)} tokens)"

    async def identificeer(self, request: HTTPConnection) -> Gebruiker | None:
        token = bearer_token(request)
        return None if token is None else self.gebruiker_bij(token)

    def gebruiker_bij(self, token: str) -> Gebruiker | None:
        """Compare against every configured token in constant time (no early exit)."""
        gegeven = token.encode()
        gevonden: Gebruiker | None = None
        for kandidaat in self._tokens:
            if hmac.compare_digest(kandidaat.waarde, gegeven):
                gevonden = kandidaat.gebruiker
        return gevonden


def lees_tokens(spec: str) -> list[tuple[str, Rol, str | None]]:
    """Parse `NAREIS_API_TOKENS`; errors name the variable and the entry, never the token."""
    tokens: list[tuple[str, Rol, str | None]] = []
    gezien: set[str] = set()
    for nummer, deel in enumerate((deel.strip() for deel in spec.split(",")), start=1):
        if not deel:
            continue
        stukken = [stuk.strip() for stuk in deel.split(":")]
        if len(stukken) not in (2, 3) or not stukken[0]:
            raise ConfiguratieFout(f"{_VARIABELE}: item {nummer} heeft niet de vorm token:rol of token:rol:naam")
        token, rol_tekst = stukken[0], stukken[1]
        try:
            rol = Rol(rol_tekst)
        except ValueError:
            raise ConfiguratieFout(
                f"{_VARIABELE}: item {nummer}: onbekende rol {rol_tekst!r}; kies uit {', '.join(r.value for r in Rol)}"
            ) from None
        naam = stukken[2] if len(stukken) == 3 else None
        if naam is not None and not _NAAM.match(naam):
            raise ConfiguratieFout(
                f"{_VARIABELE}: item {nummer}: naam mag 1 tot 100 letters, cijfers, spaties, "
                "'.', '_', '@' of '-' bevatten"
            )
        if token in gezien:
            raise ConfiguratieFout(f"{_VARIABELE}: item {nummer}: dit token staat er al eerder in")
        gezien.add(token)
        tokens.append((token, rol, naam))
    return tokens
