"""`python -m tests.resilience.werker`: the production worker with one test-only trap.

Configured like `python -m worker` (worker/config.py). In addition, while the file named by
`NAREIS_TEST_VAL` exists, every activity named in `NAREIS_TEST_VAL_ACTIVITEITEN` (comma-
separated; default `register_vastleggen`) that has done its work (committed its transaction)
appends its aanvraagnummer to `NAREIS_TEST_MERKTEKEN` and then hangs before reporting
completion, so a test can SIGKILL the process exactly between the write and the activity's
completion (issue #7). Production code has no such switch; this wraps it.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from pathlib import Path
from typing import Any

import asyncpg
from temporalio import activity
from temporalio.worker import ActivityInboundInterceptor, ExecuteActivityInput, Interceptor

from client.connect import verbind
from client.settings import Instellingen
from worker.draaien import draaiende_worker, stop_bij_signaal

log = logging.getLogger("nareis.test.werker")


class _ValNaVastleggen(ActivityInboundInterceptor):
    def __init__(self, volgende: ActivityInboundInterceptor, val: Val) -> None:
        super().__init__(volgende)
        self.val = val.val
        self.merkteken = val.merkteken
        self.activiteiten = val.activiteiten

    async def execute_activity(self, input: ExecuteActivityInput) -> Any:
        resultaat = await super().execute_activity(input)
        if activity.info().activity_type in self.activiteiten and self.val.exists():
            with self.merkteken.open("a") as bestand:
                bestand.write(f"{input.args[0].aanvraagnummer}\n")
                bestand.flush()
                os.fsync(bestand.fileno())
            log.info("%s gedaan, wacht op SIGKILL", activity.info().activity_type)
            await asyncio.sleep(3600)
        return resultaat


class Val(Interceptor):
    def __init__(self, val: Path, merkteken: Path, activiteiten: set[str]) -> None:
        self.val = val
        self.merkteken = merkteken
        self.activiteiten = activiteiten

    def intercept_activity(self, next: ActivityInboundInterceptor) -> ActivityInboundInterceptor:
        return _ValNaVastleggen(next, self)


async def draai(instellingen: Instellingen, val: Interceptor) -> None:
    stop = asyncio.Event()
    stop_bij_signaal(stop)
    client = await verbind(instellingen)
    pool = await asyncpg.create_pool(instellingen.vereis_database(), min_size=1, max_size=10)
    try:
        async with draaiende_worker(client, instellingen, pool, interceptors=[val]):
            print("werker klaar", flush=True)
            await stop.wait()
    finally:
        await pool.close()


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    activiteiten = os.environ.get("NAREIS_TEST_VAL_ACTIVITEITEN") or "register_vastleggen"
    val = Val(
        Path(os.environ["NAREIS_TEST_VAL"]), Path(os.environ["NAREIS_TEST_MERKTEKEN"]), set(activiteiten.split(","))
    )
    asyncio.run(draai(Instellingen.uit_omgeving(), val))
    return 0


if __name__ == "__main__":
    sys.exit(main())
