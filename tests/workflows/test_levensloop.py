"""The whole life of an application on the time-skipping server, through the contract only."""

from __future__ import annotations

import asyncio
import time
from datetime import date, timedelta

import pytest
from temporalio.client import Client, WorkflowFailureError, WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError, WorkflowAlreadyStartedError
from temporalio.service import RPCError
from temporalio.testing import WorkflowEnvironment

from nareis.beleid import beleid_op
from nareis.kalender import termijnen as t
from tests.voorbeelden import aanvraag_data
from tests.workflows.hulp import MOTIVERING, actie, beslis, naar_dag, start, status, vandaag

pytestmark = pytest.mark.asyncio(loop_scope="session")

_teller = iter(range(1, 1_000_000))


def referent_vnummer() -> str:
    """Unique across runs too: the register outlives a test run, and a referent's other spouse
    application there would make the advice ask about polygamy (WI 2026/11 §3.2.1)."""
    return f"{int(time.time() * 1000) % 10**6:06d}{next(_teller) % 10**4:04d}"


def nummer() -> str:
    return f"NR-2026-{int(time.time() * 1000) % 10**6:06d}-{next(_teller)}"


async def nieuwe_zaak(werker: Client, tijdreis: WorkflowEnvironment, task_queue: str, **wijzigingen):
    ontvangen = await vandaag(tijdreis)
    wijzigingen.setdefault("referent__vnummer", referent_vnummer())  # one referent per case
    data = aanvraag_data(ontvangen, nummer=nummer(), **wijzigingen)
    handle = await start(werker, task_queue, data)
    return handle, ontvangen, data


async def weiger(handle, naam: str, bevat: str, **payload) -> None:
    with pytest.raises(WorkflowUpdateFailedError) as fout:
        await actie(handle, naam, **payload)
    oorzaak = fout.value.cause
    assert isinstance(oorzaak, ApplicationError), oorzaak
    assert bevat in str(oorzaak), str(oorzaak)


# --- receipt ----------------------------------------------------------------------------


async def test_wi_1_2_ontvangst_formulier_start_de_beslistermijn(werker, tijdreis, task_queue) -> None:
    handle, ontvangen, _ = await nieuwe_zaak(werker, tijdreis, task_queue)
    toestand = await status(handle)
    assert toestand["fase"] == "beoordeling"
    assert toestand["nareistermijn"]["oordeel"] == "tijdig"
    assert toestand["nareistermijn_veiliggesteld"] is True
    beslis = toestand["beslistermijn"]
    assert beslis["start"] == ontvangen.isoformat()
    verwacht = t.beslistermijn(
        ontvangen,
        aanvraag_ontvangen_op=ontvangen,
        opschortingen=[],
        verlengd_op=None,
        peildatum=ontvangen,
        beleid=beleid_op(ontvangen),
    )
    assert beslis["einde"] == verwacht.einde.isoformat()
    assert beslis["opgeschort"] is False and beslis["verstreken"] is False
    assert beslis["uitleg"]["bron"]
    assert toestand["tijdlijn"][0]["gebeurtenis"] == "ontvangen"
    assert {r["grond"] for r in toestand["advies"]} >= {"NAREISTERMIJN", "IDENTITEIT"}


async def test_dubbele_start_maakt_geen_tweede_zaak(werker, tijdreis, task_queue) -> None:
    _, _, data = await nieuwe_zaak(werker, tijdreis, task_queue)
    with pytest.raises(WorkflowAlreadyStartedError):
        await start(werker, task_queue, data)


async def test_ongeldige_aanvraag_faalt_meteen_met_het_veld(werker, tijdreis, task_queue) -> None:
    ontvangen = await vandaag(tijdreis)
    data = aanvraag_data(ontvangen, nummer=nummer(), gezinslid__relatie="neef")
    handle = await start(werker, task_queue, data)
    with pytest.raises(WorkflowFailureError) as fout:
        await handle.result()
    oorzaak = fout.value.cause
    assert isinstance(oorzaak, ApplicationError)
    assert oorzaak.non_retryable and oorzaak.type == "OngeldigeAanvraag"
    assert "gezinslid.relatie" in str(oorzaak)


# --- herstel verzuim and suspension (Awb 4:15; WI 2026/11 §1.3) -----------------------------


