"""Issue 7 §4: the register reproduces seed 004's tables, checked against a table computed by
hand from a generated set of cases; rounded as the IND publishes (seed 004)."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest

from activities.register import Gebeurtenis, Register, Vastlegging
from cli.rapport import afgerond, tekst
from client.register import RegisterReader
from tests.sleutels import kluis
from tests.voorbeelden import aanvraag_data


@dataclass(frozen=True)
class Soort:
    """A group of generated cases: who applies, on what basis, how it ended."""

    jaar: int
    grondslag: str  # nareis | artikel_8_evrm
    komst: str  # asiel | nareis | artikel_8_evrm (how the referent came)
    bij_nbm: bool
    aantallen: dict[str, int]  # uitkomst → number of cases


# uitkomsten: inwilliging; inwilliging_na_bezwaar (the zaak revises the decision);
# gegrond_onherzien (rejection + upheld objection, decision not rewritten); afwijzing;
# ongegrond (rejection, objection rejected); ingetrokken; buiten_behandeling; open
GEVALLEN = [
    Soort(
        2019,
        "nareis",
        "nareis",
        False,
        {
            "inwilliging": 10,
            "inwilliging_na_bezwaar": 1,
            "gegrond_onherzien": 1,
            "afwijzing": 3,
            "ongegrond": 1,
            "open": 2,
        },
    ),
    Soort(2020, "nareis", "nareis", False, {"inwilliging": 1, "ingetrokken": 1, "open": 2}),
    Soort(2021, "artikel_8_evrm", "nareis", False, {"inwilliging": 15, "afwijzing": 10}),
    Soort(2022, "nareis", "artikel_8_evrm", False, {"open": 3}),
    Soort(2023, "artikel_8_evrm", "artikel_8_evrm", False, {"inwilliging": 5, "buiten_behandeling": 1, "open": 5}),
    # siblings of an nbm came through nareis: they count in the stacked tables too (seed 004)
    Soort(2022, "nareis", "nareis", True, {"inwilliging": 2, "open": 4}),
    Soort(2023, "artikel_8_evrm", "nareis", True, {"afwijzing": 8}),
    # counted nowhere: the referent came through asylum himself
    Soort(2021, "nareis", "asiel", False, {"inwilliging": 7}),
    Soort(2021, "artikel_8_evrm", "asiel", False, {"afwijzing": 2}),
]

# Computed by hand from GEVALLEN: (aanvragen, inwilligingen, open) per table and year.
VERWACHT = {
    "nareis_op_nareis": {
        "2019": {"aanvragen": 18, "inwilligingen": 12, "open": 2},
        "2020": {"aanvragen": 4, "inwilligingen": 1, "open": 2},
        "2022": {"aanvragen": 6, "inwilligingen": 2, "open": 4},
    },
    "artikel_8_na_nareis": {
        "2021": {"aanvragen": 25, "inwilligingen": 15, "open": 0},
        "2023": {"aanvragen": 8, "inwilligingen": 0, "open": 0},
    },
    "nareis_na_artikel_8": {
        "2022": {"aanvragen": 3, "inwilligingen": 0, "open": 3},
    },
    "artikel_8_na_artikel_8": {
        "2023": {"aanvragen": 11, "inwilligingen": 5, "open": 5},
    },
    "nareis_door_broers_zussen_nbm": {
        "2022": {"aanvragen": 6, "inwilligingen": 2, "open": 4},
    },
    "artikel_8_door_broers_zussen_nbm": {
        "2023": {"aanvragen": 8, "inwilligingen": 0, "open": 0},
    },
}


def _status(uitkomst: str, ontvangen: date) -> dict[str, Any]:
    besluit_op = (ontvangen + timedelta(days=200)).isoformat()
    besluit = {"uitkomst": uitkomst, "op": besluit_op, "gronden": []}
    status: dict[str, Any] = {"fase": "afgerond", "besluit": besluit, "bezwaar": None}
    if uitkomst == "open":
        status.update(fase="beoordeling", besluit=None)
    elif uitkomst == "inwilliging_na_bezwaar":
        besluit["uitkomst"] = "inwilliging"
        status["bezwaar"] = {"termijn_einde": besluit_op, "uitkomst": "gegrond"}
    elif uitkomst == "gegrond_onherzien":
        besluit["uitkomst"] = "afwijzing"
        status["bezwaar"] = {"termijn_einde": besluit_op, "uitkomst": "gegrond"}
    elif uitkomst == "ongegrond":
        besluit["uitkomst"] = "afwijzing"
        status["bezwaar"] = {"termijn_einde": besluit_op, "uitkomst": "ongegrond"}
    return status


async def _vul(register: Register, gevallen: list[Soort]) -> None:
    schrijven = []
    teller = 0
    for soort in gevallen:
        for uitkomst, aantal in soort.aantallen.items():
            for _ in range(aantal):
                teller += 1
                nummer = f"NR-{soort.jaar}-{teller:06d}-1"
                ontvangen = date(soort.jaar, 3, 1) + timedelta(days=teller)
                aanvraag = aanvraag_data(
                    ontvangen,
                    nummer=nummer,
                    grondslag=soort.grondslag,
                    referent__komst_via=soort.komst,
                    referent__nagereisd_bij_nbm=soort.bij_nbm,
                )
                schrijven.append(
                    register.vastleggen(
                        Vastlegging(
                            workflow_id=f"nareis-{nummer}",
                            aanvraagnummer=nummer,
                            gebeurtenissen=[Gebeurtenis(volgnummer=1, op=ontvangen, gebeurtenis="ontvangen")],
                            aanvraag=aanvraag,
                            status=_status(uitkomst, ontvangen),
                        )
                    )
                )
    await asyncio.gather(*schrijven)


async def test_rapport_volgt_de_handmatig_berekende_tabel(register: Register) -> None:
    await _vul(register, GEVALLEN)
    assert await RegisterReader(register.pool, kluis()).rapport() == VERWACHT


async def test_rapport_op_peildatum(register: Register) -> None:
    """Seed 004 "t/m 31 december 2023": later receipts do not count; a decision taken after
    the peildatum leaves the case open."""
    await _vul(
        register,
        [
            Soort(2023, "nareis", "nareis", False, {"inwilliging": 3}),  # decided in 2023
            Soort(2024, "nareis", "nareis", False, {"inwilliging": 2}),  # received later
        ],
    )
    # received 2023-03-02..04, decided 200 days later: 2023-09-18..20
    cijfers = await RegisterReader(register.pool, kluis()).rapport(date(2023, 9, 19))
    assert cijfers["nareis_op_nareis"] == {"2023": {"aanvragen": 3, "inwilligingen": 2, "open": 1}}


@pytest.mark.parametrize(
    ("aantal", "getoond"),
    [(0, "-"), (1, "<10"), (9, "<10"), (10, "10"), (14, "10"), (15, "20"), (25, "30"), (240, "240"), (875, "880")],
)
def test_afronden_zoals_de_ind(aantal: int, getoond: str) -> None:
    assert afgerond(aantal) == getoond


def _rij(uitvoer: str, label: str) -> list[str]:
    regel = next(r for r in uitvoer.splitlines() if r.startswith(label + " "))
    return regel[len(label) :].split()


def test_tabel_afgerond_zoals_de_seed() -> None:
    uitvoer = tekst(VERWACHT)
    # years 2019, 2020, 2022 and the total: 18, 4, 6 → 28; 12, 1, 2 → 15
    assert _rij(uitvoer, "Aanvragen nareis op nareis") == ["20", "<10", "<10", "30"]
    assert _rij(uitvoer, "Inwilligingen nareis op nareis") == ["10", "<10", "<10", "20*"]
    assert "Er staan nog <10 aanvragen open." in uitvoer  # 2 + 2 + 4
    # siblings of an nbm: two rows and their total, per year 2022, 2023 (seed 004 layout)
    assert _rij(uitvoer, "Aanvragen nareis door nagereisde broers en zussen van AMV") == [
        "<10",
        "-",
        "<10",
    ]
    assert _rij(uitvoer, "Aanvragen 8 EVRM door nagereisde broers en zussen van AMV") == [
        "-",
        "<10",
        "<10",
    ]
    eindtotalen = [r for r in uitvoer.splitlines() if r.startswith("Eindtotaal ")]
    assert eindtotalen[0].split()[1:] == ["<10", "<10", "10"]  # 6 + 8 = 14 → 10
    assert _rij(uitvoer, "Aanvragen gezinshereniging (8 EVRM) na nareis") == ["30", "<10", "30"]
    assert _rij(uitvoer, "Inwilligingen gezinshereniging (8 EVRM) na nareis") == ["20", "-", "20"]
    assert _rij(uitvoer, "Aanvragen 8 EVRM na 8 EVRM") == ["10", "10"]


def test_tabel_onafgerond() -> None:
    uitvoer = tekst(VERWACHT, afronden=False)
    assert _rij(uitvoer, "Aanvragen nareis op nareis") == ["18", "4", "6", "28"]
    assert "Er staan nog 8 aanvragen open." in uitvoer


async def _cli(*args: str, dsn: str) -> tuple[int, str, str]:
    proces = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "worker",
        *args,
        env={**os.environ, "NAREIS_DATABASE_URL": dsn},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    uit, fout = await proces.communicate()
    assert proces.returncode is not None
    return proces.returncode, uit.decode(), fout.decode()


async def test_cli_rapport(register: Register, register_dsn: str) -> None:
    await _vul(register, GEVALLEN)
    code, uit, fout = await _cli("rapport", "--format", "json", dsn=register_dsn)
    assert code == 0, fout
    assert json.loads(uit) == VERWACHT
    code, uit, fout = await _cli("rapport", dsn=register_dsn)
    assert code == 0, fout
    assert uit.strip() == tekst(VERWACHT)
    code, uit, _ = await _cli("rapport", "--onafgerond", dsn=register_dsn)
    assert _rij(uit, "Aanvragen nareis op nareis") == ["18", "4", "6", "28"]
