"""The family (WI 2026/11 §2.5, §2.6, §3): identity → family-law relationship → actual bond,
the consent statement after those, marriage and polygamy. The order of the test is enforced:
a later ground stays `beoordelen` until the earlier ones are plausible."""

from __future__ import annotations

from nareis.feiten import Feiten
from nareis.kalender import leeftijd
from nareis.modellen import Aanvraag, AdviesRegel, Grond, OnderzoekSoort, OnderzoekUitkomst, Relatie
from nareis.toetsing.context import Toetsingscontext, Toetsingsnormen
from nareis.toetsing.uitslag import (
    beoordelen,
    leeftijd_gezinslid_op_peilmoment,
    niet_van_toepassing,
    niet_voldaan,
    voldaan,
)

BRON_2_5 = "WI 2026/11 §2.5"
BRON_2_6 = "WI 2026/11 §2.6, §3.1"
BRON_3_1_1 = "WI 2026/11 §3.1.1"
BRON_3_1_2 = "WI 2026/11 §3.1.2"
BRON_3_2 = "WI 2026/11 §3.2"
BRON_3_2_1 = "WI 2026/11 §3.2.1"


def identiteit(feiten: Feiten) -> AdviesRegel:
    if feiten.identiteit_aannemelijk is True:
        return voldaan(Grond.IDENTITEIT, BRON_2_5, "identiteit aannemelijk")
    if feiten.identiteit_aannemelijk is False:
        return niet_voldaan(Grond.IDENTITEIT, BRON_2_5, "identiteit niet aannemelijk gemaakt")
    return beoordelen(Grond.IDENTITEIT, BRON_2_5, "identiteit nog niet vastgesteld")


def familierechtelijke_relatie(
    aanvraag: Aanvraag, feiten: Feiten, context: Toetsingscontext, normen: Toetsingsnormen
) -> AdviesRegel:
    grond = Grond.FAMILIERECHTELIJKE_RELATIE
    if feiten.identiteit_aannemelijk is not True:
        return beoordelen(grond, "WI 2026/11 §3.1", "eerst de identiteit (toetsingsvolgorde)")
    if context.onderzoek_uitslagen.get(OnderzoekSoort.DNA) is OnderzoekUitkomst.NIET_BEVESTIGD:
        return niet_voldaan(grond, "WI 2026/11 §3.1", "DNA-onderzoek bevestigt de biologische band niet")
    if aanvraag.gezinslid.relatie is Relatie.ECHTGENOOT:
        huwelijk = _huwelijk(aanvraag, feiten, context, normen)
        if huwelijk is not None:
            return huwelijk
    if feiten.familierechtelijke_relatie_aannemelijk is True:
        return voldaan(grond, BRON_2_5, "familierechtelijke relatie aannemelijk")
    if feiten.familierechtelijke_relatie_aannemelijk is False:
        return niet_voldaan(grond, BRON_2_5, "familierechtelijke relatie niet aannemelijk gemaakt")
    return beoordelen(grond, BRON_2_5, "familierechtelijke relatie nog niet vastgesteld")


def _huwelijk(
    aanvraag: Aanvraag, feiten: Feiten, context: Toetsingscontext, normen: Toetsingsnormen
) -> AdviesRegel | None:
    """§3.2: valid under private international law; Ahmadi valid, Turkish traditional invalid;
    recognition bars (child marriage until both are adult, forced marriage)."""
    grond = Grond.FAMILIERECHTELIJKE_RELATIE
    if feiten.huwelijkstype == "turks_traditioneel":
        return niet_voldaan(grond, BRON_3_2, "een traditioneel in Turkije gesloten huwelijk is niet rechtsgeldig")
    if feiten.gedwongen_huwelijk is True:
        return niet_voldaan(grond, BRON_3_2, "gedwongen huwelijk: erkenningsbeletsel")
    if feiten.huwelijk == "niet_rechtsgeldig":
        return niet_voldaan(grond, BRON_3_2, "het huwelijk is niet rechtsgeldig")
    if feiten.huwelijk == "erkenningsbeletsel":
        beiden_meerderjarig = (
            leeftijd(aanvraag.gezinslid.geboortedatum, context.peildatum) >= normen.meerderjarig
            and leeftijd(aanvraag.referent.geboortedatum, context.peildatum) >= normen.meerderjarig
        )
        if beiden_meerderjarig:
            return voldaan(
                grond,
                "WI 2026/11 §3.2.2",
                "kindhuwelijk: erkend nu beide echtgenoten meerderjarig zijn, terugwerkend tot de peildatum",
            )
        return niet_voldaan(grond, "WI 2026/11 §3.2.2", "erkenningsbeletsel (kindhuwelijk)")
    if feiten.huwelijk == "rechtsgeldig":
        reden = "huwelijk rechtsgeldig"
        if feiten.huwelijkstype == "ahmadi":
            reden = "Ahmadi-huwelijk in Pakistan: rechtsgeldig"
        elif feiten.huwelijkstype == "volmacht":
            reden = "huwelijk met volmacht rechtsgeldig; de feitelijke gezinsband moet blijken"
        return voldaan(grond, BRON_3_2, reden)
    return None


