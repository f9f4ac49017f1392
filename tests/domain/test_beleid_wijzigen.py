"""Policy that changes while cases run (issue #16; DOMAIN.md §3.10): corrections as versions, the
published version as a message, and what a running case takes from it."""

from __future__ import annotations

from datetime import date, timedelta
from importlib import resources

import pytest

from nareis import contract as m
from nareis.beleid import BELEID_VERSIES, BeleidsFout, beleid_op, controleer_wijziging, lees_beleid
from nareis.zaak import Zaak
from tests.voorbeelden import aanvraag_data

TOML = resources.files("nareis.beleid").joinpath("beleid.toml").read_text(encoding="utf-8")
ONTVANGEN = date(2026, 7, 1)

CORRECTIE = """
[[versies]]
versie = "WI-2026-11-c1"
basis = "WI-2026-11"
vervangt = "WI-2026-11"
in_gebruik_vanaf = 2026-12-01
geldig_vanaf = 2026-06-12
geldig_tot = 2027-06-12
omschrijving = "WI 2026/11, gecorrigeerd"
[versies.termijnen]
herstel_verzuim = { lengte = 2, eenheid = "weken", wettelijk = false, atw = false, bron = "correctie" }
"""

OPVOLGER = """
[[versies]]
versie = "WI-2027-06"
basis = "WI-2026-11"
geldig_vanaf = 2027-06-13
geldig_tot = 2028-06-12
omschrijving = "de opvolger van WI 2026/11"
overgang = { ontvangen_vanaf = 2026-07-15, bron = "overgangsrecht van de opvolger" }
[versies.termijnen]
beslistermijn = { lengte = 6, eenheid = "maanden", wettelijk = true, atw = false, bron = "de opvolger" }
"""


def open_zaak(ontvangen: date = ONTVANGEN) -> Zaak:
    aanvraag = m.lees(m.Aanvraag, aanvraag_data(ontvangen), vandaag=ontvangen)
    zaak, _ = Zaak.open(aanvraag, ontvangen)
    return zaak


def doe(zaak: Zaak, naam: str, vandaag: date, **payload: object) -> None:
    zaak.pas_toe(m.lees(m.ACTIES[naam], {"op": vandaag.isoformat(), **payload}, vandaag=vandaag), vandaag)
    if naam == "besluiten" and zaak.voorstel is not None:  # vier ogen (DOMAIN.md §3.7): approved the same day
        accorderen = {"op": vandaag.isoformat(), "akkoord": True, "door": "teamleider"}
        zaak.pas_toe(m.lees(m.BesluitAccorderen, accorderen, vandaag=vandaag), vandaag)


def bericht_met_dag(versie: str, dag: date) -> m.BeleidGepubliceerd:
    basis = beleid_op(ONTVANGEN)
    extra = basis.aangewezen_dagen[0].model_copy(update={"datum": dag, "bron": "Atw art. 3 lid 3; besluit (proef)"})
    beleid = basis.model_copy(update={"versie": versie, "aangewezen_dagen": (*basis.aangewezen_dagen, extra)})
    return m.BeleidGepubliceerd.uit_beleid(beleid)


# --- corrections are versions -------------------------------------------------------------------


def test_een_correctie_geldt_voor_zaken_geopend_vanaf_in_gebruik_vanaf() -> None:
    versies = lees_beleid(TOML + CORRECTIE)
    assert beleid_op(date(2026, 7, 1), versies, geopend_op=date(2026, 11, 30)).versie == "WI-2026-11"
    assert beleid_op(date(2026, 7, 1), versies, geopend_op=date(2026, 12, 1)).versie == "WI-2026-11-c1"
    assert beleid_op(date(2026, 7, 1), versies).versie == "WI-2026-11-c1"
    gecorrigeerd = beleid_op(date(2026, 7, 1), versies)
    assert gecorrigeerd.termijnen.herstel_verzuim.lengte == 2
    assert gecorrigeerd.termijnen.beslistermijn.lengte == 9  # the rest from its basis


@pytest.mark.parametrize(
    ("wijziging", "melding"),
    [
        (("in_gebruik_vanaf = 2026-12-01\n", ""), "noemt in_gebruik_vanaf"),
        (('vervangt = "WI-2026-11"', 'vervangt = "WI-2099"'), "niet eerder is gedefinieerd"),
        (("geldig_tot = 2027-06-12\nomschrijving", "geldig_tot = 2027-06-30\nomschrijving"), "dezelfde dagen"),
    ],
)
def test_een_ongeldige_correctie_wordt_geweigerd(wijziging: tuple[str, str], melding: str) -> None:
    with pytest.raises(BeleidsFout, match=melding):
        lees_beleid(TOML + CORRECTIE.replace(*wijziging))


