"""Ports to the other parties of the procedure (issue 6 §2): the mission abroad, screening, the
DNA lab and interview planning. Each is an interface; the local implementation records the
request in the case register (table `verzoek`), exactly once per key. A real adapter (an
IND or BZ service) implements the same interface and replaces it in the worker's wiring,
without touching the workflow.
"""

from __future__ import annotations

from typing import Protocol

import asyncpg

from nareis import effecten as e
from nareis.register import Registerkluis, geheim_json, plek


class Zendingspost(Protocol):
    """The Dutch mission abroad that issues the mvv (WI 2026/11 §5.3)."""

    async def mvv_afgifte_melden(self, afgifte: e.MvvAfgifte) -> None: ...


class Screeningsdienst(Protocol):
    """Screening for 1F, national security and public order (WI 2026/11 §2.9)."""

    async def screening_aanvragen(self, verzoek: e.ScreeningVerzoek) -> None: ...


class Onderzoeksdienst(Protocol):
    """The DNA lab and interview planning (WI 2026/11 §3.1)."""

    async def onderzoek_aanvragen(self, verzoek: e.OnderzoekVerzoek) -> None: ...


class LokaleVerzoeken:
    """All three ports, recording each request in the register for a person to act on."""

    def __init__(self, pool: asyncpg.Pool, kluis: Registerkluis) -> None:
        self._pool = pool
        self._kluis = kluis

    async def _vastleggen(self, partij: str, soort: str, stap: e.Stap) -> None:
        await self._pool.execute(
            """
            INSERT INTO verzoek (sleutel, aanvraagnummer, partij, soort, op, gegevens_geheim)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (sleutel) DO NOTHING
            """,
            stap.sleutel,
            stap.aanvraagnummer,
            partij,
            soort,
            stap.op,
            geheim_json(
                self._kluis,
                plek("verzoek", (stap.sleutel,), "gegevens"),
                stap.model_dump(mode="json", exclude={"aanvraagnummer", "volgnummer", "op", "beleid"}),
            ),
        )

    async def mvv_afgifte_melden(self, afgifte: e.MvvAfgifte) -> None:
        await self._vastleggen("zendingspost", "mvv_afgifte", afgifte)

    async def screening_aanvragen(self, verzoek: e.ScreeningVerzoek) -> None:
        await self._vastleggen("screening", "screening", verzoek)

    async def onderzoek_aanvragen(self, verzoek: e.OnderzoekVerzoek) -> None:
        await self._vastleggen("onderzoek", verzoek.soort.value, verzoek)
