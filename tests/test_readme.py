"""The README's commands exist as printed (issue #19: "Every command in the README is run by a
test"): each `python -m worker …` it names answers `--help` with exit status 0, and its help is
Dutch. The dev stack itself, the CLIs against it and the team-lead filters run in
tests/devstack."""

from __future__ import annotations

import asyncio
import importlib
import re
from pathlib import Path

import pytest

from worker.__main__ import COMMANDS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()
ZAAK = ("indienen", "status", "actie", "termijnbewaking")
_COMMANDO = re.compile(rf"python -m worker ([a-z]\w*)(?: ({'|'.join(ZAAK)})\b)?")
GENOEMD = sorted({" ".join(d for d in m.group(1, 2) if d) for m in _COMMANDO.finditer(README)})


def _help(commando: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    naam, *rest = commando
    module = importlib.import_module(COMMANDS[naam][0])
    try:
        # zaak.main and beleid.main leave with os._exit: run their body
        code = (
            asyncio.run(module.voer_uit([*rest, "--help"]))
            if naam in ("zaak", "beleid")
            else module.main([*rest, "--help"])
        )
    except SystemExit as stop:
        code = stop.code
    return int(code or 0), capsys.readouterr().out


def test_readme_noemt_commandos() -> None:
    assert {"dev", "zaak", "dossier", "rapport", "termijnen", "zaak status", "zaak termijnbewaking"} <= set(GENOEMD)


@pytest.mark.parametrize("commando", GENOEMD)
def test_readme_commando_bestaat(commando: str, capsys: pytest.CaptureFixture[str]) -> None:
    naam = commando.split()[0]
    assert naam in COMMANDS, f"README noemt `python -m worker {commando}`, dat niet bestaat"
    code, uitvoer = _help(commando.split(), capsys)
    assert code == 0 and uitvoer


@pytest.mark.parametrize("commando", [*COMMANDS, *(f"zaak {sub}" for sub in ZAAK)])
def test_helpteksten_zijn_nederlands(commando: str, capsys: pytest.CaptureFixture[str]) -> None:
    """argparse's own headings ("usage", "options", "show this help message") may stay; what we
    wrote is Dutch."""
    _, uitvoer = _help(commando.split(), capsys)
    eigen = uitvoer.replace("show this help message and exit", "")
    engels = re.findall(r"\b(the|default|show|print|run|file|with|and|of the)\b", eigen)
    assert not engels, f"{commando} --help:\n{uitvoer}"
