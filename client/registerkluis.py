"""The case register's key ring (`NAREIS_REGISTER_KEY`, issue 15 item 13): personal data in
PostgreSQL encrypted at rest, and keyed hashes for an exact lookup by name or V-number.

`NAREIS_REGISTER_KEY` has the codec's format, `keyid:base64key[,keyid:base64key…]` with 32-byte
keys: the first (newest) encrypts, all decrypt. From each key two keys are derived (HKDF-SHA256):
one for AES-256-GCM, one for HMAC-SHA256 lookups. A value is stored as

    0x01 | len(keyid) | keyid | nonce (12 bytes) | ciphertext + tag

with the `Plek` (table, row key, column) and the key id as associated data: a ciphertext copied
to another row or column, or changed, does not decrypt. A lookup hash is
HMAC(key, soort NUL normalised text): the same name in any case, spacing or diacritics gives
the same hash, and without the key it cannot be computed from a guess.

The ring is `NAREIS_REGISTER_KEY`, else `NAREIS_CODEC_KEY` (the same key ring, issue 15 item
13), else empty: **plain mode**, like the codec's "when unset, payloads are plain JSON"
(CONTRACT.md "Processes and configuration"). A value is then stored as `0x00 | utf-8 text`
and a lookup hash is SHA-256(soort NUL normalised text), without a key; the worker and the
API warn at every start. A ring with keys still reads such values and finds such hashes, and
the worker's start-up pass (activities.versleutelen) encrypts them under its first key.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from client.codec import NONCE_LENGTE, SLEUTEL_LENGTE, lees_sleutels
from client.settings import Instellingen
from nareis.register import ONVERSLEUTELD, Plek, Zoeksoort, zoeknormaal

log = logging.getLogger("nareis.register")

VARIABELE = "NAREIS_REGISTER_KEY"
VERSIE = 1
#: the key id `sleutel_van` gives for a value stored in plain mode
GEEN_SLEUTEL = ""


class Registerfout(ValueError):
    """A stored value could not be decrypted: unknown key id, tampered, or moved."""


def _afgeleid(sleutel: bytes, doel: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"nareis-register/" + doel).derive(sleutel)


class Sleutelring:
    """`Registerkluis` (nareis.register) over AES-256-GCM and HMAC-SHA256; the first key encrypts."""

    def __init__(self, sleutels: Sequence[tuple[str, bytes]]) -> None:
        """An empty ring is plain mode: nothing is encrypted."""
        for sleutel_id, sleutel in sleutels:
            if len(sleutel) != SLEUTEL_LENGTE:
                raise ValueError(f"sleutel {sleutel_id!r}: {SLEUTEL_LENGTE} bytes nodig")
        self.actieve_sleutel = sleutels[0][0] if sleutels else GEEN_SLEUTEL
        self._aes = {i: AESGCM(_afgeleid(s, b"aes-gcm")) for i, s in sleutels}
        self._hmac = {i: _afgeleid(s, b"zoeken") for i, s in sleutels}

    @classmethod
    def uit_spec(cls, spec: str) -> Sleutelring:
        """The ring for a `NAREIS_REGISTER_KEY` value; a malformed one raises `ConfiguratieFout`."""
        return cls(lees_sleutels(spec, VARIABELE))

    @property
    def sleutel_ids(self) -> tuple[str, ...]:
        return tuple(self._aes)

    @property
    def versleutelt(self) -> bool:
        return bool(self._aes)

    def versleutel(self, tekst: str, plek: Plek) -> bytes:
        if not self.versleutelt:
            return ONVERSLEUTELD + tekst.encode()
        sleutel_id = self.actieve_sleutel
        kop = bytes([VERSIE, len(sleutel_id)]) + sleutel_id.encode()
        nonce = os.urandom(NONCE_LENGTE)
        return kop + nonce + self._aes[sleutel_id].encrypt(nonce, tekst.encode(), kop + plek.als_bytes())

    def ontsleutel(self, geheim: bytes, plek: Plek) -> str:
        sleutel_id = sleutel_van(geheim)
        if sleutel_id == GEEN_SLEUTEL:
            return geheim[len(ONVERSLEUTELD) :].decode()
        aes = self._aes.get(sleutel_id)
        if aes is None:
            raise Registerfout(
                f"{plek.tabel}.{plek.kolom} is versleuteld met onbekende sleutel {sleutel_id!r}; "
                + (
                    f"bekend: {', '.join(self._aes)} (zet de oude sleutel achteraan in {VARIABELE})"
                    if self._aes
                    else f"{VARIABELE} en NAREIS_CODEC_KEY zijn niet gezet"
                )
            )
        lengte = 2 + len(sleutel_id.encode())
        kop, nonce, data = geheim[:lengte], geheim[lengte : lengte + NONCE_LENGTE], geheim[lengte + NONCE_LENGTE :]
        try:
            return aes.decrypt(nonce, data, kop + plek.als_bytes()).decode()
        except InvalidTag:
            raise Registerfout(
                f"{plek.tabel}.{plek.kolom} van {'/'.join(plek.rij)} is niet te ontsleutelen "
                "(gewijzigd, of hoort bij een andere rij of kolom)"
            ) from None

    def zoekwaarde(self, soort: Zoeksoort, tekst: str) -> bytes:
        return self._hash(self._hmac.get(self.actieve_sleutel), soort, tekst)

    def zoekwaarden(self, soort: Zoeksoort, tekst: str) -> list[bytes]:
        """Under every key, and unkeyed: rows written in plain mode are found until encrypted."""
        return [self._hash(sleutel, soort, tekst) for sleutel in (*self._hmac.values(), None)]

    @staticmethod
    def _hash(sleutel: bytes | None, soort: Zoeksoort, tekst: str) -> bytes:
        gegeven = f"{soort}\0{zoeknormaal(tekst)}".encode()
        if sleutel is None:
            return hashlib.sha256(gegeven).digest()
        return hmac.new(sleutel, gegeven, hashlib.sha256).digest()


def sleutel_van(geheim: bytes) -> str:
    """The id of the key a stored value was encrypted with (`GEEN_SLEUTEL`: stored in plain mode)."""
    if geheim[: len(ONVERSLEUTELD)] == ONVERSLEUTELD:
        return GEEN_SLEUTEL
    if len(geheim) < 2 or geheim[0] != VERSIE or len(geheim) < 2 + geheim[1] + NONCE_LENGTE + 16:
        raise Registerfout("versleutelde waarde heeft een onbekende vorm")
    return geheim[2 : 2 + geheim[1]].decode(errors="replace")


def sleutelring(instellingen: Instellingen) -> Sleutelring:
    """The ring of `NAREIS_REGISTER_KEY`, else of `NAREIS_CODEC_KEY`, else plain mode (empty);
    a malformed key raises `ConfiguratieFout` naming its variable."""
    if instellingen.register_key:
        return Sleutelring.uit_spec(instellingen.register_key)
    if instellingen.codec_key:
        return Sleutelring(lees_sleutels(instellingen.codec_key, "NAREIS_CODEC_KEY"))
    return Sleutelring([])


WAARSCHUWING = (
    "het zaakregister bewaart persoonsgegevens NIET versleuteld: NAREIS_REGISTER_KEY en NAREIS_CODEC_KEY "
    'zijn niet gezet. Zet een sleutel (maak er een met: python -c "import os,base64; '
    "print('r2026a:' + base64.b64encode(os.urandom(32)).decode())\"); de worker versleutelt dan bij zijn "
    "start wat onversleuteld bewaard is"
)


def meld_onversleuteld(kluis: Sleutelring) -> None:
    """The warning of plain mode, at every start of the worker and the API."""
    if not kluis.versleutelt:
        log.warning("%s", WAARSCHUWING)
