"""Policy published to running cases (issue #16; DOMAIN.md §3.10), on a time-skipping server and
worker of this module's own: these cases are left waiting on their timers, and a publication
moves them, which must not hold the session server's clock for the tests after it.

The versions published here are built in the test, so none is in the policy data file the
worker reads; the replay at the end runs the recorded histories again with a data file that
changed after they were recorded.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import date, timedelta
from typing import Any

import asyncpg
import pytest
import pytest_asyncio
from temporalio.client import WorkflowHandle
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer

from client.omzetter import data_converter
from client.settings import Instellingen
from nareis import beleid as beleidsdata
from nareis import contract as m
from nareis.beleid import AangewezenDag, Beleid, Overgangsregel, beleid_op
from nareis.kalender.atw import is_werkdag
from tests.sleutels import REGISTER_SLEUTEL
from tests.voorbeelden import aanvraag_data
from tests.workflows.hulp import MOTIVERING, beslis, naar_dag, start, status, vandaag
from tests.workflows.test_levensloop import nummer, referent_vnummer, weiger
from worker.binaries import temporal_test_server
from worker.draaien import draaiende_worker, workflow_runner
from workflows import zoekattributen as za
from workflows.nareisaanvraag import Nareisaanvraag

pytestmark = pytest.mark.asyncio(loop_scope="session")

#: the workflow ids of the cases below and the versions published to them, for the replay at the end
OPGENOMEN: list[str] = []
GEPUBLICEERD: list[str] = []


@pytest_asyncio.fixture(loop_scope="session", scope="module")
async def eigen_server() -> AsyncIterator[WorkflowEnvironment]:
    env = await WorkflowEnvironment.start_time_skipping(
        data_converter=data_converter, test_server_existing_path=str(temporal_test_server())
    )
    yield env
    await env.shutdown()


@pytest_asyncio.fixture(loop_scope="session", scope="module")
async def eigen_werker(eigen_server: WorkflowEnvironment, register_pool: asyncpg.Pool) -> AsyncIterator[str]:
    task_queue = f"nareis-beleid-{uuid.uuid4().hex[:8]}"
    async with draaiende_worker(
        eigen_server.client, Instellingen(register_key=REGISTER_SLEUTEL, task_queue=task_queue), register_pool
    ):
        yield task_queue


async def nieuwe_zaak(env: WorkflowEnvironment, task_queue: str, ontvangen: date) -> WorkflowHandle[Any, Any]:
    data = aanvraag_data(ontvangen, nummer=nummer(), referent__vnummer=referent_vnummer())
    handle = await start(env.client, task_queue, data)
    OPGENOMEN.append(handle.id)
    return handle


async def publiceer(handle: WorkflowHandle[Any, Any], bericht: m.BeleidGepubliceerd) -> dict[str, Any]:
    """Send the signal; an update sent after it (refused: it changes nothing) is handled after it."""
    await handle.signal(m.SIGNAAL_BELEID_GEPUBLICEERD, bericht)
    await weiger(handle, "toewijzen", "al toegewezen", behandelaar=None)
    return await status(handle)


async def zoekattribuut(handle: WorkflowHandle[Any, Any], verwacht: str) -> None:
    """NareisBeleid once the case has written its register and search attributes after the signal."""
    for _ in range(200):
        if (await handle.describe()).typed_search_attributes.get(za.BELEID) == verwacht:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"NareisBeleid werd niet {verwacht}")


def in_het_bestand(monkeypatch: pytest.MonkeyPatch, naam: str, **wijziging: Any) -> Beleid:
    """A new version after the last one in the policy data, as deployed before it is published."""
    laatste = beleidsdata.BELEID_VERSIES[-1]
    vanaf = laatste.geldig_tot + timedelta(days=1)
    tot = vanaf.replace(year=vanaf.year + 1) - timedelta(days=1)
    beleid = laatste.model_copy(update={"versie": naam, "geldig_vanaf": vanaf, "geldig_tot": tot, **wijziging})
    monkeypatch.setattr(beleidsdata, "BELEID_VERSIES", (*beleidsdata.BELEID_VERSIES, beleid))
    GEPUBLICEERD.append(naam)
    return beleid


def versie_met_dag(monkeypatch: pytest.MonkeyPatch, dag: date) -> Beleid:
    dagen = (*beleid_op(dag).aangewezen_dagen, AangewezenDag(datum=dag, bron="Atw art. 3 lid 3; besluit (proef)"))
    return in_het_bestand(monkeypatch, f"PROEF-DAG-{uuid.uuid4().hex[:6]}", aangewezen_dagen=dagen)


def eerste_werkdag_na(dag: date, beleid: Beleid) -> date:
    dag += timedelta(days=1)
    while not is_werkdag(dag, beleid):
        dag += timedelta(days=1)
    return dag


async def test_domain_3_10_een_gepubliceerde_aangewezen_dag_verschuift_de_lopende_termijn(
    eigen_server: WorkflowEnvironment, eigen_werker: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    vandaag_ = await vandaag(eigen_server)
    handle = await nieuwe_zaak(eigen_server, eigen_werker, vandaag_)
    toestand = await beslis(handle, uitkomst="afwijzing", gronden=["IDENTITEIT"], motivering=MOTIVERING)
    einde = date.fromisoformat(toestand["bezwaar"]["termijn_einde"])
    versie = versie_met_dag(monkeypatch, einde)
    bericht = m.BeleidGepubliceerd.uit_beleid(versie)

    toestand = await publiceer(handle, bericht)
    nieuw_einde = eerste_werkdag_na(einde, versie)
    assert toestand["bezwaar"]["termijn_einde"] == nieuw_einde.isoformat()
    stappen = toestand["bezwaar"]["uitleg"]["stappen"]
    assert f"verschoven van {einde} naar {nieuw_einde} door beleidsversie {versie.versie}" in stappen[-1]
    assert f"aangewezen dag {einde} (Atw art. 3 lid 3)" in stappen[-1]
    geboekt = toestand["tijdlijn"][-1]
    assert geboekt["gebeurtenis"] == "beleid_gepubliceerd" and geboekt["op"] == vandaag_.isoformat()
    assert f"beleidsversie {versie.versie}" in geboekt["toelichting"]
    assert f"bezwaartermijn verschoven van {einde} naar {nieuw_einde}" in geboekt["toelichting"]
    # the case still follows the term lengths it was opened under
    await zoekattribuut(handle, beleid_op(vandaag_).versie)

    # the same version again changes nothing
    assert await publiceer(handle, bericht) == toestand

    # the timer moved with it: on the day after the old last day the term still runs
    await naar_dag(eigen_server, einde + timedelta(days=1))
    assert "bezwaartermijn_verstreken" not in [g["gebeurtenis"] for g in (await status(handle))["tijdlijn"]]
    await naar_dag(eigen_server, nieuw_einde + timedelta(days=1))
    geboekt = {g["gebeurtenis"]: g["op"] for g in (await status(handle))["tijdlijn"]}
    assert geboekt["bezwaartermijn_verstreken"] == (nieuw_einde + timedelta(days=1)).isoformat()


async def test_domain_3_10_de_overgangsregel_bereikt_alleen_de_zaken_die_zij_noemt(
    eigen_server: WorkflowEnvironment, eigen_werker: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    vandaag_ = await vandaag(eigen_server)
    eerder = await nieuwe_zaak(eigen_server, eigen_werker, vandaag_ - timedelta(days=20))
    nu = await nieuwe_zaak(eigen_server, eigen_werker, vandaag_)
    geopend = beleid_op(vandaag_)
    korter = geopend.termijnen.beslistermijn.model_copy(update={"lengte": 6, "bron": "opvolger (proef)"})
    opvolger = in_het_bestand(
        monkeypatch,
        f"PROEF-OVERGANG-{uuid.uuid4().hex[:6]}",
        termijnen=geopend.termijnen.model_copy(update={"beslistermijn": korter}),
        overgang=Overgangsregel(ontvangen_vanaf=vandaag_ - timedelta(days=10), bron="overgangsrecht (proef)"),
    )
    bericht = m.BeleidGepubliceerd.uit_beleid(opvolger)
    voor = {h.id: (await status(h))["beslistermijn"]["einde"] for h in (eerder, nu)}

    niet_genoemd = await publiceer(eerder, bericht)
    assert niet_genoemd["beslistermijn"]["einde"] == voor[eerder.id]  # A's 9 months
    assert "noemt deze zaak niet" in niet_genoemd["tijdlijn"][-1]["toelichting"]
    await zoekattribuut(eerder, geopend.versie)

    genoemd = await publiceer(nu, bericht)
    einde = genoemd["beslistermijn"]["einde"]
    assert date.fromisoformat(einde) < date.fromisoformat(voor[nu.id])
    uitleg = genoemd["beslistermijn"]["uitleg"]
    assert uitleg["beleid"] == opvolger.versie and uitleg["regel"].startswith("6 maanden")
    assert f"verschoven van {voor[nu.id]} naar {einde} door beleidsversie {opvolger.versie}" in uitleg["stappen"][-1]
    await zoekattribuut(nu, opvolger.versie)


async def test_de_geschiedenis_speelt_af_met_een_gewijzigd_beleidsbestand(
    eigen_server: WorkflowEnvironment, eigen_werker: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The published versions' days and terms travel in the message: a history replays the same
    when the data file no longer holds those versions, or other values under their names, or a
    correction of the version the cases were opened under (in use only for cases opened after them)."""
    assert len(OPGENOMEN) == 3, "the tests above ran first"
    geschiedenissen = [await eigen_server.client.get_workflow_handle(i).fetch_history() for i in OPGENOMEN]
    for geschiedenis in geschiedenissen:
        signalen = [e.workflow_execution_signaled_event_attributes.signal_name for e in geschiedenis.events]
        assert m.SIGNAAL_BELEID_GEPUBLICEERD in signalen
    replayer = Replayer(workflows=[Nareisaanvraag], data_converter=data_converter, workflow_runner=workflow_runner())

    async def speelt_af() -> None:
        for geschiedenis in geschiedenissen:
            resultaat = await replayer.replay_workflow(geschiedenis, raise_on_replay_failure=False)
            assert resultaat.replay_failure is None, resultaat.replay_failure

    await speelt_af()  # the file as shipped: the published versions are gone
    geopend = beleidsdata.BELEID_VERSIES[-1]
    morgen = await vandaag(eigen_server) + timedelta(days=1)
    # six weeks to object: a case reading it would not have lapsed when its recorded timer fired
    langer = geopend.termijnen.model_copy(
        update={"bezwaar": geopend.termijnen.bezwaar.model_copy(update={"lengte": 6})}
    )
    correctie = geopend.model_copy(
        update={
            "versie": f"{geopend.versie}-c1",
            "vervangt": geopend.versie,
            "in_gebruik_vanaf": morgen,
            "termijnen": langer,
        }
    )
    # the published names, later in the file as versions after it, without the day, with six weeks
    anders = []
    for naam in GEPUBLICEERD:
        vanaf = (anders[-1] if anders else geopend).geldig_tot + timedelta(days=1)
        tot = vanaf.replace(year=vanaf.year + 1) - timedelta(days=1)
        wijziging = {"aangewezen_dagen": (), "termijnen": langer, "geldig_vanaf": vanaf, "geldig_tot": tot}
        anders.append(geopend.model_copy(update={"versie": naam, **wijziging}))
    monkeypatch.setattr(beleidsdata, "BELEID_VERSIES", (*beleidsdata.BELEID_VERSIES, correctie, *anders))
    await speelt_af()
