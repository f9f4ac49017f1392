"""The legal clock (DOMAIN.md §3.0, issue 4): month arithmetic, the Atw, the terms, the ledger."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nareis import modellen as m
from nareis.beleid import beleid_op
from nareis.kalender import atw, is_werkdag, leeftijd, plus
from nareis.kalender import termijnen as t
from nareis.kalender.opschorting import Opschorting
from tests.voorbeelden import aanvraag_data

BELEID = beleid_op(date(2026, 7, 1))


# --- month arithmetic (HR 1-9-2017) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "maanden", "einde"),
    [
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),  # leap year
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 3, 31), 3, date(2026, 6, 30)),
        (date(2026, 7, 1), 9, date(2027, 4, 1)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),  # over the year boundary
        (date(2026, 2, 28), 1, date(2026, 3, 28)),
    ],
)
def test_hr_2017_maanden_eindigen_op_dezelfde_dag_of_de_laatste_van_de_maand(start, maanden, einde) -> None:
    assert plus(start, maanden, "maanden") == einde


def test_weken_eindigen_op_dezelfde_weekdag() -> None:
    assert plus(date(2026, 7, 1), 4, "weken") == date(2026, 7, 29)
    assert plus(date(2026, 7, 1), 19, "weken").weekday() == date(2026, 7, 1).weekday()


def test_leeftijd_schrikkeldag_en_verjaardag() -> None:
    assert leeftijd(date(2008, 5, 1), date(2026, 5, 1)) == 18
    assert leeftijd(date(2008, 5, 1), date(2026, 4, 30)) == 17
    assert leeftijd(date(2008, 2, 29), date(2026, 2, 27)) == 17
    assert leeftijd(date(2008, 2, 29), date(2026, 2, 28)) == 18  # project convention, see rekenen.leeftijd


# --- Atw art. 3: the holidays ---------------------------------------------------------------------

PASEN = {
    2024: date(2024, 3, 31),
    2025: date(2025, 4, 20),
    2026: date(2026, 4, 5),
    2027: date(2027, 3, 28),
    2028: date(2028, 4, 16),
    2029: date(2029, 4, 1),
    2030: date(2030, 4, 21),
}


@pytest.mark.parametrize("jaar", sorted(PASEN))
def test_atw_art3_paasafhankelijke_feestdagen(jaar: int) -> None:
    pasen = PASEN[jaar]
    dagen = atw.wettelijke_feestdagen(jaar)
    assert dagen[pasen - timedelta(days=2)] == "Goede Vrijdag"
    assert dagen[pasen + timedelta(days=1)] == "Tweede Paasdag"
    assert dagen[pasen + timedelta(days=39)] == "Hemelvaartsdag"
    assert dagen[pasen + timedelta(days=50)] == "Tweede Pinksterdag"
    assert dagen[date(jaar, 5, 5)] == "Bevrijdingsdag"  # every year
    assert dagen[date(jaar, 1, 1)] == "Nieuwjaarsdag"
    assert dagen[date(jaar, 12, 25)] == "Eerste Kerstdag" and dagen[date(jaar, 12, 26)] == "Tweede Kerstdag"


def test_atw_art3_koningsdag_op_zondag_wordt_26_april() -> None:
    assert date(2025, 4, 27).weekday() == 6
    assert atw.wettelijke_feestdagen(2025)[date(2025, 4, 26)] == "Koningsdag"
    assert date(2025, 4, 27) not in atw.wettelijke_feestdagen(2025) or date(2025, 4, 27).weekday() == 6
    assert atw.wettelijke_feestdagen(2026)[date(2026, 4, 27)] == "Koningsdag"


@pytest.mark.parametrize(
    "dag", [date(2026, 1, 2), date(2026, 5, 15), date(2027, 5, 7), date(2028, 4, 28), date(2028, 5, 26)]
)
def test_atw_art3_lid3_aangewezen_dagen_zijn_geen_werkdag(dag: date) -> None:
    assert dag.weekday() < 5
    assert not is_werkdag(dag, BELEID)


# --- Atw art. 1, 2, 4: which terms shift (the DOMAIN.md table, row by row) ---------------------------


def test_atw_tabel_nareistermijn_schuift_van_zondag_naar_maandag() -> None:
    aanvraag = m.lees(m.Aanvraag, aanvraag_data(referent__vergunning_ontvangen_op="2026-03-14"))
    uitkomst = t.nareistermijn(aanvraag, BELEID)
    assert uitkomst.einde == date(2026, 6, 15)  # 14 June 2026 is a Sunday
    assert uitkomst.coulance_einde == date(2026, 6, 29)  # grace: 14 days after the shifted end, no Atw
    assert uitkomst.uitleg is not None and uitkomst.uitleg.verschuivingen[0].artikel == "Atw art. 1"


def test_atw_tabel_wachttermijn_in_jaren_schuift_niet() -> None:
    aanvraag = m.lees(
        m.Aanvraag,
        aanvraag_data(
            referent__status="subsidiair",
            referent__vergunning_verleend_op="2024-06-08",
            referent__vergunning_ontvangen_op="2024-06-10",
            referent__asielaanvraag_op="2024-01-02",
        ),
    )
    termijn = t.wachttermijn(aanvraag, BELEID)
    assert termijn is not None and termijn.einde == date(2026, 6, 8)
    assert not termijn.uitleg.atw_van_toepassing and "jaren" in (termijn.uitleg.atw_reden or "")


def test_atw_tabel_beslistermijn_9_maanden_schuift_niet() -> None:
    # 2026-03-06 + 9 months = Saturday 2026-12-06: art. 4 (more than three months)
    termijn = t.beslistermijn(
        date(2026, 3, 6),
        aanvraag_ontvangen_op=date(2026, 3, 6),
        opschortingen=[],
        verlengd_op=None,
        peildatum=date(2026, 3, 6),
        beleid=BELEID,
    )
    assert termijn.einde == date(2026, 12, 6)
    assert not termijn.uitleg.atw_van_toepassing


def test_atw_tabel_oude_beslistermijn_90_dagen_schuift_wel() -> None:
    # received 2024-11-01: the old 90 days expired 2025-01-30, before 28 March 2025
    beleid = beleid_op(date(2024, 11, 1))
    termijn = t.beslistermijn(
        date(2024, 11, 1),
        aanvraag_ontvangen_op=date(2024, 11, 1),
        opschortingen=[],
        verlengd_op=None,
        peildatum=date(2024, 11, 1),
        beleid=beleid,
    )
    assert termijn.oud_regime and termijn.ruw_einde == date(2025, 1, 30)
    assert termijn.uitleg.atw_van_toepassing


def test_overgangsrecht_oude_termijn_nog_lopend_op_28_maart_2025_krijgt_9_maanden() -> None:
    beleid = beleid_op(date(2025, 2, 1))
    termijn = t.beslistermijn(
        date(2025, 2, 1),
        aanvraag_ontvangen_op=date(2025, 2, 1),
        opschortingen=[],
        verlengd_op=None,
        peildatum=date(2025, 2, 1),
        beleid=beleid,
    )
    assert not termijn.oud_regime and termijn.einde == date(2025, 11, 1)


def test_atw_tabel_hv_en_formulier_door_de_ind_gesteld_schuiven_niet() -> None:
    # 2026-07-04 (Saturday) + 4 weeks = Saturday 2026-08-01: no shift
    assert t.hv_reactietermijn(date(2026, 7, 4), BELEID).einde == date(2026, 8, 1)
    assert t.formuliertermijn(date(2026, 7, 4), BELEID).einde == date(2026, 8, 1)


def test_atw_tabel_mvv_ophalen_3_maanden_schuift_verlengd_niet() -> None:
    # 2026-09-05 + 3 months = Saturday 2026-12-05 → Monday 7 December
    assert t.mvv_ophaaltermijn(date(2026, 9, 5), False, BELEID).einde == date(2026, 12, 7)
    # extended: 3 months on the unshifted end, no Atw: 2027-03-05
    verlengd = t.mvv_ophaaltermijn(date(2026, 9, 5), True, BELEID)
    assert verlengd.einde == date(2027, 3, 5) and not verlengd.uitleg.atw_van_toepassing


def test_atw_tabel_mvv_geldigheid_dag_van_ophalen_is_dag_1() -> None:
    assert t.mvv_geldigheid(date(2026, 1, 1), BELEID).einde == date(2026, 3, 31)


def test_atw_tabel_bezwaartermijn_schuift_over_tweede_kerstdag() -> None:
    # decision 2026-11-28 + 4 weeks = Saturday 26 December (also Boxing Day) → Monday 28 December
    termijn = t.bezwaartermijn(date(2026, 11, 28), BELEID)
    assert termijn.einde == date(2026, 12, 28)


def test_atw_tabel_beslissen_op_bezwaar_19_weken_schuift_niet() -> None:
    einde = date(2026, 12, 28)
    assert t.beslistermijn_bezwaar(einde, BELEID).einde == einde + timedelta(weeks=19)


def test_atw_tabel_ingebrekestelling_twee_weken_en_beroep_de_dag_erna() -> None:
    # received Friday 2026-12-11 + 14 days = Friday 25 December → Monday 28 December
    igs = t.ingebrekestelling(date(2026, 12, 11), BELEID)
    assert igs.termijn.einde == date(2026, 12, 28)
    assert igs.beroep_mogelijk_vanaf == date(2026, 12, 29)


def test_atw_art2_twee_werkdagen_in_een_korte_termijn() -> None:
    # a 3-day term from Thursday 2026-12-24: Fri 25, Sat 26, Sun 27 hold no working day
    einde, verschuivingen = atw.verschuif(date(2026, 12, 24), date(2026, 12, 27), BELEID)
    assert einde == date(2026, 12, 29)  # Mon 28 and Tue 29
    assert verschuivingen[0].artikel == "Atw art. 2"


def test_atw_art1_jaargrens() -> None:
    einde, _ = atw.verschuif(date(2026, 12, 1), date(2027, 1, 1), BELEID)
    assert einde == date(2027, 1, 4)  # New Year's Day (Friday), then the weekend


# --- the suspension ledger (Awb 4:15) ------------------------------------------------------------------


def _bt(opschortingen, peildatum, verlengd_op=None):
    return t.beslistermijn(
        date(2026, 7, 1),
        aanvraag_ontvangen_op=date(2026, 7, 1),
        opschortingen=opschortingen,
        verlengd_op=verlengd_op,
        peildatum=peildatum,
        beleid=BELEID,
    )


def test_awb_4_15_overlappende_opschortingen_tellen_elke_dag_eenmaal() -> None:
    termijn = _bt(
        [
            Opschorting(grond="hv", van=date(2026, 7, 1), tot=date(2026, 7, 11), bron="x"),
            Opschorting(grond="overmacht", van=date(2026, 7, 6), tot=date(2026, 7, 21), bron="y"),
        ],
        date(2026, 8, 1),
    )
    assert termijn.opgeschorte_dagen == 20 and termijn.einde == date(2027, 4, 21)


def test_awb_4_15_geen_opschorting_na_verstrijken() -> None:
    termijn = _bt([Opschorting(grond="hv", van=date(2027, 4, 2), tot=date(2027, 4, 20), bron="x")], date(2027, 5, 1))
    assert termijn.opgeschorte_dagen == 0 and termijn.verstreken
    assert not termijn.kan_opschorten(date(2027, 4, 2)) and termijn.kan_opschorten(date(2027, 4, 1))


def test_awb_4_15_lopende_opschorting_telt_tot_vandaag() -> None:
    termijn = _bt([Opschorting(grond="hv", van=date(2026, 7, 1), tot=None, bron="x")], date(2026, 7, 10))
    assert termijn.opgeschort and termijn.opgeschorte_dagen == 9 and not termijn.verstreken


def test_wi_1_2_verlenging_na_opschorting() -> None:
    termijn = _bt(
        [Opschorting(grond="hv", van=date(2026, 7, 1), tot=date(2026, 7, 11), bron="x")],
        date(2026, 9, 1),
        verlengd_op=date(2026, 9, 1),
    )
    assert termijn.verlengd and termijn.einde == date(2027, 7, 11)  # 1 April + 3 months + 10 days


# --- properties --------------------------------------------------------------------------------------------

dagen = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))


@given(start=dagen, lengte=st.integers(min_value=3, max_value=90))
def test_eigenschap_verschoven_einde_is_een_werkdag_en_niet_eerder(start: date, lengte: int) -> None:
    ruw = start + timedelta(days=lengte)
    einde, _ = atw.verschuif(start, ruw, BELEID)
    assert einde >= ruw
    assert is_werkdag(einde, BELEID)
    werkdagen = sum(is_werkdag(start + timedelta(days=i), BELEID) for i in range(1, (einde - start).days + 1))
    assert werkdagen >= 2


@given(
    start=st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31)),
    perioden=st.lists(st.tuples(st.integers(0, 200), st.integers(0, 60)), max_size=4),
)
def test_eigenschap_opschortingen_tellen_precies_hun_dagen(start: date, perioden: list[tuple[int, int]]) -> None:
    ledger = [
        Opschorting(grond=f"g{i}", van=start + timedelta(days=a), tot=start + timedelta(days=a + d), bron="x")
        for i, (a, d) in enumerate(perioden)
    ]
    termijn = t.beslistermijn(
        start,
        aanvraag_ontvangen_op=start,
        opschortingen=ledger,
        verlengd_op=None,
        peildatum=start + timedelta(days=400),
        beleid=BELEID,
    )
    # every period starts before the (unsuspended) end, so the union of their days counts
    geteld = set()
    for o in ledger:
        geteld |= {o.van + timedelta(days=i) for i in range(1, (o.tot - o.van).days + 1)}  # type: ignore[operator]
    assert termijn.opgeschorte_dagen == len(geteld)
    assert termijn.einde == plus(start, 9, "maanden") + timedelta(days=len(geteld))


def test_termijnen_bij_ontvangst_van_het_contractvoorbeeld() -> None:
    aanvraag = m.lees(m.Aanvraag, aanvraag_data())
    uitkomst = t.termijnen_bij_ontvangst(aanvraag, BELEID)
    assert uitkomst["nareistermijn"]["einde"] == "2026-06-15"
    assert uitkomst["nareistermijn"]["oordeel"] == "te_laat"  # received 2026-07-01, after the grace
    assert uitkomst["beslistermijn"]["einde"] == "2027-04-01"
    assert uitkomst["herstel_verzuim"]["reactie_uiterlijk"] == "2026-07-29"
    assert all("uitleg" in waarde for waarde in uitkomst.values())


def test_beleid_onbevestigde_waarden_zijn_gemarkeerd() -> None:
    onbevestigd = BELEID.onbevestigd()
    assert "termijnen.verlenging" in onbevestigd and "termijnen.beslissen_op_bezwaar" in onbevestigd
    assert BELEID.versie == "WI-2026-11"
    assert BELEID.minimumloon_op(date(2026, 7, 1)) is None  # 2026-H2 not yet in the table
