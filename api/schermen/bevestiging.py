"""The confirmation step of an irreversible action: what it will do to the case, before it is sent.

`intrekken`, `besluiten`, `bezwaar_besluiten` and `besluit_accorderen` (issue #17 item 4) are
shown as a summary — outcome, grounds, motivation per ground, which terms stop and which start,
with their last day — and are sent only when the caseworker confirms. What stops and starts, and
whether a decision becomes a proposal (vier ogen), is read from the case's own answer: its status
now and its status after the action (query `voorbeeld`), never worked out again here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from nareis import contract as m
from nareis.tijd import datum_voluit

#: the actions a caseworker confirms after seeing their effect
TE_BEVESTIGEN = frozenset({"intrekken", "besluiten", "bezwaar_besluiten", "besluit_accorderen"})

Status = dict[str, Any]

_TERMIJNNAMEN = {
    m.TermijnSoort.NAREISTERMIJN: "de nareistermijn",
    m.TermijnSoort.COULANCE: "de coulancetermijn",
    m.TermijnSoort.FORMULIER: "de termijn voor het formulier",
    m.TermijnSoort.HV_REACTIE: "de reactietermijn van de herstel verzuim-brief",
    m.TermijnSoort.BESLISTERMIJN: "de beslistermijn",
    m.TermijnSoort.INGEBREKESTELLING: "de termijn van de ingebrekestelling",
    m.TermijnSoort.MVV_OPHALEN: "de ophaaltermijn van de mvv",
    m.TermijnSoort.BEZWAARTERMIJN: "de bezwaartermijn",
    m.TermijnSoort.BESLISSING_OP_BEZWAAR: "de termijn voor de beslissing op bezwaar",
}


@dataclass(frozen=True)
class Regel:
    kop: str
    tekst: str


@dataclass
class Bevestiging:
    """What the caseworker confirms: a heading, the decision's content, and the terms."""

    titel: str
    inhoud: list[Regel] = field(default_factory=list)
    motivering: dict[str, str] = field(default_factory=dict)
    stoppen: list[str] = field(default_factory=list)
    beginnen: list[str] = field(default_factory=list)
    gevolgen: list[str] = field(default_factory=list)


def termijnnaam(soort: str) -> str:
    return _TERMIJNNAMEN.get(m.TermijnSoort(soort), soort.replace("_", " "))


def _lopend(status: Status) -> dict[str, dict[str, Any]]:
    return {r["soort"]: r for r in status.get("termijnen") or [] if r["loopt"]}


def _termijnen(uit: Bevestiging, voor: Status, na: Status) -> None:
    """The terms the action stops (running now, not after it) and starts (running after it, not
    now, or with another last day), from the case's status before and after."""
    nu, straks = _lopend(voor), _lopend(na)
    uit.stoppen = [
        f"{termijnnaam(soort)} (loopt nu tot en met {datum_voluit(r['einde'])})"
        for soort, r in nu.items()
        if soort not in straks
    ]
    uit.beginnen = [
        f"{termijnnaam(soort)}, tot en met {datum_voluit(r['einde'])}"
        for soort, r in straks.items()
        if soort not in nu or nu[soort]["einde"] != r["einde"]
    ]


def _gronden(gronden: list[m.Grond]) -> str:
    return ", ".join(g.value for g in gronden) if gronden else "geen"


def _besluit(uit: Bevestiging, uitkomst: str, gronden: list[m.Grond], motivering: dict[m.Grond, str], op: date) -> None:
    """The content of a decision (art. 69 Vw; WI 2026/11 §5.3)."""
    uit.inhoud.append(Regel("Uitkomst", uitkomst))
    if gronden or uitkomst != m.BesluitUitkomst.INWILLIGING.value:
        uit.inhoud.append(Regel("Gronden", _gronden(gronden)))
    uit.inhoud.append(Regel("Datum", datum_voluit(op)))
    uit.motivering = {g.value: tekst for g, tekst in motivering.items()}
    if uitkomst == m.BesluitUitkomst.INWILLIGING.value:
        uit.gevolgen.append("De beschikking (inwilliging) gaat naar de referent; de post krijgt de mvv-afgifte.")
    else:
        uit.gevolgen.append("De beschikking (afwijzing) gaat naar de referent, met de gronden en de motivering.")


