"""WI 2026/11 §2.6, §3, §3.1 (step 3), §3.1.1, §3.2, §3.2.1, §4.1, §4.5, §5.6 — the actual family
bond: at the referent's entry, and still intact at the decision. Assessed only once identity and
family-law relationship are plausible (`volgorde_ok`). No bond at the reference date → always
reject, also in force majeure (§3)."""

from __future__ import annotations

from nareis.contract import AdviesRegel, Grond, Relatie
from nareis.toetsing import nbm
from nareis.toetsing.casus import Casus
from nareis.toetsing.uitslag import beoordelen, bron, niet_voldaan, voldaan

G = Grond.FEITELIJKE_GEZINSBAND


def beoordeel(casus: Casus, volgorde_ok: bool) -> AdviesRegel:
    if not volgorde_ok:
        return beoordelen(
            G, bron("3.1", "4.1"), "pas na aannemelijke identiteit en familierechtelijke relatie (toetsingsvolgorde)"
        )
    for regel in (_polygamie, _verbroken):
        uitkomst = regel(casus)
        if uitkomst is not None:
            return uitkomst
    if casus.feiten.feitelijke_gezinsband is False:
        return niet_voldaan(G, bron("2.6", "3"), "geen feitelijke gezinsband: altijd afwijzen, ook bij overmacht")
    relatie = casus.relatie
    if relatie is Relatie.KIND:
        uitkomst = _kind(casus)
    elif relatie is Relatie.BROER_ZUS:
        uitkomst = _ten_laste_en_gezag(casus, "de ouders", bron("4"))
    elif relatie is Relatie.OUDER and casus.nbm:
        return _ouder_van_nbm(casus)
    elif relatie is Relatie.ECHTGENOOT:
        uitkomst = _echtgenoot(casus)
    elif relatie is Relatie.PARTNER:
        uitkomst = _partner(casus)
    else:
        uitkomst = None
    if uitkomst is not None:
        return uitkomst
    return _vastgesteld(casus)


def _vastgesteld(casus: Casus) -> AdviesRegel:
    verbroken, hersteld = casus.feiten.gezinsband_verbroken_op, casus.feiten.gezinsband_hersteld_op
    if verbroken is not None and hersteld is not None:
        moment = "vóór binnenkomst" if verbroken < casus.inreis else "vóór het besluit"
        return voldaan(
            G,
            bron("3.1.1"),
            f"gezinsband verbroken op {verbroken} en {moment} hersteld op {hersteld}: herstel aangenomen",
        )
    if casus.feiten.feitelijke_gezinsband is True:
        reden = "feitelijke gezinsband bij de inreis van de referent en nog intact"
        if casus.relatie is Relatie.KIND and casus.gezinslid_meerderjarig_nu:
            reden += "; het kind is inmiddels meerderjarig: let op signalen van verbreking tijdens meerderjarigheid"
        return voldaan(G, bron("2.6", "3.1"), reden)
    reden = "feitelijke gezinsband nog niet vastgesteld (bij inreis en bij beslissen)"
    if not casus.aanvraag.gezinslid.genoemd_in_asielprocedure:
        reden += "; niet genoemd in de asielprocedure: sterke aanwijzing dat de band ontbreekt (§5.6)"
    return beoordelen(G, bron("2.6", "3.1"), reden)


def _verbroken(casus: Casus) -> AdviesRegel | None:
    """§2.6, §3.1.1: broken at entry → restoration irrelevant; broken before entry → assess
    whether restored by entry (weighs heavily, never decisive alone); broken after entry →
    assess whether restored by the decision (or the decision on objection)."""
    verbroken, hersteld = casus.feiten.gezinsband_verbroken_op, casus.feiten.gezinsband_hersteld_op
    if verbroken is None:
        return None
    inreis = casus.inreis
    if verbroken == inreis or (verbroken < inreis and hersteld is not None and hersteld > inreis):
        return niet_voldaan(
            G,
            bron("2.6"),
            f"de gezinsband was verbroken op het moment van binnenkomst ({inreis}): later herstel doet niet ter zake",
        )
    if hersteld is None:
        if verbroken < inreis:
            return beoordelen(
                G,
                bron("2.6"),
                f"gezinsband verbroken op {verbroken}, vóór binnenkomst: beoordeel integraal of hij bij binnenkomst "
                "was hersteld (het verleden weegt zwaar, maar is niet doorslaggevend)",
            )
        return beoordelen(
            G,
            bron("2.6"),
            f"gezinsband verbroken op {verbroken}, na binnenkomst: beoordeel of hij bij het besluit (op bezwaar) "
            "is hersteld",
        )
    return None  # restored: §3.1.1 (see `_vastgesteld`)


