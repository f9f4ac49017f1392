"""DOMAIN.md §3.7 vier ogen: where policy asks for it (`vier_ogen` in beleid.toml: every rejection),
a decision is a proposal until a second person with the right role approves it. A proposal starts
no term and sends no letter; approval takes effect on the approval day; a refusal withdraws it."""

from __future__ import annotations

from datetime import date

import pytest

from nareis import contract as m
from nareis import effecten as e
from nareis import zaakstatus
from nareis.beleid import BELEID_VERSIES
from nareis.effecten import Effect
from nareis.mogelijke_acties import mogelijke_acties
from nareis.zaak import Weigering, Zaak
from tests.domain.test_besluit import DAG, zaak_klaar

# DAG is Friday 2026-07-31; the approval comes on Monday 2026-08-03
ACCORDEERDAG = date(2026, 8, 3)
AFWIJZING = {"uitkomst": "afwijzing", "gronden": ["IDENTITEIT"], "motivering": {"IDENTITEIT": "paspoort vals"}}


def stuur(zaak: Zaak, naam: str, dag: date, **payload: object) -> list[Effect]:
    actie = m.lees(m.ACTIES[naam], {"op": dag.isoformat(), **payload}, vandaag=dag)
    return zaak.pas_toe(actie, dag)


def geweigerd(zaak: Zaak, naam: str, dag: date, **payload: object) -> Weigering:
    actie = m.lees(m.ACTIES[naam], {"op": dag.isoformat(), **payload}, vandaag=dag)
    with pytest.raises(Weigering) as fout:
        zaak.valideer(actie, dag)
    return fout.value


def voorgesteld() -> Zaak:
    zaak = zaak_klaar(signalen=[])
    assert stuur(zaak, "besluiten", DAG, door="b.jansen", **AFWIJZING) == []  # no letter, no step
    return zaak


def test_dossier_3_7_het_beleid_noemt_welke_besluiten_vier_ogen_vragen_met_bron() -> None:
    for beleid in BELEID_VERSIES:
        vier_ogen = beleid.vier_ogen
        assert vier_ogen.besluiten.bron and vier_ogen.rollen.bron
        assert vier_ogen.vraagt_accordering("afwijzing", False)
        assert not vier_ogen.vraagt_accordering("inwilliging", False)
        assert vier_ogen.rollen.waarde == ["teamleider"]


def test_dossier_3_7_een_afwijzing_is_een_voorstel_dat_niets_in_gang_zet() -> None:
    zaak = voorgesteld()
    termijn_voor = zaak.beslistermijn(DAG)
    assert zaak.besluit is None and zaak.bezwaar is None and zaak.mvv is None
    assert zaak.fase() is m.Fase.BEOORDELING
    assert zaak.beslistermijn(DAG) == termijn_voor  # the beslistermijn runs on
    toestand = zaakstatus.status(zaak, DAG)
    assert toestand.besluit is not None and toestand.besluit.voorgesteld is True
    assert toestand.besluit.uitkomst is m.BesluitUitkomst.AFWIJZING
    assert toestand.besluiten == []  # no decision yet
    assert toestand.bezwaar is None
    voorstel = toestand.voorstel
    assert voorstel is not None
    assert (voorstel.voorgesteld_door, voorstel.voorgesteld_op) == ("b.jansen", DAG)
    assert voorstel.motivering == {m.Grond.IDENTITEIT: "paspoort vals"}
    assert voorstel.accorderen_door == ["teamleider"]
    # approved today (2026-07-31): objection term 4 weeks → Friday 2026-08-28
    assert any("bezwaartermijn start" in g and "28 augustus 2026" in g for g in voorstel.bij_accorderen)
    assert any("beslistermijn" in g and "stopt" in g for g in voorstel.bij_accorderen)
    assert "besluit accorderen (teamleider, niet b.jansen)" in (toestand.volgende_actie or "")
    assert zaak.tijdlijn[-1].gebeurtenis == "besluiten" and zaak.tijdlijn[-1].gegevens["voorgesteld"] is True
    assert "besluit_accorderen" in toestand.mogelijke_acties and "besluiten" not in toestand.mogelijke_acties


def test_dossier_3_7_een_tweede_voorstel_wacht_op_het_eerste() -> None:
    zaak = voorgesteld()
    fout = geweigerd(zaak, "besluiten", DAG, door="c.de_vries", **AFWIJZING)
    assert "er wacht al een voorgesteld besluit" in str(fout) and "vier ogen" in str(fout)


