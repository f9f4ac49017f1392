"""The terms of DOMAIN.md §3 — one test per row of the Atw table, the verdicts and the explanations."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from nareis import contract as m
from nareis.beleid import beleid_op
from nareis.kalender import termijnen as t
from nareis.zaakstatus import termijnen_bij_ontvangst
from tests.voorbeelden import aanvraag_data

BELEID = beleid_op(date(2026, 7, 1))


def _aanvraag(**wijzigingen: Any) -> m.Aanvraag:
    return m.lees(m.Aanvraag, aanvraag_data(**wijzigingen))


def _bt(start: date, **kw: Any) -> t.Beslistermijn:
    argumenten: dict[str, Any] = {
        "aanvraag_ontvangen_op": start,
        "opschortingen": [],
        "verlengd_op": None,
        "peildatum": start,
        "beleid": beleid_op(start),
    }
    argumenten.update(kw)
    return t.beslistermijn(start, **argumenten)


# --- the Atw table of DOMAIN.md §3.0, row by row ---------------------------------------------------


def test_atw_tabel_nareistermijn_3_maanden_schuift_van_zondag_naar_maandag() -> None:
    uitkomst = t.nareistermijn(_aanvraag(referent__vergunning_ontvangen_op="2026-03-14"), BELEID)
    assert uitkomst.einde == date(2026, 6, 15)  # 14 June 2026 is a Sunday
    assert uitkomst.uitleg is not None
    assert uitkomst.uitleg.ruw_einde == date(2026, 6, 14)
    assert [(v.artikel, v.van, v.naar) for v in uitkomst.uitleg.verschuivingen] == [
        ("Atw art. 1", date(2026, 6, 14), date(2026, 6, 15))
    ]


def test_atw_tabel_coulance_14_dagen_na_het_verschoven_einde_schuift_niet() -> None:
    # permit received Friday 2026-09-11: term ends Friday 11 December; grace ends Christmas Day, unshifted
    aanvraag = _aanvraag(referent__vergunning_ontvangen_op="2026-09-11", ontvangen_op="2026-12-25")
    uitkomst = t.nareistermijn(aanvraag, BELEID)
    assert uitkomst.einde == date(2026, 12, 11)
    assert uitkomst.coulance_einde == date(2026, 12, 25)
    assert uitkomst.oordeel is m.NareistermijnOordeel.COULANCE


def test_atw_tabel_coulance_telt_vanaf_het_verschoven_einde() -> None:
    uitkomst = t.nareistermijn(_aanvraag(referent__vergunning_ontvangen_op="2026-03-14"), BELEID)
    assert uitkomst.coulance_einde == date(2026, 6, 29)  # 15 June + 14 days, not 14 June + 14


def test_atw_tabel_wachttermijn_2_jaar_schuift_niet() -> None:
    aanvraag = _aanvraag(
        referent__status="subsidiair",
        referent__vergunning_verleend_op="2024-06-06",
        referent__vergunning_ontvangen_op="2024-06-10",
        referent__asielaanvraag_op="2024-01-02",
    )
    termijn = t.wachttermijn(aanvraag, BELEID)
    assert termijn is not None and termijn.einde == date(2026, 6, 6)  # a Saturday
    assert not termijn.uitleg.atw_van_toepassing and "jaren" in (termijn.uitleg.atw_reden or "")


def test_atw_tabel_beslistermijn_9_maanden_schuift_niet() -> None:
    termijn = _bt(date(2026, 3, 6))
    assert termijn.einde == date(2026, 12, 6)  # a Sunday: Atw art. 4, more than three months
    assert not termijn.uitleg.atw_van_toepassing and "art. 4" in (termijn.uitleg.atw_reden or "")


def test_atw_tabel_oude_beslistermijn_90_dagen_schuift_wel() -> None:
    # received Thursday 2024-09-26: + 90 days = Christmas Day 2024 → Boxing Day → Friday 27 December
    # (designated day, Besluit gelijkstelling … 27 december 2024) → weekend → Monday 30 December
    termijn = _bt(date(2024, 9, 26))
    assert termijn.oud_regime and termijn.ruw_einde == date(2024, 12, 25)
    assert termijn.einde == date(2024, 12, 30)
    assert termijn.uitleg.atw_van_toepassing


def test_atw_tabel_oude_beslistermijn_verlengd_schuift_niet() -> None:
    # the extension (at most 3 months) on the raw end: 25 December 2024 + 3 months = 25 March 2025
    termijn = _bt(date(2024, 9, 26), verlengd_op=date(2024, 12, 1), peildatum=date(2024, 12, 1))
    assert termijn.oud_regime and termijn.verlengd
    assert termijn.einde == date(2025, 3, 25)
    assert not termijn.uitleg.atw_van_toepassing


def test_atw_tabel_hv_reactietermijn_4_weken_schuift_niet() -> None:
    termijn = t.hv_reactietermijn(date(2026, 7, 4), BELEID)
    assert termijn.einde == date(2026, 8, 1)  # a Saturday: set by the IND, not by a statute
    assert not termijn.uitleg.atw_van_toepassing


def test_atw_tabel_formuliertermijn_4_weken_schuift_niet() -> None:
    assert t.formuliertermijn(date(2026, 11, 28), BELEID).einde == date(2026, 12, 26)  # Boxing Day


def test_atw_tabel_mvv_ophalen_3_maanden_schuift() -> None:
    # 2026-09-05 + 3 months = Saturday 5 December → Monday 7 December
    termijn = t.mvv_ophaaltermijn(date(2026, 9, 5), False, BELEID)
    assert termijn.einde == date(2026, 12, 7) and termijn.uitleg.atw_van_toepassing


def test_atw_tabel_mvv_ophalen_verlengd_op_het_onverschoven_einde_zonder_atw() -> None:
    termijn = t.mvv_ophaaltermijn(date(2026, 9, 5), True, BELEID)
    assert termijn.einde == date(2027, 3, 5)  # 5 December + 3 months, not 7 December + 3 months
    assert termijn.uitleg.verlenging is not None and termijn.uitleg.verlenging.van == date(2026, 12, 5)
    assert not termijn.uitleg.atw_van_toepassing
    # an extended end on a weekend stays: 2026-10-04 + 6 months = Sunday 4 April 2027
    assert t.mvv_ophaaltermijn(date(2026, 10, 4), True, BELEID).einde == date(2027, 4, 4)


def test_atw_tabel_mvv_geldigheid_90_dagen_dag_van_ophalen_is_dag_1() -> None:
    assert t.mvv_geldigheid(date(2026, 1, 1), BELEID).einde == date(2026, 3, 31)
    termijn = t.mvv_geldigheid(date(2026, 2, 6), BELEID)
    assert termijn.einde == date(2026, 5, 6)  # day 90; not shifted (a validity)
    assert termijn.uitleg.start == date(2026, 2, 6)
    assert not termijn.uitleg.atw_van_toepassing


def test_atw_tabel_bezwaartermijn_4_weken_schuift_over_tweede_kerstdag() -> None:
    # decision 2026-11-28 + 4 weeks = Saturday 26 December (also Boxing Day) → Monday 28 December
    termijn = t.bezwaartermijn(date(2026, 11, 28), BELEID)
    assert termijn.einde == date(2026, 12, 28) and termijn.uitleg.atw_van_toepassing


def test_atw_tabel_beslissen_op_bezwaar_19_weken_na_de_bezwaartermijn_schuift_niet() -> None:
    einde_bezwaar = date(2026, 12, 28)
    termijn = t.beslistermijn_bezwaar(einde_bezwaar, BELEID)
    assert termijn.einde == einde_bezwaar + timedelta(weeks=19) == date(2027, 5, 10)
    assert not termijn.uitleg.atw_van_toepassing
    # a 19-week end on Saturday stays Saturday
    assert t.beslistermijn_bezwaar(date(2026, 12, 26), BELEID).einde == date(2027, 5, 8)


def test_awb_7_10_verdaging_beslissen_op_bezwaar() -> None:
    termijn = t.beslistermijn_bezwaar(date(2026, 12, 28), BELEID, verdaagd=True)
    assert termijn.einde == date(2027, 5, 10) + timedelta(weeks=13)
    assert termijn.uitleg.verlenging is not None


def test_atw_tabel_ingebrekestelling_twee_weken_en_beroep_de_dag_erna() -> None:
    # received Friday 2026-12-11 + 14 days = Christmas Day (Friday) → Monday 28 December
    igs = t.ingebrekestelling(date(2026, 12, 11), BELEID)
    assert igs.termijn.einde == date(2026, 12, 28)
    assert igs.beroep_mogelijk_vanaf == date(2026, 12, 29)
    assert igs.termijn.uitleg.atw_van_toepassing
    assert igs.dwangsom is False  # policy value (unconfirmed)


def test_atw_tabel_ingebrekestelling_op_een_werkdag() -> None:
    igs = t.ingebrekestelling(date(2026, 7, 1), BELEID)
    assert igs.termijn.einde == date(2026, 7, 15) and igs.beroep_mogelijk_vanaf == date(2026, 7, 16)


# --- WI 2026/11 §2.2: the nareistermijn verdict --------------------------------------------------------


@pytest.mark.parametrize(
    ("ontvangen", "oordeel"),
    [
        ("2026-04-01", "tijdig"),
        ("2026-06-14", "tijdig"),
        ("2026-06-15", "tijdig"),  # the shifted end itself
        ("2026-06-16", "coulance"),
        ("2026-06-29", "coulance"),  # the last day of the grace
        ("2026-06-30", "te_laat"),
    ],
)
def test_wi_2_2_coulance_twee_weken(ontvangen: str, oordeel: str) -> None:
    aanvraag = _aanvraag(referent__vergunning_ontvangen_op="2026-03-14", ontvangen_op=ontvangen)
    uitkomst = t.nareistermijn(aanvraag, BELEID)
    assert uitkomst.oordeel.value == oordeel
    assert uitkomst.uitleg is not None and uitkomst.uitleg.stappen[-1].endswith(oordeel)


def test_wi_2_2_subsidiair_geen_nareistermijn() -> None:
    aanvraag = _aanvraag(referent__status="subsidiair")
    uitkomst = t.nareistermijn(aanvraag, BELEID)
    assert uitkomst.oordeel is m.NareistermijnOordeel.NIET_VAN_TOEPASSING
    assert uitkomst.einde is None and uitkomst.coulance_einde is None
    assert t.wachttermijn(_aanvraag(), BELEID) is None  # a refugee has no waiting period


def test_wi_4_3_aanvraag_voor_de_vergunning_is_niet_te_laat() -> None:
    aanvraag = _aanvraag(referent__vergunning_verleend_op=None, referent__vergunning_ontvangen_op=None)
    uitkomst = t.nareistermijn(aanvraag, BELEID)
    assert uitkomst.oordeel is m.NareistermijnOordeel.TIJDIG and uitkomst.einde is None


def test_wi_2_2_startgebeurtenis_is_een_beleidsvlag() -> None:
    verleend = BELEID.model_copy(
        update={"nareistermijn_start": BELEID.nareistermijn_start.model_copy(update={"waarde": "verleend"})}
    )
    # permit granted 10 March, received 14 March: counted from the grant → 10 June 2026 (Wednesday)
    uitkomst = t.nareistermijn(_aanvraag(), verleend)
    assert uitkomst.einde == date(2026, 6, 10) and "verlening" in (uitkomst.uitleg.regel if uitkomst.uitleg else "")


def test_wi_1_1_brief_stelt_de_nareistermijn_veilig_op_zijn_eigen_datum() -> None:
    aanvraag = _aanvraag(vorm="brief", ontvangen_op="2026-06-10")
    uitkomst = t.nareistermijn(aanvraag, BELEID)
    assert uitkomst.oordeel is m.NareistermijnOordeel.TIJDIG
    assert uitkomst.uitleg is not None and "brief" in uitkomst.uitleg.stappen[-1]


# --- WI 2026/11 §1.2: the beslistermijn and its transitional rule --------------------------------------


def test_wi_1_2_beslistermijn_9_maanden_vanaf_ontvangst_formulier() -> None:
    termijn = _bt(date(2026, 7, 1))
    assert (termijn.start, termijn.ruw_einde, termijn.einde) == (date(2026, 7, 1), date(2027, 4, 1), date(2027, 4, 1))
    assert not termijn.oud_regime and not termijn.verlengd and not termijn.verstreken and not termijn.opgeschort


def test_wi_5_8_beslistermijn_start_bij_het_formulier_regime_bij_de_brief() -> None:
    # letter received 2025-03-20 (before 28 March 2025), form on 2025-04-10: the term runs from the form;
    # its old term would only have started after 28 March, so it had not expired: 9 months
    termijn = _bt(date(2025, 4, 10), aanvraag_ontvangen_op=date(2025, 3, 20))
    assert not termijn.oud_regime and termijn.einde == date(2026, 1, 10)


def test_wi_1_2_overgangsrecht_op_of_na_28_maart_2025_9_maanden() -> None:
    termijn = _bt(date(2025, 3, 28))
    assert not termijn.oud_regime and termijn.einde == date(2025, 12, 28)


def test_wi_1_2_overgangsrecht_oude_termijn_nog_lopend_op_28_maart_2025_krijgt_9_maanden() -> None:
    termijn = _bt(date(2025, 2, 1))  # 90 days → 2 May 2025: not expired on 28 March
    assert not termijn.oud_regime and termijn.einde == date(2025, 11, 1)
    # the old term ending on 28 March itself had not expired that day
    termijn = _bt(date(2024, 12, 28))
    assert not termijn.oud_regime and termijn.einde == date(2025, 9, 28)


def test_wi_1_2_overgangsrecht_oude_termijn_verstreken_voor_28_maart_2025() -> None:
    termijn = _bt(date(2024, 12, 27))  # 90 days → Thursday 27 March 2025
    assert termijn.oud_regime and termijn.einde == date(2025, 3, 27)
    assert "oude regeling" in termijn.uitleg.stappen[0]


def test_wi_1_2_overgangsrecht_telt_de_opschorting_van_de_oude_termijn_mee() -> None:
    from nareis.kalender.opschorting import Opschorting

    hv = Opschorting(grond="herstel_verzuim", van=date(2025, 1, 10), tot=date(2025, 1, 20), bron="Awb 4:15")
    # without the letter the old term ends 20 March 2025 (expired); with 10 suspended days it
    # ends Sunday 30 March → Monday 31 March: not expired on 28 March → 9 months + 10 days
    assert _bt(date(2024, 12, 20)).oud_regime
    termijn = _bt(date(2024, 12, 20), opschortingen=[hv], peildatum=date(2025, 2, 1))
    assert not termijn.oud_regime
    assert termijn.einde == date(2025, 9, 30)


def test_wi_1_2_voetnoot_5_geldigheid_van_de_9_maanden_wordt_gemeld() -> None:
    termijn = _bt(date(2028, 4, 3))
    assert any("geldt tot 2028-03-28" in stap for stap in termijn.uitleg.stappen)
    assert not any("geldt tot" in stap for stap in _bt(date(2026, 7, 1)).uitleg.stappen)


def test_wi_1_2_verlenging_eenmalig_drie_maanden() -> None:
    termijn = _bt(date(2026, 7, 1), verlengd_op=date(2027, 1, 15), peildatum=date(2027, 1, 15))
    assert termijn.verlengd and termijn.einde == date(2027, 7, 1)
    assert termijn.uitleg.verlenging is not None and termijn.uitleg.verlenging.duur == "3 maanden"
    assert not termijn.uitleg.atw_van_toepassing


def test_wi_1_2_verstreken_na_het_einde() -> None:
    assert not _bt(date(2026, 7, 1), peildatum=date(2027, 4, 1)).verstreken  # the last day itself
    assert _bt(date(2026, 7, 1), peildatum=date(2027, 4, 2)).verstreken


# --- explanations (issue 4 §5): a reader can redo every date by hand ------------------------------------


def test_uitleg_noemt_regel_bron_start_ruw_einde_en_de_verschuiving() -> None:
    uitleg = t.bezwaartermijn(date(2026, 11, 28), BELEID).uitleg
    assert uitleg.bron == "art. 69 lid 1 Vw" and uitleg.beleid == "WI-2026-11"
    assert uitleg.start == date(2026, 11, 28) and uitleg.ruw_einde == date(2026, 12, 26)
    assert uitleg.stappen == (
        "4 weken na de datum van het besluit: start 2026-11-28; de termijn loopt vanaf de dag erna (Awb 6:8)",
        "2026-11-28 + 4 weken = 2026-12-26",
        "Atw art. 1: 2026-12-26 → 2026-12-28: 2026-12-26 zaterdag en Tweede Kerstdag (Atw art. 3 lid 1), "
        "2026-12-27 zondag",
    )


def test_uitleg_zegt_waarom_de_atw_niet_geldt() -> None:
    uitleg = t.hv_reactietermijn(date(2026, 7, 1), BELEID).uitleg
    assert uitleg.stappen[-1] == "geen verschuiving door de Atw: geen termijn uit een wet of AMvB (Atw art. 1 en 5)"


def test_uitleg_atw_zonder_verschuiving() -> None:
    uitleg = t.bezwaartermijn(date(2026, 7, 1), BELEID).uitleg
    assert uitleg.atw_van_toepassing and uitleg.verschuivingen == ()
    assert "2026-07-29 is een werkdag" in uitleg.stappen[-1]


# --- the terms at receipt (the `termijnen` command): the case opened as the workflow opens it ---


def test_termijnen_bij_ontvangst_van_het_contractvoorbeeld() -> None:
    uitkomst = termijnen_bij_ontvangst(_aanvraag())
    assert uitkomst["nareistermijn"] | {"uitleg": None} == {
        "einde": "2026-06-15",
        "coulance_einde": "2026-06-29",
        "oordeel": "te_laat",  # received 2026-07-01, after the grace
        "uitleg": None,
    }
    assert uitkomst["beslistermijn"] | {"uitleg": None} == {
        "start": "2026-07-01",
        "einde": "2027-04-01",
        "opgeschort": True,  # the HV letter sent with the receipt pauses it, as in the case itself
        "opgeschorte_dagen": 0,
        "verlengd": False,
        "verstreken": False,
        "uitleg": None,
    }
    [hv] = uitkomst["herstel_verzuim"]
    assert (hv["reden"], hv["verzonden_op"], hv["reactie_uiterlijk"]) == ("nareistermijn", "2026-07-01", "2026-07-29")
    assert "wachttermijn" not in uitkomst
    assert uitkomst["nareistermijn"]["uitleg"]["stappen"] and uitkomst["beslistermijn"]["uitleg"]["stappen"]


def test_termijnen_bij_ontvangst_brief_formulier_en_nog_geen_beslistermijn() -> None:
    uitkomst = termijnen_bij_ontvangst(_aanvraag(vorm="brief", ontvangen_op="2026-06-10"))
    assert uitkomst["beslistermijn"]["start"] is None and uitkomst["beslistermijn"]["einde"] is None
    assert [(hv["reden"], hv["reactie_uiterlijk"]) for hv in uitkomst["herstel_verzuim"]] == [
        ("formulier", "2026-07-08")
    ]


def test_termijnen_bij_ontvangst_subsidiair_met_wachttermijn() -> None:
    aanvraag = _aanvraag(
        referent__status="subsidiair",
        referent__vergunning_verleend_op="2024-06-06",
        referent__vergunning_ontvangen_op="2024-06-10",
        referent__asielaanvraag_op="2024-01-02",
    )
    uitkomst = termijnen_bij_ontvangst(aanvraag)
    assert uitkomst["nareistermijn"]["oordeel"] == "niet_van_toepassing"
    assert uitkomst["nareistermijn"]["uitleg"] is None
    assert uitkomst["wachttermijn"]["einde"] == "2026-06-06" and uitkomst["wachttermijn"]["verstreken"] is True
    assert uitkomst["herstel_verzuim"] == []
