"""The case facts (CONTRACT.md `feiten_vastleggen`): keys, values, provenance, clearing, JSON."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from nareis import contract as m
from nareis.feiten import FEITEN, Dossierfeiten, Feiten

OP = date(2026, 11, 23)

CONTRACT_SLEUTELS = {
    "identiteit_aannemelijk",
    "familierechtelijke_relatie_aannemelijk",
    "feitelijke_gezinsband",
    "toestemmingsverklaring",
    "antecedentenverklaring",
    "middelen_voldoende",
    "bestendig_verblijf",
    "huisvesting",
    "huwelijk",
}


def test_contract_sleutels_en_waarden() -> None:
    assert CONTRACT_SLEUTELS <= FEITEN
    for huisvesting in ("huurovereenkomst", "koopakte", "gebruikersovereenkomst", "coa", "geen"):
        assert (
            Dossierfeiten().vastleggen({"huisvesting": huisvesting}, door=None, op=OP).waarden().huisvesting
            == huisvesting
        )
    for huwelijk in ("rechtsgeldig", "niet_rechtsgeldig", "erkenningsbeletsel"):
        assert Dossierfeiten().vastleggen({"huwelijk": huwelijk}, door=None, op=OP).waarden().huwelijk == huwelijk


def test_onbekende_sleutel_wordt_geweigerd_met_naam() -> None:
    with pytest.raises(m.Invoerfout, match=r"feiten\.onzin: onbekend feit"):
        Dossierfeiten().vastleggen({"onzin": True, "identiteit_aannemelijk": True}, door="a", op=OP)


@pytest.mark.parametrize(
    ("feiten", "veld"),
    [
        ({"huisvesting": "tent"}, "huisvesting"),
        ({"identiteit_aannemelijk": "misschien"}, "identiteit_aannemelijk"),
        ({"middelen_bedrag": "-1"}, "middelen_bedrag"),
        ({"huisvesting_maanden": -2}, "huisvesting_maanden"),
        ({"gezinsband_verbroken_op": "2027-01-01"}, "gezinsband_verbroken_op"),  # after the day of recording
        ({"gezinsband_hersteld_op": "2025-01-01"}, "gezinsband_hersteld_op"),  # restored, never broken
    ],
)
def test_ongeldige_waarde_noemt_het_feit(feiten: dict[str, object], veld: str) -> None:
    with pytest.raises(m.Invoerfout, match=rf"feiten\.{veld}"):
        Dossierfeiten().vastleggen(feiten, door="a", op=OP)


def test_hersteld_voor_verbroken_wordt_geweigerd() -> None:
    feiten = Dossierfeiten().vastleggen({"gezinsband_verbroken_op": "2025-01-01"}, door="a", op=OP)
    with pytest.raises(m.Invoerfout, match=r"feiten\.gezinsband_hersteld_op"):
        feiten.vastleggen({"gezinsband_hersteld_op": "2024-12-31"}, door="a", op=OP)
    assert feiten.vastleggen({"gezinsband_hersteld_op": "2025-01-01"}, door="a", op=OP).waarden().gezinsband_hersteld_op


def test_alleen_meegestuurde_sleutels_veranderen_en_null_wist() -> None:
    eerst = Dossierfeiten().vastleggen(
        {"identiteit_aannemelijk": True, "ten_laste": True}, door="a", op=date(2026, 9, 1)
    )
    daarna = eerst.vastleggen({"ten_laste": None, "gezag": False}, door="b", op=OP)
    assert daarna.vastgelegd("identiteit_aannemelijk") == eerst.vastgelegd("identiteit_aannemelijk")
    assert daarna.vastgelegd("ten_laste") is None
    gezag = daarna.vastgelegd("gezag")
    assert gezag is not None and (gezag.waarde, gezag.door, gezag.op) == (False, "b", OP)
    assert eerst.vastgelegd("gezag") is None  # frozen: the old object is unchanged
    assert daarna.waarden() == Feiten(identiteit_aannemelijk=True, gezag=False)


def test_geweigerde_wijziging_verandert_niets() -> None:
    eerst = Dossierfeiten().vastleggen({"identiteit_aannemelijk": True}, door="a", op=OP)
    with pytest.raises(m.Invoerfout):
        eerst.vastleggen({"identiteit_aannemelijk": False, "huisvesting": "tent"}, door="a", op=OP)
    assert eerst.waarden().identiteit_aannemelijk is True


def test_json_heen_en_terug_geeft_hetzelfde() -> None:
    feiten = Dossierfeiten().vastleggen(
        {
            "middelen_bedrag": Decimal("2294.40"),
            "middelen_op": date(2026, 6, 1),
            "huisvesting": "koopakte",
            "huisvesting_maanden": 12,
            "identiteit_aannemelijk": True,
        },
        door="bm",
        op=OP,
    )
    terug = Dossierfeiten.model_validate_json(feiten.model_dump_json())
    assert terug == feiten
    assert terug.waarden().middelen_bedrag == Decimal("2294.40")
    assert terug.waarden().middelen_op == date(2026, 6, 1)
    assert Dossierfeiten.model_validate(feiten.model_dump(mode="json")) == feiten
