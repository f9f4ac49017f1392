"""The case register, read-only (CONTRACT.md `dossier`, `rapport`): a case's timeline,
projection, application and letters, seed 004's yearly counts, and a lookup by name or
V-number.

Plain asyncpg on a pool; the register is written only by the activities
(`activities/register.py`), from the same records (`nareis.register`). Everything that reads
the register — the CLIs, the API and its screens — reads it here: the personal columns
decrypted with the key ring (`client.registerkluis`), the lookup through keyed hashes.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import asyncpg
from pydantic import BaseModel, ConfigDict

from client.registerkluis import VARIABELE
from client.settings import ConfiguratieFout
from client.zaken import NietBeschikbaar
from nareis.register import Brief, Projectie, Registerkluis, lees_json, lees_tekst

_VNUMMER = re.compile(r"^\s*[0-9]{10}\s*$")
#: the most cases one lookup returns (a common name)
MAX_GEVONDEN = 100


@dataclass(frozen=True)
class Persoon:
    """Who a case is about, as the werkvoorraad shows it: from the register, never from a
    search attribute (those never hold a name)."""

    naam: str | None
    relatie: str | None
    geboortedatum: str | None


class RegisterReader:
    """Reads the case register; never writes. Without a key ring only the counts (`rapport`)
    can be read: a policy analyst needs no access to anyone's personal data."""

    def __init__(self, pool: asyncpg.Pool, kluis: Registerkluis | None) -> None:
        self.pool = pool
        self._kluis = kluis

    @property
    def kluis(self) -> Registerkluis:
        if self._kluis is None:
            raise ConfiguratieFout(f"{VARIABELE}: niet gezet; nodig om persoonsgegevens in het zaakregister te lezen")
        return self._kluis

    async def brieven(self, aanvraagnummer: str) -> list[Brief]:
        rijen = await self.pool.fetch(
            "SELECT * FROM brief WHERE aanvraagnummer = $1 ORDER BY volgnummer, op, vastgelegd_om",
            aanvraagnummer,
        )
        return [Brief.uit_rij(r, self.kluis) for r in rijen]

    async def projectie(self, aanvraagnummer: str) -> Projectie | None:
        rij = await self.pool.fetchrow("SELECT * FROM aanvraag WHERE aanvraagnummer = $1", aanvraagnummer)
        return None if rij is None else self._projectie(rij)

    def _projectie(self, rij: asyncpg.Record) -> Projectie:
        waarden = {k: rij[k] for k in Projectie.model_fields}
        waarden["status"] = lees_json(self.kluis, "aanvraag", rij, "status")
        waarden["referent_vnummer"] = lees_tekst(self.kluis, "aanvraag", rij, "referent_vnummer")
        return Projectie.model_validate(waarden)

    async def aanvraag(self, aanvraagnummer: str) -> dict[str, Any] | None:
        """The Aanvraag JSON as received."""
        rij = await self.pool.fetchrow(
            "SELECT aanvraagnummer, aanvraag, aanvraag_geheim FROM aanvraag WHERE aanvraagnummer = $1", aanvraagnummer
        )
        return None if rij is None else lees_json(self.kluis, "aanvraag", rij, "aanvraag")

    async def zoek(self, tekst: str) -> list[str]:
        """The aanvraagnummers of the family member with the name `tekst`, or of the referent or
        family member with the V-number `tekst` (ten digits): exact, without regard to case,
        spacing or diacritics (`nareis.register.zoeknormaal`), through the keyed hashes — the
        register keeps no name in plain text. In number order, at most `MAX_GEVONDEN`."""
        if not tekst.strip():
            return []
        if _VNUMMER.match(tekst):
            waarden = self.kluis.zoekwaarden("vnummer", tekst.strip())
            voorwaarde = "zoek_vnummer = any($1::bytea[]) OR zoek_referent = any($1::bytea[])"
        else:
            waarden = self.kluis.zoekwaarden("naam", tekst)
            voorwaarde = "zoek_naam = any($1::bytea[])"
        rijen = await self.pool.fetch(
            f"SELECT aanvraagnummer FROM aanvraag WHERE {voorwaarde} ORDER BY aanvraagnummer LIMIT {MAX_GEVONDEN}",
            waarden,
        )  # the condition is one of the two constants above, never input
        return [r["aanvraagnummer"] for r in rijen]

    async def personen(self, aanvraagnummers: Sequence[str]) -> dict[str, Persoon]:
        """The family member of each case (a werkvoorraad page), decrypted, in one query."""
        if not aanvraagnummers:
            return {}
        rijen = await self.pool.fetch(
            "SELECT aanvraagnummer, relatie, aanvraag, aanvraag_geheim FROM aanvraag"
            " WHERE aanvraagnummer = ANY($1::text[])",
            list(aanvraagnummers),
        )
        uit = {}
        for r in rijen:
            gezinslid = (lees_json(self.kluis, "aanvraag", r, "aanvraag") or {}).get("gezinslid") or {}
            uit[r["aanvraagnummer"]] = Persoon(
                naam=gezinslid.get("naam"),
                relatie=gezinslid.get("relatie") or r["relatie"],
                geboortedatum=gezinslid.get("geboortedatum"),
            )
        return uit

    async def tijdlijn(self, aanvraagnummer: str) -> list[dict[str, Any]]:
        """The case's history, oldest first, each entry once (CONTRACT.md `dossier --format json`):
        `{op, gebeurtenis, door, toelichting}` plus `volgnummer`, `gegevens`, `beleid`."""
        rijen = await self.pool.fetch(
            """
            SELECT aanvraagnummer, sleutel, volgnummer, op, gebeurtenis, door, toelichting, toelichting_geheim,
                   gegevens, gegevens_geheim, beleid
            FROM gebeurtenis WHERE aanvraagnummer = $1
            ORDER BY volgnummer, volgorde, id
            """,
            aanvraagnummer,
        )
        return [
            {
                "op": r["op"].isoformat(),
                "gebeurtenis": r["gebeurtenis"],
                "door": r["door"],
                "toelichting": lees_tekst(self.kluis, "gebeurtenis", r, "toelichting"),
                "volgnummer": r["volgnummer"],
                "gegevens": lees_json(self.kluis, "gebeurtenis", r, "gegevens"),
                "beleid": r["beleid"],
            }
            for r in rijen
        ]

    async def rapport(self, peildatum: date | None = None) -> dict[str, dict[str, dict[str, int]]]:
        """Seed 004's tables: per table and year of receipt, `aanvragen`, `inwilligingen`,
        `open` — unrounded. See `RAPPORT_TABELLEN` for what each table counts.

        With a `peildatum` (seed 004: "alle cijfers zijn t/m 31 december 2023") only
        applications received by then count, and a case counts as decided on the date of its
        current decision (after a successful objection: the decision on objection).
        """
        uitkomst: dict[str, dict[str, dict[str, int]]] = {}
        async with self.pool.acquire() as verbinding:
            for naam, tabel in RAPPORT_TABELLEN.items():
                rijen = await verbinding.fetch(
                    f"""
                    SELECT extract(year FROM ontvangen_op)::int AS jaar,
                           count(*) AS aanvragen,
                           count(*) FILTER (
                               WHERE ingewilligd AND ($1::date IS NULL OR besluit_op <= $1)
                           ) AS inwilligingen,
                           count(*) FILTER (
                               WHERE uitkomst IS NULL OR ($1::date IS NOT NULL AND besluit_op > $1)
                           ) AS open
                    FROM aanvraag
                    WHERE ontvangen_op IS NOT NULL AND ($1::date IS NULL OR ontvangen_op <= $1)
                      AND ({tabel.voorwaarde})
                    GROUP BY 1 ORDER BY 1
                    """,  # the condition is a constant (RAPPORT_TABELLEN), never input
                    peildatum,
                )
                uitkomst[naam] = {
                    str(r["jaar"]): {
                        "aanvragen": r["aanvragen"],
                        "inwilligingen": r["inwilligingen"],
                        "open": r["open"],
                    }
                    for r in rijen
                }
        return uitkomst


