"""The case register's records (CONTRACT.md "case register"): a case's projection, with seed
004's classifications derived from the `Aanvraag` and the `status`, and a letter as stored.

Pure: `activities/register.py` writes them, `client/register.py` reads them (the CLIs'
`dossier` and `rapport`, the API); both take the shapes from here.

Personal data is kept encrypted at rest (issue 15 item 13): `VERSLEUTELD` names every column
that holds it; its value lives in `<kolom>_geheim`, encrypted by a `Registerkluis` (AES-256-GCM,
`client.registerkluis`) bound to its `Plek` (table, row, column), and the plain column stays
NULL. Names and V-numbers are also kept as keyed hashes (`zoek_*`) for an exact lookup.
Without any key (plain mode) the same columns hold `ONVERSLEUTELD | utf-8 text` and unkeyed
hashes, until a worker with a key encrypts them.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from nareis import contract as m


@dataclass(frozen=True)
class Plek:
    """Where an encrypted value lives. Bound to its ciphertext as associated data, so a value
    copied to another row or column no longer decrypts."""

    tabel: str
    rij: tuple[str, ...]
    kolom: str

    def als_bytes(self) -> bytes:
        return "\x1f".join([self.tabel, *self.rij, self.kolom]).encode()


Zoeksoort = Literal["naam", "vnummer"]

#: the first byte (format version 0) of a `<kolom>_geheim` value stored without a key (plain mode)
ONVERSLEUTELD = b"\x00"


class Registerkluis(Protocol):
    """Encrypts and hashes the register's personal data (implemented in `client.registerkluis`,
    given to the writer and the reader by the worker, the API and the CLIs)."""

    @property
    def versleutelt(self) -> bool:
        """False in plain mode: values stored as `ONVERSLEUTELD | text`, hashes unkeyed."""
        ...

    def versleutel(self, tekst: str, plek: Plek) -> bytes: ...

    def ontsleutel(self, geheim: bytes, plek: Plek) -> str: ...

    def zoekwaarde(self, soort: Zoeksoort, tekst: str) -> bytes:
        """The keyed hash stored for an exact lookup (with the key that encrypts now)."""
        ...

    def zoekwaarden(self, soort: Zoeksoort, tekst: str) -> list[bytes]:
        """The keyed hash under every key of the ring: what a lookup compares with."""
        ...


#: per table: the columns of a row's key, and the columns that hold personal data (each kept
#: as `<kolom>_geheim`). What stays plain: numbers, codes, dates, flags and `door` (the
#: caseworker's recorded name, the audit trail's who).
VERSLEUTELD: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "aanvraag": (("aanvraagnummer",), ("aanvraag", "status", "referent_vnummer")),
    "gebeurtenis": (("aanvraagnummer", "sleutel"), ("toelichting", "gegevens")),
    "brief": (("aanvraagnummer", "brief_id"), ("onderwerp", "tekst", "gegevens")),
    "verzoek": (("sleutel",), ("gegevens",)),
}


def plek(tabel: str, sleutel: Mapping[str, Any] | tuple[str, ...], kolom: str) -> Plek:
    """The place of `kolom` in the row with this key (a row, or the key's values in order)."""
    if not isinstance(sleutel, tuple):
        sleutel = tuple(str(sleutel[k]) for k in VERSLEUTELD[tabel][0])
    return Plek(tabel, sleutel, kolom)


def geheim(kluis: Registerkluis, plaats: Plek, waarde: str | None) -> bytes | None:
    return None if waarde is None else kluis.versleutel(waarde, plaats)


def geheim_json(kluis: Registerkluis, plaats: Plek, waarde: Any) -> bytes | None:
    if waarde is None:
        return None
    return kluis.versleutel(json.dumps(waarde, ensure_ascii=False, sort_keys=True, default=str), plaats)


def lees_tekst(kluis: Registerkluis, tabel: str, rij: Mapping[str, Any], kolom: str) -> str | None:
    """A personal column of a row: decrypted, or (a row written before 2026-12's encryption,
    not yet migrated) as it is."""
    versleuteld = rij[f"{kolom}_geheim"]
    if versleuteld is not None:
        return kluis.ontsleutel(bytes(versleuteld), plek(tabel, rij, kolom))
    waarde = rij[kolom]
    return None if waarde is None else str(waarde)


def lees_json(kluis: Registerkluis, tabel: str, rij: Mapping[str, Any], kolom: str) -> Any:
    tekst = lees_tekst(kluis, tabel, rij, kolom)
    return None if tekst is None else json.loads(tekst)


#: letters Unicode does not decompose into a base letter and a mark
_LOSSE_LETTERS = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe", "þ": "th"})


def zoeknormaal(tekst: str) -> str:
    """What a lookup compares: without diacritics, case or extra whitespace
    ("  Ayşe  YILMAZ " and "ayse yilmaz" are the same name)."""
    ontleed = unicodedata.normalize("NFKD", tekst)
    zonder = "".join(t for t in ontleed if not unicodedata.combining(t))
    return " ".join(zonder.casefold().translate(_LOSSE_LETTERS).split())


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
    def uit_rij(cls, rij: Mapping[str, Any], kluis: Registerkluis) -> Brief:
        """From a `brief` row of the register, decrypted."""
        return cls(
            aanvraagnummer=rij["aanvraagnummer"],
            brief_id=rij["brief_id"],
            soort=rij["soort"],
            op=rij["op"],
            volgnummer=rij["volgnummer"],
            onderwerp=lees_tekst(kluis, "brief", rij, "onderwerp") or "",
            tekst=lees_tekst(kluis, "brief", rij, "tekst") or "",
            sjabloon=rij["sjabloon"],
            gegevens=lees_json(kluis, "brief", rij, "gegevens") or {},
        )
