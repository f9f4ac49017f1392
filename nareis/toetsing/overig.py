"""Screening, criminal record, stable residence, further investigation and repeat applications
(WI 2026/11 §1.4.2, §2.8, §2.9, §3.1, §5.5)."""

from __future__ import annotations

from nareis.feiten import Feiten
from nareis.kalender import leeftijd
from nareis.modellen import Aanvraag, AdviesRegel, Grond, OnderzoekSoort, OnderzoekUitkomst, Signaal
from nareis.toetsing.context import Toetsingscontext, Toetsingsnormen
from nareis.toetsing.uitslag import beoordelen, niet_van_toepassing, niet_voldaan, voldaan


def antecedentenverklaring(
    aanvraag: Aanvraag, feiten: Feiten, context: Toetsingscontext, normen: Toetsingsnormen
) -> AdviesRegel:
    """§1.4.2: required from every family member aged 12 or over, or turning 12 during the
    procedure (so: 12 on the case's today); missing is a ground for rejection."""
    bron = "WI 2026/11 §1.4.2"
    jaren = leeftijd(aanvraag.gezinslid.geboortedatum, context.peildatum)
    if jaren < normen.antecedentenverklaring_vanaf:
        return niet_van_toepassing(Grond.ANTECEDENTENVERKLARING, bron, f"gezinslid is {jaren} jaar")
    if feiten.antecedentenverklaring is True:
        return voldaan(Grond.ANTECEDENTENVERKLARING, bron, "ondertekende antecedentenverklaring ontvangen")
    if feiten.antecedentenverklaring is False:
        return niet_voldaan(Grond.ANTECEDENTENVERKLARING, bron, "antecedentenverklaring ontbreekt")
    return beoordelen(
        Grond.ANTECEDENTENVERKLARING,
        bron,
        f"vereist (gezinslid is {jaren} jaar), nog niet ontvangen",
    )


def openbare_orde(context: Toetsingscontext) -> AdviesRegel:
    """§2.9: no 1F, national-security or public-order signals (screening and statements)."""
    bron = "WI 2026/11 §2.9"
    if context.screening_signalen is None:
        return beoordelen(Grond.OPENBARE_ORDE, bron, "screeningsuitslag nog niet ontvangen")
    if not context.screening_signalen:
        return voldaan(Grond.OPENBARE_ORDE, bron, "screening zonder signalen")
    signalen = ", ".join(s.value for s in context.screening_signalen)
    return niet_voldaan(Grond.OPENBARE_ORDE, bron, f"screeningssignalen: {signalen}")


def harde_signalen(context: Toetsingscontext) -> bool:
    """1F and national security always lead to a report and weigh as hard signals (§2.9)."""
    signalen = context.screening_signalen or []
    return Signaal.ARTIKEL_1F in signalen or Signaal.NATIONALE_VEILIGHEID in signalen


def bestendig_verblijf(feiten: Feiten) -> AdviesRegel:
    """§2.8: a legal requirement, in practice never a pure ground: record, ask, weigh."""
    bron = "WI 2026/11 §2.8"
    if feiten.bestendig_verblijf is True:
        return beoordelen(
            Grond.BESTENDIG_VERBLIJF,
            bron,
            "bestendig verblijf in een derde land: vraag om uitleg en weeg het mee (geen zelfstandige afwijzingsgrond)",
        )
    return voldaan(Grond.BESTENDIG_VERBLIJF, bron, "geen aanwijzing voor bestendig verblijf in een derde land")


def onderzoek(context: Toetsingscontext, verplicht_gehoor: bool) -> AdviesRegel:
    """§3.1, §2.2: DNA test / interview; not available for investigation → reject."""
    bron = "WI 2026/11 §3.1"
    uitslagen = context.onderzoek_uitslagen
    if OnderzoekUitkomst.NIET_VERSCHENEN in uitslagen.values():
        return niet_voldaan(
            Grond.ONDERZOEK,
            "WI 2026/11 §3.1.2, §2.2",
            "gezinslid niet beschikbaar voor onderzoek (de nareistermijn blijft veiliggesteld)",
        )
    if uitslagen.get(OnderzoekSoort.DNA) is OnderzoekUitkomst.NIET_BEVESTIGD:
        return niet_voldaan(Grond.ONDERZOEK, bron, "DNA-onderzoek: geen biologische band")
    if uitslagen.get(OnderzoekSoort.GEHOOR) is OnderzoekUitkomst.NIET_BEVESTIGD:
        return beoordelen(Grond.ONDERZOEK, bron, "gehoor bevestigt de relatie niet: weeg de verklaringen")
    lopend = [s.value for s in context.onderzoek_aangeboden if s not in uitslagen]
    if lopend:
        return beoordelen(Grond.ONDERZOEK, bron, f"onderzoek loopt: {', '.join(lopend)}")
    if verplicht_gehoor and OnderzoekSoort.GEHOOR not in uitslagen:
        return beoordelen(Grond.ONDERZOEK, "WI 2026/11 §2.1, §5.7", "gehoor verplicht, nog niet gehouden")
    if uitslagen:
        return voldaan(Grond.ONDERZOEK, bron, "onderzoek bevestigt de relatie")
    return voldaan(Grond.ONDERZOEK, bron, "geen nader onderzoek aangeboden")


def herhaalde_aanvraag(aanvraag: Aanvraag, feiten: Feiten, context: Toetsingscontext) -> AdviesRegel:
    """§5.5: a subsequent application must bring new facts; a mere repeat may be rejected
    with reference to the earlier decision (art. 4:6 Awb)."""
    bron = "WI 2026/11 §5.5; art. 4:6 Awb"
    if aanvraag.eerdere_aanvraag is None:
        return niet_van_toepassing(Grond.HERHAALDE_AANVRAAG, bron, "geen eerdere aanvraag")
    if feiten.nieuwe_feiten is True:
        return voldaan(Grond.HERHAALDE_AANVRAAG, bron, "nieuwe feiten of omstandigheden aangevoerd")
    if feiten.nieuwe_feiten is False:
        return niet_voldaan(
            Grond.HERHAALDE_AANVRAAG,
            bron,
            f"herhaling van {aanvraag.eerdere_aanvraag} zonder nieuwe feiten: afwijzen met verwijzing naar dat besluit",
        )
    return beoordelen(Grond.HERHAALDE_AANVRAAG, bron, "vaststellen of de aanvraag nieuwe feiten bevat")
