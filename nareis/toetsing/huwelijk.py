"""WI 2026/11 §3.2 — marriage: a foreign marriage counts when valid under private international
law (art. 10:31 BW); Ahmadi marriages in Pakistan are valid, traditional marriages concluded in
Turkey are not (also when later registered in Syria), a proxy marriage can be valid; recognition
bars: a forced marriage, and a child marriage (§3.2.2), recognised only once both spouses are
adult at the decision, then retroactively. Not valid → the assessment stops."""

from __future__ import annotations

from datetime import date

from nareis.contract import AdviesRegel, Grond
from nareis.kalender import plus
from nareis.toetsing.casus import Casus
from nareis.toetsing.uitslag import beoordelen, bron, niet_voldaan, voldaan

G = Grond.FAMILIERECHTELIJKE_RELATIE
BRON = bron("3.2")
BRON_KIND = bron("3.2", "3.2.2")


def kindhuwelijk(casus: Casus) -> bool:
    """§3.2.2: at least one spouse was a minor when the marriage was concluded."""
    gesloten = casus.feiten.huwelijk_gesloten_op
    if gesloten is None:
        return False
    minimum = casus.normen.meerderjarig
    return casus.leeftijd_gezinslid(gesloten) < minimum or casus.leeftijd_referent(gesloten) < minimum


def beiden_meerderjarig_op(casus: Casus) -> date:
    """The day both spouses are adult: from then a child marriage is recognised."""
    minimum = casus.normen.meerderjarig
    return max(
        plus(casus.aanvraag.gezinslid.geboortedatum, minimum, "jaren"),
        plus(casus.aanvraag.referent.geboortedatum, minimum, "jaren"),
    )


def beoordeel(casus: Casus) -> AdviesRegel | None:
    """The family-law relationship of a spouse; None when the facts say nothing about the marriage."""
    feiten = casus.feiten
    if feiten.huwelijkstype == "turks_traditioneel":
        return niet_voldaan(
            G,
            BRON,
            "een traditioneel in Turkije gesloten huwelijk is niet rechtsgeldig, ook niet na registratie in Syrië",
        )
    if feiten.gedwongen_huwelijk:
        return niet_voldaan(G, BRON, "huwelijk onder dwang: erkenningsbeletsel; geen familierechtelijke relatie")
    if kindhuwelijk(casus) or feiten.huwelijk == "erkenningsbeletsel":
        erkend_op = beiden_meerderjarig_op(casus)
        if casus.peildatum < erkend_op:
            soort = "kindhuwelijk" if kindhuwelijk(casus) else "erkenningsbeletsel"
            return niet_voldaan(
                G,
                BRON_KIND,
                f"{soort}: niet erkend zolang een echtgenoot minderjarig is (beide meerderjarig op {erkend_op})",
            )
        if not kindhuwelijk(casus):
            return beoordelen(
                G,
                BRON_KIND,
                "erkenningsbeletsel vastgelegd terwijl beide echtgenoten meerderjarig zijn: was het een kindhuwelijk, "
                "dan is het nu met terugwerkende kracht erkend (leg de huwelijksdatum vast); anders geen relatie",
            )
        if feiten.huwelijk != "niet_rechtsgeldig":
            return voldaan(
                G,
                BRON_KIND,
                f"kindhuwelijk, erkend nu beide echtgenoten meerderjarig zijn (sinds {erkend_op}), met terugwerkende "
                "kracht tot het peilmoment",
            )
    if feiten.huwelijk == "niet_rechtsgeldig":
        return niet_voldaan(
            G, BRON, "het huwelijk is naar internationaal privaatrecht niet rechtsgeldig: de beoordeling stopt"
        )
    if feiten.huwelijkstype == "ahmadi" and feiten.huwelijk in (None, "rechtsgeldig"):
        return voldaan(G, BRON, "huwelijk tussen Pakistaanse Ahmadi's: rechtsgeldig")
    if feiten.huwelijk == "rechtsgeldig":
        if feiten.huwelijkstype == "volmacht":
            return voldaan(
                G, BRON, "huwelijk met de handschoen, rechtsgeldig; de feitelijke invulling moet nog blijken"
            )
        return voldaan(G, BRON, "rechtsgeldig huwelijk")
    return None
