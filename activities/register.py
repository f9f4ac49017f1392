"""The case register in PostgreSQL (issue 7): what happened to every application, who did
what and when, the letters sent, and the numbers policy makers ask for.

Temporal holds each case's live state; this register outlives it. Plain asyncpg, no ORM,
written only from activities. Every write is idempotent, so retried activities, worker
crashes and replays never duplicate or lose a row:

- a timeline entry is keyed by (aanvraagnummer, volgnummer) — the workflow's own sequence
  number, stable across replays; a letter and its timeline entry by (aanvraagnummer, brief_id);
- the projection (one row per aanvraag) is overwritten only by one at least as new
  (`bijgewerkt_volgnummer` never goes backwards), so a late retry cannot undo a newer state;
- the events and the projection are written in one transaction, the letter and its event too.

Personal data is written encrypted only (issue 15 item 13): the columns of
`nareis.register.VERSLEUTELD` go to `<kolom>_geheim` through the worker's `Registerkluis`, with
keyed hashes of the family member's name and V-number and of the referent's V-number.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date
from typing import Any

import asyncpg
from pydantic import BaseModel, ConfigDict, Field
from temporalio import activity

from brieven import Briefschrijver
from nareis import contract as m
from nareis import effecten as e
from nareis.register import (
    Brief,
    Projectie,
    Registerkluis,
    Zaakstand,
    geheim,
    geheim_json,
    lees_json,
    plek,
)
from nareis.zaak import Gebeurtenis

log = logging.getLogger("nareis.register")


class _Bericht(BaseModel):
    # fields a newer workflow adds are ignored, so old and new versions keep talking
    model_config = ConfigDict(extra="ignore")


# --- the activities' messages ----------------------------------------------------------------


class Vastlegging(_Bericht):
    """Activity `register_vastleggen`: new timeline entries and how the case now stands.

    A case sends its `stand` with every call and its `aanvraag` with the first (it is stored
    once). The register also takes a ready-made `projectie`, or the contract's whole `status`
    from which it derives one: cases started before the typed steps (2026-12) send that.
    """

    workflow_id: str
    aanvraagnummer: str
    gebeurtenissen: list[Gebeurtenis] = Field(default_factory=list)
    stand: Zaakstand | None = None
    aanvraag: m.Aanvraag | None = None
    beleid: str | None = None
    projectie: Projectie | None = None
    status: dict[str, Any] | None = None


class BriefVerzonden(_Bericht):
    """Result of `brief_versturen`: the same for every attempt (the first rendering counts)."""

    aanvraagnummer: str
    brief_id: str
    soort: str
    op: date
    onderwerp: str
    gebeurtenis: str  # its timeline entry, `brief_<soort>`


# --- the data layer --------------------------------------------------------------------------


_GEBEURTENIS_INVOEGEN = """
INSERT INTO gebeurtenis (aanvraagnummer, workflow_id, sleutel, volgnummer, volgorde, op,
                         gebeurtenis, door, toelichting_geheim, gegevens_geheim, beleid)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT (aanvraagnummer, sleutel) DO NOTHING
