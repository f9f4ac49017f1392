"""The suspension ledger of the beslistermijn (Awb 4:15; DOMAIN.md §3.0, §3.3; WI 2026/11 §1.3)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from nareis.beleid import beleid_op
from nareis.kalender import termijnen as t
from nareis.kalender.opschorting import Opschorting

START = date(2026, 7, 1)  # 9 months → 1 April 2027


def _o(grond: str, van: date, tot: date | None) -> Opschorting:
    return Opschorting(grond=grond, van=van, tot=tot, bron=f"bron {grond}")


def _bt(opschortingen: list[Opschorting], peildatum: date, start: date = START, **kw: Any) -> t.Beslistermijn:
    return t.beslistermijn(
        start,
        aanvraag_ontvangen_op=kw.pop("aanvraag_ontvangen_op", start),
        opschortingen=opschortingen,
        verlengd_op=kw.pop("verlengd_op", None),
        peildatum=peildatum,
        beleid=beleid_op(start),
    )


def test_awb_4_15_hv_brief_telt_de_dagen_na_verzending_tot_en_met_ontvangst() -> None:
    termijn = _bt([_o("herstel_verzuim", date(2026, 7, 10), date(2026, 7, 24))], date(2026, 8, 1))
    assert termijn.opgeschorte_dagen == 14 and termijn.einde == date(2027, 4, 15)
    [regel] = termijn.uitleg.opschortingen
    assert (regel.van, regel.tot, regel.dagen) == (date(2026, 7, 10), date(2026, 7, 24), 14)
    assert "2027-04-01 + 14 opgeschorte dagen = 2027-04-15" in termijn.uitleg.stappen


def test_awb_4_15_overlappende_opschortingen_tellen_elke_dag_eenmaal() -> None:
    termijn = _bt(
        [
            _o("herstel_verzuim", date(2026, 7, 1), date(2026, 7, 11)),  # days 2..11
            _o("overmacht", date(2026, 7, 6), date(2026, 7, 21)),  # days 7..21, of which 7..11 already counted
        ],
        date(2026, 8, 1),
    )
    assert termijn.opgeschorte_dagen == 20 and termijn.einde == date(2027, 4, 21)
    assert [r.dagen for r in termijn.uitleg.opschortingen] == [10, 10]
    assert "5 dagen vielen al in een eerdere opschorting" in termijn.uitleg.opschortingen[1].grond


def test_awb_4_15_opschorting_binnen_een_andere_telt_niets_extra() -> None:
    termijn = _bt(
        [
            _o("buitenlandse_autoriteit", date(2026, 8, 1), date(2026, 9, 30)),
            _o("herstel_verzuim", date(2026, 8, 10), date(2026, 8, 20)),
        ],
        date(2026, 10, 1),
    )
    assert termijn.opgeschorte_dagen == 60
    assert [r.dagen for r in termijn.uitleg.opschortingen] == [60, 0]


def test_awb_4_15_volgorde_van_invoer_doet_er_niet_toe() -> None:
    a = _o("overmacht", date(2026, 9, 1), date(2026, 9, 11))
    b = _o("herstel_verzuim", date(2026, 7, 1), date(2026, 7, 29))
    assert _bt([a, b], date(2026, 10, 1)) == _bt([b, a], date(2026, 10, 1))


def test_wi_1_3_geen_opschorting_na_verstrijken() -> None:
    termijn = _bt([_o("herstel_verzuim", date(2027, 4, 2), date(2027, 4, 20))], date(2027, 5, 1))
    assert termijn.opgeschorte_dagen == 0 and termijn.verstreken and termijn.einde == date(2027, 4, 1)
    [regel] = termijn.uitleg.opschortingen
    assert regel.dagen == 0 and "al verstreken" in regel.grond
    assert any("niet geteld" in stap for stap in termijn.uitleg.stappen)


def test_wi_1_3_opschorting_op_de_laatste_dag_telt_nog() -> None:
    termijn = _bt([_o("herstel_verzuim", date(2027, 4, 1), date(2027, 4, 11))], date(2027, 5, 1))
    assert termijn.opgeschorte_dagen == 10 and termijn.einde == date(2027, 4, 11)


def test_wi_1_3_latere_opschorting_telt_tegen_het_einde_zoals_het_toen_stond() -> None:
    # the first suspension moves the end to 11 April 2027; a second one sent on 5 April still counts
    termijn = _bt(
        [
            _o("herstel_verzuim", date(2026, 7, 1), date(2026, 7, 11)),
            _o("overmacht", date(2027, 4, 5), date(2027, 4, 10)),
        ],
        date(2027, 5, 1),
    )
    assert termijn.opgeschorte_dagen == 15 and termijn.einde == date(2027, 4, 16)


def test_wi_1_3_kan_opschorten() -> None:
    termijn = _bt([], date(2027, 4, 5))
    assert termijn.kan_opschorten(date(2027, 4, 1)) and not termijn.kan_opschorten(date(2027, 4, 2))
    lopend = _bt([_o("herstel_verzuim", date(2027, 3, 20), None)], date(2027, 4, 5))
    assert lopend.opgeschort and lopend.kan_opschorten(date(2027, 4, 5))


def test_awb_4_15_lopende_opschorting_telt_tot_en_met_de_peildatum() -> None:
    termijn = _bt([_o("herstel_verzuim", date(2026, 7, 1), None)], date(2026, 7, 10))
    assert termijn.opgeschort and termijn.opgeschorte_dagen == 9 and not termijn.verstreken
    assert termijn.einde == date(2027, 4, 10)
    assert termijn.uitleg.opschortingen[0].tot is None
    assert any("loopt nog" in stap for stap in termijn.uitleg.stappen)
    # a running suspension keeps the term from expiring, even past the end as it stood
    laat = _bt([_o("herstel_verzuim", date(2027, 3, 30), None)], date(2027, 6, 1))
    assert laat.opgeschort and not laat.verstreken and laat.einde == date(2027, 6, 3)


def test_awb_4_15_dagen_voor_de_start_tellen_niet() -> None:
    termijn = _bt([_o("herstel_verzuim", date(2026, 6, 20), date(2026, 7, 5))], date(2026, 8, 1))
    assert termijn.opgeschorte_dagen == 4  # 2..5 July


def test_opschorting_tot_voor_van_is_ongeldig() -> None:
    with pytest.raises(ValidationError, match="tot"):
        _o("overmacht", date(2026, 7, 10), date(2026, 7, 9))
    assert _o("overmacht", date(2026, 7, 10), date(2026, 7, 10)).tot == date(2026, 7, 10)  # 0 days


def test_wi_1_2_verlenging_op_het_ruwe_einde_opgeschorte_dagen_erbovenop() -> None:
    termijn = _bt(
        [_o("herstel_verzuim", date(2026, 7, 1), date(2026, 7, 11))],
        date(2026, 9, 1),
        verlengd_op=date(2026, 9, 1),
    )
    assert termijn.verlengd and termijn.einde == date(2027, 7, 11)  # 1 April + 3 months + 10 days
    assert termijn.uitleg.verlenging is not None
    assert (termijn.uitleg.verlenging.van, termijn.uitleg.verlenging.naar) == (date(2027, 4, 1), date(2027, 7, 1))
    assert termijn.einde_zonder_verlenging == date(2027, 4, 11)


def test_wi_1_2_opschorting_na_het_oude_einde_telt_als_de_verlenging_er_toen_al_was() -> None:
    hv = _o("herstel_verzuim", date(2027, 5, 1), date(2027, 5, 15))
    verlengd_eerst = _bt([hv], date(2027, 6, 1), verlengd_op=date(2027, 3, 1))
    assert verlengd_eerst.opgeschorte_dagen == 14 and verlengd_eerst.einde == date(2027, 7, 15)
    # an extension recorded after the letter does not rescue a letter sent after the term expired
    verlengd_later = _bt([hv], date(2027, 6, 1), verlengd_op=date(2027, 5, 20))
    assert verlengd_later.opgeschorte_dagen == 0 and verlengd_later.einde == date(2027, 7, 1)
    assert not verlengd_later.kan_opschorten(date(2027, 5, 1))
    assert verlengd_later.kan_opschorten(date(2027, 5, 25))


def test_oude_regeling_einde_zoals_het_stond_met_de_atw() -> None:
    # old regime: received 2024-09-26, raw end Christmas Day 2024, legal end Monday 30 December
    # (Boxing Day, the designated Friday 27 December, the weekend: Atw art. 1, 3)
    start = date(2024, 9, 26)
    telt = _bt([_o("herstel_verzuim", date(2024, 12, 27), date(2025, 1, 6))], date(2025, 2, 1), start=start)
    assert telt.oud_regime and telt.opgeschorte_dagen == 10
    assert telt.einde == date(2025, 1, 6)  # 25 Dec + 10 days = Saturday 4 January → Monday 6 January
    telt_niet = _bt([_o("herstel_verzuim", date(2024, 12, 31), date(2025, 1, 6))], date(2025, 2, 1), start=start)
    assert telt_niet.opgeschorte_dagen == 0 and telt_niet.einde == date(2024, 12, 30)
