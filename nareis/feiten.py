"""The case facts: what caseworkers establish during the case (CONTRACT.md `feiten_vastleggen`).

Everything the rules of WI 2026/11 need beyond the `Aanvraag` (nareis.toetsing): evidence and
findings that arrive during the case. Each fact carries who recorded it and when (`door`, `op`).
The advice is recomputed from these facts, never edited by hand (DOMAIN.md §3.7). Unknown keys
are refused with an error naming the key; `null` clears a fact; only the keys sent change.

A fact left unset (None) means "not (yet) established": the rules then say `beoordelen`, or
apply the presumption the WI gives (e.g. a child of an intact biological family is presumed
dependent, WI 2026/11 §3).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from nareis.contract import Invoerfout, velden_uit

Huisvesting = Literal["huurovereenkomst", "koopakte", "gebruikersovereenkomst", "coa", "geen"]
Huwelijk = Literal["rechtsgeldig", "niet_rechtsgeldig", "erkenningsbeletsel"]
Huwelijkstype = Literal["burgerlijk", "religieus", "ahmadi", "turks_traditioneel", "volmacht"]


class Feiten(BaseModel):
    """Every fact the rules use, as plain values; all optional (None = not established)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # --- CONTRACT.md keys ---------------------------------------------------------------------
    identiteit_aannemelijk: bool | None = None  # WI 2026/11 §2.5, §3.1 (WI 2026/12)
    familierechtelijke_relatie_aannemelijk: bool | None = None  # §2.5, §3.1
    feitelijke_gezinsband: bool | None = None  # §2.6: at the referent's entry and still at decision
    toestemmingsverklaring: bool | None = None  # §3.1.2: signed, with a copy of an identity document
    antecedentenverklaring: bool | None = None  # §1.4.2: signed (not a fingerprint or e-signature)
    middelen_voldoende: bool | None = None  # §2.3.1: the caseworker's finding on all three elements
    bestendig_verblijf: bool | None = None  # §2.8: True = lawful residence in the third country
    huisvesting: Huisvesting | None = None  # §2.3.2: the evidence; COA is never housing
    huwelijk: Huwelijk | None = None  # §3.2: valid under private international law?

    # --- the referent during the procedure (§2.1, §4.3) ------------------------------------------
    referent_vergunning_verleend_op: date | None = None  # §4.3: permit granted after a premature filing
    referent_genaturaliseerd_op: date | None = None  # §2.1: naturalisation learned during the case
    referent_permanente_vergunning: bool | None = None  # §2.1: permanent permit during the procedure
    referent_vergunning_verlengd: bool | None = None  # §2.1: permit extended during the procedure

    # --- documents and identity (§2.5, §5.1) -----------------------------------------------------
    documenten_echt: bool | None = None  # §5.1: family-law documents found genuine (Bureau Documenten)
    documentsignalen: bool | None = None  # §5.1: Bureau Documenten signals that documents are wrong
    adoptiekind: bool | None = None  # §2.4, §3.1: adopted child (a DNA result then says nothing)
    identiteit_ouders_aannemelijk: bool | None = None  # §5.1: the parents' identity is plausible
    syrier_in_turkije: bool | None = None  # §5.1: the Kimlik rule is for Syrians in Turkey only
    kimlik_tijdig: bool | None = None  # §5.1: every child ≤ 14 has a Kimlik not issued late (tardief)
    kimlik_uitgesloten: bool | None = None  # §5.1: a step, foster or pre-marital child is involved

    # --- the actual family bond (§2.6, §3.1, §3.1.1, §4.1, §4.5) --------------------------------
    gezinsband_verbroken_op: date | None = None  # §2.6, §3.1.1: the bond was broken on this date
    gezinsband_hersteld_op: date | None = None  # §2.6, §3.1.1: and restored on this date
    ten_laste: bool | None = None  # §3.1, §4: the child depends on the referent / the parents
    gezag: bool | None = None  # §3.1, §4: the referent / the parents have custody
    zelfstandig_wonend: bool | None = None  # §3.1, §4.1: lives independently (municipal placement: no)
    zelfstandig_onderhoudend: bool | None = None  # §3.1, §4.1: supports himself (a benefit: no)
    eigen_gezin: bool | None = None  # §3.1, §4.1: has formed his own family
    zelfstandig_sinds: date | None = None  # §4.5: since when the nbm shows signs of independence

    # --- consent statement (§3.1.2) --------------------------------------------------------------
    achterblijvende_ouder: bool | None = None  # a parent (or adult with custody) stays behind or may not travel
    toestemming_niet_nodig: bool | None = None  # exceptional situation: the requirement is waived

    # --- marriage and polygamy (§3.2, §3.2.1, §3.2.2) --------------------------------------------
    huwelijkstype: Huwelijkstype | None = None
    huwelijk_gesloten_op: date | None = None
    relatie_voor_inreis_geleefd: bool | None = None  # §3.2: a (short) marriage lived before entry
    gedwongen_huwelijk: bool | None = None  # §3.2: recognition bar
    polygaam: bool | None = None  # §3.2.1: the referent has more than one spouse
    gekozen_echtgenoot: bool | None = None  # §3.2.1: this spouse is the one the referent chose
    andere_relaties_verbroken: bool | None = None  # §3.2.1: shown broken with the other spouses
    ouder_polygaam: bool | None = None  # §3.2.1: a parent of the nbm is polygamous
    volle_broer_zus: bool | None = None  # §3.2.1, fn 2: full (not half) sibling of the nbm

    # --- the nbm (§4.2) --------------------------------------------------------------------------
    nbm_begeleid: bool | None = None  # a parent brought him, or joined him during the asylum procedure

    # --- means and housing of a subsidiary referent (§2.3.1, §2.3.2) ----------------------------
    middelen_bedrag: Decimal | None = Field(default=None, ge=0, decimal_places=2)  # gross a month
    middelen_op: date | None = None  # when the means were shown (default: the day it was recorded)
    middelen_duurzaam: bool | None = None  # still available for a year
    middelen_zelfstandig: bool | None = None  # legally earned, premiums and taxes paid
    huisvesting_maanden: int | None = Field(default=None, ge=0)  # secured ahead at submission; None = no end

    # --- public order (§2.9) ---------------------------------------------------------------------
    openbare_orde_bezwaar: bool | None = None  # the conclusion after unit 1F / WI 2026/8

    # --- subsequent application (§5.5) -----------------------------------------------------------
    nieuwe_feiten: bool | None = None  # new facts or circumstances, and why not earlier
    inhoudelijk_getoetst: bool | None = None  # this application was assessed on the merits (no 4:6 Awb)

    # --- unmarried partner: indicators of seed 000 -----------------------------------------------
    partner_samenwonend: bool | None = None
    partner_gezamenlijke_huishouding: bool | None = None
    partner_wederzijdse_afhankelijkheid: bool | None = None
    partner_relatie_voor_inreis: bool | None = None
    partner_gezamenlijke_kinderen: bool | None = None
    partner_huwen_onmogelijk: bool | None = None


