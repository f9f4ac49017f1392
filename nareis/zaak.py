"""One nareisaanvraag as a state machine: the procedure of WI 2026/11 and DOMAIN.md §3.

Pure and deterministic: "today" is always an argument. The Temporal workflow holds one
`Zaak`, asks it to validate and apply each action (`valideer`, `pas_toe`), tells it when
time has passed (`verwerk_tijd`), waits until `volgende_wekdatum`, and carries out the
`Effect`s it returns (letters, requests to other parties, register entries). All state is
in this model, so it is what continue-as-new carries and what `status` shows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from nareis import contract as m
from nareis import effecten as e
from nareis.beleid import AangewezenDag, Beleid, Termijnen, beleid_op, beleid_versie
from nareis.effecten import Effect, GekoppeldBesluit
from nareis.feiten import Dossierfeiten
from nareis.kalender import termijnen as t
from nareis.kalender.opschorting import Opschorting
from nareis.toetsing import Advies, EerdereAanvraag, Toetsingscontext, Toetsingsnormen, adviseer
from nareis.uitleg import Uitleg


class Weigering(Exception):
    """An action the case refuses: nothing changes; the message is for the caseworker."""

    def __init__(self, melding: str, veld: str | None = None) -> None:
        self.veld = veld
        super().__init__(f"{veld}: {melding}" if veld else melding)


class _Staat(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- what the case remembers ----------------------------------------------------------------


class Gebeurtenis(_Staat):
    """One entry of the timeline; `volgnummer` keys its register row (exactly once)."""

    volgnummer: int
    op: date
    gebeurtenis: str
    door: str | None = None
    toelichting: str | None = None
    gegevens: dict[str, Any] = Field(default_factory=dict)


class HerstelVerzuim(_Staat):
    reden: str
    verzonden_op: date
    ontbrekend: list[str] = Field(default_factory=list)
    beantwoord_op: date | None = None
    verlopen: bool = False
    automatisch: bool = False
    omschrijving: str | None = None

    @property
    def code(self) -> m.HvReden:
        """DOMAIN.md §3.4: a free-text reason of a case from before the codes counts as `documenten`."""
        return m.HvReden(self.reden) if self.reden in set(m.HvReden) else m.HvReden.DOCUMENTEN


class Onderzoek(_Staat):
    soort: m.OnderzoekSoort
    aangeboden_op: date
    uitkomst: m.OnderzoekUitkomst | None = None
    uitslag_op: date | None = None


class CaseworkerOpschorting(_Staat):
    grond: m.OpschortingGrond
    van: date
    tot: date | None = None


class Mvv(_Staat):
    verleend_op: date
    verlengd_reden: m.MvvVerlengingReden | None = None
    opgehaald_op: date | None = None
    verlopen: bool = False


class Bezwaar(_Staat):
    besluit_op: date  # the decision objected to
    ontvangen_op: date | None = None
    uitkomst: m.BezwaarUitkomst | None = None
    beslist_op: date | None = None
    termijn_verstreken: bool = False
    beslistermijn_verstreken: bool = False  # Awb 7:10: not decided within the 19 weeks
    # [2026-12] Awb 6:11: received after the objection term, and the caseworker's judgement of it
    te_laat: bool = False
    verschoonbaar: bool | None = None
    verschoonbaar_motivering: str | None = None


class Ingebrekestelling(_Staat):
    ontvangen_op: date
    beroep_gemeld: bool = False
    tegen: m.IngebrekestellingTegen = m.IngebrekestellingTegen.BESLISTERMIJN  # [2026-12]


class Voorstel(_Staat):
    """DOMAIN.md §3.7 vier ogen: a decision proposed by `door` on `op`, waiting for approval."""

    uitkomst: m.BesluitUitkomst
    gronden: list[m.Grond] = Field(default_factory=list)
    motivering: dict[m.Grond, str] = Field(default_factory=dict)
    afwijkingsreden: str | None = None
    op: date
    door: str | None = None


class Bewijs(_Staat):
    soort: str
    omschrijving: str
    op: date

    def sleutel(self) -> str:
        """What makes two pieces of evidence the same, in 16 characters."""
        tekst = "\x1f".join((self.soort, self.omschrijving, self.op.isoformat()))
        return hashlib.sha256(tekst.encode()).hexdigest()[:16]


class BeleidsVerschuiving(_Staat):
    """One date a published policy version moved: `termijn` names the term (`Zaak._termijneinden`)."""

    termijn: str
    van: date
    naar: date


class Beleidspublicatie(_Staat):
    """A policy version published to the running case, as the case took it (issue #16; DOMAIN.md
    §3.10): the designated days it added from the day it arrived, the term lengths its
    transitional rule gave this case (None: the rule does not name it), and what that moved."""

    versie: str
    op: date
    reden: str
    aangewezen_dagen: list[AangewezenDag] = Field(default_factory=list)
    termijnen: Termijnen | None = None
    verschoven: list[BeleidsVerschuiving] = Field(default_factory=list)


_Termijn = TypeVar("_Termijn", t.Termijn, t.Beslistermijn)


# --- the case ------------------------------------------------------------------------------


class Zaak(_Staat):
    aanvraag: m.Aanvraag
    beleid: str
    geopend_op: date
    tijdlijn: list[Gebeurtenis] = Field(default_factory=list)
    feiten: Dossierfeiten = Field(default_factory=Dossierfeiten)
    formulier_ontvangen_op: date | None = None
    herstel_verzuim: list[HerstelVerzuim] = Field(default_factory=list)
    opschortingen: list[CaseworkerOpschorting] = Field(default_factory=list)
    verlengd_op: date | None = None
    verschoonbaar: bool | None = None
    onderzoeken: list[Onderzoek] = Field(default_factory=list)
    screening: list[m.Signaal] | None = None
    besluit: m.BesluitStatus | None = None
    eerste_besluit: m.BesluitStatus | None = None
    mvv: Mvv | None = None
    bezwaar: Bezwaar | None = None
    ingebrekestelling: Ingebrekestelling | None = None  # the latest
    # [2026-12] every notice of default, oldest first (Awb 6:2(b), 6:12: one per lapsed decision
    # term); empty in a case from before, whose one notice is `ingebrekestelling`
    ingebrekestellingen: list[Ingebrekestelling] = Field(default_factory=list)
    beslistermijn_verstreken_gemeld: bool = False
    # evidence recorded before the state was budgeted (2026-12); since then only its key
    bewijs: list[Bewijs] = Field(default_factory=list)
    bewijs_sleutels: list[str] = Field(default_factory=list)
    gekoppeld: list[GekoppeldBesluit] = Field(default_factory=list)
    afgerond_op: date | None = None
    # False only for cases opened before the decision on objection term was watched (a patch)
    bewaakt_beslistermijn_bezwaar: bool = True
    # the last timeline number given; None: as many as the timeline holds (state from before 2026-12)
    laatste_volgnummer: int | None = None
    # entries of kinds that repeat without end, dropped from the state once in the register
    vergeten_gebeurtenissen: int = 0
    # CONTRACT.md [2026-12]: the caseworker the case is assigned to; None: the team's queue
    behandelaar: str | None = None
    # [2026-12] True for cases opened with HV reason codes (`open`; the workflow behind a patch): a
    # caseworker's HV names a code; before it, free text was taken (and now counts as `documenten`)
    hv_redencodes: bool = False
    # [2026-12] True for cases opened since an HV sent before the beslistermijn started counts its
    # days after the start (DOMAIN.md §3.0; `open`, the workflow behind a patch); before, it was dropped
    opschorting_geklemd: bool = False
    # [2026-12] True for cases opened since buiten behandeling is dated the day after the form
    # term's last day and waits out the objection term (DOMAIN.md §3.4; `open`, the workflow behind
    # a patch); before, it was dated on the last day and closed the case at once
    buiten_behandeling_bezwaar: bool = False
    # [2026-12] True for cases opened since an upheld objection states its new decision (Awb 7:11;
    # `open`, the workflow behind a patch); before, upholding an objection to a rejection granted
    bezwaar_nieuw_besluit: bool = False
    # [2026-12] True for cases opened since the phase follows the mvv: once collected (or lapsed)
    # the case is no longer in `mvv_afgifte` (`open`, the workflow behind a patch: the search
    # attribute NareisFase changes with it)
    fase_na_mvv: bool = False
    # [2026-12] True for cases opened since a letter is dated the day it is sent (DOMAIN.md §3.4): the
    # HV letters the rules require at opening are sent on the opening day, and an `hv_versturen`
    # with a past `op` records a letter sent outside the system without sending it again
    brieven_op_verzenddag: bool = False
    # [2026-12] decisions revoked on objection, oldest first (`besluit` is the one in force)
    herroepen_besluiten: list[m.BesluitStatus] = Field(default_factory=list)
    # [2026-12] True for cases opened since a decision policy names waits for a second person's
    # approval (vier ogen, DOMAIN.md §3.7; `open`, the workflow behind a patch)
    vier_ogen: bool = False
    # [2026-12] the proposed decision waiting for approval (vier ogen)
    voorstel: Voorstel | None = None
    # [2026-12] True for cases opened since a late objection can be judged excusable (Awb 6:11;
    # `open`, the workflow behind a patch); before, a late objection was refused
    bezwaar_te_laat_verschoonbaar: bool = False
    # issue #16: the policy versions published to the case while it ran, oldest first
    beleidspublicaties: list[Beleidspublicatie] = Field(default_factory=list)
    _normen: tuple[tuple[str, int], Beleid] | None = PrivateAttr(default=None)
    #: inside `alleen_lezen`: the advice per date, computed once
    _advies_per_dag: dict[date, Advies] | None = PrivateAttr(default=None)

    # -- opening (WI 2026/11 §1, §1.1) --

    @classmethod
    def open(
        cls,
        aanvraag: m.Aanvraag,
        vandaag: date,
        *,
        brieven_op_verzenddag: bool = True,
        verstreken_meteen: bool = True,
    ) -> tuple[Zaak, list[Effect]]:
        """Open the case on `vandaag` (a case taken over from another system is opened after its
        receipt). `brieven_op_verzenddag`: False only for a case whose history was recorded before
        letters were dated the day sent; `verstreken_meteen`: False only for one recorded before
        terms that lapsed before the opening were processed at once (the workflow's patches)."""
        beleid = beleid_op(aanvraag.ontvangen_op, geopend_op=vandaag)
        # a case opened now follows every rule of 2026-12 (the workflow sets the flags behind patches)
        zaak = cls(
            aanvraag=aanvraag,
            beleid=beleid.versie,
            geopend_op=vandaag,
            hv_redencodes=True,
            opschorting_geklemd=True,
            buiten_behandeling_bezwaar=True,
            bezwaar_nieuw_besluit=True,
            fase_na_mvv=True,
            vier_ogen=True,
            bezwaar_te_laat_verschoonbaar=True,
            brieven_op_verzenddag=brieven_op_verzenddag,
        )
        if aanvraag.vorm is m.Vorm.FORMULIER:
            zaak.formulier_ontvangen_op = aanvraag.ontvangen_op
        ontvangen = zaak._boek(aanvraag.ontvangen_op, "ontvangen", gegevens={"beleid": beleid.versie})
        screening = zaak._stap(e.ScreeningVerzoek, ontvangen)
        # DOMAIN.md §3.10: every term that lapsed before the opening is processed at once, in date
        # order, before what is sent today
        lapsen = zaak.verwerk_tijd(vandaag) if verstreken_meteen else []
        # DOMAIN.md §3.4: a letter is dated the day it is sent, its term runs from that day
        verzonden = max(vandaag, aanvraag.ontvangen_op) if brieven_op_verzenddag else aanvraag.ontvangen_op
        herstel_verzuim = zaak._vereiste_herstel_verzuim(verzonden)
        # the receipt states the beslistermijn as it stands after the letters sent with it
        termijn = zaak.beslistermijn(aanvraag.ontvangen_op)
        bevestiging = zaak._stap(
            e.Ontvangstbevestiging,
            ontvangen,
            beslistermijn_einde=None if termijn is None else termijn.einde,
            beslistermijn_regel=None if termijn is None else termijn.uitleg.regel,
            beslistermijn_bron=None if termijn is None else termijn.uitleg.bron,
        )
        return zaak, [bevestiging, screening, *lapsen, *herstel_verzuim]

    # -- derived views --

    @property
    def normen(self) -> Beleid:
        """DOMAIN.md §3.10: the policy version the case was opened under (recorded at opening),
        never one chosen again behind its back when the policy data changes; with what the
        versions published to it since brought (`beleid_gepubliceerd`)."""
        basis = beleid_versie(self.beleid)
        if not self.beleidspublicaties:
            return basis
        sleutel = (self.beleid, len(self.beleidspublicaties))
        if self._normen is None or self._normen[0] != sleutel:
            self._normen = (sleutel, self._na_publicaties(basis))
        return self._normen[1]

    def _na_publicaties(self, basis: Beleid) -> Beleid:
        dagen = {d.datum: d for d in basis.aangewezen_dagen}
        versie, termijnen = basis.versie, basis.termijnen
        for publicatie in self.beleidspublicaties:
            for dag in publicatie.aangewezen_dagen:
                dagen.setdefault(dag.datum, dag)
            if publicatie.termijnen is not None:
                versie, termijnen = publicatie.versie, publicatie.termijnen
        return basis.model_copy(
            update={
                "versie": versie,
                "termijnen": termijnen,
                "aangewezen_dagen": tuple(sorted(dagen.values(), key=lambda d: d.datum)),
            }
        )

    @property
    def geldende_versie(self) -> str:
        """The version whose term lengths the case follows (search attribute NareisBeleid)."""
        return self.normen.versie

    @property
    def afgerond(self) -> bool:
        return self.afgerond_op is not None

    @property
    def volgnummer(self) -> int:
        """The number of the latest timeline entry (0 before the first)."""
        return len(self.tijdlijn) if self.laatste_volgnummer is None else self.laatste_volgnummer

    def vergeet_vastgelegd(self, tot: int) -> None:
        """Budget (issue #15): of the entries that repeat without end (evidence, facts, linked
        outcomes), the state keeps the last `HERHAALBAAR_IN_STAAT`; older ones already in the case
        register (volgnummer <= `tot`) are dropped from it. The register holds every one."""
        herhaalbaar = [g for g in self.tijdlijn if g.gebeurtenis in HERHAALBAAR]
        teveel = {g.volgnummer for g in herhaalbaar[:-HERHAALBAAR_IN_STAAT] if g.volgnummer <= tot}
        if teveel:
            self.laatste_volgnummer = self.volgnummer
            self.tijdlijn = [g for g in self.tijdlijn if g.volgnummer not in teveel]
            self.vergeten_gebeurtenissen += len(teveel)

    def nareistermijn(self) -> t.NareistermijnUitkomst:
        uitkomst = t.nareistermijn(self.aanvraag, self.normen)
        if uitkomst.uitleg is None or not self.beleidspublicaties:
            return uitkomst
        return uitkomst.model_copy(update={"uitleg": self._verklaard("nareistermijn", uitkomst.uitleg)})

    def beslistermijn(self, vandaag: date) -> t.Beslistermijn | None:
        start = self.formulier_ontvangen_op
        if start is None:
            return None  # DOMAIN.md §3.3 convention: starts on receipt of the form (WI §5.8)
        termijn = t.beslistermijn(
            start,
            aanvraag_ontvangen_op=self.aanvraag.ontvangen_op,
            opschortingen=self._opschortingen(start),
            verlengd_op=self.verlengd_op,
            peildatum=vandaag,
            beleid=self.normen,
        )
        return self._met_uitleg("beslistermijn", termijn)

    def _opschortingen(self, start: date) -> list[Opschorting]:
        """The ledger: every HV letter (Awb 4:15(1)(a)) and every recorded 4:15 ground."""
        ledger = []
        for hv in self.herstel_verzuim:
            van, tot = hv.verzonden_op, self._hv_einde_opschorting(hv)
            if van < start:
                # DOMAIN.md §3.0: sent before the term started, it counts only the days after the
                # start through its end (clamped, never dropped); cases opened before: dropped
                if not self.opschorting_geklemd or (tot is not None and tot <= start):
                    continue
                van = start
            bron = "Awb 4:15 lid 1 sub a; WI 2026/11 §1.3"
            if van != hv.verzonden_op:
                bron += f"; verzonden op {hv.verzonden_op}, vóór de start: geteld vanaf de start (DOMAIN.md §3.0)"
            ledger.append(
                Opschorting(
                    grond=f"herstel_verzuim:{hv.reden}",
                    van=van,
                    tot=tot,
                    bron=bron,
                )
            )
        for o in self.opschortingen:
            ledger.append(Opschorting(grond=o.grond.value, van=max(o.van, start), tot=o.tot, bron=_BRON_4_15[o.grond]))
        return sorted(ledger, key=lambda o: (o.van, o.grond))

    def _hv_einde_opschorting(self, hv: HerstelVerzuim) -> date | None:
        uiterlijk = self.hv_termijn(hv).einde
        if hv.beantwoord_op is not None:
            return min(hv.beantwoord_op, uiterlijk)
        return uiterlijk if hv.verlopen else None

    def hv_termijn(self, hv: HerstelVerzuim) -> t.Termijn:
        if hv.reden == "formulier":
            termijn = t.formuliertermijn(hv.verzonden_op, self.normen)
        else:
            termijn = t.hv_reactietermijn(hv.verzonden_op, self.normen)
        if not self.beleidspublicaties:
            return termijn
        i = next((i for i, h in enumerate(self.herstel_verzuim) if h is hv), None)
        return termijn if i is None else self._met_uitleg(f"herstel_verzuim:{i}", termijn)

    def open_hv(self) -> list[HerstelVerzuim]:
        return [hv for hv in self.herstel_verzuim if hv.beantwoord_op is None and not hv.verlopen]

    def lopend_onderzoek(self) -> list[Onderzoek]:
        return [o for o in self.onderzoeken if o.uitkomst is None]

    def fase(self) -> m.Fase:
        if self.afgerond:
            return m.Fase.AFGEROND
        if self.bezwaar is not None and self.bezwaar.ontvangen_op is not None and self.bezwaar.uitkomst is None:
            return m.Fase.BEZWAAR
        if self.mvv is not None and (not self.fase_na_mvv or (self.mvv.opgehaald_op is None and not self.mvv.verlopen)):
            return m.Fase.MVV_AFGIFTE
        if self.besluit is not None:
            return m.Fase.BEZWAAR
        if self.open_hv():
            return m.Fase.HERSTEL_VERZUIM
        if self.lopend_onderzoek():
            return m.Fase.NADER_ONDERZOEK
        if self.formulier_ontvangen_op is not None:
            return m.Fase.BEOORDELING
        return m.Fase.ONTVANGEN

    def _bezwaartermijn_loopt(self) -> bool:
        return self.bezwaar is not None and self.bezwaar.ontvangen_op is None and not self.bezwaar.termijn_verstreken

    def _beslistermijn_bezwaar_loopt(self) -> bool:
        bezwaar = self.bezwaar
        return (
            self.bewaakt_beslistermijn_bezwaar
            and bezwaar is not None
            and bezwaar.ontvangen_op is not None
            and bezwaar.uitkomst is None
            and (not bezwaar.termijn_verstreken or bezwaar.te_laat)  # withdrawn (a late one ends the case)
            and not bezwaar.beslistermijn_verstreken
        )

    @contextmanager
    def alleen_lezen(self) -> Iterator[None]:
        """A block that reads the case and changes nothing (its status, the actions it takes now):
        the advice, asked there once for the status and again by each decision a validator tries,
        is computed once per date instead of up to four times (issue #18, the worker's profile)."""
        if self._advies_per_dag is not None:  # nested: the outer block keeps it
            yield
            return
        self._advies_per_dag = {}
        try:
            yield
        finally:
            self._advies_per_dag = None

    def advies(self, vandaag: date) -> Advies:
        if self._advies_per_dag is None:
            return self._adviseer(vandaag)
        if vandaag not in self._advies_per_dag:
            self._advies_per_dag[vandaag] = self._adviseer(vandaag)
        return self._advies_per_dag[vandaag]

    def _adviseer(self, vandaag: date) -> Advies:
        return adviseer(
            self.aanvraag,
            self.feiten,
            self._context(vandaag),
            Toetsingsnormen.uit_beleid(self.normen),
        )

    def _context(self, vandaag: date) -> Toetsingscontext:
        ouders = [g for g in self.gekoppeld if g.relatie is m.Relatie.OUDER]
        echtgenoten = [
            g
            for g in self.gekoppeld
            if g.relatie is m.Relatie.ECHTGENOOT
            and g.uitkomst in (None, "inwilliging")
            and g.aanvraagnummer != self.aanvraag.aanvraagnummer
        ]
        eerdere = next((g for g in self.gekoppeld if g.aanvraagnummer == self.aanvraag.eerdere_aanvraag), None)
        beslistermijn = self.beslistermijn(vandaag) if self.besluit is None else None
        return Toetsingscontext(
            peildatum=vandaag,
            in_behandeling_op=self.formulier_ontvangen_op,
            beslistermijn_einde=beslistermijn.einde if beslistermijn is not None else None,
            nareistermijn_oordeel=self.nareistermijn().oordeel,
            wachttermijn_einde=_einde(t.wachttermijn(self.aanvraag, self.normen)),
            verschoonbaar=self.verschoonbaar,
            formulier_ontvangen=self.formulier_ontvangen_op is not None,
            onderzoek_aangeboden=[o.soort for o in self.onderzoeken],
            onderzoek_uitslagen={o.soort: o.uitkomst for o in self.onderzoeken if o.uitkomst},
            screening_signalen=self.screening,
            hv_onbeantwoord=any(hv.verlopen and hv.beantwoord_op is None for hv in self.herstel_verzuim),
            ouders_uitkomst=[g.uitkomst for g in ouders],
            andere_echtgenoot_aanvragen=[g.aanvraagnummer for g in echtgenoten],
            andere_echtgenoot_ingewilligd=any(g.uitkomst == "inwilliging" for g in echtgenoten),
            eerdere_aanvraag=(
                EerdereAanvraag(
                    aanvraagnummer=eerdere.aanvraagnummer,
                    uitkomst=eerdere.uitkomst,
                    besluit_op=eerdere.op,
                    inhoudelijk_beoordeeld=eerdere.inhoudelijk_beoordeeld,
                )
                if eerdere is not None
                else None
            ),
            in_bezwaar=self.bezwaar is not None and self.bezwaar.ontvangen_op is not None,
        )

    # -- time (timers fire the day after a term's last day) --

    def volgende_wekdatum(self, vandaag: date) -> date | None:
        """The first day on which a term will have lapsed that the case must act upon."""
        dagen_na = [einde + timedelta(days=1) for einde, _, _ in self._lopende_termijnen(vandaag)]
        later = [d for d in dagen_na if d >= vandaag]
        return min(later) if later else None

    def verwerk_tijd(self, vandaag: date) -> list[Effect]:
        """Record every term that lapsed before `vandaag` and act on it (in date order). A lapse is
        booked on the day after the term's last day: on the last day the party may still act
        (DOMAIN.md §3.0)."""
        effecten: list[Effect] = []
        while not self.afgerond:
            verlopen = [k for k in self._lopende_termijnen(vandaag) if k[0] < vandaag]
            if not verlopen:
                break
            effecten += min(verlopen, key=lambda k: (k[0], k[1]))[2]()
        return effecten

    def _lopende_termijnen(self, vandaag: date) -> list[tuple[date, int, Callable[[], list[Effect]]]]:
        """Every running term the case must act upon when it lapses: (last day, order, what then)."""
        termijnen: list[tuple[date, int, Callable[[], list[Effect]]]] = []
        for i, hv in enumerate(self.open_hv()):
            einde = self.hv_termijn(hv).einde
            termijnen.append((einde, i, partial(self._hv_verlopen, hv, einde)))
        termijn = self.beslistermijn(vandaag)
        # a paused beslistermijn lapses only after it resumes (Awb 4:15)
        loopt = termijn is not None and self.besluit is None and not termijn.opgeschort
        if termijn is not None and loopt and not self.beslistermijn_verstreken_gemeld:
            termijnen.append((termijn.einde, 10, partial(self._beslistermijn_verstreken, termijn.einde)))
        for i, igs in enumerate(self.alle_ingebrekestellingen()):
            if not igs.beroep_gemeld:
                einde = self.igs_termijn(igs).termijn.einde
                termijnen.append((einde, 20 + i, partial(self._beroep_mogelijk, igs, einde)))
        if self.mvv is not None and self.mvv.opgehaald_op is None and not self.mvv.verlopen:
            einde = self.mvv_ophaaltermijn().einde
            termijnen.append((einde, 30, partial(self._mvv_verlopen, einde)))
        if self._bezwaartermijn_loopt():
            einde = self.bezwaartermijn().einde
            termijnen.append((einde, 40, partial(self._bezwaartermijn_verstreken, einde)))
        if self._beslistermijn_bezwaar_loopt():
            einde = self.beslistermijn_bezwaar().einde
            termijnen.append((einde, 50, partial(self._beslistermijn_bezwaar_verstreken, einde)))
        return termijnen

    def _hv_verlopen(self, hv: HerstelVerzuim, einde: date) -> list[Effect]:
        """WI 2026/11 §1.3: no response → decide anyway; §5.8: no form → buiten behandeling."""
        hv.verlopen = True
        self._boek(_dag_na(einde), "hv_termijn_verlopen", gegevens={"reden": hv.reden})
        if hv.reden == "formulier" and self.formulier_ontvangen_op is None:
            if self.buiten_behandeling_bezwaar:
                return self._buiten_behandeling(einde + timedelta(days=1))
            return self._beeindig_met_besluit(m.BesluitUitkomst.BUITEN_BEHANDELING, einde, "buiten_behandeling")
        return []

    def _beslistermijn_verstreken(self, einde: date) -> list[Effect]:
        self.beslistermijn_verstreken_gemeld = True
        self._boek(_dag_na(einde), "beslistermijn_verstreken")
        return []

    def _beroep_mogelijk(self, igs: Ingebrekestelling, einde: date) -> list[Effect]:
        igs.beroep_gemeld = True
        gegevens = {} if igs.tegen is m.IngebrekestellingTegen.BESLISTERMIJN else {"tegen": igs.tegen.value}
        self._boek(
            _dag_na(einde), "beroep_niet_tijdig_beslissen_mogelijk", toelichting="Awb 6:12 lid 2", gegevens=gegevens
        )
        return []

    def alle_ingebrekestellingen(self) -> list[Ingebrekestelling]:
        if self.ingebrekestellingen:
            return self.ingebrekestellingen
        return [self.ingebrekestelling] if self.ingebrekestelling is not None else []

    def _mvv_verlopen(self, einde: date) -> list[Effect]:
        """Art. 2r(1) Vw; WI 2026/11 §5.3: not collected in time → a new application is needed."""
        assert self.mvv is not None
        self.mvv.verlopen = True
        self._boek(_dag_na(einde), "mvv_ophaaltermijn_verlopen")
        self._rond_af_als_klaar(_dag_na(einde))
        return []

    def _bezwaartermijn_verstreken(self, einde: date) -> list[Effect]:
        assert self.bezwaar is not None
        self.bezwaar.termijn_verstreken = True
        self._boek(_dag_na(einde), "bezwaartermijn_verstreken")
        self._rond_af_als_klaar(_dag_na(einde))
        return []

    def _beslistermijn_bezwaar_verstreken(self, einde: date) -> list[Effect]:
        """DOMAIN.md §3.9; Awb 7:10, 6:12: not decided in time; the objector may give notice of default."""
        assert self.bezwaar is not None
        self.bezwaar.beslistermijn_verstreken = True
        self._boek(_dag_na(einde), "beslistermijn_bezwaar_verstreken", toelichting="Awb 7:10; Awb 6:12")
        return []

    def _rond_af_als_klaar(self, op: date) -> None:
        """CONTRACT "Workflow result": end only when no party has a term left to use."""
        if self.besluit is None:
            return
        if self.bezwaar is not None:
            if self.bezwaar.ontvangen_op is None and not self.bezwaar.termijn_verstreken:
                return
            if self.bezwaar.ontvangen_op is not None and self.bezwaar.uitkomst is None:
                return
        if self.mvv is not None and self.mvv.opgehaald_op is None and not self.mvv.verlopen:
            return
        self.afgerond_op = op
        self._boek(op, "afgerond")

    # -- actions (CONTRACT.md "Caseworker and intake actions") --

    def valideer(self, actie: m.Actie, vandaag: date) -> None:
        """Raise `Weigering` when the case cannot take `actie` now. Changes nothing."""
        if self.afgerond:
            raise Weigering(f"de zaak is afgerond op {self.afgerond_op}; geen acties meer mogelijk")
        op = actie.op or vandaag
        if op > vandaag:
            raise Weigering(f"{op} ligt in de toekomst (vandaag is {vandaag})", "op")
        if op < self.aanvraag.ontvangen_op:
            raise Weigering(f"{op} ligt voor de ontvangst van de aanvraag ({self.aanvraag.ontvangen_op})", "op")
        _regel(actie).valideer(self, actie, op, vandaag)

    def voer_uit(self, actie: m.Actie, vandaag: date) -> list[Effect]:
        """Apply an action `valideer` accepted in this same state (a Temporal update's handler
        runs right after its validator; on replay the validator is skipped)."""
        return _regel(actie).doe(self, actie, actie.op or vandaag, vandaag)

    def pas_toe(self, actie: m.Actie, vandaag: date) -> list[Effect]:
        """Validate and apply `actie`: for callers without a separate validation step."""
        self.valideer(actie, vandaag)
        return self.voer_uit(actie, vandaag)

    def _actie_geboekt(self, naam: str, actie: m.Actie, op: date, **gegevens: Any) -> Gebeurtenis:
        return self._boek(op, naam, door=actie.door, toelichting=actie.toelichting, gegevens=gegevens)

    def _vereis_geen_besluit(self) -> None:
        if self.besluit is not None:
            raise Weigering(f"er is al beslist ({self.besluit.uitkomst.value} op {self.besluit.op})")

    # hv_versturen — WI 2026/11 §1.3: missing information is requested once; DOMAIN.md §3.4: a
    # reason code, each at most once per case; free text describes, it never opens a second request
    def _valideer_hv_versturen(self, actie: m.HvVersturen, op: date, vandaag: date) -> None:
        self._vereis_geen_besluit()
        codes = ", ".join(c.value for c in m.HV_REDENEN_BEHANDELAAR)
        if actie.reden in set(m.HvReden):
            code = m.HvReden(actie.reden)
            if self.hv_redencodes and code not in m.HV_REDENEN_BEHANDELAAR:
                raise Weigering(f"'{code.value}' verstuurt het systeem zelf; kies uit {codes}", "reden")
        elif self.hv_redencodes:
            raise Weigering(
                f"'{actie.reden}' is geen redencode; kies uit {codes} en beschrijf het verzoek in 'omschrijving'",
                "reden",
            )
        else:
            code = m.HvReden.DOCUMENTEN  # a case from before the codes: free text counts as documenten
        if any(hv.code is code for hv in self.herstel_verzuim):
            raise Weigering(
                f"er is al een herstel verzuim-brief verstuurd met reden '{code.value}' "
                "(WI 2026/11 §1.3: één keer per reden; DOMAIN.md §3.4)",
                "reden",
            )
        if code is m.HvReden.FORMULIER and self.formulier_ontvangen_op is not None:
            raise Weigering("het formulier is al ontvangen", "reden")
        if self.hv_redencodes and code is m.HvReden.ART8_EVRM and not self.advies(op).ambtshalve_8evrm:
            raise Weigering(
                "een tweede herstel verzuim-brief voor artikel 8 EVRM kan alleen als het advies om de "
                "ambtshalve toets vraagt (WI 2026/11 §1.3 vn. 6, §2.7)",
                "reden",
            )
        if self.hv_redencodes and code is m.HvReden.NIEUWE_FEITEN and self.aanvraag.eerdere_aanvraag is None:
            raise Weigering("'nieuwe_feiten' is alleen voor een herhaalde aanvraag (WI 2026/11 §5.5)", "reden")

    def _doe_hv_versturen(self, actie: m.HvVersturen, op: date, vandaag: date) -> list[Effect]:
        # DOMAIN.md §3.4: a past `op` records a letter already sent outside the system
        buiten = self.brieven_op_verzenddag and op < vandaag
        effecten = self._verstuur_hv(
            actie.reden, actie.ontbrekend, op, actie=actie, omschrijving=actie.omschrijving, buiten_het_systeem=buiten
        )
        return [] if buiten else effecten

    def _verstuur_hv(
        self,
        reden: str,
        ontbrekend: list[str],
        op: date,
        *,
        actie: m.Actie | None = None,
        omschrijving: str | None = None,
        buiten_het_systeem: bool = False,
    ) -> list[Effect]:
        hv = HerstelVerzuim(
            reden=reden,
            verzonden_op=op,
            ontbrekend=ontbrekend,
            automatisch=actie is None,
            omschrijving=omschrijving,
        )
        self.herstel_verzuim.append(hv)
        termijn = self.hv_termijn(hv)
        gegevens: dict[str, Any] = {
            "reden": reden,
            "ontbrekend": ontbrekend,
            "reactie_uiterlijk": termijn.einde.isoformat(),
        }
        if omschrijving:
            gegevens["omschrijving"] = omschrijving
        if buiten_het_systeem:
            gegevens["buiten_het_systeem"] = True
        if actie is None:
            geboekt = self._boek(op, "hv_versturen", door="systeem", gegevens=gegevens)
        else:
            geboekt = self._actie_geboekt("hv_versturen", actie, op, **gegevens)
        brief = self._stap(
            e.HvBrief,
            geboekt,
            reden=reden,
            ontbrekend=ontbrekend,
            omschrijving=omschrijving,
            verzonden_op=op,
            reactie_uiterlijk=termijn.einde,
            termijn_regel=termijn.uitleg.regel,
            termijn_bron=termijn.uitleg.bron,
            beslistermijn_opgeschort=self._schort_op(op),
        )
        return [brief]

    def _schort_op(self, op: date) -> bool:
        """Whether the letter sent on `op` pauses the beslistermijn: not before it started, not
        after it lapsed (DOMAIN.md §3.0; a letter states only what the case holds)."""
        termijn = self.beslistermijn(op)
        return termijn is not None and termijn.opgeschort

    def _vereiste_herstel_verzuim(self, op: date) -> list[Effect]:
        """The HV letters the rules require (WI 2026/11 §2.2, §5.5, §5.8), each once."""
        effecten: list[Effect] = []
        for vereiste in self.advies(op).hv_vereist:
            if any(hv.reden == vereiste.reden for hv in self.herstel_verzuim):
                continue
            effecten += self._verstuur_hv(vereiste.reden, list(vereiste.ontbrekend), op)
        return effecten

    # hv_reactie_ontvangen — the beslistermijn resumes (Awb 4:15(1)(a))
    def _te_beantwoorden_hv(self) -> list[HerstelVerzuim]:
        return [hv for hv in self.herstel_verzuim if hv.beantwoord_op is None and hv.reden != "formulier"]

    def _valideer_hv_reactie_ontvangen(self, actie: m.HvReactieOntvangen, op: date, vandaag: date) -> None:
        self._vereis_geen_besluit()
        open_ = self._te_beantwoorden_hv()
        if not open_:
            raise Weigering("er is geen herstel verzuim-brief die op een reactie wacht")
        eerste = min(hv.verzonden_op for hv in open_)
        if op < eerste:
            raise Weigering(f"{op} ligt voor de verzending van de brief ({eerste})", "op")

    def _doe_hv_reactie_ontvangen(self, actie: m.HvReactieOntvangen, op: date, vandaag: date) -> list[Effect]:
        beantwoord = [hv for hv in self._te_beantwoorden_hv() if hv.verzonden_op <= op]
        for hv in beantwoord:
            hv.beantwoord_op = op
        self._actie_geboekt("hv_reactie_ontvangen", actie, op, redenen=[hv.reden for hv in beantwoord])
        return []

    # formulier_ontvangen — WI 2026/11 §5.8; the beslistermijn starts (DOMAIN.md §3.3)
    def _valideer_formulier_ontvangen(self, actie: m.FormulierOntvangen, op: date, vandaag: date) -> None:
        self._vereis_geen_besluit()
        if self.formulier_ontvangen_op is not None:
            raise Weigering(f"het formulier is al ontvangen op {self.formulier_ontvangen_op}")

    def _doe_formulier_ontvangen(self, actie: m.FormulierOntvangen, op: date, vandaag: date) -> list[Effect]:
        self.formulier_ontvangen_op = op
        for hv in self.herstel_verzuim:
            if hv.reden == "formulier" and hv.beantwoord_op is None:
                hv.beantwoord_op = op
        self._actie_geboekt("formulier_ontvangen", actie, op)
        return []

    # verschoonbaarheid_beoordelen — WI 2026/11 §2.2
    def _valideer_verschoonbaarheid_beoordelen(
        self, actie: m.VerschoonbaarheidBeoordelen, op: date, vandaag: date
    ) -> None:
        self._vereis_geen_besluit()
        if self.nareistermijn().oordeel is not m.NareistermijnOordeel.TE_LAAT:
            raise Weigering(
                "de aanvraag is niet te laat ingediend; verschoonbaarheid speelt alleen bij "
                "overschrijding van de nareistermijn met meer dan twee weken (WI 2026/11 §2.2)"
            )

    def _doe_verschoonbaarheid_beoordelen(
        self, actie: m.VerschoonbaarheidBeoordelen, op: date, vandaag: date
    ) -> list[Effect]:
        self.verschoonbaar = actie.verschoonbaar
        self._actie_geboekt("verschoonbaarheid_beoordelen", actie, op, verschoonbaar=actie.verschoonbaar)
        return []

    # onderzoek_aanbieden / onderzoek_uitslag — WI 2026/11 §3.1, DOMAIN.md §3.5
    def _valideer_onderzoek_aanbieden(self, actie: m.OnderzoekAanbieden, op: date, vandaag: date) -> None:
        self._vereis_geen_besluit()
        if any(o.soort is actie.soort and o.uitkomst is None for o in self.onderzoeken):
            raise Weigering(f"er loopt al een {actie.soort.value}-onderzoek", "soort")

    def _doe_onderzoek_aanbieden(self, actie: m.OnderzoekAanbieden, op: date, vandaag: date) -> list[Effect]:
        self.onderzoeken.append(Onderzoek(soort=actie.soort, aangeboden_op=op))
        geboekt = self._actie_geboekt("onderzoek_aanbieden", actie, op, soort=actie.soort.value)
        return [self._stap(e.OnderzoekVerzoek, geboekt, soort=actie.soort)]

    def _valideer_onderzoek_uitslag(self, actie: m.OnderzoekUitslagInvoer, op: date, vandaag: date) -> None:
        lopend = [o for o in self.lopend_onderzoek() if o.soort is actie.soort]
        if not lopend:
            raise Weigering(
                f"er is geen {actie.soort.value}-onderzoek aangeboden dat op een uitslag wacht",
                "soort",
            )
        if op < lopend[0].aangeboden_op:
            raise Weigering(f"{op} ligt voor het aanbod van het onderzoek ({lopend[0].aangeboden_op})", "op")

    def _doe_onderzoek_uitslag(self, actie: m.OnderzoekUitslagInvoer, op: date, vandaag: date) -> list[Effect]:
        onderzoek = next(o for o in self.lopend_onderzoek() if o.soort is actie.soort)
        onderzoek.uitkomst, onderzoek.uitslag_op = actie.uitkomst, op
        self._actie_geboekt("onderzoek_uitslag", actie, op, soort=actie.soort.value, uitkomst=actie.uitkomst.value)
        return []

    # screening_uitslag — WI 2026/11 §2.9; also while an objection waits for its decision (the new
    # decision of an upheld objection passes the same guard, DOMAIN.md §3.9)
    def _valideer_screening_uitslag(self, actie: m.ScreeningUitslag, op: date, vandaag: date) -> None:
        if not self._bezwaar_in_behandeling():
            self._vereis_geen_besluit()

    def _bezwaar_in_behandeling(self) -> bool:
        bezwaar = self.bezwaar
        return bezwaar is not None and bezwaar.ontvangen_op is not None and bezwaar.uitkomst is None

    def _doe_screening_uitslag(self, actie: m.ScreeningUitslag, op: date, vandaag: date) -> list[Effect]:
        self.screening = list(dict.fromkeys(actie.signalen))
        self._actie_geboekt("screening_uitslag", actie, op, signalen=[s.value for s in self.screening])
        return []

    # termijn_verlengen — WI 2026/11 §1.2: once
    def _valideer_termijn_verlengen(self, actie: m.TermijnVerlengen, op: date, vandaag: date) -> None:
        self._vereis_geen_besluit()
        if self.verlengd_op is not None:
            raise Weigering(f"de beslistermijn is al verlengd op {self.verlengd_op}; dat kan één keer")
        termijn = self.beslistermijn(op)
        if termijn is None:
            raise Weigering("de beslistermijn loopt nog niet (het formulier is niet ontvangen)")
        if op > termijn.einde:
            raise Weigering(
                f"de beslistermijn is al verstreken op {termijn.einde}; verlengen kan niet meer",
                "op",
            )

    def _doe_termijn_verlengen(self, actie: m.TermijnVerlengen, op: date, vandaag: date) -> list[Effect]:
        self.verlengd_op = op
        self._actie_geboekt("termijn_verlengen", actie, op, reden=actie.reden)
        return []

    # besluiten — DOMAIN.md §3.7: the caseworker decides, under the guard; every departure from
    # the advice is motivated per ground, recorded and quoted in the decision letter
    def _valideer_besluiten(self, actie: m.Besluiten, op: date, vandaag: date) -> None:
        self._vereis_geen_besluit()
        if self.voorstel is not None:
            raise Weigering(
                f"er wacht al een voorgesteld besluit ({self.voorstel.uitkomst.value}, voorgesteld door "
                f"{self.voorstel.door or 'onbekend'} op {self.voorstel.op}); het wordt eerst geaccordeerd of "
                "teruggestuurd (vier ogen, DOMAIN.md §3.7)"
            )
        self._toets_beslisbaar(actie.uitkomst, actie.gronden, actie.motivering, actie.afwijkingsreden, op)

    def _toets_beslisbaar(
        self,
        uitkomst: str,
        gronden: list[m.Grond],
        motivering: dict[m.Grond, str],
        afwijkingsreden: str | None,
        op: date,
    ) -> None:
        """Whether the case can be decided on `op` as proposed (the form, open letters, the guard)."""
        if self.formulier_ontvangen_op is None:
            raise Weigering("er kan pas worden beslist als het aanvraagformulier is ontvangen (WI 2026/11 §5.8)")
        open_hv = [hv for hv in self.open_hv() if hv.reden != "formulier"]
        if open_hv:
            raise Weigering(
                f"de reactietermijn van de herstel verzuim-brief loopt nog tot "
                f"{self.hv_termijn(open_hv[0]).einde}; wacht de reactie of het verstrijken af"
            )
        if self.lopend_onderzoek():
            raise Weigering("er loopt nog nader onderzoek; leg eerst de uitslag vast")
        self.toets_besluit(uitkomst, gronden, motivering, afwijkingsreden, op)

    def toets_besluit(
        self,
        uitkomst: str,
        gronden: list[m.Grond],
        motivering: dict[m.Grond, str],
        afwijkingsreden: str | None,
        op: date,
    ) -> dict[m.Grond, str]:
        """DOMAIN.md §3.7 (WI 2026/11 §2.9): the guard on a decision. Returns the motivation per
        ground as it will be recorded; raises `Weigering` for a decision the guard refuses.

        A grant needs the screening result, no 1F or national-security signal (never set aside),
        and a motivation for every ground that is `niet_voldaan` or `beoordelen` and for a
        public-order signal (weighed, WI 2026/8). A rejection names grounds, each `niet_voldaan`
        or motivated. An old payload's `afwijkingsreden` motivates every ground that needs one.
        """
        advies = self.advies(op)
        if uitkomst == "afwijzing":
            if not gronden:
                raise Weigering("een afwijzing noemt ten minste één grond", "gronden")
            nodig = [g for g in dict.fromkeys(gronden) if advies.regel(g).oordeel is not m.Oordeel.NIET_VOLDAAN]
        else:
            if self.screening is None:
                raise Weigering(
                    "inwilligen kan pas als de screeningsuitslag is vastgelegd (WI 2026/11 §2.9)", "uitkomst"
                )
            onoverkomelijk = self.onoverkomelijke_signalen()
            if onoverkomelijk:
                raise Weigering(
                    "inwilligen kan niet: een signaal "
                    + ", ".join(s.value for s in onoverkomelijk)
                    + " kan niet terzijde worden gesteld (WI 2026/11 §2.9)",
                    "uitkomst",
                )
            nodig = [r.grond for r in advies.regels if r.oordeel is not m.Oordeel.VOLDAAN]
            if m.Signaal.OPENBARE_ORDE in self.screening and m.Grond.OPENBARE_ORDE not in nodig:
                nodig.append(m.Grond.OPENBARE_ORDE)  # WI 2026/11 §2.9, WI 2026/8: weighed and motivated
        gemotiveerd = {g: tekst for g, tekst in motivering.items() if tekst.strip()}
        if afwijkingsreden:
            gemotiveerd |= {g: afwijkingsreden for g in nodig if g not in gemotiveerd}
        ontbreekt = [g for g in nodig if g not in gemotiveerd]
        if ontbreekt:
            oordelen = ", ".join(f"{g.value} ({advies.regel(g).oordeel.value})" for g in ontbreekt)
            if uitkomst == "afwijzing":
                melding = f"volgens het advies is niet vastgesteld dat niet is voldaan aan {oordelen}"
            else:
                melding = f"inwilligen terwijl het advies zegt: {oordelen}"
            raise Weigering(f"{melding}; geef per grond een motivering (DOMAIN.md §3.7)", "motivering")
        return gemotiveerd

    def onoverkomelijke_signalen(self) -> list[m.Signaal]:
        """WI 2026/11 §2.9: 1F and national-security signals can never be set aside for a grant
        (a screening found wrong is corrected by recording the screening result again)."""
        harde = (m.Signaal.ARTIKEL_1F, m.Signaal.NATIONALE_VEILIGHEID)
        return [s for s in harde if s in (self.screening or [])]

    def _doe_besluiten(self, actie: m.Besluiten, op: date, vandaag: date) -> list[Effect]:
        uitkomst = m.BesluitUitkomst(actie.uitkomst)
        motivering = self._motivering_zonder_toets(
            actie.uitkomst, actie.gronden, actie.motivering, actie.afwijkingsreden, op
        )
        gegevens: dict[str, Any] = {
            "uitkomst": uitkomst.value,
            "gronden": [g.value for g in actie.gronden],
            **({"motivering": {g.value: tekst for g, tekst in motivering.items()}} if motivering else {}),
        }
        if self.vier_ogen and self.normen.vier_ogen.vraagt_accordering(uitkomst.value, bool(motivering)):
            # DOMAIN.md §3.7 vier ogen: a proposal; no term starts, no letter goes out
            self.voorstel = Voorstel(
                uitkomst=uitkomst,
                gronden=list(actie.gronden),
                motivering=motivering,
                afwijkingsreden=actie.afwijkingsreden,
                op=op,
                door=actie.door,
            )
            self._actie_geboekt("besluiten", actie, op, **gegevens, voorgesteld=True)
            return []
        geboekt = self._actie_geboekt("besluiten", actie, op, **gegevens)
        return self._neem_besluit(uitkomst, list(actie.gronden), motivering, actie.afwijkingsreden, op, geboekt)

    def _neem_besluit(
        self,
        uitkomst: m.BesluitUitkomst,
        gronden: list[m.Grond],
        motivering: dict[m.Grond, str],
        afwijkingsreden: str | None,
        op: date,
        geboekt: Gebeurtenis,
    ) -> list[Effect]:
        """The decision takes effect on `op`: the objection term (and for a grant the mvv) starts,
        the decision letter goes out."""
        self.besluit = m.BesluitStatus(
            uitkomst=uitkomst,
            op=op,
            gronden=gronden,
            afwijkingsreden=afwijkingsreden,
            motivering=motivering,
        )
        self.eerste_besluit = self.besluit
        self.bezwaar = Bezwaar(besluit_op=op)
        mvv = self._verleen_mvv(op, geboekt) if uitkomst is m.BesluitUitkomst.INWILLIGING else []
        beschikking = self._stap(
            e.Beschikking,
            geboekt,
            uitkomst=uitkomst,
            gronden=list(self.advies(op).regels),
            motivering=motivering,
            afwijkingsreden=None if motivering else afwijkingsreden,
            bezwaartermijn_einde=self.bezwaartermijn().einde,
            mvv_ophalen_uiterlijk=self.mvv_ophaaltermijn().einde if mvv else None,
        )
        return [beschikking, *mvv, self._koppeling(geboekt)]

    # besluit_accorderen — DOMAIN.md §3.7 vier ogen: a second person approves the proposal (it then
    # takes effect, dated the approval day) or sends it back (withdrawn, the reason on the timeline)
    def _valideer_besluit_accorderen(self, actie: m.BesluitAccorderen, op: date, vandaag: date) -> None:
        voorstel = self.voorstel
        if voorstel is None:
            raise Weigering("er wacht geen voorgesteld besluit op accordering")
        if not actie.door:
            raise Weigering("wie accordeert, noemt zich (vier ogen: een tweede persoon)", "door")
        if actie.door == voorstel.door:
            raise Weigering(
                f"{actie.door} stelde dit besluit zelf voor; accorderen doet een ander (vier ogen, DOMAIN.md §3.7)",
                "door",
            )
        if op < voorstel.op:
            raise Weigering(f"{op} ligt voor het voorstel ({voorstel.op})", "op")
        if not actie.akkoord:
            if not (actie.toelichting or "").strip():
                raise Weigering("geef in de toelichting waarom het voorstel wordt teruggestuurd", "toelichting")
            return
        try:
            self._toets_beslisbaar(
                voorstel.uitkomst.value, voorstel.gronden, voorstel.motivering, voorstel.afwijkingsreden, op
            )
        except Weigering as fout:
            raise Weigering(f"het voorstel kan zo niet meer worden genomen: {fout}; stuur het terug") from None

    def _doe_besluit_accorderen(self, actie: m.BesluitAccorderen, op: date, vandaag: date) -> list[Effect]:
        voorstel = self.voorstel
        assert voorstel is not None
        self.voorstel = None
        gegevens = {"akkoord": actie.akkoord, "uitkomst": voorstel.uitkomst.value, "voorgesteld_door": voorstel.door}
        geboekt = self._actie_geboekt("besluit_accorderen", actie, op, **gegevens)
        if not actie.akkoord:
            return []  # sent back: the case is as before the proposal
        motivering = self._motivering_zonder_toets(
            voorstel.uitkomst.value, voorstel.gronden, voorstel.motivering, voorstel.afwijkingsreden, op
        )
        return self._neem_besluit(
            voorstel.uitkomst, list(voorstel.gronden), motivering, voorstel.afwijkingsreden, op, geboekt
        )

    def _motivering_zonder_toets(
        self,
        uitkomst: str,
        gronden: list[m.Grond],
        motivering: dict[m.Grond, str],
        afwijkingsreden: str | None,
        op: date,
    ) -> dict[m.Grond, str]:
        """The motivation to record. On replay the validator does not run and a decision taken
        before the guard may not pass it: then the motivation is recorded as it was given."""
        try:
            return self.toets_besluit(uitkomst, gronden, motivering, afwijkingsreden, op)
        except Weigering:
            return {g: tekst for g, tekst in motivering.items() if tekst.strip()}

    def _verleen_mvv(self, op: date, geboekt: Gebeurtenis) -> list[Effect]:
        """WI 2026/11 §5.3: the mission abroad is told; the collection term starts."""
        self.mvv = Mvv(verleend_op=op)
        return [self._stap(e.MvvAfgifte, geboekt, ophalen_uiterlijk=self.mvv_ophaaltermijn().einde)]

    # mvv_verlengen — WI 2026/11 §5.3: once, only for a closed or absent mission
    def _valideer_mvv_verlengen(self, actie: m.MvvVerlengen, op: date, vandaag: date) -> None:
        mvv = self._vereis_mvv()
        if mvv.verlengd_reden is not None:
            raise Weigering("de ophaaltermijn is al eenmaal verlengd (WI 2026/11 §5.3)")
        if mvv.opgehaald_op is not None:
            raise Weigering(f"de mvv is al opgehaald op {mvv.opgehaald_op}")

    def _doe_mvv_verlengen(self, actie: m.MvvVerlengen, op: date, vandaag: date) -> list[Effect]:
        assert self.mvv is not None
        self.mvv.verlengd_reden = actie.reden
        self._actie_geboekt("mvv_verlengen", actie, op, reden=actie.reden.value)
        return []

    def _vereis_mvv(self) -> Mvv:
        if self.mvv is None:
            raise Weigering("er is (nog) geen mvv verleend: eerst een inwilligend besluit")
        if self.mvv.verlopen:
            raise Weigering(f"de ophaaltermijn van de mvv is verstreken op {self.mvv_ophaaltermijn().einde}")
        return self.mvv

    def _valideer_mvv_opgehaald(self, actie: m.MvvOpgehaald, op: date, vandaag: date) -> None:
        mvv = self._vereis_mvv()
        if mvv.opgehaald_op is not None:
            raise Weigering(f"de mvv is al opgehaald op {mvv.opgehaald_op}")
        if op < mvv.verleend_op:
            raise Weigering(f"{op} ligt voor de verlening ({mvv.verleend_op})", "op")
        if op > self.mvv_ophaaltermijn().einde:
            raise Weigering(
                f"{op} ligt na het einde van de ophaaltermijn ({self.mvv_ophaaltermijn().einde})",
                "op",
            )

    def _doe_mvv_opgehaald(self, actie: m.MvvOpgehaald, op: date, vandaag: date) -> list[Effect]:
        assert self.mvv is not None
        self.mvv.opgehaald_op = op
        self._actie_geboekt(
            "mvv_opgehaald",
            actie,
            op,
            geldig_tot=t.mvv_geldigheid(op, self.normen).einde.isoformat(),
        )
        self._rond_af_als_klaar(op)
        return []

    # bezwaar — art. 69 Vw; seed 003
    def _valideer_bezwaar_ontvangen(self, actie: m.BezwaarOntvangen, op: date, vandaag: date) -> None:
        if self.besluit is None or self.bezwaar is None:
            raise Weigering("er is nog geen besluit om bezwaar tegen te maken")
        if self.bezwaar.ontvangen_op is not None:
            raise Weigering(f"het bezwaar is al ontvangen op {self.bezwaar.ontvangen_op}")
        if op < self.bezwaar.besluit_op:
            raise Weigering(f"{op} ligt voor het besluit ({self.bezwaar.besluit_op})", "op")
        einde = self.bezwaartermijn().einde
        if op <= einde:
            if self.bezwaar_te_laat_verschoonbaar and actie.verschoonbaar is not None:
                raise Weigering(
                    f"het bezwaar is op tijd (de bezwaartermijn loopt tot en met {einde}); verschoonbaarheid "
                    "speelt alleen bij een te laat bezwaar (Awb 6:11)",
                    "verschoonbaar",
                )
            return
        if not self.bezwaar_te_laat_verschoonbaar:
            raise Weigering(f"de bezwaartermijn eindigde op {einde} (art. 69 lid 1 Vw)", "op")
        # DOMAIN.md §3.9, Awb 6:11: a late objection is admissible only if the lateness is excusable;
        # the caseworker judges that when recording it
        if actie.verschoonbaar is None:
            raise Weigering(
                f"het bezwaar is te laat: de bezwaartermijn eindigde op {einde} (art. 69 lid 1 Vw); oordeel of "
                "de overschrijding verschoonbaar is (Awb 6:11): verschoonbaar ja of nee",
                "verschoonbaar",
            )
        if actie.verschoonbaar and not (actie.verschoonbaar_motivering or "").strip():
            raise Weigering("motiveer waarom de overschrijding verschoonbaar is (Awb 6:11)", "verschoonbaar_motivering")

    def _doe_bezwaar_ontvangen(self, actie: m.BezwaarOntvangen, op: date, vandaag: date) -> list[Effect]:
        assert self.bezwaar is not None
        bezwaar = self.bezwaar
        bezwaar.ontvangen_op = op
        gegevens: dict[str, Any] = {}
        if self.bezwaar_te_laat_verschoonbaar and op > self.bezwaartermijn().einde:
            bezwaar.te_laat = True
            bezwaar.verschoonbaar = actie.verschoonbaar
            bezwaar.verschoonbaar_motivering = actie.verschoonbaar_motivering if actie.verschoonbaar else None
            gegevens = {"te_laat": True, "verschoonbaar": actie.verschoonbaar}
            if bezwaar.verschoonbaar_motivering:
                gegevens["verschoonbaar_motivering"] = bezwaar.verschoonbaar_motivering
        geboekt = self._actie_geboekt("bezwaar_ontvangen", actie, op, **gegevens)
        return [
            self._stap(e.BezwaarOntvangstbevestiging, geboekt, beslissen_uiterlijk=self.beslistermijn_bezwaar().einde)
        ]

    def _valideer_bezwaar_besluiten(self, actie: m.BezwaarBesluiten, op: date, vandaag: date) -> None:
        if self.bezwaar is None or self.bezwaar.ontvangen_op is None:
            raise Weigering("er is geen bezwaar ontvangen")
        if self.bezwaar.uitkomst is not None:
            raise Weigering(f"op het bezwaar is al beslist ({self.bezwaar.uitkomst.value})")
        if op < self.bezwaar.ontvangen_op:
            raise Weigering(f"{op} ligt voor de ontvangst van het bezwaar ({self.bezwaar.ontvangen_op})", "op")
        if (
            self.bezwaar.te_laat
            and self.bezwaar.verschoonbaar is False
            and (actie.uitkomst is not m.BezwaarUitkomst.NIET_ONTVANKELIJK)
        ):
            raise Weigering(
                "het bezwaar kwam te laat en de overschrijding is niet verschoonbaar geoordeeld: het is "
                "niet-ontvankelijk (Awb 6:11)",
                "uitkomst",
            )
        nieuw = actie.nieuw_besluit
        if actie.uitkomst is m.BezwaarUitkomst.GEGROND and nieuw is None and self.bezwaar_nieuw_besluit:
            raise Weigering(
                "een gegrond bezwaar herroept het besluit: geef het nieuwe besluit dat ervoor in de plaats "
                "komt (Awb 7:11 lid 2)",
                "nieuw_besluit",
            )
        if nieuw is not None:
            # DOMAIN.md §3.9: the new decision passes the same guard as any decision (§3.7)
            try:
                self.toets_besluit(nieuw.uitkomst, nieuw.gronden, nieuw.motivering, None, op)
            except Weigering as fout:
                raise Weigering(str(fout), f"nieuw_besluit.{fout.veld}" if fout.veld else "nieuw_besluit") from None

    def _doe_bezwaar_besluiten(self, actie: m.BezwaarBesluiten, op: date, vandaag: date) -> list[Effect]:
        assert self.bezwaar is not None and self.besluit is not None
        self.bezwaar.uitkomst, self.bezwaar.beslist_op = actie.uitkomst, op
        self.bezwaar.termijn_verstreken = True
        nieuw = actie.nieuw_besluit if actie.uitkomst is m.BezwaarUitkomst.GEGROND else None
        gegevens: dict[str, Any] = {"uitkomst": actie.uitkomst.value}
        if nieuw is not None:
            gegevens["nieuw_besluit"] = nieuw.model_dump(mode="json")
        geboekt = self._actie_geboekt("bezwaar_besluiten", actie, op, **gegevens)
        effecten: list[Effect] = []
        motivering: dict[m.Grond, str] = {}
        if nieuw is not None:
            # Awb 7:11 lid 2: the contested decision is revoked (it stays in the case's history) and
            # the new one takes its place, dated the decision on objection
            motivering = self._motivering_zonder_toets(nieuw.uitkomst, nieuw.gronden, nieuw.motivering, None, op)
            self.herroepen_besluiten.append(self.besluit.model_copy(update={"herroepen_op": op}))
            self.besluit = m.BesluitStatus(
                uitkomst=m.BesluitUitkomst(nieuw.uitkomst), op=op, gronden=list(nieuw.gronden), motivering=motivering
            )
            if self.besluit.uitkomst is m.BesluitUitkomst.INWILLIGING:
                effecten += self._verleen_mvv(op, geboekt)  # a new grant leads to the mvv phase
            effecten.append(self._koppeling(geboekt))
        elif actie.uitkomst is m.BezwaarUitkomst.GEGROND and self.besluit.uitkomst is m.BesluitUitkomst.AFWIJZING:
            # a case from before the patch: upholding an objection to a rejection granted
            self.besluit = m.BesluitStatus(uitkomst=m.BesluitUitkomst.INWILLIGING, op=op, gronden=[])
            effecten += self._verleen_mvv(op, geboekt)
            effecten.append(self._koppeling(geboekt))
        beslissing = self._stap(
            e.BeslissingOpBezwaar,
            geboekt,
            uitkomst=actie.uitkomst,
            besluit_uitkomst=self.besluit.uitkomst,
            mvv_ophalen_uiterlijk=self.mvv_ophaaltermijn().einde if self.mvv is not None else None,
            nieuw_besluit=nieuw is not None,
            gronden=list(self.advies(op).regels) if nieuw is not None else [],
            motivering=motivering,
        )
        effecten.insert(0, beslissing)
        self._rond_af_als_klaar(op)
        return effecten

    # ingebrekestelling_ontvangen — Awb 4:17, 6:2(b), 6:12; DOMAIN.md §3.0: after any decision term
    # the IND let lapse: the beslistermijn, and the term for the decision on objection
    def _igs_tegen(self) -> m.IngebrekestellingTegen:
        """The decision term the case waits on now (a notice of default is given against it)."""
        if self.besluit is None:
            return m.IngebrekestellingTegen.BESLISTERMIJN
        return m.IngebrekestellingTegen.BESLISSING_OP_BEZWAAR

    def _valideer_ingebrekestelling_ontvangen(
        self, actie: m.IngebrekestellingOntvangen, op: date, vandaag: date
    ) -> None:
        tegen = self._igs_tegen()
        eerder = [igs for igs in self.alle_ingebrekestellingen() if igs.tegen is tegen]
        if eerder:
            raise Weigering(
                f"er is al een ingebrekestelling ontvangen op {eerder[0].ontvangen_op} "
                f"(tegen {tegen.value.replace('_', ' ')})"
            )
        if tegen is m.IngebrekestellingTegen.BESLISTERMIJN:
            termijn = self.beslistermijn(op)
            if termijn is None or termijn.opgeschort or op <= termijn.einde:
                einde = "nog niet gestart" if termijn is None else f"loopt tot {termijn.einde}"
                raise Weigering(
                    f"een ingebrekestelling kan pas na het verstrijken van de beslistermijn ({einde})",
                    "op",
                )
            return
        bezwaar = self.bezwaar
        if bezwaar is None or bezwaar.ontvangen_op is None or bezwaar.uitkomst is not None:
            assert self.besluit is not None
            raise Weigering(
                f"er is al beslist ({self.besluit.uitkomst.value} op {self.besluit.op}) en er wacht geen "
                "bezwaar op een beslissing; een ingebrekestelling kan alleen na een verstreken beslistermijn"
            )
        uiterlijk = self.beslistermijn_bezwaar().einde
        if op <= uiterlijk:
            raise Weigering(
                f"een ingebrekestelling kan pas na het verstrijken van de termijn voor de beslissing op "
                f"bezwaar (loopt tot {uiterlijk}; Awb 7:10, 6:12)",
                "op",
            )

    def _doe_ingebrekestelling_ontvangen(
        self, actie: m.IngebrekestellingOntvangen, op: date, vandaag: date
    ) -> list[Effect]:
        tegen = self._igs_tegen()
        igs = Ingebrekestelling(ontvangen_op=op, tegen=tegen)
        self.ingebrekestellingen = [*self.alle_ingebrekestellingen(), igs]
        self.ingebrekestelling = igs
        gegevens = {} if tegen is m.IngebrekestellingTegen.BESLISTERMIJN else {"tegen": tegen.value}
        self._actie_geboekt("ingebrekestelling_ontvangen", actie, op, **gegevens)
        return []

    # intrekken — WI 2026/11 §2.2: a withdrawal does not secure the nareistermijn
    def _valideer_intrekken(self, actie: m.Intrekken, op: date, vandaag: date) -> None:
        if (
            self.besluit is not None
            and (self.bezwaar is None or self.bezwaar.ontvangen_op is None)
            and self.mvv is None
        ):
            raise Weigering("er is al beslist; intrekken kan alleen een lopende aanvraag, bezwaar of mvv-afgifte")

    def _doe_intrekken(self, actie: m.Intrekken, op: date, vandaag: date) -> list[Effect]:
        geboekt = self._actie_geboekt("intrekken", actie, op)
        self.voorstel = None  # a proposal waiting for approval lapses with the application
        if self.bezwaar is not None and self.bezwaar.ontvangen_op is not None and self.bezwaar.uitkomst is None:
            self.bezwaar.termijn_verstreken = True  # the objection is withdrawn; the decision stands
        else:
            self.besluit = m.BesluitStatus(uitkomst=m.BesluitUitkomst.INGETROKKEN, op=op)
        self.afgerond_op = op
        self._boek(op, "afgerond")
        return [self._koppeling(geboekt)]

    # feiten_vastleggen — the advice is recomputed from facts, never edited (DOMAIN.md §3.7)
    def _valideer_feiten_vastleggen(self, actie: m.FeitenVastleggen, op: date, vandaag: date) -> None:
        if not actie.feiten:
            raise Weigering("geen feiten meegegeven", "feiten")
        try:
            self.feiten.vastleggen(actie.feiten, door=actie.door, op=op)
        except m.Invoerfout as fout:
            raise Weigering(str(fout)) from None

    def _doe_feiten_vastleggen(self, actie: m.FeitenVastleggen, op: date, vandaag: date) -> list[Effect]:
        self.feiten = self.feiten.vastleggen(actie.feiten, door=actie.door, op=op)
        self._actie_geboekt("feiten_vastleggen", actie, op, feiten=actie.feiten)
        return self._vereiste_herstel_verzuim(op) if self.besluit is None else []

    # toewijzen — CONTRACT.md [2026-12]: who works on the case (no legal effect)
    def _valideer_toewijzen(self, actie: m.Toewijzen, op: date, vandaag: date) -> None:
        if actie.behandelaar == self.behandelaar:
            wie = f"aan {self.behandelaar}" if self.behandelaar else "aan niemand (de werkvoorraad van het team)"
            raise Weigering(f"de zaak is al toegewezen {wie}", "behandelaar")

    def _doe_toewijzen(self, actie: m.Toewijzen, op: date, vandaag: date) -> list[Effect]:
        self.behandelaar = actie.behandelaar
        self._actie_geboekt("toewijzen", actie, op, behandelaar=actie.behandelaar)
        return []

    # notitie — issue #17 item 5: a caseworker's note, with who and when; it changes no term
    def _valideer_notitie(self, actie: m.Notitie, op: date, vandaag: date) -> None:
        return None  # any open case takes a note (`valideer` refuses a closed one)

    def _doe_notitie(self, actie: m.Notitie, op: date, vandaag: date) -> list[Effect]:
        gegevens = {"toelichting": actie.toelichting} if actie.toelichting else None
        self._boek(op, "notitie", door=actie.door, toelichting=actie.tekst, gegevens=gegevens)
        return []

    # opschorten / opschorting_beeindigen — Awb 4:15, DOMAIN.md §3.0
    def _valideer_opschorten(self, actie: m.Opschorten, op: date, vandaag: date) -> None:
        self._vereis_geen_besluit()
        if any(o.grond is actie.grond and o.tot is None for o in self.opschortingen):
            raise Weigering(f"er loopt al een opschorting op grond '{actie.grond.value}'", "grond")
        termijn = self.beslistermijn(op)
        if termijn is None:
            raise Weigering("de beslistermijn loopt nog niet (het formulier is niet ontvangen)")
        if not termijn.kan_opschorten(op):
            raise Weigering(
                f"de beslistermijn is al verstreken op {termijn.einde}; opschorten kan niet meer",
                "op",
            )

    def _doe_opschorten(self, actie: m.Opschorten, op: date, vandaag: date) -> list[Effect]:
        self.opschortingen.append(CaseworkerOpschorting(grond=actie.grond, van=op))
        self._actie_geboekt("opschorten", actie, op, grond=actie.grond.value)
        return []

    def _valideer_opschorting_beeindigen(self, actie: m.OpschortingBeeindigen, op: date, vandaag: date) -> None:
        lopend = [o for o in self.opschortingen if o.grond is actie.grond and o.tot is None]
        if not lopend:
            raise Weigering(f"er loopt geen opschorting op grond '{actie.grond.value}'", "grond")
        if op < lopend[0].van:
            raise Weigering(f"{op} ligt voor het begin van de opschorting ({lopend[0].van})", "op")

    def _doe_opschorting_beeindigen(self, actie: m.OpschortingBeeindigen, op: date, vandaag: date) -> list[Effect]:
        lopend = next(o for o in self.opschortingen if o.grond is actie.grond and o.tot is None)
        lopend.tot = op
        self._actie_geboekt("opschorting_beeindigen", actie, op, grond=actie.grond.value, van=lopend.van.isoformat())
        return []

    # -- signals --

    def nieuw_bewijs(self, bewijs: m.NieuwBewijs, vandaag: date) -> bool:
        """Record new evidence once (same soort, omschrijving and op); False for a duplicate.
        The case keeps a short key of each, not the evidence itself: thousands fit its state."""
        regel = Bewijs(soort=bewijs.soort, omschrijving=bewijs.omschrijving, op=bewijs.op or vandaag)
        sleutel = regel.sleutel()
        if sleutel in self.bewijs_sleutels or regel in self.bewijs:
            return False
        self.bewijs_sleutels.append(sleutel)
        self._boek(
            regel.op,
            "nieuw_bewijs",
            toelichting=regel.omschrijving,
            gegevens={"soort": regel.soort},
        )
        return True

    def stap_mislukt(self, stap: str, fout: str, vandaag: date) -> None:
        self._boek(vandaag, "stap_mislukt", toelichting=f"{stap}: {fout}"[:4000], gegevens={"stap": stap})

    def ongeldig_bewijs(self, fout: str, ruw: str, vandaag: date) -> None:
        """An evidence signal that could not be read is kept, with why (nothing is lost)."""
        self._boek(vandaag, "nieuw_bewijs_ongeldig", toelichting=fout, gegevens={"ontvangen": ruw[:4000]})

    def gekoppeld_besluit(self, koppeling: GekoppeldBesluit, vandaag: date) -> bool:
        """A linked application's outcome (WI 2026/11 §4.1, §3.2.1, §5.5); False if known."""
        bekend = [g for g in self.gekoppeld if g.aanvraagnummer == koppeling.aanvraagnummer]
        if bekend and bekend[0] == koppeling:
            return False
        self.gekoppeld = [g for g in self.gekoppeld if g.aanvraagnummer != koppeling.aanvraagnummer]
        self.gekoppeld.append(koppeling)
        self._boek(
            vandaag,
            "gekoppelde_aanvraag",
            toelichting=f"{koppeling.aanvraagnummer} ({koppeling.relatie.value}): {koppeling.uitkomst or 'open'}",
            gegevens=koppeling.model_dump(mode="json"),
        )
        return True

    # -- terms after the decision --

    def mvv_ophaaltermijn(self) -> t.Termijn:
        assert self.mvv is not None
        termijn = t.mvv_ophaaltermijn(self.mvv.verleend_op, self.mvv.verlengd_reden is not None, self.normen)
        return self._met_uitleg("mvv_ophalen", termijn)

    def bezwaartermijn(self) -> t.Termijn:
        assert self.bezwaar is not None
        return self._met_uitleg("bezwaartermijn", t.bezwaartermijn(self.bezwaar.besluit_op, self.normen))

    def beslistermijn_bezwaar(self) -> t.Termijn:
        assert self.bezwaar is not None
        te_laat = self.bezwaar.ontvangen_op if self.bezwaar.te_laat else None
        termijn = t.beslistermijn_bezwaar(self.bezwaartermijn().einde, self.normen, te_laat_ontvangen=te_laat)
        return self._met_uitleg("beslissing_op_bezwaar", termijn)

    def igs_termijn(self, igs: Ingebrekestelling | None = None) -> t.Ingebrekestelling:
        igs = igs or self.ingebrekestelling
        assert igs is not None
        uitkomst = t.ingebrekestelling(igs.ontvangen_op, self.normen)
        if not self.beleidspublicaties:
            return uitkomst
        i = next((i for i, g in enumerate(self.alle_ingebrekestellingen()) if g is igs), None)
        if i is None:
            return uitkomst
        return uitkomst.model_copy(update={"termijn": self._met_uitleg(f"ingebrekestelling:{i}", uitkomst.termijn)})

    # -- policy published while the case runs (issue #16; DOMAIN.md §3.10) --

    def beleid_gepubliceerd(self, bericht: m.BeleidGepubliceerd, vandaag: date) -> bool:
        """Take a published policy version, once (False: already taken, or the case has ended).

        Its designated days from today on apply to every running term (a day already past
        moves nothing retroactively); its term lengths only when its transitional rule names
        this case (by receipt date). Every date it moves records from what to what, and says
        so in that term's explanation."""
        if self.afgerond or any(p.versie == bericht.versie for p in self.beleidspublicaties):
            return False
        voor = self._termijneinden(vandaag)
        bekend = {d.datum for d in self.normen.aangewezen_dagen}
        dagen = [d for d in bericht.aangewezen_dagen if d.datum >= vandaag and d.datum not in bekend]
        overgang = bericht.overgang
        geldt = overgang is not None and overgang.geldt_voor(self.aanvraag.ontvangen_op)
        redenen = []
        if overgang is not None and geldt:
            redenen.append(f"de termijnen van deze versie volgens haar overgangsregel: {overgang.tekst()}")
        if dagen:
            datums = ", ".join(str(d.datum) for d in dagen)
            redenen.append(
                f"bij besluit aangewezen {'dag' if len(dagen) == 1 else 'dagen'} {datums} (Atw art. 3 lid 3)"
            )
        publicatie = Beleidspublicatie(
            versie=bericht.versie,
            op=vandaag,
            reden="; ".join(redenen) or "geen gevolgen voor deze zaak",
            aangewezen_dagen=dagen,
            termijnen=bericht.termijnen if geldt else None,
        )
        self.beleidspublicaties.append(publicatie)
        na = self._termijneinden(vandaag)
        publicatie.verschoven = [
            BeleidsVerschuiving(termijn=k, van=van, naar=na[k]) for k, van in voor.items() if na.get(k, van) != van
        ]
        self._boek(
            vandaag,
            "beleid_gepubliceerd",
            door="systeem",
            toelichting=self._publicatie_toelichting(bericht, publicatie, geldt),
            gegevens={
                "versie": bericht.versie,
                "overgangsregel_toegepast": geldt,
                "aangewezen_dagen": [str(d.datum) for d in dagen],
                "verschoven": [v.model_dump(mode="json") for v in publicatie.verschoven],
            },
        )
        return True

    def _publicatie_toelichting(self, bericht: m.BeleidGepubliceerd, publicatie: Beleidspublicatie, geldt: bool) -> str:
        delen = [f"beleidsversie {bericht.versie} ({bericht.omschrijving})"]
        if bericht.overgang is None:
            delen.append(f"zonder overgangsregel: de termijnen van versie {self.normen.versie} blijven gelden")
        elif geldt:
            delen.append(f"de overgangsregel geldt voor deze zaak: {bericht.overgang.tekst()}")
        else:
            delen.append(
                f"de overgangsregel ({bericht.overgang.tekst()}) noemt deze zaak niet: "
                f"de termijnen van versie {self.normen.versie} blijven gelden"
            )
        if publicatie.aangewezen_dagen:
            delen.append("aangewezen dagen: " + ", ".join(str(d.datum) for d in publicatie.aangewezen_dagen))
        delen += [f"{v.termijn} verschoven van {v.van} naar {v.naar}" for v in publicatie.verschoven]
        return "; ".join(delen)

    def _termijneinden(self, vandaag: date) -> dict[str, date]:
        """The end of every term the case has, by a key that names it (for what a policy change moved)."""
        einden: dict[str, date] = {}
        nareistermijn = t.nareistermijn(self.aanvraag, self.normen)
        if nareistermijn.einde is not None:
            einden["nareistermijn"] = nareistermijn.einde
        if nareistermijn.coulance_einde is not None:
            einden["coulance"] = nareistermijn.coulance_einde
        for i, hv in enumerate(self.herstel_verzuim):
            einden[f"herstel_verzuim:{i}"] = self.hv_termijn(hv).einde
        beslistermijn = self.beslistermijn(vandaag)
        if beslistermijn is not None:
            einden["beslistermijn"] = beslistermijn.einde
        for i, igs in enumerate(self.alle_ingebrekestellingen()):
            einden[f"ingebrekestelling:{i}"] = self.igs_termijn(igs).termijn.einde
        if self.mvv is not None:
            einden["mvv_ophalen"] = self.mvv_ophaaltermijn().einde
        if self.bezwaar is not None:
            einden["bezwaartermijn"] = self.bezwaartermijn().einde
            if self.bezwaar.ontvangen_op is not None:
                einden["beslissing_op_bezwaar"] = self.beslistermijn_bezwaar().einde
        return einden

    def _verklaard(self, termijn: str, uitleg: Uitleg) -> Uitleg:
        """DOMAIN.md §3.10: the explanation of a date a published version moved says so."""
        stappen = tuple(
            f"verschoven van {v.van} naar {v.naar} door beleidsversie {p.versie}: {p.reden}"
            for p in self.beleidspublicaties
            for v in p.verschoven
            if v.termijn == termijn
        )
        return uitleg.model_copy(update={"stappen": (*uitleg.stappen, *stappen)}) if stappen else uitleg

    def _met_uitleg(self, termijn: str, uitkomst: _Termijn) -> _Termijn:
        if not self.beleidspublicaties:
            return uitkomst
        return uitkomst.model_copy(update={"uitleg": self._verklaard(termijn, uitkomst.uitleg)})

    # -- bookkeeping --

    def _boek(
        self,
        op: date,
        gebeurtenis: str,
        *,
        door: str | None = None,
        toelichting: str | None = None,
        gegevens: dict[str, Any] | None = None,
    ) -> Gebeurtenis:
        self.laatste_volgnummer = self.volgnummer + 1
        regel = Gebeurtenis(
            volgnummer=self.laatste_volgnummer,
            op=op,
            gebeurtenis=gebeurtenis,
            door=door,
            toelichting=toelichting,
            gegevens=gegevens or {},
        )
        self.tijdlijn.append(regel)
        return regel

    def _stap(self, stap: type[_S], geboekt: Gebeurtenis, **gegevens: Any) -> _S:
        """The effect of the step booked as `geboekt`, with the data it needs fixed now."""
        if issubclass(stap, e.Brief):
            gegevens["betreft"] = e.Betreft.uit_aanvraag(self.aanvraag)
        return stap(
            aanvraagnummer=self.aanvraag.aanvraagnummer,
            volgnummer=geboekt.volgnummer,
            op=geboekt.op,
            beleid=self.beleid,
            **gegevens,
        )

    def _koppeling(self, geboekt: Gebeurtenis) -> e.Koppeling:
        """Tell the applications filed together of this outcome (WI 2026/11 §4.1)."""
        return self.koppeling_naar(list(self.aanvraag.gezamenlijk_met), geboekt)

    def koppeling_naar(self, naar: list[str], geboekt: Gebeurtenis | None = None) -> e.Koppeling:
        """This case's outcome (or that it is open), for the linked applications `naar`."""
        return self._stap(
            e.Koppeling,
            geboekt or self.tijdlijn[-1],
            naar=naar,
            besluit=GekoppeldBesluit(
                aanvraagnummer=self.aanvraag.aanvraagnummer,
                relatie=self.aanvraag.gezinslid.relatie,
                uitkomst=self.besluit.uitkomst.value if self.besluit else None,
                op=self.besluit.op if self.besluit else None,
                inhoudelijk_beoordeeld=self.besluit is not None
                and self.besluit.uitkomst in (m.BesluitUitkomst.INWILLIGING, m.BesluitUitkomst.AFWIJZING),
            ),
        )

    def _buiten_behandeling(self, op: date) -> list[Effect]:
        """WI 2026/11 §5.8, Awb 4:5: no form → not taken into consideration, on the day after the
        form term's last day (on that day the form may still come). It is a decision open to
        objection (art. 69 lid 1 Vw): the case waits out the objection term (fase `bezwaar`)."""
        uitkomst = m.BesluitUitkomst.BUITEN_BEHANDELING
        self.besluit = m.BesluitStatus(uitkomst=uitkomst, op=op)
        self.eerste_besluit = self.besluit
        geboekt = self._boek(op, uitkomst.value, toelichting="Awb 4:5; WI 2026/11 §5.8")
        self.bezwaar = Bezwaar(besluit_op=op)
        brief = self._stap(e.BuitenBehandeling, geboekt, bezwaartermijn_einde=self.bezwaartermijn().einde)
        return [brief, self._koppeling(geboekt)]

    def _beeindig_met_besluit(self, uitkomst: m.BesluitUitkomst, op: date, brief: str) -> list[Effect]:
        self.besluit = m.BesluitStatus(uitkomst=uitkomst, op=op)
        geboekt = self._boek(op, uitkomst.value)
        self.afgerond_op = op
        self._boek(op, "afgerond")
        return [self._stap(e.BuitenBehandeling, geboekt), self._koppeling(geboekt)]


_S = TypeVar("_S", bound=e.Stap)

#: timeline entries a case can get without end, however its procedure runs
HERHAALBAAR = frozenset(
    {"nieuw_bewijs", "nieuw_bewijs_ongeldig", "feiten_vastleggen", "gekoppelde_aanvraag", "stap_mislukt", "notitie"}
)
HERHAALBAAR_IN_STAAT = 100

_BRON_4_15 = {
    m.OpschortingGrond.BUITENLANDSE_AUTORITEIT: "Awb 4:15 lid 1 sub b",
    m.OpschortingGrond.TOESTEMMING_AANVRAGER: "Awb 4:15 lid 2 sub a",
    m.OpschortingGrond.VERTRAGING_AANVRAGER: "Awb 4:15 lid 2 sub b",
    m.OpschortingGrond.OVERMACHT: "Awb 4:15 lid 2 sub c",
}


@dataclass(frozen=True)
class _Actieregel:
    valideer: Callable[[Zaak, Any, date, date], None]
    doe: Callable[[Zaak, Any, date, date], list[Effect]]


#: every action of CONTRACT.md, by its model: how the case checks it, what it then does
_ACTIEREGELS: dict[type[m.Actie], _Actieregel] = {
    m.HvVersturen: _Actieregel(Zaak._valideer_hv_versturen, Zaak._doe_hv_versturen),
    m.HvReactieOntvangen: _Actieregel(Zaak._valideer_hv_reactie_ontvangen, Zaak._doe_hv_reactie_ontvangen),
    m.FormulierOntvangen: _Actieregel(Zaak._valideer_formulier_ontvangen, Zaak._doe_formulier_ontvangen),
    m.VerschoonbaarheidBeoordelen: _Actieregel(
        Zaak._valideer_verschoonbaarheid_beoordelen, Zaak._doe_verschoonbaarheid_beoordelen
    ),
    m.OnderzoekAanbieden: _Actieregel(Zaak._valideer_onderzoek_aanbieden, Zaak._doe_onderzoek_aanbieden),
    m.OnderzoekUitslagInvoer: _Actieregel(Zaak._valideer_onderzoek_uitslag, Zaak._doe_onderzoek_uitslag),
    m.ScreeningUitslag: _Actieregel(Zaak._valideer_screening_uitslag, Zaak._doe_screening_uitslag),
    m.TermijnVerlengen: _Actieregel(Zaak._valideer_termijn_verlengen, Zaak._doe_termijn_verlengen),
    m.Besluiten: _Actieregel(Zaak._valideer_besluiten, Zaak._doe_besluiten),
    m.MvvVerlengen: _Actieregel(Zaak._valideer_mvv_verlengen, Zaak._doe_mvv_verlengen),
    m.MvvOpgehaald: _Actieregel(Zaak._valideer_mvv_opgehaald, Zaak._doe_mvv_opgehaald),
    m.BezwaarOntvangen: _Actieregel(Zaak._valideer_bezwaar_ontvangen, Zaak._doe_bezwaar_ontvangen),
    m.BezwaarBesluiten: _Actieregel(Zaak._valideer_bezwaar_besluiten, Zaak._doe_bezwaar_besluiten),
    m.IngebrekestellingOntvangen: _Actieregel(
        Zaak._valideer_ingebrekestelling_ontvangen, Zaak._doe_ingebrekestelling_ontvangen
    ),
    m.Intrekken: _Actieregel(Zaak._valideer_intrekken, Zaak._doe_intrekken),
    m.FeitenVastleggen: _Actieregel(Zaak._valideer_feiten_vastleggen, Zaak._doe_feiten_vastleggen),
    m.Opschorten: _Actieregel(Zaak._valideer_opschorten, Zaak._doe_opschorten),
    m.OpschortingBeeindigen: _Actieregel(Zaak._valideer_opschorting_beeindigen, Zaak._doe_opschorting_beeindigen),
    m.Toewijzen: _Actieregel(Zaak._valideer_toewijzen, Zaak._doe_toewijzen),
    m.BesluitAccorderen: _Actieregel(Zaak._valideer_besluit_accorderen, Zaak._doe_besluit_accorderen),
    m.Notitie: _Actieregel(Zaak._valideer_notitie, Zaak._doe_notitie),
}


def _regel(actie: m.Actie) -> _Actieregel:
    regel = _ACTIEREGELS.get(type(actie))
    if regel is None:
        raise ValueError(f"onbekende actie: {type(actie).__name__}")
    return regel


def _dag_na(einde: date) -> date:
    """DOMAIN.md §3.0: the events of a lapsed term are booked on the day after its last day."""
    return einde + timedelta(days=1)


def _einde(termijn: t.Termijn | None) -> date | None:
    return None if termijn is None else termijn.einde
