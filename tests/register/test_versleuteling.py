"""Issue 15 item 13: personal data in the register encrypted at rest (AES-256-GCM bound to its
table, row and column), found by name or V-number through keyed hashes, with key rotation and
the migration of rows written in plain text before 0006."""

from __future__ import annotations

import asyncio
import base64
import os
import sys
from datetime import date
from typing import Any

import asyncpg
import pytest
from temporalio.testing import ActivityEnvironment

from activities.migreren import migraties, migreer
from activities.poorten import LokaleVerzoeken
from activities.register import Gebeurtenis, Register, RegisterActiviteiten, Vastlegging
from activities.versleutelen import versleutel_register
from client.register import RegisterReader
from client.registerkluis import Registerfout, Sleutelring, sleutel_van, sleutelring
from client.settings import ConfiguratieFout, Instellingen
from nareis import contract as m
from nareis import effecten as e
from nareis.register import VERSLEUTELD, zoeknormaal
from tests.register.test_rapport import GEVALLEN, VERWACHT, _vul
from tests.sleutels import REGISTER_SLEUTEL, kluis
from tests.voorbeelden import aanvraag_data

pytestmark = pytest.mark.asyncio(loop_scope="session")

NAAM = "Ayşe Yılmaz-Özdemir"
GEBOORTEDATUM = "1993-03-17"
REFERENT = "4455667788"
GEZINSLID = "5566778899"
VRIJE_TEKST = "woont bij oom Mehmet in Gaziantep"
PERSOONLIJK = (NAAM, zoeknormaal(NAAM), GEBOORTEDATUM, REFERENT, GEZINSLID, VRIJE_TEKST, "Gaziantep")


def _aanvraag(nummer: str = "NR-2026-000777-1", naam: str = NAAM, gezinslid: str | None = GEZINSLID) -> dict[str, Any]:
    return aanvraag_data(
        nummer=nummer,
        referent__vnummer=REFERENT,
        gezinslid__naam=naam,
        gezinslid__vnummer=gezinslid,
        gezinslid__geboortedatum=GEBOORTEDATUM,
        toelichting_termijnoverschrijding=VRIJE_TEKST,
    )


def _vastlegging(aanvraag: dict[str, Any]) -> Vastlegging:
    nummer = aanvraag["aanvraagnummer"]
    return Vastlegging(
        workflow_id=f"nareis-{nummer}",
        aanvraagnummer=nummer,
        gebeurtenissen=[
            Gebeurtenis(volgnummer=1, op=date(2026, 7, 1), gebeurtenis="ontvangen", gegevens={"naam": NAAM}),
            Gebeurtenis(
                volgnummer=2,
                op=date(2026, 7, 2),
                gebeurtenis="hv_versturen",
                door="bm.jansen",
                toelichting=VRIJE_TEKST,
                gegevens={"ontbrekend": [f"geboorteakte {NAAM} ({GEBOORTEDATUM})"]},
            ),
        ],
        aanvraag=aanvraag,
        status={"aanvraagnummer": nummer, "fase": "herstel_verzuim", "aanvraag": aanvraag, "tijdlijn": [{}, {}]},
        beleid="WI-2026-11",
    )


def _hv_brief(aanvraag: dict[str, Any]) -> e.HvBrief:
    return e.HvBrief(
        aanvraagnummer=aanvraag["aanvraagnummer"],
        volgnummer=2,
        op=date(2026, 7, 2),
        beleid="WI-2026-11",
        betreft=e.Betreft.uit_aanvraag(m.Aanvraag.model_validate(aanvraag)),
        reden="documenten",
        ontbrekend=[f"geboorteakte {NAAM}", VRIJE_TEKST],
        verzonden_op=date(2026, 7, 2),
        reactie_uiterlijk=date(2026, 7, 30),
        termijn_regel="4 weken na verzending van de brief",
        termijn_bron="Awb 4:5",
    )


