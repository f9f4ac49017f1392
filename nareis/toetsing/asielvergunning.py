"""WI 2026/11 §2.1 — an independent asylum permit on the date of submission; §4.3 — premature filing."""

from __future__ import annotations

from datetime import date

from nareis.contract import AdviesRegel, Grond
from nareis.toetsing.casus import Casus
from nareis.toetsing.uitslag import beoordelen, bron, niet_voldaan, voldaan

G = Grond.ASIELVERGUNNING


def genaturaliseerd_op(casus: Casus) -> date | None:
    """From the application, or learned during the case (a recorded fact)."""
    return casus.aanvraag.referent.genaturaliseerd_op or casus.feiten.referent_genaturaliseerd_op


def tijdens_procedure_gewijzigd(casus: Casus) -> list[str]:
    """§2.1: naturalised, permanent or extended permit during the procedure → in principle an interview."""
    wijzigingen = []
    naturalisatie = genaturaliseerd_op(casus)
    if naturalisatie is not None and naturalisatie > casus.aanvraag.ontvangen_op:
        wijzigingen.append(f"genaturaliseerd op {naturalisatie}")
    if casus.feiten.referent_permanente_vergunning:
        wijzigingen.append("verblijfsvergunning voor onbepaalde tijd")
    if casus.feiten.referent_vergunning_verlengd:
        wijzigingen.append("asielvergunning verlengd")
    return wijzigingen


def prematuur(casus: Casus) -> bool:
    """§4.3: filed before the asylum permit was granted."""
    verleend = casus.aanvraag.referent.vergunning_verleend_op
    return verleend is None or verleend > casus.aanvraag.ontvangen_op


def prematuur_hersteld_in_bezwaar(casus: Casus) -> bool:
    """§4.3: in objection the referent holds the permit by now (recorded as a fact)."""
    later = casus.feiten.referent_vergunning_verleend_op
    return prematuur(casus) and casus.context.in_bezwaar and later is not None and later <= casus.peildatum


def beoordeel(casus: Casus) -> AdviesRegel:
    aanvraag = casus.aanvraag
    verleend = aanvraag.referent.vergunning_verleend_op
    if verleend is None or prematuur(casus):
        return _prematuur(casus)
    naturalisatie = genaturaliseerd_op(casus)
    if naturalisatie is not None and naturalisatie <= aanvraag.ontvangen_op:
        return niet_voldaan(G, bron("2.1"), f"referent was bij indiening al genaturaliseerd ({naturalisatie})")
    gewijzigd = tijdens_procedure_gewijzigd(casus)
    if gewijzigd:
        return voldaan(
            G,
            bron("2.1"),
            "asielvergunning bij indiening; tijdens de procedure "
            + ", ".join(gewijzigd)
            + ": niet tegenwerpen, wel in beginsel een gehoor (gezinsband mogelijk verbroken)",
        )
    return voldaan(G, bron("2.1"), f"zelfstandige asielvergunning bij indiening (verleend op {verleend})")


def _prematuur(casus: Casus) -> AdviesRegel:
    """§4.3: filed before the permit → reject; in objection, once the permit exists, no longer."""
    later = casus.feiten.referent_vergunning_verleend_op
    if prematuur_hersteld_in_bezwaar(casus):
        if casus.nbm_zaak:
            return voldaan(
                G,
                bron("4.3"),
                f"te vroeg ingediend, maar in bezwaar is de vergunning er (verleend op {later}): "
                "niet langer afwijzen; de referent geldt als minderjarige",
            )
        return beoordelen(
            G,
            bron("2.1", "4.3"),
            f"te vroeg ingediend; de vergunning is inmiddels verleend ({later}): beoordeel in bezwaar",
        )
    return niet_voldaan(
        G, bron("2.1", "4.3"), "te vroeg ingediend: de referent had bij indiening nog geen asielvergunning"
    )
