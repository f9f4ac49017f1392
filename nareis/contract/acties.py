"""The caseworker and intake actions (shared/CONTRACT.md): one model per Temporal update, and
the `nieuw_bewijs` signal."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from nareis.contract.codes import (
    BezwaarUitkomst,
    Grond,
    MvvVerlengingReden,
    OnderzoekSoort,
    OnderzoekUitkomst,
    OpschortingGrond,
    Signaal,
)
from nareis.contract.invoer import Invoer, _niet_in_de_toekomst


class Actie(Invoer):
    """Every action: `op` defaults to the workflow's date and may not lie in the future.

    `NAAM` is its update's name (CONTRACT.md); `OMSCHRIJVING` says what it does, in the words
    the API's documentation and the screens' forms use."""

    NAAM: ClassVar[str]
    OMSCHRIJVING: ClassVar[str]

    op: date | None = None
    door: str | None = Field(default=None, max_length=200)
    toelichting: str | None = Field(default=None, max_length=4000)

    _toekomst = field_validator("op")(_niet_in_de_toekomst)


class HvVersturen(Actie):
    NAAM = "hv_versturen"
    OMSCHRIJVING = "Een herstel verzuim-brief versturen"

    # [2026-12] a code (`HvReden`; DOMAIN.md §3.4). Still any text here: a running case's
    # recorded free-text reason must decode; the case refuses a non-code for new cases
    reden: str = Field(min_length=1, max_length=200)
    ontbrekend: list[str] = Field(default_factory=list)  # at most 50: the contract sizes (invoer.py)
    omschrijving: str | None = Field(default=None, max_length=4000)  # [2026-12] what is asked, in words


class HvReactieOntvangen(Actie):
    NAAM = "hv_reactie_ontvangen"
    OMSCHRIJVING = "De reactie op de open hv-brief is ontvangen"


class FormulierOntvangen(Actie):
    NAAM = "formulier_ontvangen"
    OMSCHRIJVING = "Het ingevulde formulier is ontvangen (aanvraag per brief)"


class VerschoonbaarheidBeoordelen(Actie):
    NAAM = "verschoonbaarheid_beoordelen"
    OMSCHRIJVING = "Oordeel over een te late aanvraag: verschoonbaar of niet"

    verschoonbaar: bool


class OnderzoekAanbieden(Actie):
    NAAM = "onderzoek_aanbieden"
    OMSCHRIJVING = "DNA-onderzoek of gehoor aanbieden"

    soort: OnderzoekSoort


class OnderzoekUitslagInvoer(Actie):
    NAAM = "onderzoek_uitslag"
    OMSCHRIJVING = "De uitslag van het onderzoek"

    soort: OnderzoekSoort
    uitkomst: OnderzoekUitkomst


class ScreeningUitslag(Actie):
    NAAM = "screening_uitslag"
    OMSCHRIJVING = "De uitslag van de screening"

    signalen: list[Signaal] = Field(default_factory=list)


class TermijnVerlengen(Actie):
    NAAM = "termijn_verlengen"
    OMSCHRIJVING = "De beslistermijn eenmalig verlengen"

    reden: str = Field(min_length=1, max_length=2000)


#: [2026-12] one motivation per ground: why it is met, or set aside (DOMAIN.md §3.7)
Motivering = Annotated[dict[Grond, Annotated[str, Field(min_length=1, max_length=4000)]], Field(max_length=50)]


class Besluiten(Actie):
    NAAM = "besluiten"
    OMSCHRIJVING = "Het besluit: inwilliging of afwijzing"

    uitkomst: Literal["inwilliging", "afwijzing"]
    gronden: list[Grond] = Field(default_factory=list)
    motivering: Motivering = Field(default_factory=dict)
    # before 2026-12: one reason to decide against the advice; still read, and taken as the
    # motivation of every ground that needed one (DOMAIN.md §3.7)
    afwijkingsreden: str | None = Field(default=None, max_length=4000)


class MvvVerlengen(Actie):
    NAAM = "mvv_verlengen"
    OMSCHRIJVING = "De ophaaltermijn van de mvv eenmalig verlengen"

    reden: MvvVerlengingReden


class MvvOpgehaald(Actie):
    NAAM = "mvv_opgehaald"
    OMSCHRIJVING = "Het gezinslid heeft de mvv opgehaald"


class BezwaarOntvangen(Actie):
    NAAM = "bezwaar_ontvangen"
    OMSCHRIJVING = "Een bezwaarschrift is ontvangen"

    # [2026-12] Awb 6:11 (DOMAIN.md §3.9): for an objection received after the objection term, the
    # caseworker's judgement whether the lateness is excusable, and why (required when it is)
    verschoonbaar: bool | None = None
    verschoonbaar_motivering: str | None = Field(default=None, max_length=4000)


class NieuwBesluit(Invoer):
    """[2026-12] the decision that takes the revoked one's place (Awb 7:11 lid 2; DOMAIN.md §3.9)."""

    uitkomst: Literal["inwilliging", "afwijzing"]
    gronden: list[Grond] = Field(default_factory=list)
    motivering: Motivering = Field(default_factory=dict)


