"""The `Nareisaanvraag` workflow: one application from receipt to its last term (CONTRACT.md).

The procedure itself lives in the pure `nareis.zaak.Zaak`; this class is the durable shell:
it validates the input, waits on the next term as a timer, takes caseworkers' updates and
signals, carries out the effects as activities, keeps the register, the search attributes
and the UI summary current, and continues as new before the history grows too long.
"""

from __future__ import annotations

import contextlib
import json
from datetime import date, timedelta
from typing import Any

from pydantic import ValidationError
from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from nareis import contract as m
    from nareis import tijd, zaakstatus
    from nareis.zaak import Effect, GekoppeldBesluit, Weigering, Zaak
    from workflows import zoekattributen as za
    from workflows.stappen import (
        KoppelingOpvragen,
        Registratie,
        Stapopdracht,
        activiteit_voor,
    )

#: a long case continues as new well before Temporal's 51,200-event / 50 MB limits
MAX_GESCHIEDENIS = 8_000

#: retried forever with back-off: a step with effects outside must eventually happen once;
#: only input that can never succeed (a non-retryable ApplicationError) stops it.
STAP_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(minutes=5),
    non_retryable_error_types=["OngeldigeOpdracht"],
)
STAP_TIMEOUT = timedelta(seconds=60)
#: one register transaction: a worker that died mid-write is noticed and retried quickly
REGISTER_TIMEOUT = timedelta(seconds=10)

#: workflow.patched ids: a change to running cases' commands goes behind one of these
PATCH_ZOEKATTRIBUTEN = "zoekattributen-alleen-bij-wijziging"
PATCH_ZOEKATTRIBUTEN_IN_UPDATE = "zoekattributen-in-de-update"
PATCH_BESLISTERMIJN_BEZWAAR = "beslistermijn-bezwaar-bewaakt"
PATCH_BEWIJS_ELKE_VORM = "bewijs-elke-vorm-bewaard"


