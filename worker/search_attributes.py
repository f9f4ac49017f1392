"""Register the custom search attributes at start (CONTRACT.md), idempotently; names and value
types from `nareis.contract.Zoekattribuut`."""

from __future__ import annotations

import logging

from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import AddSearchAttributesRequest
from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode

from nareis.contract import ValueType, Zoekattribuut

log = logging.getLogger(__name__)

_INDEXED = {
    ValueType.KEYWORD: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
    ValueType.DATETIME: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
    ValueType.BOOL: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
}


#: consecutive failed (or timed-out) workflow tasks after which the server sets the system search
#: attribute `TemporalReportedProblems` (the werkvoorraad's "staat stil"); self-hosted servers have
#: it off until their dynamic config sets it (README "Mislukte workflowtaken")
TAAKPROBLEMEN_VOOR_VLAG = 2


def dev_server_argumenten() -> list[str]:
    """`--search-attribute KEY=Type` for `temporal server start-dev`, and the failing-task flag on."""
    argumenten = []
    for attribuut in Zoekattribuut:
        argumenten += ["--search-attribute", f"{attribuut}={attribuut.value_type}"]
    vlag = f"system.numConsecutiveWorkflowTaskProblemsToTriggerSearchAttribute={TAAKPROBLEMEN_VOOR_VLAG}"
    return [*argumenten, "--dynamic-config-value", vlag]


async def registreer(client: Client, namespace: str) -> None:
    """AddSearchAttributes, one at a time, "already exists" counting as success.

    One at a time because the server refuses the whole request when one attribute of it
    exists; ListSearchAttributes is not used because the time-skipping test server does
    not implement it.
    """
    for attribuut in Zoekattribuut:
        try:
            await client.operator_service.add_search_attributes(
                AddSearchAttributesRequest(
                    namespace=namespace, search_attributes={attribuut.value: _INDEXED[attribuut.value_type]}
                )
            )
            log.info("zoekattribuut %s geregistreerd", attribuut)
        except RPCError as fout:
            if fout.status == RPCStatusCode.ALREADY_EXISTS or "already exists" in fout.message:
                continue
            raise
