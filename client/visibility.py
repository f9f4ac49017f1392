"""Temporal visibility of the cases: the one place a visibility query is built and read.

Queries filter on the search attributes of CONTRACT.md (names and value types from
`nareis.contract.Zoekattribuut`); a row holds what those attributes say, no query per case.
Used by the werkvoorraad screen, the case page (the dossier's other cases), `zaak
termijnbewaking` and the benchmarks.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from temporalio.client import Client, WorkflowExecution, WorkflowExecutionStatus
from temporalio.common import SearchAttributeKey
from temporalio.service import RPCError, RPCStatusCode

from nareis.contract import (
    WORKFLOW_TYPE,
    Fase,
    TermijnSoort,
    ValueType,
    Zoekattribuut,
    aanvraagnummer_uit,
    workflow_id,
)
from nareis.tijd import begin_van, datum_in_amsterdam

log = logging.getLogger("nareis.visibility")

K = TypeVar("K")


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
UITKOMST = _keyword(Zoekattribuut.UITKOMST)
VOLGENDE_TERMIJN = _datetime(Zoekattribuut.VOLGENDE_TERMIJN)
VOLGENDE_TERMIJN_SOORT = _keyword(Zoekattribuut.VOLGENDE_TERMIJN_SOORT)
BEHANDELAAR = _keyword(Zoekattribuut.BEHANDELAAR)
BELEID = _keyword(Zoekattribuut.BELEID)
VOORGESTELD_DOOR = _keyword(Zoekattribuut.VOORGESTELD_DOOR)

#: Temporal's own flag on a case whose workflow task failed or timed out several times in a row
#: (server dynamic config `system.numConsecutiveWorkflowTaskProblemsToTriggerSearchAttribute`;
#: cleared by the first task that succeeds): the case does nothing until it is fixed
TAAKPROBLEMEN = SearchAttributeKey.for_keyword_list("TemporalReportedProblems")
TAAK_MISLUKT = ("category=WorkflowTaskFailed", "category=WorkflowTaskTimedOut")

#: before the decision the beslistermijn is what a team lead watches (WI 2026/11 §1.2)
FASEN_VOOR_BESLUIT = (Fase.ONTVANGEN, Fase.HERSTEL_VERZUIM, Fase.NADER_ONDERZOEK, Fase.BEOORDELING)

#: nearest deadline first: the next running term of each case (CONTRACT.md [2026-12]
#: `volgende_termijn`); only Elasticsearch visibility accepts it (see `page`)
ORDER_BY_DEADLINE = f" ORDER BY {Zoekattribuut.VOLGENDE_TERMIJN} ASC"


class Niemand:
    """`behandelaar=NIEMAND`: the cases nobody is assigned (the team's queue)."""


NIEMAND = Niemand()

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
    behandelaar: str | Niemand | None = None,
    termijnsoort: str | None = None,
    termijn_eindigt_voor: date | None = None,
    termijn_eindigt_vanaf: date | None = None,
    verlopen_op: date | None = None,
    zoek: Zoekterm | None = None,
    beleid: str | None = None,
    voorstel_niet_van: str | None = None,
    taak_mislukt: bool = False,
) -> str:
    """The cases (the contract's workflow type) matching every given filter.

    Dates are plain days, turned into RFC 3339 moments at 00:00 in Amsterdam: the Datetime
    attributes hold 00:00 Amsterdam of a term's end day, so "ends within N days of today" is
    "before today + N + 1". `termijn_*` filter on the next running term (`NareisVolgendeTermijn`,
    `…Soort`); `verlopen_op`: a decision term lapsed before that day without the decision, or a
    next term that already lapsed (the case has not processed it yet).
    `voorstel_niet_van`: only cases with a proposed decision waiting for approval that this
    person did not propose (vier ogen, DOMAIN.md §3.7). `taak_mislukt`: only cases whose
    workflow task keeps failing (`TAAKPROBLEMEN`).
    """
    delen = []
    if running:
        delen.append('ExecutionStatus = "Running"')
    delen.append(f"WorkflowType = {quote(WORKFLOW_TYPE)}")
    if len(fasen) == 1:
        delen.append(f"{FASE.name} = {quote(str(fasen[0]))}")
    elif fasen:
        delen.append(f"{FASE.name} IN ({_lijst(fasen)})")
    if beslistermijn_eindigt_voor is not None:
        delen.append(f"{BESLISTERMIJN_EINDE.name} < {timestamp(begin_van(beslistermijn_eindigt_voor))}")
    if opgeschort:
        delen.append(f"{OPGESCHORT.name} = true")
    if referent:
        delen.append(f"{REFERENT.name} = {quote(referent)}")
    if dossier:
        delen.append(f"{DOSSIER.name} = {quote(dossier)}")
    if isinstance(behandelaar, Niemand):
        delen.append(f"{BEHANDELAAR.name} IS NULL")
    elif behandelaar:
        delen.append(f"{BEHANDELAAR.name} = {quote(behandelaar)}")
    if termijnsoort:
        delen.append(f"{VOLGENDE_TERMIJN_SOORT.name} = {quote(termijnsoort)}")
    if termijn_eindigt_voor is not None:
        delen.append(f"{VOLGENDE_TERMIJN.name} < {timestamp(begin_van(termijn_eindigt_voor))}")
    if termijn_eindigt_vanaf is not None:
        delen.append(f"{VOLGENDE_TERMIJN.name} >= {timestamp(begin_van(termijn_eindigt_vanaf))}")
    if verlopen_op is not None:
        delen.append(f"({verlopen(verlopen_op)})")
    if zoek is not None:
        delen.append(f"({zoek.voorwaarde()})")
    if beleid:
        delen.append(f"{BELEID.name} = {quote(beleid)}")
    if voorstel_niet_van is not None:
        delen.append(f"{VOORGESTELD_DOOR.name} IS NOT NULL AND {VOORGESTELD_DOOR.name} != {quote(voorstel_niet_van)}")
    if taak_mislukt:
        delen.append(f"{TAAKPROBLEMEN.name} IN ({_lijst(TAAK_MISLUKT)})")
    return " AND ".join(delen)


