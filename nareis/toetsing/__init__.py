"""The assessment (toetsingskader) of WI 2026/11: every ground as an explainable advice.

`adviseer` recomputes the whole advice from the application, the established facts and the
case's context; the same inputs always give the same advice (pure: no clock, no I/O). Each
ground gets `voldaan`, `niet_voldaan` or `beoordelen`, a reason and the paragraph it comes from;
a ground that does not apply is shown as `voldaan` with "niet van toepassing: …". A negative
outcome is a value; where the sources leave room for judgement the outcome is `beoordelen` —
the caseworker decides (DOMAIN.md §3.7). The order of the test is enforced (WI 2026/11 §3.1,
§3.1.2, §4.1): the actual family bond and the consent statement stay `beoordelen` until
identity and family-law relationship are plausible.

One module per paragraph: asielvergunning (§2.1), nareistermijn (§2.2), subsidiair (§2.3),
categorie (§2.4, intro), nbm (§4), identiteit (§2.5), huwelijk (§3.2), gezinsband (§2.6, §3.1),
toestemmingsverklaring (§3.1.2), antecedenten (§1.4.2), openbare_orde (§2.9),
bestendig_verblijf (§2.8), onderzoek (§3.1), herhaalde_aanvraag (§5.5), kimlik (§5.1),
partner (seed 000), gevolgen (§2.7 and the flags).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from nareis.contract import Aanvraag, AdviesRegel, Grond, Oordeel
from nareis.feiten import Dossierfeiten
from nareis.toetsing import (
    antecedenten,
    asielvergunning,
    bestendig_verblijf,
    categorie,
    gevolgen,
    gezinsband,
    herhaalde_aanvraag,
    identiteit,
    kimlik,
    nareistermijn,
    nbm,
    onderzoek,
    openbare_orde,
    partner,
    subsidiair,
    toestemmingsverklaring,
)
from nareis.toetsing.casus import Casus
from nareis.toetsing.context import EerdereAanvraag, Toetsingscontext
from nareis.toetsing.gevolgen import HvVereiste
from nareis.toetsing.normen import Minimumloonperiode, Toetsingsnormen
from nareis.toetsing.partner import Indicator

__all__ = [
    "HARDE_GRONDEN",
    "Advies",
    "EerdereAanvraag",
    "HvVereiste",
    "Indicator",
    "Minimumloonperiode",
    "Toetsingscontext",
    "Toetsingsnormen",
    "adviseer",
]

#: grounds whose `niet_voldaan` is a hard rule: granting despite it needs a recorded override
#: reason (DOMAIN.md §3.7). Not here: the subsidiary conditions (a proportionality test, §2.3),
#: stable residence (never a pure ground, §2.8) and a repeat application (art. 4:6 Awb "may").
HARDE_GRONDEN: tuple[Grond, ...] = (
    Grond.ASIELVERGUNNING,
    Grond.NAREISTERMIJN,
    Grond.CATEGORIE,
    Grond.MINDERJARIGHEID,
    Grond.NIET_BEGELEID,
    Grond.NAREIS_OP_NAREIS,
    Grond.IDENTITEIT,
    Grond.FAMILIERECHTELIJKE_RELATIE,
    Grond.FEITELIJKE_GEZINSBAND,
    Grond.TOESTEMMINGSVERKLARING,
    Grond.ANTECEDENTENVERKLARING,
    Grond.OPENBARE_ORDE,
    Grond.ONDERZOEK,
)


class Advies(BaseModel):
    """The advice: one rule per ground in the order of the test, and its consequences."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    regels: tuple[AdviesRegel, ...]
    ambtshalve_8evrm: bool = False  # §2.7
    evenredigheidstoets: bool = False  # §2.3, §2.7
    verplicht_gehoor: bool = False  # §2.1, §5.7
    melding_handhaving: bool = False  # §5.7
    kimlik_onderzoek_overslaan: bool = False  # §5.1
    hv_vereist: tuple[HvVereiste, ...] = ()  # §2.2, §5.5, §5.8
    partner_indicatoren: tuple[Indicator, ...] = ()  # seed 000, only for an unmarried partner
    harde_gronden: tuple[Grond, ...] = HARDE_GRONDEN
    aandachtspunten: tuple[str, ...] = ()  # indications, not grounds (§5.6, §2.8, §2.3, §1.3, …)
    meldingen: tuple[str, ...] = ()  # reports to make: unit 1F, enforcement coordinators, Handhaving

    def regel(self, grond: Grond) -> AdviesRegel:
        return next(r for r in self.regels if r.grond is grond)

    def open_gronden(self) -> tuple[Grond, ...]:
        """The grounds that still need the caseworker's judgement."""
        return tuple(r.grond for r in self.regels if r.oordeel is Oordeel.BEOORDELEN)

    def harde_afwijzingsgronden(self) -> tuple[Grond, ...]:
        """The hard grounds that fail: granting despite them needs an override reason."""
        return tuple(
            r.grond for r in self.regels if r.grond in self.harde_gronden and r.oordeel is Oordeel.NIET_VOLDAAN
        )


def adviseer(
    aanvraag: Aanvraag,
    feiten: Dossierfeiten,
    context: Toetsingscontext,
    normen: Toetsingsnormen,
) -> Advies:
    """Every ground in the order of the test (WI 2026/11 §2, §3.1, §4.1), and its consequences."""
    casus = Casus(aanvraag=aanvraag, dossierfeiten=feiten, context=context, normen=normen)
    id_regel = identiteit.beoordeel_identiteit(casus)
    relatie_regel = identiteit.beoordeel_familierechtelijke_relatie(casus, id_regel)
    # §3.1, §3.1.2, §4.1: the bond and the consent statement only after identity and relationship
    volgorde_ok = id_regel.oordeel is Oordeel.VOLDAAN and relatie_regel.oordeel is Oordeel.VOLDAAN
    gehoor = gevolgen.verplicht_gehoor(casus)
    kimlik_overslaan = kimlik.onderzoek_overslaan(casus)
    regels = (
        asielvergunning.beoordeel(casus),
        nareistermijn.beoordeel(casus),
        subsidiair.beoordeel_wachttermijn(casus),
        subsidiair.beoordeel_middelen(casus),
        subsidiair.beoordeel_huisvesting(casus),
        categorie.beoordeel(casus),
        nbm.beoordeel_minderjarigheid(casus),
        nbm.beoordeel_niet_begeleid(casus),
        nbm.beoordeel_nareis_op_nareis(casus),
        id_regel,
        relatie_regel,
        gezinsband.beoordeel(casus, volgorde_ok),
        toestemmingsverklaring.beoordeel(casus, volgorde_ok),
        antecedenten.beoordeel(casus),
        openbare_orde.beoordeel(casus),
        bestendig_verblijf.beoordeel(casus),
        onderzoek.beoordeel(casus, gehoor, kimlik_overslaan),
        herhaalde_aanvraag.beoordeel(casus),
    )
    return Advies(
        regels=regels,
        ambtshalve_8evrm=gevolgen.ambtshalve_8evrm(casus, regels),
        evenredigheidstoets=gevolgen.evenredigheidstoets(casus, regels),
        verplicht_gehoor=gehoor,
        melding_handhaving=gevolgen.melding_handhaving(casus),
        kimlik_onderzoek_overslaan=kimlik_overslaan,
        hv_vereist=gevolgen.hv_vereist(casus),
        partner_indicatoren=partner.indicatoren(casus),
        aandachtspunten=gevolgen.aandachtspunten(casus),
        meldingen=gevolgen.meldingen(casus),
    )
