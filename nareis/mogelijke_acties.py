"""Which actions a case takes now (CONTRACT.md [2026-12] `mogelijke_acties`).

An action is possible when some valid payload of it would pass the case's own validation
(`Zaak.valideer`), the same check an update's validator makes: there is no second copy of the
procedure's rules here, only a handful of payloads per action that together cover every
branch of its validation (each code of an enumerated field, an override reason where a
decision needs one).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from nareis import contract as m
from nareis.zaak import Weigering, Zaak

#: any text where only its presence counts
_TEKST = "(mogelijk)"


def _kandidaten(soort: type[m.Actie]) -> Iterator[m.Actie]:
    """Payloads of `soort` that between them reach every outcome of its validation."""
    if soort is m.HvVersturen:
        for reden in ("documenten", "art8_evrm", "nieuwe_feiten"):
            yield m.HvVersturen(reden=reden)
    elif soort is m.VerschoonbaarheidBeoordelen:
        yield m.VerschoonbaarheidBeoordelen(verschoonbaar=True)
    elif soort is m.OnderzoekAanbieden:
        for onderzoek in m.OnderzoekSoort:
            yield m.OnderzoekAanbieden(soort=onderzoek)
    elif soort is m.OnderzoekUitslagInvoer:
        for onderzoek in m.OnderzoekSoort:
            yield m.OnderzoekUitslagInvoer(soort=onderzoek, uitkomst=m.OnderzoekUitkomst.BEVESTIGD)
    elif soort is m.TermijnVerlengen:
        yield m.TermijnVerlengen(reden=_TEKST)
    elif soort is m.Besluiten:
        motivering = dict.fromkeys(m.Grond, _TEKST)  # every ground motivated (DOMAIN.md §3.7)
        yield m.Besluiten(uitkomst="inwilliging", motivering=motivering)
        yield m.Besluiten(uitkomst="afwijzing", gronden=[m.Grond.IDENTITEIT], motivering=motivering)
    elif soort is m.MvvVerlengen:
        yield m.MvvVerlengen(reden=m.MvvVerlengingReden.POST_GESLOTEN)
    elif soort is m.BezwaarOntvangen:
        yield m.BezwaarOntvangen()
        # Awb 6:11: a late objection, judged excusable or not
        yield m.BezwaarOntvangen(verschoonbaar=True, verschoonbaar_motivering=_TEKST)
        yield m.BezwaarOntvangen(verschoonbaar=False)
    elif soort is m.BezwaarBesluiten:
        for uitkomst in (m.BezwaarUitkomst.ONGEGROND, m.BezwaarUitkomst.NIET_ONTVANKELIJK):
            yield m.BezwaarBesluiten(uitkomst=uitkomst)
    elif soort is m.FeitenVastleggen:
        yield m.FeitenVastleggen(feiten={"identiteit_aannemelijk": True})
    elif soort in (m.Opschorten, m.OpschortingBeeindigen):
        for grond in m.OpschortingGrond:
            yield soort(grond=grond)
    elif soort is m.Toewijzen:
        yield m.Toewijzen(behandelaar=_TEKST)
    elif soort is m.BesluitAccorderen:
        # a second person (anyone but the proposer): approve, or send back with a reason
        yield m.BesluitAccorderen(akkoord=True, door=_TEKST)
        yield m.BesluitAccorderen(akkoord=False, door=_TEKST, toelichting=_TEKST)
    elif soort is m.Notitie:
        yield m.Notitie(tekst=_TEKST)
    else:
        yield soort()


#: built once: validation reads a payload and never changes it
_KANDIDATEN: dict[type[m.Actie], tuple[m.Actie, ...]] = {
    soort: tuple(_kandidaten(soort)) for soort in m.ACTIES.values()
}


def _mogelijk(zaak: Zaak, soort: type[m.Actie], vandaag: date) -> bool:
    for actie in _KANDIDATEN[soort]:
        try:
            zaak.valideer(actie, vandaag)
        except Weigering:
            continue
        return True
    return False


def mogelijke_acties(zaak: Zaak, vandaag: date) -> list[str]:
    """The update names (CONTRACT.md order) the case would accept in some form today."""
    if zaak.afgerond:
        return []
    with zaak.alleen_lezen():
        return [naam for naam, soort in m.ACTIES.items() if _mogelijk(zaak, soort, vandaag)]
