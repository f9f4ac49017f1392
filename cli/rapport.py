"""`python -m worker rapport` — the yearly counts of seed 004 ("Analyse gestapelde
gezinshereniging") from the case register (CONTRACT.md).

The text tables are rounded as the IND publishes them (seed 004: "afgerond op tientallen"):
to the nearest ten, `<10` for 1-9, `-` for none; a total is the rounded sum of the unrounded
numbers (the seed's "Eindtotaal" of two `<10` cells reads `10`). `--onafgerond` shows the
numbers as they are. `--format json` is always unrounded:
`{"nareis_op_nareis": {"2026": {"aanvragen": 3, "inwilligingen": 1, "open": 2}, ...}, ...}`,
one key per table (`client.register.RAPPORT_TABELLEN` defines what each counts); the
year is the year of receipt. `--tot DATUM` counts as of that date (seed 004: "t/m 31
december 2023").
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from dataclasses import dataclass
from datetime import date

import asyncpg

from cli import database_option
from client.register import RAPPORT_TABELLEN, RegisterReader

Cijfers = dict[str, dict[str, dict[str, int]]]


@dataclass(frozen=True)
class Onderdeel:
    """One part of the seed: a question on applications, one on grants, and its tables."""

    vraag_aanvragen: str
    vraag_inwilligingen: str
    tabellen: tuple[str, ...]


#: the seed's parts, in its order
ONDERDELEN = (
    Onderdeel(
        "Hoe vaak is nareis op nareis aangevraagd?",
        "Hoe vaak is nareis op nareis ingewilligd?",
        ("nareis_op_nareis",),
    ),
    Onderdeel(
        "Hoe vaak is gezinshereniging aangevraagd door nagereisde broers en zussen van AMV?",
        "Hoe vaak is gezinshereniging van nagereisde broers en zussen van AMV ingewilligd?",
        ("nareis_door_broers_zussen_nbm", "artikel_8_door_broers_zussen_nbm"),
    ),
    Onderdeel(
        "Hoe vaak is 8 EVRM na nareis aangevraagd?",
        "Hoe vaak is 8 EVRM na nareis ingewilligd?",
        ("artikel_8_na_nareis",),
    ),
    Onderdeel(
        "Hoe vaak is nareis na 8 EVRM (die na inreis zelfstandig asiel heeft aangevraagd) ingediend?",
        "Hoe vaak is nareis na 8 EVRM (die na inreis zelfstandig asiel heeft aangevraagd) ingewilligd?",
        ("nareis_na_artikel_8",),
    ),
    Onderdeel(
        "Hoe vaak is 8 EVRM na 8 EVRM bij een asielstatushouder ingediend?",
        "Hoe vaak is 8 EVRM na 8 EVRM bij een asielstatushouder ingewilligd?",
        ("artikel_8_na_artikel_8",),
    ),
)


def afgerond(aantal: int) -> str:
    """Seed 004: to tens (half up), `<10` below ten, `-` for none."""
    if aantal == 0:
        return "-"
    if aantal < 10:
        return "<10"
    return str((aantal + 5) // 10 * 10)


def tekst(cijfers: Cijfers, *, afronden: bool = True) -> str:
    """The seed's tables from the unrounded counts."""
    toon = afgerond if afronden else str
    delen = []
    if afronden:
        delen.append(
            "De aantallen zijn afgerond op tientallen en betreffen individuele aanvragen (1 aanvraag is 1 persoon)."
        )
    for onderdeel in ONDERDELEN:
        jaren = sorted({jaar for naam in onderdeel.tabellen for jaar in cijfers.get(naam, {})})
        open_ = sum(cel["open"] for naam in onderdeel.tabellen for cel in cijfers.get(naam, {}).values())
        for soort, vraag in (
            ("aanvragen", onderdeel.vraag_aanvragen),
            ("inwilligingen", onderdeel.vraag_inwilligingen),
        ):
            rijen: list[tuple[str, list[int]]] = []
            for naam in onderdeel.tabellen:
                per_jaar = cijfers.get(naam, {})
                waarden = [per_jaar.get(jaar, {}).get(soort, 0) for jaar in jaren]
                label = f"{soort.capitalize()} {RAPPORT_TABELLEN[naam].omschrijving}"
                rijen.append((label, [*waarden, sum(waarden)]))
            if len(rijen) > 1:
                totaal = [sum(kolom) for kolom in zip(*(w for _, w in rijen), strict=True)]
                rijen.append(("Eindtotaal", totaal))
            voetnoot = soort == "inwilligingen" and open_ > 0
            tabel = _tabel(
                [*jaren, "Eindtotaal"],
                [(label, [toon(w) for w in waarden]) for label, waarden in rijen],
                ster=voetnoot,
            )
            delen += ["", vraag, "", tabel]
            if voetnoot:
                delen.append(
                    f"* De IND heeft nog niet op alle aanvragen beslist. Er staan nog {toon(open_)} aanvragen open."
                )
    return "\n".join(delen)


def _tabel(koppen: list[str], rijen: list[tuple[str, list[str]]], *, ster: bool) -> str:
    if ster and rijen:  # the seed puts the footnote mark on the last total
        label, cellen = rijen[-1]
        rijen[-1] = (label, [*cellen[:-1], cellen[-1] + "*"])
    labelbreedte = max([len(label) for label, _ in rijen] + [0])
    breedtes = [max([len(kop)] + [len(cellen[i]) for _, cellen in rijen]) for i, kop in enumerate(koppen)]
    regels = [" " * labelbreedte + "  " + "  ".join(k.rjust(b) for k, b in zip(koppen, breedtes, strict=True))]
    for label, cellen in rijen:
        regels.append(
            label.ljust(labelbreedte) + "  " + "  ".join(c.rjust(b) for c, b in zip(cellen, breedtes, strict=True))
        )
    return "\n".join(regels)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m worker rapport",
        description="Tel gestapelde gezinshereniging per jaar uit het zaakregister (seed 004).",
    )
    parser.add_argument(
        "--format", choices=("tekst", "text", "json"), default="tekst", help="uitvoer (standaard: tekst)"
    )
    parser.add_argument("--onafgerond", action="store_true", help="toon de tabellen zonder afronding op tientallen")
    parser.add_argument(
        "--tot",
        type=date.fromisoformat,
        default=None,
        metavar="JJJJ-MM-DD",
        help="peildatum: tel aanvragen ontvangen en besluiten genomen tot en met deze datum",
    )
    database_option.voeg_toe(parser)
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if database_option.ontbreekt(args):
        return 2
    try:
        cijfers = asyncio.run(_cijfers(args.database, args.tot))
    except (OSError, asyncpg.PostgresError) as fout:
        print(f"zaakregister niet bereikbaar: {fout}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(cijfers, indent=2))
    else:
        print(tekst(cijfers, afronden=not args.onafgerond))
    return 0


async def _cijfers(dsn: str, tot: date | None) -> Cijfers:
    pool = await asyncpg.create_pool(dsn, min_size=1, max_size=1)
    try:
        return await RegisterReader(pool, None).rapport(tot)  # counts only: no key needed
    finally:
        await pool.close()