async def _zaak(register: Register, aanvraag: dict[str, Any] | None = None) -> dict[str, Any]:
    """A case through every write of the register: application, status, timeline, letter, request."""
    aanvraag = aanvraag or _aanvraag()
    await register.vastleggen(_vastlegging(aanvraag))
    await ActivityEnvironment().run(RegisterActiviteiten(register).brief_versturen, _hv_brief(aanvraag))
    stap = e.MvvAfgifte(
        aanvraagnummer=aanvraag["aanvraagnummer"],
        volgnummer=3,
        op=date(2026, 9, 1),
        beleid="WI-2026-11",
        ophalen_uiterlijk=date(2026, 12, 1),
    )
    await LokaleVerzoeken(register.pool, register.kluis).mvv_afgifte_melden(stap)
    return aanvraag


async def _alle_rijen(pool: asyncpg.Pool) -> list[str]:
    """Every row of every table of the register as PostgreSQL prints it (bytea as hex)."""
    tabellen = await pool.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    rijen = []
    for t in tabellen:
        rijen += [r[0] for r in await pool.fetch(f'SELECT t::text FROM "{t["tablename"]}" t')]
    return rijen


def _leesbaar(rijen: list[str], waarden: tuple[str, ...] = PERSOONLIJK) -> set[str]:
    """The values some row shows in any of their forms."""
    return {w for w in waarden for rij in rijen for spoor in _sporen(w) if spoor.lower() in rij.lower()}


def _sporen(tekst: str) -> list[str]:
    """A value as it could appear: as text, in JSON's escaping, and as bytea hex."""
    return [tekst, tekst.encode("unicode_escape").decode(), tekst.encode().hex()]


async def test_niets_persoonlijks_in_platte_tekst(register: Register) -> None:
    await _zaak(register)
    rijen = await _alle_rijen(register.pool)
    assert len(rijen) >= 6  # aanvraag, 3 gebeurtenissen, brief, verzoek (+ schema_versie)
    assert _leesbaar(rijen) == set()

    lezer = RegisterReader(register.pool, kluis())
    assert (await lezer.aanvraag("NR-2026-000777-1") or {})["gezinslid"]["naam"] == NAAM
    projectie = await lezer.projectie("NR-2026-000777-1")
    assert projectie is not None and projectie.referent_vnummer == REFERENT
    assert projectie.status is not None and projectie.status["fase"] == "herstel_verzuim"
    tijdlijn = await lezer.tijdlijn("NR-2026-000777-1")
    assert [g["toelichting"] for g in tijdlijn][:2] == [None, VRIJE_TEKST]
    assert tijdlijn[0]["gegevens"] == {"naam": NAAM}
    (brief,) = await lezer.brieven("NR-2026-000777-1")
    assert NAAM in brief.tekst and brief.onderwerp.startswith("Verzoek om aanvullende gegevens")


async def test_een_gewijzigde_waarde_ontsleutelt_niet(register: Register) -> None:
    await _zaak(register)
    lezer = RegisterReader(register.pool, kluis())
    geheim = bytearray(await register.pool.fetchval("SELECT tekst_geheim FROM brief"))
    geheim[-1] ^= 1
    await register.pool.execute("ALTER TABLE brief DISABLE TRIGGER brief_alleen_toevoegen")
    await register.pool.execute("UPDATE brief SET tekst_geheim = $1", bytes(geheim))
    with pytest.raises(Registerfout, match="niet te ontsleutelen"):
        await lezer.brieven("NR-2026-000777-1")


async def test_een_waarde_naar_een_andere_rij_of_kolom_verplaatst_ontsleutelt_niet(register: Register) -> None:
    await _zaak(register)
    await _zaak(register, _aanvraag("NR-2026-000777-2", naam="Zeynep Kaya", gezinslid=None))
    lezer = RegisterReader(register.pool, kluis())
    # another case's application under this case's number
    await register.pool.execute(
        """UPDATE aanvraag SET aanvraag_geheim = (SELECT aanvraag_geheim FROM aanvraag
           WHERE aanvraagnummer = 'NR-2026-000777-1') WHERE aanvraagnummer = 'NR-2026-000777-2'"""
    )
    with pytest.raises(Registerfout, match="andere rij of kolom"):
        await lezer.aanvraag("NR-2026-000777-2")
    # the status of a case as its application
    await register.pool.execute(
        "UPDATE aanvraag SET aanvraag_geheim = status_geheim WHERE aanvraagnummer = 'NR-2026-000777-1'"
    )
    with pytest.raises(Registerfout):
        await lezer.aanvraag("NR-2026-000777-1")