def test_dossier_3_7_de_voorsteller_kan_niet_zelf_accorderen() -> None:
    zaak = voorgesteld()
    fout = geweigerd(zaak, "besluit_accorderen", ACCORDEERDAG, akkoord=True, door="b.jansen")
    assert fout.veld == "door" and "zelf voor" in str(fout) and "vier ogen" in str(fout)
    fout = geweigerd(zaak, "besluit_accorderen", ACCORDEERDAG, akkoord=True)
    assert fout.veld == "door"  # who approves must be known


def test_dossier_3_7_accorderen_neemt_het_besluit_op_de_accordeerdag() -> None:
    zaak = voorgesteld()
    effecten = stuur(zaak, "besluit_accorderen", ACCORDEERDAG, akkoord=True, door="t.leider")
    assert zaak.voorstel is None
    assert zaak.besluit is not None and zaak.besluit.op == ACCORDEERDAG
    assert zaak.besluit.motivering == {m.Grond.IDENTITEIT: "paspoort vals"}
    # objection term from the approval day: Monday 2026-08-03 + 4 weeks = Monday 2026-08-31
    assert zaak.bezwaartermijn().einde == date(2026, 8, 31)
    [beschikking] = [x for x in effecten if isinstance(x, e.Beschikking)]
    assert beschikking.op == ACCORDEERDAG and beschikking.bezwaartermijn_einde == date(2026, 8, 31)
    toestand = zaakstatus.status(zaak, ACCORDEERDAG)
    assert toestand.voorstel is None and toestand.besluit is not None and not toestand.besluit.voorgesteld
    assert [b.op for b in toestand.besluiten] == [ACCORDEERDAG]
    laatste = zaak.tijdlijn[-1]
    assert (laatste.gebeurtenis, laatste.door, laatste.gegevens["akkoord"]) == ("besluit_accorderen", "t.leider", True)


def test_dossier_3_7_terugsturen_trekt_het_voorstel_in_met_reden() -> None:
    zaak = voorgesteld()
    fout = geweigerd(zaak, "besluit_accorderen", ACCORDEERDAG, akkoord=False, door="t.leider")
    assert fout.veld == "toelichting"
    effecten = stuur(
        zaak, "besluit_accorderen", ACCORDEERDAG, akkoord=False, door="t.leider", toelichting="eerst een gehoor"
    )
    assert effecten == [] and zaak.voorstel is None and zaak.besluit is None and zaak.bezwaar is None
    toestand = zaakstatus.status(zaak, ACCORDEERDAG)
    assert toestand.besluit is None and toestand.voorstel is None
    assert (toestand.tijdlijn[-1].gebeurtenis, toestand.tijdlijn[-1].toelichting) == (
        "besluit_accorderen",
        "eerst een gehoor",
    )
    assert "besluiten" in mogelijke_acties(zaak, ACCORDEERDAG)  # the case is as before the proposal


def test_dossier_3_7_een_inwilliging_zonder_motivering_geldt_meteen() -> None:
    zaak = zaak_klaar(signalen=[])
    effecten = stuur(zaak, "besluiten", DAG, uitkomst="inwilliging", door="b.jansen")
    assert zaak.voorstel is None and zaak.besluit is not None and zaak.besluit.op == DAG
    assert any(isinstance(x, e.Beschikking) for x in effecten)


def test_dossier_3_7_accorderen_toetst_opnieuw() -> None:
    """Approval takes the decision on the approval day, under the guard as the case then stands."""
    zaak = zaak_klaar(signalen=[])
    stuur(
        zaak,
        "besluiten",
        DAG,
        door="b.jansen",
        uitkomst="afwijzing",
        gronden=["IDENTITEIT"],
        motivering={"IDENTITEIT": "paspoort vals"},
    )
    stuur(zaak, "onderzoek_aanbieden", DAG, soort="gehoor")
    fout = geweigerd(zaak, "besluit_accorderen", ACCORDEERDAG, akkoord=True, door="t.leider")
    assert "kan zo niet meer" in str(fout) and "nader onderzoek" in str(fout)


def test_oude_zaak_beslist_meteen() -> None:
    zaak = zaak_klaar(signalen=[])
    zaak.vier_ogen = False  # a case opened before the patch vier-ogen
    stuur(zaak, "besluiten", DAG, door="b.jansen", **AFWIJZING)
    assert zaak.voorstel is None and zaak.besluit is not None
