"""Traces of every process (worker, API, CLIs): OpenTelemetry through the SDK's
`TracingInterceptor` (client calls, workflow runs, updates, queries, activities) when
`OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set; exported over
OTLP/HTTP, with the standard `OTEL_*` variables (service name, headers) read by the exporter
itself. Given to `Client.connect` (`client/connect.py`).
"""

from __future__ import annotations

import logging
import os
from typing import Any

from client.settings import Instellingen

log = logging.getLogger("nareis.telemetrie")

_tracer_provider_gezet = False


def otlp_tracer_provider() -> Any:
    """The process's tracer provider, exporting to the OTLP endpoint of the environment."""
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import SERVICE_NAME, Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    naam = os.environ.get("OTEL_SERVICE_NAME") or "nareis"
    provider = TracerProvider(resource=Resource.create({SERVICE_NAME: naam}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    return provider


def tracing_interceptors(instellingen: Instellingen, tracer: Any = None) -> list[Any]:
    """`[TracingInterceptor]` when tracing is configured (or a `tracer` is given), else `[]`.

    Given to `Client.connect`, it applies to the client's calls and to every worker on
    that client. Workflow spans are made also for cases started without a trace (intake
    systems that call Temporal directly).
    """
    global _tracer_provider_gezet
    if tracer is None:
        if not instellingen.otlp_endpoint:
            return []
        from opentelemetry import trace

        if not _tracer_provider_gezet:
            trace.set_tracer_provider(otlp_tracer_provider())
            _tracer_provider_gezet = True
            log.info("OpenTelemetry-traces naar %s", instellingen.otlp_endpoint)
        tracer = trace.get_tracer("nareis")
    from temporalio.contrib.opentelemetry import TracingInterceptor

    return [TracingInterceptor(tracer, always_create_workflow_spans=True)]


def traces_afronden() -> None:
    """Send the spans still buffered (at the end of the process)."""
    if _tracer_provider_gezet:
        from opentelemetry import trace

        provider = trace.get_tracer_provider()
        if hasattr(provider, "shutdown"):
            provider.shutdown()
