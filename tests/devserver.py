"""A Temporal dev server of a test module's own (`temporal server start-dev`, in memory), set up
as `worker dev` sets its own (`worker.search_attributes.dev_server_argumenten`): for what the
time-skipping server lacks (visibility lists, `TemporalReportedProblems`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from temporalio.testing import WorkflowEnvironment

from client.omzetter import data_converter
from worker.binaries import temporal_cli
from worker.search_attributes import dev_server_argumenten


@asynccontextmanager
async def eigen_dev_server() -> AsyncIterator[WorkflowEnvironment]:
    env = await WorkflowEnvironment.start_local(
        data_converter=data_converter,
        dev_server_existing_path=str(temporal_cli()),
        dev_server_extra_args=dev_server_argumenten(),
    )
    try:
        yield env
    finally:
        await env.shutdown()
