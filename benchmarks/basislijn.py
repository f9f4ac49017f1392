"""The baseline of the throughput benchmark: a minimal workflow with the same shape as a
typical case — the same number of updates, activities and timers — and nothing else
(no domain, no register, no search attributes; with `--basislijn-met-zoekattributen` also as many
search attribute upserts per phase as the case, each a visibility write on the server).

`python -m benchmarks.basisworker` runs its worker, configured as `python -m worker` is
(same sandbox, cache and slots, `NAREIS_*` settings), so both run in the same process layout.

The plan (`Plan`) says per phase how many activities run and whether a timer is started
before the next update arrives; the benchmark derives it from a real case's history.
"""

from __future__ import annotations

import contextlib
import functools
from datetime import timedelta
from typing import Any

from temporalio import activity, workflow
from temporalio.common import SearchAttributeKey

with workflow.unsafe.imports_passed_through():
    from nareis.contract import QUERY_STATUS, Zoekattribuut

TASK_QUEUE = "nareis-basislijn"
#: only with --basislijn-met-zoekattributen: a keyword the dev stack registers
FASE = SearchAttributeKey.for_keyword(Zoekattribuut.FASE.value)
TYPE = "Basislijn"


@activity.defn(name="basis_stap")
async def basis_stap(opdracht: dict[str, Any]) -> dict[str, Any]:
    return {"gedaan": opdracht["stap"]}


@workflow.defn(name=TYPE)
class Basislijn:
    """`plan`: {"fasen": [{"activiteiten": k, "timer": bool, "zoekattributen"?: n}, ...]}; an update
    moves it to the next phase. After the last it waits on its timer, as a case waits on the objection term."""

    def __init__(self) -> None:
        self._fase = 0
        self._ontvangen = 0
        self._tijdlijn: list[str] = []

    @workflow.run
    async def run(self, plan: dict[str, Any]) -> dict[str, Any]:
        fasen = plan["fasen"]
        for nummer, fase in enumerate(fasen):
            self._fase = nummer
            for keer in range(fase.get("zoekattributen", 0)):
                workflow.upsert_search_attributes([FASE.value_set(f"basis-{nummer}-{keer}")])
            for stap in range(fase["activiteiten"]):
                await workflow.execute_activity(
                    basis_stap, {"stap": f"{nummer}-{stap}"}, start_to_close_timeout=timedelta(seconds=60)
                )
            timeout = timedelta(days=90) if fase["timer"] else None
            with contextlib.suppress(TimeoutError):
                await workflow.wait_condition(functools.partial(self._voorbij, nummer), timeout=timeout)
        await workflow.wait_condition(workflow.all_handlers_finished)
        return self.status()

    def _voorbij(self, fase: int) -> bool:
        return self._ontvangen > fase

    @workflow.update(name="stap")
    async def stap(self, actie: dict[str, Any]) -> dict[str, Any]:
        self._ontvangen += 1
        self._tijdlijn.append(actie["naam"])
        return self.status()

    @stap.validator
    def _stap_geldig(self, actie: dict[str, Any]) -> None:
        if "naam" not in actie:
            raise ValueError("naam ontbreekt")

    @workflow.query(name=QUERY_STATUS)
    def status(self) -> dict[str, Any]:
        return {"fase": self._fase, "tijdlijn": list(self._tijdlijn)}
