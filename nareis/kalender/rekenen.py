"""Counting terms (DOMAIN.md §3.0): months, weeks, days and years from a triggering date.

A term starts the day after the triggering date (Awb 6:8) and ends on the date computed here.
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from nareis.beleid import Termijnlengte


def plus(start: date, lengte: int, eenheid: str) -> date:
    """The end of a term of `lengte` `eenheid` from `start`.

    Months and years end on the same day of the month; where that day does not exist, on the
    last day of the month (31 Aug + 6 months → 28/29 Feb; HR 1-9-2017, ECLI:NL:HR:2017:2225) —
    exactly how `relativedelta` clamps. Weeks end on the same weekday: start + 7N days.
    """
    if eenheid == "dagen":
        return start + timedelta(days=lengte)
    if eenheid == "weken":
        return start + timedelta(weeks=lengte)
    if eenheid == "maanden":
        return start + relativedelta(months=lengte)
    if eenheid == "jaren":
        return start + relativedelta(years=lengte)
    raise ValueError(f"onbekende eenheid {eenheid!r}")


def einde(start: date, termijn: Termijnlengte) -> date:
    return plus(start, termijn.lengte, termijn.eenheid)


_MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip

#: the month-end rule's source
HR_2017 = "HR 1-9-2017, ECLI:NL:HR:2017:2225"


def maandeinde(start: date, eind: date, eenheid: str) -> str | None:
    """Why a term in months or years ends on another day of the month than it started: that day
    does not exist in the end month, so the term ends on its last day (HR 1-9-2017). None when
    the end keeps the start's day (or the term is in days or weeks)."""
    if eenheid not in ("maanden", "jaren") or eind.day == start.day:
        return None
    return (
        f"{start.day} {_MAANDEN[eind.month - 1]} {eind.year} bestaat niet: de laatste dag van die maand, "
        f"{eind} ({HR_2017})"
    )


def leeftijd(geboortedatum: date, op: date) -> int:
    """Full years of age on `op`.

    Convention (no rule in the sources): someone born on 29 February turns a year older on
    28 February in a year without 29 February, as `relativedelta` counts (the month-end
    clamp of HR 1-9-2017 applied to birthdays).
    """
    return relativedelta(op, geboortedatum).years
