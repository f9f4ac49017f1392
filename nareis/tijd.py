"""Legal dates and the moments they begin and end, in Europe/Amsterdam (DOMAIN.md §3.0).

Built here, outside workflow code: the Temporal sandbox refuses to construct a ZoneInfo
inside a workflow, so the workflow imports this module passed through.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def datum_in_amsterdam(moment: datetime) -> date:
    """The calendar date in the Netherlands at `moment` (an aware datetime)."""
    return moment.astimezone(AMSTERDAM).date()


def begin_van(dag: date) -> datetime:
    """00:00 in Amsterdam on `dag`, as an aware datetime."""
    return datetime.combine(dag, time(0), tzinfo=AMSTERDAM)


def na_afloop_van(dag: date) -> datetime:
    """The first moment after a term that ends on `dag`: the party may act through `dag`."""
    return begin_van(dag + timedelta(days=1))


_MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def datum_voluit(waarde: date | str) -> str:
    """A date as Dutch documents write it: `2026-11-23` → `23 november 2026`."""
    dag = date.fromisoformat(waarde) if isinstance(waarde, str) else waarde
    return f"{dag.day} {_MAANDEN[dag.month - 1]} {dag.year}"
