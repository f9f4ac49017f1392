"""WI 2026/11 §2.8 — stable residence: the family members reside lawfully in the third country.
A legal requirement, but in practice never a pure ground for rejection: record it, ask for an
explanation, weigh it. More may be expected in an EU member state."""

from __future__ import annotations

from nareis.contract import AdviesRegel, Grond
from nareis.toetsing.casus import Casus
from nareis.toetsing.uitslag import beoordelen, bron, voldaan

G = Grond.BESTENDIG_VERBLIJF
BRON = bron("2.8")


def beoordeel(casus: Casus) -> AdviesRegel:
    land = casus.aanvraag.gezinslid.verblijfsland
    match casus.feiten.bestendig_verblijf:
        case True:
            return voldaan(G, BRON, f"rechtmatig verblijf in het derde land ({land})")
        case False:
            reden = (
                f"geen bestendig verblijf in {land}: vraag om toelichting op de situatie en de inspanningen "
                "en weeg het mee"
            )
            if land in casus.normen.eu_lidstaten:
                reden += "; in een EU-lidstaat mag meer worden verwacht"
            return beoordelen(G, BRON, reden + " (geen zelfstandige afwijzingsgrond)")
    return beoordelen(G, BRON, f"verblijfsstatus in {land} nog niet vastgesteld (geen zelfstandige afwijzingsgrond)")
