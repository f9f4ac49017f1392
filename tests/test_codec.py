"""Payload encryption (CONTRACT.md `NAREIS_CODEC_KEY`) and the UI's codec server."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest
from temporalio.api.common.v1 import Payload

from api.app import ApiInstellingen, maak_app
from client.codec import AesGcmCodec, Ontsleutelfout, codec_uit_sleutels, lees_sleutels
from client.connect import data_converter
from client.omzetter import ContractPayloadConverter
from client.settings import ConfiguratieFout, Instellingen

SLEUTEL_A = base64.b64encode(bytes(range(32))).decode()
SLEUTEL_B = base64.b64encode(bytes(range(32, 64))).decode()
GEHEIM = b'{"naam": "A. Voorbeeld", "geboortedatum": "1992-02-02"}'


def _payload(data: bytes = GEHEIM) -> Payload:
    return Payload(metadata={"encoding": b"json/plain"}, data=data)


async def test_versleutelt_en_ontsleutelt_met_metadata() -> None:
    codec = codec_uit_sleutels(f"k2026:{SLEUTEL_A}")
    [versleuteld] = await codec.encode([_payload()])
    assert versleuteld.metadata["encoding"] == b"binary/encrypted"
    assert versleuteld.metadata["encryption-key-id"] == b"k2026"
    assert b"Voorbeeld" not in versleuteld.SerializeToString()
    [terug] = await codec.decode([versleuteld])
    assert terug == _payload()


async def test_elke_versleuteling_heeft_een_eigen_nonce() -> None:
    codec = codec_uit_sleutels(f"k:{SLEUTEL_A}")
    een, twee = await codec.encode([_payload(), _payload()])
    assert een.data != twee.data


async def test_rotatie_de_eerste_versleutelt_alle_ontsleutelen() -> None:
    oud = codec_uit_sleutels(f"oud:{SLEUTEL_A}")
    [van_vroeger] = await oud.encode([_payload()])
    nieuw = codec_uit_sleutels(f"nieuw:{SLEUTEL_B}, oud:{SLEUTEL_A}")
    [van_nu] = await nieuw.encode([_payload()])
    assert van_nu.metadata["encryption-key-id"] == b"nieuw"
    assert await nieuw.decode([van_vroeger, van_nu]) == [_payload(), _payload()]


async def test_onbekende_sleutel_of_gewijzigde_data_is_een_fout() -> None:
    [versleuteld] = await codec_uit_sleutels(f"oud:{SLEUTEL_A}").encode([_payload()])
    with pytest.raises(Ontsleutelfout, match="onbekende sleutel 'oud'"):
        await codec_uit_sleutels(f"nieuw:{SLEUTEL_B}").decode([versleuteld])
    gewijzigd = Payload()
    gewijzigd.CopyFrom(versleuteld)
    gewijzigd.data = versleuteld.data[:-1] + bytes([versleuteld.data[-1] ^ 1])
    with pytest.raises(Ontsleutelfout, match="niet te ontsleutelen"):
        await codec_uit_sleutels(f"oud:{SLEUTEL_A}").decode([gewijzigd])


async def test_onversleutelde_payload_gaat_ongewijzigd_door() -> None:
    codec = codec_uit_sleutels(f"k:{SLEUTEL_A}")
    assert await codec.decode([_payload()]) == [_payload()]


@pytest.mark.parametrize(
    ("spec", "melding"),
    [
        ("", "leeg"),
        ("zonderdubbelepunt", "keyid:base64key"),
        ("k:", "keyid:base64key"),
        (f"k:{SLEUTEL_A},,j:{SLEUTEL_B}", "sleutel 2 is leeg"),
        (f"k met spatie:{SLEUTEL_A}", "sleutel-id"),
        (f"k:{SLEUTEL_A},k:{SLEUTEL_B}", "dubbel"),
        ("k:niet*base64", "geen geldige base64"),
        (f"k:{base64.b64encode(b'kort').decode()}", "4 bytes"),
    ],
)
def test_ongeldige_sleutelspecificatie_noemt_de_variabele(spec: str, melding: str) -> None:
    with pytest.raises(ConfiguratieFout, match="NAREIS_CODEC_KEY") as fout:
        codec_uit_sleutels(spec)
    assert melding in str(fout.value)
    assert SLEUTEL_A not in str(fout.value) and SLEUTEL_B not in str(fout.value)


def test_urlsafe_base64_mag_ook() -> None:
    sleutel = bytes([0xFB] * 32)
    assert lees_sleutels(f"k:{base64.urlsafe_b64encode(sleutel).decode()}") == [("k", sleutel)]


async def test_worker_client_versleutelt_met_de_codec() -> None:
    converter = data_converter(Instellingen(codec_key=f"k:{SLEUTEL_A}"))
    assert isinstance(converter.payload_codec, AesGcmCodec)
    [payload] = await converter.encode([{"naam": "A. Voorbeeld"}])
    assert b"Voorbeeld" not in payload.SerializeToString()
    assert await converter.decode([payload], [dict]) == [{"naam": "A. Voorbeeld"}]


# --- the codec server (Temporal UI remote codec) -------------------------------------------


def _codec_app(base_url: str = "http://api", **api: Any) -> httpx.AsyncClient:
    app = maak_app(
        Instellingen(api_tokens="lees-token:lezer", codec_key=f"k:{SLEUTEL_A}"),
        api=ApiInstellingen(**api),
    )
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base_url)


def _json_payloads(*payloads: Payload) -> dict[str, Any]:
    return {
        "payloads": [
            {
                "metadata": {k: base64.b64encode(v).decode() for k, v in p.metadata.items()},
                "data": base64.b64encode(p.data).decode(),
            }
            for p in payloads
        ]
    }


async def test_codec_server_ontsleutelt_voor_de_ui() -> None:
    [versleuteld] = await codec_uit_sleutels(f"k:{SLEUTEL_A}").encode([_payload()])
    async with _codec_app() as http:
        antwoord = await http.post(
            "/codec/decode",
            json=_json_payloads(versleuteld),
            headers={"Authorization": "Bearer lees-token", "X-Namespace": "default"},
        )
    assert antwoord.status_code == 200
    [terug] = antwoord.json()["payloads"]
    assert base64.b64decode(terug["data"]) == GEHEIM
    assert base64.b64decode(terug["metadata"]["encoding"]) == b"json/plain"


async def test_codec_server_encode_en_decode_zijn_elkaars_omgekeerde() -> None:
    kop = {"Authorization": "Bearer lees-token"}
    async with _codec_app() as http:
        versleuteld = (await http.post("/codec/encode", json=_json_payloads(_payload()), headers=kop)).json()
        assert GEHEIM not in json.dumps(versleuteld).encode()
        terug = (await http.post("/codec/decode", json=versleuteld, headers=kop)).json()
    assert base64.b64decode(terug["payloads"][0]["data"]) == GEHEIM


async def test_codec_server_vraagt_een_token() -> None:
    async with _codec_app() as http:
        zonder = await http.post("/codec/decode", json=_json_payloads(_payload()))
        fout = await http.post("/codec/decode", json=_json_payloads(_payload()), headers={"Authorization": "Bearer x"})
    assert zonder.status_code == 401 and fout.status_code == 401


async def test_codec_server_lokaal_zonder_token_alleen_als_ingesteld() -> None:
    async with _codec_app("http://localhost:8000", codec_lokaal_zonder_token=True) as http:
        # httpx's ASGI transport presents the client as 127.0.0.1
        antwoord = await http.post("/codec/decode", json=_json_payloads(_payload()))
    assert antwoord.status_code == 200


async def test_codec_server_lokaal_zonder_token_niet_onder_een_vreemde_host() -> None:
    """Issue 15 item 10, DNS rebinding: a page on evil.example, whose name resolves to
    127.0.0.1, reaches the port from loopback but sends its own Host; it gets no plain text."""
    [versleuteld] = await codec_uit_sleutels(f"k:{SLEUTEL_A}").encode([_payload()])
    async with _codec_app("http://evil.example:8000", codec_lokaal_zonder_token=True) as http:
        antwoord = await http.post("/codec/decode", json=_json_payloads(versleuteld))
        zonder_slash = await http.post("/codec", json=_json_payloads(_payload()))
        werkvoorraad = await http.get("/werkvoorraad/")
    assert antwoord.status_code == 401
    assert GEHEIM not in antwoord.content
    for redirect in (zonder_slash, werkvoorraad):  # never a redirect built from the Host
        assert "evil.example" not in redirect.headers.get("location", "")


async def test_codec_server_weigert_een_andere_namespace() -> None:
    async with _codec_app() as http:
        antwoord = await http.post(
            "/codec/decode",
            json=_json_payloads(_payload()),
            headers={"Authorization": "Bearer lees-token", "X-Namespace": "ander"},
        )
    assert antwoord.status_code == 403


async def test_codec_server_cors_voor_de_ui() -> None:
    async with _codec_app() as http:
        voor_ui = await http.options(
            "/codec/decode",
            headers={
                "Origin": "http://localhost:8233",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization,content-type,x-namespace",
            },
        )
        vreemd = await http.options(
            "/codec/decode",
            headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"},
        )
    assert voor_ui.status_code == 200
    assert voor_ui.headers["access-control-allow-origin"] == "http://localhost:8233"
    assert "access-control-allow-origin" not in vreemd.headers


async def test_zonder_sleutel_geen_codec_server() -> None:
    app = maak_app(Instellingen(api_tokens="t:lezer"), api=ApiInstellingen())
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://a") as http:
        antwoord = await http.post("/codec/decode", json={"payloads": []})
    assert antwoord.status_code == 404


def test_de_contractconverter_is_de_basis() -> None:
    converter = data_converter(Instellingen(codec_key=f"k:{SLEUTEL_A}"))
    assert converter.payload_converter_class is ContractPayloadConverter
