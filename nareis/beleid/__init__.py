"""Policy data (DOMAIN.md §3): every number and flag, versioned, each with its source.

The data lives in `beleid.toml` beside this module; it is read and validated once, at
import (outside the workflow sandbox, which passes this package through), so a malformed
file stops the worker at start with the offending field named.
"""

from __future__ import annotations

import tomllib
from datetime import date
from decimal import Decimal
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

Eenheid = Literal["dagen", "weken", "maanden", "jaren"]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Waarde(_Data):
    """One policy value with its source."""

    waarde: Any
    bron: str
    bevestigd: bool = True


class Termijnlengte(_Data):
    lengte: int
    eenheid: Eenheid
    wettelijk: bool  # set in a statute (wet or AMvB): only then may the Atw apply (Atw art. 1, 5)
    bron: str
    bevestigd: bool = True

    def tekst(self) -> str:
        enkelvoud = {"dagen": "dag", "weken": "week", "maanden": "maand", "jaren": "jaar"}
        return f"{self.lengte} {enkelvoud[self.eenheid] if self.lengte == 1 else self.eenheid}"


class Termijnen(_Data):
    nareistermijn: Termijnlengte
    coulance: Termijnlengte
    wachttermijn: Termijnlengte
    beslistermijn: Termijnlengte
    beslistermijn_oud: Termijnlengte
    verlenging: Termijnlengte
    verlenging_oud: Termijnlengte
    herstel_verzuim: Termijnlengte
    formulier: Termijnlengte
    mvv_ophalen: Termijnlengte
    mvv_verlenging: Termijnlengte
    mvv_geldigheid: Termijnlengte
    bezwaar: Termijnlengte
    beslissen_op_bezwaar: Termijnlengte
    ingebrekestelling: Termijnlengte


class Overgang(_Data):
    peildatum: Waarde
    geldig_tot: Waarde


class Opschortingsbeleid(_Data):
    onderzoek_schort_op: Waarde


class Leeftijden(_Data):
    meerderjarig: Waarde
    antecedentenverklaring: Waarde
    kimlik_maximaal: Waarde
    volwassen_minimumloon: Waarde


class Middelenbeleid(_Data):
    vakantiegeld_factor: Waarde
    huisvesting_maanden: Waarde


class Minimumloon(_Data):
    vanaf: date
    tot: date
    bedrag: Decimal
    bron: str
    bevestigd: bool = True


class AangewezenDag(_Data):
    datum: date
    bron: str
    bevestigd: bool = True


class Beleid(_Data):
    """The policy in force for a case (chosen by its receipt date)."""

    versie: str
    basis: str | None = None
    geldig_vanaf: date
    geldig_tot: date
    omschrijving: str
    nareistermijn_start: Waarde  # "ontvangen" (WI 2026/11) or "verleend" (Vc C2/4.3)
    migratiepact_op: Waarde
    termijnen: Termijnen
    beslistermijn_overgang: Overgang
    opschorting: Opschortingsbeleid
    leeftijden: Leeftijden
    middelen: Middelenbeleid
    minimumloon: tuple[Minimumloon, ...]
    aangewezen_dagen: tuple[AangewezenDag, ...]

    def minimumloon_op(self, dag: date) -> Minimumloon | None:
        """The statutory minimum wage in force on `dag`; None where the table has no value yet."""
        return next((r for r in self.minimumloon if r.vanaf <= dag <= r.tot), None)

    def is_aangewezen_dag(self, dag: date) -> bool:
        return any(a.datum == dag for a in self.aangewezen_dagen)

    def onbevestigd(self) -> list[str]:
        """Every value still marked unconfirmed, by its path: what to verify before production."""
        return sorted(_onbevestigd(self.model_dump(), ""))


class BeleidsFout(ValueError):
    """The policy data is malformed; the message names the version and field."""


def _onbevestigd(data: Any, pad: str) -> list[str]:
    if isinstance(data, dict):
        if data.get("bevestigd") is False:
            return [pad]
        return [p for k, v in data.items() for p in _onbevestigd(v, f"{pad}.{k}" if pad else k)]
    if isinstance(data, list | tuple):
        return [p for i, v in enumerate(data) for p in _onbevestigd(v, f"{pad}[{i}]")]
    return []


def _samenvoegen(basis: dict[str, Any], eigen: dict[str, Any]) -> dict[str, Any]:
    uitkomst = dict(basis)
    for sleutel, waarde in eigen.items():
        if isinstance(waarde, dict) and isinstance(basis.get(sleutel), dict) and "bron" not in waarde:
            uitkomst[sleutel] = _samenvoegen(basis[sleutel], waarde)
        else:
            uitkomst[sleutel] = waarde
    return uitkomst


def lees_beleid(tekst: str) -> tuple[Beleid, ...]:
    """Parse and validate the policy file; versions may build on an earlier one (`basis`)."""
    ruw = tomllib.loads(tekst)
    gelezen: dict[str, dict[str, Any]] = {}
    versies = []
    for eigen in ruw.get("versies", []):
        naam = eigen.get("versie", "?")
        data = eigen
        if "basis" in eigen:
            if eigen["basis"] not in gelezen:
                raise BeleidsFout(f"versie {naam}: basis {eigen['basis']!r} is niet eerder gedefinieerd")
            data = _samenvoegen(gelezen[eigen["basis"]], eigen)
        try:
            versies.append(Beleid.model_validate(data))
        except ValidationError as fout:
            regels = [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in fout.errors()]
            raise BeleidsFout(f"versie {naam}: " + "; ".join(regels)) from None
        gelezen[naam] = data
    if not versies:
        raise BeleidsFout("het beleidsbestand bevat geen versies")
    return tuple(sorted(versies, key=lambda b: b.geldig_vanaf))


BELEID_VERSIES: tuple[Beleid, ...] = lees_beleid(
    resources.files(__package__).joinpath("beleid.toml").read_text(encoding="utf-8")
)


def beleid_op(peildatum: date) -> Beleid:
    """The version in force on `peildatum`: the latest that started on or before it.

    A date before the first version gets the first; one after the last version's end keeps
    the last (its `geldig_tot` shows it is past its stated validity).
    """
    geldend = [b for b in BELEID_VERSIES if b.geldig_vanaf <= peildatum]
    return geldend[-1] if geldend else BELEID_VERSIES[0]


def beleid_versie(versie: str) -> Beleid:
    """A version by its id, as recorded in a case."""
    for beleid in BELEID_VERSIES:
        if beleid.versie == versie:
            return beleid
    raise KeyError(f"onbekende beleidsversie {versie!r}")
