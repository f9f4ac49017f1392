"""Connect to Temporal: the client every process of the service uses (worker, API, CLIs), with the
same converter, codec, TLS and tracing from the same settings."""

from __future__ import annotations

from temporalio.client import Client
from temporalio.converter import DataConverter, DefaultFailureConverterWithEncodedAttributes
from temporalio.service import TLSConfig

from client.omzetter import ContractPayloadConverter
from client.omzetter import data_converter as contract_data_converter
from client.settings import Instellingen
from client.tracing import tracing_interceptors


def data_converter(instellingen: Instellingen) -> DataConverter:
    """pydantic's JSON (CONTRACT.md), encrypted when `NAREIS_CODEC_KEY` is set."""
    if not instellingen.codec_key:
        return contract_data_converter
    from client.codec import codec_uit_sleutels

    return DataConverter(
        payload_converter_class=ContractPayloadConverter,
        payload_codec=codec_uit_sleutels(instellingen.codec_key),
        # failure messages and stack traces too: a refused input's message may quote a date
        # such as the birth date, and history would otherwise keep it in plain text
        failure_converter_class=DefaultFailureConverterWithEncodedAttributes,
    )


def _tls(instellingen: Instellingen) -> TLSConfig | bool:
    if not instellingen.tls:
        return False
    return TLSConfig(
        server_root_ca_cert=instellingen.tls_ca.read_bytes() if instellingen.tls_ca else None,
        client_cert=instellingen.tls_cert.read_bytes() if instellingen.tls_cert else None,
        client_private_key=instellingen.tls_key.read_bytes() if instellingen.tls_key else None,
    )


async def verbind(instellingen: Instellingen) -> Client:
    return await Client.connect(
        instellingen.temporal_address,
        namespace=instellingen.temporal_namespace,
        data_converter=data_converter(instellingen),
        tls=_tls(instellingen),
        api_key=instellingen.api_key,
        interceptors=tracing_interceptors(instellingen),
    )
