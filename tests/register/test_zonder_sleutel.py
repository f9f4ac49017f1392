"""The register without a key (CONTRACT.md "Processes and configuration": the worker needs only
TEMPORAL_*, NAREIS_TASK_QUEUE and NAREIS_DATABASE_URL; NAREIS_CODEC_KEY is optional): plain
mode, like the codec's. The worker and the API start and warn; the rows are readable and
found; a key set later still reads them, and the worker's start-up pass encrypts them.
`NAREIS_CODEC_KEY` alone is the register's ring too."""

from __future__ import annotations

import asyncio
import base64
import logging
import os
import signal
import sys
import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

import asyncpg
import httpx
import pytest
from temporalio.testing import WorkflowEnvironment

from activities.register import Register
from activities.versleutelen import versleutel_register
from api.app import ApiInstellingen, maak_app
from client.omzetter import data_converter
from client.register import RegisterReader
from client.registerkluis import GEEN_SLEUTEL, WAARSCHUWING, Registerfout, Sleutelring, sleutelring
from client.settings import ConfiguratieFout, Instellingen
from nareis.register import VERSLEUTELD
from tests.register.test_versleuteling import (
    GEBOORTEDATUM,
    NAAM,
    REFERENT,
    VRIJE_TEKST,
    _alle_rijen,
    _leesbaar,
    _sleutels_in_gebruik,
    _spec,
    _worker,
    _zaak,
)
from tests.voorbeelden import aanvraag_data
from tests.workflows.hulp import start, vandaag
from worker.binaries import temporal_test_server

pytestmark = pytest.mark.asyncio(loop_scope="session")

T = TypeVar("T")

PLAT = Sleutelring([])
TOKENS = "tok-l:lezer"


def _zonder_sleutels(dsn: str, **extra: str) -> dict[str, str]:
    omgeving = {k: v for k, v in os.environ.items() if k not in ("NAREIS_REGISTER_KEY", "NAREIS_CODEC_KEY")}
    return {**omgeving, "NAREIS_DATABASE_URL": dsn, "NAREIS_DATA_DIR": "/nonexistent-nareis", **extra}


async def test_welke_sleutelring() -> None:
    """`NAREIS_REGISTER_KEY`, else `NAREIS_CODEC_KEY`, else plain mode; a bad key names its variable."""
    eigen, codec = _spec(("r2026a", 1)), _spec(("c2026a", 2), ("c2025a", 3))
    assert sleutelring(Instellingen(register_key=eigen, codec_key=codec)).sleutel_ids == ("r2026a",)
    assert sleutelring(Instellingen(codec_key=codec)).sleutel_ids == ("c2026a", "c2025a")
    plat = sleutelring(Instellingen())
    assert not plat.versleutelt and plat.sleutel_ids == ()
    with pytest.raises(ConfiguratieFout, match="NAREIS_REGISTER_KEY: sleutel 'k' is 16 bytes"):
        sleutelring(Instellingen(register_key="k:" + base64.b64encode(bytes(16)).decode()))
    with pytest.raises(ConfiguratieFout, match="NAREIS_CODEC_KEY: sleutel 'k' is 16 bytes"):
        sleutelring(Instellingen(codec_key="k:" + base64.b64encode(bytes(16)).decode()))


async def test_onversleuteld_leesbaar_vindbaar_en_later_versleuteld(register_dsn: str) -> None:
    pool = await asyncpg.create_pool(register_dsn, min_size=1, max_size=3)
    try:
        aanvraag = await _zaak(Register(pool, PLAT))
        nr = aanvraag["aanvraagnummer"]
        # stored as version 0 in the _geheim columns, plain ones empty: readable in the tables
        assert await _sleutels_in_gebruik(pool) == {GEEN_SLEUTEL}
        assert _leesbaar(await _alle_rijen(pool)) >= {NAAM, GEBOORTEDATUM, VRIJE_TEKST}
        assert await versleutel_register(pool, PLAT) == dict.fromkeys(VERSLEUTELD, 0)  # nothing to do
        plat = RegisterReader(pool, PLAT)
        assert await plat.aanvraag(nr) == aanvraag
        assert await plat.zoek("ayse yilmaz-ozdemir") == [nr]
        assert await plat.zoek(REFERENT) == [nr]

        # a key set later: it reads and finds them before the worker's start-up pass ...
        ring = Sleutelring.uit_spec(_spec(("r2026a", 1)))
        lezer = RegisterReader(pool, ring)
        assert await lezer.aanvraag(nr) == aanvraag
        assert await lezer.zoek(NAAM) == [nr]
        brieven = [b.tekst for b in await lezer.brieven(nr)]
        assert brieven and VRIJE_TEKST in brieven[0]
        # ... which encrypts them under its first key, hashes keyed
        assert await versleutel_register(pool, ring) == {"aanvraag": 1, "gebeurtenis": 3, "brief": 1, "verzoek": 1}
        assert await _sleutels_in_gebruik(pool) == {"r2026a"}
        assert _leesbaar(await _alle_rijen(pool)) == set()
        assert await lezer.aanvraag(nr) == aanvraag
        assert await lezer.zoek(NAAM) == [nr] and await lezer.zoek(REFERENT) == [nr]
        assert [b.tekst for b in await lezer.brieven(nr)] == brieven
        assert await plat.zoek(NAAM) == []  # the unkeyed hash is gone
        with pytest.raises(Registerfout, match="onbekende sleutel 'r2026a'"):
            await plat.aanvraag(nr)
        assert await versleutel_register(pool, ring) == dict.fromkeys(VERSLEUTELD, 0)
    finally:
        await pool.close()


