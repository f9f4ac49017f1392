"""The `Nareisaanvraag` workflow: one application from receipt to its last term (CONTRACT.md).

The procedure itself lives in the pure `nareis.zaak.Zaak`; this class is the durable shell:
it validates the input, waits on the next term as a timer, takes caseworkers' updates and
signals, carries out the effects as activities, keeps the register, the search attributes
and the UI summary current, and continues as new before the history grows too long.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Awaitable, Callable, Sequence
from datetime import date, timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import RetryPolicy, SearchAttributeUpdate
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from activities.register import RegisterActiviteiten, Vastlegging
    from activities.stappen import Procedure
    from nareis import contract as m
    from nareis import effecten as e
    from nareis import tijd, zaakdetails, zaakstatus
    from nareis.register import Zaakstand
    from nareis.zaak import Gebeurtenis, Weigering, Zaak
    from workflows import patches
    from workflows import zoekattributen as za

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
#: one step (a letter stored, a request recorded) takes well under a second; a worker that died
#: while running one is noticed after this and the step runs again elsewhere (idempotent by its key)
STAP_TIMEOUT = timedelta(seconds=15)
#: one register transaction: a worker that died mid-write is noticed and retried quickly
REGISTER_TIMEOUT = timedelta(seconds=10)

#: a dossier's case that has not heard `dossier_compleet` by then was never filed in full (the
#: API starts a dossier's cases and signals them within a second or two)
DOSSIER_WACHTTIJD = timedelta(minutes=10)

WACHT_OP_DOSSIER = "het dossier van deze zaak is nog niet volledig ingediend; er kan nog niets aan gebeuren"

#: timeline entries per register write: at most ~50 x 4.5 KB, far below the 2 MB payload limit
REGISTER_PER_KEER = 50

#: each effect with an activity, by its type (a `Koppeling` is a signal to the other cases)
STAPPEN: dict[type[e.Stap], Callable[[Procedure, Any], Awaitable[None]]] = {
    e.Ontvangstbevestiging: Procedure.ontvangstbevestiging_versturen,
    e.HvBrief: Procedure.hv_brief_versturen,
    e.OnderzoekVerzoek: Procedure.onderzoek_aanbieden,
    e.ScreeningVerzoek: Procedure.screening_aanvragen,
    e.Beschikking: Procedure.beschikking_versturen,
    e.BuitenBehandeling: Procedure.buiten_behandeling_versturen,
    e.MvvAfgifte: Procedure.mvv_afgifte_melden,
    e.BezwaarOntvangstbevestiging: Procedure.bezwaar_ontvangst_bevestigen,
    e.BeslissingOpBezwaar: Procedure.beslissing_op_bezwaar_versturen,
}


@workflow.defn(name=m.WORKFLOW_TYPE)
class Nareisaanvraag:
    @workflow.init
    def __init__(self, aanvraag: dict[str, Any], voortzetting: dict[str, Any] | None = None) -> None:
        """The case exists before any handler runs: an action, query or signal that comes with
        the start, or before a worker picked the case up, is handled like any later one."""
        self._effecten: list[e.Effect] = []
        self._geregistreerd = 0
        self._zoekattributen = ""
        self._ongeldig: ApplicationError | None = None
        self._wacht_op_dossier = False
        self._dossier_compleet = False
        self.zaak: Zaak | None = None
        if voortzetting is not None:
            self.zaak = Zaak.model_validate(voortzetting["zaak"])
            self._geregistreerd = voortzetting["geregistreerd"]
            return
        try:
            gelezen = m.lees(m.Aanvraag, aanvraag, vandaag=self._vandaag(), herhaling=workflow.unsafe.is_replaying())
        except m.Invoerfout as fout:
            # CONTRACT.md: an invalid Aanvraag fails the workflow at once, naming the field
            self._ongeldig = ApplicationError(
                f"ongeldige aanvraag: {fout}", fout.velden, type="OngeldigeAanvraag", non_retryable=True
            )
            return
        # Patch (2026-12): letters dated the day they are sent (DOMAIN.md §3.4): a case opened after
        # its receipt sends its HV letters today; a past `op` on hv_versturen sends none
        # Patch (2026-12): terms that lapsed before the opening (a case taken over with its real
        # dates), or before any later wake-up, are processed at once (DOMAIN.md §3.10)
        self.zaak, self._effecten = Zaak.open(
            gelezen,
            self._vandaag(),
            brieven_op_verzenddag=patches.toegepast(patches.BRIEVEN_OP_VERZENDDAG),
            verstreken_meteen=patches.toegepast(patches.VERSTREKEN_METEEN),
        )
        # Patch (2026-11): the decision on objection term wakes the case when it lapses
        self.zaak.bewaakt_beslistermijn_bezwaar = patches.toegepast(patches.BESLISTERMIJN_BEZWAAR)
        # Patch (2026-12): a caseworker's HV names a reason code (DOMAIN.md §3.4); cases opened
        # before it keep their free-text reasons, counted as `documenten`
        self.zaak.hv_redencodes = patches.toegepast(patches.HV_REDENCODES)
        # Patch (2026-12): an HV sent before the beslistermijn started suspends it from the start
        # (DOMAIN.md §3.0); cases opened before it keep the dates they showed
        self.zaak.opschorting_geklemd = patches.toegepast(patches.OPSCHORTING_GEKLEMD)
        # Patch (2026-12): buiten behandeling on the day after the form term, then the objection
        # term (DOMAIN.md §3.4); cases opened before it close on the term's last day
        self.zaak.buiten_behandeling_bezwaar = patches.toegepast(patches.BUITEN_BEHANDELING_BEZWAAR)
        # Patch (2026-12): an upheld objection states its new decision (Awb 7:11); in cases opened
        # before it, upholding an objection to a rejection still grants by itself
        self.zaak.bezwaar_nieuw_besluit = patches.toegepast(patches.BEZWAAR_NIEUW_BESLUIT)
        # Patch (2026-12): after the mvv is collected the phase (and NareisFase) says what comes next
        self.zaak.fase_na_mvv = patches.toegepast(patches.FASE_NA_MVV)
        # Patch (2026-12): a decision the policy names is a proposal until a second person approves
        # it (vier ogen, DOMAIN.md §3.7); cases opened before it decide at once
        self.zaak.vier_ogen = patches.toegepast(patches.VIER_OGEN)
        # Patch (2026-12): a late objection can be judged excusable (Awb 6:11, DOMAIN.md §3.9); cases
        # opened before it refuse a late objection
        self.zaak.bezwaar_te_laat_verschoonbaar = patches.toegepast(patches.BEZWAAR_TE_LAAT)

    # -- the procedure --

    @workflow.run
    async def run(self, aanvraag: dict[str, Any], voortzetting: dict[str, Any] | None = None) -> m.Status:
        zaak = self._open_zaak()
        if voortzetting is None:
            await self._wacht_op_dossier_compleet()
            # Patch (2026-12, issue #18): the fixed search attributes go in one upsert with the
            # phase and the terms (each upsert is a visibility write); cases opened before it
            # upserted them apart, the phase after the first step
            if patches.toegepast(patches.ZOEKATTRIBUTEN_BIJ_OPENING):
                self._zet_zoekattributen(zaakstatus.status(zaak, self._vandaag()), self._vaste_zoekattributen())
            else:
                workflow.upsert_search_attributes(self._vaste_zoekattributen())
            await self._koppelingen_opvragen()
        while not zaak.afgerond:
            if patches.toegepast(patches.VERSTREKEN_METEEN):
                # DOMAIN.md §3.10: a term whose day-after lies in the past has no timer to wait for
                self._effecten += zaak.verwerk_tijd(self._vandaag())
                if zaak.afgerond:
                    break
            await self._bij_werken()
            await self._wacht_op_termijn_of_actie()
            self._effecten += zaak.verwerk_tijd(self._vandaag())
            if self._moet_voortzetten():
                await self._bij_werken()
                await workflow.wait_condition(workflow.all_handlers_finished)
                workflow.continue_as_new(
                    # the application travels once, in the case
                    args=[
                        {"aanvraagnummer": zaak.aanvraag.aanvraagnummer},
                        {"zaak": zaak.model_dump(mode="json"), "geregistreerd": self._geregistreerd},
                    ]
                )
        await workflow.wait_condition(workflow.all_handlers_finished)
        return await self._bij_werken()

    async def _wacht_op_dossier_compleet(self) -> None:
        """Issue 15 item 5: a dossier's case takes no step (no letter, register row, search
        attribute or signal to another case) before the API says every case of the dossier has
        started. Not hearing so in `DOSSIER_WACHTTIJD`, the dossier was never filed in full (the
        API stopped midway): the case ends undone, having done nothing, and may be filed again."""
        if not workflow.memo_value(m.MEMO_WACHT_OP_DOSSIER, False, type_hint=bool):
            return
        # Patch (2026-12): cases started before it waited by Temporal's start delay instead
        if not patches.toegepast(patches.DOSSIER_WACHT):
            return
        self._wacht_op_dossier = True
        try:
            await workflow.wait_condition(
                lambda: self._dossier_compleet, timeout=DOSSIER_WACHTTIJD, timeout_summary="dossier compleet"
            )
        except TimeoutError:
            raise ApplicationError(
                f"dossier niet compleet ingediend: geen {m.SIGNAAL_DOSSIER_COMPLEET} binnen {DOSSIER_WACHTTIJD}; "
                "de zaak heeft niets gedaan en kan opnieuw worden ingediend",
                type=m.DOSSIER_NIET_COMPLEET,
                non_retryable=True,
            ) from None
        self._wacht_op_dossier = False

    def _open_zaak(self) -> Zaak:
        if self.zaak is None:
            assert self._ongeldig is not None
            raise self._ongeldig
        return self.zaak

    async def _wacht_op_termijn_of_actie(self) -> None:
        wekdatum = self._open_zaak().volgende_wekdatum(self._vandaag())
        timeout = None
        if wekdatum is not None:
            timeout = max(tijd.begin_van(wekdatum) - workflow.now(), timedelta(0))
        with contextlib.suppress(TimeoutError):
            await workflow.wait_condition(self._werk_te_doen, timeout=timeout, timeout_summary="volgende termijn")

    def _werk_te_doen(self) -> bool:
        """An action or signal changed the case: every change adds to the timeline."""
        zaak = self._open_zaak()
        return bool(self._effecten) or zaak.volgnummer > self._geregistreerd or zaak.afgerond

    def _moet_voortzetten(self) -> bool:
        info = workflow.info()
        return info.is_continue_as_new_suggested() or info.get_current_history_length() > MAX_GESCHIEDENIS

    # -- effects, register, visibility --

    async def _bij_werken(self) -> m.Status:
        """Carry out pending effects, write the register, refresh search attributes and UI."""
        while self._effecten:
            await self._voer_uit(self._effecten.pop(0))
        status = zaakstatus.status(self._open_zaak(), self._vandaag())
        if await self._registreer(status):  # entries left the state: show it as it now is
            status = zaakstatus.status(self._open_zaak(), self._vandaag())
        self._zet_zoekattributen(status)
        workflow.set_current_details(zaakstatus.details_markdown(status))
        return status

    async def _voer_uit(self, effect: e.Effect) -> None:
        if isinstance(effect, e.Koppeling):
            await self._meld_koppeling(effect)
            return
        try:
            await workflow.execute_activity_method(
                STAPPEN[type(effect)],
                effect,
                start_to_close_timeout=STAP_TIMEOUT,
                retry_policy=STAP_RETRY,
                summary=effect.STAP,
            )
        except ActivityError as fout:
            # only a step that can never succeed ends here (every other error is retried):
            # the case goes on and the failure is on its timeline for a person to resolve
            self._open_zaak().stap_mislukt(effect.STAP, str(fout.cause or fout), self._vandaag())

    async def _meld_koppeling(self, koppeling: e.Koppeling) -> None:
        """WI 2026/11 §4.1: the applications filed together learn this one's outcome."""
        for nummer in koppeling.naar:
            handle = workflow.get_external_workflow_handle(m.workflow_id(nummer))
            try:
                await handle.signal(m.SIGNAAL_GEKOPPELD_BESLUIT, koppeling.besluit)
            except Exception:
                workflow.logger.info("koppeling naar %s niet afgeleverd", nummer)

    async def _registreer(self, status: m.Status) -> bool:
        """Send new timeline entries to the register; True when registered ones left the state."""
        zaak = self._open_zaak()
        nieuw = [g for g in zaak.tijdlijn if g.volgnummer > self._geregistreerd]
        if not nieuw and self._geregistreerd:
            return False
        # Patch (2026-12): a burst of entries (thousands of evidence signals at once) goes to the
        # register in parts, each activity input far below Temporal's payload limit
        if len(nieuw) > REGISTER_PER_KEER and patches.toegepast(patches.REGISTER_IN_DELEN):
            delen = [nieuw[i : i + REGISTER_PER_KEER] for i in range(0, len(nieuw), REGISTER_PER_KEER)]
        else:
            delen = [nieuw]
        vergeten = zaak.vergeten_gebeurtenissen
        for deel in delen:
            await self._registreer_deel(zaak, status, deel)
        return zaak.vergeten_gebeurtenissen > vergeten

    async def _registreer_deel(self, zaak: Zaak, status: m.Status, nieuw: list[Gebeurtenis]) -> None:
        await workflow.execute_activity_method(
            RegisterActiviteiten.vastleggen,
            Vastlegging(
                workflow_id=workflow.info().workflow_id,
                aanvraagnummer=zaak.aanvraag.aanvraagnummer,
                beleid=zaak.beleid,
                gebeurtenissen=nieuw,
                stand=Zaakstand.uit_status(status, volgnummer=zaak.volgnummer),
                # stored once: the first registration of a case carries the application
                aanvraag=zaak.aanvraag if self._geregistreerd == 0 else None,
            ),
            start_to_close_timeout=REGISTER_TIMEOUT,
            retry_policy=STAP_RETRY,
            summary=f"{len(nieuw)} gebeurtenissen",
        )
        # entries booked while the activity ran are sent by the next call, not skipped
        self._geregistreerd = nieuw[-1].volgnummer if nieuw else self._geregistreerd
        zaak.vergeet_vastgelegd(tot=self._geregistreerd)

    async def _koppelingen_opvragen(self) -> None:
        """Facts that span applications come from the other cases (WI 2026/11 §4.1, §3.2.1, §5.5)."""
        zaak = self._open_zaak()
        gekoppeld = await workflow.execute_activity_method(
            Procedure.koppelingen_opvragen,
            e.KoppelingOpvragen.uit_aanvraag(zaak.aanvraag),
            start_to_close_timeout=STAP_TIMEOUT,
            retry_policy=STAP_RETRY,
        )
        for koppeling in gekoppeld:
            zaak.gekoppeld_besluit(koppeling, self._vandaag())
        if zaak.aanvraag.gezinslid.relatie is m.Relatie.ECHTGENOOT:
            # WI 2026/11 §3.2.1: an open application for another spouse learns of this one
            andere = [k.aanvraagnummer for k in gekoppeld if k.relatie is m.Relatie.ECHTGENOOT and k.uitkomst is None]
            await self._meld_koppeling(zaak.koppeling_naar(andere))

    def _vaste_zoekattributen(self) -> list[SearchAttributeUpdate[Any]]:
        """Who the case is about: set once, at the opening."""
        aanvraag = self._open_zaak().aanvraag
        return [
            za.REFERENT.value_set(aanvraag.referent.vnummer),
            za.DOSSIER.value_set(aanvraag.dossiernummer),
            za.STATUS_REFERENT.value_set(aanvraag.referent.status.value),
            za.RELATIE.value_set(aanvraag.gezinslid.relatie.value),
        ]

    def _zet_zoekattributen(self, status: m.Status, vast: Sequence[SearchAttributeUpdate[Any]] = ()) -> None:
        """Upsert the attributes that follow the case when they changed, with `vast` in front."""
        termijn = status.beslistermijn
        updates: list[SearchAttributeUpdate[Any]] = [
            za.FASE.value_set(status.fase.value),
            za.OPGESCHORT.value_set(termijn.opgeschort),
        ]
        if termijn.einde is not None:
            updates.append(za.BESLISTERMIJN_EINDE.value_set(tijd.begin_van(termijn.einde)))
        if status.besluit is not None and not status.besluit.voorgesteld:
            updates.append(za.UITKOMST.value_set(status.besluit.uitkomst.value))
        if status.behandelaar is not None:  # only cases assigned since toewijzen exists
            updates.append(za.BEHANDELAAR.value_set(status.behandelaar))
        elif workflow.info().typed_search_attributes.get(za.BEHANDELAAR) is not None:
            updates.append(za.BEHANDELAAR.value_unset())  # back to the team's queue
        if status.voorstel is not None:  # only cases opened since vier ogen (a patch) have proposals
            updates.append(za.VOORGESTELD_DOOR.value_set(status.voorstel.voorgesteld_door or "onbekend"))
        elif workflow.info().typed_search_attributes.get(za.VOORGESTELD_DOOR) is not None:
            updates.append(za.VOORGESTELD_DOOR.value_unset())  # approved or sent back
        # Patch (2026-12): CONTRACT.md's NareisVolgendeTermijn(Soort), so a team lead filters on
        # every deadline, not only the beslistermijn; cases recorded before it replay without
        # Patch (2026-12, issue #16): NareisBeleid, the version whose term lengths the case follows
        if patches.toegepast(patches.BELEID_GEPUBLICEERD):
            updates.append(za.BELEID.value_set(self._open_zaak().geldende_versie))
        if patches.toegepast(patches.VOLGENDE_TERMIJN):
            volgende = status.volgende_termijn
            if volgende is None:
                updates += [za.VOLGENDE_TERMIJN.value_unset(), za.VOLGENDE_TERMIJN_SOORT.value_unset()]
            else:
                updates += [
                    za.VOLGENDE_TERMIJN.value_set(tijd.begin_van(volgende.einde)),
                    za.VOLGENDE_TERMIJN_SOORT.value_set(volgende.soort.value),
                ]
        waarden = repr(updates)
        # Patch (2026-11): upsert only what changed, one event fewer per wake-up; cases
        # recorded before it replay the unconditional upsert.
        if patches.toegepast(patches.ZOEKATTRIBUTEN) and waarden == self._zoekattributen:
            return
        self._zoekattributen = waarden
        workflow.upsert_search_attributes([*vast, *updates])

    def _vandaag(self) -> date:
        return tijd.datum_in_amsterdam(workflow.now())

    # -- query --

    @workflow.query(name=m.QUERY_STATUS)
    def status(self) -> m.Status:
        return zaakstatus.status(self._open_zaak(), self._vandaag())

    @workflow.query(name=m.QUERY_DETAILS)
    def details(self) -> m.Details:
        return zaakdetails.details(self._open_zaak())

    @workflow.query(name=m.QUERY_VOORBEELD)
    def voorbeeld(self, naam: str, gegevens: dict[str, Any]) -> e.Voorbeeld:
        """The letters the update `naam` with `gegevens` would send today: the action is taken on
        a deep copy of the case, which is then dropped (a query changes nothing)."""
        soort = m.ACTIES.get(naam)
        if soort is None:
            return e.Voorbeeld(weigering=f"onbekende actie {naam!r}")
        if self._wacht_op_dossier:
            return e.Voorbeeld(weigering=WACHT_OP_DOSSIER)
        vandaag = self._vandaag()
        kopie = self._open_zaak().model_copy(deep=True)
        try:
            actie = m.lees(soort, gegevens, vandaag=vandaag)
            effecten = kopie.pas_toe(actie, vandaag)
        except (m.Invoerfout, Weigering) as fout:
            return e.Voorbeeld(weigering=str(fout))
        brieven = [e.Voorbeeldbrief.van(x) for x in effecten if isinstance(x, e.Brief)]
        return e.Voorbeeld(brieven=brieven, status=zaakstatus.status(kopie, vandaag))

    # -- signals --

    @workflow.signal(name=m.SIGNAAL_NIEUW_BEWIJS)
    def nieuw_bewijs(self, data: Any) -> None:
        """CONTRACT.md: recorded and shown, never lost; duplicates recorded once. Any JSON is
        taken: what is no evidence object is kept as unreadable evidence, with the reason."""
        if not isinstance(data, dict) and not patches.toegepast(patches.BEWIJS_ELKE_VORM):
            return  # before the patch such a signal failed to decode and was dropped
        if self.zaak is None:
            return  # an invalid application: the case fails at once
        try:
            bewijs = m.lees(m.NieuwBewijs, data, vandaag=self._vandaag(), herhaling=workflow.unsafe.is_replaying())
        except m.Invoerfout as fout:
            self.zaak.ongeldig_bewijs(str(fout), json.dumps(data, default=str), self._vandaag())
            return
        self.zaak.nieuw_bewijs(bewijs, self._vandaag())

    @workflow.signal(name=m.SIGNAAL_BELEID_GEPUBLICEERD)
    def beleid_gepubliceerd(self, bericht: m.BeleidGepubliceerd) -> None:
        """Issue #16 (DOMAIN.md §3.10): a published policy version, taken once per version from
        the message alone (never from the policy data file, so a history replays the same)."""
        if self.zaak is None or self.zaak.afgerond:
            return
        # Patch (2026-12): a signal a case received before this handler existed (buffered, never
        # handled) stays unhandled when its history replays
        if patches.toegepast(patches.BELEID_GEPUBLICEERD):
            self.zaak.beleid_gepubliceerd(bericht, self._vandaag())

    @workflow.signal(name=m.SIGNAAL_DOSSIER_COMPLEET)
    def dossier_compleet(self) -> None:
        self._dossier_compleet = True

    @workflow.signal(name=m.SIGNAAL_GEKOPPELD_BESLUIT)
    def gekoppeld_besluit(self, koppeling: e.GekoppeldBesluit) -> None:
        if self.zaak is not None and not self.zaak.afgerond:
            self.zaak.gekoppeld_besluit(koppeling, self._vandaag())

    # -- updates: one per action of CONTRACT.md, each with its validator; the case dispatches
    #    on the action's type --

    def _valideer(self, actie: m.Actie) -> None:
        if self._wacht_op_dossier:
            raise ApplicationError(
                WACHT_OP_DOSSIER,
                type="Weigering",
                non_retryable=True,
            )
        try:
            self._open_zaak().valideer(actie, self._vandaag())
        except Weigering as fout:
            raise ApplicationError(str(fout), type="Weigering", non_retryable=True) from None

    def _doe(self, actie: m.Actie) -> m.Status:
        zaak = self._open_zaak()
        vandaag = self._vandaag()
        self._effecten += zaak.voer_uit(actie, vandaag)
        status = zaakstatus.status(zaak, vandaag)
        # Patch (2026-11): the search attributes change with the accepted action itself, so the
        # Temporal UI never shows the state before it; cases recorded earlier replay without.
        if patches.toegepast(patches.ZOEKATTRIBUTEN_IN_UPDATE):
            self._zet_zoekattributen(status)
        return status

    @workflow.update
    def hv_versturen(self, actie: m.HvVersturen) -> m.Status:
        return self._doe(actie)

    @hv_versturen.validator
    def _v_hv_versturen(self, actie: m.HvVersturen) -> None:
        self._valideer(actie)

    @workflow.update
    def hv_reactie_ontvangen(self, actie: m.HvReactieOntvangen) -> m.Status:
        return self._doe(actie)

    @hv_reactie_ontvangen.validator
    def _v_hv_reactie_ontvangen(self, actie: m.HvReactieOntvangen) -> None:
        self._valideer(actie)

    @workflow.update
    def formulier_ontvangen(self, actie: m.FormulierOntvangen) -> m.Status:
        return self._doe(actie)

    @formulier_ontvangen.validator
    def _v_formulier_ontvangen(self, actie: m.FormulierOntvangen) -> None:
        self._valideer(actie)

    @workflow.update
    def verschoonbaarheid_beoordelen(self, actie: m.VerschoonbaarheidBeoordelen) -> m.Status:
        return self._doe(actie)

    @verschoonbaarheid_beoordelen.validator
    def _v_verschoonbaarheid_beoordelen(self, actie: m.VerschoonbaarheidBeoordelen) -> None:
        self._valideer(actie)

    @workflow.update
    def onderzoek_aanbieden(self, actie: m.OnderzoekAanbieden) -> m.Status:
        return self._doe(actie)

    @onderzoek_aanbieden.validator
    def _v_onderzoek_aanbieden(self, actie: m.OnderzoekAanbieden) -> None:
        self._valideer(actie)

    @workflow.update
    def onderzoek_uitslag(self, actie: m.OnderzoekUitslagInvoer) -> m.Status:
        return self._doe(actie)

    @onderzoek_uitslag.validator
    def _v_onderzoek_uitslag(self, actie: m.OnderzoekUitslagInvoer) -> None:
        self._valideer(actie)

    @workflow.update
    def screening_uitslag(self, actie: m.ScreeningUitslag) -> m.Status:
        return self._doe(actie)

    @screening_uitslag.validator
    def _v_screening_uitslag(self, actie: m.ScreeningUitslag) -> None:
        self._valideer(actie)

    @workflow.update
    def termijn_verlengen(self, actie: m.TermijnVerlengen) -> m.Status:
        return self._doe(actie)

    @termijn_verlengen.validator
    def _v_termijn_verlengen(self, actie: m.TermijnVerlengen) -> None:
        self._valideer(actie)

    @workflow.update
    def besluiten(self, actie: m.Besluiten) -> m.Status:
        return self._doe(actie)

    @besluiten.validator
    def _v_besluiten(self, actie: m.Besluiten) -> None:
        self._valideer(actie)

    @workflow.update
    def mvv_verlengen(self, actie: m.MvvVerlengen) -> m.Status:
        return self._doe(actie)

    @mvv_verlengen.validator
    def _v_mvv_verlengen(self, actie: m.MvvVerlengen) -> None:
        self._valideer(actie)

    @workflow.update
    def mvv_opgehaald(self, actie: m.MvvOpgehaald) -> m.Status:
        return self._doe(actie)

    @mvv_opgehaald.validator
    def _v_mvv_opgehaald(self, actie: m.MvvOpgehaald) -> None:
        self._valideer(actie)

    @workflow.update
    def bezwaar_ontvangen(self, actie: m.BezwaarOntvangen) -> m.Status:
        return self._doe(actie)

    @bezwaar_ontvangen.validator
    def _v_bezwaar_ontvangen(self, actie: m.BezwaarOntvangen) -> None:
        self._valideer(actie)

    @workflow.update
    def bezwaar_besluiten(self, actie: m.BezwaarBesluiten) -> m.Status:
        return self._doe(actie)

    @bezwaar_besluiten.validator
    def _v_bezwaar_besluiten(self, actie: m.BezwaarBesluiten) -> None:
        self._valideer(actie)

    @workflow.update
    def ingebrekestelling_ontvangen(self, actie: m.IngebrekestellingOntvangen) -> m.Status:
        return self._doe(actie)

    @ingebrekestelling_ontvangen.validator
    def _v_ingebrekestelling_ontvangen(self, actie: m.IngebrekestellingOntvangen) -> None:
        self._valideer(actie)

    @workflow.update
    def intrekken(self, actie: m.Intrekken) -> m.Status:
        return self._doe(actie)

    @intrekken.validator
    def _v_intrekken(self, actie: m.Intrekken) -> None:
        self._valideer(actie)

    @workflow.update
    def feiten_vastleggen(self, actie: m.FeitenVastleggen) -> m.Status:
        return self._doe(actie)

    @feiten_vastleggen.validator
    def _v_feiten_vastleggen(self, actie: m.FeitenVastleggen) -> None:
        self._valideer(actie)

    @workflow.update
    def opschorten(self, actie: m.Opschorten) -> m.Status:
        return self._doe(actie)

    @opschorten.validator
    def _v_opschorten(self, actie: m.Opschorten) -> None:
        self._valideer(actie)

    @workflow.update
    def opschorting_beeindigen(self, actie: m.OpschortingBeeindigen) -> m.Status:
        return self._doe(actie)

    @opschorting_beeindigen.validator
    def _v_opschorting_beeindigen(self, actie: m.OpschortingBeeindigen) -> None:
        self._valideer(actie)

    @workflow.update
    def toewijzen(self, actie: m.Toewijzen) -> m.Status:
        return self._doe(actie)

    @toewijzen.validator
    def _v_toewijzen(self, actie: m.Toewijzen) -> None:
        self._valideer(actie)

    @workflow.update
    def besluit_accorderen(self, actie: m.BesluitAccorderen) -> m.Status:
        return self._doe(actie)

    @besluit_accorderen.validator
    def _v_besluit_accorderen(self, actie: m.BesluitAccorderen) -> None:
        self._valideer(actie)

    @workflow.update(name=m.Notitie.NAAM)
    def notitie(self, actie: m.Notitie) -> m.Status:
        # Patch (2026-12): a history that holds a note says so with this marker (README's patch
        # table); a note is a timeline entry only, it changes no term, effect or search attribute
        patches.toegepast(patches.NOTITIE)
        return self._doe(actie)

    @notitie.validator
    def _v_notitie(self, actie: m.Notitie) -> None:
        self._valideer(actie)
