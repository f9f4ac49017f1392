"""The `details` query's shape, an extension of the contract (issue #17 item 5): where each fact
came from, and what each timeline entry changed and who did it.

`status` says how the case stands; `details` says how it came to stand so: the facts form shows
each fact's value with its provenance, the timeline each entry's changes (old → new where a
value changed). Only what the case still holds: entries that left its state for the register
(`tijdlijn_alleen_in_register`) are in the register's history (`worker dossier`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field

from nareis.contract.invoer import Uitvoer


class FeitHerkomst(Uitvoer):
    """A fact as established: its value, who recorded it, when, and by which action."""

    feit: str
    waarde: bool | int | float | str
    door: str | None = None
    op: date
    actie: str = "feiten_vastleggen"
    #: the timeline entry that recorded it, while the case still holds that entry
    volgnummer: int | None = None


class Wijziging(Uitvoer):
    """One value an entry set: `veld` in the contract's names (`feiten.<feit>`, `uitkomst`,
    `gronden`, `signalen`, `behandelaar`, …); `oud` the value before, when the case knew one."""

    veld: str
    nieuw: Any = None
    oud: Any = None
    gewijzigd: bool = True  # False: the entry set it again to the value it had


class TijdlijnDetail(Uitvoer):
    volgnummer: int
    op: date
    gebeurtenis: str
    door: str | None = None
    toelichting: str | None = None
    wijzigingen: list[Wijziging] = Field(default_factory=list)


class Details(Uitvoer):
    aanvraagnummer: str
    feiten: list[FeitHerkomst] = Field(default_factory=list)
    tijdlijn: list[TijdlijnDetail] = Field(default_factory=list)
    tijdlijn_alleen_in_register: int = 0
