"""The procedure's steps as named activities (issue 6 §2), each idempotent by its step key.

Letters go through the register (rendered once, stored once, recorded once); requests to
other parties go through their ports. The worker builds everything once with
`bouw_activiteiten`.
"""

from __future__ import annotations

from typing import Any, TypeVar

import asyncpg
from pydantic import ValidationError
from temporalio import activity
from temporalio.exceptions import ApplicationError

from activities.oude_opdrachten import OudeStapopdracht, naar_effect
from activities.poorten import LokaleVerzoeken, Onderzoeksdienst, Screeningsdienst, Zendingspost
from activities.register import Register, RegisterActiviteiten
from brieven import BriefFout
from nareis import contract as m
from nareis import effecten as e
from nareis.register import Registerkluis

_E = TypeVar("_E", bound=e.Stap)


def _ongeldig(fout: Exception) -> ApplicationError:
    """A step that can never succeed: not retried (STAP_RETRY's non-retryable type)."""
    return ApplicationError(str(fout), type="OngeldigeOpdracht", non_retryable=True)


def _stap(opdracht: _E | OudeStapopdracht, soort: type[_E]) -> _E:
    """The typed effect; a step a case scheduled before the typed effects is converted."""
    if not isinstance(opdracht, OudeStapopdracht):
        return opdracht
    try:
        effect = naar_effect(opdracht)
    except (ValidationError, KeyError, ValueError) as fout:
        raise _ongeldig(fout) from None
    if not isinstance(effect, soort):
        raise _ongeldig(ValueError(f"soort: {opdracht.soort!r} is geen {soort.__name__}"))
    return effect


