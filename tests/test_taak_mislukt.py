"""Issue 15 item 1: a workflow task that fails is never silent. A real case on the real worker
whose task fails (a programming error in the domain, for this one case only) gives an error line
with its case number, the counter `nareis_workflowtaak_mislukt` on the worker's Prometheus
endpoint, and "staat stil" in the werkvoorraad (Temporal's `TemporalReportedProblems`); once the
error is gone the next attempt succeeds and the flag clears.

On a dev server of this module's own: the time-skipping server sets no such flag, and a task that
keeps failing would hold the shared server's clock (tests/klokwacht.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import socket
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from typing import Any

import asyncpg
import httpx
import pytest
import pytest_asyncio
from temporalio.client import Client
from temporalio.runtime import PrometheusConfig, Runtime, TelemetryConfig
from temporalio.testing import WorkflowEnvironment

from api.app import ApiInstellingen, maak_app
from client import visibility
from client.omzetter import data_converter
from client.settings import Instellingen
from nareis import zaakstatus
from nareis.contract import workflow_id
from nareis.contract.voorbeeld import aanvraag_data
from nareis.tijd import datum_in_amsterdam
from tests.devserver import eigen_dev_server
from tests.sleutels import REGISTER_SLEUTEL
from worker.taakfouten import Foutbericht

pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="session")]

TOKENS = "tl-t:teamleider:T. Leider"


@pytest_asyncio.fixture(loop_scope="session", scope="module")
async def dev() -> AsyncIterator[WorkflowEnvironment]:
    async with eigen_dev_server() as env:
        yield env


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort: int = s.getsockname()[1]
        return poort


async def _tot(voorwaarde: Callable[[], Any], wat: str, seconden: int = 90) -> Any:
    """Until `voorwaarde()` (awaited when it is a coroutine) is truthy; bounded."""
    for _ in range(seconden * 4):
        uitkomst = voorwaarde()
        if asyncio.iscoroutine(uitkomst):
            uitkomst = await uitkomst
        if uitkomst:
            return uitkomst
        await asyncio.sleep(0.25)
    raise AssertionError(f"niet gebeurd binnen {seconden} s: {wat}")


async def test_mislukte_workflowtaak_gelogd_geteld_en_gevlagd(
    dev: WorkflowEnvironment,
    register_pool: asyncpg.Pool,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from worker.draaien import draaiende_worker

    poort = _vrije_poort()
    runtime = Runtime(telemetry=TelemetryConfig(metrics=PrometheusConfig(bind_address=f"127.0.0.1:{poort}")))
    client = await Client.connect(
        dev.client.service_client.config.target_host, data_converter=data_converter, runtime=runtime
    )
    vandaag = datum_in_amsterdam(datetime.now(UTC))
    nummer = f"NR-2026-{uuid.uuid4().int % 10**6:06d}-1"
    echt = zaakstatus.status

    def met_fout(zaak: Any, dag: Any) -> Any:
        if zaak.aanvraag.aanvraagnummer == nummer:
            raise RuntimeError("programmeerfout (proef): alleen voor deze zaak")
        return echt(zaak, dag)

    monkeypatch.setattr(zaakstatus, "status", met_fout)  # nareis is passed through the sandbox
    caplog.set_level(logging.ERROR, logger="nareis.taakfout")
    caplog.set_level(logging.WARNING)
    wachtrij = f"taakfout-{uuid.uuid4().hex[:8]}"
    instellingen = Instellingen(register_key=REGISTER_SLEUTEL, task_queue=wachtrij, api_tokens=TOKENS)
    async with draaiende_worker(client, instellingen, register_pool):
        handle = await client.start_workflow(
            "Nareisaanvraag", aanvraag_data(vandaag, nummer=nummer), id=workflow_id(nummer), task_queue=wachtrij
        )
        # the log line names the case
        regels = await _tot(
            lambda: [r.getMessage() for r in caplog.records if r.name == "nareis.taakfout"], "een logregel"
        )
        assert regels[0].startswith(f"zaak {nummer}: workflowtaak mislukt (RuntimeError)"), regels
        assert "programmeerfout" not in regels[0]  # the message may quote personal data: never logged
        sdk = [r for r in caplog.records if r.name == "temporalio.worker._workflow_instance" and r.exc_info]
        # the SDK's own record keeps the traceback (whose source lines quote this test's code), not the text
        assert sdk and all(isinstance(r.exc_info[1], Foutbericht) for r in sdk if r.exc_info)
        assert all("programmeerfout" not in str(r.exc_info[1]) for r in sdk if r.exc_info)
        laatste = logging.Formatter().format(sdk[0]).splitlines()[-1]
        assert laatste.endswith("Foutbericht: RuntimeError: bericht weggelaten (het kan persoonsgegevens aanhalen)")
        # the counter, on the worker's endpoint
        teller = await _tot(lambda: _teller(poort), "nareis_workflowtaak_mislukt op /metrics")
        assert teller >= 1
        # the werkvoorraad: filter and flag (after two failures in a row the server sets it)
        rijen = await _tot(
            lambda: visibility.cases(client, visibility.query(taak_mislukt=True), vandaag), "de vlag in visibility"
        )
        assert [(r["aanvraagnummer"], r["taak_mislukt"]) for r in rijen] == [(nummer, True)]
        html = await _werkvoorraad(instellingen, client, taak_mislukt="ja")
        assert re.search(rf"/zaken/{nummer}\".*?staat stil: workflowtaak mislukt", html, re.S), html
        # fixed: the next attempt succeeds, the case goes on and the flag clears
        monkeypatch.setattr(zaakstatus, "status", echt)
        await _tot(lambda: _zonder_vlag(client, vandaag, nummer), "de vlag weg na een geslaagde taak", seconden=120)
        assert (await handle.query("status", result_type=dict))["aanvraagnummer"] == nummer
        await handle.terminate(reason="proef klaar")


async def _teller(poort: int) -> float:
    with contextlib.suppress(httpx.HTTPError):
        async with httpx.AsyncClient() as http:
            tekst = (await http.get(f"http://127.0.0.1:{poort}/metrics", timeout=2)).text
        for regel in tekst.splitlines():
            if regel.startswith("nareis_workflowtaak_mislukt") and 'fout="RuntimeError"' in regel:
                return float(regel.rsplit(" ", 1)[1])
    return 0.0


async def _zonder_vlag(client: Client, vandaag: Any, nummer: str) -> bool:
    rijen = await visibility.cases(client, visibility.query(), vandaag)
    return any(r["aanvraagnummer"] == nummer and not r["taak_mislukt"] for r in rijen)


async def _werkvoorraad(instellingen: Instellingen, client: Client, **parameters: str) -> str:
    app = maak_app(instellingen, client, api=ApiInstellingen())
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://schermen") as browser:
        csrf = re.search(r'name="csrf" value="([^"]+)"', (await browser.get("/inloggen")).text)
        assert csrf
        await browser.post("/inloggen", data={"csrf": csrf.group(1), "token": "tl-t"})
        antwoord = await browser.get("/werkvoorraad", params={"weergave": "alle", **parameters})
    assert antwoord.status_code == 200, antwoord.text
    return antwoord.text
