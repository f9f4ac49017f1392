"""Issue #9.4: the same update or signal sent twice is recorded once — in the case, on its
timeline and in the register (CONTRACT.md: update ids and the API's Idempotency-Key; evidence
with the same soort, omschrijving and op)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from temporalio.client import Client, WorkflowHandle, WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError

from nareis.tijd import datum_in_amsterdam
from tests.resilience.conftest import DEV_TASK_QUEUE
from tests.resilience.hulp import nummer, register_tijdlijn, rustig, taakfouten, vnummer
from tests.voorbeelden import aanvraag_data
from tests.workflows.hulp import start, status

pytestmark = pytest.mark.asyncio(loop_scope="session")

INTAKE = {"Authorization": "Bearer intake-t"}
BEHANDELAAR = {"Authorization": "Bearer beh-t"}


async def nieuwe_zaak(client: Client) -> WorkflowHandle[Any, Any]:
    vandaag = datum_in_amsterdam(datetime.now(UTC))
    data = aanvraag_data(vandaag, nummer=nummer("NR-DUB"), referent__vnummer=vnummer())
    handle = await start(client, DEV_TASK_QUEUE, data)
    await rustig(handle, seconden=30)
    return handle


def _aantal(tijdlijn: list[dict[str, Any]], gebeurtenis: str) -> int:
    return sum(1 for g in tijdlijn if g["gebeurtenis"] == gebeurtenis)


async def _eenmaal_vastgelegd(handle: WorkflowHandle[Any, Any], dsn: str, gebeurtenis: str) -> None:
    await rustig(handle, seconden=30)
    toestand = await status(handle)
    assert _aantal(toestand["tijdlijn"], gebeurtenis) == 1
    rijen = await register_tijdlijn(dsn, handle.id.removeprefix("nareis-"))
    assert _aantal(rijen, gebeurtenis) == 1
    assert len([r for r in rijen if r["volgorde"] == 0]) == len(toestand["tijdlijn"])
    assert await taakfouten(handle) == []


async def test_dezelfde_update_id_na_elkaar_en_tegelijk_telt_eenmaal(dev_werker: Client, dev_register: str) -> None:
    handle = await nieuwe_zaak(dev_werker)
    payload = {"reden": "documenten", "ontbrekend": ["paspoort"], "door": "bm1"}
    eerste = await handle.execute_update("hv_versturen", payload, id="hv-1", result_type=dict)
    tweede = await handle.execute_update("hv_versturen", payload, id="hv-1", result_type=dict)
    assert tweede == eerste  # the second call gets the first one's outcome
    assert len(eerste["herstel_verzuim"]) == 1
    # the same id twice at once
    uitkomsten = await asyncio.gather(
        *(handle.execute_update("hv_reactie_ontvangen", {}, id="reactie-1", result_type=dict) for _ in range(2))
    )
    assert uitkomsten[0] == uitkomsten[1]
    await _eenmaal_vastgelegd(handle, dev_register, "hv_versturen")
    await _eenmaal_vastgelegd(handle, dev_register, "hv_reactie_ontvangen")
    # under another id the same HV is a second action, which the case refuses (one per
    # ground): the repeat above got the first outcome because of its id
    with pytest.raises(WorkflowUpdateFailedError) as fout:
        await handle.execute_update("hv_versturen", payload, id="hv-2", result_type=dict)
    assert isinstance(fout.value.cause, ApplicationError) and fout.value.cause.type == "Weigering"


async def test_dezelfde_idempotency_key_via_de_api_telt_eenmaal(
    dev_http: httpx.AsyncClient, dev_werker: Client, dev_register: str
) -> None:
    vandaag = datum_in_amsterdam(datetime.now(UTC))
    data = aanvraag_data(vandaag, nummer=nummer("NR-DUB"), referent__vnummer=vnummer())
    assert (await dev_http.post("/aanvragen", json=data, headers=INTAKE)).status_code == 201
    pad = f"/aanvragen/{data['aanvraagnummer']}/feiten_vastleggen"
    kop = {**BEHANDELAAR, "Idempotency-Key": "feiten-1"}
    body = {"feiten": {"identiteit_aannemelijk": True}}
    antwoorden = [await dev_http.post(pad, json=body, headers=kop) for _ in range(2)]
    assert [a.status_code for a in antwoorden] == [200, 200]
    assert antwoorden[0].json() == antwoorden[1].json()
    handle = dev_werker.get_workflow_handle(f"nareis-{data['aanvraagnummer']}")
    await _eenmaal_vastgelegd(handle, dev_register, "feiten_vastleggen")


async def test_hetzelfde_bewijs_tweemaal_eenmaal_vastgelegd(
    dev_http: httpx.AsyncClient, dev_werker: Client, dev_register: str
) -> None:
    handle = await nieuwe_zaak(dev_werker)
    bewijs = {"soort": "paspoort", "omschrijving": "kopie paspoort gezinslid"}
    await handle.signal("nieuw_bewijs", bewijs)
    await handle.signal("nieuw_bewijs", bewijs)
    # and once more through the API, the same evidence
    nr = handle.id.removeprefix("nareis-")
    assert (await dev_http.post(f"/aanvragen/{nr}/bewijs", json=bewijs, headers=INTAKE)).status_code == 202
    await _eenmaal_vastgelegd(handle, dev_register, "nieuw_bewijs")
    # other evidence is recorded beside it
    await handle.signal("nieuw_bewijs", {**bewijs, "omschrijving": "geboorteakte"})
    await rustig(handle, seconden=30)
    assert _aantal((await status(handle))["tijdlijn"], "nieuw_bewijs") == 2
