"""DOMAIN.md §3.0 (Awb 4:15 lid 1 sub a): a suspension that began before the beslistermijn started
counts only the days after the start through its end — clamped to the term, never dropped."""

from __future__ import annotations

from datetime import date

from nareis import contract as m
from nareis.zaak import Zaak
from tests.domain.test_zaak import doe
from tests.voorbeelden import aanvraag_data

BRIEF = date(2027, 1, 25)  # the letter naming the family member: the nareistermijn is secured
FORMULIER = date(2027, 2, 1)  # the form: the beslistermijn starts (WI 2026/11 §5.8)
TOELICHTING = date(2027, 2, 11)  # the explanation of the late filing (the HV sent with the receipt)


def te_laat_per_brief() -> Zaak:
    # permit received 200 days before: far past 3 months + 2 weeks, unexplained → HV nareistermijn
    data = aanvraag_data(BRIEF, vorm="brief", dagen_na_vergunning=200)
    zaak, _ = Zaak.open(m.lees(m.Aanvraag, data, vandaag=BRIEF), BRIEF)
    assert {hv.reden for hv in zaak.herstel_verzuim} == {"nareistermijn", "formulier"}
    return zaak


def test_dossier_3_0_hv_voor_de_start_telt_de_dagen_na_de_start() -> None:
    zaak = te_laat_per_brief()
    doe(zaak, "formulier_ontvangen", FORMULIER)
    termijn = zaak.beslistermijn(FORMULIER)
    assert termijn is not None and termijn.opgeschort  # the HV letter still waits for its answer
    doe(zaak, "hv_reactie_ontvangen", TOELICHTING)
    termijn = zaak.beslistermijn(TOELICHTING)
    assert termijn is not None and not termijn.opgeschort
    # suspended: the days after 2027-02-01 through 2027-02-11 = 10 (HV sent 2027-01-25, clamped)
    assert termijn.opgeschorte_dagen == 10
    # 2027-02-01 + 9 months = 2027-11-01 (no Atw: > 3 months), + 10 days = 2027-11-11
    assert termijn.einde == date(2027, 11, 11)
    assert "vóór de start" in termijn.uitleg.model_dump_json()


def test_dossier_3_0_hv_beantwoord_voor_de_start_schort_niets_op() -> None:
    zaak = te_laat_per_brief()
    doe(zaak, "hv_reactie_ontvangen", date(2027, 1, 28))
    doe(zaak, "formulier_ontvangen", FORMULIER)
    termijn = zaak.beslistermijn(FORMULIER)
    assert termijn is not None and termijn.opgeschorte_dagen == 0 and termijn.einde == date(2027, 11, 1)


def test_dossier_3_0_zaken_van_voor_de_klem_houden_hun_datum() -> None:
    zaak = te_laat_per_brief()
    zaak.opschorting_geklemd = False  # opened before the patch: the HV before the start was dropped
    doe(zaak, "formulier_ontvangen", FORMULIER)
    doe(zaak, "hv_reactie_ontvangen", TOELICHTING)
    termijn = zaak.beslistermijn(TOELICHTING)
    assert termijn is not None and termijn.opgeschorte_dagen == 0 and termijn.einde == date(2027, 11, 1)
