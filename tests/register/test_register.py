"""Issue 7 §2, §3, §5: exactly-once writes under retries and crashes, letters, the timeline."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
from datetime import date
from typing import Any

import asyncpg
import pytest
from temporalio.exceptions import ApplicationError
from temporalio.testing import ActivityEnvironment

from activities.oude_opdrachten import OudeStapopdracht, naar_effect
from activities.poorten import LokaleVerzoeken
from activities.register import (
    Gebeurtenis,
    Projectie,
    Register,
    RegisterActiviteiten,
    Vastlegging,
)
from activities.stappen import Procedure
from client.register import RegisterReader
from nareis import contract as m
from nareis import effecten as e
from tests.sleutels import kluis
from tests.voorbeelden import aanvraag_data

NUMMER = "NR-2026-000123-1"
WORKFLOW = f"nareis-{NUMMER}"


def _status(fase: str, volgnummers: int, **meer: Any) -> dict[str, Any]:
    return {
        "aanvraagnummer": NUMMER,
        "fase": fase,
        "beslistermijn": {"start": "2026-07-01", "einde": "2027-04-01", "opgeschort": False},
        "tijdlijn": [{"op": "2026-07-01", "gebeurtenis": "x"}] * volgnummers,
        "beleid": "WI-2026-11",
        **meer,
    }


def _gebeurtenis(volgnummer: int, naam: str, op: str = "2026-07-01", **meer: Any) -> Gebeurtenis:
    return Gebeurtenis(volgnummer=volgnummer, op=date.fromisoformat(op), gebeurtenis=naam, **meer)


def _ontvangst() -> Vastlegging:
    return Vastlegging(
        workflow_id=WORKFLOW,
        aanvraagnummer=NUMMER,
        gebeurtenissen=[_gebeurtenis(1, "ontvangen", gegevens={"beleid": "WI-2026-11"})],
        aanvraag=aanvraag_data(),
        status=_status("ontvangen", 1),
        beleid="WI-2026-11",
    )


def _hv() -> Vastlegging:
    return Vastlegging(
        workflow_id=WORKFLOW,
        aanvraagnummer=NUMMER,
        gebeurtenissen=[
            _gebeurtenis(
                2,
                "hv_versturen",
                "2026-07-02",
                door="bm.jansen",
                toelichting="paspoort ontbreekt",
                gegevens={"reden": "documenten", "ontbrekend": ["paspoort"]},
            ),
            _gebeurtenis(3, "nieuw_bewijs", "2026-07-03", gegevens={"soort": "paspoort"}),
        ],
        status=_status("herstel_verzuim", 3),
        beleid="WI-2026-11",
    )


async def _aantal(register: Register, tabel: str) -> int:
    return int(await register.pool.fetchval(f"SELECT count(*) FROM {tabel}"))


async def test_vastleggen_schrijft_tijdlijn_en_projectie(register: Register) -> None:
    await register.vastleggen(_ontvangst())
    await register.vastleggen(_hv())

    tijdlijn = await RegisterReader(register.pool, kluis()).tijdlijn(NUMMER)
    assert [(g["op"], g["gebeurtenis"], g["door"], g["toelichting"]) for g in tijdlijn] == [
        ("2026-07-01", "ontvangen", None, None),
        ("2026-07-02", "hv_versturen", "bm.jansen", "paspoort ontbreekt"),
        ("2026-07-03", "nieuw_bewijs", None, None),
    ]
    assert tijdlijn[1]["gegevens"] == {"reden": "documenten", "ontbrekend": ["paspoort"]}
    assert {g["beleid"] for g in tijdlijn} == {"WI-2026-11"}

    projectie = await RegisterReader(register.pool, kluis()).projectie(NUMMER)
    assert projectie is not None
    assert projectie.fase == "herstel_verzuim"
    assert projectie.bijgewerkt_volgnummer == 3
    assert projectie.referent_vnummer == "1234567890"
    assert projectie.relatie == "echtgenoot"
    assert projectie.grondslag == "nareis"
    assert projectie.referent_komst == "asiel"
    assert projectie.nareis_op_nareis is False
    assert projectie.beslistermijn_einde == date(2027, 4, 1)
    assert projectie.status is not None and projectie.status["fase"] == "herstel_verzuim"
    # the Aanvraag is stored once, from the first call
    assert await RegisterReader(register.pool, kluis()).aanvraag(NUMMER) == aanvraag_data()


async def test_herhaalde_vastlegging_dupliceert_niets(register: Register) -> None:
    """Issue 7 §2: an activity retried after its transaction committed changes nothing."""
    for _ in range(3):
        await register.vastleggen(_ontvangst())
        await register.vastleggen(_hv())
    assert await _aantal(register, "gebeurtenis") == 3
    assert await _aantal(register, "aanvraag") == 1


async def test_projectie_gaat_nooit_terug(register: Register) -> None:
    """A late retry of an older write cannot undo a newer state."""
    await register.vastleggen(_ontvangst())
    await register.vastleggen(_hv())
    await register.vastleggen(_ontvangst())  # the first activity, retried after the second
    projectie = await RegisterReader(register.pool, kluis()).projectie(NUMMER)
    assert projectie is not None
    assert (projectie.fase, projectie.bijgewerkt_volgnummer) == ("herstel_verzuim", 3)
    assert len(await RegisterReader(register.pool, kluis()).tijdlijn(NUMMER)) == 3


async def test_gelijktijdige_herhalingen(register: Register) -> None:
    """Two attempts racing (a timed-out attempt still running while its retry starts)."""
    await asyncio.gather(*(register.vastleggen(_ontvangst()) for _ in range(5)))
    await asyncio.gather(*(register.vastleggen(_hv()) for _ in range(5)))
    assert await _aantal(register, "gebeurtenis") == 3
    assert [g["volgnummer"] for g in await RegisterReader(register.pool, kluis()).tijdlijn(NUMMER)] == [1, 2, 3]


class _Crash(Exception):
    pass


class _CrashendRegister(Register):
    """Dies after writing the events, before the projection and the commit."""

    async def _projectie_schrijven(self, *args: Any) -> None:
        raise _Crash


async def test_crash_binnen_de_transactie_laat_niets_half(register: Register) -> None:
    await register.vastleggen(_ontvangst())
    with pytest.raises(_Crash):
        await _CrashendRegister(register.pool, kluis()).vastleggen(_hv())
    assert [g["gebeurtenis"] for g in await RegisterReader(register.pool, kluis()).tijdlijn(NUMMER)] == ["ontvangen"]
    await register.vastleggen(_hv())  # the retry
    assert len(await RegisterReader(register.pool, kluis()).tijdlijn(NUMMER)) == 3
    projectie = await RegisterReader(register.pool, kluis()).projectie(NUMMER)
    assert projectie is not None and projectie.bijgewerkt_volgnummer == 3


async def test_worker_gedood_na_commit_voor_voltooiing(register: Register, register_dsn: str) -> None:
    """Issue 7 §2 on the register layer: a process writes, commits, and is killed (SIGKILL)
    before it could report the activity complete; Temporal retries the activity on another
    worker; the register ends up exactly right."""
    script = textwrap.dedent(
        """
        import asyncio, os, signal, sys
        import asyncpg
        from activities.register import Register
        from tests.register.test_register import _hv
        from tests.sleutels import kluis

        async def main():
            pool = await asyncpg.create_pool(os.environ["DSN"], min_size=1, max_size=1)
            await Register(pool, kluis()).vastleggen(_hv())
            os.kill(os.getpid(), signal.SIGKILL)  # dies before the activity completes

        asyncio.run(main())
        """
    )
    await register.vastleggen(_ontvangst())
    proces = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        script,
        env={**os.environ, "DSN": register_dsn},
        cwd=os.getcwd(),
        stderr=subprocess.PIPE,
    )
    _, fout = await proces.communicate()
    assert proces.returncode == -signal.SIGKILL, fout.decode()
    assert len(await RegisterReader(register.pool, kluis()).tijdlijn(NUMMER)) == 3  # committed before the kill

    activiteiten = RegisterActiviteiten(register)
    await ActivityEnvironment().run(activiteiten.vastleggen, _hv())  # the retry
    assert [g["gebeurtenis"] for g in await RegisterReader(register.pool, kluis()).tijdlijn(NUMMER)] == [
        "ontvangen",
        "hv_versturen",
        "nieuw_bewijs",
    ]
    assert await _aantal(register, "gebeurtenis") == 3


async def test_vastleggen_met_kant_en_klare_projectie(register: Register) -> None:
    projectie = Projectie.uit_aanvraag_en_status(
        aanvraag_data(referent__komst_via="artikel_8_evrm", grondslag="nareis"),
        _status("beoordeling", 4),
        volgnummer=4,
    )
    await register.vastleggen(Vastlegging(workflow_id=WORKFLOW, aanvraagnummer=NUMMER, projectie=projectie))
    opgeslagen = await RegisterReader(register.pool, kluis()).projectie(NUMMER)
    assert opgeslagen is not None
    assert (opgeslagen.referent_komst, opgeslagen.grondslag, opgeslagen.fase) == (
        "artikel_8_evrm",
        "nareis",
        "beoordeling",
    )
    assert await RegisterReader(register.pool, kluis()).tijdlijn(NUMMER) == []


def test_projectie_inwilliging_na_bezwaar() -> None:
    status = _status(
        "bezwaar",
        9,
        besluit={"uitkomst": "afwijzing", "op": "2026-10-01", "gronden": []},
        bezwaar={"termijn_einde": "2026-10-29", "uitkomst": "gegrond"},
    )
    projectie = Projectie.uit_aanvraag_en_status(aanvraag_data(referent__zelf_nagereisd=True), status)
    assert projectie.ingewilligd is True
    assert projectie.nareis_op_nareis is True
    assert projectie.bijgewerkt_volgnummer == 9


def test_registratie_van_de_workflow_past() -> None:
    """`workflows.stappen.Registratie`'s JSON is a valid Vastlegging (status → projection)."""
    registratie = {
        "workflow_id": WORKFLOW,
        "aanvraagnummer": NUMMER,
        "beleid": "WI-2026-11",
        "gebeurtenissen": [
            {
                "volgnummer": 1,
                "op": "2026-07-01",
                "gebeurtenis": "ontvangen",
                "door": None,
                "toelichting": None,
                "gegevens": {},
            }
        ],
        "aanvraag": aanvraag_data(),
        "status": _status("ontvangen", 1),
    }
    v = Vastlegging.model_validate(registratie)
    assert v.gebeurtenissen[0].gebeurtenis == "ontvangen"
    assert v.status is not None


