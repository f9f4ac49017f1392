"""Building one ground's outcome: voldaan / niet_voldaan / beoordelen, with reason and source."""

from __future__ import annotations

from nareis.kalender import leeftijd
from nareis.modellen import Aanvraag, AdviesRegel, Grond, Oordeel


def voldaan(grond: Grond, bron: str, reden: str) -> AdviesRegel:
    return AdviesRegel(grond=grond, oordeel=Oordeel.VOLDAAN, bron=bron, reden=reden)


def niet_voldaan(grond: Grond, bron: str, reden: str) -> AdviesRegel:
    return AdviesRegel(grond=grond, oordeel=Oordeel.NIET_VOLDAAN, bron=bron, reden=reden)


def beoordelen(grond: Grond, bron: str, reden: str) -> AdviesRegel:
    return AdviesRegel(grond=grond, oordeel=Oordeel.BEOORDELEN, bron=bron, reden=reden)


def niet_van_toepassing(grond: Grond, bron: str, waarom: str) -> AdviesRegel:
    return voldaan(grond, bron, f"niet van toepassing: {waarom}")


def leeftijd_gezinslid_op_peilmoment(aanvraag: Aanvraag) -> int:
    """WI 2026/11 intro: a family member's age counts on the referent's entry date."""
    return leeftijd(aanvraag.gezinslid.geboortedatum, aanvraag.referent.inreis_op)
