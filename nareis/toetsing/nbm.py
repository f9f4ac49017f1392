"""WI 2026/11 §4 — the referent is an unaccompanied minor (nbm): minority (§4.3, intro), being
unaccompanied (§4.2), no nareis-op-nareis for an nbm (§4.4), long processing (§4.5); and the
family member's own minority (intro: counted on the referent's entry)."""

from __future__ import annotations

from datetime import date

from nareis.contract import AdviesRegel, Grond, NareistermijnOordeel, Relatie
from nareis.toetsing import asielvergunning
from nareis.toetsing.casus import Casus
from nareis.toetsing.uitslag import beoordelen, bron, niet_van_toepassing, niet_voldaan, voldaan


def peilmoment_minderjarigheid(casus: Casus) -> date:
    """§4.3: the date of the granted asylum application (relocated: that member state's)."""
    referent = casus.aanvraag.referent
    return referent.relocatie_asielaanvraag_op or referent.asielaanvraag_op


def referent_minderjarig_bij_indiening(casus: Casus) -> bool:
    return casus.leeftijd_referent(casus.aanvraag.ontvangen_op) < casus.normen.meerderjarig


def opvolgend(casus: Casus) -> bool:
    return casus.aanvraag.eerdere_aanvraag is not None or casus.context.eerdere_aanvraag is not None


def beoordeel_minderjarigheid(casus: Casus) -> AdviesRegel:
    g = Grond.MINDERJARIGHEID
    if casus.relatie in (Relatie.KIND, Relatie.BROER_ZUS) and not casus.gezinslid_minderjarig_bij_inreis:
        jaren = casus.leeftijd_gezinslid(casus.inreis)
        return niet_voldaan(
            g,
            bron("inleiding", "2.4"),
            f"gezinslid was {jaren} jaar op de inreisdatum van de referent ({casus.inreis})",
        )
    if casus.nbm_zaak:
        return _nbm_minderjarig(casus)
    if casus.relatie is Relatie.KIND:
        jaren = casus.leeftijd_gezinslid(casus.inreis)
        return voldaan(
            g,
            bron("inleiding", "2.4"),
            f"gezinslid was {jaren} jaar op de inreisdatum van de referent ({casus.inreis})",
        )
    return niet_van_toepassing(g, bron("4.3"), "geen minderjarigheidsvereiste voor deze relatie")


def _nbm_minderjarig(casus: Casus) -> AdviesRegel:
    """§4.3: minor on the date of the granted asylum application; turned 18 later: still a minor
    if the application was filed within the three months (refugee status); a subsequent
    application after majority → reject; premature and permit in objection → a minor there."""
    g = Grond.MINDERJARIGHEID
    peil = peilmoment_minderjarigheid(casus)
    jaren = casus.leeftijd_referent(peil)
    if jaren >= casus.normen.meerderjarig:
        return niet_voldaan(g, bron("4.3"), f"de referent was {jaren} jaar op de datum van zijn asielaanvraag ({peil})")
    if asielvergunning.prematuur_hersteld_in_bezwaar(casus):
        return voldaan(
            g, bron("4.3"), "te vroeg ingediend; in deze bezwaarprocedure geldt de referent als minderjarige"
        )
    if referent_minderjarig_bij_indiening(casus):
        return voldaan(g, bron("4.3"), f"minderjarig bij de asielaanvraag ({peil}) en bij indiening")
    if opvolgend(casus):
        return niet_voldaan(
            g, bron("4.3"), "opvolgende aanvraag na meerderjarigheid: de minderjarigheid is niet veiliggesteld"
        )
    if casus.subsidiair:
        return beoordelen(
            g,
            bron("inleiding", "4.3"),
            "de referent is meerderjarig geworden; bij subsidiaire bescherming noemt de inleiding een termijn "
            "van twee jaar, die samenvalt met de wachttermijn: beoordeel of hij nog als minderjarige geldt",
        )
    oordeel = casus.context.nareistermijn_oordeel
    if oordeel in (NareistermijnOordeel.TIJDIG, NareistermijnOordeel.COULANCE):
        return voldaan(
            g,
            bron("4.3"),
            "meerderjarig geworden, maar binnen drie maanden na ontvangst van de vergunning ingediend: "
            "geldt als minderjarige (ook in bezwaar en beroep)",
        )
    if casus.context.verschoonbaar is True:
        return beoordelen(
            g,
            bron("4.3", "2.2"),
            "meerderjarig en na de drie maanden ingediend; de overschrijding is verschoonbaar geoordeeld",
        )
    return niet_voldaan(
        g, bron("4.3"), "na de drie maanden ingediend en inmiddels meerderjarig: afwijzen op meerderjarigheid"
    )


def begeleid(casus: Casus) -> bool | None:
    """§4.2: a parent brought him and left him, or joined him during the asylum procedure; §4.4:
    a minor who came through nareis himself is accompanied."""
    if casus.nareis_op_nareis:
        return True
    if casus.feiten.nbm_begeleid is not None:
        return casus.feiten.nbm_begeleid
    return casus.aanvraag.referent.begeleid_ingereisd


def beoordeel_niet_begeleid(casus: Casus) -> AdviesRegel:
    """§4.2: unaccompanied on the date of the nareis application."""
    g = Grond.NIET_BEGELEID
    if not casus.nbm_zaak:
        waarom = "de referent is geen nbm" if not casus.nbm else "geldt alleen voor ouders en broers/zussen van een nbm"
        return niet_van_toepassing(g, bron("4.2"), waarom)
    if casus.nareis_op_nareis:
        return niet_voldaan(g, bron("4.4"), "de minderjarige is zelf nagereisd en was dus begeleid")
    match begeleid(casus):
        case True:
            return niet_voldaan(
                g,
                bron("4.2"),
                "de minderjarige was begeleid door een ouder (gebracht of tijdens de asielprocedure gevoegd)",
            )
        case False:
            return voldaan(
                g,
                bron("4.2"),
                "niet-begeleid op de datum van de nareisaanvraag (een gehuwde minderjarige blijft niet-begeleid)",
            )
    return beoordelen(g, bron("4.2"), "vaststellen of de minderjarige zonder ouder is ingereisd en achtergelaten")


def beoordeel_nareis_op_nareis(casus: Casus) -> AdviesRegel:
    """§5.7: not a ground by itself (always an interview, notify Handhaving); §4.4: not for an nbm."""
    g = Grond.NAREIS_OP_NAREIS
    if not casus.nareis_op_nareis:
        return niet_van_toepassing(g, bron("5.7"), "de referent is niet zelf nagereisd")
    if casus.nbm_zaak:
        return niet_voldaan(
            g, bron("4.4"), "nareis op nareis is voor een nbm niet mogelijk: hij behoort feitelijk tot een ander gezin"
        )
    return voldaan(
        g,
        bron("5.7"),
        "nareis op nareis: op zich geen afwijzingsgrond; gehoor van referent en gezinslid en melding aan Handhaving",
    )


def zelfstandigheid_tegenwerpbaar(casus: Casus) -> bool:
    """§4.5: signs of independence of an nbm who was a minor at filing count only if they arose
    before the beslistermijn expired (also when the decision comes later)."""
    sinds, einde = casus.feiten.zelfstandig_sinds, casus.context.beslistermijn_einde
    if sinds is None or einde is None or not referent_minderjarig_bij_indiening(casus):
        return True
    return sinds <= einde
