"""Issue #9.4 and #7: the worker process is killed (SIGKILL) in every phase of a case, each
time right after the register committed its write and before the activity reported its
completion; a new worker process takes over. The cases go on with the dates an uncrashed
case has, and the register holds every event, letter and request exactly once."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
import uuid
from datetime import UTC, datetime
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

pytestmark = pytest.mark.asyncio(loop_scope="session")

FEITEN_POSITIEF = {
    "identiteit_aannemelijk": True,
    "familierechtelijke_relatie_aannemelijk": True,
    "feitelijke_gezinsband": True,
    "antecedentenverklaring": True,
    "huwelijk": "rechtsgeldig",
}

# (A's actions, B's actions, A's phase after, B's phase after) per kill; A is granted and
# collects its mvv (it then waits for the objection term), B is rejected, objects and is
# decided on objection (it ends): together every phase of a case
RONDES: list[tuple[list[tuple[str, dict[str, Any]]], list[tuple[str, dict[str, Any]]], str, str]] = [
    ([("hv_versturen", {"reden": "documenten", "ontbrekend": ["paspoort"]})],
     [("feiten_vastleggen", {"feiten": {"identiteit_aannemelijk": False}})],
     "herstel_verzuim", "beoordeling"),
    ([("hv_reactie_ontvangen", {})],
     [("besluiten", {"uitkomst": "afwijzing", "gronden": ["IDENTITEIT"], "door": "bm1"})],
     "beoordeling", "bezwaar"),
    ([("screening_uitslag", {"signalen": []}), ("feiten_vastleggen", {"feiten": FEITEN_POSITIEF}),
      ("besluiten", {"uitkomst": "inwilliging", "gronden": []})],
     [("bezwaar_ontvangen", {})],
     "mvv_afgifte", "bezwaar"),
    ([("mvv_opgehaald", {})],
     [("bezwaar_besluiten", {"uitkomst": "ongegrond"})],
     "mvv_afgifte", "afgerond"),
]  # fmt: skip


def vandaag() -> Any:
    return datum_in_amsterdam(datetime.now(UTC))


async def _na_de_kill(
    werker: Werkerproces, zaken: dict[str, tuple[WorkflowHandle[Any, Any], Referentie]], fases: dict[str, str]
) -> None:
    """Kill the armed worker once every case's write committed; a fresh one takes over."""
    await werker.wacht_op_vastlegging(set(zaken))
    werker.doden()
    werker.start()
    for nr, (handle, referentie) in zaken.items():
        await rustig(handle, seconden=60)
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
        projectie = await verbinding.fetchrow("SELECT fase, status FROM aanvraag WHERE aanvraagnummer = $1", nr)
    finally:
        await verbinding.close()
    assert sorted(f"brief_{b['soort']}" for b in brieven) == sorted(
        r["gebeurtenis"] for r in rijen if r["volgorde"] == 1
    )
    assert len(brieven) >= 2  # at least the receipt and the decision
    assert [v["soort"] for v in verzoeken].count("mvv_afgifte") == (1 if eind["mvv"] else 0)
    assert projectie["fase"] == eind["fase"] and json.loads(projectie["status"])["tijdlijn"] == eind["tijdlijn"]
    assert await taakfouten(handle) == []
    # each kill left a committed write unreported: the next worker ran it again, harmlessly
    assert await herhaalde_pogingen(handle, "register_vastleggen") == 1 + len(RONDES)


def _dossier(dsn: str, nr: str) -> list[dict[str, Any]]:
    import subprocess

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
    werker.start()
    try:
        await asyncio.wait_for(_alle_fasen(dev_client, werker, register_dsn, task_queue), timeout=240)
    finally:
        werker.stoppen()


async def _alle_fasen(client: Client, werker: Werkerproces, dsn: str, task_queue: str) -> None:
    dag = vandaag()
    zaken: dict[str, tuple[WorkflowHandle[Any, Any], Referentie]] = {}
    werker.bewapen()  # phase: receipt
    for _ in range(2):
        data = aanvraag_data(dag, nummer=nummer(), referent__vnummer=vnummer())
        handle = await start(client, task_queue, data)
        zaken[data["aanvraagnummer"]] = (handle, Referentie(data, dag))
    a, b = zaken
    await _na_de_kill(werker, zaken, {a: "beoordeling", b: "beoordeling"})
    for acties_a, acties_b, fase_a, fase_b in RONDES:
        werker.bewapen()
        for nr, acties in ((a, acties_a), (b, acties_b)):
            handle, referentie = zaken[nr]
            for naam, payload in acties:
                await asyncio.wait_for(handle.execute_update(naam, payload, result_type=dict), 30)
                referentie.actie(naam, payload, vandaag())
        await _na_de_kill(werker, zaken, {a: fase_a, b: fase_b})
    eind_a = await asyncio.wait_for(status(zaken[a][0]), 30)
    eind_b = await asyncio.wait_for(zaken[b][0].result(), 60)
    for nr, eind in ((a, eind_a), (b, eind_b)):
        handle = zaken[nr][0]
        await _controleer_register(dsn, handle, eind)
        dossier = await asyncio.to_thread(_dossier, dsn, nr)
        gebeurtenissen = [g["gebeurtenis"] for g in dossier]
        assert [g for g in gebeurtenissen if not g.startswith("brief_")] == [g["gebeurtenis"] for g in eind["tijdlijn"]]
    assert werker.starts == 1 + 1 + len(RONDES)
