"""Every term of a case, running or not, and the running one that ends first (CONTRACT.md
[2026-12] `termijnen`, `volgende_termijn`): what a caseworker's and a team lead's deadline
lists are made of.

A term `loopt` while a party can still act in it and has not yet done so: the nareistermijn and
its grace stop running once the application is filed (the case exists, so it is); an HV reply
term once answered; the beslistermijn once decided; every term once the case has ended.
`verstreken`: its last day passed before the act, or without it.
"""

from __future__ import annotations

from datetime import date

from nareis import contract as m
from nareis.zaak import Zaak

S = m.TermijnSoort


def _term(
    soort: m.TermijnSoort,
    einde: date,
    vandaag: date,
    gehandeld_op: date | None,
    *,
    gestopt: bool,
    verstreken: bool | None = None,
    opgeschort: bool = False,
) -> m.TermijnOverzicht:
    if gehandeld_op is not None:
        return m.TermijnOverzicht(soort=soort, einde=einde, loopt=False, verstreken=gehandeld_op > einde)
    verlopen = vandaag > einde if verstreken is None else verstreken
    loopt = not verlopen and not gestopt
    return m.TermijnOverzicht(
        soort=soort, einde=einde, loopt=loopt, verstreken=verlopen, opgeschort=opgeschort and loopt
    )


def termijnen(zaak: Zaak, vandaag: date) -> list[m.TermijnOverzicht]:
    """The case's terms, in the order of the procedure."""
    gestopt = zaak.afgerond
    besloten_op = zaak.besluit.op if zaak.besluit is not None else None
    lijst: list[m.TermijnOverzicht] = []
    nareistermijn = zaak.nareistermijn()
    ontvangen = zaak.aanvraag.ontvangen_op
    if nareistermijn.einde is not None:  # WI 2026/11 §2.2: a refugee referent only
        lijst.append(_term(S.NAREISTERMIJN, nareistermijn.einde, vandaag, ontvangen, gestopt=gestopt))
    if nareistermijn.coulance_einde is not None:
        lijst.append(_term(S.COULANCE, nareistermijn.coulance_einde, vandaag, ontvangen, gestopt=gestopt))
    for hv in zaak.herstel_verzuim:
        soort = S.FORMULIER if hv.reden == "formulier" else S.HV_REACTIE
        einde = zaak.hv_termijn(hv).einde
        lijst.append(_term(soort, einde, vandaag, hv.beantwoord_op, gestopt=gestopt or besloten_op is not None))
    beslistermijn = zaak.beslistermijn(vandaag)
    if beslistermijn is not None:
        lijst.append(
            _term(
                S.BESLISTERMIJN,
                beslistermijn.einde,
                vandaag,
                besloten_op,
                gestopt=gestopt,
                verstreken=beslistermijn.verstreken,
                opgeschort=beslistermijn.opgeschort,
            )
        )
    if zaak.ingebrekestelling is not None:
        einde = zaak.igs_termijn().termijn.einde
        lijst.append(_term(S.INGEBREKESTELLING, einde, vandaag, besloten_op, gestopt=gestopt))
    if zaak.mvv is not None:
        einde = zaak.mvv_ophaaltermijn().einde
        lijst.append(_term(S.MVV_OPHALEN, einde, vandaag, zaak.mvv.opgehaald_op, gestopt=gestopt))
    if zaak.bezwaar is not None:
        bezwaar = zaak.bezwaar
        einde = zaak.bezwaartermijn().einde
        lijst.append(_term(S.BEZWAARTERMIJN, einde, vandaag, bezwaar.ontvangen_op, gestopt=gestopt))
        if bezwaar.ontvangen_op is not None:
            einde = zaak.beslistermijn_bezwaar().einde
            lijst.append(_term(S.BESLISSING_OP_BEZWAAR, einde, vandaag, bezwaar.beslist_op, gestopt=gestopt))
    return lijst


def volgende_termijn(lijst: list[m.TermijnOverzicht]) -> m.VolgendeTermijn | None:
    """The running term that ends first (a tie: the first in the procedure's order)."""
    lopend = [t for t in lijst if t.loopt]
    if not lopend:
        return None
    eerste = min(lopend, key=lambda t: t.einde)
    return m.VolgendeTermijn(soort=eerste.soort, einde=eerste.einde)
