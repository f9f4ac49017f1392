"""Hypothesis strategies: a valid input with a few fields removed, replaced or added.

Values are what intake systems get wrong: wrong types, impossible or distant dates, unknown
codes, huge and unusual strings (control characters, right-to-left marks, astral planes).
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from hypothesis import strategies as st

ONBEKEND = "onbekend_veld"
RELATIES = ["echtgenoot", "partner", "kind", "ouder", "broer_zus", "overig"]

_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda binnen: st.lists(binnen, max_size=3) | st.dictionaries(st.text(max_size=8), binnen, max_size=3),
    max_leaves=5,
)

_RAAR = st.sampled_from(
    [
        "",
        "   ",
        "2026-02-30",
        "2026-13-01",
        "0001-01-01",
        "9999-12-31",
        "2026-07-01T12:00:00",
        "01-07-2026",
        "NaN",
        "null",
        "\x00",
        "\u202eNR-1",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
        "é" * 300,
        "'; DROP TABLE gebeurtenis; --",
        "{{ aanvraag }}",
        "nareis-",
        -1,
        0,
        10**40,
        1.5,
        True,
        [],
        {},
        ["NR-1", "NR-1"],
        ["x" * 65],
    ]
)

_GROOT = st.integers(min_value=1_000, max_value=200_000).map(lambda n: "x" * n)

_DATUM = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)).map(date.isoformat)

WAARDE = _RAAR | _DATUM | _JSON | _GROOT | st.text(min_size=1, max_size=80)


def paden(voorbeeld: dict[str, Any]) -> list[tuple[str, ...]]:
    """Every field of `voorbeeld`, nested objects included, and an unknown one at each level."""
    uitkomst: list[tuple[str, ...]] = [(ONBEKEND,)]
    for sleutel, waarde in voorbeeld.items():
        uitkomst.append((sleutel,))
        if isinstance(waarde, dict):
            uitkomst += [(sleutel, *pad) for pad in paden(waarde)]
    return uitkomst


def _zet(data: dict[str, Any], pad: tuple[str, ...], waarde: Any) -> None:
    for deel in pad[:-1]:
        if not isinstance(data.get(deel), dict):
            return
        data = data[deel]
    if waarde is _WEG:
        data.pop(pad[-1], None)
    else:
        data[pad[-1]] = waarde


_WEG = object()


def gemuteerd(voorbeeld: dict[str, Any], max_mutaties: int = 3) -> st.SearchStrategy[dict[str, Any]]:
    """`voorbeeld` with up to `max_mutaties` fields removed or set to another value; about
    one in three unchanged, so valid input keeps its share."""
    mutatie = st.tuples(st.sampled_from(paden(voorbeeld)), st.just(_WEG) | WAARDE)
    keuze = st.just([]) | st.lists(mutatie, min_size=1, max_size=max_mutaties)

    def toepassen(mutaties: list[tuple[tuple[str, ...], Any]]) -> dict[str, Any]:
        data = copy.deepcopy(voorbeeld)
        for pad, waarde in mutaties:
            _zet(data, pad, waarde)
        return data

    return (keuze | st.lists(mutatie, min_size=1, max_size=max_mutaties)).map(toepassen)


def geldige_aanvraag(voorbeeld: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """`voorbeeld` with its codes, flags and free text varied within what is valid."""
    tekst = st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Zs"]), min_size=1, max_size=200)
    varianten = st.fixed_dictionaries(
        {
            ("vorm",): st.sampled_from(["formulier", "brief"]),
            ("referent", "status"): st.sampled_from(["vluchteling", "subsidiair"]),
            ("referent", "nbm"): st.booleans(),
            ("referent", "zelf_nagereisd"): st.booleans(),
            ("gezinslid", "naam"): tekst,
            ("gezinslid", "relatie"): st.sampled_from(RELATIES),
            ("gezinslid", "verblijfsland"): st.from_regex(r"\A[A-Z]{2}\Z"),
            ("gezinslid", "genoemd_in_asielprocedure"): st.booleans(),
            ("toelichting_termijnoverschrijding",): st.none() | tekst,
        }
    )

    def toepassen(waarden: dict[tuple[str, ...], Any]) -> dict[str, Any]:
        data = copy.deepcopy(voorbeeld)
        for pad, waarde in waarden.items():
            _zet(data, pad, waarde)
        return data

    return varianten.map(toepassen)


def niet_object() -> st.SearchStrategy[Any]:
    """Input that is no JSON object at all."""
    return st.none() | st.booleans() | st.integers() | st.text(max_size=10) | st.lists(_JSON, max_size=2)
