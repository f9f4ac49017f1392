"""The suspension ledger of the beslistermijn (Awb 4:15; DOMAIN.md §3.0).

Every suspension counts the days after its start through its end (end − start). Overlapping
suspensions count each day once. A suspension that starts after the term (as it stands with
the earlier ones) has expired does not count: no suspension once expired (WI 2026/11 §1.3).
"""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict

from nareis.uitleg import OpschortingUitleg


class Opschorting(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    grond: str
    van: date  # the sending or start date; suspended from the day after
    tot: date | None = None  # None: still running (counted through the peildatum)
    bron: str


class Grootboek(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    dagen: int
    regels: tuple[OpschortingUitleg, ...]
    loopt: bool  # a counted suspension is still running on the peildatum


def boek(opschortingen: list[Opschorting], einde_zonder: date, peildatum: date) -> Grootboek:
    """Count the suspended days against a term that would end on `einde_zonder`."""
    geteld: set[date] = set()
    regels: list[OpschortingUitleg] = []
    loopt = False
    for opschorting in sorted(opschortingen, key=lambda o: (o.van, o.grond)):
        einde_nu = einde_zonder + timedelta(days=len(geteld))
        tot = opschorting.tot if opschorting.tot is not None else max(peildatum, opschorting.van)
        if opschorting.van > einde_nu:
            regels.append(_regel(opschorting, tot, 0, f"niet geteld: de termijn was op {einde_nu} al verstreken"))
            continue
        dagen = {opschorting.van + timedelta(days=i) for i in range(1, (tot - opschorting.van).days + 1)}
        nieuw = dagen - geteld
        geteld |= dagen
        loopt = loopt or opschorting.tot is None
        overlap = len(dagen) - len(nieuw)
        regels.append(
            _regel(
                opschorting,
                opschorting.tot,
                len(nieuw),
                f"{overlap} dagen overlap al geteld" if overlap else None,
            )
        )
    return Grootboek(dagen=len(geteld), regels=tuple(regels), loopt=loopt)


def _regel(opschorting: Opschorting, tot: date | None, dagen: int, opmerking: str | None) -> OpschortingUitleg:
    grond = opschorting.grond if opmerking is None else f"{opschorting.grond} ({opmerking})"
    return OpschortingUitleg(grond=grond, van=opschorting.van, tot=tot, dagen=dagen, bron=opschorting.bron)
