"""The payload converter of every process: pydantic's JSON (CONTRACT.md), with one addition.

A contract input (an action) is read as the API reads it (`nareis.contract.lees`, with the
workflow's "today" inside a workflow), and what cannot be read is refused with a message that
names each field, instead of the SDK's bare "Failed decoding arguments": an update sent straight
to Temporal with a wrong field gets the same clear refusal as one sent through the API.
"""

from __future__ import annotations

from typing import Any

import temporalio.api.common.v1
from temporalio import workflow
from temporalio.contrib.pydantic import PydanticJSONPlainPayloadConverter
from temporalio.converter import (
    BinaryNullPayloadConverter,
    CompositePayloadConverter,
    DataConverter,
    DefaultPayloadConverter,
)
from temporalio.converter import JSONPlainPayloadConverter as _StandaardJSON
from temporalio.exceptions import ApplicationError

from nareis.contract import Invoer, Invoerfout, lees
from nareis.tijd import datum_in_amsterdam


def _is_invoer(type_hint: type | None) -> bool:
    return isinstance(type_hint, type) and issubclass(type_hint, Invoer)


def _weigering(melding: str) -> ApplicationError:
    return ApplicationError(melding, type="Weigering", non_retryable=True)


class _ContractNull(BinaryNullPayloadConverter):
    def from_payload(self, payload: temporalio.api.common.v1.Payload, type_hint: type | None = None) -> Any:
        if _is_invoer(type_hint):  # JSON null where an action's object belongs
            raise _weigering("(invoer): een object met de velden van de actie verwacht, geen null")
        return super().from_payload(payload, type_hint)


class _ContractJSON(PydanticJSONPlainPayloadConverter):
    def from_payload(self, payload: temporalio.api.common.v1.Payload, type_hint: type | None = None) -> Any:
        if not _is_invoer(type_hint):
            # any other payload that cannot be read is a bug: the SDK's own handling stays right
            return super().from_payload(payload, type_hint)
        assert type_hint is not None
        # inside a workflow "today" is the workflow's (an `op` in the future is named too), and
        # what the case accepted once is read again on replay without the sizes re-checked
        in_workflow = workflow.in_workflow()
        vandaag = datum_in_amsterdam(workflow.now()) if in_workflow else None
        herhaling = in_workflow and workflow.unsafe.is_replaying()
        try:
            return lees(type_hint, payload.data, vandaag=vandaag, herhaling=herhaling)
        except Invoerfout as fout:
            raise _weigering(str(fout)) from None


class ContractPayloadConverter(CompositePayloadConverter):
    def __init__(self) -> None:
        super().__init__(
            *(
                _ContractJSON()
                if isinstance(c, _StandaardJSON)
                else _ContractNull()
                if isinstance(c, BinaryNullPayloadConverter)
                else c
                for c in DefaultPayloadConverter.default_encoding_payload_converters
            )
        )


data_converter = DataConverter(payload_converter_class=ContractPayloadConverter)
