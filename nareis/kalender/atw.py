"""The Algemene termijnenwet (Atw) exactly as DOMAIN.md §3.0 states it.

art. 1: a term ending on a Saturday, Sunday or generally recognised holiday runs through the
next day that is none of these (not for terms counted backwards); art. 2: a term of at least
three days is extended so that it contains at least two such working days; art. 3: the
holidays; art. 4(a): no shift for terms in hours, of more than 90 days, more than twelve
weeks, more than three months, or in years.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from dateutil.easter import easter

from nareis.beleid import Beleid, Termijnlengte
from nareis.uitleg import Verschuiving


@cache
def wettelijke_feestdagen(jaar: int) -> dict[date, str]:
    """Atw art. 3 lid 1 and 2, computed for `jaar` (Easter by the Gregorian computus)."""
    pasen = easter(jaar)
    koningsdag = date(jaar, 4, 27)
    if koningsdag.weekday() == 6:  # art. 3 lid 1: the 26th when the 27th is a Sunday
        koningsdag = date(jaar, 4, 26)
    return {
        date(jaar, 1, 1): "Nieuwjaarsdag",
        pasen - timedelta(days=2): "Goede Vrijdag",
        pasen: "Eerste Paasdag",
        pasen + timedelta(days=1): "Tweede Paasdag",
        koningsdag: "Koningsdag",
        date(jaar, 5, 5): "Bevrijdingsdag",
        pasen + timedelta(days=39): "Hemelvaartsdag",
        pasen + timedelta(days=49): "Eerste Pinksterdag",
        pasen + timedelta(days=50): "Tweede Pinksterdag",
        date(jaar, 12, 25): "Eerste Kerstdag",
        date(jaar, 12, 26): "Tweede Kerstdag",
    }


def vrije_dag(dag: date, beleid: Beleid) -> str | None:
    """Why `dag` is not a working day in the sense of the Atw, or None if it is one."""
    if dag.weekday() == 5:
        return "zaterdag"
    if dag.weekday() == 6:
        return "zondag"
    feestdag = wettelijke_feestdagen(dag.year).get(dag)
    if feestdag is not None:
        return feestdag
    if beleid.is_aangewezen_dag(dag):
        return "bij besluit aangewezen dag (Atw art. 3 lid 3)"
    return None


def is_werkdag(dag: date, beleid: Beleid) -> bool:
    return vrije_dag(dag, beleid) is None


def uitgezonderd(termijn: Termijnlengte, lengte: int | None = None, eenheid: str | None = None) -> str | None:
    """Why the Atw does not apply to this term, or None when it does (art. 1, 4, 5)."""
    lengte = termijn.lengte if lengte is None else lengte
    eenheid = termijn.eenheid if eenheid is None else eenheid
    if not termijn.wettelijk:
        return "geen wettelijke termijn (Atw art. 1 en 5: alleen termijnen uit wet of AMvB)"
    grenzen = {"dagen": 90, "weken": 12, "maanden": 3}
    if eenheid == "jaren":
        return "termijn in jaren (Atw art. 4 lid 1 sub a)"
    if lengte > grenzen[eenheid]:
        return f"termijn van meer dan {grenzen[eenheid]} {eenheid} (Atw art. 4 lid 1 sub a)"
    return None


def verschuif(start: date, einde: date, beleid: Beleid) -> tuple[date, tuple[Verschuiving, ...]]:
    """Apply Atw art. 2 and art. 1 to a term running from the day after `start` through `einde`.

    Art. 2 first: a term of at least three days must contain two working days; then art. 1:
    an end on a non-working day runs through the next working day.
    """
    verschuivingen: list[Verschuiving] = []
    if (einde - start).days >= 3:
        werkdagen = [start + timedelta(days=i) for i in range(1, (einde - start).days + 1)]
        if sum(is_werkdag(d, beleid) for d in werkdagen) < 2:
            nieuw = einde
            while sum(is_werkdag(start + timedelta(days=i), beleid) for i in range(1, (nieuw - start).days + 1)) < 2:
                nieuw += timedelta(days=1)
            verschuivingen.append(
                Verschuiving(
                    artikel="Atw art. 2",
                    van=einde,
                    naar=nieuw,
                    reden="minder dan twee werkdagen in de termijn",
                )
            )
            einde = nieuw
    reden = vrije_dag(einde, beleid)
    if reden is not None:
        nieuw = einde
        while not is_werkdag(nieuw, beleid):
            nieuw += timedelta(days=1)
        verschuivingen.append(Verschuiving(artikel="Atw art. 1", van=einde, naar=nieuw, reden=reden))
        einde = nieuw
    return einde, tuple(verschuivingen)