async def test_herversleutelen_met_alleen_de_codecsleutel(register_dsn: str) -> None:
    """`python -m worker herversleutelen` with only NAREIS_CODEC_KEY: its ring encrypts the plain rows."""
    pool = await asyncpg.create_pool(register_dsn, min_size=1, max_size=2)
    try:
        await _zaak(Register(pool, PLAT))
        code, _, fout = await _worker("herversleutelen", omgeving=_zonder_sleutels(register_dsn))
        assert code == 2 and "NIET versleuteld" in fout
        codec = _spec(("c2026a", 4))
        code, uit, fout = await _worker(
            "herversleutelen", omgeving=_zonder_sleutels(register_dsn, NAREIS_CODEC_KEY=codec)
        )
        assert code == 0, fout
        assert uit.strip() == "opnieuw versleuteld met c2026a: aanvraag 1, gebeurtenis 3, brief 1, verzoek 1"
        assert await _sleutels_in_gebruik(pool) == {"c2026a"}
        assert _leesbaar(await _alle_rijen(pool)) == set()
        code, uit, fout = await _worker(
            "dossier", "NR-2026-000777-1", "--brieven", omgeving=_zonder_sleutels(register_dsn, NAREIS_CODEC_KEY=codec)
        )
        assert code == 0, fout
        assert VRIJE_TEKST in uit
    finally:
        await pool.close()


async def _regels_tot(stroom: asyncio.StreamReader, teken: str) -> list[str]:
    regels: list[str] = []
    while not any(teken in r for r in regels):
        regel = await stroom.readline()
        if not regel:
            raise AssertionError("worker stopte:\n" + "".join(regels))
        regels.append(regel.decode())
    return regels


async def test_worker_zonder_sleutel_start_en_werkt(register_dsn: str) -> None:
    """`python -m worker` with only the contract's variables: it starts, warns, and writes a
    case and its receipt letter to the register, readable and found without a key.
    On a server of its own: the case is left running when the worker stops."""
    env = await WorkflowEnvironment.start_time_skipping(
        data_converter=data_converter, test_server_existing_path=str(temporal_test_server())
    )
    pool = await asyncpg.create_pool(register_dsn, min_size=1, max_size=2)
    wachtrij = f"zonder-sleutel-{uuid.uuid4().hex[:6]}"
    omgeving = _zonder_sleutels(
        register_dsn,
        TEMPORAL_ADDRESS=env.client.service_client.config.target_host,
        NAREIS_TASK_QUEUE=wachtrij,
        NAREIS_LOG_FORMAT="tekst",
    )
    proces = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "worker", env=omgeving, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    try:
        assert proces.stdout is not None
        regels = await asyncio.wait_for(_regels_tot(proces.stdout, "worker draait"), 60)
        assert any("WARNING" in r and "NIET versleuteld" in r for r in regels), regels

        nr = f"NR-PLAT-{uuid.uuid4().hex[:6]}-1"
        dag = await vandaag(env)
        data = aanvraag_data(
            dag - timedelta(days=5),
            nummer=nr,
            dagen_na_vergunning=120,
            referent__vnummer=REFERENT,
            gezinslid__naam=NAAM,
        )
        await start(env.client, wachtrij, data)
        lezer = RegisterReader(pool, PLAT)
        brieven = await _wacht(lambda: lezer.brieven(nr))
        assert brieven[0].soort == "ontvangstbevestiging" and NAAM in brieven[0].tekst
        assert await _wacht(lambda: lezer.zoek("AYSE yilmaz-özdemir")) == [nr]
        assert (await lezer.aanvraag(nr) or {})["gezinslid"]["naam"] == NAAM
        assert nr in await lezer.zoek(REFERENT)
        # the API on the same register without a key: starts, warns, serves the letter
        await _api_zonder_sleutel(register_dsn, nr)
    finally:
        if proces.returncode is None:
            proces.send_signal(signal.SIGTERM)
        rest = await asyncio.wait_for(proces.communicate(), 60)
        await pool.close()
        await env.shutdown()
    assert proces.returncode == 0, rest


async def _wacht(lees: Callable[[], Awaitable[T]]) -> T:
    for _ in range(600):
        if uitkomst := await lees():
            return uitkomst
        await asyncio.sleep(0.05)
    raise AssertionError("niets in het register")


async def _api_zonder_sleutel(dsn: str, nr: str) -> None:
    logger = logging.getLogger("nareis.register")
    gezien: list[str] = []
    vanger = logging.Handler()
    vanger.emit = lambda record: gezien.append(record.getMessage())  # type: ignore[method-assign]
    logger.addHandler(vanger)
    try:
        app = maak_app(
            Instellingen(temporal_address="127.0.0.1:1", api_tokens=TOKENS, database_url=dsn),
            api=ApiInstellingen(),
        )
    finally:
        logger.removeHandler(vanger)
    assert gezien == [WAARSCHUWING]
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api") as http:
        antwoord = await http.get(f"/aanvragen/{nr}/brieven", headers={"Authorization": "Bearer tok-l"})
    assert antwoord.status_code == 200, antwoord.text
    assert NAAM in antwoord.json()[0]["tekst"]
