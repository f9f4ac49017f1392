"""Issue 15 item 12: a schema-driven fuzzer (schemathesis, hypothesis underneath) over
`/openapi.json` finds no difference between what the document states and what the API does:
no 5xx for any input, only documented status codes, the documented content types, and every
request the schema calls invalid refused with a 4xx.

The API runs with a stand-in for Temporal (`Zaken`), so this tests the HTTP layer — parsing,
limits, validation, the published patterns — not the workflow. Small in CI
(`NAREIS_FUZZ_VOORBEELDEN`, default 15 per operation); the README gives a larger run.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks
from starlette.requests import HTTPConnection

from api.app import ApiInstellingen, maak_app
from api.identiteit import Gebruiker
from client.settings import Instellingen
from client.zaken import ZaakOnbekend
from nareis.contract import Aanvraag, Rol

VOORBEELDEN = int(os.environ.get("NAREIS_FUZZ_VOORBEELDEN", "15"))


class AlleRollen:
    async def identificeer(self, request: HTTPConnection) -> Gebruiker | None:
        return Gebruiker("fuzzer", frozenset(Rol)) if request.headers.get("authorization") == "Bearer f" else None


class ZakenZonderTemporal:
    """Answers like `client.zaken.Zaken` for a case that exists only as `NR-BESTAAT`."""

    def _status(self, nummer: str) -> dict[str, Any]:
        return {"aanvraagnummer": nummer, "fase": None, "melding": "stand-in"}

    async def start(self, aanvraag: Aanvraag) -> dict[str, Any]:
        return self._status(aanvraag.aanvraagnummer)

    async def start_dossier(self, aanvragen: Sequence[Aanvraag]) -> list[dict[str, Any]]:
        return [self._status(a.aanvraagnummer) for a in aanvragen]

    async def status(self, nummer: str) -> dict[str, Any]:
        if nummer != "NR-BESTAAT":
            raise ZaakOnbekend(nummer)
        return self._status(nummer)

    async def details(self, nummer: str) -> dict[str, Any]:
        await self.status(nummer)
        return {"aanvraagnummer": nummer, "feiten": [], "tijdlijn": [], "tijdlijn_alleen_in_register": 0}

    async def actie(self, nummer: str, naam: str, gegevens: dict[str, Any], **_: Any) -> dict[str, Any]:
        return await self.status(nummer)

    async def bewijs(self, nummer: str, gegevens: dict[str, Any]) -> None:
        await self.status(nummer)


def _app() -> Any:
    app = maak_app(
        Instellingen(temporal_address="127.0.0.1:1"),
        api=ApiInstellingen(),
        identiteit=AlleRollen(),
        vandaag=lambda: date(2026, 12, 1),
    )
    app.state.zaken = ZakenZonderTemporal()
    return app


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())

CHECKS = (
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
)


@schema.exclude(path_regex="^/gezond").parametrize()
@settings(
    max_examples=VOORBEELDEN,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_doet_wat_openapi_zegt(case: schemathesis.Case) -> None:
    case.call_and_validate(headers={"Authorization": "Bearer f"}, checks=CHECKS)


@schema.include(path_regex="^/(aanvragen|dossiers)$").parametrize()
@settings(max_examples=VOORBEELDEN, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_weigert_wat_openapi_ongeldig_noemt(case: schemathesis.Case) -> None:
    case.call_and_validate(headers={"Authorization": "Bearer f"}, checks=(checks.negative_data_rejection,))
