"""Scenarios whose histories are recorded for the replay tests (`python -m tests.histories.opnemen`).

Each drives one path of a case through the contract; the recorded history is replayed
against the current workflow code in CI, so a change that would break running cases fails.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from temporalio.client import Client, WorkflowHandle
from temporalio.testing import WorkflowEnvironment

from tests.voorbeelden import aanvraag_data
from tests.workflows.hulp import actie, naar_dag, start, status, vandaag

Scenario = Callable[[Client, WorkflowEnvironment, str, str], Awaitable[WorkflowHandle[Any, Any]]]


async def inwilliging_met_hv_en_mvv(client: Client, env: WorkflowEnvironment, tq: str, nr: str):
    ontvangen = await vandaag(env)
    handle = await start(client, tq, aanvraag_data(ontvangen, nummer=nr))
    await actie(handle, "hv_versturen", reden="documenten", ontbrekend=["paspoort"], door="bm1")
    await handle.signal("nieuw_bewijs", {"soort": "paspoort", "omschrijving": "kopie"})
    await naar_dag(env, ontvangen + timedelta(days=9))
    await actie(handle, "hv_reactie_ontvangen")
    await actie(handle, "screening_uitslag", signalen=[])
    await actie(handle, "feiten_vastleggen", feiten={"identiteit_aannemelijk": True})
    await naar_dag(env, ontvangen + timedelta(days=40))
    await actie(handle, "besluiten", uitkomst="inwilliging", gronden=[], afwijkingsreden="scenario")
    await actie(handle, "mvv_verlengen", reden="post_gesloten")
    await naar_dag(env, ontvangen + timedelta(days=100))
    await actie(handle, "mvv_opgehaald")
    await handle.result()
    return handle


async def brief_buiten_behandeling(client: Client, env: WorkflowEnvironment, tq: str, nr: str):
    ontvangen = await vandaag(env)
    handle = await start(client, tq, aanvraag_data(ontvangen, nummer=nr, vorm="brief"))
    await handle.result()
    return handle


async def afwijzing_bezwaar_gegrond(client: Client, env: WorkflowEnvironment, tq: str, nr: str):
    ontvangen = await vandaag(env)
    handle = await start(client, tq, aanvraag_data(ontvangen, nummer=nr, dagen_na_vergunning=200))
    await actie(handle, "hv_reactie_ontvangen")
    await actie(handle, "verschoonbaarheid_beoordelen", verschoonbaar=False)
    await actie(handle, "termijn_verlengen", reden="complex")
    await actie(handle, "opschorten", grond="overmacht")
    await naar_dag(env, ontvangen + timedelta(days=20))
    await actie(handle, "opschorting_beeindigen", grond="overmacht")
    await actie(handle, "besluiten", uitkomst="afwijzing", gronden=["NAREISTERMIJN"], door="behandelaar")
    # vier ogen (since 2026-12d, DOMAIN.md §3.7): a rejection takes effect once a team lead approves it
    if (await status(handle)).get("voorstel") is not None:
        await actie(handle, "besluit_accorderen", akkoord=True, door="teamleider")
    await naar_dag(env, ontvangen + timedelta(days=30))
    await actie(handle, "bezwaar_ontvangen")
    await naar_dag(env, ontvangen + timedelta(days=90))
    await actie(handle, "screening_uitslag", signalen=[])
    # Awb 7:11 (since 2026-12b): the upheld objection states the new decision, every open ground motivated
    open_ = ["NAREISTERMIJN", "IDENTITEIT", "FAMILIERECHTELIJKE_RELATIE", "FEITELIJKE_GEZINSBAND"]
    open_ += ["ANTECEDENTENVERKLARING", "BESTENDIG_VERBLIJF"]
    nieuw = {"uitkomst": "inwilliging", "motivering": dict.fromkeys(open_, "scenario")}
    await actie(handle, "bezwaar_besluiten", uitkomst="gegrond", nieuw_besluit=nieuw)
    await handle.result()
    return handle


async def verstreken_met_ingebrekestelling(client: Client, env: WorkflowEnvironment, tq: str, nr: str):
    ontvangen = await vandaag(env)
    handle = await start(client, tq, aanvraag_data(ontvangen, nummer=nr))
    await naar_dag(env, ontvangen + timedelta(days=300))
    await actie(handle, "ingebrekestelling_ontvangen")
    await naar_dag(env, ontvangen + timedelta(days=330))
    await actie(handle, "intrekken")
    await handle.result()
    return handle


async def notitie_beleid_en_laat_bezwaar(client: Client, env: WorkflowEnvironment, tq: str, nr: str):
    """2026-12d: a note, a policy version published to the running case (a designated day on its
    objection term's last day), and, while the mvv waits, an objection received late but judged
    excusable (Awb 6:11)."""
    from nareis import contract as m
    from nareis.beleid import AangewezenDag

    ontvangen = await vandaag(env)
    handle = await start(client, tq, aanvraag_data(ontvangen, nummer=nr))
    await actie(handle, "notitie", tekst="Referent belde: de geboorteakte volgt per post.", door="behandelaar")
    await actie(handle, "screening_uitslag", signalen=[])
    toestand = await actie(handle, "besluiten", uitkomst="inwilliging", gronden=[], afwijkingsreden="scenario")
    dag = AangewezenDag(datum=toestand["bezwaar"]["termijn_einde"], bron="Atw art. 3 lid 3; besluit (scenario)")
    bericht = m.BeleidGepubliceerd(versie="SCENARIO-2026-12D", omschrijving="scenario", aangewezen_dagen=(dag,))
    await handle.signal(m.SIGNAAL_BELEID_GEPUBLICEERD, bericht)
    await naar_dag(env, ontvangen + timedelta(days=45))
    await actie(handle, "bezwaar_ontvangen", verschoonbaar=True, verschoonbaar_motivering="ziekenhuisopname")
    await actie(handle, "bezwaar_besluiten", uitkomst="ongegrond")
    await actie(handle, "mvv_opgehaald")
    await handle.result()
    return handle


SCENARIOS: dict[str, Scenario] = {
    "inwilliging_met_hv_en_mvv": inwilliging_met_hv_en_mvv,
    "brief_buiten_behandeling": brief_buiten_behandeling,
    "afwijzing_bezwaar_gegrond": afwijzing_bezwaar_gegrond,
    "verstreken_met_ingebrekestelling": verstreken_met_ingebrekestelling,
    "notitie_beleid_en_laat_bezwaar": notitie_beleid_en_laat_bezwaar,
}
