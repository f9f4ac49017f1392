"""WI 2026/11 §5.5 — a subsequent application must bring new facts or circumstances and explain
why they were not brought earlier; a mere repeat may be rejected by reference to the earlier
decision (art. 4:6 Awb), but not once this application was assessed on the merits. §2.2 — after a
rejection because family members were unavailable for investigation, or an uncollected mvv, the
referent may simply apply again: that is not a repeat."""

from __future__ import annotations

from nareis.contract import AdviesRegel, Grond
from nareis.toetsing.casus import Casus
from nareis.toetsing.uitslag import beoordelen, bron, niet_van_toepassing, niet_voldaan, voldaan

G = Grond.HERHAALDE_AANVRAAG
BRON = bron("5.5") + "; art. 4:6 Awb"


def eerdere(casus: Casus) -> str | None:
    if casus.context.eerdere_aanvraag is not None:
        return casus.context.eerdere_aanvraag.aanvraagnummer
    return casus.aanvraag.eerdere_aanvraag


def herhaling_mogelijk(casus: Casus) -> bool:
    """An earlier application decided on the merits (or not yet known to the case)."""
    vorige = casus.context.eerdere_aanvraag
    if eerdere(casus) is None:
        return False
    return vorige is None or vorige.inhoudelijk_beoordeeld


def beoordeel(casus: Casus) -> AdviesRegel:
    nummer = eerdere(casus)
    if nummer is None:
        return niet_van_toepassing(G, BRON, "geen eerdere aanvraag")
    if not herhaling_mogelijk(casus):
        return voldaan(
            G,
            bron("2.2", "5.5"),
            f"de eerdere aanvraag ({nummer}) is niet inhoudelijk beoordeeld: dit is een nieuwe aanvraag "
            "met een nieuw besluit",
        )
    feiten = casus.feiten
    if feiten.nieuwe_feiten is True:
        return voldaan(G, BRON, f"nieuwe feiten of omstandigheden ten opzichte van {nummer}, met toelichting")
    if feiten.nieuwe_feiten is False:
        if feiten.inhoudelijk_getoetst:
            return beoordelen(
                G,
                BRON,
                "geen nieuwe feiten, maar de aanvraag is inhoudelijk getoetst: afwijzen op art. 4:6 Awb kan niet meer",
            )
        return niet_voldaan(
            G,
            BRON,
            f"herhaling van {nummer} zonder nieuwe feiten of omstandigheden: afwijzen met verwijzing naar dat besluit",
        )
    return beoordelen(G, BRON, f"opvolgend op {nummer}: vaststellen of er nieuwe feiten of omstandigheden zijn")
