"""DOMAIN.md §3.0 (Awb 4:17, 6:2(b), 6:12): a notice of default can follow every decision term the
IND let lapse — the beslistermijn and the term for the decision on objection; `ingebrekestellingen`
lists them all with `tegen`, `ingebrekestelling` stays the latest."""

from __future__ import annotations

from datetime import date

import pytest

from nareis import contract as m
from nareis import zaakstatus
from nareis.zaak import Weigering, Zaak
from tests.domain.test_zaak import ONTVANGEN, beslis, doe, open_zaak


def verder(zaak: Zaak, dag: date, naam: str, **payload: object) -> None:
    zaak.verwerk_tijd(dag)
    doe(zaak, naam, dag, **payload)


def weiger(zaak: Zaak, dag: date, naam: str) -> str:
    zaak.verwerk_tijd(dag)
    actie = m.lees(m.ACTIES[naam], {"op": dag.isoformat()}, vandaag=dag)
    with pytest.raises(Weigering) as fout:
        zaak.valideer(actie, dag)
    return str(fout.value)


def test_dossier_3_0_ingebrekestelling_tegen_beslistermijn_en_tegen_beslissing_op_bezwaar() -> None:
    zaak = open_zaak()  # received 2026-07-01: 9 months → beslistermijn ends 2027-04-01
    assert "pas na het verstrijken van de beslistermijn" in weiger(
        zaak, date(2027, 4, 1), "ingebrekestelling_ontvangen"
    )
    verder(zaak, date(2027, 4, 2), "ingebrekestelling_ontvangen")  # the day after the last day
    assert "al een ingebrekestelling" in weiger(zaak, date(2027, 4, 3), "ingebrekestelling_ontvangen")
    verder(zaak, date(2027, 4, 9), "screening_uitslag", signalen=[])
    zaak.verwerk_tijd(date(2027, 4, 9))
    beslis(
        zaak,
        date(2027, 4, 9),
        uitkomst="afwijzing",
        gronden=["IDENTITEIT"],
        motivering={"IDENTITEIT": "niet aannemelijk"},
    )
    # objection term: 2027-04-09 + 4 weeks = Friday 2027-05-07 (designated day, Stcrt. 2025, 24713)
    # → weekend → Monday 2027-05-10 (Atw); the decision on objection: + 19 weeks = Monday 2027-09-20
    assert zaak.bezwaartermijn().einde == date(2027, 5, 10)
    verder(zaak, date(2027, 4, 20), "bezwaar_ontvangen")
    assert zaak.beslistermijn_bezwaar().einde == date(2027, 9, 20)
    melding = weiger(zaak, date(2027, 9, 20), "ingebrekestelling_ontvangen")
    assert "beslissing op bezwaar (loopt tot 2027-09-20" in melding
    verder(zaak, date(2027, 9, 21), "ingebrekestelling_ontvangen")
    assert zaak.bezwaar is not None and zaak.bezwaar.beslistermijn_verstreken
    toestand = zaakstatus.status(zaak, date(2027, 9, 21))
    assert [(i.ontvangen_op, i.tegen) for i in toestand.ingebrekestellingen] == [
        (date(2027, 4, 2), m.IngebrekestellingTegen.BESLISTERMIJN),
        (date(2027, 9, 21), m.IngebrekestellingTegen.BESLISSING_OP_BEZWAAR),
    ]
    laatste = toestand.ingebrekestelling
    assert laatste is not None and laatste.tegen is m.IngebrekestellingTegen.BESLISSING_OP_BEZWAAR
    # 2027-09-21 + 2 weeks = Tuesday 2027-10-05 (a working day); appeal possible from 2027-10-06
    assert (laatste.termijn_einde, laatste.beroep_mogelijk_vanaf) == (date(2027, 10, 5), date(2027, 10, 6))
    zaak.verwerk_tijd(date(2027, 10, 6))
    beroep = [g for g in zaak.tijdlijn if g.gebeurtenis == "beroep_niet_tijdig_beslissen_mogelijk"]
    assert [g.gegevens.get("tegen", "beslistermijn") for g in beroep] == ["beslistermijn", "beslissing_op_bezwaar"]
    assert "al een ingebrekestelling" in weiger(zaak, date(2027, 10, 7), "ingebrekestelling_ontvangen")


def test_dossier_3_0_geen_ingebrekestelling_na_een_besluit_zonder_bezwaar() -> None:
    zaak = open_zaak()
    doe(zaak, "screening_uitslag", ONTVANGEN, signalen=[])
    beslis(zaak, ONTVANGEN, uitkomst="afwijzing", gronden=["IDENTITEIT"], motivering={"IDENTITEIT": "x"})
    assert "er wacht geen bezwaar" in weiger(zaak, ONTVANGEN, "ingebrekestelling_ontvangen")


def test_dossier_3_0_een_oude_zaak_met_een_ingebrekestelling_leest_die_als_de_eerste() -> None:
    zaak = open_zaak()
    verder(zaak, date(2027, 4, 2), "ingebrekestelling_ontvangen")
    oud = zaak.model_dump(mode="json")
    del oud["ingebrekestellingen"]
    del oud["ingebrekestelling"]["tegen"]
    gelezen = Zaak.model_validate(oud)
    assert [i.tegen for i in gelezen.alle_ingebrekestellingen()] == [m.IngebrekestellingTegen.BESLISTERMIJN]
