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
"""

from __future__ import annotations

import json
import logging
from datetime import date
from typing import Any

import asyncpg
from pydantic import BaseModel, ConfigDict, Field
from temporalio import activity

from activities.brieven import Briefschrijver
from nareis import contract as m
from nareis import effecten as e
from nareis.register import Brief, Projectie, Zaakstand
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


def _json(waarde: Any) -> str:
    return json.dumps(waarde, ensure_ascii=False, sort_keys=True, default=str)


def _uit_json(waarde: str | None) -> Any:
    return None if waarde is None else json.loads(waarde)


_GEBEURTENIS_INVOEGEN = """
INSERT INTO gebeurtenis (aanvraagnummer, workflow_id, sleutel, volgnummer, volgorde, op,
                         gebeurtenis, door, toelichting, gegevens, beleid)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11)
ON CONFLICT (aanvraagnummer, sleutel) DO NOTHING
"""

_PROJECTIE_KOLOMMEN = (
    "dossiernummer",
    "workflow_id",
    "fase",
    "referent_vnummer",
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
    "status",
    "bijgewerkt_volgnummer",
)

# Upsert that never goes backwards: an older projection (a late retry) leaves the row alone.
_PROJECTIE_SCHRIJVEN = f"""
INSERT INTO aanvraag (aanvraagnummer, {", ".join(_PROJECTIE_KOLOMMEN)}, aanvraag)
VALUES ($1, {
    ", ".join(f"${i}" + ("::jsonb" if k == "status" else "") for i, k in enumerate(_PROJECTIE_KOLOMMEN, start=2))
},
        ${len(_PROJECTIE_KOLOMMEN) + 2}::jsonb)
ON CONFLICT (aanvraagnummer) DO UPDATE SET
    {", ".join(f"{k} = EXCLUDED.{k}" for k in _PROJECTIE_KOLOMMEN)},
    aanvraag = coalesce(aanvraag.aanvraag, EXCLUDED.aanvraag),
    bijgewerkt_om = now()
WHERE aanvraag.bijgewerkt_volgnummer <= EXCLUDED.bijgewerkt_volgnummer
"""


class Register:
    """The case register's write side: plain asyncpg on a pool, no Temporal. Reading for the
    CLIs is `client.register.RegisterReader`."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

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
                opgeslagen = await verbinding.fetchval(
                    "SELECT aanvraag FROM aanvraag WHERE aanvraagnummer = $1", v.aanvraagnummer
                )
                aanvraag = None if opgeslagen is None else m.Aanvraag.model_validate(_uit_json(opgeslagen))
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
                beleid = coalesce(${len(kolommen) + 2}, beleid), status = NULL, bijgewerkt_om = now()
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
                (
                    v.aanvraagnummer,
                    v.workflow_id,
                    str(g.volgnummer),
                    g.volgnummer,
                    0,
                    g.op,
                    g.gebeurtenis,
                    g.door,
                    g.toelichting,
                    _json(g.gegevens),
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
        waarden = p.model_dump()
        argumenten = [
            _json(waarden[k]) if k == "status" and waarden[k] is not None else waarden[k] for k in _PROJECTIE_KOLOMMEN
        ]
        await verbinding.execute(
            _PROJECTIE_SCHRIJVEN,
            p.aanvraagnummer,
            *argumenten,
            None if aanvraag is None else _json(aanvraag.model_dump(mode="json", exclude_unset=True)),
        )

    async def brief_opslaan(
        self, brief: Brief, *, workflow_id: str | None = None, beleid: str | None = None
    ) -> tuple[Brief, bool]:
        """Store a letter and its timeline entry `brief_<soort>` once per (aanvraagnummer,
        brief_id); return the stored letter (the first one, on a retry) and whether it is new."""
        async with self.pool.acquire() as verbinding, verbinding.transaction():
            nieuw = await verbinding.fetchval(
                """
                INSERT INTO brief (aanvraagnummer, brief_id, soort, op, volgnummer, onderwerp,
                                   tekst, sjabloon, gegevens)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
                ON CONFLICT (aanvraagnummer, brief_id) DO NOTHING
                RETURNING true
                """,
                brief.aanvraagnummer,
                brief.brief_id,
                brief.soort,
                brief.op,
                brief.volgnummer,
                brief.onderwerp,
                brief.tekst,
                brief.sjabloon,
                _json(brief.gegevens),
            )
            opgeslagen = await self._brief(verbinding, brief.aanvraagnummer, brief.brief_id)
            assert opgeslagen is not None
            await verbinding.execute(
                _GEBEURTENIS_INVOEGEN,
                opgeslagen.aanvraagnummer,
                workflow_id or m.workflow_id(opgeslagen.aanvraagnummer),
                f"brief/{opgeslagen.brief_id}",
                opgeslagen.volgnummer,
                1,  # after the entry it belongs to
                opgeslagen.op,
                f"brief_{opgeslagen.soort}",
                "systeem",
                opgeslagen.onderwerp,
                _json({"brief_id": opgeslagen.brief_id, "soort": opgeslagen.soort}),
                beleid,
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
        return None if rij is None else Brief.uit_rij(rij)


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