def feitelijke_gezinsband(
    aanvraag: Aanvraag, feiten: Feiten, context: Toetsingscontext, volgorde_ok: bool
) -> AdviesRegel:
    """§2.6, §3.1: only once identity and family-law relationship hold (`volgorde_ok`)."""
    grond = Grond.FEITELIJKE_GEZINSBAND
    if not volgorde_ok:
        return beoordelen(
            grond,
            "WI 2026/11 §3.1",
            "eerst identiteit en familierechtelijke relatie (toetsingsvolgorde)",
        )
    polygamie = _polygamie(aanvraag, feiten, context)
    if polygamie is not None:
        return polygamie
    verbroken = _verbroken(aanvraag, feiten)
    if verbroken is not None:
        return verbroken
    if feiten.feitelijke_gezinsband is False:
        return niet_voldaan(grond, BRON_2_6, "geen feitelijke gezinsband op het peilmoment: altijd afwijzen")
    relatie = aanvraag.gezinslid.relatie
    if relatie is Relatie.KIND:
        if feiten.ten_laste is False or feiten.gezag is False:
            return niet_voldaan(
                grond,
                "WI 2026/11 §3.1",
                "het kind is niet ten laste of de referent heeft geen gezag",
            )
        if feiten.zelfstandig_wonend and (feiten.zelfstandig_onderhoudend or feiten.eigen_gezin):
            return beoordelen(
                grond,
                "WI 2026/11 §3.1",
                "zelfstandig en/of eigen gezin: de band kan verbroken zijn",
            )
    if aanvraag.referent.nbm and relatie is Relatie.OUDER:
        if feiten.zelfstandig_wonend and (feiten.zelfstandig_onderhoudend or feiten.eigen_gezin):
            return niet_voldaan(
                grond,
                BRON_4_1_NBM,
                "de nbm woont zelfstandig en onderhoudt zichzelf of heeft een eigen gezin",
            )
        return voldaan(grond, BRON_4_1_NBM, "gezinsband met de ouders van een nbm wordt verondersteld")
    if feiten.feitelijke_gezinsband is True:
        return voldaan(grond, BRON_2_6, "feitelijke gezinsband bij inreis en nu")
    return beoordelen(grond, BRON_2_6, "feitelijke gezinsband nog niet vastgesteld")


BRON_4_1_NBM = "WI 2026/11 §4.1"


def _verbroken(aanvraag: Aanvraag, feiten: Feiten) -> AdviesRegel | None:
    """§3.1.1, §2.6: broken and restored before entry → restored; broken after the reference
    date and restored before the decision → restored; broken at entry → restoration irrelevant."""
    verbroken, hersteld = feiten.gezinsband_verbroken_op, feiten.gezinsband_hersteld_op
    if verbroken is None:
        return None
    inreis = aanvraag.referent.inreis_op
    grond = Grond.FEITELIJKE_GEZINSBAND
    if hersteld is None or hersteld < verbroken:
        return niet_voldaan(grond, BRON_3_1_1, f"gezinsband verbroken op {verbroken} en niet hersteld")
    if verbroken == inreis:
        return niet_voldaan(
            grond,
            "WI 2026/11 §2.6",
            "gezinsband verbroken op de datum van inreis: herstel doet niet ter zake",
        )
    if hersteld < inreis or verbroken > inreis:
        return voldaan(grond, BRON_3_1_1, f"gezinsband verbroken op {verbroken} en hersteld op {hersteld}")
    return niet_voldaan(grond, "WI 2026/11 §2.6", "gezinsband was op de datum van inreis verbroken")


def _polygamie(aanvraag: Aanvraag, feiten: Feiten, context: Toetsingscontext) -> AdviesRegel | None:
    """§3.2.1: one spouse; never a polygamous situation in the Netherlands."""
    if aanvraag.gezinslid.relatie is not Relatie.ECHTGENOOT:
        return None
    grond = Grond.FEITELIJKE_GEZINSBAND
    if feiten.polygaam and feiten.gekozen_echtgenoot is False:
        return niet_voldaan(
            grond,
            BRON_3_2_1,
            "de referent koos een andere echtgenoot: de band met deze is verbroken",
        )
    if context.andere_echtgenoot_aanvragen and feiten.andere_relaties_verbroken is not True:
        nummers = ", ".join(context.andere_echtgenoot_aanvragen)
        return beoordelen(
            grond,
            BRON_3_2_1,
            f"de referent heeft ook een aanvraag voor een andere echtgenoot ({nummers}): "
            "slechts één echtgenoot; geen polygame situatie in Nederland",
        )
    return None


def toestemmingsverklaring(
    aanvraag: Aanvraag,
    feiten: Feiten,
    context: Toetsingscontext,
    normen: Toetsingsnormen,
    volgorde_ok: bool,
) -> AdviesRegel:
    """§3.1.2: for a minor child, from the parent left behind; only after identity and relationship."""
    grond = Grond.TOESTEMMINGSVERKLARING
    if aanvraag.gezinslid.relatie is not Relatie.KIND:
        return niet_van_toepassing(grond, BRON_3_1_2, "alleen voor een minderjarig kind")
    if leeftijd_gezinslid_op_peilmoment(aanvraag) >= normen.meerderjarig:
        return niet_van_toepassing(grond, BRON_3_1_2, "het kind was op het peilmoment meerderjarig")
    if not volgorde_ok:
        return beoordelen(grond, BRON_3_1_2, "pas na identiteit en familierechtelijke relatie (toetsingsvolgorde)")
    if leeftijd(aanvraag.gezinslid.geboortedatum, context.peildatum) >= normen.meerderjarig:
        return niet_van_toepassing(grond, BRON_3_1_2, "het kind is tijdens de procedure meerderjarig geworden")
    if feiten.toestemming_niet_nodig is True:
        return voldaan(grond, BRON_3_1_2, "uitzonderlijke situatie: geen toestemmingsverklaring nodig")
    if feiten.toestemmingsverklaring is True:
        return voldaan(grond, BRON_3_1_2, "toestemmingsverklaring met kopie identiteitsbewijs ontvangen")
    if feiten.toestemmingsverklaring is False:
        return niet_voldaan(grond, BRON_3_1_2, "toestemmingsverklaring ontbreekt")
    return beoordelen(grond, BRON_3_1_2, "toestemmingsverklaring nog niet vastgesteld")
