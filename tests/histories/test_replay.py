"""Replay recorded histories against the current workflow code (STYLE.md §7; issue 6 §6).

A change that would make running cases non-deterministic fails here; such a change must go
behind `workflow.patched`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from temporalio import workflow
from temporalio.client import WorkflowHistory
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Replayer

from workflows.nareisaanvraag import Nareisaanvraag

OPNAMES = sorted((Path(__file__).parent / "opnames").glob("*.json"))


def _geschiedenis(pad: Path) -> WorkflowHistory:
    return WorkflowHistory.from_json(f"nareis-{pad.stem}", pad.read_text())


def test_er_zijn_opnames_van_elk_scenario() -> None:
    from tests.histories.scenarios import SCENARIOS

    assert {pad.stem for pad in OPNAMES} == set(SCENARIOS)


@pytest.mark.parametrize("pad", OPNAMES, ids=[p.stem for p in OPNAMES])
async def test_opname_speelt_deterministisch_af(pad: Path) -> None:
    replayer = Replayer(workflows=[Nareisaanvraag], data_converter=pydantic_data_converter)
    resultaat = await replayer.replay_workflow(_geschiedenis(pad), raise_on_replay_failure=False)
    assert resultaat.replay_failure is None, resultaat.replay_failure


@workflow.defn(name="Nareisaanvraag", sandboxed=False)
class ZonderKoppelingen(Nareisaanvraag):
    """A deliberately non-deterministic change: one activity fewer at the start of a case."""

    @workflow.run
    async def run(self, aanvraag: dict[str, Any], voortzetting: dict[str, Any] | None = None) -> Any:
        return await super().run(aanvraag, voortzetting)

    async def _koppelingen_opvragen(self) -> None:
        return None


@pytest.mark.parametrize("pad", OPNAMES[:1], ids=[p.stem for p in OPNAMES[:1]])
async def test_een_niet_deterministische_wijziging_faalt_de_replay(pad: Path) -> None:
    replayer = Replayer(workflows=[ZonderKoppelingen], data_converter=pydantic_data_converter)
    resultaat = await replayer.replay_workflow(_geschiedenis(pad), raise_on_replay_failure=False)
    assert resultaat.replay_failure is not None
    assert "nondetermin" in str(resultaat.replay_failure).lower()
