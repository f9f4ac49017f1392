"""WI 2026/11 §2.3 — the extra conditions for a referent with subsidiary protection: the two-year
waiting period (nbm too), means (§2.3.1) and housing (§2.3.2) (not for an nbm). Failing one of
them leads to a proportionality test, not a hard rejection (§2.3, §2.7)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from nareis.contract import AdviesRegel, Grond
from nareis.kalender import plus
from nareis.toetsing.casus import Casus
from nareis.toetsing.uitslag import beoordelen, bron, niet_van_toepassing, niet_voldaan, voldaan

BRON_WACHTTERMIJN = bron("2.3")
BRON_MIDDELEN = bron("2.3.1")
BRON_HUISVESTING = bron("2.3.2")


def _niet_subsidiair(casus: Casus) -> str | None:
    return "de referent is vluchteling" if not casus.subsidiair else None


def beoordeel_wachttermijn(casus: Casus) -> AdviesRegel:
    """Two years after the decision granting the permit, also for an nbm."""
    g = Grond.WACHTTERMIJN
    waarom = _niet_subsidiair(casus)
    if waarom:
        return niet_van_toepassing(g, BRON_WACHTTERMIJN, waarom)
    einde = casus.context.wachttermijn_einde
    if einde is None:
        return beoordelen(g, BRON_WACHTTERMIJN, "de datum van verlening van de vergunning is onbekend")
    if casus.aanvraag.ontvangen_op > einde:
        return voldaan(g, BRON_WACHTTERMIJN, f"twee jaar na de verlening verstreken ({einde})")
    return niet_voldaan(
        g,
        BRON_WACHTTERMIJN,
        f"ingediend op {casus.aanvraag.ontvangen_op}, vóór het einde van de wachttermijn ({einde}): "
        "afwijzen kan, na een evenredigheidstoets",
    )


def ruim_na_wachttermijn(casus: Casus) -> bool:
    """§2.3: long after the waiting period → ask why so late; weigh it for the family bond."""
    einde = casus.context.wachttermijn_einde
    if not casus.subsidiair or einde is None:
        return False
    ruim: date = plus(einde, casus.normen.wachttermijn_ruim_na_maanden, "maanden")
    return casus.aanvraag.ontvangen_op > ruim


def _nbm(casus: Casus) -> str | None:
    return _niet_subsidiair(casus) or ("de referent is een nbm" if casus.nbm else None)


def middelen_peildatum(casus: Casus) -> date:
    """Convention: the means count on the day they were shown (`middelen_op`), by default the day
    the amount was recorded; the minimum wage in force that day is the norm."""
    if casus.feiten.middelen_op is not None:
        return casus.feiten.middelen_op
    vastgelegd = casus.dossierfeiten.vastgelegd("middelen_bedrag")
    return vastgelegd.op if vastgelegd is not None else casus.peildatum


def beoordeel_middelen(casus: Casus) -> AdviesRegel:
    """§2.3.1: sufficient first (sum of wages ≥ minimum wage); then independent and durable;
    at some moment between submission and decision all three, at decision still sufficient."""
    g = Grond.MIDDELEN
    waarom = _nbm(casus)
    if waarom:
        return niet_van_toepassing(g, BRON_MIDDELEN, waarom)
    feiten = casus.feiten
    if feiten.middelen_voldoende is True:
        return voldaan(g, BRON_MIDDELEN, "voldoende, zelfstandige en duurzame middelen vastgesteld")
    if feiten.middelen_voldoende is False:
        return niet_voldaan(g, BRON_MIDDELEN, "de middelen van bestaan zijn onvoldoende vastgesteld")
    bedrag = feiten.middelen_bedrag
    if bedrag is None:
        return beoordelen(g, BRON_MIDDELEN, "middelen van bestaan nog niet aangetoond (loonstroken, bankafschriften)")
    getoond_op = middelen_peildatum(casus)
    norm = casus.normen.minimumloon_op(getoond_op)
    if norm is None:
        return beoordelen(g, BRON_MIDDELEN, f"het minimumloon op {getoond_op} staat nog niet in het beleid")
    if bedrag < norm:
        return niet_voldaan(
            g, BRON_MIDDELEN, f"{_euro(bedrag)} per maand is minder dan het minimumloon ({_euro(norm)})"
        )
    if feiten.middelen_zelfstandig is False:
        return niet_voldaan(
            g, BRON_MIDDELEN, "voldoende, maar niet zelfstandig (niet legaal verworven of zonder premies)"
        )
    if feiten.middelen_duurzaam is False:
        return niet_voldaan(g, BRON_MIDDELEN, "voldoende, maar niet duurzaam (niet nog een jaar beschikbaar)")
    nu = casus.normen.minimumloon_op(casus.peildatum)
    if nu is not None and bedrag < nu:
        return beoordelen(
            g,
            BRON_MIDDELEN,
            f"{_euro(bedrag)} was voldoende op {getoond_op}, maar is minder dan het huidige minimumloon "
            f"({_euro(nu)}): bij beslissen moeten de middelen nog voldoende zijn",
        )
    if feiten.middelen_zelfstandig and feiten.middelen_duurzaam:
        return voldaan(g, BRON_MIDDELEN, f"{_euro(bedrag)} ≥ minimumloon ({_euro(norm)}), zelfstandig en duurzaam")
    return beoordelen(
        g,
        BRON_MIDDELEN,
        f"{_euro(bedrag)} ≥ minimumloon ({_euro(norm)}); zelfstandigheid en duurzaamheid nog vaststellen",
    )


def _euro(bedrag: Decimal) -> str:
    return f"€ {bedrag:.2f}"


def beoordeel_huisvesting(casus: Casus) -> AdviesRegel:
    """§2.3.2: at submission housing for at least 6 months ahead, still at decision; suitability
    is not tested; lease, deed or user agreement; a COA location is never housing."""
    g = Grond.HUISVESTING
    waarom = _nbm(casus)
    if waarom:
        return niet_van_toepassing(g, BRON_HUISVESTING, waarom)
    soort, maanden = casus.feiten.huisvesting, casus.feiten.huisvesting_maanden
    if soort is None:
        return beoordelen(
            g,
            BRON_HUISVESTING,
            "huisvesting nog niet aangetoond (huurovereenkomst, koopakte of gebruikersovereenkomst)",
        )
    if soort == "coa":
        return niet_voldaan(g, BRON_HUISVESTING, "een COA-opvanglocatie is nooit huisvesting")
    if soort == "geen":
        return niet_voldaan(g, BRON_HUISVESTING, "de referent beschikt niet over huisvesting")
    minimum = casus.normen.huisvesting_maanden
    if maanden is not None and maanden < minimum:
        return niet_voldaan(
            g,
            BRON_HUISVESTING,
            f"huisvesting voor {maanden} maanden vanaf de indiening; vereist is ten minste {minimum}",
        )
    duur = f"voor {maanden} maanden" if maanden is not None else "zonder einddatum"
    return voldaan(g, BRON_HUISVESTING, f"huisvesting aangetoond met {soort.replace('_', ' ')} ({duur})")
