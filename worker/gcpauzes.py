"""The worker's full garbage collections, on its Prometheus endpoint (`nareis_gc_volledig`, ms).

A full collection (generation 2) walks every object the process holds, the sticky cache's
cases included, and meanwhile every workflow task, activity and query of the process waits;
it grows with the cache, and the sandbox's copy of the workflow module per case more than
doubles it (README "Performance", Capacity). The histogram tells an operator how long and how
often, so that a slow query's tail can be told from a slow case.

What the process loaded to start — modules, classes, the SDK — lives as long as it does:
`opstart_bevriezen` takes it out of every later full collection (`gc.freeze`). Cases are never
frozen: they leave the cache all day, and what is frozen is never collected.
"""

from __future__ import annotations

import gc
import logging
import time
from typing import Any

from temporalio.common import MetricHistogramFloat
from temporalio.runtime import Runtime

HISTOGRAM = "nareis_gc_volledig"

log = logging.getLogger("nareis.gc")


class VolledigeCollecties:
    """A `gc.callbacks` entry: times each full collection into `histogram`."""

    def __init__(self, histogram: MetricHistogramFloat) -> None:
        self._histogram = histogram
        self._begin: float | None = None

    def __call__(self, fase: str, info: dict[str, Any]) -> None:
        if info["generation"] != 2:
            return
        if fase == "start":
            self._begin = time.perf_counter()
        elif self._begin is not None:
            self._histogram.record((time.perf_counter() - self._begin) * 1000)
            self._begin = None


def meld_aan(runtime: Runtime) -> VolledigeCollecties:
    """Time this process's full collections on `runtime`'s metrics (once per process)."""
    bestaand = next((c for c in gc.callbacks if isinstance(c, VolledigeCollecties)), None)
    if bestaand is not None:
        return bestaand
    meting = VolledigeCollecties(
        runtime.metric_meter.create_histogram_float(
            HISTOGRAM, "volledige garbage collections van de worker: zolang wacht alles in het proces", "ms"
        )
    )
    gc.callbacks.append(meting)
    return meting


def opstart_bevriezen() -> int:
    """Collect once, then freeze what is left: call after the imports and before the worker
    loads its first case. Returns how many objects later full collections no longer walk."""
    gc.collect()
    gc.freeze()
    aantal = gc.get_freeze_count()
    log.info("opstart bevroren: %d objecten buiten de volledige garbage collections", aantal)
    return aantal
