"""A workflow task that fails is never silent (issue 15 item 1): one error line naming the case,
and the counter `nareis_workflowtaak_mislukt` on the worker's Prometheus endpoint.

A failed workflow task is not a failed case: Temporal retries the task until the code or the
input is fixed, and meanwhile the case takes no action, sends no letter and answers no query.
The SDK logs each failed activation as one record marked `WorkflowTaskFailure` (with the
workflow's ids); this handler turns that record into ours. The line holds the case number and the
error's type only: the message may quote a payload (a name, a birth date), which stays in
Temporal. The SDK's own record of it keeps its traceback but loses the message the same way
(`ZonderFoutbericht`), so no handler of the process prints it. The werkvoorraad's flag comes
from the server (`TemporalReportedProblems`, see `client.visibility`), which also sees what no
worker can (a payload over Temporal's limit).
"""

from __future__ import annotations

import logging
from typing import Any

from temporalio.common import MetricCounter
from temporalio.runtime import Runtime

from nareis.contract import aanvraagnummer_uit

log = logging.getLogger("nareis.taakfout")

#: the SDK's logger of workflow activations, and its mark on a failed one
SDK_LOGGER = "temporalio.worker._workflow_instance"
SDK_MARKERING = "WorkflowTaskFailure"

TELLER = "nareis_workflowtaak_mislukt"


def _mislukte_taak(record: logging.LogRecord) -> bool:
    return getattr(record, "__temporal_error_identifier", None) == SDK_MARKERING


class Foutbericht(Exception):
    """Stands in for a failed task's exception in the log: its type and traceback, not its text."""


class ZonderFoutbericht(logging.Filter):
    """On the SDK's logger, before any handler sees the record of a failed task."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not _mislukte_taak(record) or not record.exc_info:
            return True
        _, fout, traceback = record.exc_info
        if fout is None or isinstance(fout, Foutbericht):
            return True
        soort = type(fout).__name__
        vervanging = Foutbericht(f"{soort}: bericht weggelaten (het kan persoonsgegevens aanhalen)")
        record.exc_info = (Foutbericht, vervanging.with_traceback(traceback), traceback)
        record.exc_text = None
        record.nareis_fout = soort
        return True


class TaakfoutMelder(logging.Handler):
    """One per process, on the SDK's logger; each worker registers its task queue's counter
    (from the worker's own Runtime, so a failure counts on the endpoint of the worker it hit)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.tellers: dict[str, MetricCounter] = {}

    def emit(self, record: logging.LogRecord) -> None:
        if not _mislukte_taak(record):
            return
        werkstroom: dict[str, Any] = getattr(record, "temporal_workflow", None) or {}
        fout = str(getattr(record, "nareis_fout", "onbekend"))
        if teller := self.tellers.get(str(werkstroom.get("task_queue"))):
            teller.add(1, {"workflow_type": str(werkstroom.get("workflow_type", "?")), "fout": fout})
        log.error(
            "zaak %s: workflowtaak mislukt (%s); de zaak doet niets tot dit is opgelost (run %s)",
            _zaak(werkstroom.get("workflow_id")),
            fout,
            werkstroom.get("run_id", "?"),
        )


def _zaak(workflow_id: object) -> str:
    return aanvraagnummer_uit(workflow_id) if isinstance(workflow_id, str) else "?"


def meld_aan(task_queue: str, runtime: Runtime | None = None) -> TaakfoutMelder:
    """Count the failed workflow tasks of `task_queue` on `runtime`'s metrics (the handler is
    installed once per process)."""
    sdk = logging.getLogger(SDK_LOGGER)
    if not any(isinstance(f, ZonderFoutbericht) for f in sdk.filters):
        sdk.addFilter(ZonderFoutbericht())
    melder = next((h for h in sdk.handlers if isinstance(h, TaakfoutMelder)), None)
    if melder is None:
        melder = TaakfoutMelder()
        sdk.addHandler(melder)
    melder.tellers[task_queue] = (runtime or Runtime.default()).metric_meter.create_counter(
        TELLER, "workflowtaken die mislukten (Temporal probeert ze opnieuw; de zaak staat stil)"
    )
    return melder
