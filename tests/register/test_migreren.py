"""Issue 7 §1: versioned migrations, from empty and from every earlier version, idempotent
and safe when several workers start at once."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import asyncpg
import pytest

from activities.migreren import MigratieFout, migraties, migreer, schemaversie
from tests.voorbeelden import aanvraag_data


async def _schema(dsn: str) -> dict[str, Any]:
    """What the schema looks like: columns, indexes, constraints, triggers."""
    verbinding = await asyncpg.connect(dsn)
    try:
        kolommen = await verbinding.fetch(
            """SELECT table_name, column_name, data_type, is_nullable, column_default
               FROM information_schema.columns WHERE table_schema = 'public'
               ORDER BY table_name, column_name"""
        )
        indexen = await verbinding.fetch(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"
        )
        triggers = await verbinding.fetch(
            """SELECT event_object_table, trigger_name, event_manipulation
               FROM information_schema.triggers ORDER BY 1, 2, 3"""
        )
        return {
            "kolommen": [tuple(r) for r in kolommen],
            "indexen": [tuple(r) for r in indexen],
            "triggers": [tuple(r) for r in triggers],
        }
    finally:
        await verbinding.close()


def test_versies_zijn_opeenvolgend() -> None:
    versies = [m.versie for m in migraties()]
    assert versies == list(range(1, len(versies) + 1))
    assert len(versies) >= 2


async def test_van_leeg_naar_actueel_en_idempotent(lege_database: str) -> None:
    toegepast = await migreer(lege_database)
    assert toegepast == [m.naam for m in migraties()]
    assert await migreer(lege_database) == []
    verbinding = await asyncpg.connect(lege_database)
    try:
        assert await schemaversie(verbinding) == len(migraties())
        tabellen = {
            r["tablename"] for r in await verbinding.fetch("SELECT tablename FROM pg_tables WHERE schemaname='public'")
        }
    finally:
        await verbinding.close()
    assert {"schema_versie", "aanvraag", "gebeurtenis", "brief"} <= tabellen


@pytest.mark.parametrize("vanaf", range(1, len(migraties())))
async def test_van_elke_eerdere_versie(vanaf: int, lege_database: str, register_dsn: str) -> None:
    """A register at version `vanaf`, with a case in it, migrates to the same schema as an
    empty one, and its rows are carried over (0003 backfills the report columns)."""
    assert await migreer(lege_database, tot=vanaf) == [m.naam for m in migraties()[:vanaf]]
    verbinding = await asyncpg.connect(lege_database)
    try:
        assert await schemaversie(verbinding) == vanaf
        aanvraag = aanvraag_data(nummer="NR-2021-000001-1", referent__zelf_nagereisd=True)
        status = {"fase": "mvv_afgifte", "besluit": {"uitkomst": "inwilliging", "op": "2021-09-01"}}
        await verbinding.execute(
            """INSERT INTO aanvraag (aanvraagnummer, workflow_id, ontvangen_op, aanvraag, status,
                                     bijgewerkt_volgnummer)
               VALUES ($1, $2, '2021-06-01', $3::jsonb, $4::jsonb, 3)""",
            "NR-2021-000001-1",
            "nareis-NR-2021-000001-1",
            json.dumps(aanvraag),
            json.dumps(status),
        )
        await verbinding.execute(
            """INSERT INTO gebeurtenis (aanvraagnummer, workflow_id, sleutel, volgnummer, op,
                                        gebeurtenis)
               VALUES ('NR-2021-000001-1', 'nareis-NR-2021-000001-1', '1', 1, '2021-06-01',
                       'ontvangen')"""
        )
    finally:
        await verbinding.close()

    assert await migreer(lege_database) == [m.naam for m in migraties()[vanaf:]]
    assert await _schema(lege_database) == await _schema(register_dsn)

    verbinding = await asyncpg.connect(lege_database)
    try:
        rij = await verbinding.fetchrow("SELECT * FROM aanvraag")
        assert await verbinding.fetchval("SELECT count(*) FROM gebeurtenis") == 1
    finally:
        await verbinding.close()
    assert rij["aanvraagnummer"] == "NR-2021-000001-1"
    if vanaf < 3:  # written before 0003: its report columns are backfilled
        assert rij["grondslag"] == "nareis"
        assert rij["referent_komst"] == "nareis"
        assert rij["nareis_op_nareis"] is True
        assert rij["ingewilligd"] is True


async def test_gelijktijdige_workers_migreren_eenmaal(lege_database: str) -> None:
    resultaten = await asyncio.gather(*(migreer(lege_database) for _ in range(8)))
    alle = [naam for r in resultaten for naam in r]
    assert sorted(alle) == sorted(m.naam for m in migraties())  # each version exactly once
    verbinding = await asyncpg.connect(lege_database)
    try:
        assert await verbinding.fetchval("SELECT count(*) FROM schema_versie") == len(migraties())
    finally:
        await verbinding.close()


async def test_gewijzigde_migratie_wordt_geweigerd(lege_database: str) -> None:
    await migreer(lege_database)
    verbinding = await asyncpg.connect(lege_database)
    try:
        await verbinding.execute("UPDATE schema_versie SET controlegetal = 'x' WHERE versie = 1")
    finally:
        await verbinding.close()
    with pytest.raises(MigratieFout, match="0001_zaakregister is gewijzigd"):
        await migreer(lege_database)


async def test_migreren_via_pool(lege_database: str) -> None:
    pool = await asyncpg.create_pool(lege_database, min_size=1, max_size=2)
    try:
        assert len(await migreer(pool)) == len(migraties())
        assert await migreer(pool) == []
    finally:
        await pool.close()


async def test_logboek_is_alleen_toevoegen(register_dsn: str) -> None:
    verbinding = await asyncpg.connect(register_dsn)
    try:
        await verbinding.execute(
            """INSERT INTO gebeurtenis (aanvraagnummer, workflow_id, sleutel, volgnummer, op,
                                        gebeurtenis)
               VALUES ('NR-1', 'nareis-NR-1', '1', 1, '2026-07-01', 'ontvangen')"""
        )
        with pytest.raises(asyncpg.InsufficientPrivilegeError, match="alleen-toevoegen"):
            await verbinding.execute("UPDATE gebeurtenis SET door = 'iemand'")
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await verbinding.execute("DELETE FROM gebeurtenis")
    finally:
        await verbinding.close()
