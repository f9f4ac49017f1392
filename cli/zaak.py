"""`python -m worker zaak …`: the caseworker's command line, straight to Temporal.

    zaak indienen AANVRAAG.json|-             start a case (same rules as POST /aanvragen)
    zaak status NR                            the case, every term with its explanation
    zaak details NR                           each fact's provenance, what each entry changed
    zaak actie NR UPDATE [PAYLOAD.json] [--veld waarde …] [--door wie]
    zaak termijnbewaking [--binnen N] [--fase F …] [--referent V] [--dossier D]

`--json` prints the status (or the list) as JSON. The actor of an action is `--door`
(default: $USER). Exit status: 0 done; 1 refused (the case's reason), the case exists or
is unknown; 2 invalid input (the message names the field) or usage; 3 Temporal unreachable.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import os
import sys
import types
import typing
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from rich.console import Console, RenderableType
from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode

from cli.uitkomst import GEWEIGERD, KLAAR, ONBEREIKBAAR, ONGELDIG, Fout
from client.settings import ConfiguratieFout, Instellingen
from nareis import contract as m
from nareis.tijd import AMSTERDAM


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m worker zaak", description="Zaken behandelen via Temporal.")
    sub = parser.add_subparsers(dest="commando", required=True, metavar="COMMANDO")

    indienen = sub.add_parser("indienen", help="dien een aanvraag in (JSON-bestand of -)")
    indienen.add_argument("bestand", help="een Aanvraag als JSON-bestand, of - voor stdin")

    status = sub.add_parser("status", help="toon een zaak met al haar termijnen en hun uitleg")
    status.add_argument("aanvraagnummer", help="bijvoorbeeld NR-2026-000123-1")
    status.add_argument("--stappen", action="store_true", help="toon ook de afleiding van elke datum stap voor stap")

    details = sub.add_parser("details", help="herkomst van de feiten en wat elke regel van de tijdlijn veranderde")
    details.add_argument("aanvraagnummer", help="bijvoorbeeld NR-2026-000123-1")

    actie = sub.add_parser(
        "actie",
        help="voer een actie uit (een update van CONTRACT.md)",
        description="Velden uit het JSON-bestand en/of als --veld waarde; lijsten met komma's, ja/nee voor bool.",
    )
    actie.add_argument("aanvraagnummer", help="bijvoorbeeld NR-2026-000123-1")
    actie.add_argument("update", help=", ".join(m.ACTIES))
    actie.add_argument("bestand", nargs="?", help="de payload als JSON-object (of -)")
    actie.add_argument("--door", help="wie de actie doet (standaard: door uit het bestand, anders $USER)")
    actie.add_argument("--actie-id", help="herhaal met hetzelfde id: de actie telt één keer")

    bewaking = sub.add_parser("termijnbewaking", help="open zaken waarvan de beslistermijn binnen N dagen eindigt")
    bewaking.add_argument("--binnen", type=int, default=30, help="dagen vanaf vandaag (standaard 30)")
    bewaking.add_argument("--fase", action="append", choices=[f.value for f in m.Fase], help="herhaalbaar")
    bewaking.add_argument("--referent", help="vnummer van de referent")
    bewaking.add_argument("--dossier", help="dossiernummer")

    for commando in (indienen, status, details, actie, bewaking):
        commando.add_argument("--json", action="store_true", help="uitvoer als JSON")
        commando.add_argument(
            "--address",
            metavar="HOST:POORT",
            help="Temporal-frontend (standaard: TEMPORAL_ADDRESS, anders wat een draaiende `worker dev` in "
            "NAREIS_DATA_DIR (standaard ./.nareis) heeft opgeschreven, anders localhost:7233)",
        )
    return parser


# --- input --------------------------------------------------------------------------------


def _lees_bestand(bron: str) -> Any:
    try:
        tekst = sys.stdin.read() if bron == "-" else Path(bron).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as fout:
        reden = fout.strerror if isinstance(fout, OSError) and fout.strerror else str(fout)
        raise Fout(ONGELDIG, f"kan {bron} niet lezen: {reden}") from None
    try:
        return json.loads(tekst)
    except json.JSONDecodeError as fout:
        raise Fout(ONGELDIG, f"{bron}: geen geldige JSON (regel {fout.lineno}, kolom {fout.colno})") from None


def _is(soort: Any, doel: type) -> bool:
    """`soort` is `doel`, `doel[...]` or an optional of one of those."""
    if typing.get_origin(soort) in (typing.Union, types.UnionType):
        return any(_is(deel, doel) for deel in typing.get_args(soort))
    return soort is doel or typing.get_origin(soort) is doel


def _veldwaarde(model: type[m.Actie], veld: str, tekst: str) -> Any:
    """A `--veld waarde` as the model's field type: lists by comma, bools as ja/nee, objects as JSON."""
    info = model.model_fields.get(veld)
    soort = info.annotation if info else str
    if _is(soort, list):
        return [deel.strip() for deel in tekst.split(",") if deel.strip()]
    if _is(soort, bool) and tekst.lower() in ("ja", "nee"):
        return tekst.lower() == "ja"
    if _is(soort, dict):
        try:
            return json.loads(tekst)
        except json.JSONDecodeError:
            raise Fout(ONGELDIG, f"ongeldige actie:\n  {veld}: verwacht een JSON-object") from None
    return tekst


