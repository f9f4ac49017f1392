"""Issue #17 items 1–3 and 8 on real parts: the werkvoorraad's views, filters, search, bulk
assignment and CSV, on a Temporal dev server of this module's own (SQL visibility, as `worker
dev`; the time-skipping server has no visibility queries) with the real worker and register.

The cases are real ones filed through the API on today's date: one filed today, one taken over
ten months after receipt (its beslistermijn lapsed at once, then a notice of default), one
assigned to a caseworker. Visibility trails an update by a moment, so a check of a list waits
for the state it expects (bounded), never for a fixed time.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import io
import re
import unicodedata
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import asyncpg
import httpx
import pytest
import pytest_asyncio
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from api.app import ApiInstellingen, maak_app
from api.schermen.werkvoorraad import zoekterm
from client import visibility
from client.register import RegisterReader
from client.settings import Instellingen
from nareis.contract.voorbeeld import aanvraag_data
from nareis.register import zoeknormaal
from nareis.tijd import datum_in_amsterdam
from tests.api.test_api import BEHANDELAAR, INTAKE, TOKENS
from tests.devserver import eigen_dev_server
from tests.sleutels import REGISTER_SLEUTEL, kluis

pytestmark = pytest.mark.asyncio(loop_scope="session")

ROLTOKENS = {"behandelaar": "beh-t", "collega": "beh2-t", "teamleider": "tl-t", "lezer": "lees-t"}
SLAG = uuid.uuid4().hex[:6]


def _letters(hexa: str) -> str:
    return "".join(chr(ord("a") + int(c, 16)) for c in hexa)


@dataclass
class Zaken:
    nieuw: str  # filed today, nobody's
    laat: str  # taken over after ten months: beslistermijn lapsed, notice of default running
    eigen: str  # assigned to J. de Vries
    naam: str  # the family member's name of `nieuw`
    referent: str  # the referent's V-number of `laat`
    dossier: str  # the dossier of `eigen`


@dataclass
class Omgeving:
    app: Any
    client: Client
    zaken: Zaken
    vandaag: date


@pytest_asyncio.fixture(loop_scope="session", scope="module")
async def dev() -> AsyncIterator[WorkflowEnvironment]:
    async with eigen_dev_server() as env:
        yield env


def _nummer(deel: str) -> str:
    return f"NR-2026-{int(uuid.uuid4().hex[:5], 16) % 10**6:06d}-{deel}"


@pytest_asyncio.fixture(loop_scope="session", scope="module")
async def omgeving(dev: WorkflowEnvironment, register_pool: asyncpg.Pool) -> AsyncIterator[Omgeving]:
    from worker.draaien import draaiende_worker

    task_queue = f"werkvoorraad-{SLAG}"
    vandaag = datum_in_amsterdam(datetime.now(UTC))
    app = maak_app(
        Instellingen(task_queue=task_queue, api_tokens=TOKENS),
        dev.client,
        api=ApiInstellingen(),
        vandaag=lambda: vandaag,
        register=RegisterReader(register_pool, kluis()),
    )
    async with draaiende_worker(
        dev.client, Instellingen(register_key=REGISTER_SLEUTEL, task_queue=task_queue), register_pool
    ):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api") as http:
            naam = f"Zoë Ångström-{_letters(SLAG)}"
            nieuw = aanvraag_data(vandaag, nummer=_nummer("1"), gezinslid__naam=naam)
            laat = aanvraag_data(
                vandaag - timedelta(days=300),
                nummer=_nummer("1"),
                referent__vnummer=f"9{int(SLAG, 16) % 10**9:09d}",
                gezinslid__naam=f"Late {_letters(SLAG)}",
            )
            eigen = aanvraag_data(vandaag, nummer=_nummer("2"), gezinslid__naam=f"Eigen {_letters(SLAG)}")
            for data in (nieuw, laat, eigen):
                antwoord = await http.post("/aanvragen", json=data, headers=INTAKE)
                assert antwoord.status_code == 201, antwoord.text
            igs = await http.post(
                f"/aanvragen/{laat['aanvraagnummer']}/ingebrekestelling_ontvangen", json={}, headers=BEHANDELAAR
            )
            assert igs.status_code == 200, igs.text
            toegewezen = await http.post(
                f"/aanvragen/{eigen['aanvraagnummer']}/toewijzen",
                json={"behandelaar": "J. de Vries"},
                headers=BEHANDELAAR,
            )
            assert toegewezen.status_code == 200, toegewezen.text
        zaken = Zaken(
            nieuw=nieuw["aanvraagnummer"],
            laat=laat["aanvraagnummer"],
            eigen=eigen["aanvraagnummer"],
            naam=naam,
            referent=laat["referent"]["vnummer"],
            dossier=eigen["dossiernummer"],
        )
        omgeving = Omgeving(app, dev.client, zaken, vandaag)
        await _zichtbaar(omgeving)
        yield omgeving


async def _zichtbaar(omgeving: Omgeving) -> None:
    """Until visibility and the register show what the cases did (at most 30 s)."""
    register = RegisterReader(await _pool(omgeving), kluis())
    for _ in range(300):
        rijen = await visibility.cases(omgeving.client, visibility.query(), omgeving.vandaag)
        per_nr = {r["aanvraagnummer"]: r for r in rijen}
        # every case's name, not only one: a loaded worker writes the register a moment later
        alle = [omgeving.zaken.nieuw, omgeving.zaken.laat, omgeving.zaken.eigen]
        personen = await register.personen(alle)
        if (
            per_nr.get(omgeving.zaken.eigen, {}).get("behandelaar") == "J. de Vries"
            and per_nr.get(omgeving.zaken.laat, {}).get("volgende_termijn_soort") == "ingebrekestelling"
            and omgeving.zaken.nieuw in per_nr
            and [r["fase"] for r in per_nr.values()] == ["beoordeling"] * 3
            and len(personen) == len(alle)
        ):
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"niet zichtbaar geworden: {per_nr}")


async def _pool(omgeving: Omgeving) -> asyncpg.Pool:
    register: RegisterReader = await omgeving.app.state.register()
    return register.pool


@contextlib.asynccontextmanager
async def _ingelogd(omgeving: Omgeving, rol: str) -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    """A browser signed in as `rol`, and its session's CSRF token."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=omgeving.app), base_url="http://schermen") as b:
        csrf = re.search(r'name="csrf" value="([^"]+)"', (await b.get("/inloggen")).text)
        assert csrf
        antwoord = await b.post("/inloggen", data={"csrf": csrf.group(1), "token": ROLTOKENS[rol]})
        assert antwoord.status_code == 303, antwoord.text
        sessie = omgeving.app.state.schermen_sleutel.lees(b.cookies.get("nareis_sessie"))
        yield b, str(sessie["csrf"])