def verlopen(vandaag: date) -> str:
    """A decision term lapsed before `vandaag` without the decision (the beslistermijn of a case
    still before its decision), or a next term whose end passed (not yet processed by the case)."""
    grens = timestamp(begin_van(vandaag))
    return (
        f"({BESLISTERMIJN_EINDE.name} < {grens} AND {FASE.name} IN ({_lijst(FASEN_VOOR_BESLUIT)})) "
        f"OR {VOLGENDE_TERMIJN.name} < {grens}"
    )


def _lijst(waarden: Sequence[str]) -> str:
    return ", ".join(quote(str(w)) for w in waarden)


@dataclass(frozen=True)
class Zoekterm:
    """What one search box asks of visibility: case numbers (those a name found in the
    register, or typed), a dossier, a referent's V-number. Codes only: a name is looked up in
    the register and never reaches a visibility query (nor Temporal's logs)."""

    aanvraagnummers: tuple[str, ...] = ()
    dossier: str | None = None
    referent: str | None = None

    def leeg(self) -> bool:
        return not (self.aanvraagnummers or self.dossier or self.referent)

    def voorwaarde(self) -> str:
        delen = []
        if self.aanvraagnummers:
            delen.append(f"WorkflowId IN ({_lijst([workflow_id(nr) for nr in self.aanvraagnummers])})")
        if self.dossier:
            delen.append(f"{DOSSIER.name} = {quote(self.dossier)}")
        if self.referent:
            delen.append(f"{REFERENT.name} = {quote(self.referent)}")
        assert delen, "an empty search asks nothing of visibility"
        return " OR ".join(delen)


def case_row(uitvoering: WorkflowExecution, vandaag: date) -> dict[str, Any]:
    """One case as its search attributes describe it."""
    attributen = uitvoering.typed_search_attributes
    einde = _dag(attributen.get(BESLISTERMIJN_EINDE))
    volgende = _dag(attributen.get(VOLGENDE_TERMIJN))
    fase = attributen.get(FASE)
    volgende_soort = attributen.get(VOLGENDE_TERMIJN_SOORT)
    beslistermijn_verlopen = bool(einde and einde < vandaag and fase in FASEN_VOOR_BESLUIT)
    verlopen = [TermijnSoort.BESLISTERMIJN.value] if beslistermijn_verlopen else []
    if volgende and volgende < vandaag and volgende_soort and volgende_soort not in verlopen:
        verlopen.append(volgende_soort)  # lapsed, not yet processed by the case
    return {
        "aanvraagnummer": aanvraagnummer_uit(uitvoering.id),
        "fase": fase,
        "beslistermijn_einde": einde.isoformat() if einde else None,
        "dagen_over": (einde - vandaag).days if einde else None,
        "volgende_termijn": volgende.isoformat() if volgende else None,
        "volgende_termijn_soort": volgende_soort,
        "volgende_dagen_over": (volgende - vandaag).days if volgende else None,
        "verlopen": verlopen,
        # a notice of default runs two weeks (Awb 4:17(3)) and, running, is the case's next term
        "ingebrekestelling_loopt": volgende_soort == TermijnSoort.INGEBREKESTELLING,
        "opgeschort": bool(attributen.get(OPGESCHORT)),
        "referent": attributen.get(REFERENT),
        "dossier": attributen.get(DOSSIER),
        "relatie": attributen.get(RELATIE),
        "uitkomst": attributen.get(UITKOMST),
        "behandelaar": attributen.get(BEHANDELAAR),
        "loopt": uitvoering.status is None or uitvoering.status == WorkflowExecutionStatus.RUNNING,
        "taak_mislukt": any(p in TAAK_MISLUKT for p in attributen.get(TAAKPROBLEMEN) or ()),
    }


