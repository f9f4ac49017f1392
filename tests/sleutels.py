"""The test suite's register key ring (`NAREIS_REGISTER_KEY`): fixed, so a failing test can be
read again; never used outside the tests."""

from __future__ import annotations

import base64

from client.registerkluis import Sleutelring

REGISTER_SLEUTEL = "test2026:" + base64.b64encode(bytes(range(32))).decode()


def kluis() -> Sleutelring:
    return Sleutelring.uit_spec(REGISTER_SLEUTEL)
