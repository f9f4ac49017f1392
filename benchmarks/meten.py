"""Small measuring helpers shared by the benchmarks: latencies, percentiles, histories, and
the failed calls of an overloaded stack (`Latenties.probeer`)."""

from __future__ import annotations

import asyncio
import math
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from temporalio.api.enums.v1 import EventType
from temporalio.client import (
    WorkflowFailureError,
    WorkflowHandle,
    WorkflowQueryFailedError,
    WorkflowQueryRejectedError,
    WorkflowUpdateFailedError,
)
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError

from worker import gcpauzes

T = TypeVar("T")

#: the kinds of call whose failures are reported, in this order
SOORTEN = ("start", "update", "query")

#: the workflow's or the server's own answer (a rejected or failed update, a failing query
#: handler, a failed case, an id already taken): asking again gives the same answer, so it is
#: counted and not retried
DEFINITIEF: tuple[type[BaseException], ...] = (
    WorkflowAlreadyStartedError,
    WorkflowUpdateFailedError,
    WorkflowQueryFailedError,
    WorkflowQueryRejectedError,
    WorkflowFailureError,
)


class Mislukt(Exception):
    """A call failed on every attempt (or for good): the case it belongs to is given up."""

    def __init__(self, soort: str, fout: BaseException) -> None:
        super().__init__(f"{soort}: {type(fout).__name__}: {fout}")
        self.soort = soort


def foutsoort(soort: str, fout: BaseException) -> str:
    """How a failed attempt is counted: its kind of call, its type and, for an RPC error, the
    server's status (RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED ... tell overload from a fault)."""
    sleutel = f"{soort}: {type(fout).__name__}"
    return f"{sleutel} {fout.status.name}" if isinstance(fout, RPCError) else sleutel


class Latenties:
    """Milliseconds per kind of call (start, update, query), and the calls that failed.

    `probeer` counts every failed attempt in `mislukt` (per kind) whether or not a retry then
    succeeds; only successful attempts are timed.
    """

    def __init__(self, pogingen: int = 3, wacht_s: float = 1.0) -> None:
        self.ms: dict[str, list[float]] = defaultdict(list)
        self.mislukt: Counter[str] = Counter()
        #: "kind: ExceptionType [RPC status]" -> attempts, to say what failed
        self.fouten: Counter[str] = Counter()
        #: per key of `fouten`, the first failure's message
        self.voorbeelden: dict[str, str] = {}
        self.pogingen = pogingen
        self.wacht_s = wacht_s

    async def probeer(self, soort: str, oproep: Callable[[], Awaitable[T]]) -> T:
        """`oproep()` timed; a failed or timed-out attempt is counted and, unless the failure
        is the workflow's own answer (`DEFINITIEF`), made again after a pause (`pogingen` in
        all). Raises `Mislukt` once it gives up; never anything else but cancellation."""
        for poging in range(1, self.pogingen + 1):
            begin = time.perf_counter()
            try:
                resultaat = await oproep()
            except asyncio.CancelledError:
                raise
            except Exception as fout:
                self.mislukt[soort] += 1
                sleutel = foutsoort(soort, fout)
                self.fouten[sleutel] += 1
                self.voorbeelden.setdefault(sleutel, str(fout))
                if isinstance(fout, DEFINITIEF) or poging == self.pogingen:
                    raise Mislukt(soort, fout) from fout
                await asyncio.sleep(self.wacht_s * poging)
                continue
            self.ms[soort].append((time.perf_counter() - begin) * 1000)
            return resultaat
        raise AssertionError("onbereikbaar")  # pogingen >= 1

    def mislukte_oproepen(self) -> dict[str, int]:
        """Failed attempts per kind and in total: the JSON's `failed_calls`."""
        telling = {s: self.mislukt.get(s, 0) for s in SOORTEN}
        telling |= {s: n for s, n in self.mislukt.items() if s not in telling}
        return telling | {"total": sum(self.mislukt.values())}

    def tel_bij(self, ander: Latenties) -> None:
        """Add another measurement's failures to these (not its latencies)."""
        self.mislukt.update(ander.mislukt)
        self.fouten.update(ander.fouten)
        self.voorbeelden = ander.voorbeelden | self.voorbeelden

    async def meet(self, soort: str, oproep: Awaitable[T]) -> T:
        begin = time.perf_counter()
        resultaat = await oproep
        self.ms[soort].append((time.perf_counter() - begin) * 1000)
        return resultaat

    @contextmanager
    def blok(self, soort: str) -> Iterator[None]:
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


def volledige_collecties(metrics: str) -> dict[str, float]:
    """The worker's full garbage collections so far, from its Prometheus text
    (`worker.gcpauzes`): how many, their mean in ms, and how many took over 500 ms."""
    waarden: dict[str, float] = {}
    for regel in metrics.splitlines():
        if not regel.startswith(f"{gcpauzes.HISTOGRAM}_"):
            continue
        naam, waarde = regel.split("{", 1)[0], float(regel.rsplit(" ", 1)[1])
        if naam.endswith("_count") or naam.endswith("_sum"):
            waarden[naam.rsplit("_", 1)[1]] = waarde
        elif 'le="500"' in regel:
            waarden["tot_500"] = waarde
    aantal = waarden.get("count", 0.0)
    return {
        "count": int(aantal),
        "mean_ms": round(waarden.get("sum", 0.0) / aantal, 1) if aantal else 0.0,
        "over_500_ms": int(aantal - waarden.get("tot_500", 0.0)),
    }