"""


def _gebeurtenis(
    kluis: Registerkluis,
    aanvraagnummer: str,
    workflow_id: str,
    sleutel: str,
    volgnummer: int,
    volgorde: int,
    op: date,
    gebeurtenis: str,
    door: str | None,
    toelichting: str | None,
    gegevens: Any,
    beleid: str | None,
) -> tuple[Any, ...]:
    """The arguments of `_GEBEURTENIS_INVOEGEN`, the personal ones encrypted to their place."""
    rij = (aanvraagnummer, sleutel)
    return (
        aanvraagnummer,
        workflow_id,
        sleutel,
        volgnummer,
        volgorde,
        op,
        gebeurtenis,
        door,
        geheim(kluis, plek("gebeurtenis", rij, "toelichting"), toelichting),
        geheim_json(kluis, plek("gebeurtenis", rij, "gegevens"), gegevens),
        beleid,
    )


def zoekwaarden(kluis: Registerkluis, aanvraag: Mapping[str, Any] | None) -> dict[str, bytes | None]:
    """The keyed hashes of an application: the family member's name and V-number, the referent's."""
    gezinslid = (aanvraag or {}).get("gezinslid") or {}
    referent = (aanvraag or {}).get("referent") or {}
    return {
        "zoek_naam": kluis.zoekwaarde("naam", gezinslid["naam"]) if gezinslid.get("naam") else None,
        "zoek_vnummer": kluis.zoekwaarde("vnummer", gezinslid["vnummer"]) if gezinslid.get("vnummer") else None,
        "zoek_referent": kluis.zoekwaarde("vnummer", referent["vnummer"]) if referent.get("vnummer") else None,
    }


_PROJECTIE_KOLOMMEN = (
    "dossiernummer",
    "workflow_id",
    "fase",
    "referent_vnummer_geheim",
    "referent_status",
    "relatie",
    "grondslag",
    "referent_komst",
    "nareis_op_nareis",
    "nagereisd_bij_nbm",
    "ontvangen_op",
    "beslistermijn_einde",
    "opgeschort",
    "uitkomst",
    "besluit_op",
    "ingewilligd",
    "beleid",
    "status_geheim",
    "zoek_referent",
    "bijgewerkt_volgnummer",
)
#: written with the application, once (like it)
_AANVRAAG_KOLOMMEN = ("aanvraag_geheim", "zoek_naam", "zoek_vnummer")

# Upsert that never goes backwards: an older projection (a late retry) leaves the row alone.
# The plain columns of rows written before 0006 are emptied as they are overwritten.
_PROJECTIE_SCHRIJVEN = f"""
INSERT INTO aanvraag (aanvraagnummer, {", ".join(_PROJECTIE_KOLOMMEN + _AANVRAAG_KOLOMMEN)})
VALUES ($1, {", ".join(f"${i}" for i, _ in enumerate(_PROJECTIE_KOLOMMEN + _AANVRAAG_KOLOMMEN, start=2))})
ON CONFLICT (aanvraagnummer) DO UPDATE SET
    {", ".join(f"{k} = EXCLUDED.{k}" for k in _PROJECTIE_KOLOMMEN)},
    {", ".join(f"{k} = coalesce(aanvraag.{k}, EXCLUDED.{k})" for k in _AANVRAAG_KOLOMMEN)},
    referent_vnummer = NULL, status = NULL,
    bijgewerkt_om = now()
