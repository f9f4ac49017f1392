"""How a computed date came about (DOMAIN.md §3.0: "every computed date is explainable").

An `Uitleg` is attached to every term the service shows, so a caseworker can
check the date by hand: the rule and its source, the start, the raw end, each
suspension and extension, and which Atw article shifted it from which date.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class VrijeDag(_Model):
    """A day that is no working day in the sense of the Atw, and why (art. 1, 3)."""

    datum: date
    reden: str  # "zaterdag", "zondag", "Tweede Paasdag (Atw art. 3 lid 1)", "bij besluit aangewezen dag (…)"


class Verschuiving(_Model):
    """One shift of an end date by the Algemene termijnenwet."""

    artikel: str  # e.g. "Atw art. 1"
    van: date
    naar: date
    # issue #20 item 13: every day skipped, each with why, so the date can be checked by hand
    reden: str  # e.g. "2026-04-03 Goede Vrijdag (Atw art. 3 lid 2), 2026-04-04 zaterdag, …"
    overgeslagen: tuple[VrijeDag, ...] = ()


class OpschortingUitleg(_Model):
    """One suspension in the ledger (Awb 4:15): the days after `van` through `tot`."""

    grond: str
    van: date
    tot: date | None  # None while still running
    dagen: int  # days newly added to the term (overlap with earlier ones counted once)
    bron: str


class VerlengingUitleg(_Model):
    duur: str  # e.g. "3 maanden"
    van: date  # end before the extension
    naar: date  # end after the extension (before any Atw shift)
    bron: str


class Uitleg(_Model):
    """The derivation of one term's end date."""

    termijn: str  # name of the term, e.g. "beslistermijn"
    regel: str  # in words, e.g. "9 maanden na ontvangst van het formulier"
    bron: str  # e.g. "art. 2u Vw; WI 2026/11 §1.2"
    start: date  # the triggering date; the term runs from the day after (Awb 6:8)
    ruw_einde: date  # start + length, before suspensions, extension and Atw
    # the month-end rule where it decided the raw end or the extension (HR 1-9-2017)
    rekenregel: str | None = None
    opschortingen: tuple[OpschortingUitleg, ...] = ()
    opgeschorte_dagen: int = 0
    verlenging: VerlengingUitleg | None = None
    atw_van_toepassing: bool = False
    atw_reden: str | None = None  # why the Atw does or does not apply (art. 4 etc.)
    verschuivingen: tuple[Verschuiving, ...] = ()
    einde: date
    beleid: str  # policy version id used
    stappen: tuple[str, ...] = ()  # the derivation step by step, in Dutch
