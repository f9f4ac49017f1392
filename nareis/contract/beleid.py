"""The signal `beleid_gepubliceerd` (issue #16; DOMAIN.md §3.10): a policy version published to
a running case by an operator (`python -m worker beleid publiceren`).

The message carries everything the case takes from the version — its designated Atw days, its
transitional rule and the term lengths that rule applies — so the case never reads the policy
data file for it: a history replays the same whatever the file says later.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, model_validator

from nareis.beleid import AangewezenDag, Beleid, Overgangsregel, Termijnen


class BeleidGepubliceerd(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    versie: str
    omschrijving: str
    vervangt: str | None = None
    #: Atw art. 3(3): days designated by decree; they apply to every running term (DOMAIN.md §3.10)
    aangewezen_dagen: tuple[AangewezenDag, ...] = ()
    #: which running cases take `termijnen`; None: none (the version is for new cases only)
    overgang: Overgangsregel | None = None
    termijnen: Termijnen | None = None

    @model_validator(mode="after")
    def _termijnen_bij_overgang(self) -> BeleidGepubliceerd:
        if (self.overgang is None) != (self.termijnen is None):
            raise ValueError("een overgangsregel en de termijnen die zij toepast gaan samen")
        return self

    @classmethod
    def uit_beleid(cls, beleid: Beleid) -> BeleidGepubliceerd:
        """The message that publishes `beleid` to running cases."""
        return cls(
            versie=beleid.versie,
            omschrijving=beleid.omschrijving,
            vervangt=beleid.vervangt,
            aangewezen_dagen=beleid.aangewezen_dagen,
            overgang=beleid.overgang,
            termijnen=beleid.termijnen if beleid.overgang is not None else None,
        )
