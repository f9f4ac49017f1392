"""The letters a case sends (issue 7 §3), rendered from Jinja2 templates in Dutch plain text.

One template per letter (`<SOORT>.j2`, extending `basis.j2`); each sets `onderwerp` at its top.
A letter is rendered from its typed effect alone (`nareis.effecten`: `Ontvangstbevestiging`,
`HvBrief`, `Beschikking`, `BuitenBehandeling`, `BezwaarOntvangstbevestiging`,
`BeslissingOpBezwaar`), fixed when the case decided the step: never from the case as it is
when the letter is written. Dates are written as Dutch documents write them: "23 november 2026".
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, TemplateNotFound

from nareis import contract as m
from nareis import effecten as e
from nareis.tijd import datum_voluit

_RELATIES = {
    "echtgenoot": "echtgeno(o)t(e)",
    "partner": "partner",
    "kind": "kind",
    "ouder": "ouder",
    "broer_zus": "broer of zus",
    "overig": "familielid",
}

_UITKOMSTEN = {
    "inwilliging": "inwilliging",
    "afwijzing": "afwijzing",
    "buiten_behandeling": "buiten behandeling",
    "ingetrokken": "ingetrokken",
}

_BEZWAARUITKOMSTEN = {"gegrond": "gegrond", "ongegrond": "ongegrond", "niet_ontvankelijk": "niet-ontvankelijk"}

#: how a letter states the advice on a ground: only what the case established (issue #17 item 6)
_NIET_VAN_TOEPASSING = "niet van toepassing"

#: the conditions of WI 2026/11 §2 in words (CONTRACT.md ground codes)
GRONDEN = {
    "ASIELVERGUNNING": "de referent heeft een zelfstandige asielvergunning",
    "NAREISTERMIJN": "de aanvraag is binnen de nareistermijn ingediend",
    "WACHTTERMIJN": "de wachttermijn van twee jaar is verstreken",
    "MIDDELEN": "de referent heeft voldoende middelen van bestaan",
    "HUISVESTING": "de referent heeft huisvesting",
    "CATEGORIE": "het gezinslid behoort tot het kerngezin",
    "MINDERJARIGHEID": "minderjarigheid op de peildatum",
    "NIET_BEGELEID": "de referent is als niet-begeleide minderjarige ingereisd",
    "NAREIS_OP_NAREIS": "de referent is niet zelf nagereisd (nareis op nareis)",
    "IDENTITEIT": "de identiteit is aannemelijk",
    "FAMILIERECHTELIJKE_RELATIE": "de familierechtelijke relatie is aannemelijk",
    "FEITELIJKE_GEZINSBAND": "er is een feitelijke gezinsband",
    "TOESTEMMINGSVERKLARING": "er is een toestemmingsverklaring van de achterblijvende ouder",
    "ANTECEDENTENVERKLARING": "er is een antecedentenverklaring",
    "OPENBARE_ORDE": "er zijn geen signalen over 1F, nationale veiligheid of openbare orde",
    "BESTENDIG_VERBLIJF": "er is geen bestendig verblijf in een derde land",
    "ONDERZOEK": "het gezinslid was beschikbaar voor nader onderzoek",
    "HERHAALDE_AANVRAAG": "de herhaalde aanvraag bevat nieuwe feiten of omstandigheden",
}


class BriefFout(ValueError):
    """A letter cannot be written: unknown soort or missing data (the message names it)."""


@dataclass(frozen=True)
class GeschrevenBrief:
    onderwerp: str
    tekst: str
    sjabloon: str  # "<soort>.j2@<sha256 prefix of template + base>"


class Briefschrijver:
    """Renders letters; build once (templates are compiled and cached by Jinja2)."""

    def __init__(self, omgeving: Environment | None = None) -> None:
        self.omgeving = omgeving or Environment(
            loader=PackageLoader("brieven", "."),
            autoescape=False,  # plain text letters
            undefined=StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=False,
        )
        self.omgeving.filters.update(
            datum=datum_voluit,
            relatie=lambda w: _RELATIES.get(str(w), str(w)),
            uitkomst=lambda w: _UITKOMSTEN.get(str(w), str(w)),
            bezwaaruitkomst=lambda w: _BEZWAARUITKOMSTEN.get(str(w), str(w)),
            grond=lambda w: GRONDEN.get(str(w), str(w)).capitalize(),
        )

    def schrijf(self, brief: e.Brief) -> GeschrevenBrief:
        try:
            sjabloon = self.omgeving.get_template(f"{brief.SOORT}.j2")
        except TemplateNotFound:
            raise BriefFout(f"soort: geen briefsjabloon voor {brief.SOORT!r}") from None
        module = sjabloon.make_module(briefcontext(brief))
        tekst = "\n".join(regel.rstrip() for regel in str(module).strip().splitlines()) + "\n"
        return GeschrevenBrief(
            onderwerp=str(module.onderwerp),  # type: ignore[attr-defined]
            tekst=tekst,
            sjabloon=f"{brief.SOORT}.j2@{self._controlegetal(brief.SOORT)}",
        )

    def _controlegetal(self, soort: str) -> str:
        loader = self.omgeving.loader
        assert loader is not None
        inhoud = "".join(loader.get_source(self.omgeving, naam)[0] for naam in (f"{soort}.j2", "basis.j2"))
        return hashlib.sha256(inhoud.encode()).hexdigest()[:12]


def briefcontext(brief: e.Brief) -> dict[str, Any]:
    """What a template reads: the letter's own fields, and who and what it is about."""
    betreft = brief.betreft
    context: dict[str, Any] = {
        **brief.model_dump(exclude={"betreft"}),
        "soort": brief.SOORT,
        "datum": brief.op,
        "dossiernummer": betreft.dossiernummer,
        "ontvangen_op": betreft.ontvangen_op,
        "grondslag": betreft.grondslag.value,
        "referent": {"vnummer": betreft.referent_vnummer},
        "gezinslid": {"naam": betreft.gezinslid_naam, "relatie": betreft.gezinslid_relatie.value},
    }
    match brief:
        case e.Ontvangstbevestiging(beslistermijn_einde=einde) if einde is not None:
            uitleg = {"regel": brief.beslistermijn_regel, "bron": brief.beslistermijn_bron}
            context["beslistermijn"] = {"einde": einde, "uitleg": uitleg}
        case e.Ontvangstbevestiging():
            context["beslistermijn"] = None
        case e.HvBrief():
            context["termijn"] = {"regel": brief.termijn_regel, "bron": brief.termijn_bron}
        case e.Beschikking() | e.BeslissingOpBezwaar():
            einde = brief.mvv_ophalen_uiterlijk
            context["mvv"] = None if einde is None else {"ophalen_uiterlijk": einde}
            context["uitkomst"] = brief.uitkomst.value
            context["gronden"] = beoordeling(brief.gronden, brief.motivering)
            context["motivering"] = {g.value: tekst for g, tekst in brief.motivering.items()}
            if isinstance(brief, e.BeslissingOpBezwaar):
                context["besluit"] = {"uitkomst": brief.besluit_uitkomst.value}
    return context


def beoordeling(regels: Sequence[m.AdviesRegel], motivering: Mapping[m.Grond, str]) -> list[dict[str, Any]]:
    """The advice per ground as a letter may state it (issue #17 item 6): a ground the case found
    met is `voldaan` (or `niet van toepassing`), without the advice's internal reason; a ground not
    met says why; a ground the advice left open is `niet beoordeeld`, unless the caseworker
    weighed it (then the motivation says how): never "beoordeeld" for what nobody assessed."""
    uit = []
    for regel in regels:
        reden = None
        if regel.oordeel is m.Oordeel.VOLDAAN:
            oordeel = _NIET_VAN_TOEPASSING if regel.reden.startswith(_NIET_VAN_TOEPASSING) else "voldaan"
        elif regel.oordeel is m.Oordeel.NIET_VOLDAAN:
            oordeel, reden = "niet voldaan", regel.reden or None
        elif regel.grond in motivering:
            oordeel = "gewogen door de beslismedewerker (zie de motivering)"
        else:
            oordeel = "niet beoordeeld"
        uit.append({"grond": regel.grond.value, "oordeel": oordeel, "bron": regel.bron, "reden": reden})
    return uit
