"""Servers for the resilience tests (issue #9 point 4, issue #7).

These tests kill workers and stop databases, so they use servers of their own:
- the real Temporal dev server (`temporal server start-dev`, in memory), not the
  time-skipping test server: after a crash a case must be picked up again the way a
  production cluster does it (sticky queues, activity timeouts, retries in real time);
- a fresh database per test on the session's embedded PostgreSQL (copied from a migrated
  template), and for the outage test a PostgreSQL of its own that may be stopped.
"""

from __future__ import annotations

import asyncio
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest
import pytest_asyncio
from temporalio.api.workflowservice.v1 import GetSystemInfoRequest
from temporalio.client import Client

from api.app import ApiInstellingen, maak_app
from client.omzetter import data_converter
from client.settings import Instellingen
from tests.register.conftest import dsn_voor, register_dsn, register_sjabloon  # noqa: F401
from tests.sleutels import REGISTER_SLEUTEL
from worker import search_attributes
from worker.binaries import temporal_cli
from worker.dev import stop_proces


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def ontwikkelserver() -> Iterator[str]:
    """A Temporal dev server in memory; yields its frontend address."""
    poort = vrije_poort()
    logbestand = tempfile.NamedTemporaryFile(prefix="nareis-temporal-", suffix=".log", delete=False)  # noqa: SIM115
    proces = subprocess.Popen(
        [
            str(temporal_cli()),
            "server",
            "start-dev",
            "--headless",
            "--ip",
            "127.0.0.1",
            "--port",
            str(poort),
            "--log-level",
            "error",
            *search_attributes.dev_server_argumenten(),
        ],
        stdout=logbestand,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    adres = f"127.0.0.1:{poort}"
    try:
        _wacht_op_poort(adres, proces, Path(logbestand.name))
        yield adres
    finally:
        stop_proces(proces)
        logbestand.close()


def _wacht_op_poort(adres: str, proces: subprocess.Popen[bytes], log: Path, seconden: float = 60) -> None:
    host, poort = adres.rsplit(":", 1)
    einde = time.monotonic() + seconden
    while True:
        if proces.poll() is not None:
            raise RuntimeError(f"temporal start-dev stopte: {log.read_text()[-2000:]}")
        try:
            with socket.create_connection((host, int(poort)), timeout=1):
                return
        except OSError:
            if time.monotonic() > einde:
                raise
            time.sleep(0.2)


@pytest_asyncio.fixture(loop_scope="session", scope="session")
async def dev_client(ontwikkelserver: str) -> AsyncIterator[Client]:
    einde = time.monotonic() + 60
    while True:
        try:
            client = await Client.connect(ontwikkelserver, data_converter=data_converter)
            await client.workflow_service.get_system_info(GetSystemInfoRequest())
            break
        except Exception:
            if time.monotonic() > einde:
                raise
            await asyncio.sleep(0.3)
    yield client


@pytest_asyncio.fixture(loop_scope="session", scope="session")
async def dev_register(postgres_dsn: str, register_sjabloon: str) -> AsyncIterator[str]:  # noqa: F811
    """A register database of this folder's in-process worker (session-wide, never stopped)."""
    naam = f"register_dev_{uuid.uuid4().hex[:8]}"
    verbinding = await asyncpg.connect(postgres_dsn)
    try:
        await verbinding.execute(f'CREATE DATABASE "{naam}" TEMPLATE "{register_sjabloon}"')
    finally:
        await verbinding.close()
    yield dsn_voor(postgres_dsn, naam)


DEV_TASK_QUEUE = f"nareis-res-{uuid.uuid4().hex[:8]}"


@pytest_asyncio.fixture(loop_scope="session", scope="session")
async def dev_werker(dev_client: Client, dev_register: str) -> AsyncIterator[Client]:
    """The production worker in this process, on the dev server and `dev_register`."""
    from worker.draaien import draaiende_worker

    pool = await asyncpg.create_pool(dev_register, min_size=1, max_size=10)
    try:
        async with draaiende_worker(
            dev_client, Instellingen(register_key=REGISTER_SLEUTEL, task_queue=DEV_TASK_QUEUE), pool
        ):
            yield dev_client
    finally:
        await pool.close()


@pytest_asyncio.fixture(loop_scope="session", scope="session")
async def dev_http(dev_werker: Client) -> AsyncIterator[httpx.AsyncClient]:
    """The HTTP API on the dev server's worker; tokens `intake-t`, `beh-t` (J. de Vries)."""
    app = maak_app(
        Instellingen(task_queue=DEV_TASK_QUEUE, api_tokens="intake-t:intake,beh-t:behandelaar:J. de Vries"),
        dev_werker,
        api=ApiInstellingen(),
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api") as client:
        yield client
