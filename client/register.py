"""The case register, read-only (CONTRACT.md `dossier`, `rapport`): a case's timeline,
projection, application and letters, seed 004's yearly counts, and a lookup by name or
V-number.

Plain asyncpg on a pool; the register is written only by the activities
(`activities/register.py`), from the same records (`nareis.register`). Everything that reads
the register — the CLIs, the API and its screens — reads it here: the personal columns
decrypted with the key ring (`client.registerkluis`), the lookup through keyed hashes.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import asyncpg
from pydantic import BaseModel, ConfigDict

from client.registerkluis import VARIABELE
from client.settings import ConfiguratieFout
from nareis.register import Brief, Projectie, Registerkluis, Zoektreffer, lees_json, lees_tekst

_VNUMMER = re.compile(r"^\s*[0-9]{10}\s*$")
#: at most this many cases answer one lookup (a common name)
ZOEK_MAXIMUM = 100


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

    async def zoek(self, tekst: str) -> list[Zoektreffer]:
        """The cases of a family member with this name, or of a referent or family member with
        this V-number (ten digits): an exact match, without regard to case, spacing or
        diacritics, through the keyed hashes (the register keeps no name in plain text).
        Oldest application first, at most `ZOEK_MAXIMUM`."""
        if not tekst.strip():
            return []
        if _VNUMMER.match(tekst):
            waarden = self.kluis.zoekwaarden("vnummer", tekst.strip())
            voorwaarde = "zoek_vnummer = any($1::bytea[]) OR zoek_referent = any($1::bytea[])"
        else:
            waarden = self.kluis.zoekwaarden("naam", tekst)
            voorwaarde = "zoek_naam = any($1::bytea[])"
        rijen = await self.pool.fetch(
            f"SELECT * FROM aanvraag WHERE {voorwaarde} ORDER BY ontvangen_op, aanvraagnummer LIMIT {ZOEK_MAXIMUM}",
            waarden,
        )  # the condition is one of the two constants above, never input
        treffers = []
        for rij in rijen:
            aanvraag = lees_json(self.kluis, "aanvraag", rij, "aanvraag") or {}
            treffers.append(
                Zoektreffer(
                    aanvraagnummer=rij["aanvraagnummer"],
                    dossiernummer=rij["dossiernummer"],
                    naam=(aanvraag.get("gezinslid") or {}).get("naam"),
                    referent_vnummer=lees_tekst(self.kluis, "aanvraag", rij, "referent_vnummer"),
                    fase=rij["fase"],
                )
            )
        return treffers

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
