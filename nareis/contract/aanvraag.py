"""The `Aanvraag`: one application for one family member, as filed (shared/CONTRACT.md "Workflow")."""

from __future__ import annotations

import re
from datetime import date

from pydantic import Field, field_validator, model_validator

from nareis.contract.codes import Grondslag, Komst, ReferentStatus, Relatie, Vorm
from nareis.contract.invoer import Invoer, _na, _niet_in_de_toekomst, _veld_fout
from nareis.contract.namen import workflow_id

_NUMMER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_VNUMMER = re.compile(r"^[0-9]{10}$")


def _check_vnummer(waarde: str) -> str:
    if not _VNUMMER.match(waarde):
        raise ValueError("een v-nummer bestaat uit 10 cijfers")
    return waarde


def _check_nummer(waarde: str) -> str:
    if not _NUMMER.match(waarde):
        raise ValueError("een aanvraag- of dossiernummer bestaat uit 1 tot 64 letters, cijfers, '.', '_' of '-'")
    return waarde


class Referent(Invoer):
    vnummer: str
    geboortedatum: date
    status: ReferentStatus
    asielaanvraag_op: date
    inreis_op: date
    # None: the permit was not (yet) granted or received when applying (WI 2026/11 §2.1, §4.3)
    vergunning_verleend_op: date | None = None
    vergunning_ontvangen_op: date | None = None
    nbm: bool = False
    genaturaliseerd_op: date | None = None
    zelf_nagereisd: bool = False
    # Extensions (CONTRACT.md: "extend, don't rename"), for the register's reports (seed 004)
    komst_via: Komst | None = None
    nagereisd_als: Relatie | None = None
    nagereisd_bij_nbm: bool = False  # came as a sibling of an nbm (seed 004, "broers en zussen van AMV")
    begeleid_ingereisd: bool | None = None  # WI 2026/11 §4.2; None = not (yet) established
    relocatie_asielaanvraag_op: date | None = None  # WI 2026/11 intro: relocated referent

    _vnummer = field_validator("vnummer")(_check_vnummer)
    _toekomst = field_validator(
        "geboortedatum",
        "asielaanvraag_op",
        "inreis_op",
        "vergunning_verleend_op",
        "vergunning_ontvangen_op",
        "genaturaliseerd_op",
        "relocatie_asielaanvraag_op",
    )(_niet_in_de_toekomst)

    @model_validator(mode="after")
    def _volgorde(self) -> Referent:
        _na("asielaanvraag_op", self.asielaanvraag_op, "geboortedatum", self.geboortedatum)
        _na("inreis_op", self.inreis_op, "geboortedatum", self.geboortedatum)
        if self.vergunning_verleend_op is not None:
            _na(
                "vergunning_verleend_op",
                self.vergunning_verleend_op,
                "asielaanvraag_op",
                self.asielaanvraag_op,
            )
        if self.vergunning_ontvangen_op is not None:
            if self.vergunning_verleend_op is None:
                raise _veld_fout(
                    "vergunning_verleend_op",
                    "ontbreekt terwijl vergunning_ontvangen_op is ingevuld",
                )
            _na(
                "vergunning_ontvangen_op",
                self.vergunning_ontvangen_op,
                "vergunning_verleend_op",
                self.vergunning_verleend_op,
            )
        if self.genaturaliseerd_op is not None:
            _na("genaturaliseerd_op", self.genaturaliseerd_op, "inreis_op", self.inreis_op)
        if self.zelf_nagereisd and self.komst_via not in (None, Komst.NAREIS):
            raise _veld_fout("komst_via", "moet 'nareis' zijn als zelf_nagereisd waar is")
        return self

    @property
    def komst(self) -> Komst:
        if self.komst_via is not None:
            return self.komst_via
        return Komst.NAREIS if self.zelf_nagereisd else Komst.ASIEL


class Gezinslid(Invoer):
    vnummer: str | None = None
    naam: str = Field(min_length=1, max_length=200)
    relatie: Relatie
    geboortedatum: date
    verblijfsland: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")
    genoemd_in_asielprocedure: bool = True

    _toekomst = field_validator("geboortedatum")(_niet_in_de_toekomst)

    @field_validator("vnummer")
    @classmethod
    def _vnummer(cls, waarde: str | None) -> str | None:
        return None if waarde is None else _check_vnummer(waarde)


class Aanvraag(Invoer):
    aanvraagnummer: str
    dossiernummer: str
    ontvangen_op: date
    vorm: Vorm
    referent: Referent
    gezinslid: Gezinslid
    gezamenlijk_met: list[str] = Field(default_factory=list)
    toelichting_termijnoverschrijding: str | None = None
    eerdere_aanvraag: str | None = None
    grondslag: Grondslag = Grondslag.NAREIS

    _nummers = field_validator("aanvraagnummer", "dossiernummer")(_check_nummer)
    _toekomst = field_validator("ontvangen_op")(_niet_in_de_toekomst)

    @field_validator("gezamenlijk_met")
    @classmethod
    def _gezamenlijk(cls, waarden: list[str]) -> list[str]:
        for waarde in waarden:
            _check_nummer(waarde)
        if len(set(waarden)) != len(waarden):
            raise ValueError("een aanvraagnummer staat er meer dan eens in")
        return waarden

    @field_validator("eerdere_aanvraag")
    @classmethod
    def _eerdere(cls, waarde: str | None) -> str | None:
        return None if waarde is None else _check_nummer(waarde)

    @model_validator(mode="after")
    def _samenhang(self) -> Aanvraag:
        if self.aanvraagnummer in self.gezamenlijk_met:
            raise _veld_fout("gezamenlijk_met", "bevat de aanvraag zelf")
        if self.eerdere_aanvraag == self.aanvraagnummer:
            raise _veld_fout("eerdere_aanvraag", "is de aanvraag zelf")
        ontvangen = self.referent.vergunning_ontvangen_op
        if ontvangen is not None and self.ontvangen_op < ontvangen:
            raise _veld_fout(
                "ontvangen_op",
                f"{self.ontvangen_op} ligt voor referent.vergunning_ontvangen_op ({ontvangen})",
            )
        if self.ontvangen_op < self.referent.asielaanvraag_op:
            raise _veld_fout(
                "ontvangen_op",
                f"{self.ontvangen_op} ligt voor referent.asielaanvraag_op ({self.referent.asielaanvraag_op})",
            )
        _na(
            "ontvangen_op",
            self.ontvangen_op,
            "gezinslid.geboortedatum",
            self.gezinslid.geboortedatum,
        )
        return self

    @property
    def workflow_id(self) -> str:
        return workflow_id(self.aanvraagnummer)
