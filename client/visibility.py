"""Temporal visibility of the cases: the one place a visibility query is built and read.

Queries filter on the search attributes of CONTRACT.md (names and value types from
`nareis.contract.Zoekattribuut`); a row holds what those attributes say, no query per case.
Used by the werkvoorraad screen, the case page (the dossier's other cases), `zaak
termijnbewaking` and the benchmarks.
"""

from __future__ import annotations

import base64
import binascii
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from temporalio.client import Client, WorkflowExecution
from temporalio.common import SearchAttributeKey
from temporalio.service import RPCError, RPCStatusCode

from nareis.contract import WORKFLOW_TYPE, Fase, ValueType, Zoekattribuut, aanvraagnummer_uit
from nareis.tijd import begin_van, datum_in_amsterdam

log = logging.getLogger("nareis.visibility")


def _keyword(attribuut: Zoekattribuut) -> SearchAttributeKey[str]:
    assert attribuut.value_type is ValueType.KEYWORD, attribuut
    return SearchAttributeKey.for_keyword(attribuut.value)


def _datetime(attribuut: Zoekattribuut) -> SearchAttributeKey[datetime]:
    assert attribuut.value_type is ValueType.DATETIME, attribuut
    return SearchAttributeKey.for_datetime(attribuut.value)


def _bool(attribuut: Zoekattribuut) -> SearchAttributeKey[bool]:
    assert attribuut.value_type is ValueType.BOOL, attribuut
    return SearchAttributeKey.for_bool(attribuut.value)


# the typed keys the client side reads (the workflow has its own in workflows/zoekattributen.py)
FASE = _keyword(Zoekattribuut.FASE)
BESLISTERMIJN_EINDE = _datetime(Zoekattribuut.BESLISTERMIJN_EINDE)
OPGESCHORT = _bool(Zoekattribuut.OPGESCHORT)
REFERENT = _keyword(Zoekattribuut.REFERENT)
DOSSIER = _keyword(Zoekattribuut.DOSSIER)
RELATIE = _keyword(Zoekattribuut.RELATIE)
VOORGESTELD_DOOR = _keyword(Zoekattribuut.VOORGESTELD_DOOR)

#: before the decision the beslistermijn is what a team lead watches (WI 2026/11 §1.2)
FASEN_VOOR_BESLUIT = (Fase.ONTVANGEN, Fase.HERSTEL_VERZUIM, Fase.NADER_ONDERZOEK, Fase.BEOORDELING)

#: nearest deadline first; only Elasticsearch visibility accepts it (see `page`)
ORDER_BY_DEADLINE = f" ORDER BY {Zoekattribuut.BESLISTERMIJN_EINDE} ASC"

PAGE_SIZE = 50


def quote(waarde: str) -> str:
    """A string literal of the visibility query language."""
    return '"' + waarde.replace("\\", "\\\\").replace('"', '\\"') + '"'


def timestamp(moment: datetime) -> str:
    return quote(moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))


def query(
    *,
    running: bool = True,
    fasen: Sequence[str] = (),
    beslistermijn_eindigt_voor: date | None = None,
    opgeschort: bool = False,
    referent: str | None = None,
    dossier: str | None = None,
    voorstel_niet_van: str | None = None,
) -> str:
    """The cases (the contract's workflow type) matching every given filter.

    `beslistermijn_eindigt_voor`: the beslistermijn ends before that day (the attribute is
    00:00 Amsterdam of the end day, so "within N days of today" is before today + N + 1).
    `voorstel_niet_van`: only cases with a proposed decision waiting for approval that this
    person did not propose (vier ogen, DOMAIN.md §3.7).
    """
    delen = []
    if running:
        delen.append('ExecutionStatus = "Running"')
    delen.append(f"WorkflowType = {quote(WORKFLOW_TYPE)}")
    if len(fasen) == 1:
        delen.append(f"{FASE.name} = {quote(str(fasen[0]))}")
    elif fasen:
        delen.append(f"{FASE.name} IN ({', '.join(quote(str(f)) for f in fasen)})")
    if beslistermijn_eindigt_voor is not None:
        delen.append(f"{BESLISTERMIJN_EINDE.name} < {timestamp(begin_van(beslistermijn_eindigt_voor))}")
    if opgeschort:
        delen.append(f"{OPGESCHORT.name} = true")
    if referent:
        delen.append(f"{REFERENT.name} = {quote(referent)}")
    if dossier:
        delen.append(f"{DOSSIER.name} = {quote(dossier)}")
    if voorstel_niet_van is not None:
        delen.append(f"{VOORGESTELD_DOOR.name} IS NOT NULL AND {VOORGESTELD_DOOR.name} != {quote(voorstel_niet_van)}")
    return " AND ".join(delen)


