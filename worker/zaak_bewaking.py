"""Termijnbewaking: open cases whose beslistermijn ends within N days, found through Temporal
visibility and the search attributes of CONTRACT.md (no register, no query per case)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from temporalio.client import Client, WorkflowExecution

from nareis.contract import Fase
from nareis.tijd import begin_van, datum_in_amsterdam
from workflows import zoekattributen as za

#: before the decision the beslistermijn is what a team lead watches (WI 2026/11 §1.2)
FASEN_VOOR_BESLUIT = (Fase.ONTVANGEN, Fase.HERSTEL_VERZUIM, Fase.NADER_ONDERZOEK, Fase.BEOORDELING)


def _tekst(waarde: str) -> str:
    return '"' + waarde.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _tijdstip(moment: datetime) -> str:
    return _tekst(moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))


def zoekopdracht(
    vandaag: date,
    binnen: int,
    *,
    fasen: Sequence[str] = (),
    referent: str | None = None,
    dossier: str | None = None,
) -> str:
    """The visibility query: running cases in `fasen` (default: not yet decided) whose
    beslistermijn ends on or before `vandaag + binnen` days (already expired ones included)."""
    tot = begin_van(vandaag + timedelta(days=binnen + 1))  # the attribute is 00:00 Amsterdam of the end day
    delen = [
        'ExecutionStatus = "Running"',
        f"{za.BESLISTERMIJN_EINDE.name} < {_tijdstip(tot)}",
        f"{za.FASE.name} IN ({', '.join(_tekst(str(f)) for f in (fasen or FASEN_VOOR_BESLUIT))})",
    ]
    if referent:
        delen.append(f"{za.REFERENT.name} = {_tekst(referent)}")
    if dossier:
        delen.append(f"{za.DOSSIER.name} = {_tekst(dossier)}")
    return " AND ".join(delen)


def _rij(uitvoering: WorkflowExecution, vandaag: date) -> dict[str, Any]:
    attributen = uitvoering.typed_search_attributes
    einde_moment = attributen.get(za.BESLISTERMIJN_EINDE)
    einde = datum_in_amsterdam(einde_moment) if einde_moment else None
    return {
        "aanvraagnummer": uitvoering.id.removeprefix("nareis-"),
        "fase": attributen.get(za.FASE),
        "beslistermijn_einde": einde.isoformat() if einde else None,
        "dagen_over": (einde - vandaag).days if einde else None,
        "opgeschort": bool(attributen.get(za.OPGESCHORT)),
        "referent": attributen.get(za.REFERENT),
        "dossier": attributen.get(za.DOSSIER),
        "relatie": attributen.get(za.RELATIE),
    }


async def zaken_bij_termijn(client: Client, opdracht: str, vandaag: date, limiet: int = 1000) -> list[dict[str, Any]]:
    """The matching cases, the nearest end first."""
    rijen = [_rij(u, vandaag) async for u in client.list_workflows(opdracht, limit=limiet)]
    return sorted(rijen, key=lambda r: (r["beslistermijn_einde"] or "9999", r["aanvraagnummer"]))