def _besluiten(actie: m.Besluiten, voor: Status, na: Status, op: date) -> Bevestiging:
    if (voorstel := na.get("voorstel")) is not None:
        # DOMAIN.md §3.7 vier ogen: a proposal starts and stops nothing and sends no letter
        uit = Bevestiging("Besluit voorstellen (vier ogen)")
        uit.inhoud.append(Regel("Uitkomst", actie.uitkomst))
        uit.inhoud.append(Regel("Gronden", _gronden(actie.gronden)))
        uit.motivering = {g.value: tekst for g, tekst in actie.motivering.items()}
        rollen = " of de ".join(voorstel.get("accorderen_door") or ["tweede persoon"])
        uit.gevolgen.append(
            f"Dit wordt een voorstel: het besluit geldt pas als de {rollen} het accordeert "
            "(gedateerd op de dag van accorderen); tot dan verandert geen termijn en gaat er geen brief uit."
        )
        return uit
    uit = Bevestiging("Besluiten")
    _besluit(uit, actie.uitkomst, actie.gronden, actie.motivering, op)
    return uit


def _bezwaar_besluiten(actie: m.BezwaarBesluiten, voor: Status, na: Status, op: date) -> Bevestiging:
    uit = Bevestiging("Beslissen op het bezwaar")
    uit.inhoud.append(Regel("Bezwaar", actie.uitkomst.value.replace("_", " ")))
    besluit = voor.get("besluit") or {}
    if actie.nieuw_besluit is not None:
        uit.gevolgen.append(
            f"Het besluit ({besluit.get('uitkomst', '—')} van {datum_voluit(besluit['op']) if besluit else '—'}) "
            "wordt herroepen; het nieuwe besluit komt ervoor in de plaats (Awb 7:11)."
        )
        nieuw = actie.nieuw_besluit
        _besluit(uit, nieuw.uitkomst, nieuw.gronden, nieuw.motivering, op)
        uit.inhoud[1:] = [Regel(f"Nieuw besluit, {r.kop.lower()}", r.tekst) for r in uit.inhoud[1:]]
    else:
        uit.gevolgen.append("Het besluit blijft staan; de beslissing op bezwaar gaat naar de referent.")
    return uit


def _intrekken(actie: m.Intrekken, voor: Status, na: Status, op: date) -> Bevestiging:
    uit = Bevestiging("Intrekken")
    bezwaar = voor.get("bezwaar") or {}
    if bezwaar.get("ontvangen_op") and not bezwaar.get("uitkomst"):
        uit.inhoud.append(Regel("Wat", "het bezwaar wordt ingetrokken; het besluit blijft staan"))
    else:
        uit.inhoud.append(Regel("Wat", "de aanvraag wordt ingetrokken (uitkomst: ingetrokken)"))
        uit.gevolgen.append("Een intrekking stelt de nareistermijn niet veilig (WI 2026/11 §2.2).")
    uit.inhoud.append(Regel("Datum", datum_voluit(op)))
    uit.gevolgen.append("De zaak wordt afgerond: daarna is geen actie meer mogelijk.")
    return uit


def _accorderen(actie: m.Actie, voor: Status, na: Status, op: date) -> Bevestiging:
    uit = Bevestiging("Besluit accorderen")
    akkoord = getattr(actie, "akkoord", None)
    voorstel = voor.get("besluit") or {}
    if akkoord and voorstel:
        gronden = [m.Grond(g) for g in voorstel.get("gronden") or []]
        motivering = {m.Grond(g): tekst for g, tekst in (voorstel.get("motivering") or {}).items()}
        _besluit(uit, voorstel["uitkomst"], gronden, motivering, op)
    else:
        uit.inhoud.append(Regel("Wat", "het voorstel gaat terug naar de behandelaar; er wordt niet beslist"))
    return uit


_SAMENVATTERS = {
    "besluiten": _besluiten,
    "bezwaar_besluiten": _bezwaar_besluiten,
    "intrekken": _intrekken,
    "besluit_accorderen": _accorderen,
}


def bevestiging(naam: str, actie: m.Actie, voor: Status, na: Status, vandaag: date) -> Bevestiging:
    """The summary of `actie` (update `naam`) on the case with status `voor`, whose status after it
    (the query `voorbeeld`) is `na`, as the caseworker confirms it."""
    samenvatter: Any = _SAMENVATTERS[naam]
    uit: Bevestiging = samenvatter(actie, voor, na, actie.op or vandaag)
    _termijnen(uit, voor, na)
    if actie.toelichting:
        uit.inhoud.append(Regel("Toelichting", actie.toelichting))
    return uit