# --- letters (issue 7 §3) ---------------------------------------------------------------------


def _betreft() -> e.Betreft:
    return e.Betreft.uit_aanvraag(m.Aanvraag.model_validate(aanvraag_data()))


def _hv_brief(**meer: Any) -> e.HvBrief:
    velden: dict[str, Any] = {
        "aanvraagnummer": NUMMER,
        "volgnummer": 2,
        "op": date(2026, 7, 2),
        "beleid": "WI-2026-11",
        "betreft": _betreft(),
        "reden": "documenten",
        "ontbrekend": ["paspoort", "geboorteakte"],
        "verzonden_op": date(2026, 7, 2),
        "reactie_uiterlijk": date(2026, 7, 30),
        "termijn_regel": "4 weken na verzending van de brief",
        "termijn_bron": "Awb 4:5; B1/3.3.2 Vc",
    }
    return e.HvBrief(**{**velden, **meer})


async def test_brief_versturen_eenmaal(register: Register) -> None:
    activiteiten = RegisterActiviteiten(register)
    await register.vastleggen(_ontvangst())
    await register.vastleggen(_hv())
    omgeving = ActivityEnvironment()
    eerste = await omgeving.run(activiteiten.brief_versturen, _hv_brief())
    tweede = await omgeving.run(activiteiten.brief_versturen, _hv_brief())
    assert eerste == tweede
    assert eerste.gebeurtenis == "brief_herstel_verzuim"
    assert eerste.onderwerp == "Verzoek om aanvullende gegevens (herstel verzuim)"
    assert await _aantal(register, "brief") == 1

    brief = await register.brief(NUMMER, eerste.brief_id)
    assert brief is not None
    assert brief.op == date(2026, 7, 2)
    assert "2 juli 2026" in brief.tekst
    assert "uiterlijk op 30 juli 2026" in brief.tekst
    assert "  - paspoort" in brief.tekst and "  - geboorteakte" in brief.tekst
    assert "Awb 4:5" in brief.tekst  # the term with its explanation
    assert "afwijzen" in brief.tekst  # the consequence of not responding
    assert brief.sjabloon.startswith("herstel_verzuim.j2@")

    tijdlijn = await RegisterReader(register.pool, kluis()).tijdlijn(NUMMER)
    assert [g["gebeurtenis"] for g in tijdlijn] == [
        "ontvangen",
        "hv_versturen",
        "brief_herstel_verzuim",  # right after the entry it belongs to
        "nieuw_bewijs",
    ]
    assert tijdlijn[2]["door"] == "systeem"
    assert tijdlijn[2]["gegevens"] == {"brief_id": eerste.brief_id, "soort": "herstel_verzuim"}