def test_een_versie_wordt_maar_een_keer_vervangen() -> None:
    tweede = CORRECTIE.replace("WI-2026-11-c1", "WI-2026-11-c2")
    with pytest.raises(BeleidsFout, match="al door een andere vervangen"):
        lees_beleid(TOML + CORRECTIE + tweede)


def test_gaten_en_overlappen_tussen_versies_blijven_geweigerd() -> None:
    with pytest.raises(BeleidsFout, match="geen beleid"):
        lees_beleid(TOML + OPVOLGER.replace("geldig_vanaf = 2027-06-13", "geldig_vanaf = 2027-07-01"))
    with pytest.raises(BeleidsFout, match="geldt tot en met"):
        lees_beleid(TOML + OPVOLGER.replace("geldig_vanaf = 2027-06-13", "geldig_vanaf = 2027-06-01"))


def test_de_overgangsregel_hoort_bij_haar_eigen_versie() -> None:
    daarna = """
[[versies]]
versie = "WI-2028-06"
basis = "WI-2027-06"
geldig_vanaf = 2028-06-13
geldig_tot = 2029-06-12
omschrijving = "de versie daarna"
"""
    opvolger, volgende = lees_beleid(TOML + OPVOLGER + daarna)[-2:]
    assert opvolger.overgang is not None and volgende.overgang is None
    assert volgende.termijnen.beslistermijn.lengte == 6  # the values do come from the basis


def test_een_gepubliceerde_versie_wijzigt_niet_en_verdwijnt_niet() -> None:
    gewijzigd = lees_beleid(TOML.replace("wachttermijn = { lengte = 2,", "wachttermijn = { lengte = 3,"))
    assert controleer_wijziging(lees_beleid(TOML + CORRECTIE), BELEID_VERSIES) == []
    fouten = controleer_wijziging(gewijzigd, BELEID_VERSIES)
    assert fouten and all("is gewijzigd: voeg een correctie toe" in f for f in fouten)
    assert len(fouten) == len(BELEID_VERSIES)  # the change sits in the basis every version builds on


# --- the message ---------------------------------------------------------------------------------


def test_het_bericht_draagt_de_dagen_de_overgangsregel_en_haar_termijnen() -> None:
    opvolger = lees_beleid(TOML + OPVOLGER)[-1]
    bericht = m.BeleidGepubliceerd.uit_beleid(opvolger)
    assert bericht.overgang == opvolger.overgang and bericht.termijnen == opvolger.termijnen
    assert bericht.aangewezen_dagen == opvolger.aangewezen_dagen
    assert m.BeleidGepubliceerd.model_validate_json(bericht.model_dump_json()) == bericht
    zonder = m.BeleidGepubliceerd.uit_beleid(BELEID_VERSIES[-1])
    assert zonder.overgang is None and zonder.termijnen is None


# --- what a running case takes (DOMAIN.md §3.10) ---------------------------------------------------


def test_domain_3_10_een_aangewezen_dag_verschuift_de_termijn_die_erop_eindigt_en_zegt_waarom() -> None:
    zaak = open_zaak()
    besluit = date(2026, 9, 1)
    doe(zaak, "besluiten", besluit, uitkomst="afwijzing", gronden=["IDENTITEIT"], motivering={"IDENTITEIT": "proef"})
    einde = zaak.bezwaartermijn().einde
    assert einde == date(2026, 9, 29)  # 4 weeks, a Tuesday
    assert zaak.beleid_gepubliceerd(bericht_met_dag("AANGEWEZEN-1", einde), date(2026, 9, 10))
    termijn = zaak.bezwaartermijn()
    assert termijn.einde == date(2026, 9, 30)
    assert "verschoven van 2026-09-29 naar 2026-09-30 door beleidsversie AANGEWEZEN-1" in termijn.uitleg.stappen[-1]
    assert "aangewezen dag 2026-09-29 (Atw art. 3 lid 3)" in termijn.uitleg.stappen[-1]
    geboekt = zaak.tijdlijn[-1]
    assert geboekt.gebeurtenis == "beleid_gepubliceerd" and geboekt.op == date(2026, 9, 10)
    assert geboekt.gegevens["verschoven"] == [{"termijn": "bezwaartermijn", "van": "2026-09-29", "naar": "2026-09-30"}]
    assert "bezwaartermijn verschoven van 2026-09-29 naar 2026-09-30" in (geboekt.toelichting or "")
    assert zaak.geldende_versie == "WI-2026-11"  # its term lengths are still those it was opened under
    # the lapse waits for the new last day
    zaak.verwerk_tijd(date(2026, 9, 30))
    assert "bezwaartermijn_verstreken" not in [g.gebeurtenis for g in zaak.tijdlijn]


