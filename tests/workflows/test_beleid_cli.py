"""`python -m worker beleid` and `beleid publiceren` (issue #16 §2, §3): the open cases per version
come from the search attribute NareisBeleid and publishing fans out over visibility, which the
time-skipping server does not implement, so these run on a Temporal dev server of their own."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

import asyncpg
import pytest
import pytest_asyncio
from rich.console import Console
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from cli.beleid import voer_uit
from client.omzetter import data_converter
from client.settings import Instellingen
from nareis.beleid import BELEID_VERSIES, Beleid, Overgangsregel
from nareis.tijd import AMSTERDAM
from tests.sleutels import REGISTER_SLEUTEL
from tests.voorbeelden import aanvraag_data
from tests.workflows.hulp import start, status
from tests.workflows.test_levensloop import nummer, referent_vnummer, weiger
from worker.binaries import temporal_cli
from workflows import zoekattributen as za

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest_asyncio.fixture(loop_scope="session", scope="module")
async def dev_werker(register_pool: asyncpg.Pool) -> AsyncIterator[tuple[Client, str]]:
    from worker.draaien import draaiende_worker

    env = await WorkflowEnvironment.start_local(
        data_converter=data_converter, search_attributes=za.ALLE, dev_server_existing_path=str(temporal_cli())
    )
    task_queue = f"nareis-beleid-cli-{uuid.uuid4().hex[:8]}"
    instellingen = Instellingen(register_key=REGISTER_SLEUTEL, task_queue=task_queue, zoekattributen_registreren=False)
    try:
        async with draaiende_worker(env.client, instellingen, register_pool):
            yield env.client, task_queue
    finally:
        await env.shutdown()


def opvolger() -> Beleid:
    """A version after the last one, whose transitional rule names the cases received from today."""
    laatste = BELEID_VERSIES[-1]
    vandaag = datetime.now(AMSTERDAM).date()
    korter = laatste.termijnen.beslistermijn.model_copy(update={"lengte": 6, "bron": "opvolger (proef)"})
    return laatste.model_copy(
        update={
            "versie": "PROEF-OPVOLGER",
            "geldig_vanaf": laatste.geldig_tot + timedelta(days=1),
            "geldig_tot": laatste.geldig_tot + timedelta(days=366),
            "termijnen": laatste.termijnen.model_copy(update={"beslistermijn": korter}),
            "overgang": Overgangsregel(ontvangen_vanaf=vandaag, bron="overgangsrecht (proef)"),
        }
    )


async def test_lijst_en_publiceren_naar_de_lopende_zaken(
    dev_werker: tuple[Client, str], capsys: pytest.CaptureFixture[str]
) -> None:
    client, task_queue = dev_werker
    versies = (*BELEID_VERSIES, opvolger())

    async def beleid(*argv: str) -> tuple[int, Any, str]:
        capsys.readouterr()
        code = await voer_uit(list(argv), client=client, versies=versies, console=Console(width=200))
        uit = capsys.readouterr()
        return code, json.loads(uit.out) if "--json" in argv and code == 0 else uit.out, uit.err

    async def open_zaken(versie: str, verwacht: int) -> dict[str, Any]:
        einde = time.monotonic() + 20  # visibility follows the upserts shortly after
        while True:
            code, lijst, err = await beleid("lijst", "--json")
            assert code == 0, err
            per_versie = {v["versie"]: v["open_zaken"] for v in lijst["versies"]}
            if per_versie[versie] == verwacht:
                return lijst  # type: ignore[no-any-return]
            assert time.monotonic() < einde, lijst
            await asyncio.sleep(0.3)

    vandaag = datetime.now(AMSTERDAM).date()
    geopend = BELEID_VERSIES[-1].versie
    handles = []
    for ontvangen in (vandaag, vandaag - timedelta(days=3)):
        data = aanvraag_data(ontvangen, nummer=nummer(), referent__vnummer=referent_vnummer())
        handles.append(await start(client, task_queue, data))
    lijst = await open_zaken(geopend, 2)
    assert lijst["open_zaken_zonder_versie"] == 0
    assert {v["versie"]: v["open_zaken"] for v in lijst["versies"]}["PROEF-OPVOLGER"] == 0

    code, uitkomst, err = await beleid("publiceren", "PROEF-OPVOLGER", "--json")
    assert code == 0, err
    assert sorted(uitkomst["verstuurd"]) == sorted(h.id.removeprefix("nareis-") for h in handles)
    # the rule names the case received today only; the other keeps the version it was opened under
    lijst = await open_zaken("PROEF-OPVOLGER", 1)
    assert {v["versie"]: v["open_zaken"] for v in lijst["versies"]}[geopend] == 1
    nu, eerder = [await status(h) for h in handles]
    assert nu["beslistermijn"]["uitleg"]["beleid"] == "PROEF-OPVOLGER"
    assert eerder["beslistermijn"]["uitleg"]["beleid"] == geopend

    # again, to one case: the case takes a version once
    code, tekst, err = await beleid("publiceren", "PROEF-OPVOLGER", "--zaak", handles[0].id.removeprefix("nareis-"))
    assert code == 0 and "verstuurd naar 1 lopende zaken" in tekst, err
    await weiger(handles[0], "toewijzen", "al toegewezen", behandelaar=None)  # handled after the signal
    tijdlijn = (await status(handles[0]))["tijdlijn"]
    assert [g["gebeurtenis"] for g in tijdlijn].count("beleid_gepubliceerd") == 1

    code, tekst, err = await beleid("lijst")
    assert code == 0 and "PROEF-OPVOLGER  geldig" in tekst and "open zaken: 1" in tekst


async def test_publiceren_weigert_een_onbekende_versie_of_zaak(
    dev_werker: tuple[Client, str], capsys: pytest.CaptureFixture[str]
) -> None:
    client, _ = dev_werker
    code = await voer_uit(["publiceren", "BESTAAT-NIET"], client=client)
    assert code == 1 and "onbekende versie 'BESTAAT-NIET'" in capsys.readouterr().err
    code = await voer_uit(["publiceren", BELEID_VERSIES[-1].versie, "--zaak", "NR-0000-000000-0"], client=client)
    assert code == 1 and "geen lopende zaak NR-0000-000000-0" in capsys.readouterr().err
