"""The error summary of a refused form (GOV.UK / NL Design System pattern): one line per problem,
in the screen's words, each linking to the field it is about; and the same message at the field.

A refusal comes as the contract's `Invoerfout` (`[(pad, melding)]`, the pad in the contract's
field names) or as the case's own reason, which names its field as `veld: melding` when it has one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from api.schermen import formulieren

_VELD_VOORAF = re.compile(r"^([a-z_]+(?:\.[A-Za-z0-9_]+)*): (.+)$", re.DOTALL)

#: the fields every action form has besides its own (formulieren.VELDEN)
_VASTE_VELDEN = {"op": "Datum", "toelichting": "Toelichting"}


@dataclass(frozen=True)
class Foutregel:
    anker: str  # the id of the field (or form) the line links to
    tekst: str


@dataclass
class Foutsamenvatting:
    regels: list[Foutregel] = field(default_factory=list)
    #: the message at each field, by the field's form name
    per_veld: dict[str, str] = field(default_factory=dict)


def _veld_bij(actie: str, pad: str) -> tuple[str, str, str] | None:
    """(form name, anchor, label) of the field a contract pad is about; None when no field is.

    The anchor is the field's label (a group of boxes: its fieldset), just before the field: a
    link to it scrolls the field into view and, without any script, the next Tab lands on the
    field itself (a link to the field would make Tab skip past it)."""
    for veld in formulieren.velden(actie):
        if pad == veld.naam or pad.startswith(veld.naam + "."):
            if veld.soort == "feiten" and pad.startswith("feiten."):
                feit = pad.split(".", 2)[1]
                if feit in formulieren.FEITEN:
                    return f"feit_{feit}", f"{actie}-feiten-{feit}-label", f"Feit ‘{feit.replace('_', ' ')}’"
            anker = f"{actie}-{veld.naam}" + ("" if veld.soort in ("meerkeuze", "feiten") else "-label")
            return veld.naam, anker, veld.label
    for naam, label in _VASTE_VELDEN.items():
        if pad == naam:
            return naam, f"{actie}-{naam}-label", label
    return None


def _regel(actie: str, pad: str | None, melding: str, samenvatting: Foutsamenvatting) -> None:
    gevonden = _veld_bij(actie, pad) if pad else None
    if gevonden is None:
        tekst = f"{pad.replace('_', ' ')}: {melding}" if pad and pad != "(invoer)" else melding
        samenvatting.regels.append(Foutregel(f"actie-{actie}", _hoofdletter(tekst)))
        return
    naam, anker, label = gevonden
    samenvatting.regels.append(Foutregel(anker, f"{label}: {melding}"))
    samenvatting.per_veld.setdefault(naam, melding)


def _hoofdletter(tekst: str) -> str:
    return tekst[:1].upper() + tekst[1:]


def samenvatting(
    actie: str, *, velden: list[tuple[str, str]] | None = None, reden: str | None = None
) -> Foutsamenvatting:
    """The summary of a refusal of `actie`: the contract's wrong fields, or the case's reason."""
    uit = Foutsamenvatting()
    for pad, melding in velden or []:
        _regel(actie, pad, melding, uit)
    if reden:
        gevonden = _VELD_VOORAF.match(reden)
        if gevonden and _veld_bij(actie, gevonden.group(1)) is not None:
            _regel(actie, gevonden.group(1), gevonden.group(2), uit)
        else:
            _regel(actie, None, reden, uit)
    return uit
