"""Fixtures for the case register on the session's embedded PostgreSQL (`postgres_dsn` from
tests/conftest.py): every test gets a fresh database, copied from a template migrated once
per session (`CREATE DATABASE … TEMPLATE`, a few milliseconds), so tests never see each
other's rows. Lift these to tests/conftest.py as they are; they depend only on `postgres_dsn`.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest_asyncio

from activities.migreren import migreer
from activities.register import Register
from tests.sleutels import kluis


def dsn_voor(dsn: str, database: str) -> str:
    """The same server, another database."""
    delen = urlsplit(dsn)
    return urlunsplit(delen._replace(path=f"/{database}"))


async def _beheer(dsn: str, sql: str) -> None:
    verbinding = await asyncpg.connect(dsn)
    try:
        await verbinding.execute(sql)
    finally:
        await verbinding.close()


@pytest_asyncio.fixture(loop_scope="session", scope="session")
async def register_sjabloon(postgres_dsn: str) -> str:
    """A database with the current schema, to copy for each test."""
    naam = f"register_sjabloon_{uuid.uuid4().hex[:8]}"
    await _beheer(postgres_dsn, f'CREATE DATABASE "{naam}"')
    await migreer(dsn_voor(postgres_dsn, naam))
    return naam


@pytest_asyncio.fixture(loop_scope="session")
async def lege_database(postgres_dsn: str) -> AsyncIterator[str]:
    """DSN of a fresh, empty database (for migration tests)."""
    naam = f"leeg_{uuid.uuid4().hex[:12]}"
    await _beheer(postgres_dsn, f'CREATE DATABASE "{naam}"')
    yield dsn_voor(postgres_dsn, naam)
    await _beheer(postgres_dsn, f'DROP DATABASE "{naam}" WITH (FORCE)')


@pytest_asyncio.fixture(loop_scope="session")
async def register_dsn(postgres_dsn: str, register_sjabloon: str) -> AsyncIterator[str]:
    """DSN of a fresh database with the current schema and no rows."""
    naam = f"register_{uuid.uuid4().hex[:12]}"
    await _beheer(postgres_dsn, f'CREATE DATABASE "{naam}" TEMPLATE "{register_sjabloon}"')
    yield dsn_voor(postgres_dsn, naam)
    await _beheer(postgres_dsn, f'DROP DATABASE "{naam}" WITH (FORCE)')


@pytest_asyncio.fixture(loop_scope="session")
async def register(register_dsn: str) -> AsyncIterator[Register]:
    pool = await asyncpg.create_pool(register_dsn, min_size=1, max_size=5)
    yield Register(pool, kluis())
    await pool.close()
