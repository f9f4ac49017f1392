"""`python -m worker termijnen` (CONTRACT.md): JSON with the status field names and an uitleg."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.voorbeelden import aanvraag_data


def _draai(*argumenten: str, invoer: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "worker", "termijnen", *argumenten],
        input=invoer,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_json_met_uitleg_per_termijn() -> None:
    uitvoer = _draai("-", "--format", "json", invoer=json.dumps(aanvraag_data()))
    assert uitvoer.returncode == 0, uitvoer.stderr
    termijnen = json.loads(uitvoer.stdout)
    assert termijnen["nareistermijn"]["einde"] == "2026-06-15"
    assert termijnen["nareistermijn"]["coulance_einde"] == "2026-06-29"
    assert termijnen["beslistermijn"]["einde"] == "2027-04-01"
    assert termijnen["beslistermijn"]["opgeschort"] is False
    assert "Atw art. 1" in " ".join(termijnen["nareistermijn"]["uitleg"]["stappen"])


def test_leesbare_tabel() -> None:
    uitvoer = _draai("-", invoer=json.dumps(aanvraag_data()))
    assert uitvoer.returncode == 0 and "beslistermijn" in uitvoer.stdout and "2027-04-01" in uitvoer.stdout


def test_ongeldige_invoer_noemt_het_veld_en_geeft_code_2() -> None:
    uitvoer = _draai("-", invoer=json.dumps(aanvraag_data(gezinslid__relatie="neef")))
    assert uitvoer.returncode == 2 and "gezinslid.relatie" in uitvoer.stderr
    uitvoer = _draai("-", invoer="{geen json")
    assert uitvoer.returncode == 2
