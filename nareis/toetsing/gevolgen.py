"""The consequences of the facts (WI 2026/11 §2.7, §5.1, §5.6, §5.7; seed 000): the flags on
`status`, the herstel verzuim letters the rules require, and the partner checklist."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from nareis.feiten import Feiten
from nareis.kalender import leeftijd
from nareis.modellen import (
    Aanvraag,
    AdviesRegel,
    Grond,
    NareistermijnOordeel,
    OnderzoekSoort,
    OnderzoekUitkomst,
    Oordeel,
    ReferentStatus,
    Relatie,
    Signaal,
    Vorm,
)
from nareis.toetsing.context import Toetsingscontext, Toetsingsnormen


class HvVereiste(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    reden: str  # "nareistermijn" | "formulier" | "herhaalde_aanvraag"
    ontbrekend: tuple[str, ...]
    bron: str


class Indicator(BaseModel):
    """One indicator of a durable relationship of unmarried partners (seed 000)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    naam: str
    omschrijving: str
    waarde: bool | None


_PARTNER_INDICATOREN = (
    ("partner_samenwonend", "samenwonen"),
    ("partner_gezamenlijke_huishouding", "gezamenlijke huishouding"),
    (
        "partner_wederzijdse_afhankelijkheid",
        "wederzijdse afhankelijkheid (financieel, emotioneel, praktisch)",
    ),
    ("partner_relatie_voor_inreis", "de relatie bestond al vóór de inreis van de referent"),
    ("partner_gezamenlijke_kinderen", "gezamenlijke kinderen met rechtmatig verblijf in Nederland"),
    ("partner_huwen_onmogelijk", "trouwen in het land van herkomst was onmogelijk (bijv. lhbtiq+)"),
)


class Gevolgen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    aanvraag: Aanvraag
    context: Toetsingscontext
    normen: Toetsingsnormen
    verplicht_gehoor: bool
    melding_handhaving: bool
    kimlik_onderzoek_overslaan: bool
    hv_vereist: tuple[HvVereiste, ...]
    partner_indicatoren: tuple[Indicator, ...]
    aandachtspunten: tuple[str, ...]

    def ambtshalve_8evrm(self, regels: Sequence[AdviesRegel]) -> bool:
        """§2.7: when the ex-officio art. 8 ECHR check is always required."""
        aanvraag, context = self.aanvraag, self.context
        voor_pact = aanvraag.ontvangen_op < self.normen.migratiepact_op
        categorie = next(r for r in regels if r.grond is Grond.CATEGORIE)
        relatie = aanvraag.gezinslid.relatie
        if relatie is Relatie.PARTNER and aanvraag.referent.status is ReferentStatus.VLUCHTELING:
            return True
        if voor_pact and categorie.oordeel is Oordeel.NIET_VOLDAAN:
            return True  # outside the nuclear family, filed before 12 June 2026
        dna = context.onderzoek_uitslagen.get(OnderzoekSoort.DNA)
        return voor_pact and dna is OnderzoekUitkomst.NIET_BEVESTIGD


def gevolgen(aanvraag: Aanvraag, feiten: Feiten, context: Toetsingscontext, normen: Toetsingsnormen) -> Gevolgen:
    referent = aanvraag.referent
    nareis_op_nareis = referent.komst.value == "nareis"
    naturalisatie_tijdens = (
        referent.genaturaliseerd_op is not None and referent.genaturaliseerd_op > aanvraag.ontvangen_op
    )
    verplicht_gehoor = nareis_op_nareis or naturalisatie_tijdens or feiten.referent_permanente_vergunning is True
    return Gevolgen(
        aanvraag=aanvraag,
        context=context,
        normen=normen,
        verplicht_gehoor=verplicht_gehoor,
        melding_handhaving=nareis_op_nareis,  # §5.7
        kimlik_onderzoek_overslaan=_kimlik(aanvraag, feiten, context, normen),
        hv_vereist=_hv_vereist(aanvraag, feiten, context),
        partner_indicatoren=_partner(aanvraag, feiten),
        aandachtspunten=_aandachtspunten(aanvraag, feiten, context),
    )


