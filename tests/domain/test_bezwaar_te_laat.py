"""DOMAIN.md §3.9, Awb 6:11: an objection received after the objection term is admissible only if
the lateness is excusable; the caseworker judges it (with a motivation) when recording it, while
the case is open. Not excusable: the objection can only be declared niet-ontvankelijk."""

from __future__ import annotations

from datetime import date

import pytest

from nareis import contract as m
from nareis import zaakstatus
from nareis.mogelijke_acties import mogelijke_acties
from nareis.zaak import Weigering, Zaak
from tests.domain.test_besluit import DAG, zaak_klaar

# granted on Friday 2026-07-31 (DAG): objection term + 4 weeks = Friday 2026-08-28 (Atw: a workday),
# lapsed on 2026-08-29; the mvv term (3 months) still runs, so the case is open
LAATSTE_DAG = date(2026, 8, 28)
TE_LAAT = date(2026, 9, 2)


def stuur(zaak: Zaak, naam: str, dag: date, **payload: object) -> None:
    zaak.pas_toe(m.lees(m.ACTIES[naam], {"op": dag.isoformat(), **payload}, vandaag=dag), dag)


def geweigerd(zaak: Zaak, naam: str, dag: date, **payload: object) -> Weigering:
    actie = m.lees(m.ACTIES[naam], {"op": dag.isoformat(), **payload}, vandaag=dag)
    with pytest.raises(Weigering) as fout:
        zaak.valideer(actie, dag)
    return fout.value


def ingewilligd_en_termijn_verstreken() -> Zaak:
    zaak = zaak_klaar(signalen=[])
    stuur(zaak, "besluiten", DAG, uitkomst="inwilliging")
    assert zaak.bezwaartermijn().einde == LAATSTE_DAG
    zaak.verwerk_tijd(TE_LAAT)
    assert zaak.bezwaar is not None and zaak.bezwaar.termijn_verstreken and not zaak.afgerond
    return zaak


def test_awb_6_11_op_de_laatste_dag_is_op_tijd_en_verschoonbaarheid_speelt_niet() -> None:
    zaak = zaak_klaar(signalen=[])
    stuur(zaak, "besluiten", DAG, uitkomst="inwilliging")
    fout = geweigerd(zaak, "bezwaar_ontvangen", LAATSTE_DAG, verschoonbaar=True, verschoonbaar_motivering="ziek")
    assert fout.veld == "verschoonbaar" and "op tijd" in str(fout)
    stuur(zaak, "bezwaar_ontvangen", LAATSTE_DAG)
    bezwaar = zaakstatus.status(zaak, LAATSTE_DAG).bezwaar
    assert bezwaar is not None and bezwaar.te_laat is False and bezwaar.verschoonbaar is None


def test_awb_6_11_te_laat_vraagt_een_oordeel_en_bij_verschoonbaar_een_motivering() -> None:
    zaak = ingewilligd_en_termijn_verstreken()
    fout = geweigerd(zaak, "bezwaar_ontvangen", TE_LAAT)
    assert fout.veld == "verschoonbaar" and "te laat" in str(fout) and "2026-08-28" in str(fout)
    assert "Awb 6:11" in str(fout)
    assert geweigerd(zaak, "bezwaar_ontvangen", TE_LAAT, verschoonbaar=True).veld == "verschoonbaar_motivering"
    assert "bezwaar_ontvangen" in mogelijke_acties(zaak, TE_LAAT)


def test_awb_6_11_te_laat_maar_verschoonbaar_wordt_behandeld() -> None:
    zaak = ingewilligd_en_termijn_verstreken()
    stuur(
        zaak, "bezwaar_ontvangen", TE_LAAT, verschoonbaar=True, verschoonbaar_motivering="opgenomen in het ziekenhuis"
    )
    toestand = zaakstatus.status(zaak, TE_LAAT)
    bezwaar = toestand.bezwaar
    assert bezwaar is not None and toestand.fase is m.Fase.BEZWAAR
    assert (bezwaar.te_laat, bezwaar.verschoonbaar) == (True, True)
    assert bezwaar.verschoonbaar_motivering == "opgenomen in het ziekenhuis"
    # the decision on objection: 19 weeks from the receipt 2026-09-02 = Wednesday 2027-01-13 (the
    # objection term had ended; no Atw: more than twelve weeks)
    assert bezwaar.beslissen_uiterlijk == date(2027, 1, 13)
    assert bezwaar.beslissen_uitleg is not None and "te late, verschoonbaar" in bezwaar.beslissen_uitleg.regel
    assert zaak.tijdlijn[-1].gegevens == {
        "te_laat": True,
        "verschoonbaar": True,
        "verschoonbaar_motivering": "opgenomen in het ziekenhuis",
    }
    stuur(zaak, "bezwaar_besluiten", date(2026, 10, 1), uitkomst="ongegrond")
    assert zaak.bezwaar is not None and zaak.bezwaar.uitkomst is m.BezwaarUitkomst.ONGEGROND


def test_awb_6_11_te_laat_en_niet_verschoonbaar_is_niet_ontvankelijk() -> None:
    zaak = ingewilligd_en_termijn_verstreken()
    stuur(zaak, "bezwaar_ontvangen", TE_LAAT, verschoonbaar=False)
    bezwaar = zaakstatus.status(zaak, TE_LAAT).bezwaar
    assert bezwaar is not None and (bezwaar.te_laat, bezwaar.verschoonbaar) == (True, False)
    assert "niet-ontvankelijk" in (zaakstatus.volgende_actie(zaak, TE_LAAT) or "")
    fout = geweigerd(zaak, "bezwaar_besluiten", TE_LAAT, uitkomst="ongegrond")
    assert fout.veld == "uitkomst" and "Awb 6:11" in str(fout)
    stuur(zaak, "bezwaar_besluiten", TE_LAAT, uitkomst="niet_ontvankelijk")
    assert zaak.bezwaar is not None and zaak.bezwaar.uitkomst is m.BezwaarUitkomst.NIET_ONTVANKELIJK


def test_oude_zaak_weigert_een_te_laat_bezwaar() -> None:
    zaak = ingewilligd_en_termijn_verstreken()
    zaak.bezwaar_te_laat_verschoonbaar = False  # a case opened before the patch bezwaar-te-laat-verschoonbaar
    fout = geweigerd(zaak, "bezwaar_ontvangen", TE_LAAT, verschoonbaar=True, verschoonbaar_motivering="ziek")
    assert fout.veld == "op" and "eindigde op 2026-08-28" in str(fout)
