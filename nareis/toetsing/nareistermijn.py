"""WI 2026/11 §2.2 — the nareistermijn (refugee referent): three months after receiving the
permit, an overrun of two weeks or less acceptable, a later one only when objectively excusable."""

from __future__ import annotations

from nareis.contract import AdviesRegel, Grond, NareistermijnOordeel
from nareis.toetsing.casus import Casus
from nareis.toetsing.uitslag import beoordelen, bron, niet_van_toepassing, niet_voldaan, voldaan

G = Grond.NAREISTERMIJN
BRON = bron("2.2")


def te_laat_onverklaard(casus: Casus) -> bool:
    """§2.2: filed after 3 months + 2 weeks without mentioning or explaining it → HV letter."""
    return (
        casus.context.nareistermijn_oordeel is NareistermijnOordeel.TE_LAAT
        and not casus.aanvraag.toelichting_termijnoverschrijding
        and casus.context.verschoonbaar is None
    )


def beoordeel(casus: Casus) -> AdviesRegel:
    oordeel = casus.context.nareistermijn_oordeel
    if oordeel is NareistermijnOordeel.NIET_VAN_TOEPASSING or casus.subsidiair:
        return niet_van_toepassing(G, BRON, "de referent heeft subsidiaire bescherming (zie §2.3)")
    if oordeel is NareistermijnOordeel.TIJDIG:
        return voldaan(G, BRON, "binnen drie maanden na ontvangst van de asielvergunning ingediend")
    if oordeel is NareistermijnOordeel.COULANCE:
        return voldaan(G, BRON + ", fn 11", "overschrijding van ten hoogste twee weken: acceptabel")
    if casus.context.verschoonbaar is True:
        return voldaan(G, BRON, "te laat ingediend, maar de overschrijding is objectief verschoonbaar geoordeeld")
    if casus.context.verschoonbaar is False:
        return niet_voldaan(
            G,
            BRON + ", fn 10",
            "te laat ingediend en de overschrijding is niet verschoonbaar (belangen van het kind hoeven "
            "niet te worden meegewogen; verwijs naar de reguliere procedure)",
        )
    toelichting = casus.aanvraag.toelichting_termijnoverschrijding
    return beoordelen(
        G,
        BRON,
        "meer dan drie maanden en twee weken na ontvangst van de vergunning ingediend: beoordeel of de "
        "overschrijding objectief verschoonbaar is (duur, inspanningen, bijzondere omstandigheden)"
        + ("" if toelichting else "; de toelichting wordt met een herstel verzuim-brief gevraagd"),
    )