@workflow.defn(name="Nareisaanvraag")
class Nareisaanvraag:
    def __init__(self) -> None:
        self.zaak: Zaak | None = None
        self._effecten: list[Effect] = []
        self._geregistreerd = 0
        self._zoekattributen = ""
        self._vroeg_bewijs: list[Any] = []

    # -- the procedure --

    @workflow.run
    async def run(self, aanvraag: dict[str, Any], voortzetting: dict[str, Any] | None = None) -> m.Status:
        if voortzetting is not None:
            self.zaak = Zaak.model_validate(voortzetting["zaak"])
            self._geregistreerd = voortzetting["geregistreerd"]
        else:
            self.zaak, self._effecten = Zaak.open(self._lees_aanvraag(aanvraag), self._vandaag())
            # Patch (2026-11): the decision on objection term wakes the case when it lapses
            self.zaak.bewaakt_beslistermijn_bezwaar = workflow.patched(PATCH_BESLISTERMIJN_BEZWAAR)
            self._zet_vaste_zoekattributen()
            for data in self._vroeg_bewijs:
                self.nieuw_bewijs(data)
            await self._koppelingen_opvragen()
        while not self.zaak.afgerond:
            await self._bij_werken()
            await self._wacht_op_termijn_of_actie()
            self._effecten += self.zaak.verwerk_tijd(self._vandaag())
            if self._moet_voortzetten():
                await self._bij_werken()
                await workflow.wait_condition(workflow.all_handlers_finished)
                workflow.continue_as_new(
                    args=[aanvraag, {"zaak": self.zaak.model_dump(mode="json"), "geregistreerd": self._geregistreerd}]
                )
        await workflow.wait_condition(workflow.all_handlers_finished)
        await self._bij_werken()
        return zaakstatus.status(self.zaak, self._vandaag())

    def _lees_aanvraag(self, data: dict[str, Any]) -> m.Aanvraag:
        """CONTRACT.md: an invalid Aanvraag fails the workflow at once, naming the field."""
        try:
            return m.lees(m.Aanvraag, data, vandaag=self._vandaag())
        except m.Invoerfout as fout:
            raise ApplicationError(
                f"ongeldige aanvraag: {fout}", fout.velden, type="OngeldigeAanvraag", non_retryable=True
            ) from None

    async def _wacht_op_termijn_of_actie(self) -> None:
        assert self.zaak is not None
        wekdatum = self.zaak.volgende_wekdatum(self._vandaag())
        timeout = None
        if wekdatum is not None:
            timeout = max(tijd.begin_van(wekdatum) - workflow.now(), timedelta(0))
        with contextlib.suppress(TimeoutError):
            await workflow.wait_condition(self._werk_te_doen, timeout=timeout, timeout_summary="volgende termijn")

    def _werk_te_doen(self) -> bool:
        """An action or signal changed the case: every change adds to the timeline."""
        assert self.zaak is not None
        return bool(self._effecten) or len(self.zaak.tijdlijn) > self._geregistreerd or self.zaak.afgerond

    def _moet_voortzetten(self) -> bool:
        info = workflow.info()
        return info.is_continue_as_new_suggested() or info.get_current_history_length() > MAX_GESCHIEDENIS

    # -- effects, register, visibility --

    async def _bij_werken(self) -> None:
        """Carry out pending effects, write the register, refresh search attributes and UI."""
        assert self.zaak is not None
        while self._effecten:
            effect = self._effecten.pop(0)
            await self._voer_uit(effect)
        await self._registreer()
        self._zet_zoekattributen()
        workflow.set_current_details(zaakstatus.details_markdown(self.zaak, self._vandaag()))

    async def _voer_uit(self, effect: Effect) -> None:
        assert self.zaak is not None
        if effect.soort == "koppeling":
            await self._meld_koppeling(effect)
            return
        try:
            await workflow.execute_activity(
                activiteit_voor(effect.soort),
                Stapopdracht.uit_effect(self.zaak, effect, self._vandaag()),
                start_to_close_timeout=STAP_TIMEOUT,
                retry_policy=STAP_RETRY,
                summary=effect.soort,
            )
        except ActivityError as fout:
            # only a step that can never succeed ends here (every other error is retried):
            # the case goes on and the failure is on its timeline for a person to resolve
            self.zaak.stap_mislukt(effect.soort, str(fout.cause or fout), self._vandaag())

    async def _meld_koppeling(self, effect: Effect) -> None:
        """WI 2026/11 §4.1: the applications filed together learn this one's outcome."""
        for nummer in effect.gegevens["naar"]:
            handle = workflow.get_external_workflow_handle(m.workflow_id(nummer))
            try:
                await handle.signal("gekoppeld_besluit", effect.gegevens["besluit"])
            except Exception:
                workflow.logger.info("koppeling naar %s niet afgeleverd", nummer)

    async def _registreer(self) -> None:
        assert self.zaak is not None
        nieuw = self.zaak.tijdlijn[self._geregistreerd :]
        if not nieuw and self._geregistreerd:
            return
        await workflow.execute_activity(
            "register_vastleggen",
            Registratie.uit_zaak(self.zaak, nieuw, self._vandaag(), workflow.info().workflow_id),
            start_to_close_timeout=REGISTER_TIMEOUT,
            retry_policy=STAP_RETRY,
            summary=f"{len(nieuw)} gebeurtenissen",
        )
        # entries booked while the activity ran are sent by the next call, not skipped
        self._geregistreerd += len(nieuw)

    async def _koppelingen_opvragen(self) -> None:
        """Facts that span applications come from the other cases (WI 2026/11 §4.1, §3.2.1, §5.5)."""
        assert self.zaak is not None
        gekoppeld: list[GekoppeldBesluit] = await workflow.execute_activity(
            "koppelingen_opvragen",
            KoppelingOpvragen.uit_aanvraag(self.zaak.aanvraag),
            result_type=list[GekoppeldBesluit],
            start_to_close_timeout=STAP_TIMEOUT,
            retry_policy=STAP_RETRY,
        )
        for koppeling in gekoppeld:
            self.zaak.gekoppeld_besluit(koppeling, self._vandaag())
        if self.zaak.aanvraag.gezinslid.relatie is m.Relatie.ECHTGENOOT:
            # WI 2026/11 §3.2.1: an open application for another spouse learns of this one
            andere = [k.aanvraagnummer for k in gekoppeld if k.relatie is m.Relatie.ECHTGENOOT and k.uitkomst is None]
            await self._meld_koppeling(self.zaak.koppeling_naar(andere))

    def _zet_vaste_zoekattributen(self) -> None:
        assert self.zaak is not None
        aanvraag = self.zaak.aanvraag
        workflow.upsert_search_attributes(
            [
                za.REFERENT.value_set(aanvraag.referent.vnummer),
                za.DOSSIER.value_set(aanvraag.dossiernummer),
                za.STATUS_REFERENT.value_set(aanvraag.referent.status.value),
                za.RELATIE.value_set(aanvraag.gezinslid.relatie.value),
            ]
        )

    def _zet_zoekattributen(self) -> None:
        assert self.zaak is not None
        termijn = self.zaak.beslistermijn(self._vandaag())
        updates = [
            za.FASE.value_set(self.zaak.fase().value),
            za.OPGESCHORT.value_set(bool(termijn and termijn.opgeschort and self.zaak.besluit is None)),
        ]
        if termijn is not None:
            updates.append(za.BESLISTERMIJN_EINDE.value_set(tijd.begin_van(termijn.einde)))
        if self.zaak.besluit is not None:
            updates.append(za.UITKOMST.value_set(self.zaak.besluit.uitkomst.value))
        waarden = repr(updates)
        # Patch (2026-11): upsert only what changed, one event fewer per wake-up; cases
        # recorded before it replay the unconditional upsert.
        if workflow.patched(PATCH_ZOEKATTRIBUTEN) and waarden == self._zoekattributen:
            return
        self._zoekattributen = waarden
        workflow.upsert_search_attributes(updates)

    def _vandaag(self) -> date:
        return tijd.datum_in_amsterdam(workflow.now())

    # -- query --

    @workflow.query
    def status(self) -> m.Status:
        if self.zaak is None:
            raise ApplicationError("de zaak wordt nog geopend", type="NogNietGeopend")
        return zaakstatus.status(self.zaak, self._vandaag())

    # -- signals --

    @workflow.signal
    def nieuw_bewijs(self, data: Any) -> None:
        """CONTRACT.md: recorded and shown, never lost; duplicates recorded once. Any JSON is
        taken: what is no evidence object is kept as unreadable evidence, with the reason."""
        if not isinstance(data, dict) and not workflow.patched(PATCH_BEWIJS_ELKE_VORM):
            return  # before the patch such a signal failed to decode and was dropped
        if self.zaak is None:  # before the case is opened: kept and recorded right after
            self._vroeg_bewijs.append(data)
            return
        try:
            bewijs = m.lees(m.NieuwBewijs, data, vandaag=self._vandaag())
        except m.Invoerfout as fout:
            self.zaak.ongeldig_bewijs(str(fout), json.dumps(data, default=str), self._vandaag())
            return
        self.zaak.nieuw_bewijs(bewijs, self._vandaag())

    @workflow.signal
    def gekoppeld_besluit(self, data: dict[str, Any]) -> None:
        try:
            koppeling = GekoppeldBesluit.model_validate(data)
        except ValidationError as fout:
            workflow.logger.warning("gekoppeld_besluit niet leesbaar: %s", fout)
            return
        if self.zaak is not None and not self.zaak.afgerond:
            self.zaak.gekoppeld_besluit(koppeling, self._vandaag())

    # -- updates: one per action of CONTRACT.md, each with its validator --

    def _valideer(self, naam: str, data: Any) -> m.Actie:
        if self.zaak is None:
            raise ApplicationError("de zaak wordt nog geopend; probeer het zo opnieuw", type="Weigering")
        vandaag = self._vandaag()
        try:
            actie = m.lees(m.ACTIES[naam], data, vandaag=vandaag)
            self.zaak.valideer(naam, actie, vandaag)
        except (m.Invoerfout, Weigering) as fout:
            raise ApplicationError(str(fout), type="Weigering", non_retryable=True) from None
        return actie

    def _doe(self, naam: str, data: Any) -> m.Status:
        assert self.zaak is not None
        vandaag = self._vandaag()
        actie = m.lees(m.ACTIES[naam], data, vandaag=vandaag)
        self._effecten += self.zaak.pas_toe(naam, actie, vandaag)
        # Patch (2026-11): the search attributes change with the accepted action itself, so the
        # Temporal UI never shows the state before it; cases recorded earlier replay without.
        if workflow.patched(PATCH_ZOEKATTRIBUTEN_IN_UPDATE):
            self._zet_zoekattributen()
        return zaakstatus.status(self.zaak, vandaag)

    @workflow.update
    def hv_versturen(self, data: Any) -> m.Status:
        return self._doe("hv_versturen", data)

    @hv_versturen.validator
    def _v_hv_versturen(self, data: Any) -> None:
        self._valideer("hv_versturen", data)

    @workflow.update
    def hv_reactie_ontvangen(self, data: Any) -> m.Status:
        return self._doe("hv_reactie_ontvangen", data)

    @hv_reactie_ontvangen.validator
    def _v_hv_reactie_ontvangen(self, data: Any) -> None:
        self._valideer("hv_reactie_ontvangen", data)

    @workflow.update
    def formulier_ontvangen(self, data: Any) -> m.Status:
        return self._doe("formulier_ontvangen", data)

    @formulier_ontvangen.validator
    def _v_formulier_ontvangen(self, data: Any) -> None:
        self._valideer("formulier_ontvangen", data)

    @workflow.update
    def verschoonbaarheid_beoordelen(self, data: Any) -> m.Status:
        return self._doe("verschoonbaarheid_beoordelen", data)

    @verschoonbaarheid_beoordelen.validator
    def _v_verschoonbaarheid_beoordelen(self, data: Any) -> None:
        self._valideer("verschoonbaarheid_beoordelen", data)

    @workflow.update
    def onderzoek_aanbieden(self, data: Any) -> m.Status:
        return self._doe("onderzoek_aanbieden", data)

    @onderzoek_aanbieden.validator
    def _v_onderzoek_aanbieden(self, data: Any) -> None:
        self._valideer("onderzoek_aanbieden", data)

    @workflow.update
    def onderzoek_uitslag(self, data: Any) -> m.Status:
        return self._doe("onderzoek_uitslag", data)

    @onderzoek_uitslag.validator
    def _v_onderzoek_uitslag(self, data: Any) -> None:
        self._valideer("onderzoek_uitslag", data)

    @workflow.update
    def screening_uitslag(self, data: Any) -> m.Status:
        return self._doe("screening_uitslag", data)

    @screening_uitslag.validator
    def _v_screening_uitslag(self, data: Any) -> None:
        self._valideer("screening_uitslag", data)

    @workflow.update
    def termijn_verlengen(self, data: Any) -> m.Status:
        return self._doe("termijn_verlengen", data)

    @termijn_verlengen.validator
    def _v_termijn_verlengen(self, data: Any) -> None:
        self._valideer("termijn_verlengen", data)

    @workflow.update
    def besluiten(self, data: Any) -> m.Status:
        return self._doe("besluiten", data)

    @besluiten.validator
    def _v_besluiten(self, data: Any) -> None:
        self._valideer("besluiten", data)

    @workflow.update
    def mvv_verlengen(self, data: Any) -> m.Status:
        return self._doe("mvv_verlengen", data)

    @mvv_verlengen.validator
    def _v_mvv_verlengen(self, data: Any) -> None:
        self._valideer("mvv_verlengen", data)

    @workflow.update
    def mvv_opgehaald(self, data: Any) -> m.Status:
        return self._doe("mvv_opgehaald", data)

    @mvv_opgehaald.validator
    def _v_mvv_opgehaald(self, data: Any) -> None:
        self._valideer("mvv_opgehaald", data)

    @workflow.update
    def bezwaar_ontvangen(self, data: Any) -> m.Status:
        return self._doe("bezwaar_ontvangen", data)

    @bezwaar_ontvangen.validator
    def _v_bezwaar_ontvangen(self, data: Any) -> None:
        self._valideer("bezwaar_ontvangen", data)

    @workflow.update
    def bezwaar_besluiten(self, data: Any) -> m.Status:
        return self._doe("bezwaar_besluiten", data)

    @bezwaar_besluiten.validator
    def _v_bezwaar_besluiten(self, data: Any) -> None:
        self._valideer("bezwaar_besluiten", data)

    @workflow.update
    def ingebrekestelling_ontvangen(self, data: Any) -> m.Status:
        return self._doe("ingebrekestelling_ontvangen", data)

    @ingebrekestelling_ontvangen.validator
    def _v_ingebrekestelling_ontvangen(self, data: Any) -> None:
        self._valideer("ingebrekestelling_ontvangen", data)

    @workflow.update
    def intrekken(self, data: Any) -> m.Status:
        return self._doe("intrekken", data)

    @intrekken.validator
    def _v_intrekken(self, data: Any) -> None:
        self._valideer("intrekken", data)

    @workflow.update
    def feiten_vastleggen(self, data: Any) -> m.Status:
        return self._doe("feiten_vastleggen", data)

    @feiten_vastleggen.validator
    def _v_feiten_vastleggen(self, data: Any) -> None:
        self._valideer("feiten_vastleggen", data)

    @workflow.update
    def opschorten(self, data: Any) -> m.Status:
        return self._doe("opschorten", data)

    @opschorten.validator
    def _v_opschorten(self, data: Any) -> None:
        self._valideer("opschorten", data)

    @workflow.update
    def opschorting_beeindigen(self, data: Any) -> m.Status:
        return self._doe("opschorting_beeindigen", data)

    @opschorting_beeindigen.validator
    def _v_opschorting_beeindigen(self, data: Any) -> None:
        self._valideer("opschorting_beeindigen", data)
