"""Issue #9.4 and #7: the worker process is killed (SIGKILL) in every phase of a case, each
time right after an activity did its write (the register's transaction, a letter, a request
to the mission abroad) and before it reported its completion; a new worker process takes
over. The cases go on with the dates an uncrashed case has, and the register holds every
event, letter and request exactly once."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from temporalio.client import Client, WorkflowHandle

from nareis.tijd import datum_in_amsterdam
from tests.resilience.hulp import (
    Referentie,
    Werkerproces,
    herhaalde_pogingen,
    nummer,
    register_tijdlijn,
    rustig,
    taakfouten,
    vnummer,
)
from tests.voorbeelden import aanvraag_data
from tests.workflows.hulp import start, status
from tests.workflows.test_eigen_brieven import controleer_hv_brieven, hv_brieven

pytestmark = pytest.mark.asyncio(loop_scope="session")

FEITEN_POSITIEF = {
    "identiteit_aannemelijk": True,
    "familierechtelijke_relatie_aannemelijk": True,
    "feitelijke_gezinsband": True,
    "antecedentenverklaring": True,
    "huwelijk": "rechtsgeldig",
    "bestendig_verblijf": True,
}

Acties = list[tuple[str, dict[str, Any]]]


@dataclass(frozen=True)
class Ronde:
    """One kill: the actions of case A and case B, their phases after it, and the activities
    after whose work the armed worker hangs. Letters run before the register write, so a
    letter in the set is where a case is caught. A letter's start-to-close timeout is a
    quarter minute (the register's 10 s), so the letters are caught in one round, for both cases."""

    acties_a: Acties
    acties_b: Acties
    fase_a: str
    fase_b: str
    val_op: frozenset[str] = frozenset({"register_vastleggen"})


REGISTER = "register_vastleggen"

# A is granted and collects its mvv (it then waits for the objection term); B is rejected,
# objects and is decided on objection (it ends): together every phase of a case
RONDES = [
    Ronde([], [], "beoordeling", "beoordeling"),  # receipt: the cases start
    Ronde([("hv_versturen", {"reden": "documenten", "ontbrekend": ["paspoort"]})],
          [("feiten_vastleggen", {"feiten": {"identiteit_aannemelijk": False}})],
          "herstel_verzuim", "beoordeling"),
    Ronde([("hv_reactie_ontvangen", {})], [("screening_uitslag", {"signalen": []})], "beoordeling", "beoordeling"),
    Ronde([("screening_uitslag", {"signalen": []}), ("feiten_vastleggen", {"feiten": FEITEN_POSITIEF}),
           ("besluiten", {"uitkomst": "inwilliging", "gronden": []})],
          [("besluiten", {"uitkomst": "afwijzing", "gronden": ["IDENTITEIT"], "door": "bm1",
                         "motivering": {"IDENTITEIT": "niet aannemelijk gemaakt"}}),
           ("besluit_accorderen", {"akkoord": True, "door": "tl1"})],  # vier ogen (DOMAIN.md §3.7)
          "mvv_afgifte", "bezwaar", frozenset({"beschikking_versturen"})),
    Ronde([("mvv_opgehaald", {})], [("bezwaar_ontvangen", {})], "bezwaar", "bezwaar"),
    Ronde([], [("bezwaar_besluiten", {"uitkomst": "ongegrond"})], "bezwaar", "afgerond"),
]  # fmt: skip


def vandaag() -> Any:
    return datum_in_amsterdam(datetime.now(UTC))


async def _na_de_kill(
    werker: Werkerproces,
    zaken: dict[str, tuple[WorkflowHandle[Any, Any], Referentie]],
    fases: dict[str, str],
    gevangen: set[str],
    volgende_val: frozenset[str],
) -> None:
    """Kill the armed worker once every case in `gevangen` did its write; a fresh one takes over."""
    await werker.wacht_op_vastlegging(gevangen)
    werker.doden()
    werker.start(volgende_val)
    for nr, (handle, referentie) in zaken.items():
        await rustig(handle, seconden=90)  # a letter caught: its 15 s start-to-close first
        toestand = await asyncio.wait_for(status(handle), 30)
        assert toestand["fase"] == fases[nr]
        # the deadlines (and all else) are those of the same case run without crashes
        assert toestand == referentie.status(vandaag())


async def _controleer_register(dsn: str, handle: WorkflowHandle[Any, Any], eind: dict[str, Any]) -> None:
    nr = eind["aanvraagnummer"]
    rijen = await register_tijdlijn(dsn, nr)
    # every timeline entry once, in order, and nothing else besides the letters
    assert [(r["op"].isoformat(), r["gebeurtenis"]) for r in rijen if r["volgorde"] == 0] == [
        (g["op"], g["gebeurtenis"]) for g in eind["tijdlijn"]
    ]
    assert len({r["sleutel"] for r in rijen}) == len(rijen)
    verbinding = await asyncpg.connect(dsn)
    try:
        brieven = await verbinding.fetch("SELECT brief_id, soort FROM brief WHERE aanvraagnummer = $1", nr)
        verzoeken = await verbinding.fetch("SELECT soort FROM verzoek WHERE aanvraagnummer = $1", nr)
        projectie = await verbinding.fetchrow(
            "SELECT fase, bijgewerkt_volgnummer FROM aanvraag WHERE aanvraagnummer = $1", nr
        )
    finally:
        await verbinding.close()
    assert sorted(f"brief_{b['soort']}" for b in brieven) == sorted(
        r["gebeurtenis"] for r in rijen if r["volgorde"] == 1
    )
    assert [b["soort"] for b in brieven].count("beschikking") == 1  # caught and retried, stored once
    assert [v["soort"] for v in verzoeken].count("mvv_afgifte") == (1 if eind["mvv"] else 0)
    assert (projectie["fase"], projectie["bijgewerkt_volgnummer"]) == (eind["fase"], len(eind["tijdlijn"]))
    assert await taakfouten(handle) == []


def _dossier(dsn: str, nr: str) -> list[dict[str, Any]]:
    uitvoer = subprocess.run(
        [sys.executable, "-m", "worker", "dossier", nr, "--format", "json"],
        env={**os.environ, "NAREIS_DATABASE_URL": dsn},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return list(json.loads(uitvoer.stdout))


async def test_sigkill_in_elke_fase_tussen_vastleggen_en_voltooien(
    dev_client: Client, ontwikkelserver: str, register_dsn: str
) -> None:
    task_queue = f"nareis-kill-{uuid.uuid4().hex[:8]}"
    werker = Werkerproces(ontwikkelserver, register_dsn, task_queue, Path(tempfile.mkdtemp(prefix="nareis-kill-")))
    werker.start(RONDES[0].val_op)
    try:
        await asyncio.wait_for(_alle_fasen(dev_client, werker, register_dsn, task_queue), timeout=300)
    finally:
        werker.stoppen()


async def _alle_fasen(client: Client, werker: Werkerproces, dsn: str, task_queue: str) -> None:
    dag = vandaag()
    zaken: dict[str, tuple[WorkflowHandle[Any, Any], Referentie]] = {}
    kills: Counter[str] = Counter()
    werker.bewapen()
    for _ in range(2):
        data = aanvraag_data(dag, nummer=nummer(), referent__vnummer=vnummer())
        handle = await start(client, task_queue, data)
        zaken[data["aanvraagnummer"]] = (handle, Referentie(data, dag))
    a, b = zaken
    for n, ronde in enumerate(RONDES):
        if n:
            werker.bewapen()
        for nr, acties in ((a, ronde.acties_a), (b, ronde.acties_b)):
            handle, referentie = zaken[nr]
            for naam, payload in acties:
                await asyncio.wait_for(handle.execute_update(naam, payload, result_type=dict), 30)
                referentie.actie(naam, payload, vandaag())
        volgende = RONDES[n + 1].val_op if n + 1 < len(RONDES) else frozenset({REGISTER})
        gevangen = {nr for nr, acties in ((a, ronde.acties_a), (b, ronde.acties_b)) if acties or n == 0}
        for nr in gevangen:
            kills[nr] += 1
        await _na_de_kill(werker, zaken, {a: ronde.fase_a, b: ronde.fase_b}, gevangen, volgende)
    eind_a = await asyncio.wait_for(status(zaken[a][0]), 30)
    eind_b = await asyncio.wait_for(zaken[b][0].result(), 60)
    for nr, eind in ((a, eind_a), (b, eind_b)):
        handle = zaken[nr][0]
        await _controleer_register(dsn, handle, eind)
        # each kill left one done write of the case unreported: the next worker ran it again
        assert await herhaalde_pogingen(handle) == kills[nr]
        dossier = await asyncio.to_thread(_dossier, dsn, nr)
        gebeurtenissen = [g["gebeurtenis"] for g in dossier]
        assert [g for g in gebeurtenissen if not g.startswith("brief_")] == [g["gebeurtenis"] for g in eind["tijdlijn"]]
    assert werker.starts == 1 + len(RONDES)


async def test_sigkill_terwijl_een_actie_binnenkomt(
    dev_client: Client, ontwikkelserver: str, register_dsn: str
) -> None:
    """The worker dies at arbitrary moments while an update is on its way (before, during or
    just after its workflow task); the caller still gets its answer and the action counts once."""
    task_queue = f"nareis-kill-{uuid.uuid4().hex[:8]}"
    werker = Werkerproces(ontwikkelserver, register_dsn, task_queue, Path(tempfile.mkdtemp(prefix="nareis-kill-")))
    werker.start()
    try:
        await asyncio.wait_for(_acties_onder_vuur(dev_client, werker, register_dsn, task_queue), timeout=150)
    finally:
        werker.stoppen()


async def _acties_onder_vuur(client: Client, werker: Werkerproces, dsn: str, task_queue: str) -> None:
    data = aanvraag_data(vandaag(), nummer=nummer(), referent__vnummer=vnummer())
    handle = await start(client, task_queue, data)
    referentie = Referentie(data, vandaag())
    await rustig(handle, seconden=60)
    acties = [
        ("hv_versturen", {"reden": "documenten"}, 0.0),
        ("hv_reactie_ontvangen", {}, 0.05),
        ("screening_uitslag", {"signalen": []}, 0.3),
    ]
    for naam, payload, wachttijd in acties:
        update = asyncio.create_task(handle.execute_update(naam, payload, id=f"{naam}-1", result_type=dict))
        await asyncio.sleep(wachttijd)
        werker.doden()
        werker.start()
        antwoord = await asyncio.wait_for(update, 60)
        referentie.actie(naam, payload, vandaag())
        assert [g["gebeurtenis"] for g in antwoord["tijdlijn"]].count(naam) == 1
    await rustig(handle, seconden=60)
    eind = await status(handle)
    assert eind == referentie.status(vandaag())
    rijen = await register_tijdlijn(dsn, data["aanvraagnummer"])
    assert [(r["op"].isoformat(), r["gebeurtenis"]) for r in rijen if r["volgorde"] == 0] == [
        (g["op"], g["gebeurtenis"]) for g in eind["tijdlijn"]
    ]
    assert await taakfouten(handle) == []


async def test_hv_tijdens_de_automatische_hv_met_een_gedode_werker(
    dev_client: Client, ontwikkelserver: str, register_dsn: str
) -> None:
    """The letter race (issue #14) with the worker killed in between: the late case's own HV
    letter is written, the worker hangs before reporting it, a caseworker's HV is accepted, the
    worker is killed and a new one takes over. Each letter states its own reason, list and date."""
    task_queue = f"nareis-kill-{uuid.uuid4().hex[:8]}"
    werker = Werkerproces(ontwikkelserver, register_dsn, task_queue, Path(tempfile.mkdtemp(prefix="nareis-kill-")))
    werker.start(frozenset({"hv_brief_versturen"}))
    try:
        await asyncio.wait_for(_brieven_onder_vuur(dev_client, werker, register_dsn, task_queue), timeout=240)
    finally:
        werker.stoppen()


async def _brieven_onder_vuur(client: Client, werker: Werkerproces, dsn: str, task_queue: str) -> None:
    nr = nummer()
    data = aanvraag_data(vandaag() - timedelta(days=5), nummer=nr, dagen_na_vergunning=120, referent__vnummer=vnummer())
    werker.bewapen()
    handle = await start(client, task_queue, data)
    await werker.wacht_op_vastlegging({nr})  # the automatic HV letter is stored, not yet reported
    payload = {"reden": "documenten", "ontbrekend": ["paspoort"]}
    await asyncio.wait_for(handle.execute_update("hv_versturen", payload, result_type=dict), 30)
    werker.doden()
    werker.start(frozenset({REGISTER}))
    await rustig(handle, seconden=120)  # the caught letter: its 15 s start-to-close first
    pool = await asyncpg.create_pool(dsn, min_size=1, max_size=1)
    try:
        brieven = await hv_brieven(pool, nr)
    finally:
        await pool.close()
    controleer_hv_brieven(brieven, await status(handle))
    assert await taakfouten(handle) == []
