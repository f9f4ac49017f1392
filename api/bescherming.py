"""What every request passes before a route sees it (issue 15 items 6, 9 and 10), as pure ASGI
middleware so that it holds for the JSON routes, the screens and the mounted codec server alike:

- `Lichaamslimiet`: one streaming limit on request bodies. A `Content-Length` above it is
  refused before anything is read; a chunked body is counted while it is read and refused the
  moment it passes the limit (never read in full), and a body that trickles in slower than
  `leestijd` seconds in total is refused with 408.
- `Proxy`: the scheme (`https`) a configured trusted proxy reports in `X-Forwarded-Proto`,
  so the session cookie gets `Secure` behind TLS termination; from anyone else the header is
  ignored.
- `Hosts`: an allow-list of `Host` headers (DNS rebinding: a foreign name resolving to this
  machine is refused before any route runs).
- `Koppen`: security headers on every answer — a CSP with `frame-ancestors 'none'`,
  `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`, and `Cache-Control:
  no-store` on everything that may show a person (all but the static files).
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import time
from collections.abc import Iterable, Sequence
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: bytes of a JSON body: a dossier of 25 applications at their [2026-12] size limits is under 1 MB
MAX_BODY = 1_000_000
#: bytes of a codec request: one Temporal payload may be 2 MiB, base64 makes it 2.7 MB
MAX_BODY_CODEC = 4_000_000
#: seconds to read a whole body (a slow trickle holds a connection no longer)
LEESTIJD = 30.0

#: the screens: own stylesheet and images only, no script, forms post to this origin
#: (`connect-src 'self'`: a script the page cannot have, e.g. a test driver's, may still call it)
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
#: /docs: Swagger UI from the package's own files starts with an inline script
CSP_DOCS = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'"
)


async def _antwoord(send: Send, status: int, detail: str, headers: Sequence[tuple[bytes, bytes]] = ()) -> None:
    inhoud = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(inhoud)).encode()),
                (b"connection", b"close"),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": inhoud})


class _TeGroot(HTTPException):
    """Raised from `receive`: an HTTPException, so that any Starlette app that reads the body
    (the API, the mounted codec server) answers it; this middleware answers it otherwise."""

    def __init__(self, detail: str) -> None:
        super().__init__(413, detail)


class _TeTraag(HTTPException):
    def __init__(self, detail: str) -> None:
        super().__init__(408, detail)


def _kop(scope: Scope, naam: bytes) -> str | None:
    for sleutel, waarde in scope.get("headers", ()):
        if sleutel == naam:
            return bytes(waarde).decode("latin-1")
    return None


class Lichaamslimiet:
    """Refuse bodies above `limiet` bytes (413) while reading them; `limieten` gives a path
    prefix its own limit (the codec server's payloads)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        limiet: int = MAX_BODY,
        limieten: dict[str, int] | None = None,
        leestijd: float = LEESTIJD,
    ) -> None:
        self.app = app
        self.limiet = limiet
        self.limieten = sorted((limieten or {}).items(), key=lambda kv: -len(kv[0]))
        self.leestijd = leestijd

    def _limiet(self, pad: str) -> int:
        for voorvoegsel, limiet in self.limieten:
            if pad == voorvoegsel or pad.startswith(voorvoegsel.rstrip("/") + "/"):
                return limiet
        return self.limiet

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limiet = self._limiet(scope.get("path", ""))
        te_groot = f"de body is groter dan {limiet:,} bytes".replace(",", ".")
        te_traag = f"de body kwam niet binnen {self.leestijd:.0f} s binnen"
        lengte = _kop(scope, b"content-length")
        if lengte is not None:
            if not lengte.strip().isdecimal() or len(lengte.strip()) > 18:
                await _antwoord(send, 400, "ongeldige Content-Length")
                return
            if int(lengte) > limiet:
                await _antwoord(send, 413, te_groot)
                return
        gelezen = 0
        klaar = False
        begonnen = False
        einde: float | None = None

        async def ontvang() -> Message:
            nonlocal gelezen, klaar, einde
            if klaar:
                return await receive()
            if einde is None:
                einde = time.monotonic() + self.leestijd
            try:
                async with asyncio.timeout(max(0.0, einde - time.monotonic())):
                    bericht = await receive()
            except TimeoutError:
                raise _TeTraag(te_traag) from None
            if bericht["type"] == "http.request":
                gelezen += len(bericht.get("body", b""))
                if gelezen > limiet:
                    raise _TeGroot(te_groot)
                klaar = not bericht.get("more_body", False)
            else:
                klaar = True
            return bericht

        async def stuur(bericht: Message) -> None:
            nonlocal begonnen
            if bericht["type"] == "http.response.start":
                begonnen = True
            await send(bericht)

        try:
            await self.app(scope, ontvang, stuur)
        except (_TeGroot, _TeTraag) as fout:
            if begonnen:
                raise
            await _antwoord(send, fout.status_code, fout.detail)


def _netwerken(waarden: Iterable[str]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(w.strip(), strict=False) for w in waarden if w.strip())


class Proxy:
    """`X-Forwarded-Proto` from a trusted proxy (an address or network of `vertrouwd`) sets the
    request's scheme; from any other caller it is ignored."""

    def __init__(self, app: ASGIApp, *, vertrouwd: Sequence[str]) -> None:
        self.app = app
        self.vertrouwd = _netwerken(vertrouwd)

    def _vertrouwd(self, scope: Scope) -> bool:
        client = scope.get("client")
        if not client:
            return False
        try:
            adres = ipaddress.ip_address(client[0])
        except ValueError:
            return False
        return any(adres in net for net in self.vertrouwd)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.vertrouwd and self._vertrouwd(scope):
            proto = (_kop(scope, b"x-forwarded-proto") or "").split(",")[0].strip().lower()
            if proto in ("http", "https"):
                scope = {**scope, "scheme": proto}
        await self.app(scope, receive, send)


def hostnaam(host: str) -> str:
    """`example.org:8000` → `example.org`, `[::1]:8000` → `::1`, lower case."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


LOKALE_HOSTS = ("localhost", "127.0.0.1", "::1")


class Hosts:
    """Answer only requests whose `Host` is in `toegestaan` (without port); others get 400."""

    def __init__(self, app: ASGIApp, *, toegestaan: Sequence[str]) -> None:
        self.app = app
        self.toegestaan = frozenset(hostnaam(h) for h in toegestaan)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and hostnaam(_kop(scope, b"host") or "") not in self.toegestaan:
            await _antwoord(send, 400, "onbekende Host")
            return
        await self.app(scope, receive, send)


class Koppen:
    """Security headers on every answer (see the module's docstring)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        pad: str = scope.get("path", "")
        docs = pad == "/docs" or pad.startswith("/docs/") or pad.startswith("/static-offline-docs")
        statisch = pad.startswith("/static/") or pad.startswith("/static-offline-docs")

        async def stuur(bericht: Message) -> None:
            if bericht["type"] == "http.response.start":
                koppen: list[Any] = [
                    (k, v) for k, v in bericht.get("headers", ()) if k.lower() not in _VERVANGEN or statisch
                ]
                bestaand = {k.lower() for k, _ in koppen}
                koppen += [
                    (b"content-security-policy", (CSP_DOCS if docs else CSP).encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                if not statisch or b"cache-control" not in bestaand:
                    koppen.append((b"cache-control", b"no-store"))
                bericht = {**bericht, "headers": koppen}
            await send(bericht)

        await self.app(scope, receive, stuur)


_VERVANGEN = frozenset({b"cache-control", b"content-security-policy", b"x-content-type-options", b"x-frame-options"})
