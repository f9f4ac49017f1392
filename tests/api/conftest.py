"""A private time-skipping server for API tests that terminate cases or run their own worker.

A case terminated on the shared server (`tijdreis`) keeps that server from skipping time for
the workflow tests after it, so such tests get a server of their own, per module.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio
from temporalio.testing import WorkflowEnvironment

from client.omzetter import data_converter
from worker.binaries import temporal_test_server


@pytest_asyncio.fixture(loop_scope="session", scope="module")
async def eigen_tijdreis() -> AsyncIterator[WorkflowEnvironment]:
    env = await WorkflowEnvironment.start_time_skipping(
        data_converter=data_converter,
        test_server_existing_path=str(temporal_test_server()),
    )
    yield env
    await env.shutdown()
