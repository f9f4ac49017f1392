"""The messages between the workflow and its activities: one pydantic model per call.

Shared by `workflows/` (which builds them, deterministically) and `activities/` (which
carries them out). Each names the step with a stable key, so a retried or replayed step
has its effect once.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from nareis import contract as m
from nareis import zaakstatus
from nareis.zaak import Effect, Gebeurtenis, Zaak

#: effect → the named activity that carries it out (visible by name in the UI's history)
ACTIVITEITEN = {
    "ontvangstbevestiging": "ontvangstbevestiging_versturen",
    "herstel_verzuim": "hv_brief_versturen",
    "onderzoek": "onderzoek_aanbieden",
    "screening": "screening_aanvragen",
    "beschikking": "beschikking_versturen",
    "buiten_behandeling": "buiten_behandeling_versturen",
    "mvv_afgifte": "mvv_afgifte_melden",
    "bezwaar_ontvangen": "bezwaar_ontvangst_bevestigen",
    "beslissing_op_bezwaar": "beslissing_op_bezwaar_versturen",
}


def activiteit_voor(soort: str) -> str:
    return ACTIVITEITEN[soort]


class _Bericht(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Stapopdracht(_Bericht):
    """One step of the procedure with an effect outside (a letter, a request to a party)."""

    aanvraagnummer: str
    sleutel: str
    soort: str
    volgnummer: int
    op: date
    beleid: str
    gegevens: dict[str, Any] = Field(default_factory=dict)
    aanvraag: m.Aanvraag
    status: m.Status

    @classmethod
    def uit_effect(cls, zaak: Zaak, effect: Effect, vandaag: date) -> Stapopdracht:
        gebeurtenis = zaak.tijdlijn[effect.volgnummer - 1]
        return cls(
            aanvraagnummer=zaak.aanvraag.aanvraagnummer,
            sleutel=effect.sleutel,
            soort=effect.soort,
            volgnummer=effect.volgnummer,
            op=gebeurtenis.op,
            beleid=zaak.beleid,
            gegevens=effect.gegevens,
            aanvraag=zaak.aanvraag,
            status=zaakstatus.status(zaak, vandaag),
        )


class Registratie(_Bericht):
    """New timeline entries and the case's current projection, for the case register."""

    workflow_id: str
    aanvraagnummer: str
    beleid: str
    gebeurtenissen: list[Gebeurtenis]
    aanvraag: m.Aanvraag
    status: m.Status

    @classmethod
    def uit_zaak(cls, zaak: Zaak, nieuw: list[Gebeurtenis], vandaag: date, workflow_id: str) -> Registratie:
        return cls(
            workflow_id=workflow_id,
            aanvraagnummer=zaak.aanvraag.aanvraagnummer,
            beleid=zaak.beleid,
            gebeurtenissen=nieuw,
            aanvraag=zaak.aanvraag,
            status=zaakstatus.status(zaak, vandaag),
        )


class KoppelingOpvragen(_Bericht):
    """Which other applications bear on this one (WI 2026/11 §4.1, §3.2.1, §5.5)."""

    aanvraagnummer: str
    referent_vnummer: str
    gezamenlijk_met: list[str]
    eerdere_aanvraag: str | None

    @classmethod
    def uit_aanvraag(cls, aanvraag: m.Aanvraag) -> KoppelingOpvragen:
        return cls(
            aanvraagnummer=aanvraag.aanvraagnummer,
            referent_vnummer=aanvraag.referent.vnummer,
            gezamenlijk_met=list(aanvraag.gezamenlijk_met),
            eerdere_aanvraag=aanvraag.eerdere_aanvraag,
        )
