"""The case facts: what caseworkers establish during the case (CONTRACT.md `feiten_vastleggen`).

Each fact carries who recorded it and when. The advice is computed from these facts, never
edited by hand (DOMAIN.md §3.7). Unknown keys are refused; `null` clears a fact.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from nareis.modellen import Invoerfout

Huisvesting = Literal["huurovereenkomst", "koopakte", "gebruikersovereenkomst", "coa", "geen"]
Huwelijk = Literal["rechtsgeldig", "niet_rechtsgeldig", "erkenningsbeletsel"]
Huwelijkstype = Literal["burgerlijk", "religieus", "ahmadi", "turks_traditioneel", "volmacht"]


class Feiten(BaseModel):
    """Every fact the rules use; all optional (None = not established)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # CONTRACT.md keys
    identiteit_aannemelijk: bool | None = None  # WI 2026/11 §2.5 (WI 2026/12)
    familierechtelijke_relatie_aannemelijk: bool | None = None  # §2.5
    feitelijke_gezinsband: bool | None = None  # §2.6: at the referent's entry and still at decision
    toestemmingsverklaring: bool | None = None  # §3.1.2
    antecedentenverklaring: bool | None = None  # §1.4.2
    middelen_voldoende: bool | None = None  # §2.3
    bestendig_verblijf: bool | None = None  # §2.8: True = stable residence in a third country
    huisvesting: Huisvesting | None = None  # §2.3
    huwelijk: Huwelijk | None = None  # §3.2
    # further facts
    documenten_echt: bool | None = None  # §5.1: documents found genuine (Bureau Documenten)
    documentsignalen: bool | None = None  # §5.1: signals from Bureau Documenten
    gezinsband_verbroken_op: date | None = None  # §3.1.1
    gezinsband_hersteld_op: date | None = None  # §3.1.1
    ten_laste: bool | None = None  # §3.1: the child depends on the referent
    gezag: bool | None = None  # §3.1: the referent has custody
    zelfstandig_wonend: bool | None = None  # §3.1, §4.1: lives independently
    zelfstandig_onderhoudend: bool | None = None  # §3.1, §4.1: supports himself
    eigen_gezin: bool | None = None  # §3.1, §4.1: formed his own family
    toestemming_niet_nodig: bool | None = None  # §3.1.2: exceptional situation, statement waived
    huwelijkstype: Huwelijkstype | None = None  # §3.2
    huwelijk_gesloten_op: date | None = None  # §3.2
    relatie_voor_inreis_geleefd: bool | None = None  # §3.2: a short marriage must have been lived
    gedwongen_huwelijk: bool | None = None  # §3.2
    polygaam: bool | None = None  # §3.2.1: the referent has more than one spouse
    gekozen_echtgenoot: bool | None = None  # §3.2.1: this spouse is the referent's choice
    andere_relaties_verbroken: bool | None = None  # §3.2.1: shown broken with the other spouses
    volle_broer_zus: bool | None = None  # §3.2.1: full sibling of the nbm (polygamous parent)
    kimlik_tijdig: bool | None = None  # §5.1: every child ≤ 14 has a Kimlik not issued late
    kimlik_uitgesloten: bool | None = None  # §5.1: step/foster/pre-marital child in the family
    syrier_in_turkije: bool | None = None  # §5.1: the rule is for Syrians in Turkey only
    nbm_begeleid: bool | None = None  # §4.2: came with a parent or was joined by one
    referent_permanente_vergunning: bool | None = None  # §2.1: permanent/extended during procedure
    middelen_bedrag: float | None = Field(default=None, ge=0)  # §2.3: gross per month
    middelen_duurzaam: bool | None = None  # §2.3
    middelen_zelfstandig: bool | None = None  # §2.3
    huisvesting_maanden: int | None = Field(default=None, ge=0)  # §2.3: housing secured ahead
    nieuwe_feiten: bool | None = None  # §5.5: the subsequent application brings new facts
    partner_samenwonend: bool | None = None  # seed 000 indicators (unmarried partner)
    partner_gezamenlijke_huishouding: bool | None = None
    partner_wederzijdse_afhankelijkheid: bool | None = None
    partner_gezamenlijke_kinderen: bool | None = None
    partner_relatie_voor_inreis: bool | None = None
    partner_huwen_onmogelijk: bool | None = None


FEITEN = frozenset(Feiten.model_fields)


class VastgelegdFeit(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    waarde: Any
    door: str | None = None
    op: date


class Dossierfeiten(BaseModel):
    """The established facts with their provenance; JSON-serialisable (continue-as-new)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    feiten: dict[str, VastgelegdFeit] = Field(default_factory=dict)

    def vastleggen(self, wijzigingen: Mapping[str, Any], *, door: str | None, op: date) -> Dossierfeiten:
        """Return the facts with `wijzigingen` applied; only the keys sent change, None clears."""
        onbekend = sorted(set(wijzigingen) - FEITEN)
        if onbekend:
            raise Invoerfout([(f"feiten.{k}", "onbekend feit") for k in onbekend])
        try:
            gecontroleerd = Feiten.model_validate(dict(wijzigingen))
        except ValidationError as fout:
            raise Invoerfout(
                [(f"feiten.{'.'.join(map(str, e['loc']))}", str(e["msg"])) for e in fout.errors()]
            ) from None
        feiten = dict(self.feiten)
        for sleutel in wijzigingen:
            waarde = getattr(gecontroleerd, sleutel)
            if waarde is None:
                feiten.pop(sleutel, None)
            else:
                feiten[sleutel] = VastgelegdFeit(waarde=waarde, door=door, op=op)
        return Dossierfeiten(feiten=feiten)

    def waarden(self) -> Feiten:
        return Feiten.model_validate({k: v.waarde for k, v in self.feiten.items()})
