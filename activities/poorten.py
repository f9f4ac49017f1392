"""Ports to the other parties of the procedure (issue 6 §2): the mission abroad, screening, the
DNA lab and interview planning. Each is an interface; the local implementation records the
request in the case register (table `verzoek`), exactly once per key. A real adapter (an
IND or BZ service) implements the same interface and replaces it in the worker's wiring,
without touching the workflow.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any, Protocol

import asyncpg
from pydantic import BaseModel, ConfigDict, Field


class Verzoek(BaseModel):
    """A request to another party; `sleutel` makes it idempotent."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sleutel: str
    aanvraagnummer: str
    op: date
    gegevens: dict[str, Any] = Field(default_factory=dict)


class Zendingspost(Protocol):
    """The Dutch mission abroad that issues the mvv (WI 2026/11 §5.3)."""

    async def mvv_afgifte_melden(self, verzoek: Verzoek) -> None: ...


class Screeningsdienst(Protocol):
    """Screening for 1F, national security and public order (WI 2026/11 §2.9)."""

    async def screening_aanvragen(self, verzoek: Verzoek) -> None: ...


class Onderzoeksdienst(Protocol):
    """The DNA lab and interview planning (WI 2026/11 §3.1)."""

    async def onderzoek_aanvragen(self, verzoek: Verzoek) -> None: ...


class LokaleVerzoeken:
    """All three ports, recording each request in the register for a person to act on."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def _vastleggen(self, partij: str, soort: str, verzoek: Verzoek) -> None:
        await self._pool.execute(
            """
            INSERT INTO verzoek (sleutel, aanvraagnummer, partij, soort, op, gegevens)
            VALUES ($1, $2, $3, $4, $5, $6::jsonb)
            ON CONFLICT (sleutel) DO NOTHING
            """,
            verzoek.sleutel,
            verzoek.aanvraagnummer,
            partij,
            soort,
            verzoek.op,
            json.dumps(verzoek.gegevens, default=str),
        )

    async def mvv_afgifte_melden(self, verzoek: Verzoek) -> None:
        await self._vastleggen("zendingspost", "mvv_afgifte", verzoek)

    async def screening_aanvragen(self, verzoek: Verzoek) -> None:
        await self._vastleggen("screening", "screening", verzoek)

    async def onderzoek_aanvragen(self, verzoek: Verzoek) -> None:
        await self._vastleggen("onderzoek", str(verzoek.gegevens.get("soort", "onderzoek")), verzoek)
