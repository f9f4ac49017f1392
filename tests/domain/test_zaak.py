"""The case as a pure state machine (nareis/zaak.py): what it tells the rules, and when it wakes."""

from __future__ import annotations

from datetime import date, timedelta

from nareis import contract as m
from nareis.effecten import GekoppeldBesluit
from nareis.zaak import Zaak
from tests.voorbeelden import aanvraag_data

ONTVANGEN = date(2026, 7, 1)


def open_zaak(**wijzigingen) -> Zaak:
    aanvraag = m.lees(m.Aanvraag, aanvraag_data(ONTVANGEN, **wijzigingen), vandaag=ONTVANGEN)
    zaak, _ = Zaak.open(aanvraag, ONTVANGEN)
    return zaak


def doe(zaak: Zaak, naam: str, vandaag: date, **payload) -> None:
    actie = m.lees(m.ACTIES[naam], {"op": vandaag.isoformat(), **payload}, vandaag=vandaag)
    zaak.valideer(actie, vandaag)
    zaak.pas_toe(actie, vandaag)


def beslis(zaak: Zaak, vandaag: date, **payload) -> None:
    """`besluiten` as a caseworker and, where policy asks for vier ogen (DOMAIN.md §3.7), its
    approval by a team lead the same day: the decision then takes effect."""
    doe(zaak, "besluiten", vandaag, door="behandelaar", **payload)
    if zaak.voorstel is not None:
        doe(zaak, "besluit_accorderen", vandaag, akkoord=True, door="teamleider")


def test_wi_5_8_de_regels_horen_wanneer_de_aanvraag_in_behandeling_kwam() -> None:
    zaak = open_zaak(vorm="brief")
    assert zaak._context(ONTVANGEN).in_behandeling_op is None
    assert zaak._context(ONTVANGEN).beslistermijn_einde is None  # no form: the term does not run
    formulier = ONTVANGEN + timedelta(days=10)
    doe(zaak, "formulier_ontvangen", formulier)
    context = zaak._context(formulier)
    assert context.in_behandeling_op == formulier
    assert context.beslistermijn_einde == zaak.beslistermijn(formulier).einde  # type: ignore[union-attr]


def test_beslistermijn_einde_volgt_de_opschorting_en_vervalt_met_het_besluit() -> None:
    zaak = open_zaak()
    voor = zaak._context(ONTVANGEN).beslistermijn_einde
    doe(zaak, "hv_versturen", ONTVANGEN, reden="documenten")
    later = ONTVANGEN + timedelta(days=20)
    doe(zaak, "hv_reactie_ontvangen", later)
    assert voor is not None
    assert zaak._context(later).beslistermijn_einde == voor + timedelta(days=20)
    doe(zaak, "screening_uitslag", later, signalen=[])
    doe(zaak, "besluiten", later, uitkomst="inwilliging", gronden=[], afwijkingsreden="proef")
    assert zaak._context(later).beslistermijn_einde is None


def test_wi_3_2_1_ingewilligde_andere_echtgenoot_weegt_in_het_advies() -> None:
    zaak = open_zaak()
    feiten = {"identiteit_aannemelijk": True, "familierechtelijke_relatie_aannemelijk": True}
    doe(zaak, "feiten_vastleggen", ONTVANGEN, feiten=feiten)
    zaak.gekoppeld.append(
        GekoppeldBesluit(aanvraagnummer="NR-2026-000999-1", relatie=m.Relatie.ECHTGENOOT, uitkomst=None)
    )
    context = zaak._context(ONTVANGEN)
    assert context.andere_echtgenoot_aanvragen == ["NR-2026-000999-1"]
    assert context.andere_echtgenoot_ingewilligd is False
    zaak.gekoppeld[0] = zaak.gekoppeld[0].model_copy(update={"uitkomst": "inwilliging", "op": ONTVANGEN})
    assert zaak._context(ONTVANGEN).andere_echtgenoot_ingewilligd is True
    regel = zaak.advies(ONTVANGEN).regel(m.Grond.FEITELIJKE_GEZINSBAND)
    assert regel.oordeel is m.Oordeel.NIET_VOLDAAN
    assert "3.2.1" in regel.bron


def test_afgewezen_andere_echtgenoot_telt_niet_mee() -> None:
    zaak = open_zaak()
    zaak.gekoppeld.append(
        GekoppeldBesluit(aanvraagnummer="NR-2026-000999-1", relatie=m.Relatie.ECHTGENOOT, uitkomst="afwijzing")
    )
    assert zaak._context(ONTVANGEN).andere_echtgenoot_aanvragen == []


def test_de_zaak_wordt_wakker_de_dag_na_de_laatste_dag() -> None:
    zaak = open_zaak()
    einde = zaak.beslistermijn(ONTVANGEN).einde  # type: ignore[union-attr]
    assert zaak.volgende_wekdatum(ONTVANGEN) == einde + timedelta(days=1)
    doe(zaak, "hv_versturen", ONTVANGEN, reden="documenten")
    hv_einde = zaak.hv_termijn(zaak.herstel_verzuim[0]).einde
    assert zaak.volgende_wekdatum(ONTVANGEN) == hv_einde + timedelta(days=1)  # the paused term waits
    assert zaak.verwerk_tijd(hv_einde) == []
    zaak.verwerk_tijd(hv_einde + timedelta(days=1))
    assert [g.gebeurtenis for g in zaak.tijdlijn][-1] == "hv_termijn_verlopen"
    nieuw_einde = zaak.beslistermijn(hv_einde + timedelta(days=1)).einde  # type: ignore[union-attr]
    assert nieuw_einde > einde
    assert zaak.volgende_wekdatum(hv_einde + timedelta(days=1)) == nieuw_einde + timedelta(days=1)


