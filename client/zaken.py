"""The Temporal facade of the HTTP API and the CLIs: start cases, query their status, send
actions and evidence.

Only contract names are used (workflow type, update, signal and query names of CONTRACT.md,
from `nareis.contract`), never the workflow class: API and CLI run the rules nowhere and do
not import the workflow.
Temporal's errors become the few outcomes the HTTP layer maps to status codes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from temporalio.api.enums.v1 import EventType
from temporalio.client import (
    Client,
    WorkflowExecutionDescription,
    WorkflowExecutionStatus,
    WorkflowHandle,
    WorkflowHistoryEventFilterType,
    WorkflowQueryFailedError,
    WorkflowUpdateFailedError,
    WorkflowUpdateRPCTimeoutOrCancelledError,
)
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import ApplicationError, WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from client.codec import ENCODING
from nareis.contract import (
    DOSSIER_NIET_COMPLEET,
    MEMO_WACHT_OP_DOSSIER,
    QUERY_DETAILS,
    QUERY_STATUS,
    QUERY_VOORBEELD,
    SIGNAAL_DOSSIER_COMPLEET,
    SIGNAAL_NIEUW_BEWIJS,
    WORKFLOW_TYPE,
    Aanvraag,
    aanvraagnummer_uit,
    workflow_id,
)
from nareis.effecten import Voorbeeld

log = logging.getLogger("nareis.api")

#: the reason on cases this API terminated to undo a half-started dossier; only such a
#: run may be started again under the same id (see `Zaken.start_dossier`)
TERUGGEDRAAID = "nareis-api: dossier teruggedraaid, niet alle aanvragen konden starten"


class ZaakBestaat(Exception):
    """A case with this aanvraagnummer exists (or existed): never a second one."""

    def __init__(self, aanvraagnummers: Sequence[str]) -> None:
        self.aanvraagnummers = list(aanvraagnummers)
        super().__init__(f"er bestaat al een zaak voor {', '.join(self.aanvraagnummers)}")


class ZaakOnbekend(Exception):
    def __init__(self, aanvraagnummer: str) -> None:
        self.aanvraagnummer = aanvraagnummer
        super().__init__(f"geen zaak met aanvraagnummer {aanvraagnummer}")


class ActieGeweigerd(Exception):
    """The case refused the action (its validator, or the case has ended)."""


class NietBeschikbaar(Exception):
    """Temporal did not answer in time, or the case did not; the outcome may be unknown."""


class TeDruk(NietBeschikbaar):
    """The case has more actions in flight than Temporal (or this API) takes at once; nothing
    was applied, the same request may be sent again after `na` seconds."""

    def __init__(self, melding: str, na: int = 1) -> None:
        self.na = na
        super().__init__(melding)


class SleutelHergebruikt(Exception):
    """An `Idempotency-Key` sent again with another action or body: the new request was not
    applied (the key stands for the first one)."""


class SleutelOntbreekt(Exception):
    """The case's payloads are encrypted and this process has no `NAREIS_CODEC_KEY`: it could
    neither read the case nor write an action it can read (issue 15 item 14)."""


class DossierNietGestart(Exception):
    """A dossier's start failed midway; `niet_teruggedraaid` lists cases still running."""

    def __init__(self, oorzaak: str, niet_teruggedraaid: Sequence[str]) -> None:
        self.oorzaak = oorzaak
        self.niet_teruggedraaid = list(niet_teruggedraaid)
        super().__init__(oorzaak)


@dataclass
class _Slot:
    semafoor: asyncio.Semaphore
    gebruikers: int = 0


def samenvatting(aanvraag: Aanvraag) -> str:
    """The Temporal UI's one-line summary: codes only, no personal data."""
    return f"{aanvraag.aanvraagnummer} · {aanvraag.gezinslid.relatie.value} · referent {aanvraag.referent.status.value}"


