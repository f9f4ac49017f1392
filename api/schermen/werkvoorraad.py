"""The werkvoorraad: open cases from Temporal visibility (`client.visibility`), filtered on
the search attributes of CONTRACT.md, nearest deadline first, one page at a time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from client import visibility
from nareis.contract import Fase

#: codes only: aanvraag-, dossier- and vnummers; anything else is ignored, never quoted into a query
_CODE = re.compile(r"^[A-Za-z0-9._-]{1,60}$")
_GETAL = re.compile(r"^[0-9]{1,6}$")


class OngeldigFilter(ValueError):
    def __init__(self, veld: str, melding: str) -> None:
        self.veld = veld
        super().__init__(f"{veld}: {melding}")


@dataclass(frozen=True)
class Filters:
    fase: str = ""
    binnen: int | None = None
    verlopen: bool = False
    opgeschort: bool = False
    referent: str = ""
    dossier: str = ""

    @classmethod
    def uit(cls, parameters: dict[str, str]) -> Filters:
        binnen = parameters.get("binnen", "").strip()
        if binnen and not (_GETAL.match(binnen) and int(binnen) <= 100_000):
            # ASCII digits only: "²".isdigit() is true, and int("²") was a 500 (issue 15 item 7)
            raise OngeldigFilter("binnen", "een aantal dagen, 0 tot en met 100000")
        return cls(
            fase=parameters.get("fase", "") if parameters.get("fase") in {f.value for f in Fase} else "",
            binnen=int(binnen) if binnen else None,
            verlopen=parameters.get("verlopen") == "ja",
            opgeschort=parameters.get("opgeschort") == "ja",
            referent=_code(parameters.get("referent", "")),
            dossier=_code(parameters.get("dossier", "")),
        )


def _code(waarde: str) -> str:
    waarde = waarde.strip()
    return waarde if _CODE.match(waarde) else ""


def zoekvraag(filters: Filters, vandaag: date) -> str:
    """The visibility query for `filters` (without ordering)."""
    grenzen = []
    if filters.binnen is not None:
        grenzen.append(vandaag + timedelta(filters.binnen + 1))  # within N days: before the day after
    if filters.verlopen:
        grenzen.append(vandaag)
    return visibility.query(
        fasen=[filters.fase] if filters.fase else [],
        beslistermijn_eindigt_voor=min(grenzen, default=None),
        opgeschort=filters.opgeschort,
        referent=filters.referent or None,
        dossier=filters.dossier or None,
    )
