"""The codec server: lets the Temporal UI (and `temporal` CLI) show decrypted payloads.

The UI's remote codec protocol: `POST {endpoint}/decode` and `/encode` with the JSON form of
`temporal.api.common.v1.Payloads` (`{"payloads": [{"metadata": {k: base64}, "data": base64}]}`)
and an `X-Namespace` header; the answer has the same shape. The browser calls it from the UI's
origin, so it answers CORS for the configured origins only, and it requires a caller the
identity provider accepts (any role): the UI sends `Authorization` when "pass access token"
is on. A dev-only switch lets loopback callers without a token in (see `maak_codec_app`).
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from google.protobuf import json_format
from google.protobuf.message import DecodeError
from starlette.middleware.cors import CORSMiddleware
from temporalio.api.common.v1 import Payloads

from api.bescherming import LOKALE_HOSTS, hostnaam
from api.fouten import fout
from api.identiteit import Identiteitsprovider
from client.codec import AesGcmCodec, Ontsleutelfout

log = logging.getLogger("nareis.api.codec")


def maak_codec_app(
    codec: AesGcmCodec,
    identiteit: Identiteitsprovider,
    *,
    namespace: str,
    origins: Sequence[str],
    lokaal_zonder_token: bool = False,
) -> FastAPI:
    """The codec endpoints, mounted at `/codec` by `api.app.maak_app`.

    `lokaal_zonder_token` (dev stack only): a caller on a loopback address needs no token,
    since the dev server's UI has no login to get one from, provided it names this machine by
    a loopback name (`Host`: `localhost`, `127.0.0.1`, `[::1]`): a page on a foreign name that
    resolves to 127.0.0.1 (DNS rebinding) reaches the port from loopback, but with its own
    `Host`. Never set it behind a proxy on the same host: every request would then come from
    loopback.
    """
    app = FastAPI(
        title="nareis codec server",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        redirect_slashes=False,
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(origins),
        allow_methods=["POST", "OPTIONS"],
        allow_headers=["Authorization", "Content-Type", "X-Namespace"],
        allow_credentials=True,
        max_age=600,
    )

    async def behandel(request: Request, ontsleutelen: bool) -> JSONResponse:
        vrij = lokaal_zonder_token and _lokaal(request) and hostnaam(request.headers.get("host", "")) in LOKALE_HOSTS
        if not vrij and await identiteit.identificeer(request) is None:
            return fout(401, "geen of ongeldig token", {"WWW-Authenticate": "Bearer"})
        gevraagd = request.headers.get("x-namespace")
        if gevraagd and gevraagd != namespace:
            return fout(403, f"deze codec hoort bij namespace {namespace!r}, niet {gevraagd!r}")
        try:
            payloads = json_format.Parse(await request.body(), Payloads())
        except (json_format.ParseError, DecodeError, UnicodeDecodeError) as e:
            return fout(400, f"geen geldige Payloads-JSON: {e}")
        try:
            if ontsleutelen:
                resultaat = await codec.decode(payloads.payloads)
            else:
                resultaat = await codec.encode(payloads.payloads)
        except (Ontsleutelfout, DecodeError) as e:
            return fout(400, str(e))
        inhoud: dict[str, Any] = json_format.MessageToDict(Payloads(payloads=resultaat))
        inhoud.setdefault("payloads", [])
        return JSONResponse(inhoud)

    @app.post("/decode")
    async def decode(request: Request) -> JSONResponse:
        return await behandel(request, ontsleutelen=True)

    @app.post("/encode")
    async def encode(request: Request) -> JSONResponse:
        return await behandel(request, ontsleutelen=False)

    return app


def _lokaal(request: Request) -> bool:
    if request.client is None:
        return False
    try:
        return ipaddress.ip_address(request.client.host).is_loopback
    except ValueError:
        return False
