"""The case register's schema: versioned SQL migrations applied at worker start (issue 7 §1).

Each `activities/migraties/NNNN_name.sql` is one version, applied once, in order, and
recorded in `schema_versie` with the sha256 of its text. All pending versions are applied in
one transaction under a transaction-level advisory lock, so several workers starting at once
apply each version exactly once (the others wait, then find nothing to do), and a failing
version leaves the schema as it was.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from importlib import resources

import asyncpg

log = logging.getLogger("nareis.register")

#: pg_advisory_xact_lock key of the register's migrations ("nareis" + 1)
MIGRATIE_SLOT = 0x6E_61_72_65_69_73_00_01

_NAAM = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


class MigratieFout(RuntimeError):
    """The register's schema does not match the migrations shipped with this code."""


@dataclass(frozen=True)
class Migratie:
    versie: int
    naam: str  # file name without .sql, e.g. "0001_zaakregister"
    sql: str

    @property
    def controlegetal(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


def migraties() -> list[Migratie]:
    """The shipped migrations, in version order; versions must be 1, 2, 3, … without gaps."""
    gevonden = []
    for bestand in resources.files("activities.migraties").iterdir():
        treffer = _NAAM.match(bestand.name)
        if treffer:
            gevonden.append(Migratie(int(treffer.group(1)), bestand.name.removesuffix(".sql"), bestand.read_text()))
    gevonden.sort(key=lambda m: m.versie)
    for verwacht, migratie in enumerate(gevonden, start=1):
        if migratie.versie != verwacht:
            raise MigratieFout(f"migratie {verwacht:04d} ontbreekt (gevonden: {migratie.naam})")
    return gevonden


_SCHEMA_VERSIE = """
CREATE TABLE IF NOT EXISTS schema_versie (
    versie        integer PRIMARY KEY,
    naam          text NOT NULL,
    controlegetal text NOT NULL,
    toegepast_om  timestamptz NOT NULL DEFAULT now()
)
"""


async def migreer(doel: str | asyncpg.Pool | asyncpg.Connection, *, tot: int | None = None) -> list[str]:
    """Bring the register's schema up to date (or up to version `tot`); return what was applied.

    Idempotent and safe to call from several processes at once.
    """
    if isinstance(doel, str):
        verbinding = await asyncpg.connect(doel)
        try:
            return await _migreer(verbinding, tot)
        finally:
            await verbinding.close()
    if isinstance(doel, asyncpg.Pool):
        async with doel.acquire() as verbinding:
            return await _migreer(verbinding, tot)
    return await _migreer(doel, tot)


async def _migreer(verbinding: asyncpg.Connection, tot: int | None) -> list[str]:
    alle = [m for m in migraties() if tot is None or m.versie <= tot]
    async with verbinding.transaction():
        await verbinding.execute("SELECT pg_advisory_xact_lock($1)", MIGRATIE_SLOT)
        await verbinding.execute(_SCHEMA_VERSIE)
        rijen = await verbinding.fetch("SELECT versie, naam, controlegetal FROM schema_versie")
        toegepast = {r["versie"]: r for r in rijen}
        bekend = {m.versie for m in migraties()}
        onbekend = sorted(set(toegepast) - bekend)
        if onbekend:
            # a newer worker migrated already (rolling deploy): its versions add, never break
            log.warning(
                "zaakregister heeft versie %s, nieuwer dan deze code kent (%s)",
                onbekend[-1],
                max(bekend),
            )
        nieuw = []
        for migratie in alle:
            rij = toegepast.get(migratie.versie)
            if rij is not None:
                if rij["controlegetal"] != migratie.controlegetal:
                    raise MigratieFout(
                        f"migratie {migratie.naam} is gewijzigd nadat ze is toegepast; "
                        "voeg een nieuwe versie toe in plaats van een oude te wijzigen"
                    )
                continue
            log.info("zaakregister: migratie %s toepassen", migratie.naam)
            await verbinding.execute(migratie.sql)
            await verbinding.execute(
                "INSERT INTO schema_versie (versie, naam, controlegetal) VALUES ($1, $2, $3)",
                migratie.versie,
                migratie.naam,
                migratie.controlegetal,
            )
            nieuw.append(migratie.naam)
        return nieuw


async def schemaversie(doel: asyncpg.Pool | asyncpg.Connection) -> int:
    """The highest applied version (0 for an empty database)."""
    bestaat = await doel.fetchval("SELECT to_regclass('schema_versie') IS NOT NULL")
    if not bestaat:
        return 0
    return int(await doel.fetchval("SELECT coalesce(max(versie), 0) FROM schema_versie"))
