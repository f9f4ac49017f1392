"""`python -m worker beleid …`: policy versions for a policy officer and an operator (issue #16;
README "Beleid wijzigen").

    beleid [lijst]                          every version: validity, what it builds on or corrects,
                                            its transitional rule, the open cases that follow it
    beleid controleren BESTAND              validate a policy data file (before review and deployment)
    beleid publiceren VERSIE [--zaak NR]    send the version to every running case (or to one)

`--json` prints the outcome as JSON. Exit status: 0 done; 1 refused (a malformed file, an
unknown version or case); 2 usage; 3 Temporal unreachable.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode

from cli.uitkomst import GEWEIGERD, KLAAR, ONBEREIKBAAR, ONGELDIG, Fout
from client import beleid as beleidsdienst
from client.settings import ConfiguratieFout, Instellingen
from nareis import beleid as beleidsdata
from nareis import contract as m
from nareis.beleid import Beleid, BeleidsFout, controleer_wijziging, lees_beleid
from nareis.tijd import datum_in_amsterdam


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m worker beleid", description="Beleidsversies en lopende zaken.")
    sub = parser.add_subparsers(dest="commando", metavar="COMMANDO")
    lijst = sub.add_parser(
        "lijst", help="elke versie met haar geldigheid, bronnen en het aantal open zaken (standaard)"
    )
    controleren = sub.add_parser("controleren", help="controleer een beleidsbestand voordat het wordt uitgerold")
    controleren.add_argument("bestand", help="het beleidsbestand (TOML), bijvoorbeeld nareis/beleid/beleid.toml")
    controleren.add_argument(
        "--tegen",
        metavar="BESTAND",
        help="het gepubliceerde beleidsbestand om tegen te vergelijken (standaard: dat van het geïnstalleerde pakket)",
    )
    publiceren = sub.add_parser("publiceren", help="stuur een versie naar alle lopende zaken (of één met --zaak)")
    publiceren.add_argument("versie", help="de versie zoals in het beleidsbestand, bijvoorbeeld WI-2026-11")
    publiceren.add_argument("--zaak", metavar="AANVRAAGNUMMER", help="alleen naar deze zaak")
    for commando in (parser, lijst, controleren, publiceren):
        commando.add_argument("--json", action="store_true", help="uitvoer als JSON")
    for commando in (parser, lijst, publiceren):
        commando.add_argument(
            "--address",
            metavar="HOST:POORT",
            help="Temporal-frontend (standaard: TEMPORAL_ADDRESS, anders wat een draaiende `worker dev` in "
            "NAREIS_DATA_DIR (standaard ./.nareis) heeft opgeschreven, anders localhost:7233)",
        )
    return parser


# --- what each command shows -------------------------------------------------------------------


def versie_regel(beleid: Beleid) -> dict[str, Any]:
    return {
        "versie": beleid.versie,
        "geldig_vanaf": beleid.geldig_vanaf.isoformat(),
        "geldig_tot": beleid.geldig_tot.isoformat(),
        "omschrijving": beleid.omschrijving,
        "basis": beleid.basis,
        "vervangt": beleid.vervangt,
        "in_gebruik_vanaf": beleid.in_gebruik_vanaf.isoformat() if beleid.in_gebruik_vanaf else None,
        "overgang": beleid.overgang.model_dump(mode="json") if beleid.overgang else None,
        "bronnen": {naam: termijn.bron for naam, termijn in beleid.termijnen},
        "onbevestigd": beleid.onbevestigd(),
    }


def _tekst(regel: dict[str, Any]) -> list[str]:
    kop = f"{regel['versie']}  geldig {regel['geldig_vanaf']} t/m {regel['geldig_tot']}"
    if "open_zaken" in regel:
        kop += f"  open zaken: {regel['open_zaken']}"
    regels = [kop, f"  {regel['omschrijving']}"]
    if regel["basis"]:
        regels.append(f"  bouwt op {regel['basis']}")
    if regel["vervangt"]:
        regels.append(f"  correctie van {regel['vervangt']}, voor zaken geopend vanaf {regel['in_gebruik_vanaf']}")
    if regel["overgang"]:
        overgang = regel["overgang"]
        tot = f" t/m {overgang['ontvangen_tot']}" if overgang["ontvangen_tot"] else ""
        regels.append(
            f"  overgangsregel: lopende zaken ontvangen vanaf {overgang['ontvangen_vanaf']}{tot} ({overgang['bron']})"
        )
    regels += [f"  {naam}: {bron}" for naam, bron in regel["bronnen"].items()]
    if regel["onbevestigd"]:
        regels.append(f"  nog te bevestigen: {', '.join(regel['onbevestigd'])}")
    return regels


async def _lijst(verbinding: Callable[[], Awaitable[Client]], versies: tuple[Beleid, ...]) -> dict[str, Any]:
    open_zaken = await beleidsdienst.open_zaken(await verbinding(), [b.versie for b in versies])
    regels = [{**versie_regel(b), "open_zaken": open_zaken.per_versie[b.versie]} for b in versies]
    return {"versies": regels, "open_zaken_zonder_versie": open_zaken.zonder_versie}


def _lees(bestand: str) -> tuple[Beleid, ...]:
    try:
        tekst = sys.stdin.read() if bestand == "-" else Path(bestand).read_text(encoding="utf-8")
    except OSError as fout:
        raise Fout(ONGELDIG, f"{bestand}: {fout.strerror}") from None
    try:
        return lees_beleid(tekst)
    except BeleidsFout as fout:
        raise Fout(GEWEIGERD, f"geweigerd: {bestand}: {fout}") from None


def _controleren(bestand: str, versies: tuple[Beleid, ...], vandaag: date) -> dict[str, Any]:
    nieuw = _lees(bestand)
    if fouten := controleer_wijziging(nieuw, versies, vandaag) + _onbekende_rollen(nieuw):
        raise Fout(GEWEIGERD, "geweigerd: " + "; ".join(fouten))
    bekend = {b.versie for b in versies}
    return {"versies": [{**versie_regel(b), "nieuw": b.versie not in bekend} for b in nieuw]}


def _onbekende_rollen(versies: tuple[Beleid, ...]) -> list[str]:
    """vier_ogen.rollen names roles of the HTTP API (CONTRACT.md): one it does not know would
    stop the API at its start."""
    bekend = {rol.value for rol in m.Rol}
    return [
        f"versie {b.versie}: vier_ogen.rollen: onbekende rol {rol!r}; kies uit {', '.join(sorted(bekend))}"
        for b in versies
        for rol in b.vier_ogen.rollen.waarde
        if rol not in bekend
    ]


async def _publiceren(
    verbinding: Callable[[], Awaitable[Client]], versie: str, zaak: str | None, versies: tuple[Beleid, ...]
) -> dict[str, Any]:
    beleid = next((b for b in versies if b.versie == versie), None)
    if beleid is None:
        bekend = ", ".join(b.versie for b in versies)
        raise Fout(
            GEWEIGERD, f"onbekende versie {versie!r}: rol haar eerst uit in het beleidsbestand (bekend: {bekend})"
        )
    client = await verbinding()
    ids = [m.workflow_id(zaak)] if zaak else await beleidsdienst.lopende_zaken(client)
    uitkomst = await beleidsdienst.publiceer(client, m.BeleidGepubliceerd.uit_beleid(beleid), ids)
    if zaak and uitkomst.niet_open:
        raise Fout(GEWEIGERD, f"geen lopende zaak {zaak}")
    return {"versie": versie, "verstuurd": uitkomst.verstuurd, "niet_open": uitkomst.niet_open}


def _weergave(commando: str, resultaat: dict[str, Any]) -> str:
    if commando == "publiceren":
        regels = [f"{resultaat['versie']} verstuurd naar {len(resultaat['verstuurd'])} lopende zaken"]
        if resultaat["niet_open"]:
            regels.append(f"niet (meer) open: {', '.join(resultaat['niet_open'])}")
        regels.append("elke zaak neemt een versie één keer; nogmaals publiceren verandert niets")
        return "\n".join(regels)
    regels = [r for regel in resultaat["versies"] for r in _tekst(regel)]
    if commando == "controleren":
        nieuw = [r["versie"] for r in resultaat["versies"] if r["nieuw"]]
        regels.append(f"in orde: {len(resultaat['versies'])} versies, nieuw: {', '.join(nieuw) or 'geen'}")
    elif resultaat["open_zaken_zonder_versie"]:
        regels.append(
            f"open zaken nog zonder NareisBeleid: {resultaat['open_zaken_zonder_versie']} "
            "(geopend vóór het zoekattribuut bestond; ze krijgen het bij hun volgende stap of een publicatie)"
        )
    return "\n".join(regels)


# --- running a command -------------------------------------------------------------------------


async def voer_uit(
    argv: list[str],
    *,
    client: Client | None = None,
    instellingen: Instellingen | None = None,
    versies: tuple[Beleid, ...] | None = None,
    console: Console | None = None,
    vandaag: date | None = None,
) -> int:
    """Run one command; `client`, `instellingen`, the deployed `versies` and the day the file is
    checked on (`vandaag`, else today in Amsterdam) are injectable for tests."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:  # argparse has printed the usage or the help
        return int(stop.code or 0)
    commando = args.commando or "lijst"
    versies = beleidsdata.BELEID_VERSIES if versies is None else versies
    console = console or Console(width=None if sys.stdout.isatty() else 140, highlight=False)

    async def verbinding() -> Client:
        nonlocal client
        if client is None:
            from client.connect import verbind

            gekozen = instellingen or Instellingen.voor_cli(address=getattr(args, "address", None))
            try:
                client = await verbind(gekozen)
            except RuntimeError as fout:  # the SDK's connect error
                raise Fout(ONBEREIKBAAR, f"Temporal ({gekozen.temporal_address}) niet bereikbaar: {fout}") from None
        return client

    try:
        if commando == "controleren":
            peildag = vandaag or datum_in_amsterdam(datetime.now(UTC))
            resultaat = _controleren(args.bestand, _lees(args.tegen) if args.tegen else versies, peildag)
        elif commando == "publiceren":
            resultaat = await _publiceren(verbinding, args.versie, args.zaak, versies)
        else:
            resultaat = await _lijst(verbinding, versies)
    except Fout as fout:
        print(fout, file=sys.stderr)
        return fout.code
    except ConfiguratieFout as fout:
        print(f"configuratiefout: {fout}", file=sys.stderr)
        return ONGELDIG
    except RPCError as fout:
        if fout.status not in (RPCStatusCode.UNAVAILABLE, RPCStatusCode.DEADLINE_EXCEEDED):
            raise
        print(f"Temporal is niet bereikbaar: {fout.message}", file=sys.stderr)
        return ONBEREIKBAAR
    if args.json:
        print(json.dumps(resultaat, ensure_ascii=False, indent=2), file=console.file)
    else:
        console.print(_weergave(commando, resultaat), markup=False)
    return KLAAR


def main(argv: list[str]) -> int:
    code = asyncio.run(voer_uit(argv))
    # The SDK's Rust threads may outlive the loop and abort interpreter teardown of a
    # short-lived client process (temporalio/sdk-python#300): leave without it.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
