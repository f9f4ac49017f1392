"""The application of CONTRACT.md's example ("Workflow"), shifted to any receipt date: what the
tests file, the benchmarks send and `worker dev` writes for a newcomer to try, written once."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

CONTRACT_VOORBEELD: dict[str, Any] = {
    "aanvraagnummer": "NR-2026-000123-1",
    "dossiernummer": "NR-2026-000123",
    "ontvangen_op": "2026-07-01",
    "vorm": "formulier",
    "referent": {
        "vnummer": "1234567890",
        "geboortedatum": "1990-05-01",
        "status": "vluchteling",
        "asielaanvraag_op": "2025-06-01",
        "inreis_op": "2025-05-28",
        "vergunning_verleend_op": "2026-03-10",
        "vergunning_ontvangen_op": "2026-03-14",
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


def aanvraag_data(
    ontvangen: date | None = None,
    *,
    nummer: str = "NR-2026-000123-1",
    dagen_na_vergunning: int = 30,
    **wijzigingen: Any,
) -> dict[str, Any]:
    """The contract's example received on `ontvangen`, the permit received
    `dagen_na_vergunning` days earlier; `wijzigingen` overrides top-level fields and,
    as `referent__x` / `gezinslid__x`, nested ones."""
    data = copy.deepcopy(CONTRACT_VOORBEELD)
    data["aanvraagnummer"] = nummer
    data["dossiernummer"] = nummer.rsplit("-", 1)[0] if nummer.count("-") >= 3 else nummer
    if ontvangen is not None:
        ontvangen_permit = ontvangen - timedelta(days=dagen_na_vergunning)
        data["ontvangen_op"] = ontvangen.isoformat()
        data["referent"]["vergunning_ontvangen_op"] = ontvangen_permit.isoformat()
        data["referent"]["vergunning_verleend_op"] = (ontvangen_permit - timedelta(days=4)).isoformat()
        data["referent"]["asielaanvraag_op"] = (ontvangen_permit - timedelta(days=280)).isoformat()
        data["referent"]["inreis_op"] = (ontvangen_permit - timedelta(days=284)).isoformat()
    for sleutel, waarde in wijzigingen.items():
        if "__" in sleutel:
            deel, veld = sleutel.split("__", 1)
            data[deel][veld] = waarde
        else:
            data[sleutel] = waarde
    return data
