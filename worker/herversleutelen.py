"""`python -m worker herversleutelen`: after a key rotation of `NAREIS_REGISTER_KEY`
(the new key first), encrypt again every value of the register that an older key encrypted
or that was stored without a key,
and the lookup hashes with it; afterwards the older keys can leave the ring (README
"Register encryption"). Idempotent; safe while workers run (each row changes only as read)."""

from __future__ import annotations

import argparse
import asyncio
import sys

import asyncpg

from activities.versleutelen import versleutel_register
from client.registerkluis import WAARSCHUWING, Sleutelring, sleutel_van, sleutelring
from client.settings import ConfiguratieFout, Instellingen


def main(argv: list[str]) -> int:
    argparse.ArgumentParser(
        prog="python -m worker herversleutelen",
        description="Versleutel het zaakregister opnieuw met de eerste sleutel van NAREIS_REGISTER_KEY.",
    ).parse_args(argv)
    try:
        instellingen = Instellingen.voor_cli()
        dsn = instellingen.vereis_database()
        kluis = sleutelring(instellingen)
    except ConfiguratieFout as fout:
        print(f"configuratiefout: {fout}", file=sys.stderr)
        return 2
    if not kluis.versleutelt:
        print(f"niets te versleutelen: {WAARSCHUWING}", file=sys.stderr)
        return 2
    try:
        aantallen = asyncio.run(_herversleutel(dsn, kluis))
    except (OSError, asyncpg.PostgresError) as fout:
        print(f"zaakregister niet bereikbaar: {fout}", file=sys.stderr)
        return 2
    print(f"opnieuw versleuteld met {kluis.actieve_sleutel}: " + ", ".join(f"{t} {n}" for t, n in aantallen.items()))
    return 0


async def _herversleutel(dsn: str, kluis: Sleutelring) -> dict[str, int]:
    pool = await asyncpg.create_pool(dsn, min_size=1, max_size=2)
    try:
        return await versleutel_register(
            pool, kluis, herversleutelen=True, sleutel_van=sleutel_van, actieve_sleutel=kluis.actieve_sleutel
        )
    finally:
        await pool.close()