class RegisterNietBereikbaar(NietBeschikbaar):
    """PostgreSQL did not answer (the API answers 503); the message names no secret."""


class Registerbron:
    """The register for a long-running process (the API): `await bron()` is its reader, or None
    without `NAREIS_DATABASE_URL`. The pool is made on first use, so the process starts while
    PostgreSQL is still down; every reader shares the process's key ring."""

    def __init__(self, dsn: str | None, kluis: Registerkluis | None, *, lezer: RegisterReader | None = None) -> None:
        self._dsn = dsn
        self._kluis = kluis
        self._lezer = lezer
        self._slot = asyncio.Lock()

    @property
    def ingesteld(self) -> bool:
        return self._lezer is not None or bool(self._dsn)

    async def __call__(self) -> RegisterReader | None:
        if self._lezer is not None or not self._dsn:
            return self._lezer
        async with self._slot:
            if self._lezer is None:
                try:
                    pool = await asyncpg.create_pool(self._dsn, min_size=0, max_size=4)
                except (OSError, asyncpg.PostgresError) as fout:
                    melding = f"het zaakregister is niet bereikbaar ({type(fout).__name__})"
                    raise RegisterNietBereikbaar(melding) from None
                self._lezer = RegisterReader(pool, self._kluis)
            return self._lezer

    async def pool(self) -> asyncpg.Pool:
        lezer = await self()
        if lezer is None:
            raise RegisterNietBereikbaar("geen zaakregister ingesteld (NAREIS_DATABASE_URL)")
        return lezer.pool


