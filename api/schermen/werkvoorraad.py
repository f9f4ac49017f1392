"""The werkvoorraad: open cases from Temporal visibility, filtered on the search attributes
of CONTRACT.md, nearest deadline first, one page at a time."""

from __future__ import annotations

import base64
import binascii
import logging
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode

from api.zaken import WORKFLOW_TYPE
from nareis.contract import Fase
from nareis.tijd import begin_van
from worker.zaak_bewaking import _rij, _tekst, _tijdstip
from workflows import zoekattributen as za

log = logging.getLogger("nareis.schermen")

PAGINA = 50
#: codes only: aanvraag-, dossier- and vnummers; anything else is ignored, never quoted into a query
_CODE = re.compile(r"^[A-Za-z0-9._-]{1,60}$")
_SORTERING = f" ORDER BY {za.BESLISTERMIJN_EINDE.name} ASC"


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
        return cls(
            fase=parameters.get("fase", "") if parameters.get("fase") in {f.value for f in Fase} else "",
            binnen=int(binnen) if binnen.isdigit() and int(binnen) <= 100_000 else None,
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
    delen = ['ExecutionStatus = "Running"', f"WorkflowType = {_tekst(WORKFLOW_TYPE)}"]
    if filters.fase:
        delen.append(f"{za.FASE.name} = {_tekst(filters.fase)}")
    if filters.binnen is not None:
        # the attribute is 00:00 Amsterdam of the end day: "within N days" is before the day after
        delen.append(f"{za.BESLISTERMIJN_EINDE.name} < {_tijdstip(begin_van(vandaag + timedelta(filters.binnen + 1)))}")
    if filters.verlopen:
        delen.append(f"{za.BESLISTERMIJN_EINDE.name} < {_tijdstip(begin_van(vandaag))}")
    if filters.opgeschort:
        delen.append(f"{za.OPGESCHORT.name} = true")
    if filters.referent:
        delen.append(f"{za.REFERENT.name} = {_tekst(filters.referent)}")
    if filters.dossier:
        delen.append(f"{za.DOSSIER.name} = {_tekst(filters.dossier)}")
    return " AND ".join(delen)


@dataclass
class Pagina:
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


async def pagina(
    client: Client, vraag: str, vandaag: date, token: str | None = None, *, server_sorteert: bool | None = None
) -> Pagina:
    """One page; ordered by the server when its visibility store can (Elasticsearch), else
    (SQL visibility, e.g. the dev server) sorted within the page. `server_sorteert` is what
    an earlier page found out (None: try)."""
    if server_sorteert is not False:
        try:
            return await _haal(client, vraag + _SORTERING, vandaag, token, True)
        except RPCError as fout:
            if fout.status != RPCStatusCode.INVALID_ARGUMENT or "order by" not in fout.message.lower():
                raise
            log.info("ORDER BY niet ondersteund (%s); sorteren binnen de pagina", fout.message)
    return await _haal(client, vraag, vandaag, token, False)


async def _haal(client: Client, vraag: str, vandaag: date, token: str | None, geordend: bool) -> Pagina:
    lijst = client.list_workflows(vraag, page_size=PAGINA, next_page_token=_token(token))
    await lijst.fetch_next_page()
    rijen = [_rij(u, vandaag) for u in lijst.current_page or []]
    if not geordend:
        rijen.sort(key=lambda r: (r["beslistermijn_einde"] or "9999", r["aanvraagnummer"]))
    volgende = lijst.next_page_token
    return Pagina(rijen, base64.urlsafe_b64encode(volgende).decode().rstrip("=") if volgende else None, geordend)