async def test_herhaalde_brief_is_de_eerste_ook_na_sjabloonwijziging(register: Register) -> None:
    activiteiten = RegisterActiviteiten(register)
    eerste = await ActivityEnvironment().run(activiteiten.brief_versturen, _hv_brief())
    anders = _hv_brief(reactie_uiterlijk=date(2026, 8, 30))
    await ActivityEnvironment().run(activiteiten.brief_versturen, anders)
    brief = await register.brief(NUMMER, eerste.brief_id)
    assert brief is not None and "30 juli 2026" in brief.tekst


def _oude_opdracht(soort: str, volgnummer: int, status: dict[str, Any], **gegevens: Any) -> OudeStapopdracht:
    """The activity input of a case started before the typed effects (2026-12)."""
    return OudeStapopdracht.model_validate(
        {
            "aanvraagnummer": NUMMER,
            "sleutel": f"{NUMMER}/{volgnummer}/{soort}",
            "soort": soort,
            "volgnummer": volgnummer,
            "op": "2026-07-01",
            "beleid": "WI-2026-11",
            "gegevens": gegevens,
            "aanvraag": aanvraag_data(),
            "status": status,
        }
    )


async def test_stap_van_een_lopende_zaak_van_voor_de_getypeerde_effecten(register: Register) -> None:
    """A step a case scheduled before the typed effects still happens, under the same key."""
    opdracht = _oude_opdracht("ontvangstbevestiging", 1, _status("ontvangen", 1))
    effect = naar_effect(opdracht)
    assert effect.sleutel == opdracht.sleutel
    assert isinstance(effect, e.Ontvangstbevestiging)
    verzonden = await RegisterActiviteiten(register).brief_versturen(effect)
    brief = await register.brief(NUMMER, verzonden.brief_id)
    assert brief is not None
    assert "Wij beslissen uiterlijk op 1 april 2027" in brief.tekst


