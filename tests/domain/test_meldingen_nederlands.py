"""Issue #17 item 10: every validation message is Dutch, pydantic's own included, whatever wrong
value a field gets; the field is named by its path (the screens turn it into their words)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from nareis import contract as m
from nareis.contract.voorbeeld import aanvraag_data
from nareis.feiten import FEITEN, Dossierfeiten

VANDAAG = date(2026, 12, 2)
#: words of pydantic's English messages
ENGELS = re.compile(r"\b(Input|should|valid|Field|required|Extra|inputs|permitted|String|least|most|match)\b")
FOUTE_WAARDEN: list[Any] = [None, True, 1.5, -1, "", "x" * 300, "2026-13-45", [], {}, ["a"], {"a": 1}]


def _meldingen(model: type[Any], basis: dict[str, Any], pad: tuple[str, ...], waarde: Any) -> list[str]:
    data = {**basis}
    doel = data
    for deel in pad[:-1]:
        doel[deel] = dict(doel[deel])
        doel = doel[deel]
    doel[pad[-1]] = waarde
    try:
        m.lees(model, data, vandaag=VANDAAG)
    except m.Invoerfout as fout:
        return [melding for _, melding in fout.velden]
    return []


def _velden(model: type[Any], voor: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paden = []
    for naam, veld in model.model_fields.items():
        soort = veld.annotation
        if isinstance(soort, type) and issubclass(soort, m.Invoer):
            paden += _velden(soort, (*voor, naam))
        else:
            paden.append((*voor, naam))
    return paden


@pytest.mark.parametrize("pad", _velden(m.Aanvraag), ids=".".join)
def test_aanvraag_elke_fout_in_het_nederlands(pad: tuple[str, ...]) -> None:
    basis = aanvraag_data()
    for waarde in FOUTE_WAARDEN:
        for melding in _meldingen(m.Aanvraag, basis, pad, waarde):
            assert not ENGELS.search(melding), (pad, waarde, melding)


@pytest.mark.parametrize("naam", sorted(m.ACTIES))
def test_elke_actie_elke_fout_in_het_nederlands(naam: str) -> None:
    model = m.ACTIES[naam]
    for pad in _velden(model):
        for waarde in FOUTE_WAARDEN:
            for melding in _meldingen(model, {}, pad, waarde):
                assert not ENGELS.search(melding), (naam, pad, waarde, melding)


def test_feiten_elke_fout_in_het_nederlands() -> None:
    for feit in sorted(FEITEN):
        for waarde in FOUTE_WAARDEN[1:]:
            try:
                Dossierfeiten().vastleggen({feit: waarde}, door=None, op=VANDAAG)
            except m.Invoerfout as fout:
                for pad, melding in fout.velden:
                    assert pad.startswith("feiten."), pad
                    assert not ENGELS.search(melding), (feit, waarde, melding)
