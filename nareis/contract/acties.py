"""The caseworker and intake actions (shared/CONTRACT.md): one model per Temporal update, and
the `nieuw_bewijs` signal."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import Field, field_validator

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
    """Every action: `op` defaults to the workflow's date and may not lie in the future."""

    op: date | None = None
    door: str | None = Field(default=None, max_length=200)
    toelichting: str | None = Field(default=None, max_length=4000)

    _toekomst = field_validator("op")(_niet_in_de_toekomst)


class HvVersturen(Actie):
    reden: str = Field(min_length=1, max_length=200)
    ontbrekend: list[str] = Field(default_factory=list)


class HvReactieOntvangen(Actie):
    pass


class FormulierOntvangen(Actie):
    pass


class VerschoonbaarheidBeoordelen(Actie):
    verschoonbaar: bool


class OnderzoekAanbieden(Actie):
    soort: OnderzoekSoort


class OnderzoekUitslagInvoer(Actie):
    soort: OnderzoekSoort
    uitkomst: OnderzoekUitkomst


class ScreeningUitslag(Actie):
    signalen: list[Signaal] = Field(default_factory=list)


class TermijnVerlengen(Actie):
    reden: str = Field(min_length=1, max_length=2000)


class Besluiten(Actie):
    uitkomst: Literal["inwilliging", "afwijzing"]
    gronden: list[Grond] = Field(default_factory=list)
    # extension: the explicit reason to decide against a hard rule of the advice (DOMAIN.md §3.7)
    afwijkingsreden: str | None = Field(default=None, max_length=4000)


class MvvVerlengen(Actie):
    reden: MvvVerlengingReden


class MvvOpgehaald(Actie):
    pass


class BezwaarOntvangen(Actie):
    verschoonbaar: bool | None = None  # a late objection is admissible only if excusable


class BezwaarBesluiten(Actie):
    uitkomst: BezwaarUitkomst


class IngebrekestellingOntvangen(Actie):
    pass


class Intrekken(Actie):
    pass


class FeitenVastleggen(Actie):
    feiten: dict[str, Any]


class Opschorten(Actie):
    grond: OpschortingGrond


class OpschortingBeeindigen(Actie):
    grond: OpschortingGrond


class NieuwBewijs(Invoer):
    soort: str = Field(min_length=1, max_length=200)
    omschrijving: str = Field(min_length=1, max_length=4000)
    op: date | None = None


#: CONTRACT.md "Caseworker and intake actions": update name → payload model
ACTIES: dict[str, type[Actie]] = {
    "hv_versturen": HvVersturen,
    "hv_reactie_ontvangen": HvReactieOntvangen,
    "formulier_ontvangen": FormulierOntvangen,
    "verschoonbaarheid_beoordelen": VerschoonbaarheidBeoordelen,
    "onderzoek_aanbieden": OnderzoekAanbieden,
    "onderzoek_uitslag": OnderzoekUitslagInvoer,
    "screening_uitslag": ScreeningUitslag,
    "termijn_verlengen": TermijnVerlengen,
    "besluiten": Besluiten,
    "mvv_verlengen": MvvVerlengen,
    "mvv_opgehaald": MvvOpgehaald,
    "bezwaar_ontvangen": BezwaarOntvangen,
    "bezwaar_besluiten": BezwaarBesluiten,
    "ingebrekestelling_ontvangen": IngebrekestellingOntvangen,
    "intrekken": Intrekken,
    "feiten_vastleggen": FeitenVastleggen,
    "opschorten": Opschorten,
    "opschorting_beeindigen": OpschortingBeeindigen,
}
