"""`python -m worker api`: only the HTTP API, served by uvicorn (the dev stack embeds it)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import re
import sys
from collections.abc import Iterator
from typing import Any

import uvicorn

from api.app import maak_app
from client.settings import ConfiguratieFout, Instellingen
from worker import logboek

log = logging.getLogger("nareis.api")


#: query parameters that may hold a person's name (the werkvoorraad's search box): never logged
_PERSOONLIJK = re.compile(r"([?&]zoek=)[^&\s]*")


class ZonderZoektekst(logging.Filter):
    """The access log writes each request's path with its query: a searched name is left out."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_PERSOONLIJK.sub(r"\1…", a) if isinstance(a, str) else a for a in record.args)
        return True


class IngebouwdeServer(uvicorn.Server):
    """Leaves signal handling to the process that embeds it (the dev stack stops it by
    cancelling the task)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def _config(instellingen: Instellingen, host: str, port: int, log_niveau: str = "info") -> uvicorn.Config:
    # the access log shows method, path and status only: never a header, so never a token
    # JSON lines: uvicorn's loggers go through the root handler that worker.logboek set
    logging: dict[str, Any] = {"log_config": None} if instellingen.log_formaat == "json" else {}
    return uvicorn.Config(
        maak_app(instellingen),
        host=host,
        port=port,
        log_level=log_niveau,
        proxy_headers=False,
        server_header=False,
        lifespan="off",
        **logging,
    )


async def serveer(instellingen: Instellingen, host: str, port: int, log_niveau: str = "info") -> None:
    """Serve until cancelled; then finish open requests and stop."""
    try:
        config = _config(instellingen, host, port, log_niveau)
    except ConfiguratieFout as fout:
        log.error("de HTTP API start niet: %s", fout)
        raise
    toegang = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, ZonderZoektekst) for f in toegang.filters):
        toegang.addFilter(ZonderZoektekst())
    await tot_gestopt(IngebouwdeServer(config))


async def tot_gestopt(server: uvicorn.Server) -> None:
    """Serve until cancelled; then finish open requests and stop."""
    taak = asyncio.create_task(server.serve())
    try:
        await asyncio.shield(taak)
    except asyncio.CancelledError:
        server.should_exit = True
        await asyncio.gather(taak, return_exceptions=True)
        raise


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m worker api", description="Start alleen de HTTP API (uvicorn); `worker dev` bevat haar al."
    )
    parser.add_argument("--host", default="127.0.0.1", help="adres (standaard 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="poort (standaard 8000)")
    args = parser.parse_args(argv)
    try:
        instellingen = Instellingen.uit_omgeving()
        logboek.stel_in(instellingen.log_formaat)
        config = _config(instellingen, args.host, args.port)
    except ConfiguratieFout as fout:
        print(f"configuratiefout: {fout}", file=sys.stderr, flush=True)
        return 2
    uvicorn.Server(config).run()
    return 0
