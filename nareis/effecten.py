"""What a case asks the outside world to do: one typed effect per step (STYLE.md §9).

Each effect carries exactly the data of its own step, fixed when the case decided the step:
a letter is rendered from its effect alone, never from the case as it is when the activity
runs (an HV letter states its own reason, list and deadline, whatever happened since). Each
names its step with a stable key, so a retried or replayed step has its effect once.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from nareis import contract as m


class _Bericht(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Betreft(_Bericht):
    """Who and what a letter is about: the few facts of the application it quotes."""

    aanvraagnummer: str
    dossiernummer: str
    ontvangen_op: date
    grondslag: m.Grondslag
    referent_vnummer: str
    gezinslid_naam: str
    gezinslid_relatie: m.Relatie

    @classmethod
    def uit_aanvraag(cls, aanvraag: m.Aanvraag) -> Betreft:
        return cls(
            aanvraagnummer=aanvraag.aanvraagnummer,
            dossiernummer=aanvraag.dossiernummer,
            ontvangen_op=aanvraag.ontvangen_op,
            grondslag=aanvraag.grondslag,
            referent_vnummer=aanvraag.referent.vnummer,
            gezinslid_naam=aanvraag.gezinslid.naam,
            gezinslid_relatie=aanvraag.gezinslid.relatie,
        )


class Stap(_Bericht):
    """One step with an effect outside the workflow, run as an idempotent activity."""

    #: the step's name in its key; stable, since letters and requests already sent are keyed by it
    STAP: ClassVar[str]

    aanvraagnummer: str
    volgnummer: int = Field(ge=1)  # the timeline entry it belongs to
    op: date
    beleid: str

    @property
    def sleutel(self) -> str:
        return f"{self.aanvraagnummer}/{self.volgnummer}/{self.STAP}"


class Brief(Stap):
    """A letter to the referent; `SOORT` names its template."""

    SOORT: ClassVar[str]

    betreft: Betreft


class Ontvangstbevestiging(Brief):
    """WI 2026/11 §1.2: the receipt, with the beslistermijn when it runs."""

    STAP = SOORT = "ontvangstbevestiging"

    beslistermijn_einde: date | None = None
    beslistermijn_regel: str | None = None
    beslistermijn_bron: str | None = None


class HvBrief(Brief):
    """WI 2026/11 §1.3, §2.2, §5.8: what is missing, the term and its date, the consequence."""

    STAP = "herstel_verzuim"
    SOORT = "herstel_verzuim"

    reden: str
    ontbrekend: list[str] = Field(default_factory=list)
    omschrijving: str | None = None
    verzonden_op: date
    reactie_uiterlijk: date
    termijn_regel: str
    termijn_bron: str
    # [2026-12] whether the beslistermijn stands still from this letter (not before it started)
    beslistermijn_opgeschort: bool = True


class Beschikking(Brief):
    """The decision: outcome per ground with citations, the objection term and its date."""

    STAP = "beschikking"
    SOORT = "beschikking"

    uitkomst: m.BesluitUitkomst
    gronden: list[m.AdviesRegel] = Field(default_factory=list)
    # DOMAIN.md §3.7: the caseworker's motivation per ground, quoted in the letter
    motivering: dict[m.Grond, str] = Field(default_factory=dict)
    afwijkingsreden: str | None = None
    bezwaartermijn_einde: date
    mvv_ophalen_uiterlijk: date | None = None


class BuitenBehandeling(Brief):
    """WI 2026/11 §5.8: the application is not taken into consideration."""

    STAP = "buiten_behandeling"
    SOORT = "buiten_behandeling"

    bezwaartermijn_einde: date | None = None


class BezwaarOntvangstbevestiging(Brief):
    """Awb 6:14: receipt of the objection is confirmed, with the decision term."""

    STAP = "bezwaar_ontvangen"
    SOORT = "bezwaar_ontvangen"

    beslissen_uiterlijk: date


class BeslissingOpBezwaar(Brief):
    """The decision on objection; an upheld objection against a rejection grants (Awb 7:11)."""

    STAP = "beslissing_op_bezwaar"
    SOORT = "beslissing_op_bezwaar"

    uitkomst: m.BezwaarUitkomst
    besluit_uitkomst: m.BesluitUitkomst  # the decision in force after it
    mvv_ophalen_uiterlijk: date | None = None
    # [2026-12] an upheld objection's new decision (Awb 7:11): its grounds and motivation
    nieuw_besluit: bool = False
    gronden: list[m.AdviesRegel] = Field(default_factory=list)
    motivering: dict[m.Grond, str] = Field(default_factory=dict)


class ScreeningVerzoek(Stap):
    """WI 2026/11 §2.9: screening requested; the result arrives as `screening_uitslag`."""

    STAP = "screening"


class OnderzoekVerzoek(Stap):
    """WI 2026/11 §3.1: the DNA test or interview is requested from its service."""

    STAP = "onderzoek"

    soort: m.OnderzoekSoort


class MvvAfgifte(Stap):
    """WI 2026/11 §5.3: the mission abroad is told to issue the mvv."""

    STAP = "mvv_afgifte"

    ophalen_uiterlijk: date


class GekoppeldBesluit(_Bericht):
    """The outcome of a linked application (WI 2026/11 §4.1, §3.2.1, §5.5)."""

    model_config = ConfigDict(extra="forbid", frozen=False)

    aanvraagnummer: str
    relatie: m.Relatie
    uitkomst: str | None  # None: still open
    op: date | None = None
    inhoudelijk_beoordeeld: bool = False


class KoppelingOpvragen(_Bericht):
    """Which other applications bear on this one (WI 2026/11 §4.1, §3.2.1, §5.5)."""

    aanvraagnummer: str
    referent_vnummer: str
    gezamenlijk_met: list[str]
    eerdere_aanvraag: str | None

    @classmethod
    def uit_aanvraag(cls, aanvraag: m.Aanvraag) -> KoppelingOpvragen:
        return cls(
            aanvraagnummer=aanvraag.aanvraagnummer,
            referent_vnummer=aanvraag.referent.vnummer,
            gezamenlijk_met=list(aanvraag.gezamenlijk_met),
            eerdere_aanvraag=aanvraag.eerdere_aanvraag,
        )


class Koppeling(Stap):
    """WI 2026/11 §4.1, §3.2.1: the applications `naar` learn this one's outcome (a signal)."""

    STAP = "koppeling"

    naar: list[str]
    besluit: GekoppeldBesluit


