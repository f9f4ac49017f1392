"""`python -m worker termijnen FILE|-`: the terms of one Aanvraag at receipt, with explanations.

For caseworkers checking a date by hand, and for the acceptance checks (CONTRACT.md): no server
is needed. `--format json` prints `{"nareistermijn": {...}, "beslistermijn": {...}, ...}` with
the field names of the `status` query plus an `uitleg` per term. Invalid input: the error names
the field, exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from cli.uitkomst import ONGELDIG
from nareis import contract as m
from nareis.beleid import Beleid, beleid_op
from nareis.tijd import AMSTERDAM
from nareis.zaakstatus import termijnen_bij_ontvangst


def _lees(bron: str) -> str:
    if bron == "-":
        return sys.stdin.read()
    return Path(bron).read_text(encoding="utf-8")


def _tekst(waarde: Any) -> str:
    if isinstance(waarde, list):
        return "; ".join(map(str, waarde))
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    return str(waarde)


def _rij(termijn: dict[str, Any], velden: tuple[str, ...]) -> str:
    uitleg = termijn.get("uitleg") or {}
    regels = [f"{veld}: {_tekst(termijn[veld])}" for veld in velden if termijn.get(veld) not in (None, [], "")]
    regels += list(uitleg.get("stappen") or [])
    if uitleg.get("bron"):
        regels.append(f"bron: {uitleg['bron']}")
    return "\n".join(regels)


def _tabel(aanvraag: m.Aanvraag, termijnen: dict[str, Any], beleid: Beleid) -> Table:
    tabel = Table(
        title=f"Termijnen van {aanvraag.aanvraagnummer} bij ontvangst op {aanvraag.ontvangen_op}",
        caption=f"beleid {beleid.versie} (geldig {beleid.geldig_vanaf} t/m {beleid.geldig_tot}); "
        "einde = de laatste dag waarop nog tijdig is gehandeld",
        show_lines=True,
    )
    tabel.add_column("termijn", max_width=18)
    tabel.add_column("einde", no_wrap=True)
    tabel.add_column("toelichting", overflow="fold")
    nt = termijnen["nareistermijn"]
    toelichting = _rij(nt, ("oordeel", "coulance_einde"))
    if nt["oordeel"] == m.NareistermijnOordeel.NIET_VAN_TOEPASSING:
        toelichting += "\ngeen nareistermijn bij subsidiaire bescherming (WI 2026/11 §2.2); zie de wachttermijn"
    elif nt["einde"] is None:
        toelichting += "\nde asielvergunning is nog niet ontvangen: de nareistermijn is nog niet begonnen"
    tabel.add_row("nareistermijn", str(nt["einde"] or "—"), toelichting)
    bt = termijnen["beslistermijn"]
    toelichting = _rij(bt, ("start",)) or "begint pas bij ontvangst van het formulier (WI 2026/11 §5.8)"
    tabel.add_row("beslistermijn", str(bt["einde"] or "—"), toelichting)
    for hv in termijnen["herstel_verzuim"]:
        tabel.add_row(
            f"herstel verzuim ({hv['reden']})",
            str(hv["reactie_uiterlijk"]),
            _rij(hv, ("verzonden_op", "ontbrekend")),
        )
    if "wachttermijn" in termijnen:
        wt = termijnen["wachttermijn"]
        tabel.add_row("wachttermijn", str(wt["einde"]), _rij(wt, ("verstreken",)))
    return tabel


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m worker termijnen",
        description="Bereken de termijnen van één aanvraag bij ontvangst, met hun uitleg.",
    )
    parser.add_argument("bestand", help="een Aanvraag als JSON-bestand, of - voor stdin")
    parser.add_argument("--format", choices=("tabel", "json"), default="tabel", help="uitvoer (standaard: tabel)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse: --help (0) or a usage error (2), already printed
        return int(stop.code or 0)
    vandaag = datetime.now(AMSTERDAM).date()  # outside the workflow: the real today
    try:
        tekst = _lees(args.bestand)
    except (OSError, UnicodeDecodeError) as fout:
        reden = fout.strerror if isinstance(fout, OSError) and fout.strerror else str(fout)
        print(f"kan {args.bestand} niet lezen: {reden}", file=sys.stderr)
        return ONGELDIG
    try:
        aanvraag = m.lees(m.Aanvraag, tekst, vandaag=vandaag)
    except m.Invoerfout as fout:
        print("ongeldige aanvraag:", file=sys.stderr)
        for veld, melding in fout.velden:
            print(f"  {veld}: {melding}", file=sys.stderr)
        return ONGELDIG
    beleid = beleid_op(aanvraag.ontvangen_op)
    termijnen = termijnen_bij_ontvangst(aanvraag)
    if args.format == "json":
        print(json.dumps(termijnen, ensure_ascii=False, indent=2))
    else:
        # a terminal sets its own width; piped into a file, lines are kept readable at 120
        Console(width=None if sys.stdout.isatty() else 120).print(_tabel(aanvraag, termijnen, beleid))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
