"""With `NAREIS_CODEC_KEY` set, Temporal's history holds no personal data in plain text; the
codec server gives it back to an authorised user of the Temporal UI."""

from __future__ import annotations

import base64
import uuid
from datetime import date

import asyncpg
import httpx
import pytest
from temporalio.api.common.v1 import Payload
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from api.app import ApiInstellingen, maak_app
from client.codec import codec_uit_sleutels
from client.connect import data_converter
from client.settings import Instellingen
from nareis.tijd import datum_in_amsterdam
from tests.sleutels import REGISTER_SLEUTEL
from tests.voorbeelden import aanvraag_data

pytestmark = pytest.mark.asyncio(loop_scope="session")

SLEUTEL = f"test2026:{base64.b64encode(bytes(range(100, 132))).decode()}"
NAAM = "Zeynep Versleuteld-Testpersoon"
GEBOORTEDATUM = "1993-04-17"


async def _cli_zonder_sleutel_weigert(
    zonder_codec: Client, task_queue: str, nr: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from temporalio.api.enums.v1 import EventType

    from cli.zaak import ONGELDIG, voer_uit

    handle = zonder_codec.get_workflow_handle(f"nareis-{nr}")

    async def updates() -> int:
        soort = (
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ADMITTED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
        )
        return sum(e.event_type in soort for e in (await handle.fetch_history()).events)

    voor = await updates()
    capsys.readouterr()
    for argv in (["actie", nr, "screening_uitslag", "--signalen", "1F"], ["status", nr]):
        code = await voer_uit(argv, client=zonder_codec, instellingen=Instellingen(task_queue=task_queue))
        assert code == ONGELDIG
        fout = capsys.readouterr().err
        assert fout.count("\n") == 1 and "NAREIS_CODEC_KEY" in fout and "niets uitgevoerd" in fout, fout
    assert await updates() == voor  # no action reached the case


async def test_versleutelde_geschiedenis_bevat_geen_naam(
    eigen_tijdreis: WorkflowEnvironment, register_pool: asyncpg.Pool, capsys: pytest.CaptureFixture[str]
) -> None:
    from worker.draaien import draaiende_worker

    # its own queue and worker (the session worker has no codec); the case is terminated
    # before the worker stops, so no task is left outstanding to hold up time skipping
    task_queue = f"versleuteld-{uuid.uuid4().hex[:8]}"

    instellingen = Instellingen(
        register_key=REGISTER_SLEUTEL, task_queue=task_queue, codec_key=SLEUTEL, api_tokens="t:intake,l:lezer"
    )
    versleuteld = Client(
        eigen_tijdreis.client.service_client,
        namespace=eigen_tijdreis.client.namespace,
        data_converter=data_converter(instellingen),
    )
    heden: date = datum_in_amsterdam(await eigen_tijdreis.get_current_time())
    data = aanvraag_data(
        heden,
        nummer=f"NR-2026-{task_queue[-6:]}-1",
        gezinslid__naam=NAAM,
        gezinslid__geboortedatum=GEBOORTEDATUM,
    )
    async with draaiende_worker(versleuteld, instellingen, register_pool):
        app = maak_app(instellingen, versleuteld, api=ApiInstellingen(), vandaag=lambda: heden)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://api",
            headers={"Authorization": "Bearer t"},
        ) as http:
            antwoord = await http.post("/aanvragen", json=data)
            assert antwoord.status_code == 201, antwoord.text
            # a client WITHOUT the codec reads the raw history
            geschiedenis = await eigen_tijdreis.client.get_workflow_handle(
                f"nareis-{data['aanvraagnummer']}"
            ).fetch_history()
            ruw = b"".join(event.SerializeToString() for event in geschiedenis.events)
            for geheim in (NAAM, GEBOORTEDATUM, data["referent"]["geboortedatum"]):
                assert geheim.encode() not in ruw, geheim

            # the payloads are there, encrypted: the codec server (as the UI uses it) decodes
            invoer = geschiedenis.events[0].workflow_execution_started_event_attributes.input
            [payload] = invoer.payloads
            assert payload.metadata["encoding"] == b"binary/encrypted"
            assert payload.metadata["encryption-key-id"] == b"test2026"
            assert (await codec_uit_sleutels(SLEUTEL).decode([payload]))[0].data.find(NAAM.encode()) >= 0
            gedecodeerd = await http.post(
                "/codec/decode",
                json={
                    "payloads": [
                        {
                            "metadata": {k: base64.b64encode(v).decode() for k, v in payload.metadata.items()},
                            "data": base64.b64encode(payload.data).decode(),
                        }
                    ]
                },
                headers={"Authorization": "Bearer l", "X-Namespace": eigen_tijdreis.client.namespace},
            )
            assert gedecodeerd.status_code == 200
            platte = Payload(data=base64.b64decode(gedecodeerd.json()["payloads"][0]["data"]))
            assert NAAM.encode() in platte.data

        # issue 15 item 14: the caseworker CLI without the key refuses before acting, in one line
        await _cli_zonder_sleutel_weigert(eigen_tijdreis.client, task_queue, data["aanvraagnummer"], capsys)
        await versleuteld.get_workflow_handle(f"nareis-{data['aanvraagnummer']}").terminate()
