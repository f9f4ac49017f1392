"""What the rules know beyond the application and the facts: the case's state, filled by the
workflow from its clock, its letters and its linked cases. Every field has a safe default."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from nareis import contract as m


class EerdereAanvraag(BaseModel):
    """The earlier application of the same family member (WI 2026/11 §2.2, §4.3, §5.5)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    aanvraagnummer: str
    uitkomst: str | None = None  # "inwilliging", "afwijzing", "buiten_behandeling", "ingetrokken"; None = open
    besluit_op: date | None = None
    inhoudelijk_beoordeeld: bool = False  # rejected on the merits (not e.g. unavailable for investigation)


class Toetsingscontext(BaseModel):
    """Filled by the workflow from the case; every field documented with its paragraph."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # the case's today: ages "during the procedure" (§1.4.2, §3.1.2) and "at the decision" (§3.2.2)
    peildatum: date
    # §2.2, from the clock: tijdig / coulance / te_laat / niet_van_toepassing (subsidiary referent)
    nareistermijn_oordeel: m.NareistermijnOordeel
    # §2.3, from the clock: last day of the two-year waiting period (subsidiary referent)
    wachttermijn_einde: date | None = None
    # §2.2: the caseworker's judgement on a late filing (update `verschoonbaarheid_beoordelen`)
    verschoonbaar: bool | None = None
    # §1.1, §5.8: the official form has arrived (a case filed by letter waits for it)
    formulier_ontvangen: bool = True
    # §5.1, §5.8: the day the application was taken into processing (form received); None = ontvangen_op
    in_behandeling_op: date | None = None
    # §1.2, §4.5: the (current) end of the beslistermijn; None = not running
    beslistermijn_einde: date | None = None
    # §3.1, §3.1.2, WI 2026/12: the investigations offered and their results
    onderzoek_aangeboden: list[m.OnderzoekSoort] = Field(default_factory=list)
    onderzoek_uitslagen: dict[m.OnderzoekSoort, m.OnderzoekUitkomst] = Field(default_factory=dict)
    # §2.9: screening result; None = no result yet, [] = no signals
    screening_signalen: list[m.Signaal] | None = None
    # §1.3: an HV letter lapsed unanswered (duty to cooperate, weighed in the integral assessment)
    hv_onbeantwoord: bool = False
    # §4, §4.1: for a broer_zus, the outcomes of the parents' applications filed together:
    # "inwilliging", "afwijzing", "buiten_behandeling", "ingetrokken", "overleden"; None = still open
    ouders_uitkomst: list[str | None] = Field(default_factory=list)
    # §3.2.1: other open or granted spouse applications of the same referent (aanvraagnummers)
    andere_echtgenoot_aanvragen: list[str] = Field(default_factory=list)
    # §3.2.1: one of those was granted: granting this one would create polygamy in the Netherlands
    andere_echtgenoot_ingewilligd: bool = False
    # §2.2, §4.3, §5.5: the earlier application of this family member, if any
    eerdere_aanvraag: EerdereAanvraag | None = None
    # §4.3, §2.6: an objection against the decision is being decided (nbm stays a minor)
    in_bezwaar: bool = False
