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
from nareis.zaak import Gebeurtenis

log = logging.getLogger("nareis.register")


class _Bericht(BaseModel):
    # fields a newer workflow adds are ignored, so old and new versions keep talking
    model_config = ConfigDict(extra="ignore")


# --- the activities' messages ----------------------------------------------------------------


class Zaakstand(_Bericht):
    """What changes of the `aanvraag` row as a case goes on (the rest is fixed at receipt)."""

    fase: str | None = None
    beslistermijn_einde: date | None = None
    opgeschort: bool = False
    uitkomst: str | None = None
    besluit_op: date | None = None
    ingewilligd: bool = False
    bijgewerkt_volgnummer: int = 0

    @classmethod
    def uit_status(cls, status: m.Status | dict[str, Any], volgnummer: int | None = None) -> Zaakstand:
        """From the contract's `status` (CONTRACT.md); `volgnummer` defaults to its timeline's length."""
        if isinstance(status, m.Status):
            status = status.model_dump(mode="json")
        termijn = status.get("beslistermijn") or {}
        besluit = status.get("besluit") or {}
        bezwaar = status.get("bezwaar") or {}
        uitkomst = besluit.get("uitkomst")
        return cls(
            fase=status.get("fase"),
            beslistermijn_einde=termijn.get("einde"),
            opgeschort=bool(termijn.get("opgeschort")),
            uitkomst=uitkomst,
            besluit_op=besluit.get("op"),
            # granted, also after a successful objection against a rejection
            ingewilligd=uitkomst == "inwilliging" or (uitkomst == "afwijzing" and bezwaar.get("uitkomst") == "gegrond"),
            bijgewerkt_volgnummer=volgnummer if volgnummer is not None else len(status.get("tijdlijn") or []),
        )


class Projectie(_Bericht):
    """The `aanvraag` row: the case as it stands after entry `bijgewerkt_volgnummer`."""

    aanvraagnummer: str
    dossiernummer: str | None = None
    workflow_id: str
    fase: str | None = None
    referent_vnummer: str | None = None
    referent_status: str | None = None
    relatie: str | None = None
    grondslag: str = m.Grondslag.NAREIS.value
    referent_komst: str = m.Komst.ASIEL.value
    nareis_op_nareis: bool = False
    nagereisd_bij_nbm: bool = False
    ontvangen_op: date | None = None
    beslistermijn_einde: date | None = None
    opgeschort: bool = False
    uitkomst: str | None = None
    besluit_op: date | None = None
    ingewilligd: bool = False
    beleid: str | None = None
    status: dict[str, Any] | None = None
    bijgewerkt_volgnummer: int = 0

    @classmethod
    def uit_status(
        cls,
        aanvraag: m.Aanvraag | dict[str, Any],
        status: m.Status | dict[str, Any] | None,
        *,
        workflow_id: str | None = None,
        volgnummer: int | None = None,
    ) -> Projectie:
        """Derive the row from the Aanvraag and the contract's `status` (CONTRACT.md)."""
        if not isinstance(aanvraag, m.Aanvraag):
            aanvraag = m.Aanvraag.model_validate(aanvraag)
        if isinstance(status, m.Status):
            status = status.model_dump(mode="json")
        status = status or {}
        return cls.uit_stand(
            aanvraag, Zaakstand.uit_status(status, volgnummer), workflow_id=workflow_id, beleid=status.get("beleid")
        ).model_copy(update={"status": status or None})

    @classmethod
    def uit_stand(
        cls, aanvraag: m.Aanvraag, stand: Zaakstand, *, workflow_id: str | None = None, beleid: str | None = None
    ) -> Projectie:
        komst = aanvraag.referent.komst
        return cls(
            aanvraagnummer=aanvraag.aanvraagnummer,
            dossiernummer=aanvraag.dossiernummer,
            workflow_id=workflow_id or aanvraag.workflow_id,
            referent_vnummer=aanvraag.referent.vnummer,
            referent_status=aanvraag.referent.status.value,
            relatie=aanvraag.gezinslid.relatie.value,
            grondslag=aanvraag.grondslag.value,
            referent_komst=komst.value,
            # seed 004: nareis requested by a referent who came through nareis himself
            nareis_op_nareis=aanvraag.grondslag is m.Grondslag.NAREIS and komst is m.Komst.NAREIS,
            nagereisd_bij_nbm=aanvraag.referent.nagereisd_bij_nbm,
            ontvangen_op=aanvraag.ontvangen_op,
            beleid=beleid,
            **stand.model_dump(),
        )


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


class Brief(_Bericht):
    """A letter as stored in the register."""

    aanvraagnummer: str
    brief_id: str
    soort: str
    op: date
    volgnummer: int
    onderwerp: str
    tekst: str
    sjabloon: str
    gegevens: dict[str, Any] = Field(default_factory=dict)


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
    """The case register: plain asyncpg on a pool, no Temporal."""

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
                    projectie = Projectie.uit_status(
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
        return None if rij is None else _brief_uit_rij(rij)

    async def brieven(self, aanvraagnummer: str) -> list[Brief]:
        rijen = await self.pool.fetch(
            "SELECT * FROM brief WHERE aanvraagnummer = $1 ORDER BY volgnummer, op, vastgelegd_om",
            aanvraagnummer,
        )
        return [_brief_uit_rij(r) for r in rijen]

    async def projectie(self, aanvraagnummer: str) -> Projectie | None:
        rij = await self.pool.fetchrow("SELECT * FROM aanvraag WHERE aanvraagnummer = $1", aanvraagnummer)
        if rij is None:
            return None
        waarden = {k: rij[k] for k in ("aanvraagnummer", *_PROJECTIE_KOLOMMEN)}
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


def _brief_uit_rij(rij: asyncpg.Record) -> Brief:
    return Brief(
        aanvraagnummer=rij["aanvraagnummer"],
        brief_id=rij["brief_id"],
        soort=rij["soort"],
        op=rij["op"],
        volgnummer=rij["volgnummer"],
        onderwerp=rij["onderwerp"],
        tekst=rij["tekst"],
        sjabloon=rij["sjabloon"],
        gegevens=_uit_json(rij["gegevens"]) or {},
    )


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
