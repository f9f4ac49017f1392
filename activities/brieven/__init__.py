"""The letters a case sends (issue 7 §3), rendered from Jinja2 templates in Dutch plain text.

One template per `soort` (`<soort>.j2`, extending `basis.j2`); each sets `onderwerp` at its
top. What a template reads, besides the Aanvraag and the `status` (which fill in names,
numbers and terms when given), comes from the letter's `gegevens`, which win:

| soort                    | needs                                                           |
|--------------------------|-----------------------------------------------------------------|
| `ontvangstbevestiging`   | — (the beslistermijn from the status, with its `uitleg`)        |
| `herstel_verzuim`        | `reden`, `ontbrekend`, `reactie_uiterlijk`, `termijn` (uitleg)  |
| `beschikking`            | `uitkomst`, `gronden` (advice rules: grond, oordeel, bron,      |
|                          | reden), `bezwaartermijn_einde`                                  |
| `bezwaar_ontvangen`      | `beslissen_uiterlijk`                                           |
| `beslissing_op_bezwaar`  | `uitkomst` (gegrond, ongegrond, niet_ontvankelijk)              |
| `buiten_behandeling`     | — (`bezwaartermijn_einde` when known)                           |

Dates are written as Dutch documents write them: "23 november 2026".
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, TemplateNotFound

from nareis.tijd import datum_voluit

#: the letters there are templates for
SOORTEN = (
    "ontvangstbevestiging",
    "herstel_verzuim",
    "beschikking",
    "bezwaar_ontvangen",
    "beslissing_op_bezwaar",
    "buiten_behandeling",
)

#: what each letter cannot do without (after filling in from the Aanvraag and the status)
VEREIST: dict[str, tuple[str, ...]] = {
    "ontvangstbevestiging": ("gezinslid", "ontvangen_op"),
    "herstel_verzuim": ("gezinslid", "ontvangen_op", "reactie_uiterlijk"),
    "beschikking": ("gezinslid", "ontvangen_op", "uitkomst", "bezwaartermijn_einde"),
    "bezwaar_ontvangen": ("gezinslid", "beslissen_uiterlijk"),
    "beslissing_op_bezwaar": ("gezinslid", "uitkomst"),
    "buiten_behandeling": ("gezinslid", "ontvangen_op"),
}

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

_OORDELEN = {"voldaan": "voldaan", "niet_voldaan": "niet voldaan", "beoordelen": "beoordeeld"}

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
            loader=PackageLoader("activities.brieven", "."),
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
            oordeel=lambda w: _OORDELEN.get(str(w), str(w)),
            grond=lambda w: GRONDEN.get(str(w), str(w)).capitalize(),
        )

    def schrijf(
        self,
        soort: str,
        *,
        aanvraagnummer: str,
        op: date,
        gegevens: dict[str, Any] | None = None,
        aanvraag: dict[str, Any] | None = None,
        status: dict[str, Any] | None = None,
    ) -> GeschrevenBrief:
        try:
            sjabloon = self.omgeving.get_template(f"{soort}.j2")
        except TemplateNotFound:
            raise BriefFout(f"soort: geen briefsjabloon voor {soort!r}") from None
        context = briefcontext(
            soort, aanvraagnummer=aanvraagnummer, op=op, gegevens=gegevens, aanvraag=aanvraag, status=status
        )
        ontbreekt = [k for k in VEREIST.get(soort, ()) if context.get(k) in (None, "", {})]
        if ontbreekt:
            raise BriefFout(f"brief {soort} voor {aanvraagnummer}: ontbreekt {', '.join(ontbreekt)}")
        module = sjabloon.make_module(context)
        tekst = "\n".join(regel.rstrip() for regel in str(module).strip().splitlines()) + "\n"
        return GeschrevenBrief(
            onderwerp=str(module.onderwerp),  # type: ignore[attr-defined]
            tekst=tekst,
            sjabloon=f"{soort}.j2@{self._controlegetal(soort)}",
        )

    def _controlegetal(self, soort: str) -> str:
        loader = self.omgeving.loader
        assert loader is not None
        inhoud = "".join(loader.get_source(self.omgeving, naam)[0] for naam in (f"{soort}.j2", "basis.j2"))
        return hashlib.sha256(inhoud.encode()).hexdigest()[:12]


def briefcontext(
    soort: str,
    *,
    aanvraagnummer: str,
    op: date,
    gegevens: dict[str, Any] | None = None,
    aanvraag: dict[str, Any] | None = None,
    status: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything a template may read: the Aanvraag, the status, then `gegevens` (wins)."""
    aanvraag = aanvraag or {}
    status = status or {}
    gegevens = gegevens or {}
    context: dict[str, Any] = {
        "soort": soort,
        "aanvraagnummer": aanvraagnummer,
        "datum": op,
        "dossiernummer": aanvraag.get("dossiernummer") or status.get("dossiernummer"),
        "ontvangen_op": aanvraag.get("ontvangen_op"),
        "grondslag": aanvraag.get("grondslag", "nareis"),
        "referent": aanvraag.get("referent") or {},
        "gezinslid": aanvraag.get("gezinslid") or {},
        "beslistermijn": status.get("beslistermijn"),
        "besluit": status.get("besluit"),
        "mvv": status.get("mvv"),
        "bezwaar": status.get("bezwaar"),
        "afwijkingsreden": (status.get("besluit") or {}).get("afwijkingsreden"),
        "gronden": [],
        "ontbrekend": [],
        "reden": None,
        "termijn": None,
        "reactie_uiterlijk": None,
        "uitkomst": None,
        "bezwaartermijn_einde": (status.get("bezwaar") or {}).get("termijn_einde"),
        "beslissen_uiterlijk": (status.get("bezwaar") or {}).get("beslissen_uiterlijk"),
    }
    if soort == "herstel_verzuim":
        brieven = status.get("herstel_verzuim") or []
        reden = gegevens.get("reden")
        passend = [b for b in brieven if reden is None or b.get("reden") == reden]
        if passend:
            laatste = passend[-1]
            context.update(
                reden=laatste.get("reden"),
                ontbrekend=laatste.get("ontbrekend") or [],
                reactie_uiterlijk=laatste.get("reactie_uiterlijk"),
                termijn=laatste.get("uitleg"),
            )
    elif soort == "beschikking":
        context["uitkomst"] = (status.get("besluit") or {}).get("uitkomst")
        context["gronden"] = status.get("advies") or []
    elif soort == "beslissing_op_bezwaar":
        context["uitkomst"] = (status.get("bezwaar") or {}).get("uitkomst")
    context.update({k: v for k, v in gegevens.items() if v is not None})
    if context["reactie_uiterlijk"] is None and isinstance(context["termijn"], dict):
        context["reactie_uiterlijk"] = context["termijn"].get("einde")
    return context
