"""The dev stack in a real browser: the API's `/docs`, and the Temporal UI finding a filed
case and showing its input decrypted by the codec server, while Temporal itself only ever
holds the encrypted payload."""

from __future__ import annotations

import asyncio
import re
import uuid
from datetime import datetime

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait
from temporalio.client import Client, WorkflowFailureError

from api.identiteit import TokenProvider
from client.codec import codec_uit_sleutels
from client.connect import verbind
from client.settings import Instellingen
from nareis.contract import Rol
from nareis.tijd import AMSTERDAM
from tests.browser.conftest import DevStack
from tests.voorbeelden import aanvraag_data
from worker.dev import codec_voor_ui, dev_tokens, tokens_spec

WACHTTIJD = 60


def _wacht_op_tekst(chromium, tekst: str) -> None:
    WebDriverWait(chromium, WACHTTIJD).until(
        lambda d: tekst in d.find_element(By.TAG_NAME, "body").text,
        message=f"{tekst!r} verscheen niet",
    )


@pytest.fixture(scope="module")
def ingediend(dev_stack: DevStack) -> dict:
    """One case filed through the API, with a name found nowhere else."""
    naam = f"Fenna Browsertest-{uuid.uuid4().hex[:6]}"
    data = aanvraag_data(
        datetime.now(AMSTERDAM).date(),
        nummer=f"NR-2026-{uuid.uuid4().int % 10**6:06d}-1",
        gezinslid__naam=naam,
        referent__vnummer=f"{uuid.uuid4().int % 10**10:010d}",
    )
    antwoord = httpx.post(f"{dev_stack.api}/aanvragen", json=data, headers=dev_stack.kop("intake"), timeout=30)
    assert antwoord.status_code == 201, antwoord.text
    return data


def test_docs_van_de_api(dev_stack: DevStack, chromium, schermafdruk) -> None:
    chromium.get(f"{dev_stack.api}/docs")
    titel = WebDriverWait(chromium, WACHTTIJD).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, ".swagger-ui .info .title"))
    )
    assert "nareis" in titel.text
    _wacht_op_tekst(chromium, "/aanvragen/{aanvraagnummer}/besluiten")
    schermafdruk("docs")


def test_ui_vindt_de_zaak_via_zoekattribuut(dev_stack: DevStack, ingediend: dict, chromium, schermafdruk) -> None:
    zoek = f'NareisReferent="{ingediend["referent"]["vnummer"]}"'
    chromium.get(f"{dev_stack.ui}/namespaces/default/workflows?query={httpx.QueryParams({'q': zoek})['q']}")
    _wacht_op_tekst(chromium, f"nareis-{ingediend['aanvraagnummer']}")
    schermafdruk("lijst")


def test_ui_toont_de_invoer_ontsleuteld_door_de_codec(
    dev_stack: DevStack, ingediend: dict, chromium, schermafdruk
) -> None:
    naam = ingediend["gezinslid"]["naam"]
    chromium.get(f"{dev_stack.ui}/namespaces/default/workflows/nareis-{ingediend['aanvraagnummer']}")
    _wacht_op_tekst(chromium, f'"naam": "{naam}"')
    schermafdruk("invoer-ontsleuteld")
    # the browser called the codec server itself, without a token (dev: loopback)
    assert re.search(r'"POST /codec/decode(\?\S*)? HTTP/1.1" 200', dev_stack.log.read_text())


def test_ruwe_geschiedenis_bevat_geen_naam(dev_stack: DevStack, ingediend: dict) -> None:
    async def lees() -> list:
        client = await Client.connect(dev_stack.temporal)  # no codec: what Temporal stores
        geschiedenis = await client.get_workflow_handle(f"nareis-{ingediend['aanvraagnummer']}").fetch_history()
        return list(geschiedenis.events)

    events = asyncio.run(lees())
    ruw = b"".join(event.SerializeToString() for event in events)
    for geheim in (ingediend["gezinslid"]["naam"], ingediend["gezinslid"]["geboortedatum"]):
        assert geheim.encode() not in ruw, geheim
    [payload] = events[0].workflow_execution_started_event_attributes.input.payloads
    assert payload.metadata["encoding"] == b"binary/encrypted"
    [platte] = asyncio.run(codec_uit_sleutels(dev_stack.codec_key).decode([payload]))
    assert ingediend["gezinslid"]["naam"].encode() in platte.data


