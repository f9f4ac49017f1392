"""Seed 000 (letter to parliament on unmarried partners and art. 8 ECHR) — the indicators of a
durable relationship comparable to marriage, as a checklist for the caseworker. Strong
indicators, none decisive alone; the bond must have existed before the referent's entry (an
intention is not enough; cultural barriers do not excuse its absence). The project records the
indicators; it does not decide the balance (DOMAIN.md §5)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from nareis.contract import Relatie
from nareis.toetsing.casus import Casus

BRON = "brief 000 (ongehuwde partners en art. 8 EVRM)"


class Indicator(BaseModel):
    """One indicator of a durable relationship of unmarried partners (seed 000)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    naam: str
    omschrijving: str
    waarde: bool | None  # None: not (yet) established
    bron: str = BRON


_FEITEN = (
    ("partner_samenwonend", "samenwonen (sterke indicator)"),
    ("partner_gezamenlijke_huishouding", "gemeenschappelijke huishouding (sterke indicator)"),
    (
        "partner_wederzijdse_afhankelijkheid",
        "wederzijdse afhankelijkheid: financieel, emotioneel, praktisch (sterke indicator)",
    ),
    (
        "partner_relatie_voor_inreis",
        "de relatie bestond al vóór de inreis van de referent (een intentie voor de toekomst is onvoldoende)",
    ),
    (
        "partner_huwen_onmogelijk",
        "trouwen was in het land van herkomst niet mogelijk, bijv. lhbtiq+ (weegt positief in de belangenafweging)",
    ),
    (
        "partner_gezamenlijke_kinderen",
        "gezamenlijke kinderen met (ook) rechtmatig verblijf in Nederland (weegt positief)",
    ),
)


def indicatoren(casus: Casus) -> tuple[Indicator, ...]:
    if casus.relatie is not Relatie.PARTNER:
        return ()
    lijst = [
        Indicator(naam=naam, omschrijving=omschrijving, waarde=getattr(casus.feiten, naam))
        for naam, omschrijving in _FEITEN
    ]
    lijst.append(
        Indicator(
            naam="objectieve_belemmering",
            omschrijving="objectieve belemmering om het gezinsleven elders uit te oefenen: al snel aanwezig "
            "nu de referent internationale bescherming heeft",
            waarde=True,
        )
    )
    return tuple(lijst)
