"""Every term on its last day and the day after, through the contract only (issue: clocks as
timers). Times of day: 23:00 on the last day, 09:00 on the day after (Europe/Amsterdam)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from temporalio.client import WorkflowHandle

from nareis.beleid import beleid_op
from nareis.kalender import termijnen as t
from nareis.tijd import begin_van
from tests.sleutels import kluis
from tests.voorbeelden import aanvraag_data
from tests.workflows.hulp import MOTIVERING, actie, beslis, gesloten, naar_dag, start, status, vandaag, zoekattribuut
from tests.workflows.test_levensloop import nieuwe_zaak, nummer, referent_vnummer, weiger
from workflows import zoekattributen as za

pytestmark = pytest.mark.asyncio(loop_scope="session")

DAG = timedelta(days=1)

FEITEN_INWILLIGING = {
    "identiteit_aannemelijk": True,
    "familierechtelijke_relatie_aannemelijk": True,
    "feitelijke_gezinsband": True,
    "antecedentenverklaring": True,
    "huwelijk": "rechtsgeldig",
    "bestendig_verblijf": True,
}


async def ingewilligd(werker, tijdreis, task_queue) -> tuple[WorkflowHandle, date]:
    handle, _, _ = await nieuwe_zaak(werker, tijdreis, task_queue)
    await actie(handle, "screening_uitslag", signalen=[])
    await actie(handle, "feiten_vastleggen", feiten=FEITEN_INWILLIGING)
    toestand = await actie(handle, "besluiten", uitkomst="inwilliging", gronden=[])
    return handle, date.fromisoformat(toestand["besluit"]["op"])


# --- the mvv collection term (art. 2r(1) Vw; WI 2026/11 §5.3) --------------------------------------


async def test_mvv_opgehaald_op_de_laatste_dag_van_de_ophaaltermijn(werker, tijdreis, task_queue) -> None:
    handle, besluit_op = await ingewilligd(werker, tijdreis, task_queue)
    einde = t.mvv_ophaaltermijn(besluit_op, False, beleid_op(besluit_op)).einde
    assert (await status(handle))["mvv"]["ophalen_uiterlijk"] == einde.isoformat()
    await naar_dag(tijdreis, einde, uur=23)
    toestand = await actie(handle, "mvv_opgehaald")
    assert toestand["mvv"]["opgehaald_op"] == einde.isoformat()
    assert (await handle.result())["fase"] == "afgerond"


async def test_mvv_ophaaltermijn_verloopt_de_dag_erna(werker, tijdreis, task_queue) -> None:
    handle, besluit_op = await ingewilligd(werker, tijdreis, task_queue)
    einde = t.mvv_ophaaltermijn(besluit_op, False, beleid_op(besluit_op)).einde
    await naar_dag(tijdreis, einde, uur=23)
    assert (await status(handle))["mvv"]["verlopen"] is False
    await naar_dag(tijdreis, einde + DAG, uur=9)
    resultaat = await handle.result()
    assert resultaat["mvv"]["verlopen"] is True
    verlopen = [r for r in resultaat["tijdlijn"] if r["gebeurtenis"] == "mvv_ophaaltermijn_verlopen"]
    assert [r["op"] for r in verlopen] == [(einde + DAG).isoformat()]  # DOMAIN.md §3.0: the day after


async def test_mvv_verlenging_op_de_laatste_dag_en_de_verlengde_termijn(werker, tijdreis, task_queue) -> None:
    handle, besluit_op = await ingewilligd(werker, tijdreis, task_queue)
    beleid = beleid_op(besluit_op)
    einde = t.mvv_ophaaltermijn(besluit_op, False, beleid).einde
    await naar_dag(tijdreis, einde, uur=23)
    toestand = await actie(handle, "mvv_verlengen", reden="post_gesloten")
    verlengd = t.mvv_ophaaltermijn(besluit_op, True, beleid).einde
    assert verlengd > einde + timedelta(days=80)
    assert toestand["mvv"]["ophalen_uiterlijk"] == verlengd.isoformat()
    await naar_dag(tijdreis, einde + DAG, uur=9)  # the old end passes: nothing lapses
    assert (await status(handle))["mvv"]["verlopen"] is False
    await naar_dag(tijdreis, verlengd, uur=23)
    assert (await status(handle))["fase"] == "mvv_afgifte"
    await naar_dag(tijdreis, verlengd + DAG, uur=9)
    resultaat = await handle.result()
    assert resultaat["mvv"]["verlopen"] is True
    await weiger_na_afloop(handle)


async def weiger_na_afloop(handle: WorkflowHandle) -> None:
    from temporalio.client import WorkflowUpdateFailedError
    from temporalio.service import RPCError

    with pytest.raises((WorkflowUpdateFailedError, RPCError)):
        await actie(handle, "mvv_opgehaald")


async def test_mvv_verlengen_na_het_verlopen_wordt_geweigerd(werker, tijdreis, task_queue) -> None:
    handle, besluit_op = await ingewilligd(werker, tijdreis, task_queue)
    await actie(handle, "bezwaar_ontvangen")  # an objection keeps the case open after the lapse
    einde = t.mvv_ophaaltermijn(besluit_op, False, beleid_op(besluit_op)).einde
    await naar_dag(tijdreis, einde + DAG, uur=9)
    toestand = await status(handle)
    assert toestand["mvv"]["verlopen"] is True
    await weiger(handle, "mvv_verlengen", "verstreken", reden="geen_post")
    await weiger(handle, "mvv_opgehaald", "verstreken")
    await actie(handle, "bezwaar_besluiten", uitkomst="ongegrond")


# --- the beslistermijn: extension after a suspension (Awb 4:14, 4:15; WI 2026/11 §1.2) ------------


async def test_verlenging_na_een_opschorting_telt_beide(werker, tijdreis, task_queue) -> None:
    handle, ontvangen, _ = await nieuwe_zaak(werker, tijdreis, task_queue)
    oorspronkelijk = date.fromisoformat((await status(handle))["beslistermijn"]["einde"])
    await actie(handle, "hv_versturen", reden="documenten")
    assert await zoekattribuut(handle, za.OPGESCHORT, True) is True
    await naar_dag(tijdreis, ontvangen + timedelta(days=12))
    await actie(handle, "hv_reactie_ontvangen")
    assert await zoekattribuut(handle, za.OPGESCHORT, False) is False
    toestand = await actie(handle, "termijn_verlengen", reden="complexe zaak")
    termijn = toestand["beslistermijn"]
    assert termijn["opgeschorte_dagen"] == 12
    assert termijn["verlengd"] is True
    beleid = beleid_op(ontvangen)
    verwacht = t.beslistermijn(
        ontvangen,
        aanvraag_ontvangen_op=ontvangen,
        opschortingen=[],
        verlengd_op=ontvangen + timedelta(days=12),
        peildatum=ontvangen + timedelta(days=12),
        beleid=beleid,
    ).einde + timedelta(days=12)
    assert date.fromisoformat(termijn["einde"]) == verwacht > oorspronkelijk + timedelta(days=12)
    assert (await zoekattribuut(handle, za.BESLISTERMIJN_EINDE, begin_van(verwacht))).date() == verwacht
    uitleg = termijn["uitleg"]
    assert [(o["van"], o["tot"], o["dagen"]) for o in uitleg["opschortingen"]] == [
        (ontvangen.isoformat(), (ontvangen + timedelta(days=12)).isoformat(), 12)
    ]
    assert uitleg["verlenging"]["naar"] > uitleg["verlenging"]["van"]
    # the last day and the day after, with the extended, suspended end
    await naar_dag(tijdreis, verwacht, uur=23)
    assert (await status(handle))["beslistermijn"]["verstreken"] is False
    await naar_dag(tijdreis, verwacht + DAG, uur=9)
    toestand = await status(handle)
    assert toestand["beslistermijn"]["verstreken"] is True
    assert "beslistermijn_verstreken" in [r["gebeurtenis"] for r in toestand["tijdlijn"]]
    await actie(handle, "intrekken")


# --- continue-as-new: a case that grows without bound keeps everything (issue §6) ------------------


async def test_voortzetten_als_nieuw_behoudt_de_hele_zaak(werker, tijdreis, register_pool, monkeypatch) -> None:
    """With the threshold lowered to 150 events, sixty pieces of evidence, each sent three times,
    make the case continue as new: the new run carries the timeline, terms, evidence and search
    attributes, the register has every event exactly once, and the case goes on taking actions."""
    import uuid

    from temporalio.api.enums.v1 import EventType
    from temporalio.worker import UnsandboxedWorkflowRunner, Worker

    from activities.stappen import bouw_activiteiten
    from workflows import nareisaanvraag

    monkeypatch.setattr(nareisaanvraag, "MAX_GESCHIEDENIS", 150)  # the unsandboxed runner reads it
    wachtrij = f"nareis-voortzetting-{uuid.uuid4().hex[:8]}"
    async with Worker(
        tijdreis.client,
        task_queue=wachtrij,
        workflows=[nareisaanvraag.Nareisaanvraag],
        activities=bouw_activiteiten(register_pool, kluis()),
        workflow_runner=UnsandboxedWorkflowRunner(),
    ):
        handle, _, _ = await nieuwe_zaak(tijdreis.client, tijdreis, wachtrij)
        await actie(handle, "hv_versturen", reden="documenten")
        eerste_run = (await handle.describe()).run_id
        voor = await status(handle)
        # 180 signals are 180 events, past the threshold however the worker batches them (120
        # were not always: a loaded worker takes many signals in one task, with few events around)
        for i in range(60):
            for _ in range(3):
                await handle.signal("nieuw_bewijs", {"soort": "document", "omschrijving": f"bijlage {i}"})
        # the signals are in; the first run closes once the worker has taken them all in
        slot = await gesloten(tijdreis.client.get_workflow_handle(handle.id, run_id=eerste_run))
        assert slot == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
        beschrijving = await handle.describe()
        assert beschrijving.run_id != eerste_run
        na = await status(handle)
        assert [r["gebeurtenis"] for r in na["tijdlijn"]].count("nieuw_bewijs") == 60
        assert na["tijdlijn"][: len(voor["tijdlijn"])] == voor["tijdlijn"]
        assert na["beslistermijn"] == voor["beslistermijn"]
        assert beschrijving.typed_search_attributes.get(za.OPGESCHORT) is True
        assert beschrijving.typed_search_attributes.get(za.DOSSIER) == voor["dossiernummer"]
        toestand = await actie(handle, "hv_reactie_ontvangen")
        assert toestand["beslistermijn"]["opgeschort"] is False
        await actie(handle, "intrekken")
        resultaat = await handle.result()
    assert resultaat["fase"] == "afgerond"
    rijen = await register_pool.fetch(
        "SELECT volgnummer, count(*) AS n FROM gebeurtenis WHERE aanvraagnummer = $1 AND volgorde = 0 GROUP BY 1",
        resultaat["aanvraagnummer"],
    )
    assert sorted(r["volgnummer"] for r in rijen) == list(range(1, len(resultaat["tijdlijn"]) + 1))
    assert {r["n"] for r in rijen} == {1}


# --- the decision on objection (DOMAIN.md §3.9; Awb 7:10) ---------------------------------------------


async def test_beslistermijn_op_bezwaar_laatste_dag_en_de_dag_erna(werker, tijdreis, task_queue) -> None:
    handle, _, _ = await nieuwe_zaak(werker, tijdreis, task_queue)
    await actie(handle, "feiten_vastleggen", feiten={"identiteit_aannemelijk": False})
    toestand = await beslis(handle, uitkomst="afwijzing", gronden=["IDENTITEIT"], motivering=MOTIVERING)
    bezwaartermijn_einde = date.fromisoformat(toestand["bezwaar"]["termijn_einde"])
    toestand = await actie(handle, "bezwaar_ontvangen")
    beslissen = date.fromisoformat(toestand["bezwaar"]["beslissen_uiterlijk"])
    assert beslissen == bezwaartermijn_einde + timedelta(weeks=19)  # no Atw: more than 12 weeks
    assert toestand["bezwaar"]["beslissen_uitleg"]["termijn"] == "beslissen_op_bezwaar"
    await naar_dag(tijdreis, beslissen, uur=23)
    toestand = await status(handle)
    assert toestand["bezwaar"]["beslistermijn_verstreken"] is False
    await naar_dag(tijdreis, beslissen + DAG, uur=9)
    toestand = await status(handle)
    assert toestand["bezwaar"]["beslistermijn_verstreken"] is True
    assert toestand["fase"] == "bezwaar"
    assert "verstreken" in toestand["volgende_actie"]
    verstreken = [r for r in toestand["tijdlijn"] if r["gebeurtenis"] == "beslistermijn_bezwaar_verstreken"]
    assert [r["op"] for r in verstreken] == [(beslissen + DAG).isoformat()]  # DOMAIN.md §3.0: the day after
    toestand = await actie(handle, "bezwaar_besluiten", uitkomst="ongegrond")  # late, but still decided
    assert (await handle.result())["bezwaar"]["uitkomst"] == "ongegrond"


# --- the form term of a letter (WI 2026/11 §5.8) and the notice of default (Awb 4:17, 6:12) ------


async def test_formulier_op_de_laatste_dag_van_de_formuliertermijn(werker, tijdreis, task_queue) -> None:
    handle, _, _ = await nieuwe_zaak(werker, tijdreis, task_queue, vorm="brief")
    einde = date.fromisoformat((await status(handle))["herstel_verzuim"][0]["reactie_uiterlijk"])
    await naar_dag(tijdreis, einde, uur=23)
    toestand = await actie(handle, "formulier_ontvangen")
    assert toestand["beslistermijn"]["start"] == einde.isoformat()
    await naar_dag(tijdreis, einde + DAG, uur=9)
    toestand = await status(handle)
    assert toestand["fase"] != "afgerond" and toestand["besluit"] is None
    await actie(handle, "intrekken")


async def test_zonder_formulier_buiten_behandeling_de_dag_na_de_laatste_dag(werker, tijdreis, task_queue) -> None:
    handle, _, _ = await nieuwe_zaak(werker, tijdreis, task_queue, vorm="brief")
    einde = date.fromisoformat((await status(handle))["herstel_verzuim"][0]["reactie_uiterlijk"])
    await naar_dag(tijdreis, einde, uur=23)
    assert (await status(handle))["besluit"] is None
    await naar_dag(tijdreis, einde + DAG, uur=9)
    # DOMAIN.md §3.4, Awb 4:5: dated the day after the last day; open to objection (fase bezwaar)
    toestand = await status(handle)
    assert toestand["besluit"] == {
        **toestand["besluit"],
        "uitkomst": "buiten_behandeling",
        "op": (einde + DAG).isoformat(),
    }
    assert toestand["fase"] == "bezwaar"
    bezwaartermijn = t.bezwaartermijn(einde + DAG, beleid_op(einde))
    assert toestand["bezwaar"]["termijn_einde"] == bezwaartermijn.einde.isoformat()
    resultaat = await handle.result()  # the objection term lapses unused: then the case ends
    assert resultaat["fase"] == "afgerond"
    assert [r["op"] for r in resultaat["tijdlijn"] if r["gebeurtenis"] == "bezwaartermijn_verstreken"] == [
        (bezwaartermijn.einde + DAG).isoformat()  # DOMAIN.md §3.0: booked the day after the last day
    ]


async def test_wi_5_8_bezwaar_tegen_buiten_behandeling(werker, tijdreis, task_queue) -> None:
    handle, _, _ = await nieuwe_zaak(werker, tijdreis, task_queue, vorm="brief")
    einde = date.fromisoformat((await status(handle))["herstel_verzuim"][0]["reactie_uiterlijk"])
    await naar_dag(tijdreis, einde + 3 * DAG)
    await weiger(handle, "formulier_ontvangen", "al beslist")
    toestand = await actie(handle, "bezwaar_ontvangen")
    assert toestand["fase"] == "bezwaar" and toestand["bezwaar"]["beslissen_uiterlijk"] is not None
    toestand = await actie(handle, "bezwaar_besluiten", uitkomst="ongegrond")
    assert toestand["fase"] == "afgerond" and toestand["besluit"]["uitkomst"] == "buiten_behandeling"


async def test_ingebrekestelling_beroep_mogelijk_de_dag_na_de_twee_weken(werker, tijdreis, task_queue) -> None:
    handle, _, _ = await nieuwe_zaak(werker, tijdreis, task_queue)
    einde = date.fromisoformat((await status(handle))["beslistermijn"]["einde"])
    await naar_dag(tijdreis, einde + DAG, uur=9)
    igs = (await actie(handle, "ingebrekestelling_ontvangen"))["ingebrekestelling"]
    laatste = date.fromisoformat(igs["termijn_einde"])
    await naar_dag(tijdreis, laatste, uur=23)
    gebeurtenissen = [r["gebeurtenis"] for r in (await status(handle))["tijdlijn"]]
    assert "beroep_niet_tijdig_beslissen_mogelijk" not in gebeurtenissen
    await naar_dag(tijdreis, laatste + DAG, uur=9)
    tijdlijn = (await status(handle))["tijdlijn"]
    beroep = [r for r in tijdlijn if r["gebeurtenis"] == "beroep_niet_tijdig_beslissen_mogelijk"]
    assert [r["op"] for r in beroep] == [(laatste + DAG).isoformat()]  # DOMAIN.md §3.0: the day after
    assert date.fromisoformat(igs["beroep_mogelijk_vanaf"]) == laatste + DAG
    await actie(handle, "intrekken")


# --- a whole year in the suite's time (issue: a year-long case in well under a second) ----------


async def test_een_zaak_van_meer_dan_een_jaar(werker, tijdreis, task_queue, record_property) -> None:
    """Receipt → HV answered late in its term → extension → decision after ten months → mvv
    collected on the last day of its extended term: 13+ months of law, seconds of wall time
    (the figure is printed and recorded; speed targets live in the benchmarks)."""
    import time

    begin = time.perf_counter()
    handle, ontvangen, _ = await nieuwe_zaak(werker, tijdreis, task_queue)
    await actie(handle, "screening_uitslag", signalen=[])
    await actie(handle, "hv_versturen", reden="documenten")
    await naar_dag(tijdreis, ontvangen + timedelta(days=27))
    await actie(handle, "hv_reactie_ontvangen")
    await actie(handle, "termijn_verlengen", reden="nader onderzoek in het buitenland")
    await actie(handle, "feiten_vastleggen", feiten=FEITEN_INWILLIGING)
    await naar_dag(tijdreis, ontvangen + timedelta(days=300))
    besluit_op = date.fromisoformat(
        (await actie(handle, "besluiten", uitkomst="inwilliging", gronden=[]))["besluit"]["op"]
    )
    await actie(handle, "mvv_verlengen", reden="geen_post")
    laatste = t.mvv_ophaaltermijn(besluit_op, True, beleid_op(besluit_op)).einde
    await naar_dag(tijdreis, laatste, uur=20)
    await actie(handle, "mvv_opgehaald")
    resultaat = await handle.result()
    wandklok = time.perf_counter() - begin
    assert resultaat["fase"] == "afgerond"
    assert date.fromisoformat(resultaat["mvv"]["opgehaald_op"]) - ontvangen > timedelta(days=365)
    record_property("wandklok_s", round(wandklok, 3))
    print(f"\nzaak van {(laatste - ontvangen).days} dagen: {wandklok:.2f} s wandklok")


async def test_duizenden_bewijsstukken_houden_de_zaak_binnen_haar_budget(
    werker, tijdreis, register_pool, monkeypatch
) -> None:
    """Issue #15 finding 1: no sequence of accepted inputs may push the case's state or its
    continue-as-new input past Temporal's limits. The state keeps a key of every piece of
    evidence (duplicates stay recorded once) and the last HERHAALBAAR_IN_STAAT entries (lowered
    here to 10); a burst goes to the register in parts; the register has every one."""
    import uuid

    from temporalio.worker import UnsandboxedWorkflowRunner, Worker

    from activities.stappen import bouw_activiteiten
    from nareis import zaak as zaakmodule
    from workflows import nareisaanvraag

    monkeypatch.setattr(zaakmodule, "HERHAALBAAR_IN_STAAT", 10)  # the unsandboxed runner reads it
    wachtrij = f"nareis-budget-{uuid.uuid4().hex[:8]}"
    omschrijving = "o" * 3_990
    # the evidence arrives before any worker runs: the case opens on a burst of 151 signals
    handle, _, _ = await nieuwe_zaak(tijdreis.client, tijdreis, wachtrij)
    for i in range(150):
        await handle.signal("nieuw_bewijs", {"soort": "document", "omschrijving": f"{i} {omschrijving}"})
    await handle.signal("nieuw_bewijs", {"soort": "document", "omschrijving": f"3 {omschrijving}"})  # again
    async with Worker(
        tijdreis.client,
        task_queue=wachtrij,
        workflows=[nareisaanvraag.Nareisaanvraag],
        activities=bouw_activiteiten(register_pool, kluis()),
        workflow_runner=UnsandboxedWorkflowRunner(),
    ):
        await actie(handle, "screening_uitslag", signalen=[])
        await actie(handle, "intrekken")
        toestand = await handle.result()  # the state once every entry is in the register
    bewijs = [r for r in toestand["tijdlijn"] if r["gebeurtenis"] == "nieuw_bewijs"]
    assert len(bewijs) == 10 and bewijs[-1]["toelichting"].startswith("149 ")
    assert toestand["tijdlijn_alleen_in_register"] == 140
    assert len(json.dumps(toestand)) < 100_000  # 150 x 4 KB of evidence: not in the status
    # the burst went to the register in parts, each input far below the payload limit
    invoer = [
        e.activity_task_scheduled_event_attributes.input.ByteSize()
        async for e in handle.fetch_history_events()
        if e.activity_task_scheduled_event_attributes.activity_type.name == "register_vastleggen"
    ]
    assert len(invoer) >= 3 and max(invoer) < 300_000, invoer
    aantal = await register_pool.fetchval(
        "SELECT count(*) FROM gebeurtenis WHERE aanvraagnummer = $1 AND gebeurtenis = 'nieuw_bewijs'",
        toestand["aanvraagnummer"],
    )
    assert aantal == 150


async def test_dossier_3_10_een_zaak_met_echte_data_verwerkt_verstreken_termijnen_meteen(
    werker, tijdreis, task_queue
) -> None:
    dag = await vandaag(tijdreis)
    ontvangen = dag - timedelta(days=300)  # taken over from an earlier system with its real dates
    data = aanvraag_data(ontvangen, nummer=nummer(), referent__vnummer=referent_vnummer())
    handle = await start(werker, task_queue, data)
    toestand = await status(handle)
    einde = date.fromisoformat(toestand["beslistermijn"]["einde"])  # 9 months: lapsed before today
    assert einde < dag and toestand["beslistermijn"]["verstreken"] is True
    tijdlijn = [(r["op"], r["gebeurtenis"]) for r in toestand["tijdlijn"]]
    assert ((einde + DAG).isoformat(), "beslistermijn_verstreken") in tijdlijn  # at once, the day after
    assert [op for op, _ in tijdlijn] == sorted(op for op, _ in tijdlijn)
    assert "ingebrekestelling_ontvangen" in toestand["mogelijke_acties"]
