"""Issue 15 item 13 with the real workflow and worker: a case with a known name, birth date,
V-numbers and free text runs through letters, a caseworker's HV and a note; afterwards no
column of any table of the register holds any of them in plain text, the register's reader
gives them back, and the name finds the case."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import asyncpg
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from client.register import RegisterReader
from nareis.register import zoeknormaal
from tests.register.test_versleuteling import _alle_rijen, _leesbaar
from tests.sleutels import kluis
from tests.voorbeelden import aanvraag_data
from tests.workflows.hulp import actie, start, vandaag
from tests.workflows.test_eigen_brieven import TE_LAAT


async def test_niets_persoonlijks_leesbaar_in_het_register(
    werker: Client, tijdreis: WorkflowEnvironment, register_pool: asyncpg.Pool, task_queue: str
) -> None:
    kenmerk = uuid.uuid4().hex[:6]
    naam = f"Dilan Çelik-Şahin {kenmerk}"
    referent, gezinslid = f"7{uuid.uuid4().int % 10**9:09d}", f"6{uuid.uuid4().int % 10**9:09d}"
    toelichting = f"brief kwam terug uit Qamishli {kenmerk}"
    notitie = f"tante in Hasakah belde {kenmerk}"
    dag = await vandaag(tijdreis)
    data = aanvraag_data(
        dag - timedelta(days=5),
        nummer=f"NR-2026-{uuid.uuid4().int % 10**6:06d}-1",
        dagen_na_vergunning=TE_LAAT,  # late: the case sends its own HV letter, quoting the name
        referent__vnummer=referent,
        gezinslid__naam=naam,
        gezinslid__vnummer=gezinslid,
        gezinslid__geboortedatum="1987-11-29",
    )
    nr = data["aanvraagnummer"]
    handle = await start(werker, task_queue, data)
    await actie(handle, "hv_versturen", reden="documenten", ontbrekend=[f"geboorteakte {naam}"], door="bm.jansen")
    await actie(handle, "notitie", tekst=notitie, door="bm.jansen")
    await actie(handle, "hv_reactie_ontvangen", door="bm.jansen")
    await handle.signal("nieuw_bewijs", {"soort": "document", "omschrijving": toelichting})

    lezer = RegisterReader(register_pool, kluis())
    for _ in range(400):  # the register's activities run after the updates
        tijdlijn = await lezer.tijdlijn(nr)
        brieven = await lezer.brieven(nr)
        if len(brieven) >= 2 and any(g["gebeurtenis"] == "nieuw_bewijs" for g in tijdlijn):
            break
        await asyncio.sleep(0.05)
    assert any(naam in b.tekst for b in brieven)
    assert notitie in [g["toelichting"] for g in tijdlijn]
    assert (await lezer.aanvraag(nr) or {})["gezinslid"]["naam"] == naam

    persoonlijk = (naam, zoeknormaal(naam), "1987-11-29", referent, gezinslid, toelichting, notitie, "Qamishli")
    assert _leesbaar(await _alle_rijen(register_pool), persoonlijk) == set()
    assert await lezer.zoek(zoeknormaal(naam).upper()) == [nr]
    assert nr in await lezer.zoek(referent)
