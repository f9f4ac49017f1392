"""WI 2026/11 §2.4 and intro — the nareis categories (art. 29c(1), 29d(1) Vw), with the family
member's age counted on the referent's entry; §4, §4.1 — siblings of an nbm stand or fall with
their parents' applications; §3.1 — no biological link, no category; §3.2.1 — full siblings only
when a parent of the nbm is polygamous."""

from __future__ import annotations

from nareis.contract import AdviesRegel, Grond, Relatie
from nareis.kalender import plus
from nareis.toetsing.casus import Casus
from nareis.toetsing.uitslag import beoordelen, bron, niet_voldaan, voldaan

G = Grond.CATEGORIE
BRON = bron("2.4")

#: outcomes of a parent's application after which a sibling cannot come (§4, §4.1)
_OUDER_AFGEWEZEN = frozenset({"afwijzing", "buiten_behandeling", "ingetrokken", "overleden"})


def beoordeel(casus: Casus) -> AdviesRegel:
    relatie = casus.relatie
    if relatie is Relatie.PARTNER:
        return niet_voldaan(G, BRON + "; brief 000", "een ongehuwde partner is geen nareiscategorie (zie art. 8 EVRM)")
    if relatie is Relatie.OVERIG:
        return niet_voldaan(G, BRON, "geen lid van het kerngezin")
    if relatie in (Relatie.KIND, Relatie.OUDER, Relatie.BROER_ZUS) and casus.dna_geen_biologische_band:
        return niet_voldaan(
            G, bron("3.1"), "DNA-onderzoek: geen biologische band; het (pleeg)kind of de ouder komt niet in aanmerking"
        )
    if relatie is Relatie.ECHTGENOOT:
        return _echtgenoot(casus)
    if relatie is Relatie.KIND:
        return _kind(casus)
    if relatie is Relatie.OUDER:
        if casus.nbm:
            return voldaan(G, bron("2.4", "4"), "biologische ouder van een niet-begeleide minderjarige referent")
        return niet_voldaan(G, BRON, "een ouder komt alleen in aanmerking bij een nbm-referent")
    return _broer_zus(casus)


def _echtgenoot(casus: Casus) -> AdviesRegel:
    """§2.4: an adult spouse; §3.2.2: a child marriage is recognised once both are adult."""
    if not casus.gezinslid_meerderjarig_nu:
        achttien = plus(casus.aanvraag.gezinslid.geboortedatum, casus.normen.meerderjarig, "jaren")
        return niet_voldaan(
            G,
            bron("2.4", "3.2.2"),
            f"de echtgeno(o)t(e) is minderjarig (meerderjarig op {achttien}); een kindhuwelijk wordt pas erkend "
            "als beide echtgenoten meerderjarig zijn",
        )
    return voldaan(G, BRON, "meerderjarige echtgeno(o)t(e)")


def _kind(casus: Casus) -> AdviesRegel:
    jaren = casus.leeftijd_gezinslid(casus.inreis)
    if casus.gezinslid_minderjarig_bij_inreis:
        return voldaan(
            G,
            bron("2.4", "inleiding"),
            f"minderjarig kind: {jaren} jaar op de inreisdatum van de referent ({casus.inreis})",
        )
    return niet_voldaan(
        G,
        bron("2.4", "inleiding"),
        f"meerderjarig kind: {jaren} jaar op de inreisdatum van de referent ({casus.inreis})",
    )


def _broer_zus(casus: Casus) -> AdviesRegel:
    """§4, §4.1: minor siblings of an nbm, filed together with the parents, dependent on them."""
    if not casus.nbm:
        return niet_voldaan(G, BRON, "broers en zussen komen alleen in aanmerking bij een nbm-referent")
    if not casus.gezinslid_minderjarig_bij_inreis:
        return niet_voldaan(
            G, bron("2.4", "inleiding"), f"meerderjarig op de inreisdatum van de referent ({casus.inreis})"
        )
    if not casus.aanvraag.gezamenlijk_met:
        return niet_voldaan(G, bron("4", "4.1"), "niet tegelijk met een aanvraag voor de ouder(s) ingediend")
    if casus.feiten.ouder_polygaam and casus.feiten.volle_broer_zus is False:
        return niet_voldaan(
            G, bron("3.2.1"), "een ouder van de nbm is polygaam: alleen volle broers en zussen mogen overkomen"
        )
    uitkomsten = casus.context.ouders_uitkomst
    if "inwilliging" in uitkomsten:
        return voldaan(G, bron("4.1"), "minderjarige broer/zus; de aanvraag van een ouder is ingewilligd")
    if uitkomsten and all(u == "overleden" for u in uitkomsten):
        return niet_voldaan(
            G, bron("4"), "de ouders zijn tijdens de procedure overleden: geen nareis meer (toets aan art. 8 EVRM)"
        )
    if uitkomsten and all(u in _OUDER_AFGEWEZEN for u in uitkomsten):
        return niet_voldaan(
            G, bron("4.1"), "de aanvragen van de ouders zijn afgewezen: ook deze aanvraag wordt afgewezen"
        )
    if casus.feiten.ouder_polygaam and casus.feiten.volle_broer_zus is None:
        return beoordelen(
            G, bron("3.2.1"), "een ouder van de nbm is polygaam: vaststellen of dit een volle broer/zus is"
        )
    return beoordelen(G, bron("4.1"), "staat of valt met de aanvraag van de ouder(s), waarop nog niet is beslist")


def ouders_overleden(casus: Casus) -> bool:
    uitkomsten = casus.context.ouders_uitkomst
    return casus.relatie is Relatie.BROER_ZUS and bool(uitkomsten) and all(u == "overleden" for u in uitkomsten)


def ouders_afgewezen(casus: Casus) -> bool:
    uitkomsten = casus.context.ouders_uitkomst
    return (
        casus.relatie is Relatie.BROER_ZUS
        and bool(uitkomsten)
        and all(u in _OUDER_AFGEWEZEN for u in uitkomsten)
        and not ouders_overleden(casus)
    )
