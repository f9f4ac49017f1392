"""The `details` query (issue #17 item 5): each fact with where it came from, and each timeline
entry with what it changed — old → new where the case knew the value before.

Read from the case's own timeline, in order: a value an entry sets is compared with the value the
same field had after the entry before it. Facts, the screening's signals, the assigned caseworker
and the decision in force are values that change; what other entries record is shown as set.
"""

from __future__ import annotations

from typing import Any

from nareis import contract as m
from nareis.zaak import Gebeurtenis, Zaak

#: entries whose recorded value replaces the one an earlier entry set: (entry, field) → the value
#: it tracks. A decision on objection that revokes a decision sets the decision in force anew.
_SPOOR = {
    ("screening_uitslag", "signalen"): "signalen",
    ("toewijzen", "behandelaar"): "behandelaar",
    ("besluiten", "uitkomst"): "besluit.uitkomst",
    ("besluiten", "gronden"): "besluit.gronden",
    ("bezwaar_besluiten", "nieuw_besluit.uitkomst"): "besluit.uitkomst",
    ("bezwaar_besluiten", "nieuw_besluit.gronden"): "besluit.gronden",
}


def _vlak(gegevens: dict[str, Any], voor: str = "") -> dict[str, Any]:
    """`{"feiten": {"x": 1}}` → `{"feiten.x": 1}`; lists and motivations stay whole."""
    uit: dict[str, Any] = {}
    for sleutel, waarde in gegevens.items():
        pad = f"{voor}{sleutel}"
        if isinstance(waarde, dict) and sleutel in ("feiten", "nieuw_besluit"):
            uit |= _vlak(waarde, f"{pad}.")
        else:
            uit[pad] = waarde
    return uit


def _spoor(gebeurtenis: str, veld: str) -> str | None:
    if gebeurtenis == "feiten_vastleggen" and veld.startswith("feiten."):
        return veld
    return _SPOOR.get((gebeurtenis, veld))


def _wijzigingen(regel: Gebeurtenis, bekend: dict[str, Any]) -> list[m.Wijziging]:
    wijzigingen = []
    for veld, nieuw in _vlak(regel.gegevens).items():
        spoor = _spoor(regel.gebeurtenis, veld)
        if spoor is None:
            wijzigingen.append(m.Wijziging(veld=veld, nieuw=nieuw))
            continue
        oud = bekend.get(spoor)
        wijzigingen.append(m.Wijziging(veld=veld, nieuw=nieuw, oud=oud, gewijzigd=oud != nieuw))
        bekend[spoor] = nieuw
    return wijzigingen


def _herkomst(zaak: Zaak) -> list[m.FeitHerkomst]:
    """Every established fact with who recorded it and when, and the entry that did, while held."""
    vastgelegd_door: dict[str, int] = {}
    for regel in zaak.tijdlijn:
        if regel.gebeurtenis == "feiten_vastleggen":
            for feit in regel.gegevens.get("feiten", {}):
                vastgelegd_door[feit] = regel.volgnummer
    return [
        m.FeitHerkomst(feit=feit, waarde=f.waarde, door=f.door, op=f.op, volgnummer=vastgelegd_door.get(feit))
        for feit, f in zaak.feiten.feiten.items()
    ]


def details(zaak: Zaak) -> m.Details:
    """The case's facts with their provenance and its timeline with what each entry changed."""
    bekend: dict[str, Any] = {}
    tijdlijn = [
        m.TijdlijnDetail(
            volgnummer=regel.volgnummer,
            op=regel.op,
            gebeurtenis=regel.gebeurtenis,
            door=regel.door,
            toelichting=regel.toelichting,
            wijzigingen=_wijzigingen(regel, bekend),
        )
        for regel in zaak.tijdlijn
    ]
    return m.Details(
        aanvraagnummer=zaak.aanvraag.aanvraagnummer,
        feiten=_herkomst(zaak),
        tijdlijn=tijdlijn,
        tijdlijn_alleen_in_register=zaak.vergeten_gebeurtenissen,
    )
