"""Issue #17 item 6: a decision letter says only what the case holds. A ground the advice left
open is not "beoordeeld"; the advice's internal reasons are not quoted under a ground that is met."""

from __future__ import annotations

from datetime import date

from brieven import Briefschrijver
from nareis import contract as m
from nareis import effecten as e
from nareis.contract.voorbeeld import aanvraag_data

OP = date(2026, 12, 2)


def _beschikking(uitkomst: m.BesluitUitkomst, motivering: dict[m.Grond, str]) -> str:
    aanvraag = m.lees(m.Aanvraag, aanvraag_data(date(2026, 11, 2)), vandaag=OP)
    gronden = [
        m.AdviesRegel(
            grond=m.Grond.IDENTITEIT, oordeel=m.Oordeel.VOLDAAN, bron="WI 2026/11 §2.5", reden="intern: feit x"
        ),
        m.AdviesRegel(
            grond=m.Grond.MIDDELEN, oordeel=m.Oordeel.VOLDAAN, bron="WI 2026/11 §2.3", reden="niet van toepassing: ..."
        ),
        m.AdviesRegel(
            grond=m.Grond.ANTECEDENTENVERKLARING,
            oordeel=m.Oordeel.NIET_VOLDAAN,
            bron="WI 2026/11 §1.4.2",
            reden="geen ondertekende antecedentenverklaring",
        ),
        m.AdviesRegel(grond=m.Grond.FEITELIJKE_GEZINSBAND, oordeel=m.Oordeel.BEOORDELEN, bron="§2.6", reden="open"),
        m.AdviesRegel(grond=m.Grond.BESTENDIG_VERBLIJF, oordeel=m.Oordeel.BEOORDELEN, bron="§2.8", reden="open"),
    ]
    brief = e.Beschikking(
        aanvraagnummer=aanvraag.aanvraagnummer,
        volgnummer=5,
        op=OP,
        beleid="WI-2026-11",
        betreft=e.Betreft.uit_aanvraag(aanvraag),
        uitkomst=uitkomst,
        gronden=gronden,
        motivering=motivering,
        bezwaartermijn_einde=date(2026, 12, 30),
    )
    return Briefschrijver().schrijf(brief).tekst


def test_een_open_grond_heet_niet_beoordeeld_en_een_gewogen_grond_verwijst_naar_de_motivering() -> None:
    tekst = _beschikking(
        m.BesluitUitkomst.AFWIJZING, {m.Grond.BESTENDIG_VERBLIJF: "verblijf in Turkije is niet bestendig"}
    )
    assert "beoordeeld:" not in tekst.replace("niet beoordeeld", "")
    assert "Er is een feitelijke gezinsband: niet beoordeeld (§2.6)" in tekst
    assert (
        "Er is geen bestendig verblijf in een derde land: gewogen door de beslismedewerker (zie de motivering)" in tekst
    )
    assert "verblijf in Turkije is niet bestendig" in tekst


def test_interne_redenen_staan_niet_onder_voldaan_wel_de_reden_van_niet_voldaan() -> None:
    tekst = _beschikking(m.BesluitUitkomst.AFWIJZING, {})
    assert "De identiteit is aannemelijk: voldaan (WI 2026/11 §2.5)" in tekst
    assert "intern: feit x" not in tekst
    assert "De referent heeft voldoende middelen van bestaan: niet van toepassing (WI 2026/11 §2.3)" in tekst
    assert "niet van toepassing: ..." not in tekst
    regels = tekst.splitlines()
    i = next(n for n, r in enumerate(regels) if "antecedentenverklaring: niet voldaan" in r)
    assert regels[i + 1].strip() == "geen ondertekende antecedentenverklaring"
    assert "open" not in [r.strip() for r in regels]
