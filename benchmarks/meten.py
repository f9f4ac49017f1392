"""Small measuring helpers shared by the benchmarks: latencies, percentiles, histories."""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Awaitable
from contextlib import contextmanager
from typing import Any, TypeVar

from temporalio.api.enums.v1 import EventType
from temporalio.client import WorkflowHandle

T = TypeVar("T")


class Latenties:
    """Milliseconds per kind of call (start, update, query)."""

    def __init__(self) -> None:
        self.ms: dict[str, list[float]] = defaultdict(list)

    async def meet(self, soort: str, oproep: Awaitable[T]) -> T:
        begin = time.perf_counter()
        resultaat = await oproep
        self.ms[soort].append((time.perf_counter() - begin) * 1000)
        return resultaat

    @contextmanager
    def blok(self, soort: str):
        begin = time.perf_counter()
        yield
        self.ms[soort].append((time.perf_counter() - begin) * 1000)

    def p(self, soort: str, pct: float) -> float:
        return percentiel(self.ms.get(soort, []), pct)


def percentiel(waarden: list[float], pct: float) -> float:
    """Nearest-rank percentile; 0 for no values."""
    if not waarden:
        return 0.0
    geordend = sorted(waarden)
    index = max(0, min(len(geordend) - 1, math.ceil(pct / 100 * len(geordend)) - 1))
    return geordend[index]


async def gebeurtenissen(handle: WorkflowHandle[Any, Any]) -> list[Any]:
    return [e async for e in handle.fetch_history_events()]


def tel_soorten(events: list[Any]) -> dict[str, int]:
    tellingen: dict[str, int] = defaultdict(int)
    for e in events:
        tellingen[EventType.Name(e.event_type).removeprefix("EVENT_TYPE_")] += 1
    return dict(tellingen)


def tabel(rijen: list[tuple[str, ...]]) -> str:
    breedtes = [max(len(r[i]) for r in rijen) for i in range(len(rijen[0]))]
    regels = [
        "  ".join(c.ljust(b) if i == 0 else c.rjust(b) for i, (c, b) in enumerate(zip(r, breedtes, strict=True)))
        for r in rijen
    ]
    regels.insert(1, "  ".join("-" * b for b in breedtes))
    return "\n".join(regels)
