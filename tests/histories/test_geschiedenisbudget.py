"""History budget (issue 9 §3): a case's history stays far below Temporal's limits.

Temporal refuses a history past 51,200 events or 50 MB and warns from 10,240 events / 10 MB.
Budget per recorded scenario: 1,000 events and 2 MB — a twentieth of the warning level, so
even a case with ten times the recorded activity stays clear; the workflow also continues as
new past 8,000 events (workflows/nareisaanvraag.py, MAX_GESCHIEDENIS).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.histories.test_replay import OPNAMES, _geschiedenis

MAX_EVENTS = 1_000
MAX_BYTES = 2 * 1024 * 1024


@pytest.mark.parametrize("pad", OPNAMES, ids=[p.stem for p in OPNAMES])
def test_geschiedenis_blijft_binnen_het_budget(pad: Path) -> None:
    geschiedenis = _geschiedenis(pad)
    grootte = sum(e.ByteSize() for e in geschiedenis.events)
    print(f"{pad.stem}: {len(geschiedenis.events)} events, {grootte / 1024:.0f} KiB")
    assert len(geschiedenis.events) < MAX_EVENTS
    assert grootte < MAX_BYTES
