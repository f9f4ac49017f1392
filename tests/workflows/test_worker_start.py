"""Issue 3: `python -m worker` against a bare time-skipping server and an empty database
registers its search attributes and the register's schema by itself, runs a case, and
stops gracefully on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import uuid
from urllib.parse import urlsplit, urlunsplit

import asyncpg
from temporalio.testing import WorkflowEnvironment

from client.omzetter import data_converter
from tests.voorbeelden import aanvraag_data
from tests.workflows.hulp import start, status, vandaag
from worker.binaries import temporal_test_server


async def _lege_database(postgres_dsn: str) -> str:
    naam = f"leeg_{uuid.uuid4().hex[:8]}"
    verbinding = await asyncpg.connect(postgres_dsn)
    try:
        await verbinding.execute(f'CREATE DATABASE "{naam}"')
    finally:
        await verbinding.close()
    return urlunsplit(urlsplit(postgres_dsn)._replace(path=f"/{naam}"))


async def test_worker_start_op_kale_servers_en_stopt_netjes(postgres_dsn: str) -> None:
    env = await WorkflowEnvironment.start_time_skipping(
        data_converter=data_converter, test_server_existing_path=str(temporal_test_server())
    )
    dsn = await _lege_database(postgres_dsn)
    omgeving = {
        **os.environ,
        "TEMPORAL_ADDRESS": env.client.service_client.config.target_host,
        "NAREIS_TASK_QUEUE": "nareis-start",
        "NAREIS_DATABASE_URL": dsn,
    }
    logbestand = tempfile.TemporaryFile()  # noqa: SIM115 — closed with the test
    proces = subprocess.Popen(  # noqa: ASYNC220 — the worker runs beside the test
        [sys.executable, "-m", "worker"], env=omgeving, stdout=logbestand, stderr=subprocess.STDOUT
    )
    try:
        ontvangen = await vandaag(env)
        handle = await start(env.client, "nareis-start", aanvraag_data(ontvangen, nummer="NR-START-1"))
        for _ in range(200):  # the worker is still starting: wait for the first status
            try:
                toestand = await asyncio.wait_for(status(handle), timeout=2)
                break
            except Exception:
                await asyncio.sleep(0.1)
        assert toestand["fase"] == "beoordeling"
        verbinding = await asyncpg.connect(dsn)
        try:
            versies = await verbinding.fetchval("SELECT count(*) FROM schema_versie")
            for _ in range(100):
                rijen = await verbinding.fetchval(
                    "SELECT count(*) FROM gebeurtenis WHERE aanvraagnummer = 'NR-START-1'"
                )
                if rijen:
                    break
                await asyncio.sleep(0.1)
        finally:
            await verbinding.close()
        assert versies >= 5 and rijen >= 1
        # the search attributes exist: the workflow upserted them without failing its task
        beschrijving = await handle.describe()
        assert beschrijving.typed_search_attributes is not None
        proces.send_signal(signal.SIGTERM)
        assert await asyncio.to_thread(proces.wait, 40) == 0
        logbestand.seek(0)
        assert b"stoppen" in logbestand.read()
    finally:
        if proces.poll() is None:
            proces.kill()
        await env.shutdown()


def test_worker_zonder_database_noemt_de_variabele() -> None:
    omgeving = {k: v for k, v in os.environ.items() if k != "NAREIS_DATABASE_URL"}
    omgeving["TEMPORAL_ADDRESS"] = "127.0.0.1:1"
    uitvoer = subprocess.run(
        [sys.executable, "-m", "worker"], env=omgeving, capture_output=True, timeout=60, text=True, check=False
    )
    assert uitvoer.returncode != 0
    assert "NAREIS_DATABASE_URL" in uitvoer.stderr + uitvoer.stdout
