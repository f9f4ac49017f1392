"""The case register's records (CONTRACT.md "case register"): a case's projection, with seed
004's classifications derived from the `Aanvraag` and the `status`, and a letter as stored.

Pure: `activities/register.py` writes them, `client/register.py` reads them (the CLIs'
`dossier` and `rapport`); both take the shapes from here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from nareis import contract as m


class _Bericht(BaseModel):
    # fields a newer workflow adds are ignored, so old and new versions keep talking
    model_config = ConfigDict(extra="ignore")


class Zaakstand(_Bericht):
    """What changes of the `aanvraag` row as a case goes on (the rest is fixed at receipt)."""

    fase: str | None = None
    beslistermijn_einde: date | None = None
    opgeschort: bool = False
    uitkomst: str | None = None
    besluit_op: date | None = None
    ingewilligd: bool = False
    bijgewerkt_volgnummer: int = 0

    @classmethod
    def uit_status(cls, status: m.Status | dict[str, Any], volgnummer: int | None = None) -> Zaakstand:
        """From the contract's `status` (CONTRACT.md); `volgnummer` defaults to its timeline's length."""
        if isinstance(status, m.Status):
            status = status.model_dump(mode="json")
        termijn = status.get("beslistermijn") or {}
        besluit = status.get("besluit") or {}
        if besluit.get("voorgesteld"):
            besluit = {}  # vier ogen: a proposal is no decision yet (DOMAIN.md §3.7)
        bezwaar = status.get("bezwaar") or {}
        uitkomst = besluit.get("uitkomst")
        # Awb 7:11: a case whose objection put a new decision in place shows that one
        herzien = any(b.get("herroepen_op") for b in status.get("besluiten") or [])
        return cls(
            fase=status.get("fase"),
            beslistermijn_einde=termijn.get("einde"),
            opgeschort=bool(termijn.get("opgeschort")),
            uitkomst=uitkomst,
            besluit_op=besluit.get("op"),
            # granted, also after a successful objection against a rejection
            ingewilligd=uitkomst == "inwilliging"
            or (uitkomst == "afwijzing" and bezwaar.get("uitkomst") == "gegrond" and not herzien),
            bijgewerkt_volgnummer=volgnummer if volgnummer is not None else len(status.get("tijdlijn") or []),
        )


class Projectie(Zaakstand):
    """The `aanvraag` row: the case as it stands after entry `bijgewerkt_volgnummer`."""

    aanvraagnummer: str
    dossiernummer: str | None = None
    workflow_id: str
    referent_vnummer: str | None = None
    referent_status: str | None = None
    relatie: str | None = None
    grondslag: str = m.Grondslag.NAREIS.value
    referent_komst: str = m.Komst.ASIEL.value
    nareis_op_nareis: bool = False
    nagereisd_bij_nbm: bool = False
    ontvangen_op: date | None = None
    beleid: str | None = None
    status: dict[str, Any] | None = None

    @classmethod
    def uit_stand(
        cls, aanvraag: m.Aanvraag, stand: Zaakstand, *, workflow_id: str | None = None, beleid: str | None = None
    ) -> Projectie:
        """The row from the Aanvraag (what never changes) and how the case now stands."""
        komst = aanvraag.referent.komst
        return cls(
            aanvraagnummer=aanvraag.aanvraagnummer,
            dossiernummer=aanvraag.dossiernummer,
            workflow_id=workflow_id or aanvraag.workflow_id,
            referent_vnummer=aanvraag.referent.vnummer,
            referent_status=aanvraag.referent.status.value,
            relatie=aanvraag.gezinslid.relatie.value,
            grondslag=aanvraag.grondslag.value,
            referent_komst=komst.value,
            # seed 004: nareis requested by a referent who came through nareis himself
            nareis_op_nareis=aanvraag.grondslag is m.Grondslag.NAREIS and komst is m.Komst.NAREIS,
            nagereisd_bij_nbm=aanvraag.referent.nagereisd_bij_nbm,
            ontvangen_op=aanvraag.ontvangen_op,
            beleid=beleid,
            **stand.model_dump(),
        )

    @classmethod
    def uit_aanvraag_en_status(
        cls,
        aanvraag: m.Aanvraag | dict[str, Any],
        status: m.Status | dict[str, Any] | None,
        *,
        workflow_id: str | None = None,
        volgnummer: int | None = None,
    ) -> Projectie:
        """Derive the row from the Aanvraag and the contract's whole `status` (CONTRACT.md)."""
        if not isinstance(aanvraag, m.Aanvraag):
            aanvraag = m.Aanvraag.model_validate(aanvraag)
        if isinstance(status, m.Status):
            status = status.model_dump(mode="json")
        status = status or {}
        stand = Zaakstand.uit_status(status, volgnummer)
        projectie = cls.uit_stand(aanvraag, stand, workflow_id=workflow_id, beleid=status.get("beleid"))
        return projectie.model_copy(update={"status": status or None})


class Brief(_Bericht):
    """A letter as stored in the register."""

    aanvraagnummer: str
    brief_id: str
    soort: str
    op: date
    volgnummer: int
    onderwerp: str
    tekst: str
    sjabloon: str
    gegevens: dict[str, Any] = Field(default_factory=dict)

    @classmethod
    def uit_rij(cls, rij: Mapping[str, Any]) -> Brief:
        """From a `brief` row of the register (its `gegevens` as JSON text)."""
        gegevens = rij["gegevens"]
        return cls(
            aanvraagnummer=rij["aanvraagnummer"],
            brief_id=rij["brief_id"],
            soort=rij["soort"],
            op=rij["op"],
            volgnummer=rij["volgnummer"],
            onderwerp=rij["onderwerp"],
            tekst=rij["tekst"],
            sjabloon=rij["sjabloon"],
            gegevens=(json.loads(gegevens) if gegevens is not None else None) or {},
        )
