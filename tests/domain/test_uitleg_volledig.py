"""Issue #20 item 13: every date explains itself fully — each Atw shift names every skipped day and
why, a month-end clamp cites HR 1-9-2017, and the terms after the decision carry their derivation."""

from __future__ import annotations

from datetime import date

from nareis import contract as m
from nareis import zaakstatus
from nareis.beleid import beleid_op
from nareis.kalender import termijnen as t
from tests.domain.test_besluit import DAG, zaak_klaar

BELEID = beleid_op(date(2026, 7, 1))


def test_item_13_maandeinde_noemt_hr_2017() -> None:
    # mvv collection term from a grant on Monday 2026-11-30: + 3 months → 30 February 2027 does
    # not exist → Sunday 2027-02-28 (HR 1-9-2017); Atw art. 1 → Monday 2027-03-01
    termijn = t.mvv_ophaaltermijn(date(2026, 11, 30), False, BELEID)
    assert termijn.einde == date(2027, 3, 1)
    uitleg = termijn.uitleg
    assert uitleg.ruw_einde == date(2027, 2, 28)
    assert uitleg.rekenregel == (
        "30 februari 2027 bestaat niet: de laatste dag van die maand, 2027-02-28 (HR 1-9-2017, ECLI:NL:HR:2017:2225)"
    )
    assert "2026-11-30 + 3 maanden = 2027-02-28 (30 februari 2027 bestaat niet" in uitleg.stappen[1]
    assert uitleg.stappen[2] == "Atw art. 1: 2027-02-28 → 2027-03-01: 2027-02-28 zondag"


def test_item_13_geen_maandeinde_als_de_dag_bestaat() -> None:
    # 31 January + 3 months = 30 April is clamped; 15 January + 3 months = 15 April is not
    assert "HR 1-9-2017" in (t.mvv_ophaaltermijn(date(2027, 1, 31), False, BELEID).uitleg.rekenregel or "")
    assert t.mvv_ophaaltermijn(date(2027, 1, 15), False, BELEID).uitleg.rekenregel is None
    # weeks never clamp
    assert t.bezwaartermijn(date(2027, 1, 31), BELEID).uitleg.rekenregel is None


def test_item_13_verlenging_op_het_maandeinde_noemt_hr_2017() -> None:
    # collected term extended once (3 months on the raw end): 2026-11-30 → 2027-02-28 → 2027-05-28
    termijn = t.mvv_ophaaltermijn(date(2026, 11, 30), True, BELEID)
    assert termijn.uitleg.verlenging is not None and termijn.uitleg.verlenging.naar == date(2027, 5, 28)
    assert "30 februari 2027 bestaat niet" in (termijn.uitleg.rekenregel or "")


def test_item_13_de_geldigheid_van_de_mvv_heeft_haar_afleiding() -> None:
    zaak = zaak_klaar(signalen=[])
    zaak.pas_toe(m.lees(m.Besluiten, {"op": DAG.isoformat(), "uitkomst": "inwilliging"}, vandaag=DAG), DAG)
    opgehaald = date(2026, 8, 10)
    zaak.pas_toe(m.lees(m.MvvOpgehaald, {"op": opgehaald.isoformat()}, vandaag=opgehaald), opgehaald)
    mvv = zaakstatus.status(zaak, opgehaald).mvv
    # valid 90 days, the day of collection is day 1: 2026-08-10 + 89 days = 2026-11-07
    assert mvv is not None and mvv.geldig_tot == date(2026, 11, 7)
    assert mvv.geldig_uitleg is not None and mvv.geldig_uitleg.einde == date(2026, 11, 7)