def _kimlik(aanvraag: Aanvraag, feiten: Feiten, context: Toetsingscontext, normen: Toetsingsnormen) -> bool:
    """§5.1: further investigation may be skipped only when every condition holds."""
    if not feiten.syrier_in_turkije or feiten.documentsignalen or feiten.kimlik_uitgesloten:
        return False
    if Signaal.NATIONALE_VEILIGHEID in (context.screening_signalen or []):
        return False
    # "every child aged ≤ 14 on the date the application is taken into processing"
    if aanvraag.gezinslid.relatie is Relatie.KIND and (
        leeftijd(aanvraag.gezinslid.geboortedatum, aanvraag.ontvangen_op) > normen.kimlik_maximaal
    ):
        return False
    return bool(
        feiten.identiteit_aannemelijk
        and feiten.familierechtelijke_relatie_aannemelijk
        and feiten.documenten_echt
        and feiten.kimlik_tijdig
    )


def _hv_vereist(aanvraag: Aanvraag, feiten: Feiten, context: Toetsingscontext) -> tuple[HvVereiste, ...]:
    vereist = []
    if (
        context.nareistermijn_oordeel is NareistermijnOordeel.TE_LAAT
        and not aanvraag.toelichting_termijnoverschrijding
        and context.verschoonbaar is None
    ):
        vereist.append(
            HvVereiste(
                reden="nareistermijn",
                ontbrekend=("uitleg waarom de aanvraag na de nareistermijn is ingediend",),
                bron="WI 2026/11 §2.2",
            )
        )
    if aanvraag.vorm is Vorm.BRIEF and not context.formulier_ontvangen:
        vereist.append(
            HvVereiste(
                reden="formulier",
                ontbrekend=("het volledig ingevulde en ondertekende aanvraagformulier",),
                bron="WI 2026/11 §1.1, §5.8",
            )
        )
    if aanvraag.eerdere_aanvraag is not None and feiten.nieuwe_feiten is None:
        vereist.append(
            HvVereiste(
                reden="herhaalde_aanvraag",
                ontbrekend=("de nieuwe feiten of omstandigheden en waarom die niet eerder zijn aangevoerd",),
                bron="WI 2026/11 §5.5",
            )
        )
    return tuple(vereist)


def _partner(aanvraag: Aanvraag, feiten: Feiten) -> tuple[Indicator, ...]:
    if aanvraag.gezinslid.relatie is not Relatie.PARTNER:
        return ()
    return tuple(
        Indicator(naam=naam, omschrijving=omschrijving, waarde=getattr(feiten, naam))
        for naam, omschrijving in _PARTNER_INDICATOREN
    )


def _aandachtspunten(aanvraag: Aanvraag, feiten: Feiten, context: Toetsingscontext) -> tuple[str, ...]:
    punten = []
    if not aanvraag.gezinslid.genoemd_in_asielprocedure:
        punten.append(
            "WI 2026/11 §5.6: gezinslid niet genoemd in de asielprocedure: sterke aanwijzing dat "
            "een gezinsband ontbreekt (geen zelfstandige afwijzingsgrond)"
        )
    if context.hv_onbeantwoord:
        punten.append("WI 2026/11 §1.3: herstel verzuim-brief onbeantwoord: weeg mee (medewerkingsplicht)")
    if context.andere_echtgenoot_aanvragen:
        punten.append("WI 2026/11 §3.2.1: andere aanvraag voor een echtgenoot van dezelfde referent")
    einde = context.wachttermijn_einde
    if einde is not None and (aanvraag.ontvangen_op - einde).days > 365:
        punten.append("WI 2026/11 §2.3: lang na de wachttermijn ingediend: vraag waarom en weeg het voor de gezinsband")
    return tuple(punten)
