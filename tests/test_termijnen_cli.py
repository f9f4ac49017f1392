"""`python -m worker termijnen FILE|-` (CONTRACT.md): the terms at receipt, a table or JSON with an uitleg."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cli.termijnen import main
from tests.voorbeelden import aanvraag_data


def _main(capsys: pytest.CaptureFixture[str], *argumenten: str, stdin: str | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        pytest.MonkeyPatch().setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argumenten))
    uit = capsys.readouterr()
    return code, uit.out, uit.err


def _bestand(tmp_path: Path, data: dict[str, Any] | str) -> str:
    pad = tmp_path / "aanvraag.json"
    pad.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(pad)


def test_json_met_de_statusvelden_en_een_uitleg_per_termijn(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, uit, _ = _main(capsys, _bestand(tmp_path, aanvraag_data()), "--format", "json")
    assert code == 0
    termijnen = json.loads(uit)
    assert set(termijnen["nareistermijn"]) == {"einde", "coulance_einde", "oordeel", "uitleg"}
    assert termijnen["nareistermijn"]["einde"] == "2026-06-15"
    assert termijnen["nareistermijn"]["coulance_einde"] == "2026-06-29"
    assert set(termijnen["beslistermijn"]) == {
        "start",
        "einde",
        "opgeschort",
        "opgeschorte_dagen",
        "verlengd",
        "verstreken",
        "uitleg",
    }
    assert termijnen["beslistermijn"]["einde"] == "2027-04-01"
    assert termijnen["herstel_verzuim"][0]["reactie_uiterlijk"] == "2026-07-29"
    uitleg = termijnen["nareistermijn"]["uitleg"]
    assert uitleg["ruw_einde"] == "2026-06-14" and uitleg["verschuivingen"][0]["artikel"] == "Atw art. 1"
    assert uitleg["beleid"] == "WI-2026-11"


def test_stdin_met_streepje(capsys: pytest.CaptureFixture[str]) -> None:
    code, uit, _ = _main(capsys, "-", "--format", "json", stdin=json.dumps(aanvraag_data()))
    assert code == 0 and json.loads(uit)["beslistermijn"]["start"] == "2026-07-01"


def test_leesbare_tabel(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, uit, _ = _main(capsys, _bestand(tmp_path, aanvraag_data()))
    assert code == 0
    for tekst in ("nareistermijn", "beslistermijn", "2026-06-15", "2027-04-01", "Atw art. 1", "WI-2026-11"):
        assert tekst in uit


def test_tabel_voor_een_brief_en_een_subsidiair_beschermde(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    brief = aanvraag_data(vorm="brief", ontvangen_op="2026-06-10")
    code, uit, _ = _main(capsys, _bestand(tmp_path, brief))
    assert code == 0 and "formulier" in uit and "2026-07-08" in uit
    subsidiair = aanvraag_data(referent__status="subsidiair")
    code, uit, _ = _main(capsys, _bestand(tmp_path, subsidiair))
    assert code == 0 and "wachttermijn" in uit and "subsidiaire bescherming" in uit


def test_ongeldige_invoer_noemt_het_veld_en_geeft_code_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, uit, fout = _main(capsys, _bestand(tmp_path, aanvraag_data(gezinslid__relatie="neef")))
    assert code == 2 and "gezinslid.relatie" in fout and uit == ""
    code, _, fout = _main(capsys, _bestand(tmp_path, aanvraag_data(ontvangen_op="2026-03-01")))
    assert code == 2 and "ontvangen_op" in fout  # before the permit was received
    code, _, fout = _main(capsys, _bestand(tmp_path, aanvraag_data(onbekend_veld=1)))
    assert code == 2 and "onbekend_veld" in fout


def test_datum_in_de_toekomst_is_ongeldig(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, fout = _main(capsys, _bestand(tmp_path, aanvraag_data(ontvangen_op="2999-01-01")))
    assert code == 2 and "ontvangen_op" in fout and "toekomst" in fout


def test_geen_json_onleesbaar_bestand_en_verkeerde_argumenten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _main(capsys, _bestand(tmp_path, "{geen json"))[0] == 2
    code, _, fout = _main(capsys, str(tmp_path / "bestaat-niet.json"))
    assert code == 2 and "bestaat-niet.json" in fout
    assert _main(capsys)[0] == 2  # no file given
    assert _main(capsys, "-", "--format", "xml")[0] == 2
    assert _main(capsys, "--help")[0] == 0


def test_via_python_m_worker() -> None:
    uitvoer = subprocess.run(
        [sys.executable, "-m", "worker", "termijnen", "-", "--format", "json"],
        input=json.dumps(aanvraag_data()),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert uitvoer.returncode == 0, uitvoer.stderr
    assert json.loads(uitvoer.stdout)["nareistermijn"]["oordeel"] == "te_laat"
    fout = subprocess.run(
        [sys.executable, "-m", "worker", "termijnen", "-"],
        input=json.dumps(aanvraag_data(gezinslid__relatie="neef")),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert fout.returncode == 2 and "gezinslid.relatie" in fout.stderr