def _dag(moment: datetime | None) -> date | None:
    return datum_in_amsterdam(moment) if moment else None


def _nearest_first(rij: dict[str, Any]) -> tuple[str, str]:
    return (rij["beslistermijn_einde"] or "9999", rij["aanvraagnummer"])


def _next_term_first(rij: dict[str, Any]) -> tuple[str, str]:
    """The next running term; a case without one (a lapsed decision term, or closed) last."""
    return (rij["volgende_termijn"] or "9999", rij["aanvraagnummer"])


async def cases(client: Client, vraag: str, vandaag: date, limit: int = 1000) -> list[dict[str, Any]]:
    """The matching cases, the nearest end of the beslistermijn first."""
    rijen = [case_row(u, vandaag) async for u in client.list_workflows(vraag, limit=limit)]
    return sorted(rijen, key=_nearest_first)


async def all_rows(client: Client, vraag: str, vandaag: date, limit: int) -> list[dict[str, Any]]:
    """Up to `limit` matching cases, the next running term first (the CSV export of a view)."""
    rijen = [case_row(u, vandaag) async for u in client.list_workflows(vraag, limit=limit, page_size=1000)]
    return sorted(rijen, key=_next_term_first)


async def count(client: Client, vraag: str) -> int:
    return (await client.count_workflows(vraag)).count


async def counts(client: Client, vragen: Mapping[K, str], tegelijk: int = 8) -> dict[K, int]:
    """`count` of each query, `tegelijk` at a time."""
    slot = asyncio.Semaphore(tegelijk)

    async def tel(vraag: str) -> int:
        async with slot:
            return await count(client, vraag)

    uitkomsten = await asyncio.gather(*(tel(v) for v in vragen.values()))
    return dict(zip(vragen, uitkomsten, strict=True))


#: the most caseworkers `per_behandelaar` names; the cases of any further ones count as "overig"
MAX_BEHANDELAARS = 100


async def per_behandelaar(client: Client, vraag: str) -> tuple[dict[str | None, int], int]:
    """How many matching cases each caseworker has (None: nobody), and how many belong to
    caseworkers past `MAX_BEHANDELAARS`.

    SQL visibility groups counts by execution status only, and reading every row costs as many
    rows as there are cases; so each next caseworker is found as one row of a case that none of
    those found so far has, and then counted: two small queries per caseworker.
    """
    namen: list[str] = []
    toegewezen = f"{vraag} AND {BEHANDELAAR.name} IS NOT NULL"
    while len(namen) < MAX_BEHANDELAARS:
        rest = f"{toegewezen} AND {BEHANDELAAR.name} NOT IN ({_lijst(namen)})" if namen else toegewezen
        lijst = client.list_workflows(rest, page_size=1)
        await lijst.fetch_next_page()
        naam = next((u.typed_search_attributes.get(BEHANDELAAR) for u in lijst.current_page or []), None)
        if naam is None:
            break
        namen.append(naam)
    vragen: dict[str | None, str] = {naam: f"{vraag} AND {BEHANDELAAR.name} = {quote(naam)}" for naam in namen}
    vragen[None] = f"{vraag} AND {BEHANDELAAR.name} IS NULL"
    aantallen = await counts(client, vragen)
    overig = await count(client, f"{toegewezen} AND {BEHANDELAAR.name} NOT IN ({_lijst(namen)})") if namen else 0
    return aantallen, overig


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
        rijen.sort(key=_next_term_first)
    volgende = lijst.next_page_token
    return Page(rijen, base64.urlsafe_b64encode(volgende).decode().rstrip("=") if volgende else None, geordend)
