"""Observability: the worker's Prometheus endpoint, JSON log lines, OpenTelemetry traces.

Server tests run on a Temporal dev server of their own (a worker process is started and
stopped here, which the shared time-skipping server would not survive).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import socket
import sys
import threading
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import asyncpg
import httpx
import pytest
import pytest_asyncio
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from temporalio.client import Client, WorkflowQueryFailedError
from temporalio.testing import WorkflowEnvironment

from benchmarks.meten import volledige_collecties
from client.omzetter import data_converter
from client.settings import ConfiguratieFout, Instellingen
from client.tracing import otlp_tracer_provider, tracing_interceptors
from nareis.tijd import AMSTERDAM
from tests.sleutels import REGISTER_SLEUTEL
from tests.voorbeelden import aanvraag_data
from worker.binaries import temporal_cli
from worker.logboek import JsonOpmaak, opmaak
from workflows import zoekattributen as za

ROOT = Path(__file__).resolve().parents[1]


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _aanvraag() -> dict[str, Any]:
    nummer = f"NR-2026-{uuid.uuid4().int % 10**6:06d}-1"
    return aanvraag_data(
        datetime.now(AMSTERDAM).date(), nummer=nummer, referent__vnummer=f"{uuid.uuid4().int % 10**10:010d}"
    )


async def _status(client: Client, werkstroom_id: str, seconden: float = 30) -> dict[str, Any]:
    einde = time.monotonic() + seconden
    while True:
        try:
            return dict(await client.get_workflow_handle(werkstroom_id).query("status", result_type=dict))
        except WorkflowQueryFailedError:
            if time.monotonic() > einde:
                raise
            await asyncio.sleep(0.2)


# --- settings and log lines (no server) ------------------------------------------------


def test_instellingen_lezen_logformaat_en_otlp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NAREIS_LOG_FORMAT", "JSON")
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")
    instellingen = Instellingen.uit_omgeving()
    assert (instellingen.log_formaat, instellingen.otlp_endpoint) == ("json", "http://collector:4318")
    monkeypatch.setenv("NAREIS_LOG_FORMAT", "xml")
    with pytest.raises(ConfiguratieFout, match="NAREIS_LOG_FORMAT"):
        Instellingen.uit_omgeving()


def test_zonder_otlp_geen_tracing() -> None:
    assert tracing_interceptors(Instellingen()) == []


def test_json_regel_met_temporal_context_en_uitzondering() -> None:
    try:
        raise ValueError("kapot")
    except ValueError:
        record = logging.LogRecord("nareis.x", logging.WARNING, __file__, 1, "zaak %s", ("NR-1",), sys.exc_info())
    record.temporal_workflow = {"workflow_id": "nareis-NR-1", "attempt": 1, "onbekend": object()}
    regel = json.loads(JsonOpmaak().format(record))
    assert regel["level"] == "WARNING" and regel["logger"] == "nareis.x" and regel["message"] == "zaak NR-1"
    assert regel["workflow"] == {"workflow_id": "nareis-NR-1", "attempt": 1}
    assert "ValueError: kapot" in regel["exception"]
    assert datetime.fromisoformat(regel["time"]).tzinfo == UTC
    with pytest.raises(ConfiguratieFout, match="NAREIS_LOG_FORMAT"):
        opmaak("xml")


# --- OTLP export (a real HTTP collector) -----------------------------------------------


class _Collector(BaseHTTPRequestHandler):
    ontvangen: ClassVar[list[tuple[str, str, bytes]]] = []

    def do_POST(self) -> None:
        lengte = int(self.headers.get("content-length", 0))
        self.ontvangen.append((self.path, self.headers.get("content-type", ""), self.rfile.read(lengte)))
        self.send_response(200)
        self.send_header("content-type", "application/x-protobuf")
        self.end_headers()

    def log_message(self, *_: Any) -> None:
        pass


@pytest.fixture
def collector() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Collector)
    draad = threading.Thread(target=server.serve_forever, daemon=True)
    draad.start()
    _Collector.ontvangen = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_otlp_provider_stuurt_spans_naar_de_collector(collector: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", collector)
    monkeypatch.setenv("OTEL_SERVICE_NAME", "nareis-proef")
    provider = otlp_tracer_provider()
    with provider.get_tracer("proef").start_as_current_span("proefspan"):
        pass
    provider.shutdown()
    [(pad, soort, inhoud)] = _Collector.ontvangen
    assert pad == "/v1/traces" and soort == "application/x-protobuf"
    verzoek = ExportTraceServiceRequest.FromString(inhoud)
    [bron] = verzoek.resource_spans
    assert {a.key: a.value.string_value for a in bron.resource.attributes}["service.name"] == "nareis-proef"
    assert [s.name for s in bron.scope_spans[0].spans] == ["proefspan"]


# --- on a dev server ---------------------------------------------------------------------


@pytest_asyncio.fixture(loop_scope="session", scope="module")
async def dev_server() -> AsyncIterator[WorkflowEnvironment]:
    env = await WorkflowEnvironment.start_local(
        data_converter=data_converter,
        search_attributes=za.ALLE,
        dev_server_existing_path=str(temporal_cli()),
    )
    yield env
    await env.shutdown()


@pytest.mark.slow
@pytest.mark.asyncio(loop_scope="session")
async def test_tracing_spans_van_start_tot_activiteit(
    dev_server: WorkflowEnvironment, register_pool: asyncpg.Pool
) -> None:
    from worker.draaien import draaiende_worker

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    interceptors = tracing_interceptors(Instellingen(), tracer=provider.get_tracer("nareis-proef"))
    client = Client(**{**dev_server.client.config(), "interceptors": interceptors})
    instellingen = Instellingen(
        register_key=REGISTER_SLEUTEL,
        task_queue=f"nareis-otel-{uuid.uuid4().hex[:8]}",
        zoekattributen_registreren=False,
    )
    data = _aanvraag()
    werkstroom_id = f"nareis-{data['aanvraagnummer']}"
    async with draaiende_worker(client, instellingen, register_pool):
        handle = await client.start_workflow(
            "Nareisaanvraag", data, id=werkstroom_id, task_queue=instellingen.task_queue
        )
        await _status(client, werkstroom_id)
        await handle.execute_update("termijn_verlengen", {"reden": "complex"}, result_type=dict)
        einde = time.monotonic() + 30
        while not any(s.name == "RunActivity:register_vastleggen" for s in exporter.get_finished_spans()):
            assert time.monotonic() < einde, [s.name for s in exporter.get_finished_spans()]
            await asyncio.sleep(0.2)
    spans = exporter.get_finished_spans()
    namen = {s.name for s in spans}
    assert {
        "StartWorkflow:Nareisaanvraag",
        "RunWorkflow:Nareisaanvraag",
        "QueryWorkflow:status",
        "StartWorkflowUpdate:termijn_verlengen",
        "ValidateUpdate:termijn_verlengen",
        "HandleUpdate:termijn_verlengen",
        "StartActivity:register_vastleggen",
        "RunActivity:register_vastleggen",
    } <= namen, namen
    start = next(s for s in spans if s.name == "StartWorkflow:Nareisaanvraag")
    run = next(s for s in spans if s.name == "RunWorkflow:Nareisaanvraag")
    assert run.context.trace_id == start.context.trace_id  # one trace from the start into the worker
    attributen = json.dumps([dict(s.attributes or {}) for s in spans], default=str)
    assert data["gezinslid"]["naam"] not in attributen
    assert data["gezinslid"]["geboortedatum"] not in attributen


@pytest.mark.slow
@pytest.mark.asyncio(loop_scope="session")
async def test_worker_proces_metrics_en_json_logregels(dev_server: WorkflowEnvironment, postgres_dsn: str) -> None:
    poort = _vrije_poort()
    task_queue = f"nareis-metrics-{uuid.uuid4().hex[:8]}"
    omgeving = {
        **os.environ,
        "TEMPORAL_ADDRESS": dev_server.client.service_client.config.target_host,
        "NAREIS_DATABASE_URL": postgres_dsn,
        "NAREIS_TASK_QUEUE": task_queue,
        "NAREIS_METRICS_PORT": str(poort),
        "NAREIS_LOG_FORMAT": "json",
    }
    for weg in ("NAREIS_CODEC_KEY", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"):
        omgeving.pop(weg, None)
    proces = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "worker", cwd=ROOT, env=omgeving, stderr=asyncio.subprocess.PIPE
    )
    try:
        metrics = await _metrics(f"http://127.0.0.1:{poort}/metrics", "temporal_worker_task_slots_available")
        assert f'task_queue="{task_queue}"' in metrics
        data = _aanvraag()
        await dev_server.client.start_workflow(
            "Nareisaanvraag", data, id=f"nareis-{data['aanvraagnummer']}", task_queue=task_queue
        )
        await _status(dev_server.client, f"nareis-{data['aanvraagnummer']}")
        metrics = await _metrics(f"http://127.0.0.1:{poort}/metrics", "temporal_activity_execution_latency")
        assert "temporal_workflow_task_execution_latency" in metrics
        # the collection before the start's objects are frozen is timed: the callback is on
        assert volledige_collecties(metrics)["count"] >= 1
    finally:
        proces.send_signal(signal.SIGTERM)
        _, fouten = await asyncio.wait_for(proces.communicate(), 60)
    assert proces.returncode == 0, fouten.decode()[-3000:]
    regels = [json.loads(regel) for regel in fouten.decode().splitlines() if regel.strip()]
    assert any(r["message"].startswith("worker draait") for r in regels), regels
    assert all({"time", "level", "logger", "message"} <= set(r) for r in regels)


async def _metrics(url: str, naam: str, seconden: float = 30) -> str:
    """The Prometheus text once it has a sample of `naam`."""
    einde = time.monotonic() + seconden
    async with httpx.AsyncClient() as http:
        while True:
            try:
                antwoord = await http.get(url, timeout=2)
                if antwoord.status_code == 200 and any(regel.startswith(naam) for regel in antwoord.text.splitlines()):
                    return antwoord.text
            except httpx.HTTPError:
                pass
            assert time.monotonic() < einde, f"{naam} niet op {url}"
            await asyncio.sleep(0.3)
