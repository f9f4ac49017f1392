"""CONTRACT.md [2026-12] `termijnen` and `volgende_termijn`: every term of a case, running or not.
Dates worked out in the comments (the contract's example, received 2026-07-01)."""

from __future__ import annotations

from datetime import date, timedelta

from nareis import contract as m
from nareis import zaakstatus
from nareis.termijnoverzicht import termijnen, volgende_termijn
from tests.domain.test_zaak import ONTVANGEN, doe, open_zaak

S = m.TermijnSoort


def _per_soort(lijst: list[m.TermijnOverzicht]) -> dict[m.TermijnSoort, m.TermijnOverzicht]:
    return {t.soort: t for t in lijst}


def test_bij_ontvangst_loopt_alleen_de_beslistermijn_en_de_nareistermijn_is_gebruikt() -> None:
    # permit received 2026-06-01 (30 days before): nareistermijn ends 2026-09-01, filed in time
    zaak = open_zaak()
    lijst = _per_soort(termijnen(zaak, ONTVANGEN))
    assert lijst[S.NAREISTERMIJN].loopt is False and lijst[S.NAREISTERMIJN].verstreken is False
    assert lijst[S.BESLISTERMIJN].loopt is True and lijst[S.BESLISTERMIJN].einde == date(2027, 4, 1)
    assert volgende_termijn(list(lijst.values())) == m.VolgendeTermijn(soort=S.BESLISTERMIJN, einde=date(2027, 4, 1))


def test_een_hv_brief_loopt_voor_en_schort_de_beslistermijn_op() -> None:
    # HV sent 2026-07-01: reply by 2026-07-29 (4 weeks); the beslistermijn is suspended meanwhile
    zaak = open_zaak()
    doe(zaak, "hv_versturen", ONTVANGEN, reden="documenten")
    lijst = termijnen(zaak, ONTVANGEN)
    per = _per_soort(lijst)
    assert per[S.HV_REACTIE].loopt and per[S.HV_REACTIE].einde == date(2026, 7, 29)
    assert per[S.BESLISTERMIJN].opgeschort is True
    assert volgende_termijn(lijst) == m.VolgendeTermijn(soort=S.HV_REACTIE, einde=date(2026, 7, 29))
    # answered on 2026-07-10: the reply term no longer runs, and did not lapse
    doe(zaak, "hv_reactie_ontvangen", ONTVANGEN + timedelta(days=9))
    per = _per_soort(termijnen(zaak, ONTVANGEN + timedelta(days=9)))
    assert (per[S.HV_REACTIE].loopt, per[S.HV_REACTIE].verstreken) == (False, False)


def test_na_het_besluit_de_bezwaartermijn_en_de_ophaaltermijn() -> None:
    # granted 2026-07-04 (a Saturday): objection term 4 weeks, to 2026-08-01 (a Saturday) ->
    # Atw art. 1: Monday 2026-08-03; mvv collection 3 months, to 2026-10-04 (a Sunday) -> 2026-10-05
    zaak = open_zaak()
    dag = ONTVANGEN + timedelta(days=3)
    doe(zaak, "screening_uitslag", dag, signalen=[])
    doe(zaak, "besluiten", dag, uitkomst="inwilliging", gronden=[], afwijkingsreden="test")
    toestand = zaakstatus.status(zaak, dag)
    per = _per_soort(toestand.termijnen)
    assert per[S.BESLISTERMIJN].loopt is False and per[S.BESLISTERMIJN].verstreken is False
    assert per[S.BEZWAARTERMIJN].loopt and per[S.BEZWAARTERMIJN].einde == date(2026, 8, 3)
    assert per[S.MVV_OPHALEN].loopt and per[S.MVV_OPHALEN].einde == date(2026, 10, 5)
    assert toestand.volgende_termijn == m.VolgendeTermijn(soort=S.BEZWAARTERMIJN, einde=date(2026, 8, 3))
    assert toestand.aanvraag == zaak.aanvraag  # who the case is about


def test_een_ingetrokken_zaak_heeft_geen_lopende_termijn() -> None:
    zaak = open_zaak()
    doe(zaak, "intrekken", ONTVANGEN)
    lijst = termijnen(zaak, ONTVANGEN)
    assert lijst and not any(t.loopt for t in lijst)
    assert volgende_termijn(lijst) is None
