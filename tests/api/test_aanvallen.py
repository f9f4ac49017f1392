"""Issue 15 items 6–10: the pen test's attacks on the API's mechanisms — body size, odd input,
URL-chosen pages, sessions, headers, hosts — each sent again and answered as it must be.
No Temporal: it is unreachable on purpose, so a request that passed every guard answers 503."""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from api.app import ApiInstellingen, maak_app
from api.bescherming import MAX_BODY, MAX_BODY_CODEC, Lichaamslimiet
from api.schermen.sessie import COOKIE
from client.settings import Instellingen

TOKENS = "tok-i:intake,tok-b:behandelaar,tok-l:lezer"
INTAKE = {"Authorization": "Bearer tok-i"}
BEHANDELAAR = {"Authorization": "Bearer tok-b"}
SLEUTEL = "k:" + "A" * 43 + "="  # 32 zero bytes, base64


def _app(**api: Any) -> Any:
    return maak_app(
        Instellingen(temporal_address="127.0.0.1:1", api_tokens=TOKENS, codec_key=SLEUTEL),
        api=ApiInstellingen(status_wachttijd=0.2, actie_wachttijd=1, **api),
    )


def _browser(app: Any, base_url: str = "http://schermen") -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base_url)


async def _ingelogd(app: Any, token: str, **kwargs: Any) -> httpx.AsyncClient:
    browser = _browser(app, **kwargs)
    pagina = (await browser.get("/inloggen")).text
    csrf = re.search(r'name="csrf" value="([^"]+)"', pagina)
    assert csrf
    antwoord = await browser.post("/inloggen", data={"csrf": csrf.group(1), "token": token})
    assert antwoord.status_code == 303
    return browser


# -- 6. one streaming body limit ---------------------------------------------------------


class _Bron:
    """A chunked body of `totaal` bytes that counts how much of it was read."""

    def __init__(self, totaal: int, stuk: int = 64 * 1024) -> None:
        self.totaal, self.stuk, self.gelezen = totaal, stuk, 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while self.gelezen < self.totaal:
            self.gelezen += self.stuk
            yield b"[" * self.stuk


@pytest.mark.parametrize(
    ("pad", "kop", "limiet"),
    [
        ("/aanvragen", INTAKE, MAX_BODY),
        ("/aanvragen/NR-1/intrekken", BEHANDELAAR, MAX_BODY),
        ("/dossiers", INTAKE, MAX_BODY),
        ("/inloggen", {"Content-Type": "application/x-www-form-urlencoded"}, MAX_BODY),
        ("/codec/decode", {"Authorization": "Bearer tok-l"}, MAX_BODY_CODEC),
    ],
)
async def test_een_chunked_body_van_200_mb_wordt_niet_gelezen(pad: str, kop: dict[str, str], limiet: int) -> None:
    bron = _Bron(200_000_000)
    begin = time.monotonic()
    async with _browser(_app()) as http:
        antwoord = await http.post(pad, content=bron, headers=kop)
    assert antwoord.status_code == 413, antwoord.text
    assert "groter dan" in antwoord.json()["detail"]
    assert bron.gelezen <= limiet + bron.stuk  # refused while reading, at the limit
    assert time.monotonic() - begin < 10


async def test_een_te_grote_content_length_wordt_meteen_geweigerd() -> None:
    bron = _Bron(200_000_000)
    async with _browser(_app()) as http:
        antwoord = await http.post(
            "/codec/encode", content=bron, headers={"Content-Length": str(bron.totaal), **INTAKE}
        )
    assert antwoord.status_code == 413
    assert bron.gelezen <= bron.stuk


async def test_een_body_die_te_traag_binnenkomt_408() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    async def traag() -> AsyncIterator[bytes]:
        for _ in range(100):
            yield b"x"
            await asyncio.sleep(0.05)

    begin = time.monotonic()
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=Lichaamslimiet(app, leestijd=0.3)), base_url="http://x"
    ) as http:
        antwoord = await http.post("/", content=traag())
    assert antwoord.status_code == 408
    assert time.monotonic() - begin < 3


