"""What the benchmarks send: applications received today, and a typical case's life.

The application is the contract's example (CONTRACT.md), moved to today's date; every case
has its own aanvraagnummer and its own referent (spouse linking looks cases up by referent).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from nareis.contract.voorbeeld import aanvraag_data

#: a typical case after receipt: an HV letter and its answer, screening, the decision (a
#: grant), the mvv collected — all on the day of receipt, as the dev server runs in real time
LEVENSLOOP: list[tuple[str, dict[str, Any]]] = [
    ("hv_versturen", {"reden": "documenten", "ontbrekend": ["paspoort"], "door": "bench"}),
    ("hv_reactie_ontvangen", {"door": "bench"}),
    ("screening_uitslag", {"signalen": [], "door": "bench"}),
    ("besluiten", {"uitkomst": "inwilliging", "gronden": [], "afwijkingsreden": "benchmark", "door": "bench"}),
    ("mvv_opgehaald", {"door": "bench"}),
]


def aanvraagnummer(reeks: str, volgnummer: int) -> str:
    return f"NR-{reeks}-{volgnummer:06d}-1"


def aanvraag(nummer: str, volgnummer: int, ontvangen: date) -> dict[str, Any]:
    """A timely application received on `ontvangen` (permit received 30 days earlier)."""
    return aanvraag_data(ontvangen, nummer=nummer, referent__vnummer=f"9{volgnummer:09d}")