FEITEN = frozenset(Feiten.model_fields)

#: the facts that are dates: none may lie after the day it is recorded
_DATUMFEITEN = tuple(naam for naam, veld in Feiten.model_fields.items() if veld.annotation == date | None)

#: a recorded value, JSON-native (a date or amount as its ISO / decimal text)
Waarde = bool | int | float | str


class VastgelegdFeit(BaseModel):
    """One fact with its provenance: who recorded it (`door`) and on which day (`op`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    waarde: Waarde
    door: str | None = None
    op: date


class Dossierfeiten(BaseModel):
    """The established facts with their provenance; JSON-serialisable (Temporal payloads,
    continue-as-new): values are stored JSON-native, so a round trip gives an equal object."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    feiten: dict[str, VastgelegdFeit] = Field(default_factory=dict)

    def vastleggen(self, wijzigingen: Mapping[str, Any], *, door: str | None, op: date) -> Dossierfeiten:
        """The facts with `wijzigingen` applied: only the keys sent change, None clears one.

        Raises `Invoerfout` naming `feiten.<key>` for an unknown key, a wrong value, a date
        after `op`, or a combination that cannot be (restored before it was broken).
        """
        onbekend = sorted(set(wijzigingen) - FEITEN)
        if onbekend:
            raise Invoerfout([(f"feiten.{k}", "onbekend feit") for k in onbekend])
        try:
            gecontroleerd = Feiten.model_validate(dict(wijzigingen))
        except ValidationError as fout:
            raise Invoerfout([(f"feiten.{pad}", melding) for pad, melding in velden_uit(fout)]) from None
        fouten = [
            (f"feiten.{k}", f"{getattr(gecontroleerd, k)} ligt na de datum van vastleggen ({op})")
            for k in _DATUMFEITEN
            if k in wijzigingen and getattr(gecontroleerd, k) is not None and getattr(gecontroleerd, k) > op
        ]
        if fouten:
            raise Invoerfout(fouten)
        feiten = dict(self.feiten)
        json = gecontroleerd.model_dump(mode="json")
        for sleutel in wijzigingen:
            if json[sleutel] is None:
                feiten.pop(sleutel, None)
            else:
                feiten[sleutel] = VastgelegdFeit(waarde=json[sleutel], door=door, op=op)
        nieuw = Dossierfeiten(feiten=dict(sorted(feiten.items())))
        _samenhang(nieuw.waarden())
        return nieuw

    def waarden(self) -> Feiten:
        """The plain values the rules read."""
        return Feiten.model_validate({k: v.waarde for k, v in self.feiten.items()})

    def vastgelegd(self, sleutel: str) -> VastgelegdFeit | None:
        """The fact with its provenance, or None when it is not established."""
        return self.feiten.get(sleutel)


def _samenhang(feiten: Feiten) -> None:
    """Combinations that cannot be (WI 2026/11 §3.1.1: restored after it was broken)."""
    verbroken, hersteld = feiten.gezinsband_verbroken_op, feiten.gezinsband_hersteld_op
    if hersteld is not None and (verbroken is None or hersteld < verbroken):
        raise Invoerfout(
            [
                (
                    "feiten.gezinsband_hersteld_op",
                    "een herstel vraagt een eerdere of gelijke datum van verbreking (gezinsband_verbroken_op)",
                )
            ]
        )
