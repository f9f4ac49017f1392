"""Who may come (WI 2026/11 §2.4, §4): the category, minority, the nbm's rules, nareis-op-nareis."""

from __future__ import annotations

from datetime import date

from nareis.feiten import Feiten
from nareis.kalender import leeftijd, plus
from nareis.modellen import Aanvraag, AdviesRegel, Grond, ReferentStatus, Relatie
from nareis.toetsing.context import Toetsingscontext, Toetsingsnormen
from nareis.toetsing.uitslag import (
    beoordelen,
    leeftijd_gezinslid_op_peilmoment,
    niet_van_toepassing,
    niet_voldaan,
    voldaan,
)

BRON_2_4 = "WI 2026/11 §2.4"
BRON_4_1 = "WI 2026/11 §4.1"
BRON_4_2 = "WI 2026/11 §4.2"
BRON_4_3 = "WI 2026/11 §4.3"
BRON_4_4 = "WI 2026/11 §4.4, §5.7"

_AFGEWEZEN = {"afwijzing", "buiten_behandeling", "ingetrokken", "overleden"}


def categorie(aanvraag: Aanvraag, context: Toetsingscontext, normen: Toetsingsnormen) -> AdviesRegel:
    """§2.4: spouse, minor child, parents of an nbm, minor siblings filed with those parents."""
    relatie = aanvraag.gezinslid.relatie
    nbm = aanvraag.referent.nbm
    if relatie is Relatie.ECHTGENOOT:
        return voldaan(Grond.CATEGORIE, BRON_2_4, "echtgeno(o)t(e)")
    if relatie is Relatie.KIND:
        if leeftijd_gezinslid_op_peilmoment(aanvraag) < normen.meerderjarig:
            return voldaan(Grond.CATEGORIE, BRON_2_4, "minderjarig kind op de datum van inreis van de referent")
        return niet_voldaan(Grond.CATEGORIE, BRON_2_4, "meerderjarig kind op de datum van inreis van de referent")
    if relatie is Relatie.OUDER:
        if nbm:
            return voldaan(Grond.CATEGORIE, BRON_4_1, "biologische ouder van een nbm")
        return niet_voldaan(Grond.CATEGORIE, BRON_2_4, "ouders komen alleen in aanmerking bij een nbm-referent")
    if relatie is Relatie.BROER_ZUS:
        return _broer_zus(aanvraag, context, normen)
    if relatie is Relatie.PARTNER:
        return niet_voldaan(Grond.CATEGORIE, BRON_2_4, "een ongehuwde partner is geen nareiscategorie")
    return niet_voldaan(Grond.CATEGORIE, BRON_2_4, "geen lid van het kerngezin")


def _broer_zus(aanvraag: Aanvraag, context: Toetsingscontext, normen: Toetsingsnormen) -> AdviesRegel:
    """§4.1: minor siblings of an nbm only together with the parents, standing or falling with them."""
    if not aanvraag.referent.nbm:
        return niet_voldaan(Grond.CATEGORIE, BRON_2_4, "broers en zussen alleen bij een nbm-referent")
    if leeftijd_gezinslid_op_peilmoment(aanvraag) >= normen.meerderjarig:
        return niet_voldaan(Grond.CATEGORIE, BRON_4_1, "meerderjarige broer of zus")
    if not aanvraag.gezamenlijk_met:
        return niet_voldaan(Grond.CATEGORIE, BRON_4_1, "niet tegelijk met de aanvraag van de ouder(s) ingediend")
    uitkomsten = context.ouders_uitkomst
    if "inwilliging" in uitkomsten:
        return voldaan(Grond.CATEGORIE, BRON_4_1, "de aanvraag van een ouder is ingewilligd")
    if uitkomsten and all(u in _AFGEWEZEN for u in uitkomsten):
        return niet_voldaan(Grond.CATEGORIE, BRON_4_1, "de aanvragen van de ouders zijn afgewezen")
    return beoordelen(Grond.CATEGORIE, BRON_4_1, "hangt af van de aanvraag van de ouder(s), nog niet beslist")