def test_foutmelding_met_geboortedatum_blijft_versleuteld(dev_stack: DevStack) -> None:
    """An invalid application started straight at Temporal fails naming the field, and its
    message quotes the birth date: the history keeps that message encrypted too."""
    geboortedatum = "1994-06-13"
    data = aanvraag_data(
        datetime.now(AMSTERDAM).date(),
        nummer=f"NR-2026-{uuid.uuid4().int % 10**6:06d}-1",
        referent__geboortedatum=geboortedatum,
        referent__asielaanvraag_op="1994-06-01",  # before the birth date: refused
        referent__vnummer=f"{uuid.uuid4().int % 10**10:010d}",
    )
    werkstroom_id = f"nareis-{data['aanvraagnummer']}"

    async def draai() -> tuple[str, bytes]:
        instellingen = Instellingen(temporal_address=dev_stack.temporal, codec_key=dev_stack.codec_key)
        met_codec = await verbind(instellingen)
        handle = await met_codec.start_workflow("Nareisaanvraag", data, id=werkstroom_id, task_queue="nareis")
        with pytest.raises(WorkflowFailureError) as fout:
            await handle.result()
        zonder_codec = await Client.connect(dev_stack.temporal)
        geschiedenis = await zonder_codec.get_workflow_handle(werkstroom_id).fetch_history()
        return str(fout.value.cause), b"".join(e.SerializeToString() for e in geschiedenis.events)

    melding, ruw = asyncio.run(draai())
    assert "referent.asielaanvraag_op" in melding and geboortedatum in melding  # decoded for the caller
    assert geboortedatum.encode() not in ruw


# --- the dev stack's settings for the UI and the API -------------------------------------


def test_dev_tokens_geven_elke_rol_een_eigen_token() -> None:
    tokens = dev_tokens()
    provider = TokenProvider.uit_spec(tokens_spec(tokens))
    for rol, token in tokens.items():
        gebruiker = provider.gebruiker_bij(token)
        assert gebruiker is not None and gebruiker.rollen == {rol} and gebruiker.naam == f"dev-{rol.value}"
    assert set(tokens) == set(Rol) and dev_tokens() != tokens


def test_codec_staat_de_ui_van_de_dev_stack_toe(monkeypatch: pytest.MonkeyPatch) -> None:
    from api.app import ApiInstellingen

    monkeypatch.setenv("NAREIS_CODEC_CORS_ORIGINS", "https://ui.example")
    monkeypatch.delenv("NAREIS_CODEC_LOKAAL_ZONDER_TOKEN", raising=False)
    codec_voor_ui(18233)
    api = ApiInstellingen.uit_omgeving()
    assert api.codec_origins == ("https://ui.example", "http://localhost:18233", "http://127.0.0.1:18233")
    assert api.codec_lokaal_zonder_token is True


def test_ui_is_alleen_lezen(dev_stack: DevStack, ingediend: dict, chromium, schermafdruk) -> None:
    """Issue #17 item 11: the UI's own settings switch every write action off, and a write
    request made by hand is refused before it reaches the UI's server; reading goes on."""
    instellingen = httpx.get(f"{dev_stack.ui}/api/v1/settings", timeout=30).json()
    assert instellingen["DisableWriteActions"] is True
    for schakelaar in ("WorkflowTerminateDisabled", "WorkflowResetDisabled", "WorkflowCancelDisabled"):
        assert instellingen[schakelaar] is True, schakelaar
    assert instellingen["Codec"]["Endpoint"]  # the rest of the UI's settings pass unchanged
    werkstroom = f"/api/v1/namespaces/default/workflows/nareis-{ingediend['aanvraagnummer']}"
    for actie in ("terminate", "cancel", "signal/nieuw_bewijs", "reset"):
        antwoord = httpx.post(f"{dev_stack.ui}{werkstroom}/{actie}", json={"reason": "proef"}, timeout=30)
        assert antwoord.status_code == 403, (actie, antwoord.text)
    assert httpx.get(f"{dev_stack.ui}{werkstroom}", timeout=30).status_code == 200

    chromium.get(f"{dev_stack.ui}/namespaces/default/workflows/nareis-{ingediend['aanvraagnummer']}")
    _wacht_op_tekst(chromium, "Request Cancellation")
    knoppen = [
        k for k in chromium.find_elements(By.TAG_NAME, "button") if k.text in ("Request Cancellation", "More Actions")
    ]
    assert len(knoppen) == 2 and not any(k.is_enabled() for k in knoppen)  # shown, switched off by the settings
    schermafdruk("alleen-lezen")
    status = httpx.get(f"{dev_stack.api}/aanvragen/{ingediend['aanvraagnummer']}", headers=dev_stack.kop("lezer"))
    assert status.status_code == 200 and status.json()["fase"] != "afgerond"
