"""Helpers of the resilience tests: a worker process to kill, waiting until a case is idle,
and the same case run through the pure domain as the reference for its dates."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import asyncpg
from temporalio.api.enums.v1 import EventType
from temporalio.client import WorkflowHandle

from nareis import contract as m
from nareis import zaakstatus
from nareis.zaak import Zaak

_teller = iter(range(1, 1_000_000))


def nummer(prefix: str = "NR-RES") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:6].upper()}-{next(_teller)}"


def vnummer() -> str:
    return f"{uuid.uuid4().int % 10**10:010d}"


class Werkerproces:
    """`python -m tests.resilience.werker` on the dev server; armed, it hangs after a
    register write (see tests/resilience/werker.py), so `doden()` kills it right there."""

    def __init__(self, adres: str, dsn: str, task_queue: str, map_: Path) -> None:
        self.adres = adres
        self.dsn = dsn
        self.task_queue = task_queue
        self.map_ = map_
        self.merkteken = map_ / "merkteken"
        self.proces: subprocess.Popen[bytes] | None = None
        self.val = map_ / "val-0"
        self.starts = 0

    def start(self, val_op: set[str] | frozenset[str] = frozenset({"register_vastleggen"})) -> None:
        """A new worker process; armed, it hangs after any of the activities `val_op`."""
        self.starts += 1
        self.val = self.map_ / f"val-{self.starts}"
        omgeving = {
            **os.environ,
            "TEMPORAL_ADDRESS": self.adres,
            "NAREIS_TASK_QUEUE": self.task_queue,
            "NAREIS_DATABASE_URL": self.dsn,
            "NAREIS_STICKY_TIMEOUT_S": "1",
            "NAREIS_TEST_VAL": str(self.val),
            "NAREIS_TEST_MERKTEKEN": str(self.merkteken),
            "NAREIS_TEST_VAL_ACTIVITEITEN": ",".join(sorted(val_op)),
        }
        with (self.map_ / f"werker-{self.starts}.log").open("wb") as log:
            self.proces = subprocess.Popen(
                [sys.executable, "-m", "tests.resilience.werker"], env=omgeving, stdout=log, stderr=subprocess.STDOUT
            )

    def bewapen(self) -> None:
        self.merkteken.write_text("")
        self.val.touch()

    async def wacht_op_vastlegging(self, nummers: set[str], seconden: float = 60) -> None:
        """Until each case's register write has committed in the armed worker."""
        einde = time.monotonic() + seconden
        while not nummers <= set(self.merkteken.read_text().split()):
            assert self.proces is not None and self.proces.poll() is None, self.log()
            assert time.monotonic() < einde, f"geen vastlegging van {nummers}: {self.log()}"
            await asyncio.sleep(0.05)

    def doden(self) -> None:
        assert self.proces is not None
        self.proces.send_signal(signal.SIGKILL)
        self.proces.wait(10)
        assert self.proces.returncode == -signal.SIGKILL

    def stoppen(self) -> None:
        if self.proces is not None and self.proces.poll() is None:
            self.proces.kill()
            self.proces.wait(10)

    def log(self) -> str:
        return (self.map_ / f"werker-{self.starts}.log").read_text(errors="replace")[-3000:]


async def rustig(handle: WorkflowHandle[Any, Any], seconden: float = 180) -> None:
    """Until the case has no activity and no workflow task outstanding."""
    einde = time.monotonic() + seconden
    while True:
        beschrijving = await handle.describe()
        ruw = beschrijving.raw_description
        if not ruw.pending_activities and not ruw.HasField("pending_workflow_task"):
            return
        assert time.monotonic() < einde, f"{handle.id} niet tot rust: {ruw.pending_activities}"
        await asyncio.sleep(0.2)


async def taakfouten(handle: WorkflowHandle[Any, Any]) -> list[str]:
    """The failures of workflow tasks in the history: a bug in workflow code retries forever."""
    fouten = []
    async for event in handle.fetch_history_events():
        if event.event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED:
            fouten.append(event.workflow_task_failed_event_attributes.failure.message)
    return fouten


async def herhaalde_pogingen(handle: WorkflowHandle[Any, Any], activiteit: str | None = None) -> int:
    """How many executions of `activiteit` (default: any) completed only on a later attempt."""
    soort: dict[int, str] = {}
    aantal = 0
    async for event in handle.fetch_history_events():
        if event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
            soort[event.event_id] = event.activity_task_scheduled_event_attributes.activity_type.name
        elif event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
            gestart = event.activity_task_started_event_attributes
            aantal += activiteit in (None, soort[gestart.scheduled_event_id]) and gestart.attempt > 1
    return aantal


class Referentie:
    """The same case through the pure domain (nareis.zaak): what the dates must be."""

    def __init__(self, aanvraag: dict[str, Any], vandaag: date) -> None:
        self.zaak, _ = Zaak.open(m.lees(m.Aanvraag, aanvraag, vandaag=vandaag), vandaag)
        self.zaak.verwerk_tijd(vandaag)

    def actie(self, naam: str, payload: dict[str, Any], vandaag: date) -> None:
        self.zaak.pas_toe(m.lees(m.ACTIES[naam], payload, vandaag=vandaag), vandaag)
        self.zaak.verwerk_tijd(vandaag)

    def status(self, vandaag: date) -> dict[str, Any]:
        return zaakstatus.status(self.zaak, vandaag).model_dump(mode="json")


async def register_tijdlijn(dsn: str, aanvraagnummer: str) -> list[dict[str, Any]]:
    verbinding = await asyncpg.connect(dsn)
    try:
        rijen = await verbinding.fetch(
            "SELECT volgnummer, volgorde, sleutel, op, gebeurtenis FROM gebeurtenis"
            " WHERE aanvraagnummer = $1 ORDER BY volgnummer, volgorde, id",
            aanvraagnummer,
        )
    finally:
        await verbinding.close()
    return [dict(r) for r in rijen]