async def test_zoeken_op_naam_zonder_hoofdletters_spaties_of_accenten(register: Register) -> None:
    await _zaak(register)
    await _zaak(register, _aanvraag("NR-2026-000777-2", naam="Zeynep Kaya", gezinslid=None))
    lezer = RegisterReader(register.pool, kluis())
    for vraag in (NAAM, "ayse yilmaz-ozdemir", "  AYŞE   Yılmaz-Özdemir ", "Ayse YILMAZ-OZDEMIR"):
        assert await lezer.zoek(vraag) == ["NR-2026-000777-1"], vraag
    assert await lezer.zoek("Ayşe") == []  # exact, not a part of the name
    assert await lezer.zoek("") == []
    # a referent's V-number finds his whole family; a family member's own finds him
    assert await lezer.zoek(REFERENT) == ["NR-2026-000777-1", "NR-2026-000777-2"]
    assert await lezer.zoek(f" {GEZINSLID} ") == ["NR-2026-000777-1"]
    # who each case is about, for the werkvoorraad, decrypted
    personen = await lezer.personen(["NR-2026-000777-1", "NR-2026-000777-2", "NR-2026-000999-1"])
    assert {nr: p.naam for nr, p in personen.items()} == {"NR-2026-000777-1": NAAM, "NR-2026-000777-2": "Zeynep Kaya"}
    assert personen["NR-2026-000777-1"].geboortedatum == GEBOORTEDATUM
    # the hash depends on the key: a ring with another key finds nothing
    assert await RegisterReader(register.pool, _ring(("ander", 7))).zoek(NAAM) == []


def _ring(*sleutels: tuple[str, int]) -> Sleutelring:
    return Sleutelring.uit_spec(_spec(*sleutels))


async def _sleutels_in_gebruik(pool: asyncpg.Pool) -> set[str]:
    ids = set()
    for tabel, (_, kolommen) in VERSLEUTELD.items():
        for kolom in kolommen:
            for r in await pool.fetch(f"SELECT {kolom}_geheim AS g FROM {tabel} WHERE {kolom}_geheim IS NOT NULL"):
                ids.add(sleutel_van(bytes(r["g"])))
    return ids


async def test_sleutelrotatie(register_dsn: str) -> None:
    pool = await asyncpg.create_pool(register_dsn, min_size=1, max_size=3)
    try:
        oud = _ring(("r2026a", 1))
        await _zaak(Register(pool, oud))
        # the new key first: it encrypts, the old one still decrypts and still finds
        beide = _ring(("r2027a", 2), ("r2026a", 1))
        await _zaak(Register(pool, beide), _aanvraag("NR-2026-000777-2", naam="Zeynep Kaya", gezinslid=None))
        lezer = RegisterReader(pool, beide)
        assert await _sleutels_in_gebruik(pool) == {"r2026a", "r2027a"}
        assert await lezer.zoek(NAAM) == ["NR-2026-000777-1"]
        assert await lezer.zoek("zeynep kaya") == ["NR-2026-000777-2"]
        assert len(await lezer.zoek(REFERENT)) == 2
        with pytest.raises(Registerfout, match="onbekende sleutel 'r2027a'"):
            await RegisterReader(pool, oud).aanvraag("NR-2026-000777-2")

        # encrypted again under the new key; then the old one can go
        aantallen = await versleutel_register(
            pool, beide, herversleutelen=True, sleutel_van=sleutel_van, actieve_sleutel="r2027a"
        )
        assert aantallen == {"aanvraag": 1, "gebeurtenis": 3, "brief": 1, "verzoek": 1}
        assert await _sleutels_in_gebruik(pool) == {"r2027a"}
        nieuw = RegisterReader(pool, _ring(("r2027a", 2)))
        assert (await nieuw.aanvraag("NR-2026-000777-1") or {})["gezinslid"]["naam"] == NAAM
        assert await nieuw.zoek("AYSE YILMAZ-ÖZDEMIR") == ["NR-2026-000777-1"]
        assert len(await nieuw.zoek(REFERENT)) == 2
        assert [b.tekst for b in await nieuw.brieven("NR-2026-000777-1")] == [
            b.tekst for b in await lezer.brieven("NR-2026-000777-1")
        ]
        assert (
            await versleutel_register(
                pool, beide, herversleutelen=True, sleutel_van=sleutel_van, actieve_sleutel="r2027a"
            )
        ) == dict.fromkeys(VERSLEUTELD, 0)
    finally:
        await pool.close()


