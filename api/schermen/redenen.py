"""Why the case page offers an action now: one line per action, from the case's own status.

The case decides *whether* an action is possible (`mogelijke_acties`); this only says in words
what in the status makes it so, for the caseworker who has to choose.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nareis import contract as m
from nareis.tijd import datum_voluit

Status = dict[str, Any]


def _datum(waarde: str | None) -> str:
    return datum_voluit(waarde) if waarde else "—"


def _termijn(status: Status, soort: m.TermijnSoort) -> dict[str, Any] | None:
    lopend = [t for t in status.get("termijnen") or [] if t["soort"] == soort.value and t["loopt"]]
    return lopend[0] if lopend else None


def _open_hv(status: Status) -> dict[str, Any] | None:
    open_ = [hv for hv in status.get("herstel_verzuim") or [] if not hv.get("beantwoord_op") and not hv.get("verlopen")]
    return open_[0] if open_ else None


def _hv_reactie(status: Status) -> str:
    hv = _open_hv(status)
    if hv is None:
        return "Er wacht een herstel verzuim-brief op een reactie."
    return (
        f"De herstel verzuim-brief ({hv['reden'].replace('_', ' ')}) van {_datum(hv['verzonden_op'])} "
        f"wacht op een reactie, uiterlijk {_datum(hv['reactie_uiterlijk'])}."
    )


def _formulier(status: Status) -> str:
    termijn = _termijn(status, m.TermijnSoort.FORMULIER)
    tot = f", uiterlijk {_datum(termijn['einde'])}" if termijn else ""
    return f"De aanvraag kwam per brief; het ingevulde formulier is nog niet ontvangen{tot} (WI 2026/11 §5.8)."


def _verschoonbaarheid(status: Status) -> str:
    oordeel = (status.get("nareistermijn") or {}).get("oordeel", "")
    return f"De aanvraag kwam na de nareistermijn ({oordeel.replace('_', ' ')}); oordeel of dat verschoonbaar is."


def _beslistermijn(status: Status) -> str:
    einde = (status.get("beslistermijn") or {}).get("einde")
    return f"de beslistermijn loopt tot {_datum(einde)}" if einde else "de beslistermijn is nog niet gestart"


def _besluiten(status: Status) -> str:
    return f"Het formulier is er en er wacht geen brief of onderzoek meer; {_beslistermijn(status)}."


def _verlengen(status: Status) -> str:
    return f"De beslistermijn is nog niet verlengd (dat kan één keer); {_beslistermijn(status)}."


def _mvv_ophalen(status: Status) -> str:
    mvv = status.get("mvv") or {}
    return f"De mvv is verleend en nog niet opgehaald; ophalen uiterlijk {_datum(mvv.get('ophalen_uiterlijk'))}."


def _mvv_verlengen(status: Status) -> str:
    return _mvv_ophalen(status).removesuffix(".") + "; eenmaal verlengen kan als de post gesloten is of ontbreekt."


def _bezwaar_ontvangen(status: Status) -> str:
    bezwaar = status.get("bezwaar") or {}
    einde = _datum(bezwaar.get("termijn_einde"))
    if any(t["soort"] == "bezwaartermijn" and t["verstreken"] for t in status.get("termijnen") or []):
        return (
            f"De bezwaartermijn eindigde op {einde}; een te laat bezwaar wordt vastgelegd met het oordeel of de "
            "overschrijding verschoonbaar is (Awb 6:11)."
        )
    return f"Tegen het besluit kan bezwaar worden gemaakt tot en met {einde}."


def _bezwaar_besluiten(status: Status) -> str:
    bezwaar = status.get("bezwaar") or {}
    return (
        f"Het bezwaar van {_datum(bezwaar.get('ontvangen_op'))} wacht op een beslissing, "
        f"uiterlijk {_datum(bezwaar.get('beslissen_uiterlijk'))}."
    )


def _ingebrekestelling(status: Status) -> str:
    if status.get("besluit"):
        return "De termijn voor de beslissing op bezwaar is verstreken; de aanvrager kan de IND in gebreke stellen."
    return f"De beslistermijn is verstreken ({_datum((status.get('beslistermijn') or {}).get('einde'))})."


def _intrekken(status: Status) -> str:
    if (status.get("bezwaar") or {}).get("ontvangen_op") and not (status.get("bezwaar") or {}).get("uitkomst"):
        return "Het bezwaar loopt nog; de referent kan het intrekken (het besluit blijft dan staan)."
    if status.get("mvv"):
        return "De mvv is nog niet opgehaald; de referent kan de aanvraag nog intrekken."
    return "Er is nog niet beslist; de referent kan de aanvraag intrekken."


def _opschorting_beeindigen(status: Status) -> str:
    lopend = [o for o in status.get("opschortingen") or [] if not o.get("tot")]
    if not lopend:
        return "De beslistermijn is opgeschort."
    o = lopend[0]
    return f"De beslistermijn is opgeschort sinds {_datum(o['van'])} ({o['grond'].replace('_', ' ')})."


def _toewijzen(status: Status) -> str:
    wie = status.get("behandelaar")
    return f"Toegewezen aan {wie}." if wie else "De zaak ligt in de werkvoorraad van het team, bij niemand."


_REDENEN: dict[str, Callable[[Status], str]] = {
    "hv_versturen": lambda s: "Ontbrekende gegevens kunnen eenmaal per reden worden opgevraagd (WI 2026/11 §1.3).",
    "hv_reactie_ontvangen": _hv_reactie,
    "formulier_ontvangen": _formulier,
    "verschoonbaarheid_beoordelen": _verschoonbaarheid,
    "onderzoek_aanbieden": lambda s: "Identiteit of gezinsband kan met DNA-onderzoek of een gehoor worden onderzocht.",
    "onderzoek_uitslag": lambda s: "Er loopt een onderzoek waarvan de uitslag nog niet is vastgelegd.",
    "screening_uitslag": lambda s: "De uitslag van de screening vastleggen (of herzien); inwilligen kan pas daarna.",
    "termijn_verlengen": _verlengen,
    "besluiten": _besluiten,
    "mvv_verlengen": _mvv_verlengen,
    "mvv_opgehaald": _mvv_ophalen,
    "bezwaar_ontvangen": _bezwaar_ontvangen,
    "bezwaar_besluiten": _bezwaar_besluiten,
    "ingebrekestelling_ontvangen": _ingebrekestelling,
    "intrekken": _intrekken,
    "feiten_vastleggen": lambda s: "Vastgestelde feiten vastleggen; het advies per grond wordt herberekend.",
    "opschorten": lambda s: f"Opschorten kan om een grond van Awb 4:15; {_beslistermijn(s)}.",
    "opschorting_beeindigen": _opschorting_beeindigen,
    "toewijzen": _toewijzen,
    "notitie": lambda s: "Een notitie bij de zaak; zij verandert geen termijn.",
    "besluit_accorderen": lambda s: "Een voorgesteld besluit wacht op het akkoord van een tweede persoon (vier ogen).",
}


def reden(actie: str, status: Status) -> str:
    """One line: why `actie` is offered for the case with `status` now."""
    uitleg = _REDENEN.get(actie)
    if uitleg is None:
        soort = m.ACTIES.get(actie)
        return soort.OMSCHRIJVING + "." if soort is not None else ""
    return uitleg(status)
