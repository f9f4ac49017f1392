"""WI 2026/11 §2.9 — 1F, national security and public order: signals from the screening or from
statements. A 1F signal is always reported to unit 1F, a national-security signal to the local
enforcement coordinators; public order per WI 2026/8. A signal is not yet a ground: the
conclusion after that report (`openbare_orde_bezwaar`) is."""

from __future__ import annotations

from nareis.contract import AdviesRegel, Grond, Signaal
from nareis.toetsing.casus import Casus
from nareis.toetsing.uitslag import beoordelen, bron, niet_voldaan, voldaan

G = Grond.OPENBARE_ORDE
BRON = bron("2.9")

_MELDING = {
    Signaal.ARTIKEL_1F: "melding bij de unit 1F (" + BRON + ")",
    Signaal.NATIONALE_VEILIGHEID: "melding bij de handhavingscoördinatoren op locatie (" + BRON + ")",
    Signaal.OPENBARE_ORDE: "raadpleeg WI 2026/8 (openbare orde) (" + BRON + ")",
}


def meldingen(casus: Casus) -> list[str]:
    return [_MELDING[s] for s in sorted(set(casus.context.screening_signalen or []))]


def beoordeel(casus: Casus) -> AdviesRegel:
    signalen = casus.context.screening_signalen
    conclusie = casus.feiten.openbare_orde_bezwaar
    if conclusie is True:
        return niet_voldaan(G, BRON, "1F, nationale veiligheid of openbare orde staat aan verblijf in de weg")
    if signalen is None:
        return beoordelen(G, BRON, "screeningsuitslag nog niet ontvangen")
    if not signalen:
        return voldaan(G, BRON, "screening zonder signalen")
    genoemd = ", ".join(sorted(s.value for s in set(signalen)))
    if conclusie is False:
        return voldaan(G, BRON, f"screeningssignalen ({genoemd}) beoordeeld: geen bezwaar")
    return beoordelen(G, BRON, f"screeningssignalen ({genoemd}): meld en beoordeel ({'; '.join(meldingen(casus))})")
