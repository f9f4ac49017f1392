"""Register the custom search attributes at start (CONTRACT.md), idempotently."""

from __future__ import annotations

import logging

from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import AddSearchAttributesRequest
from temporalio.client import Client
from temporalio.common import SearchAttributeIndexedValueType
from temporalio.service import RPCError, RPCStatusCode

from workflows import zoekattributen

log = logging.getLogger(__name__)


def _type(sleutel: zoekattributen.SearchAttributeKey) -> IndexedValueType.ValueType:
    return IndexedValueType.ValueType(SearchAttributeIndexedValueType(sleutel.indexed_value_type))


def dev_server_argumenten() -> list[str]:
    """`--search-attribute KEY=Type` for `temporal server start-dev`."""
    namen = {
        SearchAttributeIndexedValueType.KEYWORD: "Keyword",
        SearchAttributeIndexedValueType.DATETIME: "Datetime",
        SearchAttributeIndexedValueType.BOOL: "Bool",
    }
    argumenten = []
    for sleutel in zoekattributen.ALLE:
        argumenten += ["--search-attribute", f"{sleutel.name}={namen[sleutel.indexed_value_type]}"]
    return argumenten


async def registreer(client: Client, namespace: str) -> None:
    """AddSearchAttributes, one at a time, "already exists" counting as success.

    One at a time because the server refuses the whole request when one attribute of it
    exists; ListSearchAttributes is not used because the time-skipping test server does
    not implement it.
    """
    for sleutel in zoekattributen.ALLE:
        try:
            await client.operator_service.add_search_attributes(
                AddSearchAttributesRequest(namespace=namespace, search_attributes={sleutel.name: _type(sleutel)})
            )
            log.info("zoekattribuut %s geregistreerd", sleutel.name)
        except RPCError as fout:
            if fout.status == RPCStatusCode.ALREADY_EXISTS or "already exists" in fout.message:
                continue
            raise
