"""CONTRACT.md: an invalid Aanvraag or action is refused with an error that names the field."""

from __future__ import annotations

from datetime import date

import pytest

from nareis import contract as m
from tests.voorbeelden import CONTRACT_VOORBEELD, aanvraag_data

VANDAAG = date(2026, 11, 23)


def test_het_voorbeeld_uit_het_contract_is_geldig() -> None:
    aanvraag = m.lees(m.Aanvraag, CONTRACT_VOORBEELD, vandaag=VANDAAG)
    assert aanvraag.workflow_id == "nareis-NR-2026-000123-1"
    assert aanvraag.referent.komst is m.Komst.ASIEL


def test_weggelaten_nulbare_velden_mogen() -> None:
    data = aanvraag_data()
    for veld in ("gezamenlijk_met", "toelichting_termijnoverschrijding", "eerdere_aanvraag"):
        del data[veld]
    del data["referent"]["genaturaliseerd_op"]
    assert m.lees(m.Aanvraag, data, vandaag=VANDAAG).gezamenlijk_met == []


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        ({"onbekend": 1}, "onbekend"),
        ({"vorm": "email"}, "vorm"),
        ({"referent__status": "vluchteling_b"}, "referent.status"),
        ({"gezinslid__relatie": "neef"}, "gezinslid.relatie"),
        ({"gezinslid__verblijfsland": "Turkije"}, "gezinslid.verblijfsland"),
        ({"referent__vnummer": "12"}, "referent.vnummer"),
        ({"ontvangen_op": "2026-02-30"}, "ontvangen_op"),
        ({"ontvangen_op": "2026-03-01"}, "ontvangen_op"),  # before the permit was received
        ({"ontvangen_op": "2027-01-04"}, "ontvangen_op"),  # in the future
        ({"referent__vergunning_ontvangen_op": "2026-03-01"}, "referent.vergunning_ontvangen_op"),
        ({"referent__geboortedatum": "2030-01-01"}, "referent.geboortedatum"),
        ({"gezamenlijk_met": ["NR-2026-000123-1"]}, "gezamenlijk_met"),
        ({"eerdere_aanvraag": "NR-2026-000123-1"}, "eerdere_aanvraag"),
        ({"aanvraagnummer": "NR 2026/1"}, "aanvraagnummer"),
        ({"referent__extra": True}, "referent.extra"),
    ],
)
def test_ongeldige_aanvraag_noemt_het_veld(wijziging: dict[str, object], veld: str) -> None:
    with pytest.raises(m.Invoerfout) as fout:
        m.lees(m.Aanvraag, aanvraag_data(**wijziging), vandaag=VANDAAG)
    assert veld in [pad for pad, _ in fout.value.velden], str(fout.value)
    assert str(fout.value).startswith(veld) or f"; {veld}" in str(fout.value)


def test_een_ongeldige_json_tekst_wordt_geweigerd() -> None:
    with pytest.raises(m.Invoerfout):
        m.lees(m.Aanvraag, "{niet json", vandaag=VANDAAG)


@pytest.mark.parametrize("naam", sorted(m.ACTIES))
def test_elke_actie_weigert_onbekende_velden_en_toekomstige_data(naam: str) -> None:
    model = m.ACTIES[naam]
    with pytest.raises(m.Invoerfout) as fout:
        m.lees(model, {"onzin": 1, "op": "2027-01-01"}, vandaag=VANDAAG)
    velden = [pad for pad, _ in fout.value.velden]
    assert "onzin" in velden and "op" in velden


def test_acties_dekken_het_contract() -> None:
    assert set(m.ACTIES) == {
        "hv_versturen",
        "hv_reactie_ontvangen",
        "formulier_ontvangen",
        "verschoonbaarheid_beoordelen",
        "onderzoek_aanbieden",
        "onderzoek_uitslag",
        "screening_uitslag",
        "termijn_verlengen",
        "besluiten",
        "mvv_verlengen",
        "mvv_opgehaald",
        "bezwaar_ontvangen",
        "bezwaar_besluiten",
        "ingebrekestelling_ontvangen",
        "intrekken",
        "feiten_vastleggen",
        "opschorten",
        "opschorting_beeindigen",
        "toewijzen",  # [2026-12]
        "besluit_accorderen",  # [2026-12]
        "notitie",  # extension, issue #17 item 5
    }


def test_besluiten_weigert_een_onbekende_grond() -> None:
    with pytest.raises(m.Invoerfout) as fout:
        m.lees(m.Besluiten, {"uitkomst": "afwijzing", "gronden": ["ONBEKEND"]}, vandaag=VANDAAG)
    assert fout.value.velden[0][0] == "gronden.0"