def test_dezelfde_versie_twee_keer_gepubliceerd_is_een_keer_genomen() -> None:
    zaak = open_zaak()
    bericht = bericht_met_dag("AANGEWEZEN-2", date(2026, 9, 29))
    assert zaak.beleid_gepubliceerd(bericht, ONTVANGEN)
    voor = zaak.model_dump()
    assert not zaak.beleid_gepubliceerd(bericht, ONTVANGEN + timedelta(days=3))
    assert zaak.model_dump() == voor


def test_een_dag_die_bij_de_publicatie_al_voorbij_is_verschuift_niets() -> None:
    zaak = open_zaak()
    doe(
        zaak,
        "besluiten",
        date(2026, 9, 1),
        uitkomst="afwijzing",
        gronden=["IDENTITEIT"],
        motivering={"IDENTITEIT": "x"},
    )
    assert zaak.beleid_gepubliceerd(bericht_met_dag("LAAT", date(2026, 9, 29)), date(2026, 9, 30))
    assert zaak.bezwaartermijn().einde == date(2026, 9, 29)
    assert zaak.beleidspublicaties[-1].aangewezen_dagen == [] and zaak.beleidspublicaties[-1].verschoven == []


def test_domain_3_10_de_overgangsregel_bereikt_alleen_de_zaken_die_zij_noemt() -> None:
    opvolger = lees_beleid(TOML + OPVOLGER)[-1]
    bericht = m.BeleidGepubliceerd.uit_beleid(opvolger)  # from 2026-07-15 received: 6 months
    oud, nieuw = open_zaak(ONTVANGEN), open_zaak(date(2026, 8, 3))
    assert oud.beslistermijn(date(2026, 9, 1)).einde == date(2027, 4, 1)  # type: ignore[union-attr]
    assert nieuw.beslistermijn(date(2026, 9, 1)).einde == date(2027, 5, 3)  # type: ignore[union-attr]
    for zaak in (oud, nieuw):
        zaak.beleid_gepubliceerd(bericht, date(2026, 9, 1))
    # opened under WI-2026-11 and not named by the rule: its 9 months
    assert oud.beslistermijn(date(2026, 9, 1)).einde == date(2027, 4, 1)  # type: ignore[union-attr]
    assert oud.geldende_versie == "WI-2026-11"
    assert "noemt deze zaak niet" in (oud.tijdlijn[-1].toelichting or "")
    termijn = nieuw.beslistermijn(date(2026, 9, 1))
    assert termijn is not None and termijn.einde == date(2027, 2, 3)
    assert termijn.uitleg.beleid == "WI-2027-06" and nieuw.geldende_versie == "WI-2027-06"
    assert termijn.uitleg.stappen[-1].startswith(
        "verschoven van 2027-05-03 naar 2027-02-03 door beleidsversie WI-2027-06"
    )
    # a case that continues as new keeps what it took
    voortgezet = Zaak.model_validate(nieuw.model_dump(mode="json"))
    assert voortgezet.beslistermijn(date(2026, 9, 1)) == termijn


def test_een_afgeronde_zaak_neemt_geen_beleid_meer() -> None:
    zaak = open_zaak()
    doe(zaak, "intrekken", ONTVANGEN)
    assert not zaak.beleid_gepubliceerd(bericht_met_dag("NA", date(2026, 9, 29)), ONTVANGEN)


def test_domain_3_10_een_nieuwe_versie_bereikt_geen_zaak_die_al_geopend_is() -> None:
    """A correction taken into use on or before the day of deployment would let a case opened that
    day replay under the correction instead of the version it ran with."""
    correctie = lees_beleid(TOML + CORRECTIE)  # in_gebruik_vanaf = 2026-12-01
    assert controleer_wijziging(correctie, BELEID_VERSIES, vandaag=date(2026, 11, 30)) == []
    for vandaag in (date(2026, 12, 1), date(2026, 12, 2)):
        (fout,) = controleer_wijziging(correctie, BELEID_VERSIES, vandaag=vandaag)
        assert f"versie WI-2026-11-c1: in_gebruik_vanaf moet na vandaag ({vandaag}) liggen" in fout
    # a successor valid only from a later day reaches no running case (receipts lie in the past)
    opvolger = lees_beleid(TOML + OPVOLGER)  # geldig_vanaf = 2027-06-13
    assert controleer_wijziging(opvolger, BELEID_VERSIES, vandaag=date(2027, 6, 12)) == []
    assert controleer_wijziging(opvolger, BELEID_VERSIES, vandaag=date(2027, 6, 13))