WHERE aanvraag.bijgewerkt_volgnummer <= EXCLUDED.bijgewerkt_volgnummer
"""


class Register:
    """The case register's write side: plain asyncpg on a pool, no Temporal. Reading for the
    CLIs is `client.register.RegisterReader`."""

    def __init__(self, pool: asyncpg.Pool, kluis: Registerkluis) -> None:
        self.pool = pool
        self.kluis = kluis

    # -- writing --

    async def vastleggen(self, v: Vastlegging) -> None:
        """Record new timeline entries and the projection, in one transaction, exactly once."""
        async with self.pool.acquire() as verbinding, verbinding.transaction():
            await self._gebeurtenissen_schrijven(verbinding, v)
            projectie = v.projectie
            if projectie is None and v.stand is not None and v.aanvraag is None:
                await self._stand_schrijven(verbinding, v.aanvraagnummer, v.stand, v.beleid)
                return
            aanvraag = v.aanvraag
            if projectie is None and aanvraag is None and v.status is not None:
                rij = await verbinding.fetchrow(
                    "SELECT aanvraagnummer, aanvraag, aanvraag_geheim FROM aanvraag WHERE aanvraagnummer = $1",
                    v.aanvraagnummer,
                )
                opgeslagen = None if rij is None else lees_json(self.kluis, "aanvraag", rij, "aanvraag")
                aanvraag = None if opgeslagen is None else m.Aanvraag.model_validate(opgeslagen)
                if aanvraag is None:
                    log.warning("%s: status zonder aanvraag; alleen de tijdlijn vastgelegd", v.aanvraagnummer)
            if projectie is None and aanvraag is not None:
                if v.stand is not None:
                    projectie = Projectie.uit_stand(aanvraag, v.stand, workflow_id=v.workflow_id, beleid=v.beleid)
                else:
                    volgnummer = max(
                        [g.volgnummer for g in v.gebeurtenissen] + [len((v.status or {}).get("tijdlijn") or [])]
                    )
                    projectie = Projectie.uit_aanvraag_en_status(
                        aanvraag, v.status, workflow_id=v.workflow_id, volgnummer=volgnummer
                    )
            if projectie is not None:
                await self._projectie_schrijven(verbinding, projectie, v.aanvraag)

    async def _stand_schrijven(
        self, verbinding: asyncpg.Connection, aanvraagnummer: str, stand: Zaakstand, beleid: str | None
    ) -> None:
        """Only what changes; never backwards (a late retry leaves a newer row alone)."""
        waarden = stand.model_dump()
        kolommen = list(waarden)
        bijgewerkt = await verbinding.execute(
            f"""
            UPDATE aanvraag SET {", ".join(f"{k} = ${i}" for i, k in enumerate(kolommen, start=2))},
                beleid = coalesce(${len(kolommen) + 2}, beleid), status = NULL, status_geheim = NULL,
                bijgewerkt_om = now()
            WHERE aanvraagnummer = $1 AND bijgewerkt_volgnummer <= ${kolommen.index("bijgewerkt_volgnummer") + 2}
            """,  # the column names are Zaakstand's fields, never input
            aanvraagnummer,
            *waarden.values(),
            beleid,
        )
        if bijgewerkt == "UPDATE 0" and not await verbinding.fetchval(
            "SELECT true FROM aanvraag WHERE aanvraagnummer = $1", aanvraagnummer
        ):
            log.warning("%s: stand zonder aanvraag in het register; alleen de tijdlijn vastgelegd", aanvraagnummer)

    async def _gebeurtenissen_schrijven(self, verbinding: asyncpg.Connection, v: Vastlegging) -> None:
        if not v.gebeurtenissen:
            return
        await verbinding.executemany(
            _GEBEURTENIS_INVOEGEN,
            [
                _gebeurtenis(
                    self.kluis,
                    v.aanvraagnummer,
                    v.workflow_id,
                    str(g.volgnummer),
                    g.volgnummer,
                    0,
                    g.op,
                    g.gebeurtenis,
                    g.door,
                    g.toelichting,
                    g.gegevens,
                    v.beleid,
                )
                for g in v.gebeurtenissen
            ],
        )
        # A replay must produce the same entries; a different one under a known number means
        # non-deterministic workflow code. The register keeps the first, and says so.
        opgeslagen = await verbinding.fetch(
            "SELECT volgnummer, gebeurtenis FROM gebeurtenis"
            " WHERE aanvraagnummer = $1 AND volgorde = 0 AND volgnummer = any($2::int[])",
            v.aanvraagnummer,
            [g.volgnummer for g in v.gebeurtenissen],
        )
        eerder = {r["volgnummer"]: r["gebeurtenis"] for r in opgeslagen}
        for g in v.gebeurtenissen:
            if eerder.get(g.volgnummer) != g.gebeurtenis:
                log.warning(
                    "%s: gebeurtenis %s is %r in het register, %r aangeboden; eerste behouden",
                    v.aanvraagnummer,
                    g.volgnummer,
                    eerder.get(g.volgnummer),
                    g.gebeurtenis,
                )

    async def _projectie_schrijven(
        self, verbinding: asyncpg.Connection, p: Projectie, aanvraag: m.Aanvraag | None
    ) -> None:
        rij = (p.aanvraagnummer,)
        aanvraag_json = None if aanvraag is None else aanvraag.model_dump(mode="json", exclude_unset=True)
        waarden: dict[str, Any] = {
            **p.model_dump(),
            "referent_vnummer_geheim": geheim(
                self.kluis, plek("aanvraag", rij, "referent_vnummer"), p.referent_vnummer
            ),
            "status_geheim": geheim_json(self.kluis, plek("aanvraag", rij, "status"), p.status),
            "zoek_referent": self.kluis.zoekwaarde("vnummer", p.referent_vnummer) if p.referent_vnummer else None,
            "aanvraag_geheim": geheim_json(self.kluis, plek("aanvraag", rij, "aanvraag"), aanvraag_json),
        }
        zoek = zoekwaarden(self.kluis, aanvraag_json)
        waarden.update(zoek_naam=zoek["zoek_naam"], zoek_vnummer=zoek["zoek_vnummer"])
        await verbinding.execute(
            _PROJECTIE_SCHRIJVEN, p.aanvraagnummer, *(waarden[k] for k in _PROJECTIE_KOLOMMEN + _AANVRAAG_KOLOMMEN)
        )

    async def brief_opslaan(
        self, brief: Brief, *, workflow_id: str | None = None, beleid: str | None = None
    ) -> tuple[Brief, bool]:
        """Store a letter and its timeline entry `brief_<soort>` once per (aanvraagnummer,
        brief_id); return the stored letter (the first one, on a retry) and whether it is new."""
        async with self.pool.acquire() as verbinding, verbinding.transaction():
            rij = (brief.aanvraagnummer, brief.brief_id)
            nieuw = await verbinding.fetchval(
                """
                INSERT INTO brief (aanvraagnummer, brief_id, soort, op, volgnummer, onderwerp_geheim,
                                   tekst_geheim, sjabloon, gegevens_geheim)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                ON CONFLICT (aanvraagnummer, brief_id) DO NOTHING
                RETURNING true
                """,
                brief.aanvraagnummer,
                brief.brief_id,
                brief.soort,
                brief.op,
                brief.volgnummer,
                geheim(self.kluis, plek("brief", rij, "onderwerp"), brief.onderwerp),
                geheim(self.kluis, plek("brief", rij, "tekst"), brief.tekst),
                brief.sjabloon,
                geheim_json(self.kluis, plek("brief", rij, "gegevens"), brief.gegevens),
            )
            opgeslagen = await self._brief(verbinding, brief.aanvraagnummer, brief.brief_id)
            assert opgeslagen is not None
            await verbinding.execute(
                _GEBEURTENIS_INVOEGEN,
                *_gebeurtenis(
                    self.kluis,
                    opgeslagen.aanvraagnummer,
                    workflow_id or m.workflow_id(opgeslagen.aanvraagnummer),
                    f"brief/{opgeslagen.brief_id}",
                    opgeslagen.volgnummer,
                    1,  # after the entry it belongs to
                    opgeslagen.op,
                    f"brief_{opgeslagen.soort}",
                    "systeem",
                    opgeslagen.onderwerp,
                    {"brief_id": opgeslagen.brief_id, "soort": opgeslagen.soort},
                    beleid,
                ),
            )
            return opgeslagen, bool(nieuw)

    # -- reading --

    async def brief(self, aanvraagnummer: str, brief_id: str) -> Brief | None:
        async with self.pool.acquire() as verbinding:
            return await self._brief(verbinding, aanvraagnummer, brief_id)

    async def _brief(self, verbinding: asyncpg.Connection, aanvraagnummer: str, brief_id: str) -> Brief | None:
        rij = await verbinding.fetchrow(
            "SELECT * FROM brief WHERE aanvraagnummer = $1 AND brief_id = $2", aanvraagnummer, brief_id
        )
        return None if rij is None else Brief.uit_rij(rij, self.kluis)


# --- the activities --------------------------------------------------------------------------


class RegisterActiviteiten:
    """The register's activities; the worker builds this once with its pool and renderer."""

    def __init__(self, register: Register, schrijver: Briefschrijver | None = None) -> None:
        self.register = register
        self.schrijver = schrijver or Briefschrijver()

    @activity.defn(name="register_vastleggen")
    async def vastleggen(self, v: Vastlegging) -> None:
        await self.register.vastleggen(v)

    async def brief_versturen(self, effect: e.Brief) -> BriefVerzonden:
        """Render the letter, store it and record `brief_<soort>`, once per step key."""
        brief = await self.register.brief(effect.aanvraagnummer, effect.sleutel)
        if brief is None:  # a retry after the commit returns what was sent, unrendered
            brief = self.brief_schrijven(effect)
        brief, _ = await self.register.brief_opslaan(
            brief, workflow_id=m.workflow_id(effect.aanvraagnummer), beleid=effect.beleid
        )
        return BriefVerzonden(
            aanvraagnummer=brief.aanvraagnummer,
            brief_id=brief.brief_id,
            soort=brief.soort,
            op=brief.op,
            onderwerp=brief.onderwerp,
            gebeurtenis=f"brief_{brief.soort}",
        )

    def brief_schrijven(self, effect: e.Brief) -> Brief:
        geschreven = self.schrijver.schrijf(effect)
        return Brief(
            aanvraagnummer=effect.aanvraagnummer,
            brief_id=effect.sleutel,
            soort=effect.SOORT,
            op=effect.op,
            volgnummer=effect.volgnummer,
            onderwerp=geschreven.onderwerp,
            tekst=geschreven.tekst,
            sjabloon=geschreven.sjabloon,
            gegevens=effect.model_dump(
                mode="json", exclude={"betreft", "aanvraagnummer", "volgnummer", "op", "beleid"}
            ),
        )

    def alle(self) -> list[Any]:
        """The activity callables, for `Worker(activities=...)`."""
        return [self.vastleggen]
