"""Replay recorded histories against the current workflow code (STYLE.md §7; issue 6 §6).

A change that would make running cases non-deterministic fails here; such a change must go
behind `workflow.patched`.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from temporalio import workflow
from temporalio.client import WorkflowHistory
from temporalio.worker import Replayer, UnsandboxedWorkflowRunner

from client.omzetter import data_converter
from worker.draaien import workflow_runner
from workflows.nareisaanvraag import Nareisaanvraag

#: one folder per generation of the workflow code that ran them (`opnemen.py`), oldest first:
#: every generation keeps replaying, since cases it started are still running
GENERATIES = sorted(p for p in (Path(__file__).parent / "opnames").iterdir() if p.is_dir())
OPNAMES = sorted(GENERATIES[-1].glob("*.json")) + sorted(p for g in GENERATIES[:-1] for p in g.glob("*.json"))


def _id(pad: Path) -> str:
    return f"{pad.parent.name}/{pad.stem}"


def _geschiedenis(pad: Path) -> WorkflowHistory:
    return WorkflowHistory.from_json(f"nareis-{pad.stem}", pad.read_text())


def test_de_nieuwste_generatie_heeft_elk_scenario() -> None:
    from tests.histories.scenarios import SCENARIOS

    assert {pad.stem for pad in GENERATIES[-1].glob("*.json")} == set(SCENARIOS)
    assert [g.name for g in GENERATIES[:2]] == ["2026-11", "2026-12"]  # before and after the typed effects


@pytest.mark.parametrize("pad", OPNAMES, ids=_id)
async def test_opname_speelt_deterministisch_af(pad: Path) -> None:
    replayer = Replayer(workflows=[Nareisaanvraag], data_converter=data_converter, workflow_runner=workflow_runner())
    resultaat = await replayer.replay_workflow(_geschiedenis(pad), raise_on_replay_failure=False)
    assert resultaat.replay_failure is None, resultaat.replay_failure


@pytest.mark.parametrize("pad", sorted(GENERATIES[-1].glob("*.json")), ids=_id)
async def test_zonder_sandbox_speelt_de_nieuwste_generatie_gelijk_af(pad: Path) -> None:
    """NAREIS_WORKFLOW_SANDBOX=false (issue #18): the same workflow, the same commands."""
    zonder = workflow_runner(sandbox=False)
    assert isinstance(zonder, UnsandboxedWorkflowRunner)
    replayer = Replayer(workflows=[Nareisaanvraag], data_converter=data_converter, workflow_runner=zonder)
    resultaat = await replayer.replay_workflow(_geschiedenis(pad), raise_on_replay_failure=False)
    assert resultaat.replay_failure is None, resultaat.replay_failure


def test_de_sandbox_staat_aan_tenzij_uitgezet() -> None:
    from client.settings import Instellingen

    assert Instellingen.uit_omgeving({}).workflow_sandbox
    assert not Instellingen.uit_omgeving({"NAREIS_WORKFLOW_SANDBOX": "false"}).workflow_sandbox
    assert not isinstance(workflow_runner(), UnsandboxedWorkflowRunner)


@workflow.defn(name="Nareisaanvraag", sandboxed=False)
class ZonderKoppelingen(Nareisaanvraag):
    """A deliberately non-deterministic change: one activity fewer at the start of a case."""

    @workflow.run
    async def run(self, aanvraag: dict[str, Any], voortzetting: dict[str, Any] | None = None) -> Any:
        return await super().run(aanvraag, voortzetting)

    async def _koppelingen_opvragen(self) -> None:
        return None


@pytest.mark.parametrize("pad", OPNAMES[:1], ids=_id)
async def test_een_niet_deterministische_wijziging_faalt_de_replay(pad: Path) -> None:
    replayer = Replayer(workflows=[ZonderKoppelingen], data_converter=data_converter, workflow_runner=workflow_runner())
    resultaat = await replayer.replay_workflow(_geschiedenis(pad), raise_on_replay_failure=False)
    assert resultaat.replay_failure is not None
    assert "nondetermin" in str(resultaat.replay_failure).lower()


async def test_patch_zoekattributen_oude_opnames_spelen_af_en_nieuwe_zaken_besparen(
    werker, tijdreis, task_queue
) -> None:
    """A change made with workflow.patched: cases recorded before it replay unchanged (above),
    new cases carry the marker (inside the release's bundle) and upsert search attributes only when
    they change."""
    from temporalio.api.enums.v1 import EventType

    from tests.histories.scenarios import inwilliging_met_hv_en_mvv
    from workflows import patches

    def upserts(geschiedenis: WorkflowHistory) -> list[bytes]:
        return [
            e.upsert_workflow_search_attributes_event_attributes.search_attributes.SerializeToString(deterministic=True)
            for e in geschiedenis.events
            if e.event_type == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES
        ]

    def herhalingen(waarden: list[bytes]) -> int:
        return sum(1 for a, b in itertools.pairwise(waarden) if a == b)

    oud = _geschiedenis(GENERATIES[0] / "inwilliging_met_hv_en_mvv.json")
    assert herhalingen(upserts(oud)) > 0  # before the patch: the same values upserted again

    handle = await inwilliging_met_hv_en_mvv(werker, tijdreis, task_queue, "NR-PATCH-1")
    nieuw = await handle.fetch_history()
    markers = [e for e in nieuw.events if e.event_type == EventType.EVENT_TYPE_MARKER_RECORDED]
    nieuwste = patches.BUNDELS[0]
    assert patches.ZOEKATTRIBUTEN in nieuwste.patches
    assert [nieuwste.marker.encode() in e.SerializeToString() for e in markers] == [True]
    assert herhalingen(upserts(nieuw)) == 0
    # issue #18: who the case is about goes in one upsert with its phase and terms
    eigen = [
        e.upsert_workflow_search_attributes_event_attributes.search_attributes.indexed_fields
        for e in nieuw.events
        if e.event_type == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES
        and "TemporalChangeVersion"
        not in e.upsert_workflow_search_attributes_event_attributes.search_attributes.indexed_fields
    ]
    assert {"NareisReferent", "NareisDossier", "NareisFase", "NareisBeslistermijnEinde"} <= set(eigen[0])
    replayer = Replayer(workflows=[Nareisaanvraag], data_converter=data_converter, workflow_runner=workflow_runner())
    assert (await replayer.replay_workflow(nieuw, raise_on_replay_failure=False)).replay_failure is None


def test_een_bundel_houdt_alle_patches_van_de_oudere() -> None:
    """A new case records only the newest bundle: it must answer for every patch an older one did."""
    from workflows import patches

    for nieuwer, ouder in itertools.pairwise(patches.BUNDELS):
        assert ouder.patches <= nieuwer.patches, (nieuwer.marker, ouder.marker)
    assert len({b.marker for b in patches.BUNDELS}) == len(patches.BUNDELS)


def test_elke_patch_gaat_door_de_bundels() -> None:
    """A bare workflow.patched would cost every new case two events the bundle saves."""
    wortel = Path(__file__).resolve().parents[2] / "workflows"
    kaal = [p.name for p in wortel.glob("*.py") if p.name != "patches.py" and "workflow.patched(" in p.read_text()]
    assert not kaal, f"{kaal}: use workflows.patches.toegepast with an id defined in workflows/patches.py"