class Procedure:
    """One activity per step of the procedure, each taking its own typed effect."""

    def __init__(
        self,
        register: Register,
        brieven: RegisterActiviteiten,
        zendingspost: Zendingspost,
        screening: Screeningsdienst,
        onderzoek: Onderzoeksdienst,
    ) -> None:
        self.register = register
        self.brieven = brieven
        self.zendingspost = zendingspost
        self.screening = screening
        self.onderzoek = onderzoek

    async def _brief(self, brief: e.Brief) -> None:
        try:
            await self.brieven.brief_versturen(brief)
        except BriefFout as fout:
            raise _ongeldig(fout) from None

    @activity.defn(name="ontvangstbevestiging_versturen")
    async def ontvangstbevestiging_versturen(self, brief: e.Ontvangstbevestiging | OudeStapopdracht) -> None:
        """WI 2026/11 §1.2: the referent gets a receipt with the beslistermijn."""
        await self._brief(_stap(brief, e.Ontvangstbevestiging))

    @activity.defn(name="hv_brief_versturen")
    async def hv_brief_versturen(self, brief: e.HvBrief | OudeStapopdracht) -> None:
        """WI 2026/11 §1.3, §5.8: what is missing, the term and its date, the consequence."""
        await self._brief(_stap(brief, e.HvBrief))

    @activity.defn(name="onderzoek_aanbieden")
    async def onderzoek_aanbieden(self, verzoek: e.OnderzoekVerzoek | OudeStapopdracht) -> None:
        """WI 2026/11 §3.1: the DNA test or interview is requested from its service."""
        await self.onderzoek.onderzoek_aanvragen(_stap(verzoek, e.OnderzoekVerzoek))

    @activity.defn(name="screening_aanvragen")
    async def screening_aanvragen(self, verzoek: e.ScreeningVerzoek | OudeStapopdracht) -> None:
        """WI 2026/11 §2.9: screening requested; the result arrives as `screening_uitslag`."""
        await self.screening.screening_aanvragen(_stap(verzoek, e.ScreeningVerzoek))

    @activity.defn(name="beschikking_versturen")
    async def beschikking_versturen(self, brief: e.Beschikking | OudeStapopdracht) -> None:
        """The decision: outcome per ground with citations, the objection term and its date."""
        await self._brief(_stap(brief, e.Beschikking))

    @activity.defn(name="buiten_behandeling_versturen")
    async def buiten_behandeling_versturen(self, brief: e.BuitenBehandeling | OudeStapopdracht) -> None:
        """WI 2026/11 §5.8: the application is not taken into consideration."""
        await self._brief(_stap(brief, e.BuitenBehandeling))

    @activity.defn(name="mvv_afgifte_melden")
    async def mvv_afgifte_melden(self, afgifte: e.MvvAfgifte | OudeStapopdracht) -> None:
        """WI 2026/11 §5.3: the mission abroad is told to issue the mvv."""
        await self.zendingspost.mvv_afgifte_melden(_stap(afgifte, e.MvvAfgifte))

    @activity.defn(name="bezwaar_ontvangst_bevestigen")
    async def bezwaar_ontvangst_bevestigen(self, brief: e.BezwaarOntvangstbevestiging | OudeStapopdracht) -> None:
        """Art. 6:14 Awb: receipt of the objection is confirmed, with the decision term."""
        await self._brief(_stap(brief, e.BezwaarOntvangstbevestiging))

    @activity.defn(name="beslissing_op_bezwaar_versturen")
    async def beslissing_op_bezwaar_versturen(self, brief: e.BeslissingOpBezwaar | OudeStapopdracht) -> None:
        await self._brief(_stap(brief, e.BeslissingOpBezwaar))

    @activity.defn(name="koppelingen_opvragen")
    async def koppelingen_opvragen(self, vraag: e.KoppelingOpvragen) -> list[e.GekoppeldBesluit]:
        """Other applications that bear on this one, from the register (WI 2026/11 §4.1,
        §3.2.1, §5.5): those filed together, the referent's other spouse applications, and
        the earlier application of the same family member."""
        rijen = await self.register.pool.fetch(
            """
            SELECT aanvraagnummer, relatie, uitkomst, besluit_op FROM aanvraag
            WHERE aanvraagnummer <> $1 AND (
                aanvraagnummer = any($2::text[])
                OR aanvraagnummer = $3
                OR ((zoek_referent = any($4::bytea[]) OR referent_vnummer = $5) AND relatie = 'echtgenoot'
                    AND (uitkomst IS NULL OR ingewilligd))
            )
            ORDER BY aanvraagnummer
            """,
            vraag.aanvraagnummer,
            vraag.gezamenlijk_met,
            vraag.eerdere_aanvraag,
            self.register.kluis.zoekwaarden("vnummer", vraag.referent_vnummer),
            vraag.referent_vnummer,  # a row an older worker wrote before the next start encrypts it
        )
        return [_koppeling(rij) for rij in rijen]

    def alle(self) -> list[Any]:
        return [
            self.ontvangstbevestiging_versturen,
            self.hv_brief_versturen,
            self.onderzoek_aanbieden,
            self.screening_aanvragen,
            self.beschikking_versturen,
            self.buiten_behandeling_versturen,
            self.mvv_afgifte_melden,
            self.bezwaar_ontvangst_bevestigen,
            self.beslissing_op_bezwaar_versturen,
            self.koppelingen_opvragen,
        ]


def _koppeling(rij: asyncpg.Record) -> e.GekoppeldBesluit:
    uitkomst = rij["uitkomst"]
    return e.GekoppeldBesluit(
        aanvraagnummer=rij["aanvraagnummer"],
        relatie=m.Relatie(rij["relatie"]),
        uitkomst=uitkomst,
        op=rij["besluit_op"],
        inhoudelijk_beoordeeld=uitkomst in ("inwilliging", "afwijzing"),
    )


def bouw_activiteiten(pool: asyncpg.Pool, kluis: Registerkluis) -> list[Any]:
    """Every activity of the worker, built once on the register's pool and key ring."""
    register = Register(pool, kluis)
    brieven = RegisterActiviteiten(register)
    poorten = LokaleVerzoeken(pool, kluis)
    procedure = Procedure(register, brieven, zendingspost=poorten, screening=poorten, onderzoek=poorten)
    return [*brieven.alle(), *procedure.alle()]