class Zaken:
    def __init__(
        self,
        client: Callable[[], Awaitable[Client]],
        task_queue: str,
        *,
        status_wachttijd: float = 5.0,
        actie_wachttijd: float = 60.0,
        per_zaak: int = 4,
        drukte_wachttijd: float = 10.0,
    ) -> None:
        """`per_zaak`: actions this process has in flight on one case at once (Temporal's
        limit is ten per case); `drukte_wachttijd`: how long an action waits for a place, or
        retries Temporal's RESOURCE_EXHAUSTED, before it is answered `TeDruk`."""
        self._client = client
        self._task_queue = task_queue
        self._status_wachttijd = status_wachttijd
        self._actie_wachttijd = actie_wachttijd
        self._per_zaak = per_zaak
        self._drukte_wachttijd = drukte_wachttijd
        self._sloten: dict[str, _Slot] = {}

    # -- start --

    async def start(self, aanvraag: Aanvraag) -> dict[str, Any]:
        """Start one case and return its first status (CONTRACT.md: `POST /aanvragen`)."""
        client = await self._client()
        handle = await self._start(client, aanvraag)
        return await self._eerste_status(handle)

    async def start_dossier(self, aanvragen: Sequence[Aanvraag]) -> list[dict[str, Any]]:
        """All of a family's applications, or none.

        Refused as a whole when any case exists already. The cases start one by one, each told
        by its memo (`MEMO_WACHT_OP_DOSSIER`) to take no step — send no letter, write no
        register row — until `SIGNAAL_DOSSIER_COMPLEET`, which each gets once every case of the
        dossier has started. When a start fails midway, the cases this call started are
        terminated with `TERUGGEDRAAID` as reason, having done nothing, so the dossier can simply
        be sent again (such a run, and only such a run, may be started anew). Should this
        process die midway, or a signal not arrive, the cases left waiting end themselves
        undone after ten minutes (`DOSSIER_NIET_COMPLEET`), equally free to be filed again.
        """
        client = await self._client()
        bestaand = [
            aanvraag.aanvraagnummer
            for aanvraag, bestaat in zip(
                aanvragen,
                await asyncio.gather(*(self._bestaat(client, a.aanvraagnummer) for a in aanvragen)),
                strict=True,
            )
            if bestaat
        ]
        if bestaand:
            raise ZaakBestaat(bestaand)
        gestart: list[WorkflowHandle[Any, Any]] = []
        try:
            for aanvraag in aanvragen:
                gestart.append(await self._start(client, aanvraag, wacht_op_dossier=True))
        except BaseException as oorzaak:
            niet_teruggedraaid = await asyncio.shield(self._draai_terug(gestart))
            if niet_teruggedraaid and isinstance(oorzaak, Exception):
                raise DossierNietGestart(str(oorzaak), niet_teruggedraaid) from oorzaak
            raise
        await self._dossier_compleet(gestart)
        return list(await asyncio.gather(*(self._eerste_status(h) for h in gestart)))

    async def _dossier_compleet(self, gestart: Sequence[WorkflowHandle[Any, Any]]) -> None:
        """Tell every case of the dossier that all have started: now they begin."""
        uitkomsten = await asyncio.gather(
            *(h.signal(SIGNAAL_DOSSIER_COMPLEET) for h in gestart), return_exceptions=True
        )
        niet = [h.id for h, u in zip(gestart, uitkomsten, strict=True) if isinstance(u, BaseException)]
        if niet:
            fout = next(u for u in uitkomsten if isinstance(u, BaseException))
            raise DossierNietGestart(
                f"het dossier is gestart maar niet vrijgegeven ({fout}); de zaken die wachten draaien zichzelf "
                "na tien minuten terug en kunnen dan opnieuw worden ingediend",
                niet,
            )

    async def _eerste_status(self, handle: WorkflowHandle[Any, Any]) -> dict[str, Any]:
        """The status right after a start. The case is started whatever happens next, so a
        status that is not available yet (no worker running) must not look like a failure:
        the answer is then a placeholder that says so (a retry would only get a 409)."""
        try:
            return await self._status(handle, self._status_wachttijd)
        except NietBeschikbaar:
            log.warning("zaak %s gestart, maar de status is nog niet beschikbaar", handle.id)
            return {
                "aanvraagnummer": aanvraagnummer_uit(handle.id),
                "fase": None,
                "melding": "de zaak is gestart; de status is nog niet beschikbaar",
            }

    async def _start(
        self, client: Client, aanvraag: Aanvraag, *, wacht_op_dossier: bool = False
    ) -> WorkflowHandle[Any, Any]:
        opties: dict[str, Any] = {
            "id": workflow_id(aanvraag.aanvraagnummer),
            "task_queue": self._task_queue,
            "id_conflict_policy": WorkflowIDConflictPolicy.FAIL,
            "static_summary": samenvatting(aanvraag),
        }
        if wacht_op_dossier:
            opties["memo"] = {MEMO_WACHT_OP_DOSSIER: True}
        invoer = aanvraag.model_dump(mode="json", exclude_unset=True)
        try:
            # STYLE.md §5: REJECT_DUPLICATE, also once the first run has closed
            return await client.start_workflow(
                WORKFLOW_TYPE,
                invoer,
                id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
                **opties,
            )
        except WorkflowAlreadyStartedError:
            if not await self._teruggedraaid(client, aanvraag.aanvraagnummer):
                raise ZaakBestaat([aanvraag.aanvraagnummer]) from None
        # the earlier run was an undone dossier start: terminated runs may be started again
        try:
            return await client.start_workflow(
                WORKFLOW_TYPE,
                invoer,
                id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
                **opties,
            )
        except WorkflowAlreadyStartedError:
            raise ZaakBestaat([aanvraag.aanvraagnummer]) from None

    async def _draai_terug(self, gestart: Sequence[WorkflowHandle[Any, Any]]) -> list[str]:
        niet_teruggedraaid = []
        for handle in gestart:
            try:
                await handle.terminate(reason=TERUGGEDRAAID)
            except Exception:
                log.exception("zaak %s niet teruggedraaid", handle.id)
                niet_teruggedraaid.append(handle.id)
        return niet_teruggedraaid

    async def _bestaat(self, client: Client, aanvraagnummer: str) -> bool:
        """A case exists under this number (one this API undid counts as none)."""
        try:
            beschrijving = await client.get_workflow_handle(workflow_id(aanvraagnummer)).describe()
        except RPCError as fout:
            if fout.status == RPCStatusCode.NOT_FOUND:
                return False
            raise
        return not await self._teruggedraaid(client, aanvraagnummer, beschrijving)

    async def _teruggedraaid(
        self, client: Client, aanvraagnummer: str, beschrijving: WorkflowExecutionDescription | None = None
    ) -> bool:
        """The latest run was undone: terminated by this API to undo a dossier start, or ended by
        itself because its dossier never completed (`DOSSIER_NIET_COMPLEET`). Either did nothing.

        Only a closed run is asked for its close event: for a running one the history call
        with `CLOSE_EVENT` waits until the run closes (a long poll of 20 s), which made a
        duplicate filing wait that long for its 409."""
        handle = client.get_workflow_handle(workflow_id(aanvraagnummer))
        try:
            if beschrijving is None:
                beschrijving = await handle.describe()
            if beschrijving.status not in (WorkflowExecutionStatus.TERMINATED, WorkflowExecutionStatus.FAILED):
                return False
            async for event in handle.fetch_history_events(
                event_filter_type=WorkflowHistoryEventFilterType.CLOSE_EVENT
            ):
                if event.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED:
                    return bool(event.workflow_execution_terminated_event_attributes.reason == TERUGGEDRAAID)
                if event.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED:
                    fout = event.workflow_execution_failed_event_attributes.failure
                    return bool(fout.application_failure_info.type == DOSSIER_NIET_COMPLEET)
        except RPCError as fout:
            if fout.status == RPCStatusCode.NOT_FOUND:
                return False
            raise
        return False

    # -- status --

    async def status(self, aanvraagnummer: str) -> dict[str, Any]:
        client = await self._client()
        handle = client.get_workflow_handle(workflow_id(aanvraagnummer))
        await self._leesbaar(client, handle)
        return await self._status(handle, self._status_wachttijd)

    async def details(self, aanvraagnummer: str) -> dict[str, Any]:
        """The `details` query: each fact's provenance, what each timeline entry changed."""
        client = await self._client()
        handle = client.get_workflow_handle(workflow_id(aanvraagnummer))
        await self._leesbaar(client, handle)
        return await self._status(handle, self._status_wachttijd, query=QUERY_DETAILS)

    async def voorbeeld(self, aanvraagnummer: str, naam: str, gegevens: dict[str, Any]) -> Voorbeeld:
        """The `voorbeeld` query: the letters the update `naam` with `gegevens` would send today,
        or why the case would refuse it; nothing is sent."""
        client = await self._client()
        handle = client.get_workflow_handle(workflow_id(aanvraagnummer))
        await self._leesbaar(client, handle)
        antwoord = await self._status(handle, self._status_wachttijd, QUERY_VOORBEELD, naam, gegevens)
        return Voorbeeld.model_validate(antwoord)

    async def _leesbaar(self, client: Client, handle: WorkflowHandle[Any, Any]) -> None:
        """Without a codec key, refuse an encrypted case before anything is sent to it: its
        answers would not decode, and an action's argument would be stored in plain text in
        a history that is otherwise encrypted. (With a key, plain payloads still decode.)"""
        if client.data_converter.payload_codec is not None:
            return
        try:
            async for event in handle.fetch_history_events(page_size=1):
                invoer = event.workflow_execution_started_event_attributes.input.payloads
                if invoer and invoer[0].metadata.get("encoding") == ENCODING:
                    raise SleutelOntbreekt(
                        f"zaak {aanvraagnummer_uit(handle.id)} is versleuteld en NAREIS_CODEC_KEY is niet gezet "
                        "(zet dezelfde sleutels als de worker); er is niets uitgevoerd"
                    )
                return
        except RPCError as fout:
            if fout.status == RPCStatusCode.NOT_FOUND:
                return  # the call itself will say the case is unknown
            raise

    async def _status(
        self, handle: WorkflowHandle[Any, Any], wachttijd: float, query: str = QUERY_STATUS, *args: Any
    ) -> dict[str, Any]:
        """Query `status` (or `query`); right after a start the first workflow task may not have run yet,
        so a query that finds the case not ready is retried for `wachttijd` seconds."""
        einde = time.monotonic() + wachttijd
        while True:
            try:
                over = min(10.0, max(1.0, einde - time.monotonic()))
                resultaat = await handle.query(query, args=args, result_type=dict, rpc_timeout=timedelta(seconds=over))
                return dict(resultaat)
            except RPCError as fout:
                if fout.status == RPCStatusCode.NOT_FOUND:
                    raise ZaakOnbekend(aanvraagnummer_uit(handle.id)) from None
                if fout.status == RPCStatusCode.INVALID_ARGUMENT:
                    raise
                laatste: Exception = fout
            except WorkflowQueryFailedError as fout:
                laatste = fout
            if time.monotonic() >= einde:
                raise NietBeschikbaar(f"de status is nu niet op te vragen: {laatste}") from laatste
            await asyncio.sleep(0.1)

    # -- actions and evidence --

    async def actie(
        self,
        aanvraagnummer: str,
        naam: str,
        gegevens: dict[str, Any],
        *,
        actie_id: str | None = None,
    ) -> dict[str, Any]:
        """Send the update `naam`; its validator's refusal becomes `ActieGeweigerd`.

        `actie_id` (the `Idempotency-Key` header) is the update id: Temporal applies an
        update with the same id once per run, so a client may safely retry after a timeout.
        The key stands for one request: sent again with another action or body it raises
        `SleutelHergebruikt` (Temporal would return the first result and drop the new one).
        Without a key the update gets an id of its own, so that this method's own retries
        (RESOURCE_EXHAUSTED: not admitted; an RPC timeout: admitted at most once by id) never
        apply an action twice.
        """
        client = await self._client()
        handle = client.get_workflow_handle(workflow_id(aanvraagnummer))
        await self._leesbaar(client, handle)
        update_id = actie_id or f"api-{uuid.uuid4().hex}"
        einde = time.monotonic() + self._actie_wachttijd
        try:
            async with self._plaats(aanvraagnummer, einde):
                resultaat = await self._update(handle, naam, gegevens, update_id, einde)
        except WorkflowUpdateFailedError as fout:
            oorzaak = fout.cause
            if isinstance(oorzaak, ApplicationError) and oorzaak.type == "Weigering":
                raise ActieGeweigerd(oorzaak.message) from None
            raise
        except RPCError as fout:
            await self._niet_gevonden(client, aanvraagnummer, fout)
            raise
        if actie_id is not None:
            await self._zelfde_verzoek(client, handle, actie_id, naam, gegevens)
        return resultaat

    @contextlib.asynccontextmanager
    async def _plaats(self, aanvraagnummer: str, einde: float) -> AsyncIterator[None]:
        """One of this process's few places for actions in flight on one case (Temporal takes
        ten per case at once; more get RESOURCE_EXHAUSTED). The others wait their turn, for
        at most `drukte_wachttijd` seconds, then get `TeDruk`."""
        slot = self._sloten.get(aanvraagnummer)
        if slot is None:
            slot = self._sloten[aanvraagnummer] = _Slot(asyncio.Semaphore(self._per_zaak))
        slot.gebruikers += 1
        try:
            wachten = min(self._drukte_wachttijd, max(0.0, einde - time.monotonic()))
            try:
                async with asyncio.timeout(wachten):
                    await slot.semafoor.acquire()
            except TimeoutError:
                raise TeDruk(
                    f"de zaak {aanvraagnummer} krijgt nu meer acties tegelijk dan zij verwerkt; "
                    "er is niets uitgevoerd: probeer het over enkele seconden opnieuw",
                    na=2,
                ) from None
            try:
                yield
            finally:
                slot.semafoor.release()
        finally:
            slot.gebruikers -= 1
            if not slot.gebruikers:
                self._sloten.pop(aanvraagnummer, None)

    async def _update(
        self, handle: WorkflowHandle[Any, Any], naam: str, gegevens: dict[str, Any], update_id: str, einde: float
    ) -> dict[str, Any]:
        """`execute_update`, retried with the same id while that is safe and time is left."""
        pauze = 0.05
        drukte_einde = min(einde, time.monotonic() + self._drukte_wachttijd)
        while True:
            over = einde - time.monotonic()
            try:
                async with asyncio.timeout(max(over, 0.001)):
                    resultaat = await handle.execute_update(naam, gegevens, id=update_id, result_type=dict)
                return dict(resultaat)
            except RPCError as fout:
                if fout.status == RPCStatusCode.UNAVAILABLE and fout.message and "aborted" in fout.message:
                    # "workflow update was aborted" (the case dropped its in-flight updates under
                    # load): asked again under the same id it is applied at most once
                    if time.monotonic() + pauze >= drukte_einde:
                        log.warning("zaak %s: %s", handle.id, fout.message)
                        raise self._onbekend(update_id) from None
                    await asyncio.sleep(pauze * (0.5 + random.random()))
                    pauze = min(pauze * 2, 1.0)
                    continue
                if fout.status != RPCStatusCode.RESOURCE_EXHAUSTED:
                    raise
                # not admitted: nothing happened yet, so trying again cannot apply it twice
                if time.monotonic() + pauze > drukte_einde:
                    log.warning("zaak %s: %s", handle.id, fout.message)
                    raise TeDruk(
                        "Temporal neemt nu geen acties meer aan voor deze zaak (te veel tegelijk); "
                        "er is niets uitgevoerd: probeer het over enkele seconden opnieuw",
                        na=2,
                    ) from None
            except WorkflowUpdateRPCTimeoutOrCancelledError:
                # the call timed out; the update may be admitted, but only once under its id
                if time.monotonic() + pauze >= einde:
                    raise self._onbekend(update_id) from None
            except TimeoutError:
                raise self._onbekend(update_id) from None
            await asyncio.sleep(pauze * (0.5 + random.random()))
            pauze = min(pauze * 2, 1.0)

    def _onbekend(self, update_id: str) -> NietBeschikbaar:
        return NietBeschikbaar(
            "de zaak reageerde niet op tijd; of de actie is verwerkt is onbekend: vraag de status op, "
            f"of herhaal het verzoek met Idempotency-Key {update_id} (dan telt het één keer)"
        )

    async def _zelfde_verzoek(
        self, client: Client, handle: WorkflowHandle[Any, Any], actie_id: str, naam: str, gegevens: dict[str, Any]
    ) -> None:
        """A client's key names the request it was first used with: the case's history holds
        that request (update name and argument) under the key; any other is refused. (A
        refused update is not in the history, and Temporal does not remember its id.)"""
        eerder = await self._verzoek_met_id(client, handle, actie_id)
        if eerder is None:
            return  # not in this run's history (continue-as-new since): nothing to compare with
        eerdere_naam, eerdere_gegevens = eerder
        if eerdere_naam != naam or eerdere_gegevens != gegevens:
            wat = "een andere actie" if eerdere_naam != naam else "andere gegevens"
            raise SleutelHergebruikt(
                f"Idempotency-Key {actie_id!r} is op deze zaak al gebruikt voor {wat} ({eerdere_naam}); "
                "dit verzoek is niet uitgevoerd: gebruik een nieuwe sleutel voor een nieuw verzoek"
            )

    async def _verzoek_met_id(
        self, client: Client, handle: WorkflowHandle[Any, Any], update_id: str
    ) -> tuple[str, Any] | None:
        async for event in handle.fetch_history_events():
            if event.event_type != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
                continue
            verzoek = event.workflow_execution_update_accepted_event_attributes.accepted_request
            if verzoek.meta.update_id != update_id:
                continue
            args = list(verzoek.input.args.payloads)
            waarden = await client.data_converter.decode(args, [dict] * len(args)) if args else []
            return verzoek.input.name, (waarden[0] if waarden else None)
        return None

    async def bewijs(self, aanvraagnummer: str, gegevens: dict[str, Any]) -> None:
        client = await self._client()
        handle = client.get_workflow_handle(workflow_id(aanvraagnummer))
        try:
            await handle.signal(SIGNAAL_NIEUW_BEWIJS, gegevens)
        except RPCError as fout:
            await self._niet_gevonden(client, aanvraagnummer, fout)
            raise

    async def _niet_gevonden(self, client: Client, aanvraagnummer: str, fout: RPCError) -> None:
        """NOT_FOUND means: no such case, or the case has ended."""
        if fout.status != RPCStatusCode.NOT_FOUND:
            return
        if await self._bestaat(client, aanvraagnummer):
            raise ActieGeweigerd("de zaak is afgerond; er kan niets meer aan worden toegevoegd")
        raise ZaakOnbekend(aanvraagnummer) from None
