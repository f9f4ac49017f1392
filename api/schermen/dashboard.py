"""The team lead's dashboard (issue #17 item 8): open cases per phase; per kind of term how many
lapsed, end this week and end within four weeks; running notices of default; open cases per
caseworker and unassigned; the deadlines of the next twelve weeks as a server-rendered SVG chart.

Every figure is a visibility count over the search attributes of CONTRACT.md (`client.visibility`),
run a few at a time; the caseworkers are found one small query each (`visibility.per_behandelaar`),
as SQL visibility groups counts by execution status alone. Weeks run Monday to Sunday, days in Amsterdam.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, timedelta

from temporalio.client import Client

from client import visibility
from nareis.contract import Fase, TermijnSoort

WEKEN = 12
VIER_WEKEN = 28


@dataclass(frozen=True)
class Termijnregel:
    soort: TermijnSoort
    verlopen: int
    deze_week: int
    binnen_vier_weken: int


@dataclass(frozen=True)
class Week:
    maandag: date
    aantal: int


@dataclass(frozen=True)
class Dashboard:
    vandaag: date
    per_fase: dict[str, int]
    termijnen: list[Termijnregel]
    ingebrekestellingen: int
    per_behandelaar: list[tuple[str, int]]
    niet_toegewezen: int
    overige_behandelaars: int  # the cases of caseworkers past visibility.MAX_BEHANDELAARS
    weken: list[Week]

    @property
    def open(self) -> int:
        return sum(self.per_fase.values())


def maandag_van(dag: date) -> date:
    return dag - timedelta(days=dag.weekday())


def _vragen(vandaag: date) -> dict[tuple[str, str], str]:
    """Every count of the dashboard, by (what, which)."""
    zondag = maandag_van(vandaag) + timedelta(days=6)
    vragen = {("fase", f.value): visibility.query(fasen=[f.value]) for f in Fase}
    for soort in TermijnSoort:
        if soort is TermijnSoort.BESLISTERMIJN:  # lapsed: no longer the next term, still undecided
            verlopen = visibility.query(
                fasen=[f.value for f in visibility.FASEN_VOOR_BESLUIT], beslistermijn_eindigt_voor=vandaag
            )
        else:
            verlopen = visibility.query(termijnsoort=soort, termijn_eindigt_voor=vandaag)
        vragen[("verlopen", soort)] = verlopen
        for naam, tot in (("deze_week", zondag), ("binnen_vier_weken", vandaag + timedelta(VIER_WEKEN))):
            vragen[(naam, soort)] = visibility.query(
                termijnsoort=soort, termijn_eindigt_vanaf=vandaag, termijn_eindigt_voor=tot + timedelta(1)
            )
    # running, a notice of default is its case's next term (two weeks, Awb 4:17(3))
    vragen[("ingebrekestellingen", "")] = visibility.query(termijnsoort=TermijnSoort.INGEBREKESTELLING)
    for i in range(WEKEN):
        maandag = maandag_van(vandaag) + timedelta(weeks=i)
        vragen[("week", maandag.isoformat())] = visibility.query(
            termijn_eindigt_vanaf=max(maandag, vandaag), termijn_eindigt_voor=maandag + timedelta(7)
        )
    return vragen


async def dashboard(client: Client, vandaag: date) -> Dashboard:
    (aantallen, (behandelaars, overig)) = await asyncio.gather(
        visibility.counts(client, _vragen(vandaag)), visibility.per_behandelaar(client, visibility.query())
    )
    termijnen = [
        Termijnregel(
            soort,
            aantallen[("verlopen", soort)],
            aantallen[("deze_week", soort)],
            aantallen[("binnen_vier_weken", soort)],
        )
        for soort in TermijnSoort
    ]
    return Dashboard(
        vandaag=vandaag,
        per_fase={f.value: aantallen[("fase", f.value)] for f in Fase},
        termijnen=termijnen,
        ingebrekestellingen=aantallen[("ingebrekestellingen", "")],
        per_behandelaar=sorted(((naam, n) for naam, n in behandelaars.items() if naam), key=lambda p: (-p[1], p[0])),
        niet_toegewezen=behandelaars.get(None, 0),
        overige_behandelaars=overig,
        weken=[Week(date.fromisoformat(sleutel), n) for (wat, sleutel), n in aantallen.items() if wat == "week"],
    )


@dataclass(frozen=True)
class Staaf:
    """One bar of the chart, in SVG user units."""

    x: int
    y: int
    hoogte: int
    week: Week


BREEDTE, HOOGTE, MARGE, VOET = 720, 240, 30, 40


def staven(weken: list[Week]) -> list[Staaf]:
    """The chart's bars: one per week, scaled to the highest (at least 1, so none divides by 0)."""
    hoogste = max((w.aantal for w in weken), default=0) or 1
    vak = (BREEDTE - 2 * MARGE) // max(len(weken), 1)
    uit = []
    for i, week in enumerate(weken):
        hoogte = round(week.aantal / hoogste * (HOOGTE - VOET - MARGE))
        uit.append(Staaf(MARGE + i * vak + vak // 8, HOOGTE - VOET - hoogte, hoogte, week))
    return uit


#: how long the figures are shown again before they are counted anew (a team lead reloading the
#: page, or several team leads, cost the visibility store one count a half minute)
BEWAARTIJD_S = 30.0


@dataclass
class Bewaard:
    """The last dashboard of an API process, with when it was counted (`time.monotonic`)."""

    dashboard: Dashboard | None = None
    geteld_om: float = 0.0
    tijdstip: str = ""  # wall clock of the count, HH:MM:SS in Amsterdam, for the page

    def vers(self, vandaag: date, nu: float) -> Dashboard | None:
        if self.dashboard is not None and self.dashboard.vandaag == vandaag and nu - self.geteld_om < BEWAARTIJD_S:
            return self.dashboard
        return None
