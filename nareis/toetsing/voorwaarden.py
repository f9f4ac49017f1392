"""The general conditions of WI 2026/11 §2.1-2.3: permit, nareistermijn, subsidiary conditions."""

from __future__ import annotations

from nareis.feiten import Feiten
from nareis.modellen import Aanvraag, AdviesRegel, Grond, NareistermijnOordeel, ReferentStatus
from nareis.toetsing.context import Toetsingscontext, Toetsingsnormen
from nareis.toetsing.uitslag import beoordelen, niet_van_toepassing, niet_voldaan, voldaan

BRON_2_1 = "WI 2026/11 §2.1"
BRON_2_2 = "WI 2026/11 §2.2"
BRON_2_3 = "WI 2026/11 §2.3"


def asielvergunning(aanvraag: Aanvraag, context: Toetsingscontext) -> AdviesRegel:
    """§2.1: an independent asylum permit on the date of submission; §4.3: premature filing."""
    referent = aanvraag.referent
    if referent.vergunning_verleend_op is None or referent.vergunning_verleend_op > aanvraag.ontvangen_op:
        return niet_voldaan(
            Grond.ASIELVERGUNNING,
            "WI 2026/11 §2.1, §4.3",
            "ingediend voordat de asielvergunning was verleend (prematuur)",
        )
    if referent.genaturaliseerd_op is not None and referent.genaturaliseerd_op <= aanvraag.ontvangen_op:
        return niet_voldaan(
            Grond.ASIELVERGUNNING,
            BRON_2_1,
            f"referent is op {referent.genaturaliseerd_op} genaturaliseerd, vóór de indiening",
        )
    if referent.genaturaliseerd_op is not None:
        return voldaan(
            Grond.ASIELVERGUNNING,
            BRON_2_1,
            "asielvergunning bij indiening; naturalisatie tijdens de procedure wordt niet tegengeworpen (wel gehoor)",
        )
    return voldaan(Grond.ASIELVERGUNNING, BRON_2_1, "zelfstandige asielvergunning bij indiening")


def nareistermijn(aanvraag: Aanvraag, context: Toetsingscontext) -> AdviesRegel:
    """§2.2: within 3 months of receiving the permit; 2 weeks' grace; otherwise excusable?"""
    oordeel = context.nareistermijn_oordeel
    if oordeel is NareistermijnOordeel.NIET_VAN_TOEPASSING:
        return niet_van_toepassing(Grond.NAREISTERMIJN, BRON_2_2, "referent heeft subsidiaire bescherming")
    if oordeel is NareistermijnOordeel.TIJDIG:
        return voldaan(Grond.NAREISTERMIJN, BRON_2_2, "binnen drie maanden na ontvangst van de vergunning")
    if oordeel is NareistermijnOordeel.COULANCE:
        return voldaan(Grond.NAREISTERMIJN, BRON_2_2, "overschrijding van ten hoogste twee weken (coulance)")
    if context.verschoonbaar is True:
        return voldaan(
            Grond.NAREISTERMIJN,
            BRON_2_2,
            "te laat, maar de overschrijding is verschoonbaar geoordeeld",
        )
    if context.verschoonbaar is False:
        return niet_voldaan(Grond.NAREISTERMIJN, BRON_2_2, "te laat en de overschrijding is niet verschoonbaar")
    return beoordelen(
        Grond.NAREISTERMIJN,
        BRON_2_2,
        "meer dan drie maanden en twee weken na ontvangst van de vergunning: beoordeel of de "
        "overschrijding objectief verschoonbaar is",
    )


def _subsidiair_van_toepassing(aanvraag: Aanvraag) -> str | None:
    if aanvraag.referent.status is not ReferentStatus.SUBSIDIAIR:
        return "referent is vluchteling"
    return None


