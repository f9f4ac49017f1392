"""DOMAIN.md §3.7 vier ogen on the time-skipping server: a rejection is a proposal (no term, no
letter, the search attribute NareisVoorgesteldDoor set) until a team lead approves it — dated
the approval day — or sends it back; the proposer cannot approve his own."""

from __future__ import annotations

from datetime import timedelta

from tests.workflows.hulp import MOTIVERING, actie, naar_dag, status, zoekattribuut
from tests.workflows.test_levensloop import nieuwe_zaak, weiger
from workflows import zoekattributen as za

AFWIJZING = {"uitkomst": "afwijzing", "gronden": ["IDENTITEIT"], "motivering": MOTIVERING}


async def _voorgesteld(werker, tijdreis, task_queue):
    handle, ontvangen, _ = await nieuwe_zaak(werker, tijdreis, task_queue)
    await actie(handle, "feiten_vastleggen", feiten={"identiteit_aannemelijk": False})
    toestand = await actie(handle, "besluiten", door="b.jansen", **AFWIJZING)
    return handle, ontvangen, toestand


async def test_dossier_3_7_een_afwijzing_wacht_op_accordering(werker, tijdreis, task_queue) -> None:
    handle, _, toestand = await _voorgesteld(werker, tijdreis, task_queue)
    assert toestand["besluit"]["voorgesteld"] is True and toestand["besluit"]["uitkomst"] == "afwijzing"
    assert toestand["voorstel"]["voorgesteld_door"] == "b.jansen"
    assert toestand["voorstel"]["accorderen_door"] == ["teamleider"]
    assert toestand["fase"] == "beoordeling" and toestand["bezwaar"] is None and toestand["besluiten"] == []
    assert not {"bezwaartermijn", "mvv_ophalen"} & {t["soort"] for t in toestand["termijnen"]}  # nothing started
    assert await zoekattribuut(handle, za.VOORGESTELD_DOOR, "b.jansen") == "b.jansen"
    attributen = (await handle.describe()).typed_search_attributes
    assert attributen.get(za.UITKOMST) is None  # no decision yet
    await weiger(handle, "besluiten", "er wacht al een voorgesteld besluit", door="c.de_vries", **AFWIJZING)
    await weiger(handle, "besluit_accorderen", "zelf voor", akkoord=True, door="b.jansen")


async def test_dossier_3_7_accorderen_op_een_latere_dag_neemt_het_besluit_dan(werker, tijdreis, task_queue) -> None:
    handle, ontvangen, _ = await _voorgesteld(werker, tijdreis, task_queue)
    accordeerdag = ontvangen + timedelta(days=3)
    await naar_dag(tijdreis, accordeerdag)
    toestand = await actie(handle, "besluit_accorderen", akkoord=True, door="t.leider")
    assert toestand["voorstel"] is None
    assert toestand["besluit"]["voorgesteld"] is False and toestand["besluit"]["op"] == accordeerdag.isoformat()
    assert toestand["fase"] == "bezwaar"
    # the objection term runs from the approval day (art. 69 lid 1 Vw: 4 weeks after the decision)
    assert toestand["bezwaar"]["uitleg"]["start"] == accordeerdag.isoformat()
    assert await zoekattribuut(handle, za.UITKOMST, "afwijzing") == "afwijzing"
    assert (await handle.describe()).typed_search_attributes.get(za.VOORGESTELD_DOOR) is None
    gebeurtenissen = [(r["gebeurtenis"], r["door"]) for r in toestand["tijdlijn"]]
    assert gebeurtenissen[-2:] == [("besluiten", "b.jansen"), ("besluit_accorderen", "t.leider")]


async def test_dossier_3_7_terugsturen_met_reden(werker, tijdreis, task_queue) -> None:
    handle, _, _ = await _voorgesteld(werker, tijdreis, task_queue)
    await weiger(handle, "besluit_accorderen", "waarom het voorstel wordt teruggestuurd", akkoord=False, door="t.l")
    toestand = await actie(handle, "besluit_accorderen", akkoord=False, door="t.l", toelichting="eerst horen")
    assert toestand["besluit"] is None and toestand["voorstel"] is None and toestand["bezwaar"] is None
    assert toestand["tijdlijn"][-1]["toelichting"] == "eerst horen"
    assert "besluiten" in toestand["mogelijke_acties"]
    assert await zoekattribuut(handle, za.VOORGESTELD_DOOR, None) is None
    assert (await status(handle))["fase"] == "beoordeling"
