"""History budget (issue 9 §3): a case's history stays far below Temporal's limits, and short
enough that answering a query on a case evicted from the worker's cache (a full replay) is cheap.

Temporal refuses a history past 51,200 events or 50 MB and warns from 10,240 events / 10 MB.
Measured on the recorded scenarios (2026-11): the longest, afwijzing_bezwaar_gegrond (HV,
extension, suspension, decision, objection), has 146 events and 192 KiB; a typical grant
with HV and mvv (inwilliging_met_hv_en_mvv) 147 events and 167 KiB; the largest single event
11.5 KB. Most of the bytes are the case's status, which every activity input and every
update result carries in full (an activity input is ~7-9 KB).

Budget per scenario: 400 events and 512 KiB (about 2.5x the longest: room for a case with
more actions, while a change that doubles a history's size or lets it grow per timer fails),
and 24 KiB for any single event (2x the largest: catches a status or letter payload that
balloons). A case that does grow long continues as new past 8,000 events
(workflows/nareisaanvraag.py, MAX_GESCHIEDENIS), still a fifth of the warning level.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.histories.test_replay import OPNAMES, _geschiedenis

MAX_EVENTS = 400
MAX_BYTES = 512 * 1024
MAX_EVENT_BYTES = 24 * 1024


@pytest.mark.parametrize("pad", OPNAMES, ids=[p.stem for p in OPNAMES])
def test_geschiedenis_blijft_binnen_het_budget(pad: Path) -> None:
    geschiedenis = _geschiedenis(pad)
    groottes = [e.ByteSize() for e in geschiedenis.events]
    print(
        f"{pad.stem}: {len(groottes)} events, {sum(groottes) / 1024:.0f} KiB, "
        f"grootste event {max(groottes) / 1024:.1f} KiB"
    )
    assert len(groottes) < MAX_EVENTS
    assert sum(groottes) < MAX_BYTES
    assert max(groottes) < MAX_EVENT_BYTES
