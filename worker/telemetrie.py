"""Metrics of the worker: the Temporal SDK's own Prometheus endpoint (`/metrics`, `temporal_*`)
on `NAREIS_METRICS_PORT`, through the process's default `Runtime`. Traces are set up with the
client (`client/tracing.py`), which every process shares.
"""

from __future__ import annotations

import logging

from temporalio.runtime import PrometheusConfig, Runtime, TelemetryConfig

from client.settings import Instellingen

log = logging.getLogger("nareis.telemetrie")


def metrics_runtime(instellingen: Instellingen) -> Runtime | None:
    """Make a Runtime with the Prometheus endpoint the default, before any client connects."""
    if not instellingen.metrics_port:
        return None
    runtime = Runtime(
        telemetry=TelemetryConfig(metrics=PrometheusConfig(bind_address=f"0.0.0.0:{instellingen.metrics_port}"))
    )
    Runtime.set_default(runtime, error_if_already_set=False)
    log.info("Prometheus-metrics op :%s/metrics", instellingen.metrics_port)
    return runtime
