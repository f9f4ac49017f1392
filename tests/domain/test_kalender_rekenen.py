"""DOMAIN.md §3.0: counting months (HR 1-9-2017), weeks, days and years; ages."""

from __future__ import annotations

from datetime import date

import pytest

from nareis.kalender import leeftijd, plus


@pytest.mark.parametrize(
    ("start", "maanden", "einde"),
    [
        (date(2026, 8, 31), 6, date(2027, 2, 28)),  # DOMAIN.md's own example
        (date(2027, 8, 31), 6, date(2028, 2, 29)),  # into a leap February
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 3, 31), 3, date(2026, 6, 30)),
        (date(2026, 5, 31), 3, date(2026, 8, 31)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),  # over the year boundary
        (date(2026, 12, 31), 3, date(2027, 3, 31)),
        (date(2026, 2, 28), 1, date(2026, 3, 28)),  # not "end of month → end of month"
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2026, 7, 1), 9, date(2027, 4, 1)),
        (date(2025, 6, 30), 9, date(2026, 3, 30)),
        (date(2026, 5, 31), 9, date(2027, 2, 28)),
    ],
)
def test_hr_2017_maanden_eindigen_op_dezelfde_dag_of_de_laatste_van_de_maand(
    start: date, maanden: int, einde: date
) -> None:
    assert plus(start, maanden, "maanden") == einde


def test_weken_eindigen_op_dezelfde_weekdag() -> None:
    assert plus(date(2026, 7, 1), 4, "weken") == date(2026, 7, 29)
    assert plus(date(2026, 12, 10), 4, "weken") == date(2027, 1, 7)  # year boundary
    assert plus(date(2028, 2, 10), 3, "weken") == date(2028, 3, 2)  # through 29 Feb 2028
    assert plus(date(2026, 7, 1), 19, "weken").weekday() == date(2026, 7, 1).weekday()


def test_dagen_tellen_vanaf_de_dag_na_de_gebeurtenis() -> None:
    assert plus(date(2026, 12, 11), 14, "dagen") == date(2026, 12, 25)
    assert plus(date(2028, 2, 20), 14, "dagen") == date(2028, 3, 5)  # leap year
    assert plus(date(2027, 2, 20), 14, "dagen") == date(2027, 3, 6)


def test_jaren_en_schrikkeldag() -> None:
    assert plus(date(2024, 6, 8), 2, "jaren") == date(2026, 6, 8)
    assert plus(date(2024, 2, 29), 2, "jaren") == date(2026, 2, 28)
    assert plus(date(2024, 2, 29), 4, "jaren") == date(2028, 2, 29)


def test_onbekende_eenheid_is_een_fout() -> None:
    with pytest.raises(ValueError, match="eenheid"):
        plus(date(2026, 1, 1), 1, "uren")


def test_leeftijd_op_de_verjaardag() -> None:
    assert leeftijd(date(2008, 5, 1), date(2026, 5, 1)) == 18
    assert leeftijd(date(2008, 5, 1), date(2026, 4, 30)) == 17
    assert leeftijd(date(2014, 1, 1), date(2026, 1, 1)) == 12  # antecedentenverklaring (WI 2026/11 §1.4.2)


def test_leeftijd_geboren_op_29_februari_conventie_28_februari() -> None:
    # project convention (nareis.kalender.rekenen.leeftijd): as the month-end rule of HR 1-9-2017
    assert leeftijd(date(2008, 2, 29), date(2026, 2, 27)) == 17
    assert leeftijd(date(2008, 2, 29), date(2026, 2, 28)) == 18
    assert leeftijd(date(2008, 2, 29), date(2028, 2, 28)) == 19  # leap year: the 29th exists
    assert leeftijd(date(2008, 2, 29), date(2028, 2, 29)) == 20
