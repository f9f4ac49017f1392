"""Properties of the legal clock (issue 4), checked by hypothesis over 2024-2030."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from nareis.beleid import Beleid, beleid_op
from nareis.kalender import atw, is_werkdag, plus
from nareis.kalender import termijnen as t
from nareis.kalender.opschorting import Opschorting

BELEID = beleid_op(date(2026, 7, 1))
dagen = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))

#: the terms the Atw shifts (DOMAIN.md §3.0 table): name → (function, raw end)
MET_ATW: dict[str, tuple[Callable[[date, Beleid], t.Termijn], Callable[[date], date]]] = {
    "mvv_ophalen": (lambda d, b: t.mvv_ophaaltermijn(d, False, b), lambda d: plus(d, 3, "maanden")),
    "bezwaar": (t.bezwaartermijn, lambda d: d + timedelta(weeks=4)),
    "ingebrekestelling": (lambda d, b: t.ingebrekestelling(d, b).termijn, lambda d: d + timedelta(weeks=2)),
}

#: the terms it does not shift
ZONDER_ATW: dict[str, tuple[Callable[[date, Beleid], t.Termijn], Callable[[date], date]]] = {
    "herstel_verzuim": (t.hv_reactietermijn, lambda d: d + timedelta(weeks=4)),
    "formulier": (t.formuliertermijn, lambda d: d + timedelta(weeks=4)),
    # DOMAIN.md §3.8: 3 months on the unshifted end (29 Nov → 28 Feb → 28 May, not 29 May)
    "mvv_verlengd": (
        lambda d, b: t.mvv_ophaaltermijn(d, True, b),
        lambda d: plus(plus(d, 3, "maanden"), 3, "maanden"),
    ),
    "mvv_geldigheid": (t.mvv_geldigheid, lambda d: d + timedelta(days=89)),
    "beslissen_op_bezwaar": (t.beslistermijn_bezwaar, lambda d: d + timedelta(weeks=19)),
}


def _eerste_werkdag_vanaf(dag: date) -> date:
    while not is_werkdag(dag, BELEID):
        dag += timedelta(days=1)
    return dag


@given(start=dagen, naam=st.sampled_from(sorted(MET_ATW)))
def test_eigenschap_atw_termijn_eindigt_op_een_werkdag_niet_eerder_dan_ruw(start: date, naam: str) -> None:
    functie, ruw = MET_ATW[naam]
    termijn = functie(start, BELEID)
    assert termijn.uitleg.ruw_einde == ruw(start)
    assert termijn.einde >= termijn.uitleg.ruw_einde
    assert is_werkdag(termijn.einde, BELEID)
    # and no later than needed: the first working day from the raw end (art. 2 never bites for terms this long)
    assert termijn.einde == _eerste_werkdag_vanaf(termijn.uitleg.ruw_einde)
    assert (termijn.einde != termijn.uitleg.ruw_einde) == bool(termijn.uitleg.verschuivingen)


@given(start=dagen, naam=st.sampled_from(sorted(ZONDER_ATW)))
def test_eigenschap_termijn_zonder_atw_blijft_op_het_ruwe_einde(start: date, naam: str) -> None:
    functie, ruw = ZONDER_ATW[naam]
    termijn = functie(start, BELEID)
    assert termijn.einde == ruw(start)
    assert not termijn.uitleg.atw_van_toepassing and termijn.uitleg.verschuivingen == ()


@given(start=dagen, lengte=st.integers(min_value=0, max_value=90))
def test_eigenschap_verschuif_art1_en_art2(start: date, lengte: int) -> None:
    ruw = start + timedelta(days=lengte)
    einde, verschuivingen = atw.verschuif(start, ruw, BELEID)
    assert einde >= ruw
    assert is_werkdag(einde, BELEID)
    werkdagen = [start + timedelta(days=i) for i in range(1, (einde - start).days + 1)]
    werkdagen = [d for d in werkdagen if is_werkdag(d, BELEID)]
    if lengte >= 3:
        assert len(werkdagen) >= 2  # art. 2
        # minimal: the end is the first working day from the raw end, or the second working day of the term
        assert einde in (_eerste_werkdag_vanaf(ruw), werkdagen[1])
    else:
        assert einde == _eerste_werkdag_vanaf(ruw)
    # each shift starts where the previous one ended
    vorige = ruw
    for verschuiving in verschuivingen:
        assert verschuiving.van == vorige and verschuiving.naar > verschuiving.van
        vorige = verschuiving.naar
    assert vorige == einde


@given(start=dagen, maanden=st.integers(min_value=1, max_value=24))
def test_eigenschap_hr_2017_maandtermijn(start: date, maanden: int) -> None:
    einde = plus(start, maanden, "maanden")
    jaar, maand = divmod(start.month - 1 + maanden, 12)
    assert (einde.year, einde.month) == (start.year + jaar, maand + 1)
    assert einde.day == min(start.day, calendar.monthrange(einde.year, einde.month)[1])


@given(
    start=st.dates(min_value=date(2025, 3, 28), max_value=date(2029, 12, 31)),
    perioden=st.lists(st.tuples(st.integers(0, 250), st.integers(0, 60)), max_size=5),
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
        beleid=beleid_op(start),
    )
    # every period starts before the unsuspended 9-month end (≥ 273 days), so the union of their days counts
    geteld: set[date] = set()
    for o in ledger:
        assert o.tot is not None
        geteld |= {o.van + timedelta(days=i) for i in range(1, (o.tot - o.van).days + 1)}
    assert termijn.opgeschorte_dagen == len(geteld) == sum(r.dagen for r in termijn.uitleg.opschortingen)
    assert termijn.einde == plus(start, 9, "maanden") + timedelta(days=len(geteld))


@settings(max_examples=150)
@given(
    start=st.dates(min_value=date(2025, 3, 28), max_value=date(2029, 12, 31)),
    perioden=st.lists(st.tuples(st.integers(0, 400), st.integers(0, 60)), max_size=4),
    extra=st.tuples(st.integers(0, 400), st.integers(0, 60)),
)
def test_eigenschap_een_opschorting_erbij_maakt_het_einde_nooit_eerder_en_volgt_kan_opschorten(
    start: date, perioden: list[tuple[int, int]], extra: tuple[int, int]
) -> None:
    def ledger(paren: list[tuple[int, int]]) -> list[Opschorting]:
        return [
            Opschorting(grond=f"g{i}", van=start + timedelta(days=a), tot=start + timedelta(days=a + d), bron="x")
            for i, (a, d) in enumerate(paren)
        ]

    def bereken(paren: list[tuple[int, int]], peildatum: date) -> t.Beslistermijn:
        return t.beslistermijn(
            start,
            aanvraag_ontvangen_op=start,
            opschortingen=ledger(paren),
            verlengd_op=None,
            peildatum=peildatum,
            beleid=beleid_op(start),
        )

    # the extra suspension starts after all others have ended: it adds exactly its days when
    # kan_opschorten says so on its start, and nothing otherwise
    laatste = max([a + d for a, d in perioden], default=0)
    nieuw = (max(extra[0], laatste + 1), extra[1])
    van = start + timedelta(days=nieuw[0])
    voor = bereken(perioden, van)
    na = bereken([*perioden, nieuw], van + timedelta(days=nieuw[1]))
    assert na.einde >= voor.einde
    telt = voor.kan_opschorten(van)
    assert na.opgeschorte_dagen == voor.opgeschorte_dagen + (nieuw[1] if telt else 0)
    assert na.einde == voor.einde + timedelta(days=nieuw[1] if telt else 0)


# received in 2024 early enough that even 40 suspended days leave the old term expired before 28 March 2025
@given(start=st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 11, 15)), lengte=st.integers(0, 40))
def test_eigenschap_oude_regeling_met_opschorting_eindigt_op_een_werkdag(start: date, lengte: int) -> None:
    hv = Opschorting(grond="hv", van=start + timedelta(days=5), tot=start + timedelta(days=5 + lengte), bron="x")
    termijn = t.beslistermijn(
        start,
        aanvraag_ontvangen_op=start,
        opschortingen=[hv],
        verlengd_op=None,
        peildatum=start + timedelta(days=200),
        beleid=beleid_op(start),
    )
    assert termijn.oud_regime
    assert termijn.einde >= termijn.ruw_einde + timedelta(days=lengte)
    assert is_werkdag(termijn.einde, beleid_op(start))
    assert termijn.einde == _eerste_werkdag_vanaf(termijn.ruw_einde + timedelta(days=lengte))


@settings(max_examples=150)
@given(
    start=st.dates(min_value=date(2024, 6, 1), max_value=date(2029, 12, 31)),
    perioden=st.lists(st.tuples(st.integers(0, 300), st.integers(0, 40), st.booleans()), max_size=4),
    verlenging=st.one_of(st.none(), st.integers(0, 250)),
    peil=st.integers(0, 500),
)
def test_eigenschap_uitleg_is_met_de_hand_na_te_rekenen(
    start: date, perioden: list[tuple[int, int, bool]], verlenging: int | None, peil: int
) -> None:
    """Issue 4 §5: from the explanation alone a reader arrives at the same end date."""
    peildatum = start + timedelta(days=peil)
    ledger = [
        Opschorting(
            grond=f"g{i}",
            van=start + timedelta(days=a),
            tot=None if (lopend and start + timedelta(days=a) <= peildatum) else start + timedelta(days=a + d),
            bron="x",
        )
        for i, (a, d, lopend) in enumerate(perioden)
    ]
    termijn = t.beslistermijn(
        start,
        aanvraag_ontvangen_op=start,
        opschortingen=ledger,
        verlengd_op=None if verlenging is None else start + timedelta(days=verlenging),
        peildatum=peildatum,
        beleid=beleid_op(start),
    )
    uitleg = termijn.uitleg
    assert sum(r.dagen for r in uitleg.opschortingen) == uitleg.opgeschorte_dagen == termijn.opgeschorte_dagen
    basis = (uitleg.verlenging.naar if uitleg.verlenging else uitleg.ruw_einde) + timedelta(
        days=uitleg.opgeschorte_dagen
    )
    if uitleg.verschuivingen:
        assert uitleg.atw_van_toepassing
        assert uitleg.verschuivingen[0].van == basis and uitleg.verschuivingen[-1].naar == uitleg.einde
    else:
        assert uitleg.einde == basis
    assert uitleg.einde == termijn.einde and uitleg.start == start
    if uitleg.atw_van_toepassing:
        assert is_werkdag(termijn.einde, beleid_op(start))
    assert termijn.verstreken == (not termijn.opgeschort and peildatum > termijn.einde)