def minderjarigheid(aanvraag: Aanvraag, context: Toetsingscontext, normen: Toetsingsnormen) -> AdviesRegel:
    """Intro, §4.3: a child's age at the referent's entry; the nbm's at his asylum application."""
    relatie = aanvraag.gezinslid.relatie
    if aanvraag.referent.nbm and relatie in (Relatie.OUDER, Relatie.BROER_ZUS):
        return _nbm_minderjarig(aanvraag, context, normen)
    if relatie in (Relatie.KIND, Relatie.BROER_ZUS):
        jaren = leeftijd_gezinslid_op_peilmoment(aanvraag)
        if jaren < normen.meerderjarig:
            return voldaan(
                Grond.MINDERJARIGHEID,
                "WI 2026/11 intro, §3.1",
                f"{jaren} jaar op de datum van inreis",
            )
        return niet_voldaan(Grond.MINDERJARIGHEID, "WI 2026/11 intro, §3.1", f"{jaren} jaar op de datum van inreis")
    return niet_van_toepassing(Grond.MINDERJARIGHEID, BRON_4_3, "geen minderjarigheidsvereiste voor deze relatie")


def _nbm_minderjarig(aanvraag: Aanvraag, context: Toetsingscontext, normen: Toetsingsnormen) -> AdviesRegel:
    referent = aanvraag.referent
    peil = referent.relocatie_asielaanvraag_op or referent.asielaanvraag_op
    if leeftijd(referent.geboortedatum, peil) >= normen.meerderjarig:
        return niet_voldaan(Grond.MINDERJARIGHEID, BRON_4_3, f"referent was op {peil} (asielaanvraag) meerderjarig")
    if (
        context.eerdere_aanvraag is not None
        and leeftijd(referent.geboortedatum, aanvraag.ontvangen_op) >= normen.meerderjarig
    ):
        return niet_voldaan(
            Grond.MINDERJARIGHEID,
            BRON_4_3,
            "opvolgende aanvraag na meerderjarigheid van de referent",
        )
    if leeftijd(referent.geboortedatum, aanvraag.ontvangen_op) < normen.meerderjarig:
        return voldaan(
            Grond.MINDERJARIGHEID,
            BRON_4_3,
            "referent minderjarig bij asielaanvraag en bij indiening",
        )
    ontvangen = referent.vergunning_ontvangen_op
    if referent.status is ReferentStatus.VLUCHTELING and ontvangen is not None:
        drie_maanden: date = plus(ontvangen, 3, "maanden")
        if aanvraag.ontvangen_op <= drie_maanden:
            return voldaan(
                Grond.MINDERJARIGHEID,
                BRON_4_3,
                "referent werd meerderjarig maar diende in binnen drie maanden na ontvangst van de vergunning",
            )
    if context.in_bezwaar:
        return beoordelen(Grond.MINDERJARIGHEID, BRON_4_3, "in bezwaar blijft de nbm als minderjarige behandeld")
    return niet_voldaan(
        Grond.MINDERJARIGHEID,
        BRON_4_3,
        "referent was bij indiening meerderjarig en diende niet binnen drie maanden in",
    )


def niet_begeleid(aanvraag: Aanvraag, feiten: Feiten) -> AdviesRegel:
    """§4.2: unaccompanied at the date of the nareis application."""
    if not aanvraag.referent.nbm:
        return niet_van_toepassing(Grond.NIET_BEGELEID, BRON_4_2, "referent is geen nbm")
    begeleid = feiten.nbm_begeleid if feiten.nbm_begeleid is not None else aanvraag.referent.begeleid_ingereisd
    if begeleid is True:
        return niet_voldaan(Grond.NIET_BEGELEID, BRON_4_2, "de nbm was begeleid door een ouder")
    if begeleid is False:
        return voldaan(Grond.NIET_BEGELEID, BRON_4_2, "de nbm is niet-begeleid")
    return beoordelen(Grond.NIET_BEGELEID, BRON_4_2, "vaststellen of de nbm begeleid was")


def nareis_op_nareis(aanvraag: Aanvraag) -> AdviesRegel:
    """§5.7: not a ground by itself (interview, Handhaving); §4.4: not possible for an nbm."""
    if not aanvraag.referent.zelf_nagereisd and aanvraag.referent.komst_via is None:
        return niet_van_toepassing(Grond.NAREIS_OP_NAREIS, BRON_4_4, "referent is niet zelf nagereisd")
    if aanvraag.referent.komst.value != "nareis":
        return niet_van_toepassing(Grond.NAREIS_OP_NAREIS, BRON_4_4, "referent is niet zelf nagereisd")
    if aanvraag.referent.nbm:
        return niet_voldaan(
            Grond.NAREIS_OP_NAREIS,
            "WI 2026/11 §4.4",
            "nareis op nareis is voor een nbm niet mogelijk",
        )
    return voldaan(
        Grond.NAREIS_OP_NAREIS,
        "WI 2026/11 §5.7",
        "nareis op nareis: geen afwijzingsgrond op zich; gehoor en melding aan Handhaving verplicht",
    )
