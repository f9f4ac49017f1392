"""How a caseworker CLI ends: its exit codes, and the error that carries one with its message."""

from __future__ import annotations

KLAAR, GEWEIGERD, ONGELDIG, ONBEREIKBAAR = 0, 1, 2, 3


class Fout(Exception):
    def __init__(self, code: int, melding: str) -> None:
        self.code = code
        super().__init__(melding)