Effect = (
    Ontvangstbevestiging
    | HvBrief
    | Beschikking
    | BuitenBehandeling
    | BezwaarOntvangstbevestiging
    | BeslissingOpBezwaar
    | ScreeningVerzoek
    | OnderzoekVerzoek
    | MvvAfgifte
    | Koppeling
)

#: the letters by the name of their template
BRIEVEN: dict[str, type[Brief]] = {
    brief.SOORT: brief
    for brief in (
        Ontvangstbevestiging,
        HvBrief,
        Beschikking,
        BuitenBehandeling,
        BezwaarOntvangstbevestiging,
        BeslissingOpBezwaar,
    )
}


class Voorbeeldbrief(_Bericht):
    """A letter an action would send, with its template's name, so it reads back as its type."""

    soort: str
    gegevens: dict[str, Any]

    @classmethod
    def van(cls, brief: Brief) -> Voorbeeldbrief:
        return cls(soort=brief.SOORT, gegevens=brief.model_dump(mode="json"))

    def brief(self) -> Brief:
        return BRIEVEN[self.soort].model_validate(self.gegevens)


class Voorbeeld(_Bericht):
    """The query `voorbeeld` (issue #17 item 6): the letters an action would send today, or why
    the case would refuse it. Nothing is sent and the case is unchanged."""

    brieven: list[Voorbeeldbrief] = Field(default_factory=list)
    weigering: str | None = None
    #: the case's status after the action, today: the confirmation's terms that stop and start
    status: m.Status | None = None
