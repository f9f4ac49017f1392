"""Issue #17 item 6 on the time-skipping server: the query `voorbeeld` lists the letters an action
would send today, or why the case would refuse it, and changes nothing."""

from __future__ import annotations

from typing import Any

from temporalio.client import WorkflowHandle

from nareis import contract as m
from nareis import effecten as e
from tests.workflows.hulp import MOTIVERING, actie, status
from tests.workflows.test_levensloop import nieuwe_zaak


async def _voorbeeld(handle: WorkflowHandle[Any, Any], naam: str, **gegevens: Any) -> e.Voorbeeld:
    antwoord = await handle.query(m.QUERY_VOORBEELD, args=[naam, gegevens], result_type=dict)
    return e.Voorbeeld.model_validate(antwoord)


async def test_voorbeeld_noemt_de_brieven_en_verandert_niets(werker, tijdreis, task_queue) -> None:
    handle, ontvangen, data = await nieuwe_zaak(werker, tijdreis, task_queue)
    voor = await status(handle)

    # WI 2026/11 §2.9: the case refuses to grant before the screening: the preview says so
    inwilliging = await _voorbeeld(handle, "besluiten", uitkomst="inwilliging", door="behandelaar")
    assert inwilliging.brieven == [] and inwilliging.weigering
    assert "screeningsuitslag" in inwilliging.weigering

    # DOMAIN.md §3.7: a rejection is a proposal under vier ogen, which sends no letter
    afwijzing = {"uitkomst": "afwijzing", "gronden": ["IDENTITEIT"], "motivering": MOTIVERING}
    voorstel = await _voorbeeld(handle, "besluiten", **afwijzing)
    assert voorstel.brieven == [] and voorstel.weigering is None
    # the status it would have: the proposal, every term as it was (the confirmation's terms)
    assert voorstel.status is not None and voorstel.status.voorstel is not None
    assert voorstel.status.termijnen == [m.TermijnOverzicht.model_validate(t) for t in voor["termijnen"]]

    geweigerd = await _voorbeeld(handle, "besluiten", uitkomst="misschien")
    assert geweigerd.brieven == [] and geweigerd.weigering and "uitkomst" in geweigerd.weigering
    assert (await _voorbeeld(handle, "bestaat_niet")).weigering == "onbekende actie 'bestaat_niet'"
    assert (await _voorbeeld(handle, "besluit_accorderen", akkoord=True)).weigering  # nothing proposed

    assert await status(handle) == voor  # the case is as it was: no decision, no letter, no entry

    # the letter the preview showed is the one the action sends
    await actie(handle, "besluiten", uitkomst="afwijzing", gronden=["IDENTITEIT"], motivering=MOTIVERING)
    [akkoord] = (await _voorbeeld(handle, "besluit_accorderen", akkoord=True, door="teamleider")).brieven
    beschikking = akkoord.brief()
    assert isinstance(beschikking, e.Beschikking) and beschikking.uitkomst is m.BesluitUitkomst.AFWIJZING
    assert beschikking.motivering == {m.Grond.IDENTITEIT: MOTIVERING["IDENTITEIT"]}
    assert beschikking.op == ontvangen and beschikking.betreft.aanvraagnummer == data["aanvraagnummer"]
    assert (await status(handle))["besluit"]["voorgesteld"] is True  # still only proposed
    na = await actie(handle, "besluit_accorderen", akkoord=True, door="teamleider")
    assert na["besluit"]["uitkomst"] == "afwijzing"
    assert na["bezwaar"]["termijn_einde"] == beschikking.bezwaartermijn_einde.isoformat()
    assert (await _voorbeeld(handle, "intrekken")).brieven == []  # the objection term runs: nothing to send
