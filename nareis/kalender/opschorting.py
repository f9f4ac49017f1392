"""The suspension ledger of the beslistermijn (Awb 4:15; DOMAIN.md §3.0, §3.3; WI 2026/11 §1.3).

Conventions (DOMAIN.md §3.0), one place:
- a suspension counts the days after its start (`van`, e.g. the HV letter's sending date)
  through its end (`tot`: the day the information arrived, or the day the response term
  lapsed unused): `tot − van` days;
- a suspension still running (`tot` None) counts through the `peildatum` (the case's today);
- overlapping suspensions count each day once (any Awb 4:15 ground: HV letter, foreign
  authority, the applicant's consent, delay by the applicant, force majeure);
- only days after the term's start count (a letter sent before the term began cannot pause it);
- suspensions are booked in date order; one whose `van` lies after the end of the term as it
  stood on that day (with the suspensions before it, the extension if given by then, and the
  Atw where it applies) does not count: "no suspension once expired" (WI 2026/11 §1.3). It
  stays in the ledger with 0 days and the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict, model_validator

from nareis.uitleg import OpschortingUitleg


class Opschorting(BaseModel):
    """One suspension as recorded in the case."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    grond: str  # e.g. "herstel_verzuim:nareistermijn", "buitenlandse_autoriteit"
    van: date  # the sending or start date; suspended from the day after
    tot: date | None = None  # None: still running (counted through the peildatum)
    bron: str  # e.g. "Awb 4:15 lid 1 sub a; WI 2026/11 §1.3"

    @model_validator(mode="after")
    def _volgorde(self) -> Opschorting:
        if self.tot is not None and self.tot < self.van:
            raise ValueError(f"tot: {self.tot} ligt voor van ({self.van})")
        return self


class Grootboek(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    dagen: int  # suspended days, each counted once
    regels: tuple[OpschortingUitleg, ...]  # every suspension, counted or not, in booking order
    loopt: bool  # a counted suspension is still running on the peildatum
    stappen: tuple[str, ...]  # the booking in words, for the `uitleg`


#: (suspended days so far, the day it is asked) → the end of the term as it stood
EindeOp = Callable[[int, date], date]


def boek(opschortingen: Sequence[Opschorting], *, start: date, peildatum: date, einde_op: EindeOp) -> Grootboek:
    """Book `opschortingen` against a term that started on `start`."""
    geteld: set[date] = set()
    regels: list[OpschortingUitleg] = []
    stappen: list[str] = []
    loopt = False
    for opschorting in sorted(opschortingen, key=lambda o: (o.van, o.tot or date.max, o.grond)):
        tot = opschorting.tot if opschorting.tot is not None else max(peildatum, opschorting.van)
        tot_tekst = f"{opschorting.tot}" if opschorting.tot is not None else f"{peildatum} (loopt nog)"
        einde_toen = einde_op(len(geteld), opschorting.van)
        if opschorting.van > einde_toen:
            reden = f"niet geteld: de beslistermijn was op {opschorting.van} al verstreken (einde {einde_toen})"
            regels.append(_regel(opschorting, 0, reden))
            stappen.append(f"opschorting {opschorting.grond} ({opschorting.bron}) vanaf {opschorting.van}: {reden}")
            continue
        eerste = max(opschorting.van, start)
        dagen = {eerste + timedelta(days=i) for i in range(1, (tot - eerste).days + 1)}
        nieuw = dagen - geteld
        geteld |= dagen
        loopt = loopt or opschorting.tot is None
        overlap = len(dagen) - len(nieuw)
        opmerking = f"{overlap} dagen vielen al in een eerdere opschorting" if overlap else None
        regels.append(_regel(opschorting, len(nieuw), opmerking))
        stap = (
            f"opgeschort ({opschorting.grond}, {opschorting.bron}): na {eerste} t/m {tot_tekst} "
            f"= {(tot - eerste).days} dagen"
        )
        if overlap:
            stap += f", waarvan {overlap} al geteld: {len(nieuw)} dagen erbij"
        stappen.append(stap)
    return Grootboek(dagen=len(geteld), regels=tuple(regels), loopt=loopt, stappen=tuple(stappen))


def _regel(opschorting: Opschorting, dagen: int, opmerking: str | None) -> OpschortingUitleg:
    grond = opschorting.grond if opmerking is None else f"{opschorting.grond} ({opmerking})"
    return OpschortingUitleg(grond=grond, van=opschorting.van, tot=opschorting.tot, dagen=dagen, bron=opschorting.bron)
