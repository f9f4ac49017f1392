"""The `--database` option of the commands that read the case register (`dossier`, `rapport`)."""

from __future__ import annotations

import argparse
import os
import sys


def voeg_toe(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database",
        default=os.environ.get("NAREIS_DATABASE_URL"),
        help="PostgreSQL-DSN van het zaakregister (standaard: NAREIS_DATABASE_URL)",
    )


def ontbreekt(args: argparse.Namespace) -> bool:
    """True (and said on stderr) when no register is configured: the caller exits with 2."""
    if args.database:
        return False
    print("NAREIS_DATABASE_URL: niet gezet; het zaakregister is nodig", file=sys.stderr)
    return True
