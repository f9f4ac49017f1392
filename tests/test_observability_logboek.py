"""No personal data in the logs: cases with a known name and birth date run through their
actions (accepted, refused, invalid) and an invalid start; every log record of every logger
(the worker, the SDK, the workflow, the activities, the register), at DEBUG, in both
formats, holds neither."""

from __future__ import annotations

import logging
import time
from datetime import timedelta

import pytest
from temporalio.client import WorkflowFailureError, WorkflowUpdateFailedError

from tests.voorbeelden import aanvraag_data
from tests.workflows.hulp import actie, naar_dag, start, status, vandaag
from worker.logboek import JsonOpmaak, opmaak

pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="session")]

NAAM = "Zwaantje Privétest-Logboek"
GEBOORTEDATUM = "1983-04-19"


def _nummer(n: int) -> str:
    return f"NR-2026-{int(time.time() * 1000) % 10**6:06d}-{n}"


async def test_logregels_bevatten_geen_naam_of_geboortedatum(werker, tijdreis, task_queue, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    dag = await vandaag(tijdreis)
    persoon = {"gezinslid__naam": NAAM, "gezinslid__geboortedatum": GEBOORTEDATUM}

    data = aanvraag_data(dag, nummer=_nummer(1), referent__vnummer="3917264051", **persoon)
    handle = await start(werker, task_queue, data)
    assert (await status(handle))["fase"] == "beoordeling"
    await actie(handle, "feiten_vastleggen", feiten={"identiteit_aannemelijk": True}, door="logproef")
    with pytest.raises(WorkflowUpdateFailedError):
        await actie(handle, "mvv_opgehaald")
    with pytest.raises(WorkflowUpdateFailedError):
        await actie(handle, "onderzoek_aanbieden", soort="bloedtest")
    await handle.signal("nieuw_bewijs", {"soort": "paspoort", "omschrijving": "kopie ontvangen"})
    await handle.signal("nieuw_bewijs", {"soort": ""})  # invalid evidence is recorded, not lost
    await actie(handle, "termijn_verlengen", reden="complex")
    await naar_dag(tijdreis, dag + timedelta(days=3))
    await status(handle)

    ongeldig = aanvraag_data(dag, nummer=_nummer(2), referent__vnummer="3917264052", **persoon)
    ongeldig["gezinslid"]["relatie"] = "neef"
    with pytest.raises(WorkflowFailureError):
        await (await start(werker, task_queue, ongeldig)).result()

    records = caplog.records
    assert any(r.name.startswith("temporalio") for r in records)  # the SDK's records are captured too
    for record in records:
        for formaat in (JsonOpmaak(), opmaak("tekst")):
            regel = formaat.format(record)
            assert NAAM not in regel and "Zwaantje" not in regel, regel
            assert GEBOORTEDATUM not in regel and "19-04-1983" not in regel, regel
