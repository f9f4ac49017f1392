"""Signed-out sessions of the screens, shared by every API process through PostgreSQL (issue 15
item 9): table `sessie_intrekking` (migration 0007). A session id stays on it until the
session would have expired anyway; only its sha256 is stored."""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable

import asyncpg


def _sleutel(sid: str) -> str:
    return hashlib.sha256(sid.encode()).hexdigest()


class GedeeldeIntrekkingen:
    """The same two methods as the screens' per-process list, over the register's database."""

    def __init__(self, pool: Callable[[], Awaitable[asyncpg.Pool]]) -> None:
        self._pool = pool

    async def trek_in(self, sid: str, verloopt: int) -> None:
        pool = await self._pool()
        async with pool.acquire() as verbinding, verbinding.transaction():
            await verbinding.execute(
                "INSERT INTO sessie_intrekking (sid, verloopt) VALUES ($1, to_timestamp($2)) ON CONFLICT DO NOTHING",
                _sleutel(sid),
                verloopt,
            )
            await verbinding.execute("DELETE FROM sessie_intrekking WHERE verloopt <= now()")

    async def ingetrokken(self, sid: str) -> bool:
        pool = await self._pool()
        return bool(await pool.fetchval("SELECT true FROM sessie_intrekking WHERE sid = $1", _sleutel(sid)))
