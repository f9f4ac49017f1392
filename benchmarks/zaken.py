"""What the benchmarks send: applications received today, and a typical case's life.

The application is the contract's example (CONTRACT.md), moved to today's date; every case
has its own aanvraagnummer and its own referent (spouse linking looks cases up by referent).
"""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

_VOORBEELD: dict[str, Any] = {
    "vorm": "formulier",
    "referent": {
        "geboortedatum": "1990-05-01",
        "status": "vluchteling",
        "nbm": False,
        "genaturaliseerd_op": None,
        "zelf_nagereisd": False,
    },
    "gezinslid": {
        "vnummer": "2234567890",
        "naam": "A. Voorbeeld",
        "relatie": "echtgenoot",
        "geboortedatum": "1992-02-02",
        "verblijfsland": "TR",
        "genoemd_in_asielprocedure": True,
    },
    "gezamenlijk_met": [],
    "toelichting_termijnoverschrijding": None,
    "eerdere_aanvraag": None,
}

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
    data = copy.deepcopy(_VOORBEELD)
    vergunning = ontvangen - timedelta(days=30)
    data["aanvraagnummer"] = nummer
    data["dossiernummer"] = nummer.rsplit("-", 1)[0]
    data["ontvangen_op"] = ontvangen.isoformat()
    data["referent"].update(
        vnummer=f"9{volgnummer:09d}",
        vergunning_ontvangen_op=vergunning.isoformat(),
        vergunning_verleend_op=(vergunning - timedelta(days=4)).isoformat(),
        asielaanvraag_op=(vergunning - timedelta(days=280)).isoformat(),
        inreis_op=(vergunning - timedelta(days=284)).isoformat(),
    )
    return data