async def test_wi_1_3_hv_schort_op_tot_de_reactie(werker, tijdreis, task_queue) -> None:
    handle, ontvangen, _ = await nieuwe_zaak(werker, tijdreis, task_queue)
    einde_voor = (await status(handle))["beslistermijn"]["einde"]
    toestand = await actie(handle, "hv_versturen", reden="documenten", ontbrekend=["paspoort"], door="bm1")
    assert toestand["fase"] == "herstel_verzuim"
    assert toestand["beslistermijn"]["opgeschort"] is True
    hv = toestand["herstel_verzuim"][0]
    assert hv["reactie_uiterlijk"] == (ontvangen + timedelta(weeks=4)).isoformat()
    await naar_dag(tijdreis, ontvangen + timedelta(days=10))
    toestand = await actie(handle, "hv_reactie_ontvangen")
    beslis = toestand["beslistermijn"]
    assert beslis["opgeschort"] is False and beslis["opgeschorte_dagen"] == 10
    assert date.fromisoformat(beslis["einde"]) == date.fromisoformat(einde_voor) + timedelta(days=10)
    assert toestand["fase"] == "beoordeling"
    await weiger(handle, "hv_versturen", "al een herstel verzuim-brief", reden="documenten")


async def test_wi_1_3_hv_beantwoord_op_de_laatste_dag(werker, tijdreis, task_queue) -> None:
    handle, ontvangen, _ = await nieuwe_zaak(werker, tijdreis, task_queue)
    await actie(handle, "hv_versturen", reden="documenten")
    laatste = ontvangen + timedelta(weeks=4)
    await naar_dag(tijdreis, laatste, uur=23)
    toestand = await status(handle)
    assert toestand["herstel_verzuim"][0]["verlopen"] is False
    toestand = await actie(handle, "hv_reactie_ontvangen")
    assert toestand["beslistermijn"]["opgeschorte_dagen"] == 28
    assert toestand["herstel_verzuim"][0]["beantwoord_op"] == laatste.isoformat()


async def test_wi_1_3_hv_verloopt_de_dag_na_de_termijn(werker, tijdreis, task_queue) -> None:
    handle, ontvangen, _ = await nieuwe_zaak(werker, tijdreis, task_queue)
    await actie(handle, "hv_versturen", reden="documenten")
    laatste = ontvangen + timedelta(weeks=4)
    await naar_dag(tijdreis, laatste + timedelta(days=1), uur=1)
    toestand = await status(handle)
    assert toestand["herstel_verzuim"][0]["verlopen"] is True
    assert toestand["beslistermijn"]["opgeschort"] is False
    assert toestand["beslistermijn"]["opgeschorte_dagen"] == 28
    assert "hv_termijn_verlopen" in [r["gebeurtenis"] for r in toestand["tijdlijn"]]


async def test_wi_5_8_brief_zonder_formulier_buiten_behandeling(werker, tijdreis, task_queue) -> None:
    handle, _, _ = await nieuwe_zaak(werker, tijdreis, task_queue, vorm="brief")
    toestand = await status(handle)
    assert toestand["beslistermijn"]["start"] is None
    assert [hv["reden"] for hv in toestand["herstel_verzuim"]] == ["formulier"]
    assert toestand["fase"] == "herstel_verzuim"
    resultaat = await handle.result()  # time skips past the 4 weeks and the objection term after them
    assert resultaat["besluit"]["uitkomst"] == "buiten_behandeling"
    assert resultaat["fase"] == "afgerond"
    assert resultaat["nareistermijn_veiliggesteld"] is True  # WI 2026/11 §1.1, §5.8


async def test_wi_5_8_formulier_ontvangen_start_de_beslistermijn(werker, tijdreis, task_queue) -> None:
    handle, ontvangen, _ = await nieuwe_zaak(werker, tijdreis, task_queue, vorm="brief")
    await naar_dag(tijdreis, ontvangen + timedelta(days=5))
    toestand = await actie(handle, "formulier_ontvangen")
    assert toestand["beslistermijn"]["start"] == (ontvangen + timedelta(days=5)).isoformat()
    assert toestand["herstel_verzuim"][0]["beantwoord_op"] is not None
    assert toestand["fase"] == "beoordeling"


