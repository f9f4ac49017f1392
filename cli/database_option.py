"""The `--database` option of the commands that read the case register (`dossier`, `rapport`)."""

from __future__ import annotations

import argparse
import sys

from client.settings import ConfiguratieFout, Instellingen


def voeg_toe(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database",
        metavar="DSN",
        help="PostgreSQL-DSN van het zaakregister (standaard: NAREIS_DATABASE_URL, anders wat een draaiende "
        "`worker dev` in NAREIS_DATA_DIR (standaard ./.nareis) heeft opgeschreven)",
    )


def ontbreekt(args: argparse.Namespace) -> bool:
    """Fill in `args.database` (option, environment, the dev stack's file); True (and said on
    stderr) when no register is configured: the caller exits with 2."""
    try:
        args.database = Instellingen.voor_cli(database=args.database).database_url
    except ConfiguratieFout as fout:
        print(f"configuratiefout: {fout}", file=sys.stderr)
        return True
    if args.database:
        return False
    print(
        "NAREIS_DATABASE_URL: niet gezet; het zaakregister is nodig (geef --database, of start `python -m worker dev` "
        "in deze map of zet NAREIS_DATA_DIR op zijn gegevensmap)",
        file=sys.stderr,
    )
    return True
