"""The Temporal Web UI of the dev stack, read-only (issue #17 item 11): team leads watch every
case there, and nobody may terminate, reset, cancel or signal one from it.

`temporal server start-dev` has no flag for the UI's `DisableWriteActions` setting (the
`temporalio/ui` image takes `TEMPORAL_DISABLE_WRITE_ACTIONS`, as compose sets). So `worker dev`
runs the UI on an internal port and this proxy on the public one. It sets the UI's own settings
(`/api/v1/settings`: `DisableWriteActions` and each per-action switch), so the UI offers no
write action, and it refuses every write request to the UI's API itself (403), so a hand-made
request does not get through either. Reading — pages, lists, histories, queries — passes.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from worker.api_server import IngebouwdeServer, tot_gestopt

#: the UI's own switches (ui-server `config.yml`; the Web UI reads them from /api/v1/settings)
SCHRIJFINSTELLINGEN = (
    "DisableWriteActions",
    "WorkflowTerminateDisabled",
    "WorkflowCancelDisabled",
    "WorkflowSignalDisabled",
    "WorkflowUpdateDisabled",
    "WorkflowResetDisabled",
    "WorkflowPauseDisabled",
    "BatchActionsDisabled",
    "StartWorkflowDisabled",
    "ActivityCommandsDisabled",
)
_LEZEN = {"GET", "HEAD", "OPTIONS"}
#: a query reads a case's state, but the UI sends it as a POST
_QUERY = re.compile(r"^/api/v1/namespaces/[^/]+/workflows/[^/]+(/runs/[^/]+)?/query/[^/]+$")
#: hop-by-hop headers (RFC 9110 §7.6.1) and Host, which httpx sets for the upstream
_NIET_DOORGEVEN = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host",
}


def toegestaan(methode: str, pad: str) -> bool:
    """Whether a request may reach the UI: anything that reads; of the writes, none."""
    if methode.upper() in _LEZEN:
        return True
    return methode.upper() == "POST" and bool(_QUERY.match(pad))


def alleen_lezen(instellingen: dict[str, object]) -> dict[str, object]:
    return {**instellingen, **dict.fromkeys(SCHRIJFINSTELLINGEN, True)}


def _koppen(koppen: httpx.Headers, *weg: str) -> dict[str, str]:
    return {k: v for k, v in koppen.items() if k.lower() not in _NIET_DOORGEVEN | set(weg)}


def maak_proxy(upstream: str) -> Starlette:
    """The proxy for the UI at `upstream` (`http://127.0.0.1:PORT`)."""
    client = httpx.AsyncClient(base_url=upstream, timeout=httpx.Timeout(60, connect=5), follow_redirects=False)

    async def doorgeven(request: Request) -> Response:
        pad = request.url.path
        if not toegestaan(request.method, pad):
            return JSONResponse(
                {
                    "message": "de Temporal UI is hier alleen-lezen: beëindigen, resetten, annuleren en signalen "
                    "gaan via de API of de CLI van nareis"
                },
                status_code=403,
            )
        verzoek = client.build_request(
            request.method,
            httpx.URL(path=pad, query=request.url.query.encode()),
            headers=_koppen(httpx.Headers(request.headers.raw)),
            content=_lichaam(request) if request.method.upper() not in _LEZEN else None,
        )
        try:
            antwoord = await client.send(verzoek, stream=True)
        except httpx.TransportError:
            return JSONResponse({"message": "de Temporal UI is (nog) niet bereikbaar"}, status_code=502)
        if pad == "/api/v1/settings" and antwoord.status_code == 200:
            instellingen = json.loads(await antwoord.aread())
            await antwoord.aclose()
            koppen = _koppen(antwoord.headers, "content-length", "content-encoding")
            return JSONResponse(alleen_lezen(instellingen), headers=koppen)
        return StreamingResponse(
            antwoord.aiter_raw(),
            status_code=antwoord.status_code,
            headers=_koppen(antwoord.headers),
            background=BackgroundTask(antwoord.aclose),
        )

    app = Starlette(
        routes=[Route("/{pad:path}", doorgeven, methods=["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"])]
    )
    app.router.redirect_slashes = False
    return app


async def serveer(upstream: str, poort: int, log_niveau: str = "warning") -> None:
    """Serve the proxy on 127.0.0.1:`poort` until cancelled."""
    config = uvicorn.Config(
        maak_proxy(upstream),
        host="127.0.0.1",
        port=poort,
        log_level=log_niveau,
        lifespan="off",
        proxy_headers=False,
        server_header=False,
    )
    await tot_gestopt(IngebouwdeServer(config))


async def _lichaam(request: Request) -> AsyncIterator[bytes]:
    async for deel in request.stream():
        yield deel