async def test_wi_2_2_te_laat_zonder_toelichting_krijgt_automatisch_een_hv(werker, tijdreis, task_queue) -> None:
    handle, _, _ = await nieuwe_zaak(werker, tijdreis, task_queue, dagen_na_vergunning=200)
    toestand = await status(handle)
    assert toestand["nareistermijn"]["oordeel"] == "te_laat"
    assert [hv["reden"] for hv in toestand["herstel_verzuim"]] == ["nareistermijn"]
    assert toestand["nareistermijn_veiliggesteld"] is False
    toestand = await actie(handle, "hv_reactie_ontvangen")
    toestand = await actie(handle, "verschoonbaarheid_beoordelen", verschoonbaar=True)
    assert toestand["nareistermijn_veiliggesteld"] is True


# --- the decision and after -----------------------------------------------------------------


async def test_volledige_inwilliging_tot_mvv_opgehaald(werker, tijdreis, task_queue) -> None:
    handle, ontvangen, _ = await nieuwe_zaak(werker, tijdreis, task_queue)
    await weiger(handle, "mvv_opgehaald", "geen mvv")
    await weiger(handle, "ingebrekestelling_ontvangen", "pas na het verstrijken")
    await actie(handle, "screening_uitslag", signalen=[])
    await actie(
        handle,
        "feiten_vastleggen",
        feiten={
            "identiteit_aannemelijk": True,
            "familierechtelijke_relatie_aannemelijk": True,
            "feitelijke_gezinsband": True,
            "antecedentenverklaring": True,
            "huwelijk": "rechtsgeldig",
            "bestendig_verblijf": True,
        },
    )
    besluit_op = ontvangen + timedelta(days=60)
    await naar_dag(tijdreis, besluit_op)
    toestand = await actie(handle, "besluiten", uitkomst="inwilliging", gronden=[], door="bm1")
    assert toestand["besluit"]["uitkomst"] == "inwilliging"
    assert toestand["fase"] == "mvv_afgifte"
    assert toestand["mvv"]["ophalen_uiterlijk"] >= (besluit_op + timedelta(days=89)).isoformat()
    await weiger(handle, "besluiten", "al beslist", uitkomst="inwilliging", gronden=[])
    await actie(handle, "mvv_verlengen", reden="geen_post")
    await weiger(handle, "mvv_verlengen", "al eenmaal verlengd", reden="geen_post")
    await naar_dag(tijdreis, besluit_op + timedelta(days=40))
    toestand = await actie(handle, "mvv_opgehaald")
    opgehaald = besluit_op + timedelta(days=40)
    assert toestand["mvv"]["geldig_tot"] == (opgehaald + timedelta(days=89)).isoformat()
    resultaat = await handle.result()
    assert resultaat["fase"] == "afgerond"
    gebeurtenissen = [r["gebeurtenis"] for r in resultaat["tijdlijn"]]
    assert gebeurtenissen[-1] == "afgerond"
    assert gebeurtenissen.count("besluiten") == 1


async def test_afwijzing_zonder_bezwaar_eindigt_na_de_bezwaartermijn(werker, tijdreis, task_queue) -> None:
    handle, ontvangen, _ = await nieuwe_zaak(werker, tijdreis, task_queue)
    await actie(handle, "feiten_vastleggen", feiten={"identiteit_aannemelijk": False})
    toestand = await beslis(handle, uitkomst="afwijzing", gronden=["IDENTITEIT"], motivering=MOTIVERING)
    assert toestand["fase"] == "bezwaar"
    einde = date.fromisoformat(toestand["bezwaar"]["termijn_einde"])
    assert einde >= ontvangen + timedelta(weeks=4)
    await naar_dag(tijdreis, einde, uur=23)
    assert (await status(handle))["fase"] == "bezwaar"
    resultaat = await handle.result()
    assert resultaat["fase"] == "afgerond"
    assert "bezwaartermijn_verstreken" in [r["gebeurtenis"] for r in resultaat["tijdlijn"]]


