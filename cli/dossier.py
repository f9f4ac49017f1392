"""`python -m worker dossier AANVRAAGNUMMER` — a case's history from the case register
(CONTRACT.md), also after its workflow has closed.

`--format json` prints the events oldest first, each `{"op", "gebeurtenis", "door",
"toelichting"}` plus `volgnummer`, `gegevens` and `beleid`; every accepted action (named by
its update), signal, letter and term outcome exactly once. `--brieven` adds the letters' text.
Exit status: 0 found, 1 unknown aanvraagnummer, 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import Any

import asyncpg

from cli import database_option
from client.register import RegisterReader
from client.registerkluis import Registerfout, Sleutelring, sleutelring
from client.settings import ConfiguratieFout, Instellingen
from nareis.register import Brief, Projectie
from nareis.tijd import datum_voluit


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m worker dossier",
        description="Toon de geschiedenis van een zaak uit het zaakregister.",
    )
    parser.add_argument("aanvraagnummer", help="bijvoorbeeld NR-2026-000123-1")
    parser.add_argument(
        "--format", choices=("tekst", "text", "json"), default="tekst", help="uitvoer (standaard: tekst)"
    )
    parser.add_argument("--brieven", action="store_true", help="toon ook de tekst van de brieven")
    database_option.voeg_toe(parser)
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if database_option.ontbreekt(args):
        return 2
    try:
        kluis = sleutelring(Instellingen.voor_cli())
    except ConfiguratieFout as fout:
        print(f"configuratiefout: {fout}", file=sys.stderr)
        return 2
    return asyncio.run(_main(args, kluis))


async def _main(args: argparse.Namespace, kluis: Sleutelring) -> int:
    try:
        pool = await asyncpg.create_pool(args.database, min_size=1, max_size=1)
    except (OSError, asyncpg.PostgresError) as fout:
        print(f"zaakregister niet bereikbaar: {fout}", file=sys.stderr)
        return 2
    try:
        register = RegisterReader(pool, kluis)
        tijdlijn = await register.tijdlijn(args.aanvraagnummer)
        projectie = await register.projectie(args.aanvraagnummer)
        aanvraag = await register.aanvraag(args.aanvraagnummer)
        brieven = await register.brieven(args.aanvraagnummer) if args.brieven else []
    except Registerfout as fout:
        print(f"zaakregister: {fout}", file=sys.stderr)
        return 2
    finally:
        await pool.close()
    if projectie is None and not tijdlijn:
        print(f"onbekende aanvraag: {args.aanvraagnummer}", file=sys.stderr)
        return 1
    if args.format == "json":
        uitvoer: Any = tijdlijn
        if args.brieven:
            uitvoer = {"tijdlijn": tijdlijn, "brieven": [b.model_dump(mode="json") for b in brieven]}
        print(json.dumps(uitvoer, ensure_ascii=False, indent=2))
    else:
        print(tekst(args.aanvraagnummer, projectie, tijdlijn, brieven, aanvraag=aanvraag))
    return 0


def tekst(
    aanvraagnummer: str,
    projectie: Projectie | None,
    tijdlijn: list[dict[str, Any]],
    brieven: list[Brief] | None = None,
    *,
    aanvraag: dict[str, Any] | None = None,
) -> str:
    """The history as a caseworker reads it."""
    regels = [f"Aanvraag {aanvraagnummer}"]
    if projectie is not None:
        gezinslid = ((aanvraag or {}).get("gezinslid") or {}).get("naam")
        regels += [
            f"  dossier          {projectie.dossiernummer or '-'}",
            f"  referent         {projectie.referent_vnummer or '-'} ({projectie.referent_status or '-'}), "
            f"gekomen via {projectie.referent_komst}"
            + (", nagereisd bij een amv" if projectie.nagereisd_bij_nbm else ""),
            f"  gezinslid        {gezinslid + ', ' if gezinslid else ''}{projectie.relatie or '-'}",
            f"  grondslag        {projectie.grondslag}" + (" (nareis op nareis)" if projectie.nareis_op_nareis else ""),
            f"  fase             {projectie.fase or '-'}",
        ]
        if projectie.ontvangen_op:
            regels.append(f"  ontvangen        {datum_voluit(projectie.ontvangen_op)}")
        if projectie.beslistermijn_einde:
            regels.append(
                f"  beslistermijn    tot {datum_voluit(projectie.beslistermijn_einde)}"
                + (" (opgeschort)" if projectie.opgeschort else "")
            )
        if projectie.uitkomst:
            op = f" op {datum_voluit(projectie.besluit_op)}" if projectie.besluit_op else ""
            regels.append(f"  besluit          {projectie.uitkomst}{op}")
        if projectie.beleid:
            regels.append(f"  beleid           {projectie.beleid}")
    regels += ["", "Tijdlijn"]
    if not tijdlijn:
        regels.append("  (nog geen gebeurtenissen)")
    breedte = max((len(g["gebeurtenis"]) for g in tijdlijn), default=0)
    for g in tijdlijn:
        extra = []
        if g["door"]:
            extra.append(f"door {g['door']}")
        if g["toelichting"]:
            extra.append(g["toelichting"])
        regels.append(
            f"  {g['volgnummer']:>3}  {datum_voluit(g['op']):<18} "
            f"{g['gebeurtenis']:<{breedte}}  {' — '.join(extra)}".rstrip()
        )
    for brief in brieven or []:
        regels += ["", f"--- brief {brief.brief_id} ({brief.soort}, {datum_voluit(brief.op)}) ---", brief.tekst]
    return "\n".join(regels)