def _nummers(html: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/zaken/([^"]+)">', html)


async def _pagina(omgeving: Omgeving, rol: str, **parameters: str) -> str:
    async with _ingelogd(omgeving, rol) as (browser, _):
        antwoord = await browser.get("/werkvoorraad", params=parameters)
    assert antwoord.status_code == 200, antwoord.text
    return antwoord.text


async def test_mijn_zaken_is_de_standaard_van_de_behandelaar(omgeving: Omgeving) -> None:
    z = omgeving.zaken
    assert _nummers(await _pagina(omgeving, "behandelaar")) == [z.eigen]
    assert _nummers(await _pagina(omgeving, "collega")) == []
    team = _nummers(await _pagina(omgeving, "behandelaar", weergave="team"))
    assert set(team) == {z.nieuw, z.laat}
    alle = await _pagina(omgeving, "behandelaar", weergave="alle")
    assert set(_nummers(alle)) == {z.nieuw, z.laat, z.eigen}
    assert 'aria-current="page"><strong>Alle open zaken' in alle


async def test_teamleider_ziet_alle_zaken_met_naam_relatie_en_wat_opvalt(omgeving: Omgeving) -> None:
    z = omgeving.zaken
    html = await _pagina(omgeving, "teamleider")
    assert set(_nummers(html)) == {z.nieuw, z.laat, z.eigen}
    assert "Mijn zaken" not in html  # a team lead has no cases of his own
    assert z.naam in html  # from the register
    rij = _rij(html, z.laat)
    assert 'class="verlopen"' in rij
    assert "beslistermijn verlopen" in rij
    assert "ingebrekestelling loopt" in rij
    assert "echtgenoot" in rij
    assert 'class="verlopen"' not in _rij(html, z.nieuw)
    # the next running term first: the notice of default (2 weeks) before two beslistermijnen
    assert _nummers(html)[0] == z.laat
    assert "J. de Vries" in _rij(html, z.eigen)


def _rij(html: str, nr: str) -> str:
    gevonden = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*/zaken/{re.escape(nr)}\".*?</tr>", html, re.S)
    assert gevonden, nr
    return gevonden.group(0)


@pytest.mark.parametrize(
    ("parameters", "verwacht"),
    [
        ({"soort": "ingebrekestelling"}, {"laat"}),
        ({"soort": "beslistermijn"}, {"nieuw", "eigen"}),
        ({"binnen": "20"}, {"laat"}),
        ({"verlopen": "ja"}, {"laat"}),
        ({"binnen": "400", "soort": "beslistermijn", "fase": "beoordeling"}, {"nieuw", "eigen"}),
        ({"dossier": "__dossier__"}, {"eigen"}),
        ({"weergave": "alle", "behandelaar": "J. de Vries"}, {"eigen"}),
        ({"weergave": "alle", "behandelaar": "  J.   de Vries "}, {"eigen"}),
        ({"weergave": "alle", "behandelaar": 'J." OR "1"="1'}, set()),
        ({"weergave": "team", "behandelaar": "J. de Vries"}, {"nieuw", "laat"}),  # a view's own rule wins
    ],
)
async def test_filters(omgeving: Omgeving, parameters: dict[str, str], verwacht: set[str]) -> None:
    z = omgeving.zaken
    parameters = {k: z.dossier if v == "__dossier__" else v for k, v in parameters.items()}
    html = await _pagina(omgeving, "teamleider", **parameters)
    assert set(_nummers(html)) == {getattr(z, naam) for naam in verwacht}


async def test_filter_op_gewone_datums(omgeving: Omgeving) -> None:
    z = omgeving.zaken
    laat = await visibility.cases(omgeving.client, visibility.query(), omgeving.vandaag)
    einde = {r["aanvraagnummer"]: date.fromisoformat(r["volgende_termijn"]) for r in laat}[z.laat]
    # "uiterlijk" includes its day, "vanaf" too
    assert _nummers(await _pagina(omgeving, "teamleider", tot=einde.isoformat())) == [z.laat]
    assert z.laat not in _nummers(await _pagina(omgeving, "teamleider", tot=(einde - timedelta(1)).isoformat()))
    assert z.laat in _nummers(await _pagina(omgeving, "teamleider", vanaf=einde.isoformat()))
    assert z.laat not in _nummers(await _pagina(omgeving, "teamleider", vanaf=(einde + timedelta(1)).isoformat()))
    async with _ingelogd(omgeving, "teamleider") as (browser, _):
        for fout in ("31-01-2027", "2027-02-30", "morgen"):
            assert (await browser.get("/werkvoorraad", params={"tot": fout})).status_code == 400


@pytest.mark.parametrize("hoe", ["nummer", "dossier", "vnummer", "vnummer gezinslid", "naam", "naam anders geschreven"])
async def test_een_zoekvak(omgeving: Omgeving, hoe: str) -> None:
    z = omgeving.zaken
    tekst, verwacht = {
        "nummer": (z.nieuw.lower(), None),  # case numbers are exact: a lower-case one is not found
        "dossier": (z.dossier, {z.eigen}),
        "vnummer": (z.referent, {z.laat}),
        "vnummer gezinslid": ("2234567890", {z.nieuw, z.laat, z.eigen}),  # the example's, in the register
        "naam": (z.naam, {z.nieuw}),
        # case-insensitive, NFKC (decomposed letters), whitespace runs
        "naam anders geschreven": ("  " + unicodedata.normalize("NFD", z.naam.upper()).replace(" ", "   "), {z.nieuw}),
    }[hoe]
    html = await _pagina(omgeving, "behandelaar", zoek=tekst)
    assert set(_nummers(html)) == (verwacht or set())
    if hoe == "nummer":
        assert _nummers(await _pagina(omgeving, "behandelaar", zoek=z.nieuw)) == [z.nieuw]


async def test_een_naam_is_exact_en_komt_nooit_in_een_visibility_vraag(
    omgeving: Omgeving, monkeypatch: pytest.MonkeyPatch
) -> None:
    z = omgeving.zaken
    vragen: list[str] = []
    echte_page = visibility.page

    async def page(client: Client, vraag: str, *args: Any, **kwargs: Any) -> visibility.Page:
        vragen.append(vraag)
        return await echte_page(client, vraag, *args, **kwargs)

    monkeypatch.setattr(visibility, "page", page)
    assert _nummers(await _pagina(omgeving, "lezer", zoek=z.naam)) == [z.nieuw]
    deel = z.naam.split("-")[0]
    assert "Geen zaak gevonden" in await _pagina(omgeving, "lezer", zoek=deel)  # no partial match
    assert vragen and all(z.naam.split("-")[1] not in v and "Zo" not in v for v in vragen)
    assert f'"nareis-{z.nieuw}"' in vragen[0]
    assert len(vragen) == 1  # the partial name found nothing: visibility was not asked


async def test_zoekterm_naam_alleen_via_het_register(register_pool: asyncpg.Pool) -> None:
    term = await zoekterm("Karel Appel", RegisterReader(register_pool, kluis()))
    assert term.dossier is None and term.referent is None
    assert zoeknormaal("  KAREL\u00a0 Appel ") == "karel appel"
    assert (await zoekterm("1234567890", None)).referent == "1234567890"
    assert (await zoekterm("NR-2026-1", None)).referent is None


async def test_csv_van_een_weergave(omgeving: Omgeving) -> None:
    z = omgeving.zaken
    async with _ingelogd(omgeving, "teamleider") as (browser, _):
        antwoord = await browser.get("/werkvoorraad", params={"weergave": "team", "formaat": "csv"})
        pagina = await browser.get("/werkvoorraad", params={"weergave": "team"})
    assert antwoord.status_code == 200
    assert antwoord.headers["content-type"].startswith("text/csv")
    assert "attachment" in antwoord.headers["content-disposition"]
    rijen = list(csv.DictReader(io.StringIO(antwoord.content.decode("utf-8-sig"))))
    assert {r["aanvraagnummer"] for r in rijen} == {z.nieuw, z.laat}
    laat = next(r for r in rijen if r["aanvraagnummer"] == z.laat)
    assert laat["volgende termijn"] == "ingebrekestelling"
    assert laat["verlopen"] == "beslistermijn"
    assert laat["ingebrekestelling loopt"] == "ja"
    assert next(r for r in rijen if r["aanvraagnummer"] == z.nieuw)["naam"] == z.naam
    assert "formaat=csv" in pagina.text and "weergave=team" in pagina.text


async def test_bulk_toewijzen_door_de_teamleider(omgeving: Omgeving) -> None:
    z = omgeving.zaken
    onbekend = _nummer("9")
    async with _ingelogd(omgeving, "teamleider") as (browser, csrf):
        pagina = await browser.get("/werkvoorraad")
        assert 'name="zaak"' in pagina.text and 'form="bulk"' in pagina.text
        antwoord = await browser.post(
            "/werkvoorraad/toewijzen",
            data={"csrf": csrf, "zaak": [z.nieuw, z.laat, onbekend], "behandelaar": "P. Jansen", "terug": "/elders"},
        )
    assert antwoord.status_code == 200, antwoord.text
    assert "2 van 3 zaken toegewezen" in antwoord.text
    assert re.search(rf"{onbekend}</a></th>\s*<td>niet toegewezen: ", antwoord.text)
    assert 'href="/werkvoorraad"' in antwoord.text  # no redirect elsewhere from the form
    for nr in (z.nieuw, z.laat):
        status = await omgeving.app.state.zaken.status(nr)
        assert status["behandelaar"] == "P. Jansen"
        assert status["tijdlijn"][-1]["door"] == "T. Leider"
    # and back to the team, so the other tests' views stay as they were
    async with _ingelogd(omgeving, "teamleider") as (browser, csrf):
        terug = await browser.post("/werkvoorraad/toewijzen", data={"csrf": csrf, "zaak": [z.nieuw, z.laat]})
    assert "2 van 2 zaken toegewezen" in terug.text
    await _zichtbaar(omgeving)


@pytest.mark.parametrize("rol", ["behandelaar", "lezer"])
async def test_bulk_toewijzen_alleen_teamleider_en_met_csrf(omgeving: Omgeving, rol: str) -> None:
    z = omgeving.zaken
    async with _ingelogd(omgeving, rol) as (browser, csrf):
        geweigerd = await browser.post(
            "/werkvoorraad/toewijzen", data={"csrf": csrf, "zaak": [z.nieuw], "behandelaar": "x"}
        )
        assert geweigerd.status_code == 403
        assert 'name="zaak"' not in (await browser.get("/werkvoorraad", params={"weergave": "alle"})).text
    async with _ingelogd(omgeving, "teamleider") as (browser, _):
        vervalst = await browser.post(
            "/werkvoorraad/toewijzen", data={"csrf": "fout", "zaak": [z.nieuw], "behandelaar": "x"}
        )
    assert vervalst.status_code == 403
    assert (await omgeving.app.state.zaken.status(z.nieuw))["behandelaar"] is None


def _getal(html: str, tabel: str, rij: str, kolom: int) -> str:
    """The text of cell `kolom` (0: the header) of row `rij` in table `#tabel`."""
    deel = html.split(f'id="{tabel}"', 1)[1].split("</table>", 1)[0]
    gevonden = re.search(rf"<tr[^>]*>\s*<th scope=\"row\">{re.escape(rij)}</th>(.*?)</tr>", deel, re.S)
    assert gevonden, (tabel, rij)
    cellen = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", gevonden.group(1), re.S)]
    return cellen[kolom - 1]


async def test_dashboard_van_de_teamleider(omgeving: Omgeving) -> None:
    async with _ingelogd(omgeving, "teamleider") as (browser, _):
        antwoord = await browser.get("/dashboard", params={"bijwerken": "ja"})
    assert antwoord.status_code == 200, antwoord.text
    html = antwoord.text
    assert _getal(html, "fasen", "beoordeling", 1) == "3"
    assert _getal(html, "fasen", "bezwaar", 1) == "0"
    assert _getal(html, "termijnen", "beslistermijn", 1) == "1"  # the case taken over: lapsed
    igs_einde = omgeving.vandaag + timedelta(days=14)
    deze_week = igs_einde <= omgeving.vandaag + timedelta(days=6 - omgeving.vandaag.weekday())
    assert _getal(html, "termijnen", "ingebrekestelling", 2) == ("1" if deze_week else "0")
    assert _getal(html, "termijnen", "ingebrekestelling", 3) == "1"
    assert _getal(html, "termijnen", "beslistermijn", 3) == "0"  # the others end in nine months
    assert re.search(r'id="ingebrekestellingen">1<', html)
    assert _getal(html, "behandelaars", "niet toegewezen", 1) == "2"
    assert _getal(html, "behandelaars", "J. de Vries", 1) == "1"
    assert 'href="/werkvoorraad?weergave=alle&amp;behandelaar=J.+de+Vries"' in html
    # the chart: twelve bars, the notice of default's week has the one deadline, no script
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert svg.count("<rect") == 12
    assert "<script" not in html.lower()
    maandag = igs_einde - timedelta(days=igs_einde.weekday())
    assert re.search(rf"week van {maandag.day} \w+ {maandag.year}: 1</title>", svg)
    assert len(re.findall(r": 0</title>", svg)) == 11


@pytest.mark.parametrize("rol", ["behandelaar", "lezer"])
async def test_dashboard_alleen_voor_de_teamleider(omgeving: Omgeving, rol: str) -> None:
    async with _ingelogd(omgeving, rol) as (browser, _):
        assert (await browser.get("/dashboard")).status_code == 403
        assert 'href="/dashboard"' not in (await browser.get("/werkvoorraad")).text
