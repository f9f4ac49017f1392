"""WI 2026/11 §1.4.2 — the antecedentenverklaring: required from every family member aged 12 or
over, or turning 12 during the procedure; valid for the whole procedure (objection and appeal
too); a clear photo of the signed document is accepted, a fingerprint or digital signature is
not; missing → ground for rejection."""

from __future__ import annotations

from nareis.contract import AdviesRegel, Grond
from nareis.kalender import plus
from nareis.toetsing.casus import Casus
from nareis.toetsing.uitslag import beoordelen, bron, niet_van_toepassing, niet_voldaan, voldaan

G = Grond.ANTECEDENTENVERKLARING
BRON = bron("1.4.2")


def beoordeel(casus: Casus) -> AdviesRegel:
    """Convention: "turning 12 during the procedure" is judged on the case's today (`peildatum`):
    from the 12th birthday the statement is required; before it, not yet."""
    vanaf = casus.normen.antecedentenverklaring_vanaf
    jaren = casus.leeftijd_gezinslid(casus.peildatum)
    if jaren < vanaf:
        twaalf = plus(casus.aanvraag.gezinslid.geboortedatum, vanaf, "jaren")
        return niet_van_toepassing(G, BRON, f"het gezinslid is {jaren} jaar (vereist zodra {vanaf}, op {twaalf})")
    match casus.feiten.antecedentenverklaring:
        case True:
            return voldaan(G, BRON, "ondertekende antecedentenverklaring ontvangen")
        case False:
            return niet_voldaan(
                G, BRON, "antecedentenverklaring ontbreekt (vingerafdruk of digitale handtekening telt niet)"
            )
    return beoordelen(G, BRON, f"vereist (het gezinslid is {jaren} jaar), nog niet ontvangen")
