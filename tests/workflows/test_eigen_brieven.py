"""Issue #14: every step carries its own data. A letter states its own reason, list and
deadline, whatever happened to the case between the decision to send it and its sending; an
action sent before any worker picked the case up is handled like any later one."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta
from typing import Any

import asyncpg
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from client.omzetter import data_converter
from client.register import RegisterReader
from client.settings import Instellingen
from nareis.register import Brief
from nareis.tijd import datum_voluit
from tests.sleutels import REGISTER_SLEUTEL, kluis
from tests.voorbeelden import aanvraag_data
from tests.workflows.hulp import start, status, vandaag
from worker.binaries import temporal_test_server
from worker.draaien import draaiende_worker


def _vnummer() -> str:
    return f"8{uuid.uuid4().int % 10**9:09d}"


TE_LAAT = 120  # days between the permit's receipt and filing: past the 3 months and 2 weeks


async def hv_brieven(pool: asyncpg.Pool, nr: str) -> list[Brief]:
    """The case's HV letters as the register's reader decrypts them, oldest first."""
    return [b for b in await RegisterReader(pool, kluis()).brieven(nr) if b.soort == "herstel_verzuim"]


async def _hv_brieven(pool: asyncpg.Pool, nr: str, aantal: int) -> list[Brief]:
    for _ in range(200):
        brieven = await hv_brieven(pool, nr)
        if len(brieven) >= aantal:
            return brieven
        await asyncio.sleep(0.05)
    raise AssertionError(f"{nr}: geen {aantal} herstel verzuim-brieven in het register")


def controleer_hv_brieven(brieven: list[Brief], toestand: dict[str, Any]) -> None:
    """Each HV letter says what its own entry in the status says, and nothing of the other."""
    per_reden = {hv["reden"]: hv for hv in toestand["herstel_verzuim"]}
    assert set(per_reden) == {"nareistermijn", "documenten"}
    automatisch, handmatig = (b.tekst for b in brieven)
    assert "uit te leggen waarom" in automatisch  # WI 2026/11 §2.2: explain the late filing
    assert "paspoort" not in automatisch
    assert f"uiterlijk op {datum_voluit(per_reden['nareistermijn']['reactie_uiterlijk'])}" in automatisch
    assert "  - paspoort" in handmatig and "Wij missen gegevens of documenten" in handmatig
    assert "uit te leggen waarom" not in handmatig
    assert f"uiterlijk op {datum_voluit(per_reden['documenten']['reactie_uiterlijk'])}" in handmatig


async def test_hv_tijdens_de_automatische_hv_elke_brief_eigen_reden_lijst_en_termijn(
    werker: Client, tijdreis: WorkflowEnvironment, register_pool: asyncpg.Pool, task_queue: str
) -> None:
    """The letter race (issue #14): a late case sends its own HV letter at once; a caseworker's
    HV arrives while that one is being processed. Received 5 days ago, so the two deadlines differ."""
    dag = await vandaag(tijdreis)
    nr = f"NR-RACE-{uuid.uuid4().hex[:6]}-1"
    data = aanvraag_data(dag - timedelta(days=5), nummer=nr, dagen_na_vergunning=TE_LAAT, referent__vnummer=_vnummer())
    handle = await start(werker, task_queue, data)
    antwoord = await handle.execute_update(
        "hv_versturen", {"reden": "documenten", "ontbrekend": ["paspoort"]}, result_type=dict
    )
    assert [hv["reden"] for hv in antwoord["herstel_verzuim"]] == ["nareistermijn", "documenten"]
    controleer_hv_brieven(await _hv_brieven(register_pool, nr, 2), await status(handle))


async def test_actie_voordat_een_werker_draait_wordt_daarna_aanvaard(register_pool: asyncpg.Pool) -> None:
    """CONTRACT.md [2026-12]: an update sent before any worker picked the case up is handled like
    any later one (it was refused with "de zaak wordt nog geopend"), and its letter is its own.
    On a server of its own: a case left without a worker would stop the shared server's clock."""
    env = await WorkflowEnvironment.start_time_skipping(
        data_converter=data_converter, test_server_existing_path=str(temporal_test_server())
    )
    try:
        await _voor_de_werker(env, register_pool)
    finally:
        await env.shutdown()


async def _voor_de_werker(env: WorkflowEnvironment, pool: asyncpg.Pool) -> None:
    task_queue = f"nareis-vroeg-{uuid.uuid4().hex[:8]}"
    dag = await vandaag(env)
    nr = f"NR-VROEG-{uuid.uuid4().hex[:6]}-1"
    data = aanvraag_data(dag - timedelta(days=5), nummer=nr, dagen_na_vergunning=TE_LAAT, referent__vnummer=_vnummer())
    handle = await start(env.client, task_queue, data)  # no worker polls this queue yet
    update = asyncio.create_task(
        handle.execute_update("hv_versturen", {"reden": "documenten", "ontbrekend": ["paspoort"]}, result_type=dict)
    )
    await asyncio.sleep(0.5)
    assert not update.done()
    async with draaiende_worker(env.client, Instellingen(register_key=REGISTER_SLEUTEL, task_queue=task_queue), pool):
        antwoord = await asyncio.wait_for(update, 60)
        assert [hv["reden"] for hv in antwoord["herstel_verzuim"]] == ["nareistermijn", "documenten"]
        controleer_hv_brieven(await _hv_brieven(pool, nr, 2), await status(handle))