def case_row(uitvoering: WorkflowExecution, vandaag: date) -> dict[str, Any]:
    """One case as its search attributes describe it."""
    attributen = uitvoering.typed_search_attributes
    einde_moment = attributen.get(BESLISTERMIJN_EINDE)
    einde = datum_in_amsterdam(einde_moment) if einde_moment else None
    return {
        "aanvraagnummer": aanvraagnummer_uit(uitvoering.id),
        "fase": attributen.get(FASE),
        "beslistermijn_einde": einde.isoformat() if einde else None,
        "dagen_over": (einde - vandaag).days if einde else None,
        "opgeschort": bool(attributen.get(OPGESCHORT)),
        "referent": attributen.get(REFERENT),
        "dossier": attributen.get(DOSSIER),
        "relatie": attributen.get(RELATIE),
    }


def _nearest_first(rij: dict[str, Any]) -> tuple[str, str]:
    return (rij["beslistermijn_einde"] or "9999", rij["aanvraagnummer"])


async def cases(client: Client, vraag: str, vandaag: date, limit: int = 1000) -> list[dict[str, Any]]:
    """The matching cases, the nearest end first."""
    rijen = [case_row(u, vandaag) async for u in client.list_workflows(vraag, limit=limit)]
    return sorted(rijen, key=_nearest_first)


async def count(client: Client, vraag: str) -> int:
    return (await client.count_workflows(vraag)).count


@dataclass
class Page:
    rijen: list[dict[str, Any]]
    volgende: str | None  # the visibility page token, base64url
    gesorteerd_door_server: bool


def _token(waarde: str | None) -> bytes | None:
    if not waarde:
        return None
    try:
        return base64.urlsafe_b64decode(waarde.encode() + b"=" * (-len(waarde) % 4))
    except (binascii.Error, ValueError):
        return None


async def page(
    client: Client, vraag: str, vandaag: date, token: str | None = None, *, server_sorteert: bool | None = None
) -> Page:
    """One page, nearest deadline first: ordered by the server when its visibility store can
    (Elasticsearch), else (SQL visibility, e.g. the dev server) sorted within the page.
    `server_sorteert` is what an earlier page found out (None: try)."""
    if server_sorteert is not False:
        try:
            return await _fetch(client, vraag + ORDER_BY_DEADLINE, vandaag, token, True)
        except RPCError as fout:
            if fout.status != RPCStatusCode.INVALID_ARGUMENT or "order by" not in fout.message.lower():
                raise
            log.info("ORDER BY niet ondersteund (%s); sorteren binnen de pagina", fout.message)
    return await _fetch(client, vraag, vandaag, token, False)


async def _fetch(client: Client, vraag: str, vandaag: date, token: str | None, geordend: bool) -> Page:
    lijst = client.list_workflows(vraag, page_size=PAGE_SIZE, next_page_token=_token(token))
    await lijst.fetch_next_page()
    rijen = [case_row(u, vandaag) for u in lijst.current_page or []]
    if not geordend:
        rijen.sort(key=_nearest_first)
    volgende = lijst.next_page_token
    return Page(rijen, base64.urlsafe_b64encode(volgende).decode().rstrip("=") if volgende else None, geordend)