async def test_bezwaar_op_de_laatste_dag_gegrond_leidt_tot_mvv(werker, tijdreis, task_queue) -> None:
    handle, _, _ = await nieuwe_zaak(werker, tijdreis, task_queue)
    await actie(handle, "feiten_vastleggen", feiten={"identiteit_aannemelijk": False})
    toestand = await beslis(handle, uitkomst="afwijzing", gronden=["IDENTITEIT"], motivering=MOTIVERING)
    einde = date.fromisoformat(toestand["bezwaar"]["termijn_einde"])
    await naar_dag(tijdreis, einde, uur=22)
    toestand = await actie(handle, "bezwaar_ontvangen")
    assert toestand["bezwaar"]["ontvangen_op"] == einde.isoformat()
    assert toestand["bezwaar"]["beslissen_uiterlijk"] is not None
    await naar_dag(tijdreis, einde + timedelta(days=30))
    assert (await status(handle))["fase"] == "bezwaar"
    # in objection the facts are established after all and the screening comes in (DOMAIN.md §3.9):
    # the new decision (Awb 7:11) passes the guard of §3.7
    feiten = {
        "identiteit_aannemelijk": True,
        "familierechtelijke_relatie_aannemelijk": True,
        "feitelijke_gezinsband": True,
        "antecedentenverklaring": True,
        "huwelijk": "rechtsgeldig",
        "bestendig_verblijf": True,
    }
    await actie(handle, "feiten_vastleggen", feiten=feiten)
    await weiger(handle, "bezwaar_besluiten", "nieuwe besluit", uitkomst="gegrond")
    inwilliging = {"uitkomst": "inwilliging"}
    await weiger(handle, "bezwaar_besluiten", "screening", uitkomst="gegrond", nieuw_besluit=inwilliging)
    await actie(handle, "screening_uitslag", signalen=[])
    toestand = await actie(handle, "bezwaar_besluiten", uitkomst="gegrond", nieuw_besluit=inwilliging)
    assert toestand["besluit"]["uitkomst"] == "inwilliging"
    assert [(b["uitkomst"], b["herroepen_op"]) for b in toestand["besluiten"]] == [
        ("afwijzing", toestand["besluit"]["op"]),  # revoked on the day of the decision on objection
        ("inwilliging", None),
    ]
    assert toestand["fase"] == "mvv_afgifte"
    resultaat = await handle.result()  # the mvv lapses uncollected
    assert resultaat["mvv"]["verlopen"] is True
    assert resultaat["fase"] == "afgerond"


async def test_bezwaar_ongegrond_rondt_af(werker, tijdreis, task_queue) -> None:
    handle, _, _ = await nieuwe_zaak(werker, tijdreis, task_queue)
    await actie(handle, "feiten_vastleggen", feiten={"identiteit_aannemelijk": False})
    await beslis(handle, uitkomst="afwijzing", gronden=["IDENTITEIT"], motivering=MOTIVERING)
    await actie(handle, "bezwaar_ontvangen")
    await actie(handle, "bezwaar_besluiten", uitkomst="ongegrond")
    resultaat = await handle.result()
    assert resultaat["bezwaar"]["uitkomst"] == "ongegrond"
    assert resultaat["besluit"]["uitkomst"] == "afwijzing"


# --- the beslistermijn expires (Awb 4:17, 6:12) ------------------------------------------------


async def test_ingebrekestelling_na_verstrijken_en_hv_zonder_opschorting(werker, tijdreis, task_queue) -> None:
    handle, _, _ = await nieuwe_zaak(werker, tijdreis, task_queue)
    einde = date.fromisoformat((await status(handle))["beslistermijn"]["einde"])
    await actie(handle, "termijn_verlengen", reden="complexe zaak")
    await weiger(handle, "termijn_verlengen", "al verlengd", reden="nogmaals")
    einde = date.fromisoformat((await status(handle))["beslistermijn"]["einde"])
    await naar_dag(tijdreis, einde, uur=23)
    toestand = await status(handle)
    assert toestand["beslistermijn"]["verstreken"] is False
    await weiger(handle, "ingebrekestelling_ontvangen", "pas na het verstrijken")
    await naar_dag(tijdreis, einde + timedelta(days=1), uur=9)
    toestand = await status(handle)
    assert toestand["beslistermijn"]["verstreken"] is True
    toestand = await actie(handle, "ingebrekestelling_ontvangen")
    igs = toestand["ingebrekestelling"]
    assert igs["ontvangen_op"] == (einde + timedelta(days=1)).isoformat()
    assert date.fromisoformat(igs["beroep_mogelijk_vanaf"]) == date.fromisoformat(igs["termijn_einde"]) + timedelta(
        days=1
    )
    toestand = await actie(handle, "hv_versturen", reden="documenten")
    assert toestand["beslistermijn"]["opgeschort"] is False  # DOMAIN §3.3: no pause once expired
    assert toestand["beslistermijn"]["verstreken"] is True