def test_verlopen_termijnen_worden_op_volgorde_van_datum_verwerkt() -> None:
    zaak = open_zaak()
    doe(zaak, "hv_versturen", ONTVANGEN, reden="documenten")
    ver_daarna = ONTVANGEN + timedelta(days=400)
    zaak.verwerk_tijd(ver_daarna)
    gebeurtenissen = [g for g in zaak.tijdlijn if g.gebeurtenis in ("hv_termijn_verlopen", "beslistermijn_verstreken")]
    assert [g.gebeurtenis for g in gebeurtenissen] == ["hv_termijn_verlopen", "beslistermijn_verstreken"]
    assert gebeurtenissen[0].op < gebeurtenissen[1].op
    zaak.verwerk_tijd(ver_daarna + timedelta(days=1))
    assert [g.gebeurtenis for g in zaak.tijdlijn].count("beslistermijn_verstreken") == 1


def test_tienduizend_bewijsstukken_passen_in_de_staat() -> None:
    """Issue #15 finding 1: 10,000 evidence signals of the largest size, each registered as it
    came, leave a state (what continue-as-new carries) far below Temporal's 2 MB payload limit."""
    zaak = open_zaak()
    for i in range(10_000):
        zaak.nieuw_bewijs(m.NieuwBewijs(soort="document", omschrijving=f"{i} " + "o" * 3_990), ONTVANGEN)
        zaak.vergeet_vastgelegd(tot=zaak.volgnummer)
    assert len(zaak.model_dump_json()) < 1_000_000
    assert zaak.volgnummer == 10_001 and zaak.vergeten_gebeurtenissen == 10_000 - 100
    # a duplicate of the very first piece is still known
    assert not zaak.nieuw_bewijs(m.NieuwBewijs(soort="document", omschrijving="0 " + "o" * 3_990), ONTVANGEN)


def test_domain_3_10_een_zaak_houdt_de_beleidsversie_waaronder_zij_werd_geopend(monkeypatch) -> None:
    """Issue #16 §1: a version added to the policy data (here one that shortens the beslistermijn
    to 6 months from the receipt date of this case on) reaches new cases only; the running case
    keeps computing with the version it recorded at opening (9 months)."""
    from nareis import beleid

    lopend = open_zaak()
    einde = lopend.beslistermijn(ONTVANGEN).einde  # type: ignore[union-attr]
    oud = beleid.beleid_versie(lopend.beleid)
    termijnen = oud.termijnen.model_copy(
        update={"beslistermijn": oud.termijnen.beslistermijn.model_copy(update={"lengte": 6})}
    )
    nieuw = oud.model_copy(update={"versie": "KORTER", "geldig_vanaf": ONTVANGEN, "termijnen": termijnen})
    ingekort = oud.model_copy(update={"geldig_tot": ONTVANGEN - timedelta(days=1)})
    eerder = [b for b in beleid.BELEID_VERSIES if b.geldig_vanaf < oud.geldig_vanaf]
    monkeypatch.setattr(beleid, "BELEID_VERSIES", (*eerder, ingekort, nieuw))
    assert lopend.beslistermijn(ONTVANGEN).einde == einde  # type: ignore[union-attr]
    assert open_zaak().beleid == "KORTER"
    assert open_zaak().beslistermijn(ONTVANGEN).einde == date(2027, 1, 1)  # type: ignore[union-attr]


def test_dossier_3_0_gebeurtenissen_van_een_verstreken_termijn_de_dag_na_de_laatste_dag() -> None:
    zaak = open_zaak()
    doe(zaak, "hv_versturen", ONTVANGEN, reden="documenten")
    # reply term: 2026-07-01 + 4 weeks = 2026-07-29 (the last day: the applicant may still answer)
    zaak.verwerk_tijd(date(2026, 7, 29))
    assert "hv_termijn_verlopen" not in [g.gebeurtenis for g in zaak.tijdlijn]
    # beslistermijn: 2026-07-01 + 9 months = 2027-04-01, + 28 days unanswered HV = 2027-04-29
    zaak.verwerk_tijd(date(2027, 5, 3))
    geboekt = {g.gebeurtenis: g.op for g in zaak.tijdlijn}
    assert geboekt["hv_termijn_verlopen"] == date(2026, 7, 30)
    assert geboekt["beslistermijn_verstreken"] == date(2027, 4, 30)


def test_wi_5_3_na_het_ophalen_van_de_mvv_volgt_de_fase_de_zaak() -> None:
    zaak = open_zaak()
    doe(zaak, "screening_uitslag", ONTVANGEN, signalen=[])
    doe(zaak, "besluiten", ONTVANGEN, uitkomst="inwilliging", afwijkingsreden="proef")
    assert zaak.fase() is m.Fase.MVV_AFGIFTE
    # collected on 2026-07-10, while the objection term (2026-07-01 + 4 weeks = 2026-07-29) runs
    doe(zaak, "mvv_opgehaald", date(2026, 7, 10))
    assert zaak.fase() is m.Fase.BEZWAAR and not zaak.afgerond
    from nareis import zaakstatus

    assert zaakstatus.volgende_actie(zaak, date(2026, 7, 10)) == "bezwaartermijn loopt (tot en met 29 juli 2026)"
    zaak.verwerk_tijd(date(2026, 7, 30))
    assert zaak.afgerond and zaak.afgerond_op == date(2026, 7, 30)
    oud = open_zaak()
    oud.fase_na_mvv = False  # opened before the patch
    doe(oud, "screening_uitslag", ONTVANGEN, signalen=[])
    doe(oud, "besluiten", ONTVANGEN, uitkomst="inwilliging", afwijkingsreden="proef")
    doe(oud, "mvv_opgehaald", date(2026, 7, 10))
    assert oud.fase() is m.Fase.MVV_AFGIFTE
