"""WI 2026/11 §3.1.2 — the consent statement of a parent left behind (or another adult with
custody) for a minor child: signed, with a copy of an identity document. Considered only once
identity and family-law relationship are plausible; not needed for a child who became an adult
during the procedure; waived only in an exceptional situation (durable care by relatives is not)."""

from __future__ import annotations

from nareis.contract import AdviesRegel, Grond, Relatie
from nareis.kalender import plus
from nareis.toetsing.casus import Casus
from nareis.toetsing.uitslag import beoordelen, bron, niet_van_toepassing, niet_voldaan, voldaan

G = Grond.TOESTEMMINGSVERKLARING
BRON = bron("3.1.2")


def beoordeel(casus: Casus, volgorde_ok: bool) -> AdviesRegel:
    feiten = casus.feiten
    if casus.relatie not in (Relatie.KIND, Relatie.BROER_ZUS):
        return niet_van_toepassing(G, BRON, "alleen voor een minderjarig kind")
    if casus.relatie is Relatie.BROER_ZUS and feiten.achterblijvende_ouder is not True:
        return niet_van_toepassing(
            G, BRON, "de ouders vragen tegelijk nareis aan; geen achterblijvende ouder vastgelegd"
        )
    if not casus.gezinslid_minderjarig_bij_inreis:
        return niet_van_toepassing(G, BRON, "het kind was op het peilmoment meerderjarig")
    if not volgorde_ok:
        return beoordelen(
            G, BRON, "pas na aannemelijke identiteit en familierechtelijke relatie van kind en achterblijvende ouder"
        )
    if casus.gezinslid_meerderjarig_nu:
        achttien = plus(casus.aanvraag.gezinslid.geboortedatum, casus.normen.meerderjarig, "jaren")
        return niet_van_toepassing(G, BRON, f"het kind is tijdens de procedure meerderjarig geworden ({achttien})")
    if feiten.achterblijvende_ouder is False:
        return niet_van_toepassing(G, BRON, "geen achterblijvende ouder of andere gezagsdrager")
    if feiten.toestemming_niet_nodig is True:
        return voldaan(G, BRON, "uitzonderlijke situatie: de eis van een toestemmingsverklaring vervalt")
    if feiten.toestemmingsverklaring is True:
        return voldaan(G, BRON, "ondertekende toestemmingsverklaring met kopie identiteitsbewijs ontvangen")
    if feiten.toestemmingsverklaring is False:
        return niet_voldaan(
            G,
            BRON,
            "toestemmingsverklaring van de achterblijvende ouder ontbreekt (alleen in een uitzonderlijke situatie "
            "te passeren; duurzame opvang bij familie is dat niet)",
        )
    return beoordelen(G, BRON, "toestemmingsverklaring van de achterblijvende ouder nog niet ontvangen")