class BezwaarBesluiten(Actie):
    NAAM = "bezwaar_besluiten"
    OMSCHRIJVING = "Beslissen op het bezwaar"

    uitkomst: BezwaarUitkomst
    # [2026-12] with `gegrond`: the new decision (the case asks for it; a payload of an upheld
    # objection from before it, without one, still decodes)
    nieuw_besluit: NieuwBesluit | None = None

    @model_validator(mode="after")
    def _nieuw_besluit_alleen_bij_gegrond(self) -> BezwaarBesluiten:
        if self.nieuw_besluit is not None and self.uitkomst is not BezwaarUitkomst.GEGROND:
            raise ValueError("nieuw_besluit: alleen bij een gegrond bezwaar (Awb 7:11)")
        return self


class IngebrekestellingOntvangen(Actie):
    NAAM = "ingebrekestelling_ontvangen"
    OMSCHRIJVING = "Een ingebrekestelling is ontvangen"


class Intrekken(Actie):
    NAAM = "intrekken"
    OMSCHRIJVING = "De referent trekt de aanvraag in"


class FeitenVastleggen(Actie):
    NAAM = "feiten_vastleggen"
    OMSCHRIJVING = "Vastgestelde feiten vastleggen; het advies wordt herberekend"

    feiten: dict[str, Any]


class Opschorten(Actie):
    NAAM = "opschorten"
    OMSCHRIJVING = "Begin van een opschorting van de beslistermijn (Awb 4:15)"

    grond: OpschortingGrond


class OpschortingBeeindigen(Actie):
    NAAM = "opschorting_beeindigen"
    OMSCHRIJVING = "Einde van die opschorting"

    grond: OpschortingGrond


class Toewijzen(Actie):
    NAAM = "toewijzen"
    OMSCHRIJVING = "De zaak toewijzen aan een behandelaar (leeg: terug naar de werkvoorraad van het team)"

    behandelaar: str | None = Field(default=None, min_length=1)


class BesluitAccorderen(Actie):
    """[2026-12] vier ogen (DOMAIN.md §3.7): a second person approves a proposed decision, or sends
    it back (`akkoord` false, the reason in `toelichting`); `door` must differ from the proposer's."""

    NAAM = "besluit_accorderen"
    OMSCHRIJVING = "Een voorgesteld besluit accorderen (vier ogen) of terugsturen"

    akkoord: bool


class Notitie(Actie):
    """An extension of the contract (issue #17 item 5): a caseworker's note on the case, recorded
    with who and when and shown in the timeline; it changes no term and no outcome."""

    NAAM = "notitie"
    OMSCHRIJVING = "Een notitie bij de zaak vastleggen (verandert geen termijn)"

    tekst: str = Field(min_length=1, max_length=4000)


class NieuwBewijs(Invoer):
    soort: str = Field(min_length=1, max_length=200)
    omschrijving: str = Field(min_length=1, max_length=4000)
    op: date | None = None


#: CONTRACT.md "Caseworker and intake actions": update name → payload model, in the contract's order
ACTIES: dict[str, type[Actie]] = {
    soort.NAAM: soort
    for soort in (
        HvVersturen,
        HvReactieOntvangen,
        FormulierOntvangen,
        VerschoonbaarheidBeoordelen,
        OnderzoekAanbieden,
        OnderzoekUitslagInvoer,
        ScreeningUitslag,
        TermijnVerlengen,
        Besluiten,
        MvvVerlengen,
        MvvOpgehaald,
        BezwaarOntvangen,
        BezwaarBesluiten,
        IngebrekestellingOntvangen,
        Intrekken,
        FeitenVastleggen,
        Opschorten,
        OpschortingBeeindigen,
        Toewijzen,
        BesluitAccorderen,
        Notitie,
    )
}