# -- 7. no 500 on odd input --------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "woord"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "genest"),
        (b'{"aanvraagnummer": ' + b"9" * 5_000 + b"}", "getal"),
        (b'{"a": "\xff"}', "UTF-8"),
        (b"{", "geen geldige JSON"),
    ],
)
@pytest.mark.parametrize(("pad", "kop"), [("/aanvragen", INTAKE), ("/aanvragen/NR-1/intrekken", BEHANDELAAR)])
async def test_vreemde_json_422_met_het_probleem(body: bytes, woord: str, pad: str, kop: dict[str, str]) -> None:
    async with _browser(_app()) as http:
        antwoord = await http.post(pad, content=body, headers={**kop, "Content-Type": "application/json"})
    assert antwoord.status_code == 422, antwoord.text
    assert woord in antwoord.json()["detail"][0]["msg"]


async def test_werkvoorraad_met_een_vreemd_getal_400() -> None:
    browser = await _ingelogd(_app(), "tok-l")
    antwoord = await browser.get("/werkvoorraad?binnen=%C2%B2")
    assert antwoord.status_code == 400
    assert "binnen" in antwoord.text


async def test_indienscherm_met_diepe_json_422() -> None:
    app = _app()
    browser = await _ingelogd(app, "tok-i")
    csrf = app.state.schermen_sleutel.lees(browser.cookies.get(COOKIE))["csrf"]
    antwoord = await browser.post("/indienen", data={"csrf": csrf, "aanvraag": "[" * 50_000})
    assert antwoord.status_code == 422
    assert "genest" in antwoord.text


# -- 8. no page takes its status or message from the URL ---------------------------------


async def test_inlogpagina_neemt_niets_uit_de_url() -> None:
    async with _browser(_app()) as http:
        status = await http.get("/inloggen?status_code=600")
        fout = await http.get("/inloggen", params={"fout": "BESLUIT: INWILLIGING. Betaal EUR 500"})
    assert status.status_code == 200
    assert fout.status_code == 200 and "BESLUIT" not in fout.text


def test_gedaan_alleen_een_eigen_code() -> None:
    from api.schermen.routes import _gedaan

    assert _gedaan("intrekken") == "intrekken"
    assert _gedaan("ingediend") == "ingediend"
    assert _gedaan("BESLUIT: INWILLIGING. Betaal EUR 500") is None
    assert _gedaan(None) is None


# -- 9. sessions and headers -------------------------------------------------------------


async def test_een_cookie_van_voor_het_uitloggen_werkt_niet_meer() -> None:
    app = _app()
    browser = await _ingelogd(app, "tok-b")
    gestolen = browser.cookies.get(COOKIE)
    csrf = app.state.schermen_sleutel.lees(gestolen)["csrf"]
    assert (await browser.post("/uitloggen", data={"csrf": csrf})).status_code == 303
    async with _browser(app) as aanvaller:
        aanvaller.cookies.set(COOKIE, gestolen)
        assert (await aanvaller.get("/werkvoorraad")).headers["location"] == "/inloggen"
        actie = await aanvaller.post("/zaken/NR-1/acties/intrekken", data={"csrf": csrf})
        assert actie.status_code == 403
    # another session of the same user is not affected
    ander = await _ingelogd(app, "tok-b")
    assert (await ander.get("/werkvoorraad?binnen=x")).status_code == 400  # past the session check


