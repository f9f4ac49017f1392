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
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio
from temporalio.api.workflowservice.v1 import GetSystemInfoRequest
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter

from tests.register.conftest import lege_database, register_dsn, register_sjabloon  # noqa: F401
from worker import zoekattributen
from worker.binaries import temporal_cli


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
            *zoekattributen.dev_server_argumenten(),
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
        proces.terminate()
        try:
            proces.wait(15)
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.wait()


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
            client = await Client.connect(ontwikkelserver, data_converter=pydantic_data_converter)
            await client.workflow_service.get_system_info(GetSystemInfoRequest())
            break
        except Exception:
            if time.monotonic() > einde:
                raise
            await asyncio.sleep(0.3)
    yield client
