"""`python -m worker beleid controleren FILE` (issue #16 §4): a policy data file is validated before
it is reviewed, deployed or published; no server is needed for it."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from datetime import date
from importlib import resources
from pathlib import Path

import pytest
from rich.console import Console

from cli.beleid import voer_uit

TOML = resources.files("nareis.beleid").joinpath("beleid.toml").read_text(encoding="utf-8")
ROOT = Path(__file__).resolve().parents[1]
#: the day the files are checked on: a new version may reach no case opened by then
VANDAAG = date(2026, 12, 2)

OPVOLGER = """
[[versies]]
versie = "WI-2027-06"
basis = "WI-2026-11"
geldig_vanaf = 2027-06-13
geldig_tot = 2028-06-12
omschrijving = "de opvolger van WI 2026/11"
overgang = { ontvangen_vanaf = 2027-01-01, bron = "overgangsrecht van de opvolger" }
"""


def controleer(tmp_path: Path, capsys: pytest.CaptureFixture[str], tekst: str, *argv: str) -> tuple[int, str, str]:
    pad = tmp_path / "beleid.toml"
    pad.write_text(tekst, encoding="utf-8")
    console = Console(width=200, color_system=None)
    code = asyncio.run(voer_uit(["controleren", str(pad), *argv], console=console, vandaag=VANDAAG))
    uit = capsys.readouterr()
    return code, uit.out, uit.err


def test_het_meegeleverde_bestand_is_in_orde(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, uit, err = controleer(tmp_path, capsys, TOML)
    assert code == 0, err
    assert "in orde: 2 versies, nieuw: geen" in uit
    assert "WI-2026-11  geldig 2026-06-12 t/m 2027-06-12" in uit
    assert "beslistermijn: art. 2u Vw (gewijzigd); WI 2026/11 §1.2" in uit  # every value's source


def test_een_nieuwe_versie_met_overgangsregel(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, uit, err = controleer(tmp_path, capsys, TOML + OPVOLGER, "--json")
    assert code == 0, err
    nieuw = [v for v in json.loads(uit)["versies"] if v["nieuw"]]
    assert [v["versie"] for v in nieuw] == ["WI-2027-06"]
    assert nieuw[0]["overgang"] == {
        "ontvangen_vanaf": "2027-01-01",
        "ontvangen_tot": None,
        "bron": "overgangsrecht van de opvolger",
    }


@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        (TOML + OPVOLGER.replace("2027-06-13", "2027-07-01"), "de dagen ertussen hebben geen beleid"),
        (TOML + OPVOLGER.replace("2027-06-13", "2027-06-01"), "geldt tot en met 2027-06-12"),
        (
            TOML + OPVOLGER + '[versies.termijnen]\nbeslistermijn = { lengte = 6, eenheid = "maanden", '
            "wettelijk = true, atw = false }\n",
            "termijnen.beslistermijn: een gewijzigde waarde noemt haar eigen bron",
        ),
        (TOML + OPVOLGER.replace(', bron = "overgangsrecht van de opvolger"', ""), "overgang"),
        (TOML.replace('lengte = 19, eenheid = "weken"', 'lengte = 20, eenheid = "weken"'), "voeg een correctie toe"),
        (TOML + OPVOLGER.replace("geldig_vanaf", 'vervangt = "WI-2026-11"\ngeldig_vanaf'), "in_gebruik_vanaf"),
        ("[[versies]\n", "geen geldige TOML"),
        (
            TOML.replace('rollen = { waarde = ["teamleider"]', 'rollen = { waarde = ["teamleidr"]'),
            "onbekende rol 'teamleidr'",
        ),
    ],
    ids=[
        "gat",
        "overlap",
        "waarde-zonder-bron",
        "overgang-zonder-bron",
        "gepubliceerd-gewijzigd",
        "correctie",
        "toml",
        "rol",
    ],
)
def test_een_misvormd_bestand_wordt_geweigerd_voordat_iets_wordt_gepubliceerd(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], tekst: str, melding: str
) -> None:
    code, uit, err = controleer(tmp_path, capsys, tekst)
    assert code == 1 and not uit
    assert err.startswith("geweigerd: ") and melding in err


def test_vergeleken_met_het_gepubliceerde_bestand(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """In a checkout the installed data is the edited file itself: `--tegen` names the released one."""
    gepubliceerd = tmp_path / "gepubliceerd.toml"
    gepubliceerd.write_text(TOML + OPVOLGER, encoding="utf-8")
    code, _, err = controleer(tmp_path, capsys, TOML, "--tegen", str(gepubliceerd))
    assert code == 1 and "versie WI-2027-06 ontbreekt" in err
    code, uit, err = controleer(tmp_path, capsys, TOML + OPVOLGER, "--tegen", str(gepubliceerd))
    assert code == 0 and "nieuw: geen" in uit, err


def test_als_commando_van_de_worker(tmp_path: Path) -> None:
    pad = tmp_path / "beleid.toml"
    pad.write_text(TOML + OPVOLGER.replace("2027-06-13", "2027-07-01"), encoding="utf-8")
    klaar = subprocess.run(
        [sys.executable, "-m", "worker", "beleid", "controleren", str(pad)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert klaar.returncode == 1 and "geen beleid" in klaar.stderr


def test_het_voorbeeld_van_de_readme_is_in_orde(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    begin = readme.index('```toml\n[[versies]]\nversie = "WI-2027-06"') + len("```toml\n")
    voorbeeld = readme[begin : readme.index("```", begin)]
    code, uit, err = controleer(tmp_path, capsys, TOML + voorbeeld)
    assert code == 0 and "nieuw: WI-2027-06" in uit, err
