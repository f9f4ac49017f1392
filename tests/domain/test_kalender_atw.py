"""The Algemene termijnenwet (DOMAIN.md §3.0): art. 3 holidays, art. 1 and 2 shifts, art. 4 exclusions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from nareis.beleid import beleid_op
from nareis.kalender import atw, is_werkdag, wettelijke_feestdagen

BELEID = beleid_op(date(2026, 7, 1))

# Easter Sunday 2024-2030 (Gregorian), from the published calendars
PASEN = {
    2024: date(2024, 3, 31),
    2025: date(2025, 4, 20),
    2026: date(2026, 4, 5),
    2027: date(2027, 3, 28),
    2028: date(2028, 4, 16),
    2029: date(2029, 4, 1),
    2030: date(2030, 4, 21),
}

# --- art. 3: the holidays ---------------------------------------------------------------------------


@pytest.mark.parametrize("jaar", sorted(PASEN))
def test_atw_art3_paasafhankelijke_feestdagen(jaar: int) -> None:
    pasen = PASEN[jaar]
    dagen = wettelijke_feestdagen(jaar, BELEID)
    assert dagen[pasen - timedelta(days=2)] == "Goede Vrijdag"  # art. 3 lid 2
    assert dagen[pasen + timedelta(days=1)] == "Tweede Paasdag"
    assert dagen[pasen + timedelta(days=39)] == "Hemelvaartsdag"
    assert dagen[pasen + timedelta(days=50)] == "Tweede Pinksterdag"
    for dag in (pasen - timedelta(days=2), pasen + timedelta(days=1), pasen + timedelta(days=39)):
        assert not is_werkdag(dag, BELEID)


@pytest.mark.parametrize(
    ("jaar", "goede_vrijdag", "hemelvaart", "pinkstermaandag"),
    [
        (2024, date(2024, 3, 29), date(2024, 5, 9), date(2024, 5, 20)),
        (2025, date(2025, 4, 18), date(2025, 5, 29), date(2025, 6, 9)),
        (2026, date(2026, 4, 3), date(2026, 5, 14), date(2026, 5, 25)),
        (2027, date(2027, 3, 26), date(2027, 5, 6), date(2027, 5, 17)),
        (2028, date(2028, 4, 14), date(2028, 5, 25), date(2028, 6, 5)),
        (2029, date(2029, 3, 30), date(2029, 5, 10), date(2029, 5, 21)),
        (2030, date(2030, 4, 19), date(2030, 5, 30), date(2030, 6, 10)),
    ],
)
def test_atw_art3_paasdata_2024_2030_als_kalenderdata(
    jaar: int, goede_vrijdag: date, hemelvaart: date, pinkstermaandag: date
) -> None:
    dagen = wettelijke_feestdagen(jaar, BELEID)
    assert dagen[goede_vrijdag] == "Goede Vrijdag"
    assert dagen[hemelvaart] == "Hemelvaartsdag"
    assert dagen[pinkstermaandag] == "Tweede Pinksterdag"


@pytest.mark.parametrize("jaar", range(2024, 2031))
def test_atw_art3_vaste_feestdagen_elk_jaar(jaar: int) -> None:
    dagen = wettelijke_feestdagen(jaar, BELEID)
    assert dagen[date(jaar, 1, 1)] == "Nieuwjaarsdag"
    assert dagen[date(jaar, 5, 5)] == "Bevrijdingsdag"  # every year, not only lustrum years
    assert dagen[date(jaar, 12, 25)] == "Eerste Kerstdag"
    assert dagen[date(jaar, 12, 26)] == "Tweede Kerstdag"
    assert len(dagen) == 9


def test_atw_art3_koningsdag_op_zondag_wordt_26_april() -> None:
    assert date(2025, 4, 27).weekday() == 6 and date(2031, 4, 27).weekday() == 6
    assert wettelijke_feestdagen(2025, BELEID)[date(2025, 4, 26)] == "Koningsdag"
    assert date(2025, 4, 27) not in wettelijke_feestdagen(2025, BELEID)
    assert wettelijke_feestdagen(2031, BELEID)[date(2031, 4, 26)] == "Koningsdag"
    assert wettelijke_feestdagen(2026, BELEID)[date(2026, 4, 27)] == "Koningsdag"  # a Monday
    assert wettelijke_feestdagen(2028, BELEID)[date(2028, 4, 27)] == "Koningsdag"  # a Thursday


def test_atw_art3_koningsdag_op_zondag_verschuift_een_termijn_niet_naar_de_zaterdag_ervoor() -> None:
    # 2025: ends on Saturday 26 April (King's Day and a Saturday) → Monday 28 April
    einde, verschuivingen = atw.verschuif(date(2025, 3, 26), date(2025, 4, 26), BELEID)
    assert einde == date(2025, 4, 28)
    assert verschuivingen[0].reden == "2025-04-26 zaterdag en Koningsdag (Atw art. 3 lid 1), 2025-04-27 zondag"
    # 2026: ends on Saturday 25 April; Sunday, then King's Day Monday 27 April → Tuesday 28 April
    einde, _ = atw.verschuif(date(2026, 3, 25), date(2026, 4, 25), BELEID)
    assert einde == date(2026, 4, 28)


@pytest.mark.parametrize(
    ("dag", "daarna"),
    [
        (date(2026, 1, 2), date(2026, 1, 5)),  # Friday after New Year's Day
        (date(2026, 5, 15), date(2026, 5, 18)),  # Friday after Ascension
        (date(2027, 5, 7), date(2027, 5, 10)),
        (date(2028, 4, 28), date(2028, 5, 1)),  # Friday after King's Day
        (date(2028, 5, 26), date(2028, 5, 29)),
    ],
)
def test_atw_art3_lid3_aangewezen_dagen(dag: date, daarna: date) -> None:
    assert dag.weekday() == 4
    assert not is_werkdag(dag, BELEID)
    assert atw.vrije_dag(dag, BELEID) == "bij besluit aangewezen dag (Atw art. 3 lid 3)"
    # a term ending on the holiday before it runs through the designated day and the weekend
    einde, verschuivingen = atw.verschuif(dag - timedelta(days=30), dag - timedelta(days=1), BELEID)
    assert einde == daarna and verschuivingen[0].artikel == "Atw art. 1"


def test_atw_art3_gewone_werkdagen() -> None:
    for dag in (date(2026, 7, 1), date(2027, 12, 31), date(2026, 5, 4), date(2026, 4, 28)):
        assert is_werkdag(dag, BELEID)


# --- art. 1: the end moves to the next working day -------------------------------------------------


def test_atw_art1_zaterdag_schuift_naar_maandag() -> None:
    einde, verschuivingen = atw.verschuif(date(2026, 6, 6), date(2026, 7, 4), BELEID)
    assert einde == date(2026, 7, 6)
    assert [(v.artikel, v.van, v.naar, v.reden) for v in verschuivingen] == [
        ("Atw art. 1", date(2026, 7, 4), date(2026, 7, 6), "2026-07-04 zaterdag, 2026-07-05 zondag")
    ]


def test_atw_art1_zondag_schuift_naar_maandag() -> None:
    assert atw.verschuif(date(2026, 3, 14), date(2026, 6, 14), BELEID)[0] == date(2026, 6, 15)


def test_atw_art1_werkdag_blijft_staan() -> None:
    assert atw.verschuif(date(2026, 6, 1), date(2026, 7, 1), BELEID) == (date(2026, 7, 1), ())


def test_atw_art1_pasen_goede_vrijdag_tot_en_met_tweede_paasdag() -> None:
    # Good Friday 3 April 2026 → Saturday, Easter Sunday, Easter Monday → Tuesday 7 April
    einde, verschuivingen = atw.verschuif(date(2026, 3, 3), date(2026, 4, 3), BELEID)
    assert einde == date(2026, 4, 7)
    # issue #20 item 13: every skipped day named, Easter Monday too
    assert verschuivingen[0].reden == (
        "2026-04-03 Goede Vrijdag (Atw art. 3 lid 2), 2026-04-04 zaterdag, 2026-04-05 zondag, "
        "2026-04-06 Tweede Paasdag (Atw art. 3 lid 1)"
    )
    assert [d.datum.day for d in verschuivingen[0].overgeslagen] == [3, 4, 5, 6]


def test_atw_art1_jaargrens_kerst_en_nieuwjaar() -> None:
    # Christmas 2027 on a Saturday: Sat 25, Sun 26 → Monday 27 December
    assert atw.verschuif(date(2027, 11, 25), date(2027, 12, 25), BELEID)[0] == date(2027, 12, 27)
    # New Year's Day 2028 on a Saturday → Monday 3 January 2028
    assert atw.verschuif(date(2027, 12, 1), date(2028, 1, 1), BELEID)[0] == date(2028, 1, 3)
    # New Year's Day 2027 on a Friday → Monday 4 January 2027
    assert atw.verschuif(date(2026, 12, 1), date(2027, 1, 1), BELEID)[0] == date(2027, 1, 4)
    # 31 December 2027 is a Friday and a working day
    assert atw.verschuif(date(2027, 12, 3), date(2027, 12, 31), BELEID)[0] == date(2027, 12, 31)


def test_atw_art1_schrikkeldag_is_een_gewone_dag() -> None:
    assert atw.verschuif(date(2028, 1, 29), date(2028, 2, 29), BELEID)[0] == date(2028, 2, 29)  # a Tuesday
    # Sunday 27 Feb 2028 → Monday 28 Feb
    assert atw.verschuif(date(2028, 1, 27), date(2028, 2, 27), BELEID)[0] == date(2028, 2, 28)


# --- art. 2: at least two working days ------------------------------------------------------------


def test_atw_art2_twee_werkdagen_in_een_korte_termijn() -> None:
    # a 3-day term from Thursday 24 December 2026: Fri 25, Sat 26, Sun 27 hold no working day
    einde, verschuivingen = atw.verschuif(date(2026, 12, 24), date(2026, 12, 27), BELEID)
    assert einde == date(2026, 12, 29)  # Mon 28 and Tue 29
    assert [v.artikel for v in verschuivingen] == ["Atw art. 2"]


def test_atw_art2_een_werkdag_in_de_termijn_is_te_weinig() -> None:
    # Thursday 31 Dec 2026 + 4 days: Fri 1 Jan (holiday), Sat, Sun, Mon 4 Jan → one working day
    einde, verschuivingen = atw.verschuif(date(2026, 12, 31), date(2027, 1, 4), BELEID)
    assert einde == date(2027, 1, 5)
    assert verschuivingen[0].artikel == "Atw art. 2"


def test_atw_art2_geldt_niet_voor_termijnen_korter_dan_drie_dagen() -> None:
    # 2 days from Thursday 24 Dec 2026 end on Saturday 26: only art. 1 → Monday 28
    einde, verschuivingen = atw.verschuif(date(2026, 12, 24), date(2026, 12, 26), BELEID)
    assert einde == date(2026, 12, 28) and [v.artikel for v in verschuivingen] == ["Atw art. 1"]


# --- art. 4 (and art. 1, 5): which terms the Atw covers ---------------------------------------------


@pytest.mark.parametrize(
    ("lengte", "eenheid", "wettelijk", "uitgezonderd"),
    [
        (90, "dagen", True, False),
        (91, "dagen", True, True),
        (12, "weken", True, False),
        (13, "weken", True, True),
        (19, "weken", True, True),
        (3, "maanden", True, False),
        (4, "maanden", True, True),
        (9, "maanden", True, True),
        (1, "jaren", True, True),
        (2, "jaren", True, True),
        (4, "weken", False, True),  # set by the IND, not by a statute
    ],
)
def test_atw_art4_grenzen(lengte: int, eenheid: str, wettelijk: bool, uitgezonderd: bool) -> None:
    assert (atw.wettelijke_uitzondering(lengte, eenheid, wettelijk) is not None) is uitgezonderd


# --- art. 3 lid 3: the designated days of 2023-2025 (Besluit gelijkstelling ... 30 mei 2025) ------


@pytest.mark.parametrize(
    "dag", [date(2023, 4, 28), date(2023, 5, 19), date(2024, 5, 10), date(2024, 12, 27), date(2025, 5, 30)]
)
def test_atw_art3_lid3_aangewezen_dagen_2023_2025(dag: date) -> None:
    beleid = beleid_op(dag)
    assert beleid.is_aangewezen_dag(dag) and not is_werkdag(dag, beleid)
    bron = next(a.bron for a in beleid.aangewezen_dagen if a.datum == dag)
    assert "Besluit gelijkstelling van 28 april 2023" in bron


def test_atw_art3_lid3_oud_regime_ontvangen_2024_09_26_eindigt_2024_12_30() -> None:
    from nareis.kalender import termijnen as t

    ontvangen = date(2024, 9, 26)
    termijn = t.beslistermijn(
        ontvangen,
        aanvraag_ontvangen_op=ontvangen,
        opschortingen=[],
        verlengd_op=None,
        peildatum=ontvangen,
        beleid=beleid_op(ontvangen),
    )
    # 2024-09-26 + 90 days = 2024-12-25 (Christmas) → 26th (Boxing Day) → 27th (designated day)
    # → 28th/29th (weekend) → Monday 2024-12-30 (Atw art. 1; the old 90-day term, Atw applies)
    assert termijn.einde == date(2024, 12, 30)


def test_atw_art3_lid3_bezwaartermijn_na_besluit_2025_05_02_eindigt_2025_06_02() -> None:
    from nareis.kalender import termijnen as t

    besluit = date(2025, 5, 2)
    # 2025-05-02 + 4 weeks = Friday 2025-05-30 (designated day after Ascension) → weekend → Monday 2025-06-02
    assert t.bezwaartermijn(besluit, beleid_op(besluit)).einde == date(2025, 6, 2)


def test_atw_art1_nieuwjaar_noemt_de_aangewezen_dag_en_het_weekend() -> None:
    """Issue #20 item 13: "2026-01-01 (Nieuwjaarsdag) → 2026-01-05" named neither 2 January nor the
    weekend. A term ending on New Year's Day 2026 (Thursday) skips Friday 2 January (designated,
    Stcrt. 2025, 24713), Saturday 3 and Sunday 4: its last day is Monday 5 January."""
    einde, [verschuiving] = atw.verschuif(date(2025, 12, 4), date(2026, 1, 1), BELEID)
    assert einde == date(2026, 1, 5)
    assert verschuiving.reden == (
        "2026-01-01 Nieuwjaarsdag (Atw art. 3 lid 1), "
        "2026-01-02 bij besluit aangewezen dag (Atw art. 3 lid 3; Stcrt. 2025, 24713), "
        "2026-01-03 zaterdag, 2026-01-04 zondag"
    )


def test_atw_art2_noemt_de_dagen_die_geen_werkdag_zijn() -> None:
    # a 3-day term from Thursday 2026-12-24: Fri 25, Sat 26 (Christmas), Sun 27 hold no working day;
    # art. 2 extends it to Tuesday 29 December (Mon 28 and Tue 29: two working days)
    einde, verschuivingen = atw.verschuif(date(2026, 12, 24), date(2026, 12, 27), BELEID)
    assert einde == date(2026, 12, 29)
    [art2] = [v for v in verschuivingen if v.artikel == "Atw art. 2"]
    assert art2.reden == (
        "minder dan twee werkdagen in de termijn; geen werkdag: 2026-12-25 Eerste Kerstdag (Atw art. 3 lid 1), "
        "2026-12-26 zaterdag en Tweede Kerstdag (Atw art. 3 lid 1), 2026-12-27 zondag"
    )