class RapportTabel(BaseModel):
    model_config = ConfigDict(frozen=True)

    omschrijving: str  # the seed's row label, without "Aanvragen"/"Inwilligingen"
    voorwaarde: str  # SQL over the `aanvraag` row (a constant, never input)


#: Seed 004 ("Analyse gestapelde gezinshereniging"), one entry per table. The referent's
#: route is `Referent.komst` (komst_via, else nareis when zelf_nagereisd, else asiel); the
#: application's basis is `Aanvraag.grondslag`. The tables may overlap, as the seed's do: a
#: sibling of an nbm who came through nareis and applies for nareis counts in
#: `nareis_op_nareis` too. Inwilligingen include grants after a successful objection; open
#: means not yet decided (no besluit of any kind: withdrawn and buiten behandeling are decided).
RAPPORT_TABELLEN: dict[str, RapportTabel] = {
    # nareis requested by a referent who came through nareis and then got asylum himself
    "nareis_op_nareis": RapportTabel(
        omschrijving="nareis op nareis",
        voorwaarde="grondslag = 'nareis' AND referent_komst = 'nareis'",
    ),
    # family reunification on art. 8 ECHR by a referent who came through nareis
    "artikel_8_na_nareis": RapportTabel(
        omschrijving="gezinshereniging (8 EVRM) na nareis",
        voorwaarde="grondslag = 'artikel_8_evrm' AND referent_komst = 'nareis'",
    ),
    # nareis by a referent who came on art. 8 ECHR and applied for asylum after entry
    "nareis_na_artikel_8": RapportTabel(
        omschrijving="nareis na 8 EVRM",
        voorwaarde="grondslag = 'nareis' AND referent_komst = 'artikel_8_evrm'",
    ),
    # art. 8 ECHR by a referent who came on art. 8 ECHR himself
    "artikel_8_na_artikel_8": RapportTabel(
        omschrijving="8 EVRM na 8 EVRM",
        voorwaarde="grondslag = 'artikel_8_evrm' AND referent_komst = 'artikel_8_evrm'",
    ),
    # nareis by a referent who came as a sibling of an unaccompanied minor (nbm, "AMV")
    "nareis_door_broers_zussen_nbm": RapportTabel(
        omschrijving="nareis door nagereisde broers en zussen van AMV",
        voorwaarde="nagereisd_bij_nbm AND grondslag = 'nareis'",
    ),
    # art. 8 ECHR by a referent who came as a sibling of an nbm
    "artikel_8_door_broers_zussen_nbm": RapportTabel(
        omschrijving="8 EVRM door nagereisde broers en zussen van AMV",
        voorwaarde="nagereisd_bij_nbm AND grondslag = 'artikel_8_evrm'",
    ),
}
