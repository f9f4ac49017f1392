"""`python -m worker zaak`: the caseworker's command line against real servers.

indienen/status/actie run on the session's time-skipping server (in-process with the client
injected, and once as a subprocess); termijnbewaking needs visibility queries, which the
time-skipping server does not implement, so it runs on a Temporal dev server of its own.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
import uuid
from collections.abc import AsyncIterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import pytest
import pytest_asyncio
from rich.console import Console
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from cli.zaak import voer_uit
from client.omzetter import data_converter
from client.settings import Instellingen
from nareis.tijd import AMSTERDAM
from tests.sleutels import REGISTER_SLEUTEL
from tests.voorbeelden import aanvraag_data
from tests.workflows.hulp import vandaag
from worker.binaries import temporal_cli
from workflows import zoekattributen as za

pytestmark = pytest.mark.asyncio(loop_scope="session")

ROOT = Path(__file__).resolve().parents[2]
_teller = iter(range(1, 1_000_000))


def nummer() -> str:
    return f"NR-2026-{int(time.time() * 1000) % 10**6:06d}-{next(_teller)}"


def vnummer() -> str:
    return f"{uuid.uuid4().int % 10**10:010d}"


class Cli:
    """`python -m worker zaak …` in-process, on a given client, task queue and day."""

    def __init__(self, client: Client, task_queue: str, dag: date, capsys: pytest.CaptureFixture[str]) -> None:
        self.client, self.task_queue, self.dag, self.capsys = client, task_queue, dag, capsys

    async def __call__(self, *argv: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = await voer_uit(
            list(argv),
            client=self.client,
            instellingen=Instellingen(register_key=REGISTER_SLEUTEL, task_queue=self.task_queue),
            vandaag=self.dag,
            console=Console(width=240, color_system=None),
        )
        uit = self.capsys.readouterr()
        return code, uit.out, uit.err

    async def indienen(self, tmp_path: Path, **wijzigingen: Any) -> str:
        nr = nummer()
        wijzigingen.setdefault("referent__vnummer", vnummer())
        bestand = tmp_path / f"{nr}.json"
        bestand.write_text(json.dumps(aanvraag_data(self.dag, nummer=nr, **wijzigingen)))
        code, uit, err = await self("indienen", str(bestand), "--json")
        assert code == 0, err
        assert json.loads(uit)["aanvraagnummer"] == nr
        return nr


@pytest_asyncio.fixture(loop_scope="session")
async def zaak_cli(werker, tijdreis, task_queue, capsys) -> Cli:
    return Cli(werker, task_queue, await vandaag(tijdreis), capsys)


# --- indienen ---------------------------------------------------------------------------


async def test_indienen_start_de_zaak_en_nogmaals_weigert(zaak_cli: Cli, tmp_path: Path) -> None:
    nr = await zaak_cli.indienen(tmp_path)
    code, _, err = await zaak_cli("indienen", str(tmp_path / f"{nr}.json"))
    assert code == 1
    assert f"er bestaat al een zaak voor {nr}" in err


async def test_indienen_ongeldig_noemt_het_veld_code_2(zaak_cli: Cli, tmp_path: Path) -> None:
    nr = nummer()
    bestand = tmp_path / "fout.json"
    bestand.write_text(json.dumps(aanvraag_data(zaak_cli.dag, nummer=nr, gezinslid__relatie="neef")))
    code, uit, err = await zaak_cli("indienen", str(bestand))
    assert code == 2 and not uit
    assert "gezinslid.relatie" in err
    code, _, _ = await zaak_cli("status", nr)
    assert code == 1  # no case was started


async def test_indienen_geen_json_code_2(zaak_cli: Cli, tmp_path: Path) -> None:
    bestand = tmp_path / "kapot.json"
    bestand.write_text("{niet: json")
    code, _, err = await zaak_cli("indienen", str(bestand))
    assert code == 2 and "geen geldige JSON" in err


# --- status -----------------------------------------------------------------------------


async def test_status_toont_elke_termijn_met_uitleg(zaak_cli: Cli, tmp_path: Path) -> None:
    nr = await zaak_cli.indienen(tmp_path)
    code, tabel, _ = await zaak_cli("status", nr)
    assert code == 0
    code, uit, _ = await zaak_cli("status", nr, "--json")
    status = json.loads(uit)
    beslis = status["beslistermijn"]
    for verwacht in (
        f"Aanvraag {nr}",
        "fase beoordeling",
        beslis["einde"],
        f"start: {beslis['uitleg']['start']}",
        f"regel: {beslis['uitleg']['regel']}",
        beslis["uitleg"]["bron"],
        f"Atw niet van toepassing: {beslis['uitleg']['atw_reden']}",
        status["nareistermijn"]["einde"],
        status["nareistermijn"]["uitleg"]["bron"],
        "Advies",
        "Tijdlijn",
    ):
        assert verwacht in tabel, verwacht
    assert "stappen:" not in tabel
    code, uitgebreid, _ = await zaak_cli("status", nr, "--stappen")
    assert code == 0 and f"1. {beslis['uitleg']['stappen'][0]}" in uitgebreid


async def test_status_onbekende_zaak(zaak_cli: Cli) -> None:
    code, _, err = await zaak_cli("status", "NR-2026-999999-9")
    assert code == 1 and "geen zaak met aanvraagnummer NR-2026-999999-9" in err


# --- actie ------------------------------------------------------------------------------


async def test_actie_met_velden_legt_door_vast_en_toont_verlenging(zaak_cli: Cli, tmp_path: Path) -> None:
    nr = await zaak_cli.indienen(tmp_path)
    code, uit, err = await zaak_cli(
        "actie", nr, "termijn_verlengen", "--reden", "complex onderzoek", "--door", "b.medewerker", "--json"
    )
    assert code == 0, err
    status = json.loads(uit)
    assert status["beslistermijn"]["verlengd"] is True
    assert status["tijdlijn"][-1]["door"] == "b.medewerker"
    code, tabel, _ = await zaak_cli("status", nr)
    verlenging = status["beslistermijn"]["uitleg"]["verlenging"]
    assert f"verlengd met {verlenging['duur']}: {verlenging['van']} → {verlenging['naar']}" in tabel


async def test_actie_uit_bestand_en_opschorting_in_de_uitleg(zaak_cli: Cli, tmp_path: Path) -> None:
    nr = await zaak_cli.indienen(tmp_path)
    payload = tmp_path / "opschorten.json"
    payload.write_text(
        json.dumps({"grond": "buitenlandse_autoriteit", "toelichting": "wacht op ambassade", "door": "uit.bestand"})
    )
    code, uit, err = await zaak_cli("actie", nr, "opschorten", str(payload), "--json")
    assert code == 0, err
    assert json.loads(uit)["tijdlijn"][-1]["door"] == "uit.bestand"  # no --door: the file's
    code, tabel, _ = await zaak_cli("status", nr)
    assert f"opgeschort: buitenlandse_autoriteit {zaak_cli.dag.isoformat()} t/m loopt nog" in tabel


async def test_notitie_en_details_met_wat_elke_regel_veranderde(zaak_cli: Cli, tmp_path: Path) -> None:
    """Issue #17 item 5: a note from the command line, and `details`: each fact with who recorded
    it and when, each timeline entry with its changes (old → new)."""
    nr = await zaak_cli.indienen(tmp_path)
    code, _, err = await zaak_cli("actie", nr, "notitie", "--tekst", "referent gebeld", "--door", "j.devries")
    assert code == 0, err
    for waarde in ("ja", "nee"):
        payload = tmp_path / f"feiten-{waarde}.json"
        payload.write_text(json.dumps({"feiten": {"identiteit_aannemelijk": waarde == "ja"}}))
        code, _, err = await zaak_cli("actie", nr, "feiten_vastleggen", str(payload), "--door", "j.devries")
        assert code == 0, err
    code, uit, _ = await zaak_cli("details", nr, "--json")
    assert code == 0
    details = json.loads(uit)
    notitie = next(r for r in details["tijdlijn"] if r["gebeurtenis"] == "notitie")
    assert (notitie["door"], notitie["toelichting"], notitie["op"]) == (
        "j.devries",
        "referent gebeld",
        zaak_cli.dag.isoformat(),
    )
    code, tabel, _ = await zaak_cli("details", nr)
    assert code == 0
    assert f"identiteit_aannemelijk │ false  │ j.devries │ {zaak_cli.dag.isoformat()}" in tabel
    assert "feiten.identiteit_aannemelijk: true → false" in tabel


async def test_actie_geweigerd_geeft_de_reden_code_1(zaak_cli: Cli, tmp_path: Path) -> None:
    nr = await zaak_cli.indienen(tmp_path)
    code, uit, err = await zaak_cli("actie", nr, "mvv_opgehaald")
    assert code == 1 and not uit
    assert err.startswith("geweigerd: ")
    code, _, _ = await zaak_cli("actie", nr, "bezwaar_besluiten", "--uitkomst", "gegrond")
    assert code == 1


async def test_actie_ongeldige_payload_noemt_het_veld_code_2(zaak_cli: Cli, tmp_path: Path) -> None:
    nr = await zaak_cli.indienen(tmp_path)
    code, _, err = await zaak_cli("actie", nr, "onderzoek_aanbieden", "--soort", "bloedtest")
    assert code == 2 and "soort" in err
    code, _, err = await zaak_cli("actie", nr, "intrekken", "--reden", "x")
    assert code == 2 and "reden" in err
    code, _, err = await zaak_cli("actie", nr, "besluitn")
    assert code == 2 and "onbekende actie 'besluitn'" in err
    code, _, err = await zaak_cli("actie", nr, "screening_uitslag", "--signalen")
    assert code == 2 and "--signalen: waarde ontbreekt" in err
    code, uit, _ = await zaak_cli("status", nr, "--json")
    assert [r["gebeurtenis"] for r in json.loads(uit)["tijdlijn"]][-1] != "intrekken"


async def test_actie_lijst_en_bool_velden(zaak_cli: Cli, tmp_path: Path) -> None:
    nr = await zaak_cli.indienen(tmp_path)
    code, uit, err = await zaak_cli(
        "actie", nr, "feiten_vastleggen", "--feiten", '{"identiteit_aannemelijk": true}', "--json"
    )
    assert code == 0, err
    code, uit, err = await zaak_cli("actie", nr, "screening_uitslag", "--signalen", "openbare_orde", "--json")
    assert code == 0, err
    assert any(r["grond"] == "OPENBARE_ORDE" for r in json.loads(uit)["advies"])


# --- as a process -----------------------------------------------------------------------


async def test_als_proces_met_temporal_address(zaak_cli: Cli, tijdreis: WorkflowEnvironment, tmp_path: Path) -> None:
    nr = await zaak_cli.indienen(tmp_path)
    omgeving = {**os.environ, "TEMPORAL_ADDRESS": tijdreis.client.service_client.config.target_host}
    omgeving.pop("NAREIS_CODEC_KEY", None)

    async def draai(*argv: str) -> tuple[int, str, str]:
        proces = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "worker", "zaak", *argv,
            cwd=ROOT, env=omgeving, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        uit, err = await asyncio.wait_for(proces.communicate(), 60)
        return proces.returncode or 0, uit.decode(), err.decode()

    code, uit, err = await draai("status", nr, "--json")
    assert code == 0, err
    assert json.loads(uit)["aanvraagnummer"] == nr
    code, _, err = await draai("actie", nr, "hv_versturen", "--ontbrekend", "paspoort", "--door", "x")
    assert code == 2 and "reden" in err


# --- termijnbewaking (dev server: visibility) ---------------------------------------------


@pytest_asyncio.fixture(loop_scope="session", scope="module")
async def dev_werker(register_pool: asyncpg.Pool) -> AsyncIterator[tuple[Client, str]]:
    from worker.draaien import draaiende_worker

    env = await WorkflowEnvironment.start_local(
        data_converter=data_converter,
        search_attributes=za.ALLE,
        dev_server_existing_path=str(temporal_cli()),
    )
    task_queue = f"nareis-cli-{uuid.uuid4().hex[:8]}"
    instellingen = Instellingen(register_key=REGISTER_SLEUTEL, task_queue=task_queue, zoekattributen_registreren=False)
    try:
        async with draaiende_worker(env.client, instellingen, register_pool):
            yield env.client, task_queue
    finally:
        await env.shutdown()


async def test_termijnbewaking_vindt_zaken_binnen_de_termijn(
    dev_werker: tuple[Client, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    client, task_queue = dev_werker
    zaak_cli = Cli(client, task_queue, datetime.now(AMSTERDAM).date(), capsys)
    referent = vnummer()
    nrs = [await zaak_cli.indienen(tmp_path, referent__vnummer=referent) for _ in range(2)]
    _, uit, _ = await zaak_cli("actie", nrs[1], "termijn_verlengen", "--reden", "complex", "--json")
    einden = {nrs[0]: None, nrs[1]: json.loads(uit)["beslistermijn"]["einde"]}
    _, uit, _ = await zaak_cli("status", nrs[0], "--json")
    einden[nrs[0]] = json.loads(uit)["beslistermijn"]["einde"]

    async def lijst(*argv: str) -> list[dict[str, Any]]:
        code, uit, err = await zaak_cli("termijnbewaking", "--referent", referent, "--json", *argv)
        assert code == 0, err
        return list(json.loads(uit))

    einde = time.monotonic() + 20  # visibility follows the upserts shortly after
    while len(gevonden := await lijst("--binnen", "500")) < 2 or gevonden[-1]["beslistermijn_einde"] != max(
        einden.values()
    ):
        assert time.monotonic() < einde, gevonden
        await asyncio.sleep(0.3)
    assert [z["aanvraagnummer"] for z in gevonden] == nrs  # nearest end first
    assert [z["beslistermijn_einde"] for z in gevonden] == [einden[nr] for nr in nrs]
    assert gevonden[0]["dagen_over"] == (date.fromisoformat(einden[nrs[0]]) - zaak_cli.dag).days
    assert {z["referent"] for z in gevonden} == {referent} and {z["fase"] for z in gevonden} == {"beoordeling"}

    dagen_tot_eerste = gevonden[0]["dagen_over"]
    assert [z["aanvraagnummer"] for z in await lijst("--binnen", str(dagen_tot_eerste))] == nrs[:1]
    assert await lijst("--binnen", str(dagen_tot_eerste - 1)) == []
    assert await lijst("--binnen", "500", "--fase", "mvv_afgifte") == []
    assert len(await lijst("--binnen", "500", "--fase", "beoordeling", "--fase", "bezwaar")) == 2

    code, tabel, _ = await zaak_cli("termijnbewaking", "--referent", referent, "--binnen", "500")
    assert code == 0 and nrs[0] in tabel and "NareisBeslistermijnEinde <" in tabel


# --- vier ogen and a late objection (DOMAIN.md §3.7, §3.9) ----------------------------------------


async def test_vier_ogen_voorstel_en_accorderen_op_de_opdrachtregel(zaak_cli: Cli, tmp_path: Path) -> None:
    nr = await zaak_cli.indienen(tmp_path)
    besluit = tmp_path / "besluit.json"
    besluit.write_text(
        json.dumps({"uitkomst": "afwijzing", "gronden": ["IDENTITEIT"], "motivering": {"IDENTITEIT": "vals paspoort"}})
    )
    code, uit, err = await zaak_cli("actie", nr, "besluiten", str(besluit), "--door", "b.medewerker", "--json")
    assert code == 0, err
    assert json.loads(uit)["besluit"]["voorgesteld"] is True
    code, tabel, _ = await zaak_cli("status", nr)
    assert "voorgesteld besluit (vier ogen): afwijzing (IDENTITEIT), door b.medewerker" in tabel
    assert "motivering IDENTITEIT: vals paspoort" in tabel and "bij accorderen: de bezwaartermijn start" in tabel
    code, _, err = await zaak_cli("actie", nr, "besluit_accorderen", "--akkoord", "ja", "--door", "b.medewerker")
    assert code == 1 and "stelde dit besluit zelf voor" in err
    code, uit, err = await zaak_cli(
        "actie", nr, "besluit_accorderen", "--akkoord", "ja", "--door", "t.leider", "--json"
    )
    assert code == 0, err
    assert json.loads(uit)["besluit"]["voorgesteld"] is False


async def test_te_laat_bezwaar_verschoonbaar_op_de_opdrachtregel(
    zaak_cli: Cli, tijdreis: WorkflowEnvironment, tmp_path: Path
) -> None:
    from tests.workflows.hulp import naar_dag

    nr = await zaak_cli.indienen(tmp_path)
    code, _, err = await zaak_cli("actie", nr, "screening_uitslag", "--signalen", "")
    assert code == 0, err
    code, uit, err = await zaak_cli(
        "actie", nr, "besluiten", "--uitkomst", "inwilliging", "--afwijkingsreden", "proef", "--json"
    )
    assert code == 0, err
    laatste_dag = date.fromisoformat(json.loads(uit)["bezwaar"]["termijn_einde"])
    await naar_dag(tijdreis, laatste_dag + timedelta(days=1))
    code, _, err = await zaak_cli("actie", nr, "bezwaar_ontvangen")
    assert code == 1 and "Awb 6:11" in err
    code, uit, err = await zaak_cli(
        "actie", nr, "bezwaar_ontvangen", "--verschoonbaar", "ja", "--verschoonbaar_motivering", "ziek", "--json"
    )
    assert code == 0, err
    assert json.loads(uit)["bezwaar"]["te_laat"] is True
    code, tabel, _ = await zaak_cli("status", nr)
    assert "te laat: ja" in tabel and "verschoonbaar: ja" in tabel and "waarom verschoonbaar: ziek" in tabel


# --- every date explains itself (issue #20 item 13) --------------------------------------------------


def _besluitdag_over_feestdag_en_weekend(vanaf: date) -> date:
    """The first day from `vanaf` whose objection term (4 weeks, Atw) ends on a day the Atw skips
    together with a holiday (or designated day) and a weekend."""
    from nareis.beleid import beleid_op
    from nareis.kalender import termijnen as t

    dag = vanaf
    while True:
        verschuivingen = t.bezwaartermijn(dag, beleid_op(dag)).uitleg.verschuivingen
        redenen = [d.reden for v in verschuivingen for d in v.overgeslagen]
        if any("zaterdag" in r or "zondag" in r for r in redenen) and any("Atw art. 3" in r for r in redenen):
            return dag
        dag += timedelta(days=1)


async def test_item_13_elke_termijn_met_afleiding_in_status_en_cli(
    werker: Client, tijdreis: WorkflowEnvironment, task_queue: str, tmp_path: Path, capsys
) -> None:
    from tests.workflows.hulp import naar_dag

    dag = _besluitdag_over_feestdag_en_weekend(await vandaag(tijdreis))
    await naar_dag(tijdreis, dag)
    cli = Cli(werker, task_queue, dag, capsys)
    nr = await cli.indienen(tmp_path)
    besluit = tmp_path / "besluit.json"
    besluit.write_text(
        json.dumps({"uitkomst": "afwijzing", "gronden": ["IDENTITEIT"], "motivering": {"IDENTITEIT": "vals"}})
    )
    assert (await cli("actie", nr, "besluiten", str(besluit), "--door", "b.medewerker"))[0] == 0
    assert (await cli("actie", nr, "besluit_accorderen", "--akkoord", "ja", "--door", "t.leider"))[0] == 0
    code, uit, err = await cli("actie", nr, "bezwaar_ontvangen", "--json")
    assert code == 0, err
    bezwaar = json.loads(uit)["bezwaar"]
    [verschuiving] = bezwaar["uitleg"]["verschuivingen"]
    # every day from the raw end up to the new end is named, with why (weekend, holiday + article)
    van, naar = date.fromisoformat(verschuiving["van"]), date.fromisoformat(verschuiving["naar"])
    assert [d["datum"] for d in verschuiving["overgeslagen"]] == [
        (van + timedelta(days=i)).isoformat() for i in range((naar - van).days)
    ]
    for vrij in verschuiving["overgeslagen"]:
        assert f"{vrij['datum']} {vrij['reden']}" in verschuiving["reden"]
        if date.fromisoformat(vrij["datum"]).weekday() < 5:
            assert "Atw art. 3" in vrij["reden"]
    assert bezwaar["beslissen_uitleg"]["einde"] == bezwaar["beslissen_uiterlijk"]
    code, tabel, _ = await cli("status", nr, "--stappen")
    assert code == 0
    regel = verschuiving["reden"]
    assert f"Atw art. 1 verschuift {van} → {naar}: " in tabel
    for vrij in verschuiving["overgeslagen"]:
        assert vrij["datum"] in tabel
    assert "beslissing op bezwaar" in tabel and "19 weken na afloop van de bezwaartermijn" in tabel
    assert f"einde: {bezwaar['beslissen_uiterlijk']}" in tabel
    assert regel.split(",")[0] in tabel