async def test_migratie_versleutelt_oude_rijen(lege_database: str) -> None:
    """A register of before 0006 with plain rows: after the migration and the worker's start
    every personal value is encrypted, the plain columns empty, everything reads and is found
    as before; a second start changes nothing."""
    voor = next(m.versie for m in migraties() if m.naam == "0006_versleuteld") - 1
    await migreer(lege_database, tot=voor)
    pool = await asyncpg.create_pool(lege_database, min_size=1, max_size=3)
    try:
        aanvraag = _aanvraag()
        await pool.execute(
            """INSERT INTO aanvraag (aanvraagnummer, workflow_id, referent_vnummer, relatie, ontvangen_op,
                                     grondslag, referent_komst, aanvraag, status, bijgewerkt_volgnummer)
               VALUES ($1, 'nareis-x', $2, 'echtgenoot', '2026-07-01', 'nareis', 'asiel', $3::jsonb, $4::jsonb, 2)""",
            aanvraag["aanvraagnummer"],
            REFERENT,
            _json(aanvraag),
            _json({"fase": "herstel_verzuim"}),
        )
        await pool.execute(
            """INSERT INTO gebeurtenis (aanvraagnummer, workflow_id, sleutel, volgnummer, op, gebeurtenis,
                                        toelichting, gegevens)
               VALUES ($1, 'nareis-x', '2', 2, '2026-07-02', 'hv_versturen', $2, $3::jsonb),
                      ($1, 'nareis-x', '1', 1, '2026-07-01', 'ontvangen', NULL, '{}')""",
            aanvraag["aanvraagnummer"],
            VRIJE_TEKST,
            _json({"naam": NAAM}),
        )
        await pool.execute(
            """INSERT INTO brief (aanvraagnummer, brief_id, soort, op, volgnummer, onderwerp, tekst, sjabloon, gegevens)
               VALUES ($1, 'b1', 'herstel_verzuim', '2026-07-02', 2, 'Verzoek', $2, 'hv.j2', '{}')""",
            aanvraag["aanvraagnummer"],
            f"Geachte {NAAM},",
        )
        await pool.execute(
            """INSERT INTO verzoek (sleutel, aanvraagnummer, partij, soort, op, gegevens)
               VALUES ('v1', $1, 'screening', 'screening', '2026-07-03', $2::jsonb)""",
            aanvraag["aanvraagnummer"],
            _json({"naam": NAAM}),
        )

        assert (await migreer(pool))[0] == "0006_versleuteld"
        assert _leesbaar(await _alle_rijen(pool)) >= {NAAM, GEBOORTEDATUM, REFERENT, VRIJE_TEKST}  # the scan sees them
        assert await versleutel_register(pool, kluis()) == {"aanvraag": 1, "gebeurtenis": 2, "brief": 1, "verzoek": 1}
        assert _leesbaar(await _alle_rijen(pool)) == set()
        lezer = RegisterReader(pool, kluis())
        assert await lezer.aanvraag(aanvraag["aanvraagnummer"]) == aanvraag
        assert [g["toelichting"] for g in await lezer.tijdlijn(aanvraag["aanvraagnummer"])] == [None, VRIJE_TEKST]
        assert [b.tekst for b in await lezer.brieven(aanvraag["aanvraagnummer"])] == [f"Geachte {NAAM},"]
        projectie = await lezer.projectie(aanvraag["aanvraagnummer"])
        assert projectie is not None and projectie.referent_vnummer == REFERENT
        assert await lezer.zoek("ayse yilmaz-ozdemir") == [aanvraag["aanvraagnummer"]]
        assert await lezer.zoek(REFERENT) == [aanvraag["aanvraagnummer"]]
        # idempotent: the next start finds nothing to do; the event log is append-only again
        assert await versleutel_register(pool, kluis()) == dict.fromkeys(VERSLEUTELD, 0)
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await pool.execute("UPDATE gebeurtenis SET door = 'x'")
    finally:
        await pool.close()


