"""DOMAIN.md §3.4 (WI 2026/11 §5.8, Awb 4:5, art. 69 lid 1 Vw): no form within its term → buiten
behandeling on the day after the term's last day; it is open to objection, so the case waits out
the objection term in fase `bezwaar`."""

from __future__ import annotations

from datetime import date

from nareis import contract as m
from nareis import effecten as e
from nareis import zaakstatus
from tests.domain.test_zaak import doe, open_zaak

LAATSTE_DAG = date(2026, 7, 29)  # form HV sent 2026-07-01 + 4 weeks (no Atw: set by the IND)


def test_wi_5_8_buiten_behandeling_de_dag_na_de_formuliertermijn() -> None:
    zaak = open_zaak(vorm="brief")
    assert zaak.hv_termijn(zaak.herstel_verzuim[0]).einde == LAATSTE_DAG
    assert zaak.verwerk_tijd(LAATSTE_DAG) == []  # on the last day the form may still come
    met_formulier = zaak.model_copy(deep=True)
    doe(met_formulier, "formulier_ontvangen", LAATSTE_DAG)  # ... and is taken
    effecten = zaak.verwerk_tijd(date(2026, 7, 30))
    assert zaak.besluit is not None and zaak.besluit.uitkomst is m.BesluitUitkomst.BUITEN_BEHANDELING
    assert zaak.besluit.op == date(2026, 7, 30)
    brief = next(x for x in effecten if isinstance(x, e.BuitenBehandeling))
    # objection term: 2026-07-30 + 4 weeks = Thursday 2026-08-27 (a working day, Atw changes nothing)
    assert brief.op == date(2026, 7, 30) and brief.bezwaartermijn_einde == date(2026, 8, 27)
    assert not zaak.afgerond and zaak.fase() is m.Fase.BEZWAAR
    assert "bezwaar_ontvangen" in zaakstatus.status(zaak, date(2026, 7, 30)).mogelijke_acties
    zaak.verwerk_tijd(date(2026, 8, 27))
    assert not zaak.afgerond  # the last day of the objection term
    zaak.verwerk_tijd(date(2026, 8, 28))
    assert zaak.afgerond and zaak.fase() is m.Fase.AFGEROND


def test_wi_5_8_bezwaar_tegen_buiten_behandeling_wordt_ontvangen_en_beslist() -> None:
    zaak = open_zaak(vorm="brief")
    zaak.verwerk_tijd(date(2026, 7, 30))
    doe(zaak, "bezwaar_ontvangen", date(2026, 8, 10))
    assert zaak.fase() is m.Fase.BEZWAAR
    doe(zaak, "bezwaar_besluiten", date(2026, 9, 1), uitkomst="ongegrond")
    assert zaak.afgerond


def test_wi_5_8_zaken_van_voor_de_wijziging_sluiten_op_de_laatste_dag() -> None:
    zaak = open_zaak(vorm="brief")
    zaak.buiten_behandeling_bezwaar = False  # opened before the patch
    zaak.verwerk_tijd(date(2026, 7, 30))
    assert zaak.besluit is not None and zaak.besluit.op == LAATSTE_DAG and zaak.afgerond
