"""The assessment (toetsingskader) of WI 2026/11: every ground as an explainable advice.

`adviseer` recomputes the whole advice from the application, the established facts and the
case's context; the same inputs always give the same advice. A negative outcome is a value
(`niet_voldaan` with its reason); where the sources leave room for judgement the outcome is
`beoordelen` — the caseworker decides (DOMAIN.md §3.7).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from nareis.feiten import Dossierfeiten
from nareis.modellen import Aanvraag, AdviesRegel, Grond, Oordeel
from nareis.toetsing import gezin, overig, personen, voorwaarden
from nareis.toetsing.context import EerdereAanvraag, Toetsingscontext, Toetsingsnormen
from nareis.toetsing.gevolgen import HvVereiste, Indicator, gevolgen

__all__ = [
    "Advies",
    "EerdereAanvraag",
    "HvVereiste",
    "Indicator",
    "Toetsingscontext",
    "Toetsingsnormen",
    "adviseer",
]


class Advies(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    regels: tuple[AdviesRegel, ...]
    ambtshalve_8evrm: bool = False
    evenredigheidstoets: bool = False
    verplicht_gehoor: bool = False
    melding_handhaving: bool = False
    kimlik_onderzoek_overslaan: bool = False
    hv_vereist: tuple[HvVereiste, ...] = ()
    partner_indicatoren: tuple[Indicator, ...] = ()
    harde_gronden: tuple[Grond, ...] = ()
    aandachtspunten: tuple[str, ...] = Field(default_factory=tuple)

    def regel(self, grond: Grond) -> AdviesRegel:
        return next(r for r in self.regels if r.grond is grond)


#: grounds whose `niet_voldaan` is a hard rule: granting despite it needs a recorded reason
HARDE_GRONDEN = (
    Grond.ASIELVERGUNNING,
    Grond.NAREISTERMIJN,
    Grond.CATEGORIE,
    Grond.MINDERJARIGHEID,
    Grond.NIET_BEGELEID,
    Grond.NAREIS_OP_NAREIS,
    Grond.IDENTITEIT,
    Grond.FAMILIERECHTELIJKE_RELATIE,
    Grond.FEITELIJKE_GEZINSBAND,
    Grond.ANTECEDENTENVERKLARING,
    Grond.ONDERZOEK,
)


def adviseer(
    aanvraag: Aanvraag,
    dossierfeiten: Dossierfeiten,
    context: Toetsingscontext,
    normen: Toetsingsnormen,
) -> Advies:
    """Every ground in the order of the test (WI 2026/11 §2, §3.1, §4.1)."""
    feiten = dossierfeiten.waarden()
    identiteit = gezin.identiteit(feiten)
    relatie = gezin.familierechtelijke_relatie(aanvraag, feiten, context, normen)
    volgorde_ok = identiteit.oordeel is Oordeel.VOLDAAN and relatie.oordeel is Oordeel.VOLDAAN
    uitkomst = gevolgen(aanvraag, feiten, context, normen)
    regels = (
        voorwaarden.asielvergunning(aanvraag, context),
        voorwaarden.nareistermijn(aanvraag, context),
        voorwaarden.wachttermijn(aanvraag, context),
        voorwaarden.middelen(aanvraag, feiten, normen),
        voorwaarden.huisvesting(aanvraag, feiten, normen),
        personen.categorie(aanvraag, context, normen),
        personen.minderjarigheid(aanvraag, context, normen),
        personen.niet_begeleid(aanvraag, feiten),
        personen.nareis_op_nareis(aanvraag),
        identiteit,
        relatie,
        gezin.feitelijke_gezinsband(aanvraag, feiten, context, volgorde_ok),
        gezin.toestemmingsverklaring(aanvraag, feiten, context, normen, volgorde_ok),
        overig.antecedentenverklaring(aanvraag, feiten, context, normen),
        overig.openbare_orde(context),
        overig.bestendig_verblijf(feiten),
        overig.onderzoek(context, uitkomst.verplicht_gehoor),
        overig.herhaalde_aanvraag(aanvraag, feiten, context),
    )
    subsidiair_gefaald = any(
        r.oordeel is Oordeel.NIET_VOLDAAN
        for r in regels
        if r.grond in (Grond.WACHTTERMIJN, Grond.MIDDELEN, Grond.HUISVESTING)
    )
    harde = list(HARDE_GRONDEN)
    if overig.harde_signalen(context):
        harde.append(Grond.OPENBARE_ORDE)
    return Advies(
        regels=regels,
        # §2.3, §2.7: a proportionality test instead of, not in addition to, the art. 8 check
        evenredigheidstoets=subsidiair_gefaald,
        ambtshalve_8evrm=uitkomst.ambtshalve_8evrm(regels) and not subsidiair_gefaald,
        verplicht_gehoor=uitkomst.verplicht_gehoor,
        melding_handhaving=uitkomst.melding_handhaving,
        kimlik_onderzoek_overslaan=uitkomst.kimlik_onderzoek_overslaan,
        hv_vereist=uitkomst.hv_vereist,
        partner_indicatoren=uitkomst.partner_indicatoren,
        harde_gronden=tuple(harde),
        aandachtspunten=uitkomst.aandachtspunten,
    )
