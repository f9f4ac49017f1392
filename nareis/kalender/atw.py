"""The Algemene termijnenwet (Atw) exactly as DOMAIN.md §3.0 states it.

- art. 1: a term ending on a Saturday, Sunday or generally recognised holiday runs through the
  next day that is none of these (not for terms counted backwards: this service has none);
- art. 2: a term of at least three days is extended, where needed, so that it contains at
  least two such working days;
- art. 3: the holidays — computed per year from the rules in the policy data (Easter-dependent
  days by the Gregorian computus of `dateutil.easter`, King's Day on the 26th when the 27th is
  a Sunday, 5 May every year, Good Friday) plus the days designated by decree (art. 3(3));
- art. 4: no shift for terms in hours, of more than 90 days, more than twelve weeks, more than
  three months, or in one or more years; art. 1 and 5: only terms set in a wet or AMvB.

Whether a term is shifted is the policy flag `Termijnlengte.atw`; `toepassing` explains it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from functools import cache
from types import MappingProxyType

from dateutil.easter import easter

from nareis.beleid import Beleid, Feestdag, Termijnlengte
from nareis.uitleg import Verschuiving, VrijeDag

#: Atw art. 4: the longest term, per unit, the Atw still covers
GRENZEN = {"dagen": 90, "weken": 12, "maanden": 3}
_GRENS_TEKST = {"dagen": "90 dagen", "weken": "twaalf weken", "maanden": "drie maanden"}


@cache
def _feestdagen(regels: tuple[Feestdag, ...], jaar: int) -> Mapping[date, str]:
    pasen = easter(jaar)
    return MappingProxyType({regel.in_jaar(jaar, pasen): regel.naam for regel in regels})


def wettelijke_feestdagen(jaar: int, beleid: Beleid) -> Mapping[date, str]:
    """Atw art. 3(1) and (2): the generally recognised holidays of `jaar`, date → name."""
    return _feestdagen(beleid.feestdagen, jaar)


def vrije_dag(dag: date, beleid: Beleid) -> str | None:
    """Why `dag` is not a working day in the sense of the Atw, or None if it is one."""
    if dag.weekday() == 5:
        return "zaterdag"
    if dag.weekday() == 6:
        return "zondag"
    feestdag = wettelijke_feestdagen(dag.year, beleid).get(dag)
    if feestdag is not None:
        return feestdag
    if beleid.is_aangewezen_dag(dag):
        return "bij besluit aangewezen dag (Atw art. 3 lid 3)"
    return None


def waarom_vrij(dag: date, beleid: Beleid) -> str | None:
    """Why `dag` is no working day, naming every reason with the article or decree behind it
    (a Saturday that is also King's Day says both); None for a working day."""
    redenen = []
    if dag.weekday() >= 5:
        redenen.append("zaterdag" if dag.weekday() == 5 else "zondag")
    feestdag = wettelijke_feestdagen(dag.year, beleid).get(dag)
    if feestdag is not None:
        regel = next((f for f in beleid.feestdagen if f.naam == feestdag), None)
        redenen.append(f"{feestdag} ({regel.bron.split(':')[0] if regel is not None else 'Atw art. 3'})")
    aangewezen = next((a for a in beleid.aangewezen_dagen if a.datum == dag), None)
    if aangewezen is not None:
        redenen.append(f"bij besluit aangewezen dag ({aangewezen.bron})")
    return " en ".join(redenen) or None


def vrije_dagen(van: date, tot: date, beleid: Beleid) -> tuple[VrijeDag, ...]:
    """Every day of [van, tot] that is no working day, with why."""
    dagen = []
    dag = van
    while dag <= tot:
        reden = waarom_vrij(dag, beleid)
        if reden is not None:
            dagen.append(VrijeDag(datum=dag, reden=reden))
        dag += timedelta(days=1)
    return tuple(dagen)


def _opsomming(dagen: tuple[VrijeDag, ...]) -> str:
    return ", ".join(f"{d.datum} {d.reden}" for d in dagen)


def is_werkdag(dag: date, beleid: Beleid) -> bool:
    """Not a Saturday, Sunday, holiday or designated day (Atw art. 1, 3)."""
    return vrije_dag(dag, beleid) is None


def wettelijke_uitzondering(lengte: int, eenheid: str, wettelijk: bool) -> str | None:
    """Why the statute keeps the Atw from a term of `lengte` `eenheid`, or None (art. 1, 4, 5)."""
    if not wettelijk:
        return "geen termijn uit een wet of AMvB (Atw art. 1 en 5)"
    if eenheid == "jaren":
        return "termijn in jaren (Atw art. 4)"
    if lengte > GRENZEN[eenheid]:
        return f"termijn van meer dan {_GRENS_TEKST[eenheid]} (Atw art. 4)"
    return None


def toepassing(termijn: Termijnlengte, *, verlengd_van: Termijnlengte | None = None) -> tuple[bool, str]:
    """Whether the Atw shifts this term (the policy flag) and why, in words for the `uitleg`.

    For an extended term pass the extension as `termijn` and the original as `verlengd_van`:
    the extended term as a whole is longer than the original's art. 4 limit.
    """
    if verlengd_van is not None:
        wet = wettelijke_uitzondering(verlengd_van.lengte, verlengd_van.eenheid, verlengd_van.wettelijk)
        if wet is None:
            wet = (
                f"verlengde termijn ({verlengd_van.tekst()} + {termijn.tekst()}) is langer dan "
                f"{_GRENS_TEKST.get(verlengd_van.eenheid, 'de grens')} (Atw art. 4)"
            )
    else:
        wet = wettelijke_uitzondering(termijn.lengte, termijn.eenheid, termijn.wettelijk)
    if termijn.atw:
        if wet is None:
            return True, f"termijn van {termijn.tekst()} uit de wet: Atw art. 1 en 2 zijn van toepassing"
        return True, f"beleidskeuze: Atw toch toegepast, hoewel {wet}"
    if wet is not None:
        return False, wet
    return False, "beleidskeuze: Atw niet toegepast (zie de bron van de termijn)"


def verschuif(start: date, einde: date, beleid: Beleid) -> tuple[date, tuple[Verschuiving, ...]]:
    """Apply Atw art. 2 and then art. 1 to a term running from the day after `start` through `einde`.

    The result is never earlier than `einde`, is a working day, and the term then holds at
    least two working days when it is three days or longer. (Applying art. 1 first gives the
    same date: both end on the first working day that satisfies the two rules.)
    """
    verschuivingen: list[Verschuiving] = []
    if (einde - start).days >= 3 and _werkdagen_tot(start, einde, beleid, genoeg=2) < 2:
        nieuw = einde
        while _werkdagen_tot(start, nieuw, beleid, genoeg=2) < 2:
            nieuw += timedelta(days=1)
        vrij = vrije_dagen(start + timedelta(days=1), nieuw, beleid)
        reden = "minder dan twee werkdagen in de termijn" + (f"; geen werkdag: {_opsomming(vrij)}" if vrij else "")
        verschuivingen.append(Verschuiving(artikel="Atw art. 2", van=einde, naar=nieuw, reden=reden, overgeslagen=vrij))
        einde = nieuw
    if vrije_dag(einde, beleid) is not None:
        nieuw = einde + timedelta(days=1)
        while not is_werkdag(nieuw, beleid):
            nieuw += timedelta(days=1)
        # issue #20 item 13: every day skipped, each with why
        vrij = vrije_dagen(einde, nieuw - timedelta(days=1), beleid)
        verschuivingen.append(
            Verschuiving(artikel="Atw art. 1", van=einde, naar=nieuw, reden=_opsomming(vrij), overgeslagen=vrij)
        )
        einde = nieuw
    return einde, tuple(verschuivingen)


def _werkdagen_tot(start: date, einde: date, beleid: Beleid, *, genoeg: int) -> int:
    """Working days in (start, einde], counting from the end and stopping at `genoeg`."""
    geteld = 0
    dag = einde
    while dag > start and geteld < genoeg:
        geteld += is_werkdag(dag, beleid)
        dag -= timedelta(days=1)
    return geteld