#: the options of `zaak actie` itself; every other `--naam waarde` is a payload field
_EIGEN_OPTIES = {"--door": True, "--actie-id": True, "--address": True, "--json": False, "-h": False, "--help": False}


def _splits_velden(argv: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Split `zaak actie`'s arguments into its own and the payload's `--veld waarde` pairs
    (argparse would take a field's value for the optional payload file)."""
    if not argv or argv[0] != "actie":
        return argv, []
    eigen, velden = [argv[0]], []
    rest = iter(argv[1:])
    for woord in rest:
        naam, gelijk, waarde = woord.partition("=")
        if not woord.startswith("--") or naam in _EIGEN_OPTIES or woord in ("-h", "--"):
            eigen.append(woord)
            if _EIGEN_OPTIES.get(naam) and not gelijk:
                eigen.append(next(rest, ""))
            continue
        if not gelijk:
            waarde = next(rest, None)  # type: ignore[assignment]
            if waarde is None:
                raise Fout(ONGELDIG, f"{naam}: waarde ontbreekt")
        velden.append((naam[2:].replace("-", "_"), waarde))
    return eigen, velden


def _velden(model: type[m.Actie], paren: list[tuple[str, str]]) -> dict[str, Any]:
    return {naam: _veldwaarde(model, naam, waarde) for naam, waarde in paren}


def _invoerfout(wat: str, fout: m.Invoerfout) -> Fout:
    return Fout(ONGELDIG, "\n".join([f"ongeldige {wat}:", *(f"  {veld}: {melding}" for veld, melding in fout.velden)]))


def lees_actie(
    update: str, bestand: str | None, velden: list[tuple[str, str]], door: str | None, vandaag: date
) -> dict[str, Any]:
    """The action's payload, validated like the API does, so a bad one never reaches the case."""
    model = m.ACTIES.get(update)
    if model is None:
        raise Fout(ONGELDIG, f"onbekende actie {update!r}; kies uit: {', '.join(m.ACTIES)}")
    data = _lees_bestand(bestand) if bestand else {}
    if not isinstance(data, dict):
        raise Fout(ONGELDIG, f"{bestand}: verwacht een JSON-object")
    data |= _velden(model, velden)
    if door:
        data["door"] = door
    data.setdefault("door", getpass.getuser())
    try:
        actie = m.lees(model, data, vandaag=vandaag)
    except m.Invoerfout as fout:
        raise _invoerfout("actie", fout) from None
    return actie.model_dump(mode="json", exclude_unset=True)


# --- running ------------------------------------------------------------------------------


async def _uitvoeren(
    args: argparse.Namespace,
    rest: list[tuple[str, str]],
    verbinding: Callable[[], Awaitable[Client]],
    instellingen: Instellingen,
    vandaag: date,
) -> Any:
    from client import visibility
    from client.zaken import Zaken

    zaken = Zaken(verbinding, instellingen.task_queue)
    if args.commando == "indienen":
        try:
            aanvraag = m.lees(m.Aanvraag, _lees_bestand(args.bestand), vandaag=vandaag)
        except m.Invoerfout as fout:
            raise _invoerfout("aanvraag", fout) from None
        return await zaken.start(aanvraag)
    if args.commando == "status":
        return await zaken.status(args.aanvraagnummer)
    if args.commando == "details":
        return await zaken.details(args.aanvraagnummer)
    if args.commando == "actie":
        payload = lees_actie(args.update, args.bestand, rest, args.door, vandaag)
        return await zaken.actie(args.aanvraagnummer, args.update, payload, actie_id=args.actie_id)
    # expired ones included; by default the phases before the decision (WI 2026/11 §1.2)
    opdracht = visibility.query(
        fasen=args.fase or visibility.FASEN_VOOR_BESLUIT,
        beslistermijn_eindigt_voor=vandaag + timedelta(days=args.binnen + 1),
        referent=args.referent,
        dossier=args.dossier,
    )
    return opdracht, await visibility.cases(await verbinding(), opdracht, vandaag)


def _weergave(args: argparse.Namespace, resultaat: Any) -> RenderableType:
    from cli.zaak_weergave import bewaking_weergave, details_weergave, status_weergave

    if args.commando == "termijnbewaking":
        return bewaking_weergave(resultaat[1], resultaat[0])
    if args.commando == "details":
        return details_weergave(resultaat)
    return status_weergave(resultaat, stappen=getattr(args, "stappen", False))


def _fout(fout: Exception) -> Fout:
    from client.zaken import (
        ActieGeweigerd,
        NietBeschikbaar,
        SleutelHergebruikt,
        SleutelOntbreekt,
        ZaakBestaat,
        ZaakOnbekend,
    )

    if isinstance(fout, Fout):
        return fout
    if isinstance(fout, SleutelOntbreekt | SleutelHergebruikt):
        return Fout(ONGELDIG, str(fout))
    if isinstance(fout, ActieGeweigerd):
        return Fout(GEWEIGERD, f"geweigerd: {fout}")
    if isinstance(fout, ZaakBestaat | ZaakOnbekend):
        return Fout(GEWEIGERD, str(fout))
    if isinstance(fout, NietBeschikbaar):
        return Fout(ONBEREIKBAAR, str(fout))
    if isinstance(fout, RPCError) and fout.status in (RPCStatusCode.UNAVAILABLE, RPCStatusCode.DEADLINE_EXCEEDED):
        return Fout(ONBEREIKBAAR, f"Temporal is niet bereikbaar: {fout.message}")
    if isinstance(fout, ConfiguratieFout):
        return Fout(ONGELDIG, f"configuratiefout: {fout}")
    raise fout


async def voer_uit(
    argv: list[str],
    *,
    client: Client | None = None,
    instellingen: Instellingen | None = None,
    vandaag: date | None = None,
    console: Console | None = None,
) -> int:
    """Run one command; `client`, `instellingen` and `vandaag` are injectable for tests."""
    try:
        eigen, rest = _splits_velden(argv)
        args = _parser().parse_args(eigen)
    except SystemExit as stop:  # argparse has printed the usage or the help
        return int(stop.code or 0)
    except Fout as fout:
        print(fout, file=sys.stderr)
        return fout.code
    console = console or Console(width=None if sys.stdout.isatty() else 140)
    try:
        instellingen = instellingen or Instellingen.voor_cli(address=args.address)
        vandaag = vandaag or datetime.now(AMSTERDAM).date()  # outside a workflow: the real today

        async def verbinding() -> Client:
            nonlocal client
            if client is None:
                from client.connect import verbind

                try:
                    client = await verbind(instellingen)
                except RuntimeError as fout:  # the SDK's connect error
                    adres = instellingen.temporal_address
                    raise Fout(ONBEREIKBAAR, f"Temporal ({adres}) niet bereikbaar: {fout}") from None
            return client

        resultaat = await _uitvoeren(args, rest, verbinding, instellingen, vandaag)
    except Exception as fout:
        bekend = _fout(fout)
        print(bekend, file=sys.stderr)
        return bekend.code
    if args.json:
        uitvoer = resultaat[1] if args.commando == "termijnbewaking" else resultaat
        print(json.dumps(uitvoer, ensure_ascii=False, indent=2), file=console.file)
    else:
        console.print(_weergave(args, resultaat))
    return KLAAR


def main(argv: list[str]) -> int:
    from client.tracing import traces_afronden

    code = asyncio.run(voer_uit(argv))
    traces_afronden()  # os._exit skips atexit, where the span processor would flush
    # The SDK's Rust threads may outlive the loop and abort interpreter teardown of a
    # short-lived client process (temporalio/sdk-python#300): leave without it.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
