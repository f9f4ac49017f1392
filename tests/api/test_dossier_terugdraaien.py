"""`POST /dossiers` is all or nothing: when a start fails midway, the cases this call started
are terminated again. A start failing between the existence check and the start is hard to
bring about on a real server, so a stand-in client plays Temporal here."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from temporalio.client import WorkflowExecutionStatus
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from api.app import ApiInstellingen, maak_app
from client.settings import Instellingen
from client.zaken import TERUGGEDRAAID
from tests.voorbeelden import aanvraag_data

NUMMERS = ["NR-2026-000300-1", "NR-2026-000300-2", "NR-2026-000300-3"]


class NepHandle:
    def __init__(self, client: NepClient, id_: str) -> None:
        self.client = client
        self.id = id_

    async def describe(self) -> Any:
        if self.id not in self.client.bestaand:
            raise RPCError("not found", RPCStatusCode.NOT_FOUND, b"")
        return SimpleNamespace(status=WorkflowExecutionStatus.RUNNING)

    async def terminate(self, *, reason: str) -> None:
        if self.id in self.client.onbeeindigbaar:
            raise RPCError("unavailable", RPCStatusCode.UNAVAILABLE, b"")
        self.client.beeindigd[self.id] = reason

    async def signal(self, naam: str) -> None:
        assert naam == "dossier_compleet"
        self.client.begonnen.append(self.id)

    async def query(self, naam: str, **_: Any) -> dict[str, Any]:
        return {"aanvraagnummer": self.id.removeprefix("nareis-"), "fase": "ontvangen"}


class NepClient:
    def __init__(self, *, faalt_bij: str | None = None, bestaand: set[str] | None = None) -> None:
        self.faalt_bij = faalt_bij
        self.bestaand = bestaand or set()
        self.gestart: list[str] = []
        self.beeindigd: dict[str, str] = {}
        self.onbeeindigbaar: set[str] = set()
        self.samenvattingen: list[str] = []
        self.wachtend: list[str] = []  # started to wait for dossier_compleet
        self.begonnen: list[str] = []  # sent dossier_compleet

    def get_workflow_handle(self, id_: str) -> NepHandle:
        return NepHandle(self, id_)

    async def start_workflow(self, type_: str, invoer: dict[str, Any], **opties: Any) -> NepHandle:
        assert type_ == "Nareisaanvraag"
        id_ = opties["id"]
        if id_ == self.faalt_bij:
            raise RPCError("unavailable", RPCStatusCode.UNAVAILABLE, b"")
        if id_ in self.bestaand:
            raise WorkflowAlreadyStartedError(id_, type_)
        self.gestart.append(id_)
        self.samenvattingen.append(opties["static_summary"])
        if opties.get("memo") == {"nareis_wacht_op_dossier": True}:
            self.wachtend.append(id_)
        return NepHandle(self, id_)


def _http(client: NepClient) -> httpx.AsyncClient:
    app = maak_app(
        Instellingen(api_tokens="t:intake"),
        client,  # type: ignore[arg-type]
        api=ApiInstellingen(),
    )
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://api",
        headers={"Authorization": "Bearer t"},
    )


def _dossier() -> dict[str, Any]:
    return {"aanvragen": [aanvraag_data(nummer=n) for n in NUMMERS]}


@pytest.fixture
def nep() -> NepClient:
    return NepClient()


async def test_dossier_start_alle_zaken(nep: NepClient) -> None:
    async with _http(nep) as http:
        antwoord = await http.post("/dossiers", json=_dossier())
    assert antwoord.status_code == 201
    assert [s["aanvraagnummer"] for s in antwoord.json()["aanvragen"]] == NUMMERS
    assert nep.gestart == [f"nareis-{n}" for n in NUMMERS]
    # no case runs a step before all have started; then each is told so
    assert nep.wachtend == nep.gestart and sorted(nep.begonnen) == sorted(nep.gestart)
    assert nep.samenvattingen[0] == "NR-2026-000300-1 · echtgenoot · referent vluchteling"


async def test_dossier_halverwege_mislukt_draait_de_gestarte_terug() -> None:
    nep = NepClient(faalt_bij=f"nareis-{NUMMERS[2]}")
    async with _http(nep) as http:
        antwoord = await http.post("/dossiers", json=_dossier())
    assert antwoord.status_code == 503
    assert nep.beeindigd == {f"nareis-{n}": TERUGGEDRAAID for n in NUMMERS[:2]}
    assert nep.begonnen == []  # the undone cases never ran a step: no letter, no register row


async def test_dossier_terugdraaien_dat_mislukt_noemt_de_zaken() -> None:
    nep = NepClient(faalt_bij=f"nareis-{NUMMERS[2]}")
    nep.onbeeindigbaar.add(f"nareis-{NUMMERS[0]}")
    async with _http(nep) as http:
        antwoord = await http.post("/dossiers", json=_dossier())
    assert antwoord.status_code == 503
    assert antwoord.json()["detail"]["niet_teruggedraaid"] == [f"nareis-{NUMMERS[0]}"]


async def test_dossier_met_een_bestaande_zaak_start_niets() -> None:
    nep = NepClient(bestaand={f"nareis-{NUMMERS[1]}"})
    async with _http(nep) as http:
        antwoord = await http.post("/dossiers", json=_dossier())
    assert antwoord.status_code == 409
    assert NUMMERS[1] in antwoord.json()["detail"]
    assert nep.gestart == []
