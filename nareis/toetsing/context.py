"""What the rules know beyond the application and the facts: the case's state and norms."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from nareis import modellen as m
from nareis.beleid import Beleid


class EerdereAanvraag(BaseModel):
    """The earlier application of the same family member (WI 2026/11 §5.5)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    aanvraagnummer: str
    uitkomst: str | None = None
    besluit_op: date | None = None
    inhoudelijk_beoordeeld: bool = False


class Toetsingscontext(BaseModel):
    """Filled by the workflow from the case; every field documented with its paragraph."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    peildatum: date  # the case's today: ages "during the procedure" and "at the decision"
    nareistermijn_oordeel: m.NareistermijnOordeel  # WI 2026/11 §2.2, from the clock
    wachttermijn_einde: date | None = None  # §2.3, from the clock (subsidiary referent)
    verschoonbaar: bool | None = None  # §2.2: the caseworker's judgement on a late filing
    formulier_ontvangen: bool = True  # §5.8
    onderzoek_aangeboden: list[m.OnderzoekSoort] = Field(default_factory=list)  # §3.1
    onderzoek_uitslagen: dict[m.OnderzoekSoort, m.OnderzoekUitkomst] = Field(default_factory=dict)
    screening_signalen: list[m.Signaal] | None = None  # §2.9; None = no result yet
    hv_onbeantwoord: bool = False  # §1.3: an HV letter lapsed unanswered (duty to cooperate)
    ouders_uitkomst: list[str | None] = Field(default_factory=list)  # §4.1: parents' outcomes
    andere_echtgenoot_aanvragen: list[str] = Field(default_factory=list)  # §3.2.1
    eerdere_aanvraag: EerdereAanvraag | None = None  # §5.5
    in_bezwaar: bool = False  # §4.3: the nbm stays a minor in objection


class Toetsingsnormen(BaseModel):
    """The numbers the rules need, from the policy in force (nareis.beleid)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    meerderjarig: int = 18
    antecedentenverklaring_vanaf: int = 12
    kimlik_maximaal: int = 14
    migratiepact_op: date = date(2026, 6, 12)
    huisvesting_maanden: int = 6
    minimumloon: tuple[tuple[date, date, Decimal], ...] = ()

    @classmethod
    def uit_beleid(cls, beleid: Beleid) -> Toetsingsnormen:
        leeftijden = beleid.leeftijden
        return cls(
            meerderjarig=int(leeftijden.meerderjarig.waarde),
            antecedentenverklaring_vanaf=int(leeftijden.antecedentenverklaring.waarde),
            kimlik_maximaal=int(leeftijden.kimlik_maximaal.waarde),
            migratiepact_op=beleid.migratiepact_op.waarde,
            huisvesting_maanden=int(beleid.middelen.huisvesting_maanden.waarde),
            minimumloon=tuple((r.vanaf, r.tot, r.bedrag) for r in beleid.minimumloon),
        )

    def minimumloon_op(self, dag: date) -> Decimal | None:
        return next((bedrag for van, tot, bedrag in self.minimumloon if van <= dag <= tot), None)
