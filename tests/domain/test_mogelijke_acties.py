"""CONTRACT.md [2026-12] `mogelijke_acties`: exactly the actions the case's validators accept in
some form, from the domain itself (nareis/mogelijke_acties.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from nareis import contract as m
from nareis import zaakstatus
from nareis.mogelijke_acties import mogelijke_acties
from nareis.toetsing import Advies
from nareis.zaak import Zaak
from tests.domain.test_zaak import ONTVANGEN, doe, open_zaak


def test_een_formulierzaak_krijgt_geen_formulier_ontvangen_en_wel_hv() -> None:
    zaak = open_zaak()
    acties = mogelijke_acties(zaak, ONTVANGEN)
    assert "formulier_ontvangen" not in acties  # filed with the form
    assert {"hv_versturen", "screening_uitslag", "besluiten", "feiten_vastleggen", "intrekken"} <= set(acties)
    assert "hv_reactie_ontvangen" not in acties  # no HV letter waits for an answer
    assert not {"mvv_opgehaald", "bezwaar_ontvangen", "bezwaar_besluiten"} & set(acties)


def test_een_briefzaak_krijgt_formulier_ontvangen_en_geen_verlenging() -> None:
    zaak = open_zaak(vorm="brief")
    acties = mogelijke_acties(zaak, ONTVANGEN)
    assert "formulier_ontvangen" in acties
    assert "termijn_verlengen" not in acties  # the beslistermijn does not run yet
    assert "besluiten" not in acties  # WI 2026/11 §5.8: not before the form


def test_na_het_besluit_alleen_wat_dan_kan() -> None:
    zaak = open_zaak()
    dag = ONTVANGEN + timedelta(days=3)
    doe(zaak, "screening_uitslag", dag, signalen=[])
    doe(zaak, "besluiten", dag, uitkomst="inwilliging", gronden=[], afwijkingsreden="test")
    acties = set(mogelijke_acties(zaak, dag))
    assert {"mvv_opgehaald", "mvv_verlengen", "bezwaar_ontvangen"} <= acties
    assert not {"besluiten", "hv_versturen", "termijn_verlengen", "formulier_ontvangen"} & acties


def test_status_toont_de_mogelijke_acties_in_contractvolgorde() -> None:
    for zaak, dag in _zaken():
        acties = mogelijke_acties(zaak, dag)
        assert zaakstatus.status(zaak, dag).mogelijke_acties == acties
        assert acties == [naam for naam in m.ACTIES if naam in acties]  # contract order


def _zaken() -> list[tuple[Zaak, date]]:
    zaken = [(open_zaak(), ONTVANGEN), (open_zaak(vorm="brief"), ONTVANGEN)]
    afgerond = open_zaak()
    doe(afgerond, "intrekken", ONTVANGEN)
    assert mogelijke_acties(afgerond, ONTVANGEN) == []
    return [*zaken, (afgerond, ONTVANGEN)]


def test_binnen_alleen_lezen_wordt_het_advies_eenmaal_per_dag_berekend(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue #18: the status and every decision its validators try share one advice per date;
    outside the block, and after it, each question gets a fresh one (the case may have changed)."""
    zaak = open_zaak()
    berekend: list[date] = []
    echt = Zaak._adviseer

    def tellend(self: Zaak, vandaag: date) -> Advies:
        berekend.append(vandaag)
        return echt(self, vandaag)

    monkeypatch.setattr(Zaak, "_adviseer", tellend)
    zaakstatus.status(zaak, ONTVANGEN)
    assert berekend == [ONTVANGEN]
    with zaak.alleen_lezen():
        eerste = zaak.advies(ONTVANGEN)
        assert zaak.advies(ONTVANGEN) is eerste
        zaak.advies(ONTVANGEN + timedelta(days=1))
    assert berekend == [ONTVANGEN, ONTVANGEN, ONTVANGEN + timedelta(days=1)]
    zaak.advies(ONTVANGEN)
    zaak.advies(ONTVANGEN)
    assert len(berekend) == 5


def test_het_advies_volgt_de_zaak_na_een_blok_alleen_lezen() -> None:
    zaak = open_zaak()
    dag = ONTVANGEN + timedelta(days=3)
    voor = zaakstatus.status(zaak, dag)
    doe(zaak, "feiten_vastleggen", dag, feiten={"identiteit_aannemelijk": False})
    na = zaakstatus.status(zaak, dag)
    assert na.advies != voor.advies
    assert na.advies == list(zaak.advies(dag).regels)