@pytest.mark.parametrize(
    ("proxies", "proto", "secure"),
    [
        ((), "https", False),
        (("127.0.0.1",), "https", True),
        (("127.0.0.0/8",), "http", False),
        (("10.0.0.1",), "https", False),
    ],
)
async def test_secure_cookie_achter_een_vertrouwde_proxy(proxies: tuple[str, ...], proto: str, secure: bool) -> None:
    app = _app(vertrouwde_proxies=proxies)  # httpx's ASGI transport is client 127.0.0.1
    async with _browser(app) as http:
        pagina = await http.get("/inloggen", headers={"X-Forwarded-Proto": proto})
        csrf = re.search(r'name="csrf" value="([^"]+)"', pagina.text)
        assert csrf
        # the browser behind the proxy speaks https: it sends the sign-in cookie back, Secure or not
        inlog = pagina.headers["set-cookie"].split(";")[0]
        antwoord = await http.post(
            "/inloggen",
            data={"csrf": csrf.group(1), "token": "tok-l"},
            headers={"X-Forwarded-Proto": proto, "Cookie": inlog},
        )
    cookie = next(c for c in antwoord.headers.get_list("set-cookie") if c.startswith(f"{COOKIE}="))
    assert ("; secure" in cookie.lower()) is secure


async def test_beveiligingskoppen_op_paginas_en_json() -> None:
    app = _app()
    browser = await _ingelogd(app, "tok-l")
    for antwoord in (
        await browser.get("/inloggen"),
        await browser.get("/zaken/NR-2026-000123-1"),
        await browser.get("/werkvoorraad"),
        await browser.get("/aanvragen/NR-1", headers=INTAKE),
        await browser.get("/docs"),
    ):
        koppen = antwoord.headers
        assert "frame-ancestors 'none'" in koppen["content-security-policy"], antwoord.url
        assert koppen["x-content-type-options"] == "nosniff"
        assert koppen["cache-control"] == "no-store", antwoord.url
    pagina = await browser.get("/inloggen")
    assert "script-src" not in pagina.headers["content-security-policy"]  # no script at all


# -- 10. hosts ---------------------------------------------------------------------------


async def test_alleen_toegestane_hosts() -> None:
    app = _app(toegestane_hosts=("localhost", "nareis.example"))
    async with _browser(app, "http://evil.example:8000") as vreemd:
        assert (await vreemd.get("/gezond")).status_code == 400
    for goed in ("http://localhost:8000", "https://nareis.example"):
        async with _browser(app, goed) as http:
            assert (await http.get("/gezond")).status_code == 200


async def test_ook_over_een_echte_socket_stopt_het_lezen_bij_de_limiet() -> None:
    """uvicorn, as `worker api` serves it: a chunked upload of 200 MB is answered 413 after
    about the limit, and the server closes the connection instead of reading the rest."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(_app(), host="127.0.0.1", port=0, log_level="warning", lifespan="off"))
    taak = asyncio.create_task(server.serve())
    try:
        while not server.started:  # noqa: ASYNC110 (uvicorn offers no event)
            await asyncio.sleep(0.01)
        poort = server.servers[0].sockets[0].getsockname()[1]
        lezer, schrijver = await asyncio.open_connection("127.0.0.1", poort)
        schrijver.write(
            b"POST /aanvragen HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer tok-i\r\n"
            b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        stuk = b"[" * 65_536
        verstuurd = 0
        antwoord = b""
        begin = time.monotonic()
        with contextlib.suppress(ConnectionError):
            while verstuurd < 200_000_000 and time.monotonic() - begin < 20:
                schrijver.write(b"%x\r\n%s\r\n" % (len(stuk), stuk))
                await asyncio.wait_for(schrijver.drain(), 5)
                verstuurd += len(stuk)
                with contextlib.suppress(TimeoutError):
                    antwoord += await asyncio.wait_for(lezer.read(4096), 0.001)
                if antwoord:
                    break
        if not antwoord:
            antwoord = await asyncio.wait_for(lezer.read(4096), 5)
        schrijver.close()
    finally:
        server.should_exit = True
        await taak
    assert antwoord.startswith(b"HTTP/1.1 413"), antwoord[:200]
    assert verstuurd < 20 * MAX_BODY  # the socket buffers some; far from 200 MB
