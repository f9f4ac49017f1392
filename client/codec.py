"""Payload encryption (CONTRACT.md "Processes and configuration": `NAREIS_CODEC_KEY`).

Every payload the service sends to Temporal — the application with the family member's name
and birth date, update arguments, the status — is encrypted with AES-256-GCM before it leaves
the process, so the Temporal server, its database and its UI only ever hold ciphertext.

`NAREIS_CODEC_KEY` is `keyid:base64key[,keyid:base64key…]`: 32-byte keys, the first encrypts,
all decrypt. To rotate, put the new key first and keep the old ones as long as histories
encrypted with them may still be read (running cases, retention period).

An encrypted payload carries `encoding: binary/encrypted` and `encryption-key-id: <keyid>` in
its metadata and `nonce (12 bytes) || ciphertext+tag` as data; the plaintext is the original
serialized `Payload` (metadata included), the key id is bound as associated data.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from temporalio.api.common.v1 import Payload
from temporalio.converter import PayloadCodec

from client.settings import ConfiguratieFout

ENCODING = b"binary/encrypted"
SLEUTEL_ID = "encryption-key-id"
NONCE_LENGTE = 12
SLEUTEL_LENGTE = 32
_SLEUTEL_ID_PATROON = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_VARIABELE = "NAREIS_CODEC_KEY"


class Ontsleutelfout(ValueError):
    """A payload could not be decrypted: unknown key id, or tampered/corrupt data."""


class AesGcmCodec(PayloadCodec):
    """AES-256-GCM payload codec with key rotation (the first key encrypts, all decrypt)."""

    def __init__(self, sleutels: Sequence[tuple[str, bytes]]) -> None:
        if not sleutels:
            raise ValueError("minstens één sleutel nodig")
        for sleutel_id, sleutel in sleutels:
            if len(sleutel) != SLEUTEL_LENGTE:
                raise ValueError(f"sleutel {sleutel_id!r}: {SLEUTEL_LENGTE} bytes nodig")
        self._actief_id = sleutels[0][0]
        self._sleutels = {sleutel_id: AESGCM(sleutel) for sleutel_id, sleutel in sleutels}

    @property
    def actieve_sleutel(self) -> str:
        """The id of the key that encrypts (not secret)."""
        return self._actief_id

    @property
    def sleutel_ids(self) -> tuple[str, ...]:
        return tuple(self._sleutels)

    async def encode(self, payloads: Sequence[Payload]) -> list[Payload]:
        return [self.versleutel(payload) for payload in payloads]

    async def decode(self, payloads: Sequence[Payload]) -> list[Payload]:
        return [self.ontsleutel(payload) for payload in payloads]

    def versleutel(self, payload: Payload) -> Payload:
        sleutel_id = self._actief_id
        nonce = os.urandom(NONCE_LENGTE)
        data = self._sleutels[sleutel_id].encrypt(nonce, payload.SerializeToString(), sleutel_id.encode())
        return Payload(
            metadata={"encoding": ENCODING, SLEUTEL_ID: sleutel_id.encode()},
            data=nonce + data,
        )

    def ontsleutel(self, payload: Payload) -> Payload:
        """Decrypt an encrypted payload; any other payload passes unchanged (plain history)."""
        if payload.metadata.get("encoding") != ENCODING:
            return payload
        sleutel_id = payload.metadata.get(SLEUTEL_ID, b"").decode(errors="replace")
        aes = self._sleutels.get(sleutel_id)
        if aes is None:
            raise Ontsleutelfout(
                f"payload versleuteld met onbekende sleutel {sleutel_id!r}; bekend: "
                f"{', '.join(self._sleutels)} (zet de oude sleutel achteraan in {_VARIABELE})"
            )
        if len(payload.data) <= NONCE_LENGTE:
            raise Ontsleutelfout("versleutelde payload is te kort")
        nonce, data = payload.data[:NONCE_LENGTE], payload.data[NONCE_LENGTE:]
        try:
            platte_tekst = aes.decrypt(nonce, data, sleutel_id.encode())
        except InvalidTag:
            raise Ontsleutelfout(
                f"payload met sleutel {sleutel_id!r} is niet te ontsleutelen (beschadigd of gewijzigd)"
            ) from None
        return Payload.FromString(platte_tekst)


def lees_sleutels(spec: str, variabele: str = _VARIABELE) -> list[tuple[str, bytes]]:
    """Parse `keyid:base64key[,keyid:base64key…]`; errors name the variable (NAREIS_CODEC_KEY,
    NAREIS_REGISTER_KEY), never a key."""
    sleutels: list[tuple[str, bytes]] = []
    delen = [deel.strip() for deel in spec.split(",")]
    if not any(delen):
        raise ConfiguratieFout(f"{variabele}: leeg; verwacht keyid:base64key[,keyid:base64key…]")
    for nummer, deel in enumerate(delen, start=1):
        if not deel:
            raise ConfiguratieFout(f"{variabele}: sleutel {nummer} is leeg (dubbele komma?)")
        sleutel_id, scheiding, tekst = deel.partition(":")
        sleutel_id, tekst = sleutel_id.strip(), tekst.strip()
        if not scheiding or not tekst:
            raise ConfiguratieFout(f"{variabele}: sleutel {nummer} heeft niet de vorm keyid:base64key")
        if not _SLEUTEL_ID_PATROON.match(sleutel_id):
            raise ConfiguratieFout(
                f"{variabele}: sleutel {nummer}: het sleutel-id bestaat uit 1 tot 64 letters, cijfers, '.', '_' of '-'"
            )
        if any(bestaand == sleutel_id for bestaand, _ in sleutels):
            raise ConfiguratieFout(f"{variabele}: sleutel-id {sleutel_id!r} komt dubbel voor")
        sleutel = _base64(tekst)
        if sleutel is None:
            raise ConfiguratieFout(f"{variabele}: sleutel {sleutel_id!r} is geen geldige base64")
        if len(sleutel) != SLEUTEL_LENGTE:
            raise ConfiguratieFout(
                f"{variabele}: sleutel {sleutel_id!r} is {len(sleutel)} bytes; AES-256 vraagt "
                f"{SLEUTEL_LENGTE} (maak er een met: openssl rand -base64 32)"
            )
        sleutels.append((sleutel_id, sleutel))
    return sleutels


def _base64(tekst: str) -> bytes | None:
    """Standard or URL-safe base64, padding required."""
    try:
        return base64.b64decode(tekst.translate(_URLSAFE).encode("ascii"), validate=True)
    except (binascii.Error, ValueError):
        return None


_URLSAFE = str.maketrans("-_", "+/")


def codec_uit_sleutels(spec: str) -> AesGcmCodec:
    """The codec for a `NAREIS_CODEC_KEY` value; a malformed value raises `ConfiguratieFout`."""
    return AesGcmCodec(lees_sleutels(spec))
