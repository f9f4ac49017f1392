"""The worker's full garbage collections on its Prometheus endpoint: every full collection is
timed into `nareis_gc_volledig`, the young ones are not, registering twice times once, and
what the process loaded to start is frozen out of later collections."""

from __future__ import annotations

import gc
import time

import httpx
from temporalio.runtime import PrometheusConfig, Runtime, TelemetryConfig

from benchmarks.meten import volledige_collecties
from worker import gcpauzes
from worker.dev import vrije_poort


def _collecties(poort: int) -> dict[str, float]:
    return volledige_collecties(httpx.get(f"http://127.0.0.1:{poort}/metrics", timeout=5).text)


def _tot(poort: int, aantal: int) -> dict[str, float]:
    """The export runs on its own thread: read until `aantal` collections are on it (bounded)."""
    for _ in range(100):
        if _collecties(poort)["count"] >= aantal:
            break
        time.sleep(0.1)
    return _collecties(poort)


def test_elke_volledige_collectie_getimed_de_jonge_niet() -> None:
    poort = vrije_poort()
    runtime = Runtime(telemetry=TelemetryConfig(metrics=PrometheusConfig(bind_address=f"127.0.0.1:{poort}")))
    meting = gcpauzes.VolledigeCollecties(
        runtime.metric_meter.create_histogram_float(gcpauzes.HISTOGRAM, "proef", "ms")
    )
    gc.callbacks.append(meting)
    automatisch = gc.isenabled()
    gc.disable()  # only the collections below: none triggered by the test's own allocations
    try:
        gc.collect(0)
        gc.collect(1)
        assert _collecties(poort)["count"] == 0
        gc.collect()
        gc.collect()
    finally:
        gc.callbacks.remove(meting)
        if automatisch:
            gc.enable()
    collecties = _tot(poort, 2)
    assert collecties["count"] == 2
    # how long they took depends on this process's heap (0.6 s in the full suite), not checked
    assert collecties["mean_ms"] > 0 and 0 <= collecties["over_500_ms"] <= 2


def test_twee_keer_aangemeld_telt_een_keer() -> None:
    runtime = Runtime(telemetry=TelemetryConfig())
    voor = list(gc.callbacks)
    eerste = gcpauzes.meld_aan(runtime)
    try:
        assert gcpauzes.meld_aan(runtime) is eerste
        assert sum(isinstance(c, gcpauzes.VolledigeCollecties) for c in gc.callbacks) == 1
    finally:
        gc.callbacks[:] = voor


def test_de_benchmark_leest_aantal_gemiddelde_en_de_lange() -> None:
    tekst = "\n".join(
        [
            "# TYPE nareis_gc_volledig histogram",
            'nareis_gc_volledig_bucket{service_name="x",le="100"} 1',
            'nareis_gc_volledig_bucket{service_name="x",le="500"} 2',
            'nareis_gc_volledig_bucket{service_name="x",le="1000"} 3',
            'nareis_gc_volledig_sum{service_name="x"} 1500.0',
            'nareis_gc_volledig_count{service_name="x"} 3',
            'nareis_workflowtaak_mislukt{fout="X"} 7',
        ]
    )
    assert volledige_collecties(tekst) == {"count": 3, "mean_ms": 500.0, "over_500_ms": 1}
    assert volledige_collecties("") == {"count": 0, "mean_ms": 0.0, "over_500_ms": 0}


def test_de_opstart_bevroren_buiten_elke_latere_collectie() -> None:
    try:
        aantal = gcpauzes.opstart_bevriezen()
        assert aantal == gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()  # the rest of the suite collects as before
