"""`python -m worker termijnen FILE|-`: the terms of one Aanvraag at receipt, with explanations.

For caseworkers checking a date by hand (and the acceptance checks): no server needed.
Exit 2 with the field named on invalid input.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from nareis import modellen as m
from nareis.beleid import beleid_op
from nareis.kalender.termijnen import termijnen_bij_ontvangst
from nareis.tijd import AMSTERDAM


def _lees(bron: str) -> str:
    return sys.stdin.read() if bron == "-" else Path(bron).read_text(encoding="utf-8")


def _tabel(aanvraag: m.Aanvraag, termijnen: dict[str, dict[str, Any]], beleid: str) -> Table:
    tabel = Table(title=f"Termijnen van {aanvraag.aanvraagnummer} bij ontvangst (beleid {beleid})", show_lines=True)
    for kolom in ("termijn", "einde", "toelichting"):
        tabel.add_column(kolom)
    for naam, termijn in termijnen.items():
        uitleg = termijn.get("uitleg") or {}
        regels = [
            f"{k}: {termijn[k]}" for k in ("oordeel", "coulance_einde", "start", "reactie_uiterlijk") if termijn.get(k)
        ]
        regels += list(uitleg.get("stappen") or [])
        if uitleg.get("bron"):
            regels.append(f"bron: {uitleg['bron']}")
        tabel.add_row(naam, str(termijn.get("einde") or termijn.get("reactie_uiterlijk") or "—"), "\n".join(regels))
    return tabel


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m worker termijnen", description=__doc__)
    parser.add_argument("bestand", help="een Aanvraag als JSON-bestand, of - voor stdin")
    parser.add_argument("--format", choices=("tabel", "json"), default="tabel")
    args = parser.parse_args(argv)
    from datetime import datetime

    vandaag: date = datetime.now(AMSTERDAM).date()
    try:
        aanvraag = m.lees(m.Aanvraag, _lees(args.bestand), vandaag=vandaag)
    except OSError as fout:
        print(f"kan {args.bestand} niet lezen: {fout.strerror}", file=sys.stderr)
        return 2
    except m.Invoerfout as fout:
        print(f"ongeldige aanvraag: {fout}", file=sys.stderr)
        return 2
    beleid = beleid_op(aanvraag.ontvangen_op)
    termijnen = termijnen_bij_ontvangst(aanvraag, beleid)
    if args.format == "json":
        print(json.dumps(termijnen, ensure_ascii=False, indent=2))
    else:
        Console().print(_tabel(aanvraag, termijnen, beleid.versie))
    return 0
