"""The numbers the rules need (Toetsingsnormen), taken from the policy in force (nareis.beleid).

The rules never hard-code a number of WI 2026/11: ages, the Migration Pact date, the housing
period and the minimum-wage table come from the versioned policy data (`uit_beleid`).
`standaard()` gives the same numbers without the policy package, for tests and tools.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from nareis.beleid import Beleid

#: EU member states (ISO 3166-1 alpha-2), for WI 2026/11 §2.8 ("more may be expected")
EU_LIDSTATEN = frozenset(
    (
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    )
)


class Minimumloonperiode(BaseModel):
    """One row of the minimum-wage table: gross a month, excluding holiday pay."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    vanaf: date
    tot: date
    bedrag: Decimal


class Toetsingsnormen(BaseModel):
    """The numbers of the assessment; every field cites where it comes from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    meerderjarig: int = 18  # art. 1:233 BW; WI 2026/11 intro, §2.4, §4.3
    antecedentenverklaring_vanaf: int = 12  # WI 2026/11 §1.4.2
    kimlik_maximaal: int = 14  # WI 2026/11 §5.1: children "tot en met 14 jaar"
    migratiepact_op: date = date(2026, 6, 12)  # WI 2026/11 intro, §2.7, §3.1, §4.1
    huisvesting_maanden: int = 6  # WI 2026/11 §2.3.2
    nareistermijn_maanden: int = 3  # art. 29c Vw; WI 2026/11 §4.3 (the nbm's minority)
    # project convention (DOMAIN.md §3.2: "long after the waiting period"): more than a year
    wachttermijn_ruim_na_maanden: int = 12
    minimumloon: tuple[Minimumloonperiode, ...] = ()  # WI 2026/11 §2.3.1; Wet minimumloon
    eu_lidstaten: frozenset[str] = EU_LIDSTATEN  # WI 2026/11 §2.8

    @classmethod
    def uit_beleid(cls, beleid: Beleid) -> Toetsingsnormen:
        """The numbers of the policy version in force for the case (`beleid_op(ontvangen_op)`)."""
        leeftijden = beleid.leeftijden
        return cls(
            meerderjarig=int(leeftijden.meerderjarig.waarde),
            antecedentenverklaring_vanaf=int(leeftijden.antecedentenverklaring.waarde),
            kimlik_maximaal=int(leeftijden.kimlik_maximaal.waarde),
            migratiepact_op=beleid.migratiepact_op.waarde,
            huisvesting_maanden=int(beleid.middelen.huisvesting_maanden.waarde),
            nareistermijn_maanden=beleid.termijnen.nareistermijn.lengte,
            minimumloon=tuple(
                Minimumloonperiode(vanaf=r.vanaf, tot=r.tot, bedrag=Decimal(r.bedrag)) for r in beleid.minimumloon
            ),
        )

    @classmethod
    def standaard(cls) -> Toetsingsnormen:
        """The numbers of DOMAIN.md §3.2 and WI 2026/11 without the policy package (2026-H2 unknown)."""
        return cls(
            minimumloon=(
                Minimumloonperiode(vanaf=date(2025, 1, 1), tot=date(2025, 6, 30), bedrag=Decimal("2191.80")),
                Minimumloonperiode(vanaf=date(2025, 7, 1), tot=date(2025, 12, 31), bedrag=Decimal("2245.80")),
                Minimumloonperiode(vanaf=date(2026, 1, 1), tot=date(2026, 6, 30), bedrag=Decimal("2294.40")),
            )
        )

    def minimumloon_op(self, dag: date) -> Decimal | None:
        """The monthly minimum wage in force on `dag`; None when the policy has no row for it."""
        return next((p.bedrag for p in self.minimumloon if p.vanaf <= dag <= p.tot), None)