# --- withdrawal in each phase (WI 2026/11 §2.2) ---------------------------------------------------


@pytest.mark.parametrize("fase", ["beoordeling", "herstel_verzuim", "nader_onderzoek", "mvv_afgifte", "bezwaar"])
async def test_intrekken_in_elke_fase(werker, tijdreis, task_queue, fase: str) -> None:
    handle, _, _ = await nieuwe_zaak(werker, tijdreis, task_queue)
    if fase == "herstel_verzuim":
        await actie(handle, "hv_versturen", reden="documenten")
    elif fase == "nader_onderzoek":
        await actie(handle, "onderzoek_aanbieden", soort="dna")
    elif fase == "mvv_afgifte":
        await actie(handle, "screening_uitslag", signalen=[])
        await actie(handle, "besluiten", uitkomst="inwilliging", gronden=[], afwijkingsreden="test")
    elif fase == "bezwaar":
        await actie(handle, "feiten_vastleggen", feiten={"identiteit_aannemelijk": False})
        await beslis(handle, uitkomst="afwijzing", gronden=["IDENTITEIT"], motivering=MOTIVERING)
        await actie(handle, "bezwaar_ontvangen")
    assert (await status(handle))["fase"] == fase
    toestand = await actie(handle, "intrekken", door="referent")
    assert toestand["fase"] == "afgerond"
    resultaat = await handle.result()
    assert resultaat["fase"] == "afgerond"
    if fase != "bezwaar":
        assert resultaat["besluit"]["uitkomst"] == "ingetrokken"
        assert resultaat["nareistermijn_veiliggesteld"] is False
    with pytest.raises((WorkflowUpdateFailedError, RPCError)):
        await actie(handle, "hv_versturen", reden="iets")


# --- refusals change nothing -------------------------------------------------------------------


async def test_geweigerde_acties_veranderen_niets(werker, tijdreis, task_queue) -> None:
    handle, ontvangen, _ = await nieuwe_zaak(werker, tijdreis, task_queue)
    voor = await status(handle)
    await weiger(handle, "hv_versturen", "toekomst", reden="documenten", op=ontvangen + timedelta(days=3))
    await weiger(handle, "hv_versturen", "onbekend", reden="documenten", onbekend=1)
    await weiger(handle, "onderzoek_uitslag", "geen dna-onderzoek", soort="dna", uitkomst="bevestigd")
    await weiger(handle, "onderzoek_aanbieden", "soort", soort="bloedtest")
    await weiger(handle, "bezwaar_ontvangen", "nog geen besluit")
    await weiger(handle, "mvv_verlengen", "geen mvv", reden="geen_post")
    await weiger(handle, "opschorting_beeindigen", "geen opschorting", grond="overmacht")
    await weiger(handle, "besluiten", "ten minste één grond", uitkomst="afwijzing", gronden=[])
    await weiger(handle, "feiten_vastleggen", "feiten", feiten={"onbekend_feit": True})
    na = await status(handle)
    assert na == voor


async def test_opschorting_op_andere_grond_telt_overlap_eenmaal(werker, tijdreis, task_queue) -> None:
    handle, ontvangen, _ = await nieuwe_zaak(werker, tijdreis, task_queue)
    await actie(handle, "hv_versturen", reden="documenten")
    await naar_dag(tijdreis, ontvangen + timedelta(days=5))
    await actie(handle, "opschorten", grond="buitenlandse_autoriteit")
    await naar_dag(tijdreis, ontvangen + timedelta(days=10))
    await actie(handle, "hv_reactie_ontvangen")
    toestand = await status(handle)
    assert toestand["beslistermijn"]["opgeschort"] is True
    await naar_dag(tijdreis, ontvangen + timedelta(days=20))
    toestand = await actie(handle, "opschorting_beeindigen", grond="buitenlandse_autoriteit")
    assert toestand["beslistermijn"]["opgeschort"] is False
    assert toestand["beslistermijn"]["opgeschorte_dagen"] == 20  # days 1-10 and 6-20, overlap once


