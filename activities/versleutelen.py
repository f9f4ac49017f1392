"""Rows of the register in plain text encrypted, and rows under an old key encrypted again
(issue 15 item 13; migration 0006 added the columns).

`versleutel_register` runs at every worker start after the migrations: it finds the rows
written before 0006 (or by a worker of before it, during a rolling deploy) through the partial
`*_onversleuteld` indexes, so a register without such rows costs four index lookups. It
encrypts each personal column to its place, adds the lookup hashes, and empties the plain
column. `herversleutelen=True` (`python -m worker herversleutelen`, after a key
rotation) also reads every encrypted value and encrypts again what an older key encrypted,
so that key can then leave `NAREIS_REGISTER_KEY`. With a key, values stored without one (plain
mode, `nareis.register.ONVERSLEUTELD`, found through migration 0008's `*_zonder_sleutel`
indexes) are encrypted at every start too. Idempotent; batches of `PARTIJ` rows, each
in its own transaction, each row changed only if it is still as read.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import asyncpg

from activities.register import zoekwaarden
from nareis.register import ONVERSLEUTELD, VERSLEUTELD, Registerkluis, geheim, lees_tekst, plek

log = logging.getLogger("nareis.register")

PARTIJ = 500
#: append-only tables (migration 0004): their trigger is off only for this transaction's rewrite
_ALLEEN_TOEVOEGEN = {"gebeurtenis": "gebeurtenis_alleen_toevoegen", "brief": "brief_alleen_toevoegen"}


async def versleutel_register(
    pool: asyncpg.Pool,
    kluis: Registerkluis,
    *,
    herversleutelen: bool = False,
    sleutel_van: Callable[[bytes], str] | None = None,
    actieve_sleutel: str | None = None,
) -> dict[str, int]:
    """Encrypt the plain rows (and with `herversleutelen`, those under an older key than
    `actieve_sleutel`, read with `sleutel_van`); return how many rows per table changed."""
    aantallen = {}
    for tabel in VERSLEUTELD:
        aantallen[tabel] = await _onversleuteld(pool, kluis, tabel)
        if kluis.versleutelt:
            aantallen[tabel] += await _zonder_sleutel(pool, kluis, tabel)
        if herversleutelen:
            if sleutel_van is None or actieve_sleutel is None:
                raise ValueError("herversleutelen vraagt sleutel_van en actieve_sleutel")
            aantallen[tabel] += await _verouderd(pool, kluis, tabel, sleutel_van, actieve_sleutel)
    if any(aantallen.values()):
        log.info("zaakregister versleuteld: %s", ", ".join(f"{t} {n}" for t, n in aantallen.items() if n))
    return aantallen


async def _onversleuteld(pool: asyncpg.Pool, kluis: Registerkluis, tabel: str) -> int:
    _, kolommen = VERSLEUTELD[tabel]
    return await _herschrijf_waar(pool, kluis, tabel, " OR ".join(f"{k} IS NOT NULL" for k in kolommen))


async def _zonder_sleutel(pool: asyncpg.Pool, kluis: Registerkluis, tabel: str) -> int:
    _, kolommen = VERSLEUTELD[tabel]
    nul = "'\\x" + ONVERSLEUTELD.hex() + "'::bytea"
    return await _herschrijf_waar(
        pool, kluis, tabel, " OR ".join(f"substring({k}_geheim FROM 1 FOR 1) = {nul}" for k in kolommen)
    )


async def _herschrijf_waar(pool: asyncpg.Pool, kluis: Registerkluis, tabel: str, plat: str) -> int:
    """Rewrite every row matching `plat`, in batches; each rewrite stops it matching."""
    sleutel, _ = VERSLEUTELD[tabel]
    totaal = 0
    while True:
        async with pool.acquire() as verbinding, verbinding.transaction():
            rijen = await verbinding.fetch(
                f"SELECT * FROM {tabel} WHERE {plat} ORDER BY {', '.join(sleutel)} LIMIT {PARTIJ} FOR UPDATE"
            )  # table and column names from VERSLEUTELD, never input
            if not rijen:
                return totaal
            await _herschrijf(verbinding, kluis, tabel, rijen)
            totaal += len(rijen)


async def _verouderd(
    pool: asyncpg.Pool, kluis: Registerkluis, tabel: str, sleutel_van: Callable[[bytes], str], actief: str
) -> int:
    sleutel, kolommen = VERSLEUTELD[tabel]
    versleuteld = " OR ".join(f"{k}_geheim IS NOT NULL" for k in kolommen)
    totaal, vanaf = 0, None
    while True:
        async with pool.acquire() as verbinding, verbinding.transaction():
            rijen = await verbinding.fetch(
                f"""SELECT * FROM {tabel} WHERE ({versleuteld})
                    AND ($1::text[] IS NULL OR ({", ".join(sleutel)}) > ({
                    ", ".join(f"$1[{i}]" for i in range(1, len(sleutel) + 1))
                }))
                    ORDER BY {", ".join(sleutel)} LIMIT {PARTIJ} FOR UPDATE""",
                vanaf,
            )  # table and column names from VERSLEUTELD, never input
            if not rijen:
                return totaal
            vanaf = [str(rijen[-1][k]) for k in sleutel]
            oud = [r for r in rijen if any(_oud(r[f"{k}_geheim"], sleutel_van, actief) for k in kolommen)]
            if oud:
                await _herschrijf(verbinding, kluis, tabel, oud)
                totaal += len(oud)


def _oud(waarde: bytes | None, sleutel_van: Callable[[bytes], str], actief: str) -> bool:
    return waarde is not None and sleutel_van(bytes(waarde)) != actief


async def _herschrijf(
    verbinding: asyncpg.Connection, kluis: Registerkluis, tabel: str, rijen: list[asyncpg.Record]
) -> None:
    """Each row's personal columns encrypted with the active key, the plain ones emptied."""
    sleutel, kolommen = VERSLEUTELD[tabel]
    nieuw: list[tuple[Any, ...]] = []
    for rij in rijen:
        waarden = {k: _plat_of_ontsleuteld(kluis, tabel, rij, k) for k in kolommen}
        geheimen = [geheim(kluis, plek(tabel, rij, k), waarden[k]) for k in kolommen]
        extra: list[Any] = []
        if tabel == "aanvraag":
            aanvraag = json.loads(waarden["aanvraag"]) if waarden["aanvraag"] else None
            zoek = zoekwaarden(kluis, aanvraag)
            referent = waarden["referent_vnummer"]
            extra = [
                zoek["zoek_naam"],
                zoek["zoek_vnummer"],
                kluis.zoekwaarde("vnummer", referent) if referent else zoek["zoek_referent"],
            ]
        nieuw.append((*(rij[k] for k in sleutel), *geheimen, *extra))
    zetten = [f"{k}_geheim = ${i}" for i, k in enumerate(kolommen, start=len(sleutel) + 1)]
    zetten += [f"{k} = NULL" for k in kolommen]
    if tabel == "aanvraag":
        eerst = len(sleutel) + len(kolommen) + 1
        zetten += [f"{k} = ${i}" for i, k in enumerate(("zoek_naam", "zoek_vnummer", "zoek_referent"), start=eerst)]
    waar = " AND ".join(f"{k} = ${i}" for i, k in enumerate(sleutel, start=1))
    trigger = _ALLEEN_TOEVOEGEN.get(tabel)
    if trigger:
        await verbinding.execute(f"ALTER TABLE {tabel} DISABLE TRIGGER {trigger}")
    await verbinding.executemany(f"UPDATE {tabel} SET {', '.join(zetten)} WHERE {waar}", nieuw)
    if trigger:
        await verbinding.execute(f"ALTER TABLE {tabel} ENABLE TRIGGER {trigger}")


def _plat_of_ontsleuteld(kluis: Registerkluis, tabel: str, rij: asyncpg.Record, kolom: str) -> str | None:
    """The plain value when there is one (written after any encrypted one: every writer since 0006
    empties the plain column), else the decrypted one."""
    waarde = rij[kolom]
    if waarde is not None:
        return str(waarde)
    return lees_tekst(kluis, tabel, rij, kolom)
