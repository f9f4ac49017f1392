"""WI 2026/11 §5.1 — the Turkish Kimlik: further investigation (interviews, DNA) may be skipped
for Syrians in Turkey only when the parents' identity is plausible, the family-law relationship
is plausible with documents found genuine, and every child aged 14 or younger on the day the
application is taken into processing has a Kimlik not issued late. Never with document signals
of Bureau Documenten, national-security signals, a child of 15 or over, or step-, foster- or
pre-marital children."""

from __future__ import annotations

from nareis.contract import Relatie, Signaal
from nareis.toetsing.casus import Casus


def onderzoek_overslaan(casus: Casus) -> bool:
    feiten = casus.feiten
    if casus.relatie in (Relatie.PARTNER, Relatie.OVERIG) or feiten.syrier_in_turkije is not True:
        return False
    if feiten.documentsignalen or feiten.kimlik_uitgesloten:
        return False
    if Signaal.NATIONALE_VEILIGHEID in (casus.context.screening_signalen or []):
        return False
    kind = casus.relatie in (Relatie.KIND, Relatie.BROER_ZUS)
    if kind and casus.leeftijd_gezinslid(casus.in_behandeling_op) > casus.normen.kimlik_maximaal:
        return False  # a child of 15 or over (on the day it is taken into processing)
    ouders = feiten.identiteit_ouders_aannemelijk
    if ouders is None and casus.relatie is Relatie.ECHTGENOOT:
        ouders = feiten.identiteit_aannemelijk
    return bool(
        ouders and feiten.familierechtelijke_relatie_aannemelijk and feiten.documenten_echt and feiten.kimlik_tijdig
    )
