"""Policy data (DOMAIN.md §3; issue 4 §2): versioned, validated, sourced, and changed as data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from importlib import resources
from typing import Any

import pytest
from pydantic import ValidationError

from nareis import contract as m
from nareis.beleid import BELEID_VERSIES, Beleid, BeleidsFout, beleid_op, beleid_versie, lees_beleid
from nareis.kalender import atw
from nareis.kalender import termijnen as t
from tests.voorbeelden import aanvraag_data

TOML = resources.files("nareis.beleid").joinpath("beleid.toml").read_text(encoding="utf-8")
BELEID = beleid_op(date(2026, 7, 1))


def test_beleid_wordt_als_pakketdata_meegeleverd_en_gelezen() -> None:
    assert resources.files("nareis.beleid").joinpath("beleid.toml").is_file()
    assert isinstance(BELEID_VERSIES, tuple) and len(BELEID_VERSIES) >= 2
    assert [b.geldig_vanaf for b in BELEID_VERSIES] == sorted(b.geldig_vanaf for b in BELEID_VERSIES)


@pytest.mark.parametrize(
    ("peildatum", "versie"),
    [
        (date(2020, 1, 1), "2025-03-28"),  # before the first version: the first
        (date(2025, 3, 28), "2025-03-28"),
        (date(2026, 6, 11), "2025-03-28"),
        (date(2026, 6, 12), "WI-2026-11"),  # WI 2026/11 in force (and the Migration Pact)
        (date(2027, 6, 12), "WI-2026-11"),
        (date(2030, 1, 1), "WI-2026-11"),  # past the last version: the last, its geldig_tot shows it
    ],
)
def test_beleid_op_kiest_de_versie_die_gold(peildatum: date, versie: str) -> None:
    assert beleid_op(peildatum).versie == versie
    assert beleid_versie(versie) is beleid_op(peildatum)


def test_beleid_versie_onbekend() -> None:
    with pytest.raises(KeyError, match="onbekende beleidsversie"):
        beleid_versie("1999")


def test_beleid_is_onveranderlijk() -> None:
    with pytest.raises(ValidationError):
        BELEID.versie = "anders"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        BELEID.termijnen.nareistermijn.lengte = 4  # type: ignore[misc]
    assert isinstance(BELEID.minimumloon, tuple) and isinstance(BELEID.aangewezen_dagen, tuple)


# --- the numbers of DOMAIN.md §3 ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("naam", "lengte", "eenheid", "atw"),
    [
        ("nareistermijn", 3, "maanden", True),
        ("coulance", 14, "dagen", False),
        ("wachttermijn", 2, "jaren", False),
        ("beslistermijn", 9, "maanden", False),
        ("beslistermijn_oud", 90, "dagen", True),
        ("verlenging", 3, "maanden", False),
        ("verlenging_oud", 3, "maanden", False),
        ("herstel_verzuim", 4, "weken", False),
        ("formulier", 4, "weken", False),
        ("mvv_ophalen", 3, "maanden", True),
        ("mvv_verlenging", 3, "maanden", False),
        ("mvv_geldigheid", 90, "dagen", False),
        ("bezwaar", 4, "weken", True),
        ("beslissen_op_bezwaar", 19, "weken", False),
        ("ingebrekestelling", 2, "weken", True),
    ],
)
def test_domain_3_0_tabel_termijnen_en_atw_vlaggen(naam: str, lengte: int, eenheid: str, atw: bool) -> None:
    for beleid in BELEID_VERSIES:
        termijn = getattr(beleid.termijnen, naam)
        assert (termijn.lengte, termijn.eenheid, termijn.atw) == (lengte, eenheid, atw)
        assert termijn.bron


@pytest.mark.parametrize("naam", ["nareistermijn", "coulance", "wachttermijn", "beslistermijn", "beslistermijn_oud"])
def test_atw_vlag_volgt_de_wet(naam: str) -> None:
    """The shipped flags follow the statute (art. 1, 4, 5); a policy choice against it would say so."""
    termijn = getattr(BELEID.termijnen, naam)
    assert termijn.atw is (atw.wettelijke_uitzondering(termijn.lengte, termijn.eenheid, termijn.wettelijk) is None)


def test_atw_vlaggen_van_alle_termijnen_volgen_de_wet() -> None:
    basis = {"verlenging": "beslistermijn", "verlenging_oud": "beslistermijn_oud", "mvv_verlenging": "mvv_ophalen"}
    for naam, termijn in BELEID.termijnen:
        if naam in basis:
            continue  # an extended term: always over the art. 4 limit of the original
        assert termijn.atw is (atw.wettelijke_uitzondering(termijn.lengte, termijn.eenheid, termijn.wettelijk) is None)
    for naam, van in basis.items():
        toepassen, reden = atw.toepassing(getattr(BELEID.termijnen, naam), verlengd_van=getattr(BELEID.termijnen, van))
        assert not toepassen and "art. 4" in reden


def test_domain_3_overige_waarden() -> None:
    assert BELEID.nareistermijn_start.waarde == "ontvangen"  # WI 2026/11 §2.2
    assert BELEID.migratiepact_op.waarde == date(2026, 6, 12)
    assert BELEID.beslistermijn_overgang.peildatum.waarde == date(2025, 3, 28)
    assert BELEID.beslistermijn_overgang.geldig_tot.waarde == date(2028, 3, 28)  # WI 2026/11 §1.2 fn 5
    assert BELEID.opschorting.onderzoek_schort_op.waarde is False  # DOMAIN.md §3.5 default
    leeftijden = BELEID.leeftijden
    assert (
        leeftijden.meerderjarig.waarde,
        leeftijden.antecedentenverklaring.waarde,
        leeftijden.kimlik_maximaal.waarde,
        leeftijden.volwassen_minimumloon.waarde,
    ) == (18, 12, 14, 21)
    assert Decimal(BELEID.middelen.vakantiegeld_factor.waarde) == Decimal("1.08")
    assert BELEID.middelen.huisvesting_maanden.waarde == 6


def test_domain_3_2_minimumloon_per_halfjaar_en_2026_h2_ontbreekt() -> None:
    assert BELEID.minimumloon_op(date(2025, 1, 1)).bedrag == Decimal("2191.80")  # type: ignore[union-attr]
    assert BELEID.minimumloon_op(date(2025, 6, 30)).bedrag == Decimal("2191.80")  # type: ignore[union-attr]
    assert BELEID.minimumloon_op(date(2025, 7, 1)).bedrag == Decimal("2245.80")  # type: ignore[union-attr]
    assert BELEID.minimumloon_op(date(2026, 6, 30)).bedrag == Decimal("2294.40")  # type: ignore[union-attr]
    assert BELEID.minimumloon_op(date(2026, 7, 1)) is None  # 2026-H2 not yet known
    assert BELEID.minimumloon_op(date(2024, 12, 31)) is None


def test_atw_art3_lid3_aangewezen_dagen_in_de_data() -> None:
    assert [a.datum for a in BELEID.aangewezen_dagen] == [
        date(2023, 4, 28),
        date(2023, 5, 19),
        date(2024, 5, 10),
        date(2024, 12, 27),
        date(2025, 5, 30),
        date(2026, 1, 2),
        date(2026, 5, 15),
        date(2027, 5, 7),
        date(2028, 4, 28),
        date(2028, 5, 26),
    ]
    assert all(not a.bevestigd for a in BELEID.aangewezen_dagen)
    assert all("24713" in a.bron for a in BELEID.aangewezen_dagen if a.datum.year >= 2026)
    assert all("30 mei 2025" in a.bron for a in BELEID.aangewezen_dagen if a.datum.year < 2026)


def test_atw_art3_feestdagen_zijn_regels_geen_datumlijst() -> None:
    assert {f.naam for f in BELEID.feestdagen} == {
        "Nieuwjaarsdag",
        "Goede Vrijdag",
        "Tweede Paasdag",
        "Koningsdag",
        "Bevrijdingsdag",
        "Hemelvaartsdag",
        "Tweede Pinksterdag",
        "Eerste Kerstdag",
        "Tweede Kerstdag",
    }
    assert all(f.bron.startswith("Atw art. 3") for f in BELEID.feestdagen)


def test_onbevestigde_waarden_zijn_gemarkeerd() -> None:
    onbevestigd = BELEID.onbevestigd()
    for pad in (
        "termijnen.verlenging",  # extension of the beslistermijn: amendment not confirmed
        "termijnen.beslissen_op_bezwaar",  # statutory article to be confirmed
        "aangewezen_dagen[0]",
        "middelen.vakantiegeld_factor",
        "dwangsom",
    ):
        assert pad in onbevestigd
    assert "termijnen.nareistermijn" not in onbevestigd


def _alle_bronnen(data: Any) -> list[str]:
    if isinstance(data, dict):
        eigen = [data["bron"]] if "bron" in data else []
        return eigen + [b for k, v in data.items() if k != "bron" for b in _alle_bronnen(v)]
    if isinstance(data, list | tuple):
        return [b for v in data for b in _alle_bronnen(v)]
    return []


def test_elke_waarde_heeft_een_bron() -> None:
    for beleid in BELEID_VERSIES:
        dump = beleid.model_dump()
        for sleutel, waarde in dump.items():
            if isinstance(waarde, dict) and sleutel not in ("termijnen", "beslistermijn_overgang"):
                assert _alle_bronnen(waarde), sleutel
        assert all(b.strip() for b in _alle_bronnen(dump))
        assert len(_alle_bronnen(dump["termijnen"])) == len(type(beleid.termijnen).model_fields)


# --- changing a number is a data change --------------------------------------------------------------


def test_een_getal_wijzigen_is_een_datawijziging() -> None:
    tekst = TOML.replace(
        'nareistermijn = { lengte = 3, eenheid = "maanden"', 'nareistermijn = { lengte = 4, eenheid = "maanden"'
    )
    [_, wi] = lees_beleid(tekst)
    aanvraag = m.lees(m.Aanvraag, aanvraag_data())
    assert t.nareistermijn(aanvraag, wi).einde == date(2026, 7, 14)  # 14 July 2026, a Tuesday
    assert t.nareistermijn(aanvraag, wi).oordeel is m.NareistermijnOordeel.TIJDIG


def test_atw_vlag_wijzigen_is_een_datawijziging_en_de_uitleg_zegt_het() -> None:
    tekst = TOML.replace(
        'beslistermijn = { lengte = 9, eenheid = "maanden", wettelijk = true, atw = false',
        'beslistermijn = { lengte = 9, eenheid = "maanden", wettelijk = true, atw = true',
    )
    [_, wi] = lees_beleid(tekst)
    termijn = t.beslistermijn(
        date(2026, 3, 6),
        aanvraag_ontvangen_op=date(2026, 3, 6),
        opschortingen=[],
        verlengd_op=None,
        peildatum=date(2026, 3, 6),
        beleid=wi,
    )
    assert termijn.einde == date(2026, 12, 7)  # Sunday 6 December → Monday, as the IND's site says
    assert "beleidskeuze" in (termijn.uitleg.atw_reden or "")


def test_de_startgebeurtenis_van_de_nareistermijn_is_een_vlag() -> None:
    tekst = TOML.replace(
        'nareistermijn_start = { waarde = "ontvangen", bron = "WI 2026/11 §2.2: drie',
        'nareistermijn_start = { waarde = "verleend", bron = "WI 2026/11 §2.2: drie',
    )
    [_, wi] = lees_beleid(tekst)
    assert t.nareistermijn(m.lees(m.Aanvraag, aanvraag_data()), wi).einde == date(2026, 6, 10)


# --- malformed data is refused with the version and field named ----------------------------------------


def _fout(tekst: str) -> str:
    with pytest.raises(BeleidsFout) as fout:
        lees_beleid(tekst)
    return str(fout.value)


def test_ontbrekend_veld_wordt_genoemd() -> None:
    melding = _fout(TOML.replace('bezwaar = { lengte = 4, eenheid = "weken", wettelijk = true, atw = true, ', "x = {"))
    assert "versie 2025-03-28" in melding and "termijnen.bezwaar" in melding


def test_onbekende_eenheid_wordt_genoemd() -> None:
    melding = _fout(
        TOML.replace(
            'lengte = 4, eenheid = "weken", wettelijk = true, atw = true',
            'lengte = 4, eenheid = "uren", wettelijk = true, atw = true',
        )
    )
    assert "termijnen.bezwaar.eenheid" in melding


def test_ongeldige_toml_en_lege_data() -> None:
    assert "geen geldige TOML" in _fout("[[versies]\n")
    assert "geen versies" in _fout("")


def test_basis_moet_eerder_bestaan_en_versies_zijn_uniek() -> None:
    assert "basis" in _fout(TOML.replace('basis = "2025-03-28"', 'basis = "bestaat-niet"'))
    assert "meer dan eens" in _fout(TOML.replace('versie = "WI-2026-11"', 'versie = "2025-03-28"'))


def test_geldigheid_mag_niet_overlappen() -> None:
    melding = _fout(TOML.replace("geldig_vanaf = 2026-06-12", "geldig_vanaf = 2026-06-01"))
    assert "WI-2026-11" in melding and "geldt tot en met" in melding


def test_feestdagregel_moet_datum_of_pasen_hebben() -> None:
    assert "precies één" in _fout(TOML.replace('naam = "Goede Vrijdag"\npasen = -2', 'naam = "Goede Vrijdag"'))
    assert "MM-DD" in _fout(TOML.replace('datum = "05-05"', 'datum = "5 mei"'))


def test_minimumloonperioden_mogen_niet_overlappen() -> None:
    assert "overlapt" in _fout(TOML.replace("vanaf = 2025-07-01", "vanaf = 2025-06-01"))


def test_nareistermijn_start_heeft_twee_mogelijke_waarden() -> None:
    assert "nareistermijn_start" in _fout(
        TOML.replace(
            'waarde = "ontvangen", bron = "WI 2026/11 §2.2: drie', 'waarde = "later", bron = "WI 2026/11 §2.2: drie'
        )
    )


def test_beleid_type() -> None:
    assert all(isinstance(b, Beleid) for b in BELEID_VERSIES)


def test_versies_sluiten_op_elkaar_aan_zonder_gat() -> None:
    """Issue #16 §4: a version that leaves days without policy is refused before anything runs."""
    melding = _fout(TOML.replace("geldig_vanaf = 2026-06-12", "geldig_vanaf = 2026-06-20"))
    assert "WI-2026-11" in melding and "geen beleid" in melding