async def test_nieuw_bewijs_wordt_eenmaal_vastgelegd(werker, tijdreis, task_queue) -> None:
    handle, ontvangen, _ = await nieuwe_zaak(werker, tijdreis, task_queue)
    bewijs = {"soort": "paspoort", "omschrijving": "kopie paspoort", "op": ontvangen.isoformat()}
    await handle.signal("nieuw_bewijs", bewijs)
    await handle.signal("nieuw_bewijs", bewijs)
    await handle.signal("nieuw_bewijs", {"soort": "x"})  # invalid: kept with the reason
    toestand = await status(handle)
    gebeurtenissen = [r["gebeurtenis"] for r in toestand["tijdlijn"]]
    assert gebeurtenissen.count("nieuw_bewijs") == 1
    ongeldig = [r for r in toestand["tijdlijn"] if r["gebeurtenis"] == "nieuw_bewijs_ongeldig"]
    assert len(ongeldig) == 1 and "omschrijving" in ongeldig[0]["toelichting"]


# --- linked applications (WI 2026/11 §4.1, §3.2.1) ---------------------------------------------


async def test_wi_4_1_broer_zus_hoort_het_besluit_over_de_ouder(werker, tijdreis, task_queue) -> None:
    ontvangen = await vandaag(tijdreis)
    referent = referent_vnummer()
    ouder_nr, zus_nr = nummer(), nummer()
    nbm = {
        "referent__vnummer": referent,
        "referent__nbm": True,
        "referent__geboortedatum": (ontvangen - timedelta(days=16 * 365)).isoformat(),
    }
    ouder = await start(
        werker,
        task_queue,
        aanvraag_data(
            ontvangen,
            nummer=ouder_nr,
            gezinslid__relatie="ouder",
            gezinslid__geboortedatum="1980-01-01",
            gezamenlijk_met=[zus_nr],
            **nbm,
        ),
    )
    zus = await start(
        werker,
        task_queue,
        aanvraag_data(
            ontvangen,
            nummer=zus_nr,
            gezinslid__relatie="broer_zus",
            gezinslid__geboortedatum=(ontvangen - timedelta(days=10 * 365)).isoformat(),
            gezamenlijk_met=[ouder_nr],
            **nbm,
        ),
    )
    categorie = next(r for r in (await status(zus))["advies"] if r["grond"] == "CATEGORIE")
    assert categorie["oordeel"] == "beoordelen"
    await actie(ouder, "feiten_vastleggen", feiten={"identiteit_aannemelijk": False})
    await beslis(ouder, uitkomst="afwijzing", gronden=["IDENTITEIT"], motivering=MOTIVERING)
    for _ in range(50):
        toestand = await status(zus)
        categorie = next(r for r in toestand["advies"] if r["grond"] == "CATEGORIE")
        if categorie["oordeel"] != "beoordelen":
            break
        await asyncio.sleep(0.05)
    assert categorie["oordeel"] == "niet_voldaan"
    assert "gekoppelde_aanvraag" in [r["gebeurtenis"] for r in toestand["tijdlijn"]]


async def test_wi_3_2_1_tweede_echtgenoot_van_dezelfde_referent(werker, tijdreis, task_queue, register_pool) -> None:
    referent = referent_vnummer()
    eerste, _, data = await nieuwe_zaak(werker, tijdreis, task_queue, referent__vnummer=referent)
    for _ in range(400):  # the first case is in the register (its first activity; slow under load)
        if await register_pool.fetchval("SELECT 1 FROM aanvraag WHERE aanvraagnummer = $1", data["aanvraagnummer"]):
            break
        await asyncio.sleep(0.05)
    tweede, _, _ = await nieuwe_zaak(werker, tijdreis, task_queue, referent__vnummer=referent)
    await actie(
        tweede,
        "feiten_vastleggen",
        feiten={
            "identiteit_aannemelijk": True,
            "huwelijk": "rechtsgeldig",
            "familierechtelijke_relatie_aannemelijk": True,
        },
    )
    # the second case learns of the first from the register at its start (an activity that may
    # still run when the update above returns, on a loaded machine)
    for _ in range(400):
        band = next(r for r in (await status(tweede))["advies"] if r["grond"] == "FEITELIJKE_GEZINSBAND")
        if "andere echtgenoot" in band["reden"]:
            break
        await asyncio.sleep(0.05)
    assert band["oordeel"] == "beoordelen" and "andere echtgenoot" in band["reden"]
    for _ in range(400):
        tijdlijn = [r["gebeurtenis"] for r in (await status(eerste))["tijdlijn"]]
        if "gekoppelde_aanvraag" in tijdlijn:
            break
        await asyncio.sleep(0.05)
    assert "gekoppelde_aanvraag" in tijdlijn  # the first case learned of the second
