"""Issue 7 §5: `python -m worker dossier` prints a case's history from the register."""

from __future__ import annotations

import json
from datetime import date

from activities.register import Register, RegisterActiviteiten
from nareis import effecten as e
from tests.register.test_rapport import _cli
from tests.register.test_register import NUMMER, _betreft, _hv, _ontvangst


async def _zaak(register: Register) -> None:
    await register.vastleggen(_ontvangst())
    await RegisterActiviteiten(register).brief_versturen(
        e.Ontvangstbevestiging(
            aanvraagnummer=NUMMER,
            volgnummer=1,
            op=date(2026, 7, 1),
            beleid="WI-2026-11",
            betreft=_betreft(),
            beslistermijn_einde=date(2027, 4, 1),
        )
    )
    await register.vastleggen(_hv())
    await register.vastleggen(_hv())  # a retried activity


async def test_dossier_json_zoals_het_contract(register: Register, register_dsn: str) -> None:
    await _zaak(register)
    code, uit, fout = await _cli("dossier", NUMMER, "--format", "json", dsn=register_dsn)
    assert code == 0, fout
    tijdlijn = json.loads(uit)
    assert [{k: g[k] for k in ("op", "gebeurtenis", "door", "toelichting")} for g in tijdlijn] == [
        {"op": "2026-07-01", "gebeurtenis": "ontvangen", "door": None, "toelichting": None},
        {
            "op": "2026-07-01",
            "gebeurtenis": "brief_ontvangstbevestiging",
            "door": "systeem",
            "toelichting": "Ontvangstbevestiging van uw aanvraag nareis",
        },
        {
            "op": "2026-07-02",
            "gebeurtenis": "hv_versturen",
            "door": "bm.jansen",
            "toelichting": "paspoort ontbreekt",
        },
        {"op": "2026-07-03", "gebeurtenis": "nieuw_bewijs", "door": None, "toelichting": None},
    ]


async def test_dossier_tekst(register: Register, register_dsn: str) -> None:
    await _zaak(register)
    code, uit, fout = await _cli("dossier", NUMMER, "--brieven", dsn=register_dsn)
    assert code == 0, fout
    assert f"Aanvraag {NUMMER}" in uit
    assert "A. Voorbeeld, echtgenoot" in uit
    assert "fase             herstel_verzuim" in uit
    assert "2 juli 2026" in uit and "hv_versturen" in uit and "door bm.jansen" in uit
    assert "Wij beslissen uiterlijk op 1 april 2027" in uit  # the letter's text


async def test_dossier_onbekend(register_dsn: str) -> None:
    code, _, fout = await _cli("dossier", "NR-BESTAAT-NIET", dsn=register_dsn)
    assert code == 1
    assert "onbekende aanvraag" in fout


async def test_dossier_zonder_database() -> None:
    code, _, fout = await _cli("dossier", NUMMER, dsn="")
    assert code == 2
    assert "NAREIS_DATABASE_URL" in fout
