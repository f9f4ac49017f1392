"""The consequences of the assessment: the flags on `status` and what the caseworker must do —
WI 2026/11 §2.7 (ex-officio art. 8 ECHR check), §2.3 (proportionality test instead), §2.1 and
§5.7 (mandatory interview, notify Handhaving), §2.2, §5.5, §5.8 (the HV letters the rules
require), and the indications that weigh without being grounds (§5.6, §2.3, §1.3, §3.1)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

from nareis.contract import AdviesRegel, Grond, Oordeel, Relatie, Vorm
from nareis.toetsing import asielvergunning, categorie, herhaalde_aanvraag, nareistermijn, openbare_orde, subsidiair
from nareis.toetsing.casus import Casus
from nareis.toetsing.uitslag import bron

HvReden = Literal["nareistermijn", "formulier", "herhaalde_aanvraag"]


class HvVereiste(BaseModel):
    """A herstel verzuim letter the rules require (the workflow sends each reason once)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reden: HvReden
    ontbrekend: tuple[str, ...]
    bron: str


def _oordeel(regels: Sequence[AdviesRegel], grond: Grond) -> Oordeel:
    return next(r.oordeel for r in regels if r.grond is grond)


def evenredigheidstoets(casus: Casus, regels: Sequence[AdviesRegel]) -> bool:
    """§2.3, §2.7: a subsidiary referent fails the waiting period, means or housing."""
    return casus.subsidiair and any(
        _oordeel(regels, g) is Oordeel.NIET_VOLDAAN for g in (Grond.WACHTTERMIJN, Grond.MIDDELEN, Grond.HUISVESTING)
    )


def ambtshalve_8evrm(casus: Casus, regels: Sequence[AdviesRegel]) -> bool:
    """§2.7: never after a proportionality test; always for a refugee's unmarried partner, for a
    family member outside the nuclear family in a case from before 12 June 2026 (incl. no
    biological link, §3.1, and siblings after the parents' rejection, §4.1); §4: siblings whose
    parents died during the procedure."""
    if evenredigheidstoets(casus, regels):
        return False
    if categorie.ouders_overleden(casus):
        return True
    buiten_kerngezin = _oordeel(regels, Grond.CATEGORIE) is Oordeel.NIET_VOLDAAN
    if casus.relatie is Relatie.PARTNER and casus.vluchteling:
        return True
    return buiten_kerngezin and casus.voor_migratiepact


def verplicht_gehoor(casus: Casus) -> bool:
    """§5.7: nareis-op-nareis; §2.1: naturalised, permanent or extended permit during the procedure."""
    return casus.nareis_op_nareis or bool(asielvergunning.tijdens_procedure_gewijzigd(casus))


def melding_handhaving(casus: Casus) -> bool:
    """§5.7: nareis-op-nareis → e-mail Handhaving at the location."""
    return casus.nareis_op_nareis


def hv_vereist(casus: Casus) -> tuple[HvVereiste, ...]:
    vereist = []
    if nareistermijn.te_laat_onverklaard(casus):
        vereist.append(
            HvVereiste(
                reden="nareistermijn",
                ontbrekend=("uitleg waarom de aanvraag na de nareistermijn is ingediend",),
                bron=bron("2.2"),
            )
        )
    if casus.aanvraag.vorm is Vorm.BRIEF and not casus.context.formulier_ontvangen:
        vereist.append(
            HvVereiste(
                reden="formulier",
                ontbrekend=("het volledig ingevulde en ondertekende aanvraagformulier",),
                bron=bron("1.1", "5.8"),
            )
        )
    if herhaalde_aanvraag.herhaling_mogelijk(casus) and casus.feiten.nieuwe_feiten is None:
        vereist.append(
            HvVereiste(
                reden="herhaalde_aanvraag",
                ontbrekend=("de nieuwe feiten of omstandigheden en waarom die niet eerder zijn aangevoerd",),
                bron=bron("5.5"),
            )
        )
    return tuple(vereist)


def meldingen(casus: Casus) -> tuple[str, ...]:
    lijst = openbare_orde.meldingen(casus)
    if melding_handhaving(casus):
        lijst.append("e-mail aan Handhaving op locatie: nareis op nareis (" + bron("5.7") + ")")
    return tuple(lijst)


def aandachtspunten(casus: Casus) -> tuple[str, ...]:
    """Indications that weigh in the assessment without being a ground of their own."""
    punten = []
    feiten, context = casus.feiten, casus.context
    if not casus.aanvraag.gezinslid.genoemd_in_asielprocedure:
        punten.append(
            bron("5.6") + ": het gezinslid is niet genoemd in de asielprocedure: sterke aanwijzing dat er op het "
            "peilmoment geen feitelijke gezinsband was (geen zelfstandige afwijzingsgrond)"
        )
    if feiten.bestendig_verblijf is False:
        punten.append(bron("2.8") + ": geen bestendig verblijf in het derde land: toelichting vragen en meewegen")
    if subsidiair.ruim_na_wachttermijn(casus):
        punten.append(
            bron("2.3") + ": ruim na het einde van de wachttermijn ingediend: vraag naar de reden en betrek die "
            "bij de feitelijke gezinsband"
        )
    if context.hv_onbeantwoord:
        punten.append(
            bron("1.3") + ": een herstel verzuim-brief is onbeantwoord gebleven: weeg mee (samenwerkingsverplichting); "
            "ga na of de brief juist is verzonden"
        )
    if context.andere_echtgenoot_aanvragen:
        punten.append(bron("3.2.1") + ": er loopt of is een andere aanvraag voor een echtgenoot van dezelfde referent")
    gewijzigd = asielvergunning.tijdens_procedure_gewijzigd(casus)
    if gewijzigd:
        punten.append(
            bron("2.1") + ": " + ", ".join(gewijzigd) + " tijdens de procedure: in beginsel een gehoor "
            "(lange scheiding kan de gezinsband hebben verbroken)"
        )
    if casus.relatie is Relatie.KIND and casus.gezinslid_minderjarig_bij_inreis and casus.gezinslid_meerderjarig_nu:
        punten.append(
            bron("3.1") + ": het kind is inmiddels meerderjarig: let op signalen dat de band tijdens "
            "meerderjarigheid is verbroken"
        )
    if casus.relatie is Relatie.BROER_ZUS and feiten.volle_broer_zus is False:
        punten.append(bron("4") + " fn 2: halfbroer of -zus: kijk extra goed of het kind ten laste van de ouder komt")
    return tuple(punten)