def test_oude_hv_stap_neemt_haar_eigen_brief_niet_de_laatste() -> None:
    """The old payload carried the case's whole status: the letter is found by its own term."""
    brieven = [
        {"reden": "nareistermijn", "verzonden_op": "2026-07-01", "reactie_uiterlijk": "2026-07-29",
         "ontbrekend": [], "uitleg": {"regel": "4 weken", "bron": "Awb 4:5"}},
        {"reden": "documenten", "verzonden_op": "2026-07-01", "reactie_uiterlijk": "2026-07-30",
         "ontbrekend": ["paspoort"], "uitleg": {"regel": "4 weken", "bron": "Awb 4:5"}},
    ]  # fmt: skip
    status = _status("herstel_verzuim", 3, herstel_verzuim=brieven)
    termijn = {"start": "2026-07-01", "einde": "2026-07-29"}
    effect = naar_effect(_oude_opdracht("herstel_verzuim", 2, status, termijn=termijn))
    assert isinstance(effect, e.HvBrief)
    assert (effect.reden, effect.ontbrekend, effect.reactie_uiterlijk) == ("nareistermijn", [], date(2026, 7, 29))


async def test_onleesbare_oude_stap_wordt_niet_eindeloos_herhaald(register: Register) -> None:
    """A step that can never succeed is refused non-retryably (the case books `stap_mislukt`)."""
    procedure = Procedure(register, RegisterActiviteiten(register), *([LokaleVerzoeken(register.pool, kluis())] * 3))
    opdracht = _oude_opdracht("herstel_verzuim", 2, _status("herstel_verzuim", 2), termijn={})
    with pytest.raises(ApplicationError) as fout:
        await ActivityEnvironment().run(procedure.hv_brief_versturen, opdracht)
    assert fout.value.non_retryable and fout.value.type == "OngeldigeOpdracht"
    assert await _aantal(register, "brief") == 0


async def test_onbekend_dossier(register: Register) -> None:
    assert await RegisterReader(register.pool, kluis()).tijdlijn("NR-0000") == []
    assert await RegisterReader(register.pool, kluis()).projectie("NR-0000") is None


async def test_register_onbeschikbaar_geeft_fout(register_dsn: str) -> None:
    """A broken connection is an ordinary (retryable) activity error, not a silent loss."""
    pool = await asyncpg.create_pool(register_dsn, min_size=1, max_size=1)
    await pool.close()
    with pytest.raises(asyncpg.InterfaceError):
        await Register(pool, kluis()).vastleggen(_ontvangst())