def _polygamie(casus: Casus) -> AdviesRegel | None:
    """§3.2.1: the referent chooses one spouse; the choice breaks the bond with the others, whose
    relationship must be shown broken at the decision; never a polygamous situation here."""
    if casus.relatie is not Relatie.ECHTGENOOT:
        return None
    feiten, context = casus.feiten, casus.context
    if context.andere_echtgenoot_ingewilligd:
        return niet_voldaan(
            G,
            bron("3.2.1"),
            "de aanvraag voor een andere echtgenoot is ingewilligd: nooit een polygame situatie in Nederland",
        )
    if feiten.gekozen_echtgenoot is False:
        return niet_voldaan(
            G,
            bron("3.2.1"),
            "de referent koos een andere echtgenoot: de feitelijke gezinsband met deze is daarmee verbroken",
        )
    if not (feiten.polygaam or context.andere_echtgenoot_aanvragen):
        return None
    if feiten.gekozen_echtgenoot is True and feiten.andere_relaties_verbroken is True:
        return None
    if context.andere_echtgenoot_aanvragen:
        nummers = ", ".join(context.andere_echtgenoot_aanvragen)
        wie = f"de referent heeft ook een aanvraag voor een andere echtgenoot ({nummers})"
    else:
        wie = "de referent is polygaam gehuwd"
    return beoordelen(
        G,
        bron("3.2.1"),
        f"{wie}: de referent kiest één echtgenoot en maakt aannemelijk dat de relatie met de andere(n) is verbroken "
        "(scheidingsakte); geen polygame situatie in Nederland",
    )


def _ten_laste_en_gezag(casus: Casus, van_wie: str, bron_: str) -> AdviesRegel | None:
    feiten = casus.feiten
    if feiten.ten_laste is False:
        return niet_voldaan(
            G, bron_, f"komt niet ten laste van {van_wie} (eigen onderhoud, achterblijvende ouder of een derde)"
        )
    if feiten.gezag is False:
        return niet_voldaan(G, bron_, f"{van_wie} hebben/heeft geen gezag over het kind")
    return None


def _kind(casus: Casus) -> AdviesRegel | None:
    """§3.1: a minor child belongs to the family with custody and dependence (presumed in an
    intact biological family); own child alone does not break it; independent living with
    self-support and/or an own family can."""
    uitkomst = _ten_laste_en_gezag(casus, "de referent", bron("3.1"))
    if uitkomst is not None:
        return uitkomst
    feiten = casus.feiten
    if feiten.zelfstandig_wonend and (feiten.zelfstandig_onderhoudend or feiten.eigen_gezin):
        return beoordelen(
            G,
            bron("3.1"),
            "het kind woont zelfstandig en voorziet in eigen onderhoud en/of heeft een eigen gezin: "
            "de band kan verbroken zijn",
        )
    return None


def _ouder_van_nbm(casus: Casus) -> AdviesRegel:
    """§4.1: the bond with the parents is presumed unless the nbm lives independently and
    supports himself and/or formed his own family (municipal placement or a benefit: no);
    §4.5: signs that arose after the beslistermijn expired are not held against him."""
    feiten = casus.feiten
    zelfstandig = feiten.zelfstandig_wonend and (feiten.zelfstandig_onderhoudend or feiten.eigen_gezin)
    if zelfstandig and nbm.zelfstandigheid_tegenwerpbaar(casus):
        return niet_voldaan(
            G,
            bron("4.1"),
            "de nbm woont zelfstandig en voorziet in eigen onderhoud en/of heeft een eigen gezin gevormd",
        )
    if zelfstandig:
        return voldaan(
            G,
            bron("4.1", "4.5"),
            "zelfstandigheid is ontstaan na het verstrijken van de beslistermijn en wordt niet tegengeworpen; "
            "gezinsband met de ouders verondersteld",
        )
    if feiten.feitelijke_gezinsband is True:
        return voldaan(G, bron("4.1"), "feitelijke gezinsband tussen de nbm en zijn ouder vastgesteld")
    return voldaan(G, bron("4.1"), "gezinsband tussen een nbm en zijn ouders wordt verondersteld")


def _echtgenoot(casus: Casus) -> AdviesRegel | None:
    """§3.2: a separate test from validity; a short marriage must have been lived before entry;
    a proxy marriage needs proof that the marriage was actually lived."""
    feiten = casus.feiten
    if feiten.relatie_voor_inreis_geleefd is False:
        return niet_voldaan(G, bron("3.2"), "aan het huwelijk is vóór de inreis van de referent geen invulling gegeven")
    if feiten.huwelijkstype == "volmacht" and feiten.feitelijke_gezinsband is None:
        return beoordelen(
            G,
            bron("3.2"),
            "huwelijk met de handschoen: de referent moet aannemelijk maken dat er invulling aan is gegeven",
        )
    return None


def _partner(casus: Casus) -> AdviesRegel | None:
    """Seed 000: the relationship must have existed before the referent's entry; an intention
    for the future is not enough."""
    if casus.feiten.partner_relatie_voor_inreis is False:
        return niet_voldaan(
            G,
            "brief 000; " + bron("2.6"),
            "de relatie bestond niet vóór de inreis van de referent (intentie is onvoldoende)",
        )
    return None
