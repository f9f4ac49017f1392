"""The case register, read-only (CONTRACT.md `dossier`, `rapport`): a case's timeline,
projection, application and letters, and seed 004's yearly counts.

Plain asyncpg on a pool; the register is written only by the activities
(`activities/register.py`), from the same records (`nareis.register`).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import asyncpg
from pydantic import BaseModel, ConfigDict

from nareis.register import Brief, Projectie

#: the most cases one name search returns
MAX_GEVONDEN = 100


def _uit_json(waarde: str | None) -> Any:
    return None if waarde is None else json.loads(waarde)


def normaliseer(naam: str) -> str:
    """A name as the search compares it: Unicode NFKC (one form for é and e + ◌́), case folded,
    whitespace runs as one space. Exact otherwise: no fuzzy match, no dropped accents."""
    return " ".join(unicodedata.normalize("NFKC", naam).casefold().split())


@dataclass(frozen=True)
class Persoon:
    """Who a case is about, as the werkvoorraad shows it: from the register, never from a
    search attribute (those never hold a name)."""

    naam: str | None
    relatie: str | None
    geboortedatum: str | None


class RegisterReader:
    """Reads the case register; never writes."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def brieven(self, aanvraagnummer: str) -> list[Brief]:
        rijen = await self.pool.fetch(
            "SELECT * FROM brief WHERE aanvraagnummer = $1 ORDER BY volgnummer, op, vastgelegd_om",
            aanvraagnummer,
        )
        return [Brief.uit_rij(r) for r in rijen]

    async def zoek(self, tekst: str) -> list[str]:
        """The aanvraagnummers whose family member has the name `tekst`: exact after
        `normaliseer`, at most `MAX_GEVONDEN`, in number order.

        The one place a name is looked up (issue #17 item 1); the register's keyed lookup
        (hashes of the normalised name) replaces its body without changing the answer.
        """
        gezocht = normaliseer(tekst)
        if not gezocht:
            return []
        rijen = await self.pool.fetch(
            "SELECT aanvraagnummer, aanvraag->'gezinslid'->>'naam' AS naam FROM aanvraag ORDER BY aanvraagnummer"
        )
        gevonden = [r["aanvraagnummer"] for r in rijen if r["naam"] and normaliseer(r["naam"]) == gezocht]
        return gevonden[:MAX_GEVONDEN]

    async def personen(self, aanvraagnummers: Sequence[str]) -> dict[str, Persoon]:
        """The family member of each case of a werkvoorraad page, in one query."""
        if not aanvraagnummers:
            return {}
        rijen = await self.pool.fetch(
            "SELECT aanvraagnummer, relatie, aanvraag->'gezinslid' AS gezinslid FROM aanvraag"
            " WHERE aanvraagnummer = ANY($1::text[])",
            list(aanvraagnummers),
        )
        uit = {}
        for r in rijen:
            gezinslid = _uit_json(r["gezinslid"]) or {}
            uit[r["aanvraagnummer"]] = Persoon(
                naam=gezinslid.get("naam"),
                relatie=gezinslid.get("relatie") or r["relatie"],
                geboortedatum=gezinslid.get("geboortedatum"),
            )
        return uit

    async def projectie(self, aanvraagnummer: str) -> Projectie | None:
        rij = await self.pool.fetchrow("SELECT * FROM aanvraag WHERE aanvraagnummer = $1", aanvraagnummer)
        if rij is None:
            return None
        waarden = {k: rij[k] for k in Projectie.model_fields}
        waarden["status"] = _uit_json(waarden["status"])
        return Projectie.model_validate(waarden)

    async def aanvraag(self, aanvraagnummer: str) -> dict[str, Any] | None:
        """The Aanvraag JSON as received."""
        waarde = await self.pool.fetchval("SELECT aanvraag FROM aanvraag WHERE aanvraagnummer = $1", aanvraagnummer)
        return _uit_json(waarde)  # type: ignore[no-any-return]

    async def tijdlijn(self, aanvraagnummer: str) -> list[dict[str, Any]]:
        """The case's history, oldest first, each entry once (CONTRACT.md `dossier --format json`):
        `{op, gebeurtenis, door, toelichting}` plus `volgnummer`, `gegevens`, `beleid`."""
        rijen = await self.pool.fetch(
            """
            SELECT volgnummer, op, gebeurtenis, door, toelichting, gegevens, beleid
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
                "toelichting": r["toelichting"],
                "volgnummer": r["volgnummer"],
                "gegevens": _uit_json(r["gegevens"]),
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
