"""CONTRACT.md [2026-12]: `status.termijnen`, `volgende_termijn` and the search attributes
NareisVolgendeTermijn(Soort), kept current so a team lead filters on every deadline."""

from __future__ import annotations

from datetime import date, timedelta

from nareis.tijd import begin_van
from tests.workflows.hulp import actie, status, zoekattribuut
from tests.workflows.test_levensloop import nieuwe_zaak, weiger
from workflows import zoekattributen as za


async def test_de_volgende_termijn_volgt_de_zaak(werker, tijdreis, task_queue) -> None:
    handle, ontvangen, _ = await nieuwe_zaak(werker, tijdreis, task_queue)
    toestand = await status(handle)
    assert toestand["volgende_termijn"]["soort"] == "beslistermijn"
    assert toestand["aanvraag"]["aanvraagnummer"] == toestand["aanvraagnummer"]
    # an HV letter sent today: its 4-week reply term is now the first deadline
    toestand = await actie(handle, "hv_versturen", reden="documenten")
    antwoord_uiterlijk = ontvangen + timedelta(weeks=4)
    assert toestand["volgende_termijn"] == {"soort": "hv_reactie", "einde": antwoord_uiterlijk.isoformat()}
    assert await zoekattribuut(handle, za.VOLGENDE_TERMIJN, begin_van(antwoord_uiterlijk)) == begin_van(
        antwoord_uiterlijk
    )
    attributen = (await handle.describe()).typed_search_attributes
    assert attributen.get(za.VOLGENDE_TERMIJN_SOORT) == "hv_reactie"
    soorten = {t["soort"]: t for t in toestand["termijnen"]}
    assert soorten["beslistermijn"]["opgeschort"] is True and soorten["hv_reactie"]["loopt"] is True
    assert date.fromisoformat(soorten["beslistermijn"]["einde"]) > antwoord_uiterlijk


async def test_toewijzen_en_terug_naar_het_team(werker, tijdreis, task_queue) -> None:
    """CONTRACT.md [2026-12] `toewijzen`: the case gets a caseworker (status.behandelaar and the
    search attribute NareisBehandelaar, so "mijn zaken" is a filter), and goes back to the team."""
    handle, _, _ = await nieuwe_zaak(werker, tijdreis, task_queue)
    toestand = await actie(handle, "toewijzen", behandelaar="b.jansen", door="t.leider")
    assert toestand["behandelaar"] == "b.jansen"
    assert toestand["tijdlijn"][-1]["gebeurtenis"] == "toewijzen"
    assert await zoekattribuut(handle, za.BEHANDELAAR, "b.jansen") == "b.jansen"
    await weiger(handle, "toewijzen", "al toegewezen aan b.jansen", behandelaar="b.jansen")
    toestand = await actie(handle, "toewijzen", behandelaar=None)
    assert toestand["behandelaar"] is None
    assert await zoekattribuut(handle, za.BEHANDELAAR, None) is None
