"""Issue #9.4 at the domain: generated `Aanvraag`s are accepted or refused with an
`Invoerfout` naming a field of the Aanvraag — no other exception (fast, with shrinking)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings

from nareis import contract as m
from tests.resilience.mutaties import ONBEKEND
from tests.resilience.test_fuzz import aanvragen, vandaag

VELDEN = set(m.Aanvraag.model_fields) | {ONBEKEND}


def benoemt_velden(fout: m.Invoerfout) -> bool:
    return bool(fout.velden) and all(pad.split(".")[0] in VELDEN for pad, _ in fout.velden)


@settings(max_examples=300, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
@given(aanvragen())
def test_aanvraag_aanvaard_of_geweigerd_met_veldnaam(data: dict[str, Any]) -> None:
    try:
        m.lees(m.Aanvraag, data, vandaag=vandaag())
    except m.Invoerfout as fout:
        assert benoemt_velden(fout), fout.velden
