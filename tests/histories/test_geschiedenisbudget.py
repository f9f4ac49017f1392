"""History budget (issues 9 §3, 14): a case's history stays far below Temporal's limits, and short
enough that answering a query on a case evicted from the worker's cache (a full replay) is cheap.

Temporal refuses a history past 51,200 events or 50 MB and warns from 10,240 events / 10 MB.
Measured on the newest recordings (2026-12e: typed effects, the decision guard, the [2026-12]
status fields, one bundle marker, one upsert at the opening): the longest,
afwijzing_bezwaar_gegrond (HV, extension, suspension, decision, objection upheld with a new
decision), 186 events and 153 KiB; a typical grant with HV and mvv 150 events and 102 KiB (167
KiB in 2026-11, when every activity input carried the whole status, though the status was
smaller then). The time-skipping server batches events differently from run to run, so event
counts of one scenario vary by about ten between recordings. Each step's activity carries only its own data: the
largest, the decision letter with its 18 grounds and motivations, ~3 KiB. What remains large is
the contract's own: every update's result and the workflow's result are the whole `status`
(~8-13 KiB each; CONTRACT.md), about two thirds of the bytes.

Budget per scenario of the newest generation: 300 events and 224 KiB (~1.6x the longest), 20 KiB
for any single event (~1.6x the largest, a status) and 4 KiB for any activity input (catches a
step that carries the case's status again). Older generations are frozen recordings: they only
replay. A case that does grow long continues as new past 8,000 events
(workflows/nareisaanvraag.py, MAX_GESCHIEDENIS), still a fifth of the warning level.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from temporalio.api.enums.v1 import EventType

from tests.histories.test_replay import GENERATIES, _geschiedenis, _id

MAX_EVENTS = 300
MAX_BYTES = 224 * 1024
MAX_EVENT_BYTES = 20 * 1024
MAX_ACTIVITEIT_INVOER = 4 * 1024

NIEUWSTE = sorted(GENERATIES[-1].glob("*.json"))


@pytest.mark.parametrize("pad", NIEUWSTE, ids=_id)
def test_geschiedenis_blijft_binnen_het_budget(pad: Path) -> None:
    geschiedenis = _geschiedenis(pad)
    groottes = [e.ByteSize() for e in geschiedenis.events]
    gepland = [
        e.activity_task_scheduled_event_attributes
        for e in geschiedenis.events
        if e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
    ]
    invoer = [(a.activity_type.name, a.input.ByteSize()) for a in gepland]
    print(
        f"{pad.stem}: {len(groottes)} events, {sum(groottes) / 1024:.0f} KiB, "
        f"grootste event {max(groottes) / 1024:.1f} KiB, grootste activiteit {max(g for _, g in invoer) / 1024:.1f} KiB"
    )
    assert len(groottes) < MAX_EVENTS
    assert sum(groottes) < MAX_BYTES
    assert max(groottes) < MAX_EVENT_BYTES
    assert all(grootte < MAX_ACTIVITEIT_INVOER for _, grootte in invoer), invoer
