"""One case as the rules see it: the application, the facts, the context and the norms, with
the derived dates and ages every paragraph reads the same way (WI 2026/11 intro: peilmomenten)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from nareis.contract import Aanvraag, Komst, OnderzoekSoort, OnderzoekUitkomst, ReferentStatus, Relatie
from nareis.feiten import Dossierfeiten, Feiten
from nareis.kalender import leeftijd
from nareis.toetsing.context import Toetsingscontext
from nareis.toetsing.normen import Toetsingsnormen


@dataclass(frozen=True)
class Casus:
    aanvraag: Aanvraag
    dossierfeiten: Dossierfeiten
    context: Toetsingscontext
    normen: Toetsingsnormen

    @cached_property
    def feiten(self) -> Feiten:
        return self.dossierfeiten.waarden()

    # --- who ---------------------------------------------------------------------------------

    @property
    def relatie(self) -> Relatie:
        return self.aanvraag.gezinslid.relatie

    @property
    def vluchteling(self) -> bool:
        return self.aanvraag.referent.status is ReferentStatus.VLUCHTELING

    @property
    def subsidiair(self) -> bool:
        return self.aanvraag.referent.status is ReferentStatus.SUBSIDIAIR

    @property
    def nbm(self) -> bool:
        return self.aanvraag.referent.nbm

    @property
    def nbm_zaak(self) -> bool:
        """WI 2026/11 §4: an nbm applies for his parents and, with them, his minor siblings."""
        return self.nbm and self.relatie in (Relatie.OUDER, Relatie.BROER_ZUS)

    @property
    def nareis_op_nareis(self) -> bool:
        """WI 2026/11 §5.7: the referent himself came through nareis."""
        return self.aanvraag.referent.komst is Komst.NAREIS

    # --- when --------------------------------------------------------------------------------

    @property
    def peildatum(self) -> date:
        return self.context.peildatum

    @property
    def inreis(self) -> date:
        """WI 2026/11 intro: the referent's entry, the reference date of the family member's age
        and of the actual family bond (§2.6)."""
        return self.aanvraag.referent.inreis_op

    @property
    def voor_migratiepact(self) -> bool:
        """Convention: "a case from before 12 June 2026" (WI 2026/11 §2.7, §3.1, §4.1) is an
        application received before that date."""
        return self.aanvraag.ontvangen_op < self.normen.migratiepact_op

    @property
    def in_behandeling_op(self) -> date:
        """WI 2026/11 §5.1, §5.8: taken into processing when the form is received."""
        return self.context.in_behandeling_op or self.aanvraag.ontvangen_op

    # --- ages --------------------------------------------------------------------------------

    def leeftijd_gezinslid(self, op: date) -> int:
        return leeftijd(self.aanvraag.gezinslid.geboortedatum, op)

    def leeftijd_referent(self, op: date) -> int:
        return leeftijd(self.aanvraag.referent.geboortedatum, op)

    @property
    def gezinslid_minderjarig_bij_inreis(self) -> bool:
        """WI 2026/11 intro: the family member's age counts on the referent's entry date."""
        return self.leeftijd_gezinslid(self.inreis) < self.normen.meerderjarig

    @property
    def gezinslid_meerderjarig_nu(self) -> bool:
        return self.leeftijd_gezinslid(self.peildatum) >= self.normen.meerderjarig

    # --- investigations ----------------------------------------------------------------------

    @property
    def dna_geen_biologische_band(self) -> bool:
        """WI 2026/11 §3.1: DNA shows no biological link (an adopted child excepted)."""
        uitslag = self.context.onderzoek_uitslagen.get(OnderzoekSoort.DNA)
        return uitslag is OnderzoekUitkomst.NIET_BEVESTIGD and self.feiten.adoptiekind is not True