def wachttermijn(aanvraag: Aanvraag, context: Toetsingscontext) -> AdviesRegel:
    """§2.3: two years after the decision granting the subsidiary permit (nbm too)."""
    waarom = _subsidiair_van_toepassing(aanvraag)
    if waarom:
        return niet_van_toepassing(Grond.WACHTTERMIJN, BRON_2_3, waarom)
    einde = context.wachttermijn_einde
    if einde is None:
        return beoordelen(Grond.WACHTTERMIJN, BRON_2_3, "datum van verlening onbekend")
    if aanvraag.ontvangen_op > einde:
        return voldaan(Grond.WACHTTERMIJN, BRON_2_3, f"wachttermijn verstreken op {einde}")
    return niet_voldaan(Grond.WACHTTERMIJN, BRON_2_3, f"ingediend vóór het einde van de wachttermijn ({einde})")


def middelen(aanvraag: Aanvraag, feiten: Feiten, normen: Toetsingsnormen) -> AdviesRegel:
    """§2.3: sufficient (≥ minimum wage), independent and durable means; not for an nbm."""
    waarom = _subsidiair_van_toepassing(aanvraag) or ("referent is nbm" if aanvraag.referent.nbm else None)
    if waarom:
        return niet_van_toepassing(Grond.MIDDELEN, BRON_2_3, waarom)
    if feiten.middelen_voldoende is True:
        return voldaan(Grond.MIDDELEN, BRON_2_3, "voldoende, zelfstandige en duurzame middelen vastgesteld")
    if feiten.middelen_voldoende is False:
        return niet_voldaan(Grond.MIDDELEN, BRON_2_3, "onvoldoende middelen vastgesteld")
    if feiten.middelen_bedrag is None:
        return beoordelen(Grond.MIDDELEN, BRON_2_3, "middelen nog niet vastgesteld")
    norm = normen.minimumloon_op(aanvraag.ontvangen_op)
    if norm is None:
        return beoordelen(
            Grond.MIDDELEN,
            BRON_2_3,
            "het minimumloon voor deze periode staat nog niet in het beleid",
        )
    if feiten.middelen_bedrag < norm:
        return niet_voldaan(
            Grond.MIDDELEN,
            BRON_2_3,
            f"€ {feiten.middelen_bedrag:.2f} is minder dan het minimumloon (€ {norm})",
        )
    if feiten.middelen_duurzaam is False or feiten.middelen_zelfstandig is False:
        return niet_voldaan(Grond.MIDDELEN, BRON_2_3, "middelen zijn niet duurzaam of niet zelfstandig")
    if feiten.middelen_duurzaam and feiten.middelen_zelfstandig:
        return voldaan(Grond.MIDDELEN, BRON_2_3, f"€ {feiten.middelen_bedrag:.2f} ≥ minimumloon (€ {norm})")
    return beoordelen(Grond.MIDDELEN, BRON_2_3, "voldoende, maar duurzaamheid en zelfstandigheid nog vaststellen")


def huisvesting(aanvraag: Aanvraag, feiten: Feiten, normen: Toetsingsnormen) -> AdviesRegel:
    """§2.3: housing for at least 6 months ahead; a COA location is never housing; not for an nbm."""
    waarom = _subsidiair_van_toepassing(aanvraag) or ("referent is nbm" if aanvraag.referent.nbm else None)
    if waarom:
        return niet_van_toepassing(Grond.HUISVESTING, BRON_2_3, waarom)
    if feiten.huisvesting is None:
        return beoordelen(Grond.HUISVESTING, BRON_2_3, "huisvesting nog niet vastgesteld")
    if feiten.huisvesting == "coa":
        return niet_voldaan(Grond.HUISVESTING, BRON_2_3, "een COA-opvanglocatie is nooit huisvesting")
    if feiten.huisvesting == "geen":
        return niet_voldaan(Grond.HUISVESTING, BRON_2_3, "geen huisvesting")
    if feiten.huisvesting_maanden is not None and feiten.huisvesting_maanden < normen.huisvesting_maanden:
        return niet_voldaan(
            Grond.HUISVESTING,
            BRON_2_3,
            f"huisvesting voor {feiten.huisvesting_maanden} maanden; vereist is {normen.huisvesting_maanden}",
        )
    return voldaan(Grond.HUISVESTING, BRON_2_3, f"huisvesting aangetoond ({feiten.huisvesting})")
