"""Policy versions and the running cases (issue #16; README "Beleid wijzigen"): how many open
cases follow each version (search attribute NareisBeleid), and publishing a version to them as
the signal `beleid_gepubliceerd`, fanned out over visibility."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field

from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode

from client import visibility
from nareis.contract import SIGNAAL_BELEID_GEPUBLICEERD, BeleidGepubliceerd, aanvraagnummer_uit

#: signals in flight at once: a fan-out over thousands of cases without flooding the frontend
TEGELIJK = 10


@dataclass(frozen=True)
class OpenZaken:
    per_versie: dict[str, int]
    #: open cases without NareisBeleid: opened before it existed and not woken since
    zonder_versie: int


async def open_zaken(client: Client, versies: Sequence[str]) -> OpenZaken:
    per_versie = {v: await visibility.count(client, visibility.query(beleid=v)) for v in versies}
    totaal = await visibility.count(client, visibility.query())
    return OpenZaken(per_versie, max(totaal - sum(per_versie.values()), 0))


@dataclass
class Publicatie:
    verstuurd: list[str] = field(default_factory=list)
    #: closed (or unknown) by the time the signal came: nothing to change there
    niet_open: list[str] = field(default_factory=list)


async def lopende_zaken(client: Client) -> list[str]:
    """The workflow ids of every running case."""
    return [u.id async for u in client.list_workflows(visibility.query())]


async def publiceer(client: Client, bericht: BeleidGepubliceerd, workflow_ids: Sequence[str]) -> Publicatie:
    """Send the version to each case; a case takes it once, so sending again is harmless."""
    uitkomst = Publicatie()
    rij = asyncio.Semaphore(TEGELIJK)

    async def een(workflow_id: str) -> None:
        async with rij:
            try:
                await client.get_workflow_handle(workflow_id).signal(SIGNAAL_BELEID_GEPUBLICEERD, bericht)
            except RPCError as fout:
                if fout.status != RPCStatusCode.NOT_FOUND:
                    raise
                uitkomst.niet_open.append(aanvraagnummer_uit(workflow_id))
                return
            uitkomst.verstuurd.append(aanvraagnummer_uit(workflow_id))

    await asyncio.gather(*(een(i) for i in workflow_ids))
    uitkomst.verstuurd.sort()
    uitkomst.niet_open.sort()
    return uitkomst
