"""Issue #17 item 5 on the time-skipping server: the update `notitie` (a note with who and when,
in the timeline and the register, changing no term) and the query `details` (each fact with its
provenance, each timeline entry with what it changed, old → new)."""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg
from temporalio.client import WorkflowHandle

from client.register import RegisterReader
from tests.sleutels import kluis
from tests.workflows.hulp import actie, dagen, naar_dag, status
from tests.workflows.test_levensloop import nieuwe_zaak, weiger


async def _details(handle: WorkflowHandle[Any, Any]) -> dict[str, Any]:
    resultaat = await handle.query("details", result_type=dict)
    assert isinstance(resultaat, dict)
    return resultaat


def _termijnen(toestand: dict[str, Any]) -> Any:
    return (toestand["termijnen"], toestand["volgende_termijn"], toestand["beslistermijn"], toestand["fase"])


async def test_notitie_met_wie_en_wanneer_in_tijdlijn_en_register_zonder_effect_op_termijnen(
    werker, tijdreis, task_queue, register_pool: asyncpg.Pool
) -> None:
    handle, ontvangen, data = await nieuwe_zaak(werker, tijdreis, task_queue)
    voor = await status(handle)
    na = await actie(handle, "notitie", tekst="Referent belde:\npaspoort volgt per post.", door="j.devries")
    regel = na["tijdlijn"][-1]
    assert regel == {
        "op": ontvangen.isoformat(),
        "gebeurtenis": "notitie",
        "door": "j.devries",
        "toelichting": "Referent belde:\npaspoort volgt per post.",
    }
    assert _termijnen(na) == _termijnen(voor)
    assert na["mogelijke_acties"] == voor["mogelijke_acties"]

    # a week on, the terms are what they would have been without the note
    await naar_dag(tijdreis, ontvangen + dagen(7))
    later = await status(handle)
    assert _termijnen(later)[:3] == _termijnen(voor)[:3]

    async def in_register() -> dict[str, Any] | None:
        tijdlijn = await RegisterReader(register_pool, kluis()).tijdlijn(data["aanvraagnummer"])
        return next((g for g in tijdlijn if g["gebeurtenis"] == "notitie"), None)

    rij = await in_register()
    for _ in range(400):  # the register activity runs after the update (slow under load)
        if rij is not None:
            break
        await asyncio.sleep(0.05)
        rij = await in_register()
    assert rij is not None
    assert (rij["door"], rij["op"], rij["toelichting"]) == ("j.devries", ontvangen.isoformat(), regel["toelichting"])


async def test_notitie_op_een_afgeronde_zaak_geweigerd(werker, tijdreis, task_queue) -> None:
    handle, _, _ = await nieuwe_zaak(werker, tijdreis, task_queue)
    await actie(handle, "intrekken", door="j.devries")
    await weiger(handle, "notitie", "afgerond", tekst="te laat")


async def test_details_herkomst_van_feiten_en_wat_elke_regel_veranderde(werker, tijdreis, task_queue) -> None:
    handle, ontvangen, _ = await nieuwe_zaak(werker, tijdreis, task_queue)
    await actie(handle, "feiten_vastleggen", feiten={"identiteit_aannemelijk": True}, door="a.eerste")
    await naar_dag(tijdreis, ontvangen + dagen(3))
    await actie(
        handle,
        "feiten_vastleggen",
        feiten={"identiteit_aannemelijk": False, "huwelijk": "rechtsgeldig"},
        door="b.tweede",
    )
    await actie(handle, "screening_uitslag", signalen=[], door="b.tweede")
    await actie(handle, "screening_uitslag", signalen=["openbare_orde"], door="b.tweede")
    await actie(handle, "toewijzen", behandelaar="b.tweede", door="b.tweede")

    details = await _details(handle)
    tijdlijn = details["tijdlijn"]
    assert [r["volgnummer"] for r in tijdlijn] == sorted(r["volgnummer"] for r in tijdlijn)
    assert len(tijdlijn) == len((await status(handle))["tijdlijn"])
    feiten_regels = [r for r in tijdlijn if r["gebeurtenis"] == "feiten_vastleggen"]
    eerste, tweede = feiten_regels
    assert eerste["door"] == "a.eerste"
    assert eerste["wijzigingen"] == [
        {"veld": "feiten.identiteit_aannemelijk", "nieuw": True, "oud": None, "gewijzigd": True}
    ]
    assert tweede["door"] == "b.tweede"
    assert tweede["wijzigingen"] == [
        {"veld": "feiten.identiteit_aannemelijk", "nieuw": False, "oud": True, "gewijzigd": True},
        {"veld": "feiten.huwelijk", "nieuw": "rechtsgeldig", "oud": None, "gewijzigd": True},
    ]
    screenings = [r["wijzigingen"] for r in tijdlijn if r["gebeurtenis"] == "screening_uitslag"]
    assert screenings == [
        [{"veld": "signalen", "nieuw": [], "oud": None, "gewijzigd": True}],
        [{"veld": "signalen", "nieuw": ["openbare_orde"], "oud": [], "gewijzigd": True}],
    ]
    toewijzing = next(r for r in tijdlijn if r["gebeurtenis"] == "toewijzen")
    assert toewijzing["wijzigingen"] == [{"veld": "behandelaar", "nieuw": "b.tweede", "oud": None, "gewijzigd": True}]

    feiten = {f["feit"]: f for f in details["feiten"]}
    assert feiten["identiteit_aannemelijk"] == {
        "feit": "identiteit_aannemelijk",
        "waarde": False,
        "door": "b.tweede",
        "op": (ontvangen + dagen(3)).isoformat(),
        "actie": "feiten_vastleggen",
        "volgnummer": tweede["volgnummer"],
    }
    assert feiten["huwelijk"]["waarde"] == "rechtsgeldig"
    assert details["aanvraagnummer"] == (await status(handle))["aanvraagnummer"]
