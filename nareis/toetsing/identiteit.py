"""WI 2026/11 §2.5, §3.1 (steps 1 and 2), §4.1 — identity, then the family-law relationship
(WI 2026/12 for the assessment itself). The relationship is assessed only once identity is
plausible; a DNA test showing no biological link ends it (§3.1)."""

from __future__ import annotations

from nareis.contract import AdviesRegel, Grond, OnderzoekUitkomst, Oordeel, Relatie
from nareis.toetsing import huwelijk
from nareis.toetsing.casus import Casus
from nareis.toetsing.uitslag import beoordelen, bron, niet_van_toepassing, niet_voldaan, voldaan


def beoordeel_identiteit(casus: Casus) -> AdviesRegel:
    g = Grond.IDENTITEIT
    match casus.feiten.identiteit_aannemelijk:
        case True:
            return voldaan(g, bron("2.5", "3.1"), "identiteit van het gezinslid aannemelijk")
        case False:
            return niet_voldaan(g, bron("2.5", "3.1"), "identiteit van het gezinslid niet aannemelijk gemaakt")
    if OnderzoekUitkomst.NIET_VERSCHENEN in casus.context.onderzoek_uitslagen.values():
        return beoordelen(g, bron("2.5", "3.1.2"), "niet verschenen voor nader onderzoek: zie ONDERZOEK")
    return beoordelen(g, bron("2.5", "3.1"), "identiteit nog niet vastgesteld (documenten, verklaringen; WI 2026/12)")


def beoordeel_familierechtelijke_relatie(casus: Casus, identiteit: AdviesRegel) -> AdviesRegel:
    g = Grond.FAMILIERECHTELIJKE_RELATIE
    if identiteit.oordeel is not Oordeel.VOLDAAN:
        return beoordelen(g, bron("3.1"), "pas na een aannemelijke identiteit (toetsingsvolgorde)")
    if casus.relatie is Relatie.PARTNER:
        return niet_van_toepassing(
            g, "brief 000; " + bron("2.4"), "ongehuwde partner: geen geregistreerde relatie; de duurzaamheid telt"
        )
    if casus.dna_geen_biologische_band:
        return niet_voldaan(g, bron("3.1"), "DNA-onderzoek bevestigt de biologische band niet")
    if casus.feiten.familierechtelijke_relatie_aannemelijk is False:
        return niet_voldaan(g, bron("2.5", "3.1"), "familierechtelijke relatie niet aannemelijk gemaakt")
    if casus.relatie is Relatie.ECHTGENOOT:
        uitkomst = huwelijk.beoordeel(casus)
        if uitkomst is not None:
            return uitkomst
    if casus.feiten.familierechtelijke_relatie_aannemelijk is True:
        return voldaan(g, bron("2.5", "3.1"), "familierechtelijke relatie aannemelijk")
    if casus.relatie is Relatie.ECHTGENOOT:
        return beoordelen(g, bron("3.2"), "rechtsgeldigheid van het huwelijk nog niet vastgesteld")
    return beoordelen(
        g, bron("2.5", "3.1"), "familierechtelijke relatie nog niet vastgesteld (eventueel nader onderzoek)"
    )
