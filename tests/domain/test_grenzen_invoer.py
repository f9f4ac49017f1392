"""CONTRACT.md [2026-12] "Sizes" (issue #15 findings 1 and 11): single-line text at most 200
characters without control characters, free text at most 4,000, lists at most 50; refused like
any invalid input, naming the field. What a case accepted once is never refused on replay."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from nareis import contract as m
from tests.voorbeelden import aanvraag_data

VANDAAG = date(2026, 7, 1)


def _fout(model: type[Any], data: Any, **context: Any) -> list[tuple[str, str]]:
    with pytest.raises(m.Invoerfout) as fout:
        m.lees(model, data, vandaag=VANDAAG, **context)
    return fout.value.velden


def test_een_naam_van_201_tekens_wordt_geweigerd_met_het_veld() -> None:
    [(veld, melding)] = _fout(m.Aanvraag, aanvraag_data(VANDAAG, gezinslid__naam="A" * 201))
    assert veld == "gezinslid.naam" and "ten hoogste 200 tekens" in melding


def test_stuurtekens_in_een_regel_worden_geweigerd_ook_een_regelovergang() -> None:
    # finding 11: "BESLUIT: INWILLIGING." smuggled into a letter through a name or reason
    [(veld, _)] = _fout(m.Aanvraag, aanvraag_data(VANDAAG, gezinslid__naam="A.\nBESLUIT: INWILLIGING"))
    assert veld == "gezinslid.naam"
    [(veld, _)] = _fout(m.HvVersturen, {"reden": "documenten", "ontbrekend": ["paspoort\x1b[2J"]})
    assert veld == "ontbrekend.0"


def test_vrije_tekst_mag_regels_hebben_maar_geen_andere_stuurtekens() -> None:
    actie = m.lees(m.HvVersturen, {"reden": "documenten", "toelichting": "regel 1\nregel 2\tmet tab"})
    assert actie.toelichting == "regel 1\nregel 2\tmet tab"
    [(veld, _)] = _fout(m.HvVersturen, {"reden": "documenten", "toelichting": "ESC \x1b"})
    assert veld == "toelichting"


def test_vrije_tekst_ten_hoogste_4000_tekens() -> None:
    # finding 1: a 1.2 MB toelichting_termijnoverschrijding bricked its case
    data = aanvraag_data(VANDAAG, toelichting_termijnoverschrijding="x" * 1_200_000)
    [(veld, melding)] = _fout(m.Aanvraag, data)
    assert veld == "toelichting_termijnoverschrijding" and "ten hoogste 4000 tekens" in melding
    assert m.lees(m.Aanvraag, aanvraag_data(VANDAAG, toelichting_termijnoverschrijding="x" * 4000), vandaag=VANDAAG)


def test_lijsten_ten_hoogste_50_elementen() -> None:
    # finding 1: two hv_versturen with 1.9 MB `ontbrekend` lists
    [(veld, melding)] = _fout(m.HvVersturen, {"reden": "documenten", "ontbrekend": ["stuk"] * 51})
    assert veld == "ontbrekend" and "ten hoogste 50 elementen" in melding
    assert m.lees(m.HvVersturen, {"reden": "documenten", "ontbrekend": ["stuk"] * 50}).ontbrekend == ["stuk"] * 50


def test_ook_de_feiten_zijn_begrensd() -> None:
    [(veld, _)] = _fout(m.FeitenVastleggen, {"feiten": {f"feit_{i}": True for i in range(51)}})
    assert veld == "feiten"
    [(veld, _)] = _fout(m.FeitenVastleggen, {"feiten": {"huisvesting": "coa" * 100}})
    assert veld == "feiten.huisvesting"


def test_wat_een_zaak_eens_aanvaardde_wordt_bij_herhaling_niet_geweigerd() -> None:
    """A limit may tighten; a recorded action replayed from history must still be read."""
    oud = {"reden": "documenten", "ontbrekend": ["stuk"] * 60}
    _fout(m.HvVersturen, oud)
    assert len(m.lees(m.HvVersturen, oud, herhaling=True).ontbrekend) == 60


def test_ja_nee_velden_nemen_alleen_true_of_false() -> None:
    """OpenAPI says boolean (issue #15 finding 12: the schema fuzzer found 0 accepted as false)."""
    for waarde in (0, 1, "ja", "true"):
        [(veld, melding)] = _fout(m.VerschoonbaarheidBeoordelen, {"verschoonbaar": waarde})
        assert veld == "verschoonbaar" and "true of false" in melding
    [(veld, _)] = _fout(m.BezwaarOntvangen, {"verschoonbaar": 0})
    assert veld == "verschoonbaar"
    assert m.lees(m.VerschoonbaarheidBeoordelen, {"verschoonbaar": False}).verschoonbaar is False
    # what a case accepted once (before this rule) still decodes on replay
    assert m.lees(m.VerschoonbaarheidBeoordelen, {"verschoonbaar": 1}, herhaling=True).verschoonbaar is True


def test_een_datum_is_een_tekst_geen_getal() -> None:
    """pydantic would read 1700000000 as a date (Unix time); the schema says a date text."""
    [(veld, melding)] = _fout(m.Aanvraag, aanvraag_data(VANDAAG, gezinslid__geboortedatum=1_700_000_000))
    assert veld == "gezinslid.geboortedatum" and "JJJJ-MM-DD" in melding
