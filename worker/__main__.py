"""`python -m worker [COMMAND]` (CONTRACT.md "Processes and configuration").

Without a command it runs the worker; the commands are the embedded dev stack, the HTTP API
and the tools caseworkers and analysts use (the `cli` package).
"""

from __future__ import annotations

import importlib
import sys

COMMANDS = {
    "dev": ("worker.dev", "start de hele dienst lokaal: Temporal dev server + UI, PostgreSQL, worker, API"),
    "termijnen": ("cli.termijnen", "bereken de termijnen van een aanvraag (JSON-bestand of -)"),
    "dossier": ("cli.dossier", "toon de geschiedenis van een zaak uit het zaakregister"),
    "zaak": ("cli.zaak", "behandel zaken via Temporal: indienen, status, actie, termijnbewaking"),
    "rapport": ("cli.rapport", "tel nareis-op-nareis en verwante aanvragen per jaar (seed 004)"),
    "beleid": ("cli.beleid", "beleidsversies: lijst met open zaken, controleren, publiceren naar lopende zaken"),
    "api": ("worker.api_server", "start alleen de HTTP API"),
    "herversleutelen": (
        "worker.herversleutelen",
        "versleutel het zaakregister opnieuw met de nieuwste sleutel (na een sleutelwissel)",
    ),
}


def _gebruik() -> str:
    regels = ["gebruik: python -m worker [COMMANDO] ...", "", "zonder commando: draai de worker", ""]
    regels += [f"  {naam:<10} {uitleg}" for naam, (_, uitleg) in COMMANDS.items()]
    return "\n".join(regels)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("-h", "--help", "help"):
        print(_gebruik())
        return 0
    if argv and argv[0] in COMMANDS:
        module = importlib.import_module(COMMANDS[argv[0]][0])
        return int(module.main(argv[1:]) or 0)
    if argv:
        print(f"onbekend commando: {argv[0]}\n\n{_gebruik()}", file=sys.stderr)
        return 2
    from worker.draaien import main as draai

    return draai()


if __name__ == "__main__":
    sys.exit(main())
