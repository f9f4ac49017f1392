"""ruff and mypy (strict, every package: pyproject.toml) are part of the suite, so CI on a fresh
clone holds them as the developers' pre-commit run does (issue #14: checked all the way through)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _draai(*argumenten: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *argumenten], cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )


def test_ruff() -> None:
    controle = _draai("ruff", "check", ".")
    assert controle.returncode == 0, controle.stdout + controle.stderr
    opmaak = _draai("ruff", "format", "--check", ".")
    assert opmaak.returncode == 0, opmaak.stdout + opmaak.stderr


@pytest.mark.slow
def test_mypy_strikt_op_elk_pakket() -> None:
    uitslag = _draai("mypy")
    assert uitslag.returncode == 0, uitslag.stdout + uitslag.stderr
    assert "Success" in uitslag.stdout