def _json(waarde: Any) -> str:
    import json

    return json.dumps(waarde, ensure_ascii=False)


# --- without a key ----------------------------------------------------------------------------


async def test_sleutelring_uit_register_key() -> None:
    with pytest.raises(ConfiguratieFout, match="NAREIS_REGISTER_KEY: sleutel 'k' is 16 bytes"):
        sleutelring(Instellingen(register_key="k:" + base64.b64encode(bytes(16)).decode()))
    assert sleutelring(Instellingen(register_key=REGISTER_SLEUTEL)).actieve_sleutel == "test2026"


async def _worker(*args: str, omgeving: dict[str, str]) -> tuple[int, str, str]:
    proces = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "worker",
        *args,
        env=omgeving,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    uit, fout = await asyncio.wait_for(proces.communicate(), 60)
    assert proces.returncode is not None
    return proces.returncode, uit.decode(), fout.decode()


def _zonder_sleutel(dsn: str) -> dict[str, str]:
    omgeving = {k: v for k, v in os.environ.items() if k not in ("NAREIS_REGISTER_KEY", "NAREIS_CODEC_KEY")}
    return {**omgeving, "NAREIS_DATABASE_URL": dsn, "NAREIS_DATA_DIR": "/nonexistent-nareis"}


async def test_zonder_sleutel_wel_rapport_geen_dossier(register: Register, register_dsn: str) -> None:
    """The analyst's tables need no key and come out the same; a case's history needs its key."""
    await _vul(register, GEVALLEN)
    code, uit, fout = await _worker("rapport", "--format", "json", omgeving=_zonder_sleutel(register_dsn))
    assert code == 0, fout
    import json

    assert json.loads(uit) == VERWACHT
    nummer = await register.pool.fetchval("SELECT min(aanvraagnummer) FROM aanvraag")
    code, uit, fout = await _worker("dossier", nummer, omgeving=_zonder_sleutel(register_dsn))
    assert (code, uit) == (2, "")
    (regel,) = fout.strip().splitlines()
    assert regel.startswith("zaakregister: ") and regel.endswith(
        "is versleuteld met onbekende sleutel 'test2026'; NAREIS_REGISTER_KEY en NAREIS_CODEC_KEY zijn niet gezet"
    )


def _spec(*sleutels: tuple[str, int]) -> str:
    return ",".join(f"{i}:{base64.b64encode(bytes([n]) * 32).decode()}" for i, n in sleutels)


async def test_herversleutelen_als_commando(register_dsn: str) -> None:
    """The operator's step 3 of a rotation (README "Register encryption")."""
    pool = await asyncpg.create_pool(register_dsn, min_size=1, max_size=2)
    try:
        await _zaak(Register(pool, _ring(("r2026a", 1))))
        omgeving = {**_zonder_sleutel(register_dsn), "NAREIS_REGISTER_KEY": _spec(("r2027a", 2), ("r2026a", 1))}
        code, uit, fout = await _worker("herversleutelen", omgeving=omgeving)
        assert code == 0, fout
        assert uit.strip() == "opnieuw versleuteld met r2027a: aanvraag 1, gebeurtenis 3, brief 1, verzoek 1"
        assert await _sleutels_in_gebruik(pool) == {"r2027a"}
        code, _, fout = await _worker("herversleutelen", omgeving=_zonder_sleutel(register_dsn))
        assert code == 2 and "niets te versleutelen" in fout
    finally:
        await pool.close()
