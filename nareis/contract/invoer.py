"""The base of every contract message: input refuses unknown fields and unstorable text and
names the field in its error; "today" is validation context, never a clock (shared/CONTRACT.md).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, model_validator

#: characters no register can store (PostgreSQL text and jsonb refuse them): NUL and unpaired surrogates
_NIET_OP_TE_SLAAN = re.compile("[\x00\ud800-\udfff]")
#: control characters: none in a single-line text; free text keeps its tabs and line breaks
_STUURTEKEN = re.compile("[\x00-\x1f\x7f-\x9f]")
_STUURTEKEN_IN_TEKST = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

_NAAM = re.compile(r"^[A-Za-z0-9_]+$")

#: CONTRACT.md [2026-12] "Sizes": single-line texts (names, codes, reasons), free texts, lists
MAX_REGEL = 200
MAX_TEKST = 4_000
MAX_LIJST = 50
#: the free-text fields (every value inside them is free text too); any other text is one line
VRIJE_TEKST = frozenset(
    {"toelichting", "toelichting_termijnoverschrijding", "omschrijving", "motivering", "afwijkingsreden", "tekst"}
)


def _buiten_de_grenzen(waarde: Any, pad: str = "", vrij: bool = False) -> str | None:
    """`pad: what is wrong` for the first text, list or object in `waarde` (keys included) that
    the contract refuses or no register can store; None when all is well."""
    naam = pad or "(invoer)"
    if isinstance(waarde, str):
        if _NIET_OP_TE_SLAAN.search(waarde):
            return f"{naam}: bevat een teken dat niet kan worden vastgelegd (U+0000 of een losse surrogaat)"
        grens = MAX_TEKST if vrij else MAX_REGEL
        if len(waarde) > grens:
            return f"{naam}: ten hoogste {grens} tekens (nu {len(waarde)})"
        if (_STUURTEKEN_IN_TEKST if vrij else _STUURTEKEN).search(waarde):
            soort = "tekst" if vrij else "regel tekst"
            return f"{naam}: een {soort} zonder stuurtekens (zoals een regelovergang of ESC)"
        return None
    if isinstance(waarde, list | tuple | dict) and len(waarde) > MAX_LIJST:
        return f"{naam}: ten hoogste {MAX_LIJST} elementen (nu {len(waarde)})"
    if isinstance(waarde, list | tuple):
        for i, deel in enumerate(waarde):
            if (fout := _buiten_de_grenzen(deel, f"{pad}.{i}" if pad else str(i), vrij)) is not None:
                return fout
    if isinstance(waarde, dict):
        for sleutel, deel in waarde.items():
            if not pad and not (isinstance(sleutel, str) and _NAAM.match(sleutel)):
                continue  # an unknown field of the model: pydantic names it
            # a key that is no plain name is named by the object that holds it
            sub = f"{pad}.{sleutel}" if pad and _NAAM.match(str(sleutel)) else pad or str(sleutel)
            fout = (_buiten_de_grenzen(sleutel, pad) if pad else None) or _buiten_de_grenzen(
                deel, sub, vrij or sleutel in VRIJE_TEKST
            )
            if fout is not None:
                return fout
    return None


def _verkeerde_soort(model: type[BaseModel], data: Any) -> str | None:
    """A yes/no field takes `true` or `false`, a date field a `JJJJ-MM-DD` text: not 0, 1, "yes"
    or a number of seconds, which pydantic would turn into a boolean or a date. The published
    schema says so, and a document system's 0 is no answer (issue #15 finding 12)."""
    if not isinstance(data, dict):
        return None
    for naam, veld in model.model_fields.items():
        waarde = data.get(naam)
        if waarde is None:
            continue
        if veld.annotation in (bool, bool | None) and not isinstance(waarde, bool):
            return f"{naam}: true of false verwacht, niet {waarde!r}"[:300]
        if veld.annotation in (date, date | None) and not isinstance(waarde, str | date):
            return f"{naam}: een datum (JJJJ-MM-DD) verwacht, niet {waarde!r}"[:300]
    return None


class Invoer(BaseModel):
    """Base of every input: unknown fields are refused (CONTRACT.md), and so is what exceeds the
    contract's sizes or could never be recorded (a case would retry its register write forever).
    What a case accepted once is never refused when its history is replayed (`herhaling` in the
    validation context): a limit may tighten, a running case must not break on it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _binnen_de_grenzen(cls, data: Any, info: ValidationInfo) -> Any:
        context = info.context if isinstance(info.context, dict) else {}
        if context.get("herhaling"):
            return data
        if (fout := _buiten_de_grenzen(data) or _verkeerde_soort(cls, data)) is not None:
            raise ValueError(fout)
        return data


class Uitvoer(BaseModel):
    """Base of every output shape."""

    model_config = ConfigDict(extra="forbid")


def _vandaag(info: ValidationInfo) -> date | None:
    context = info.context if isinstance(info.context, dict) else None
    vandaag = context.get("vandaag") if context else None
    return vandaag if isinstance(vandaag, date) else None


def _niet_in_de_toekomst(waarde: date | None, info: ValidationInfo) -> date | None:
    vandaag = _vandaag(info)
    if waarde is not None and vandaag is not None and waarde > vandaag:
        raise ValueError(f"datum {waarde.isoformat()} ligt in de toekomst (vandaag is {vandaag})")
    return waarde


class Invoerfout(ValueError):
    """An input refused by validation; `str()` names every field and what is wrong."""

    def __init__(self, velden: list[tuple[str, str]]) -> None:
        self.velden = velden
        super().__init__("; ".join(f"{veld}: {melding}" for veld, melding in velden))


def _veld_fout(veld: str, melding: str) -> ValueError:
    return ValueError(f"{veld}: {melding}")


def _na(veld: str, waarde: date, ander: str, anders: date) -> None:
    if waarde < anders:
        raise _veld_fout(veld, f"{waarde} ligt voor {ander} ({anders})")


_M = TypeVar("_M", bound=BaseModel)


def lees(model: type[_M], data: Any, *, vandaag: date | None = None, herhaling: bool = False) -> _M:
    """Validate `data` as `model`; raise `Invoerfout` naming each wrong field. `herhaling`: a
    payload a case accepted before, read again on replay (the contract's sizes are not re-checked)."""
    context: dict[str, Any] = {"vandaag": vandaag, "herhaling": herhaling}
    try:
        if isinstance(data, str | bytes):
            return model.model_validate_json(data, context=context)
        if isinstance(data, BaseModel):
            data = data.model_dump(mode="json", exclude_unset=True)
        return model.model_validate(data, context=context)
    except ValidationError as fout:
        raise Invoerfout(velden_uit(fout)) from None


#: pydantic's most common refusals in the words of the Dutch screens and API (its own for the rest)
_MELDINGEN = {
    "missing": "verplicht veld ontbreekt",
    "extra_forbidden": "onbekend veld",
    "string_type": "tekst verwacht",
    "bool_type": "true of false verwacht",
    "bool_parsing": "true of false verwacht",
    "int_type": "een geheel getal verwacht",
    "int_parsing": "een geheel getal verwacht",
    "list_type": "een lijst verwacht",
    "dict_type": "een object verwacht",
    "model_type": "een object verwacht",
    "model_attributes_type": "een object verwacht",
    "date_type": "een datum (JJJJ-MM-DD) verwacht",
    "date_parsing": "een datum (JJJJ-MM-DD) verwacht",
    "date_from_datetime_parsing": "een datum (JJJJ-MM-DD) verwacht",
    "date_from_datetime_inexact": "een datum (JJJJ-MM-DD) zonder tijd verwacht",
    "json_invalid": "geen geldige JSON",
}


def _melding(fout_regel: Any) -> str:
    soort = str(fout_regel.get("type", ""))
    if soort in _MELDINGEN:
        return _MELDINGEN[soort]
    if soort in ("enum", "literal_error"):
        verwacht = str(fout_regel.get("ctx", {}).get("expected", "de toegestane waarden"))
        return "kies uit " + verwacht.replace(" or ", " of ")
    ctx = fout_regel.get("ctx", {})
    if soort == "string_too_short":
        return "mag niet leeg zijn"
    if soort in ("string_too_long", "too_long"):
        return f"ten hoogste {ctx.get('max_length')} " + ("tekens" if soort == "string_too_long" else "elementen")
    if soort in _GRENZEN:
        return _GRENZEN[soort].format(**ctx)
    if soort == "string_pattern_mismatch":
        return _PATRONEN.get(str(ctx.get("pattern")), "heeft niet de juiste vorm")
    if soort in ("value_error", "assertion_error"):
        return str(fout_regel["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    # issue #17 item 10: no English on the Dutch screens, whatever pydantic adds later
    return f"ongeldige waarde ({soort})" if soort else "ongeldige waarde"


#: pydantic's bounds, in Dutch
_GRENZEN = {
    "greater_than": "moet groter zijn dan {gt}",
    "greater_than_equal": "moet ten minste {ge} zijn",
    "less_than": "moet kleiner zijn dan {lt}",
    "less_than_equal": "mag ten hoogste {le} zijn",
    "too_short": "ten minste {min_length} elementen",
    "decimal_max_places": "ten hoogste {decimal_places} cijfers achter de komma",
    "decimal_max_digits": "ten hoogste {max_digits} cijfers",
    "decimal_parsing": "een bedrag verwacht (bijvoorbeeld 1234.56)",
    "decimal_type": "een bedrag verwacht (bijvoorbeeld 1234.56)",
    "float_parsing": "een getal verwacht",
    "float_type": "een getal verwacht",
    "int_from_float": "een geheel getal verwacht",
    "string_unicode": "tekst verwacht",
    "none_required": "moet leeg zijn",
    "frozen_instance": "kan niet worden gewijzigd",
}
#: the contract's patterns, said in words
_PATRONEN = {
    r"^[A-Z]{2}$": "twee hoofdletters: de landcode (ISO 3166-1), bijvoorbeeld SY of ER",
}


def velden_uit(fout: ValidationError) -> list[tuple[str, str]]:
    velden = []
    for fout_regel in fout.errors(include_url=False):
        pad = ".".join(str(deel) for deel in fout_regel["loc"])
        melding = _melding(fout_regel)
        # a model validator names its field itself as "veld: melding"
        if ": " in melding and re.match(r"^[A-Za-z0-9_.]+: ", melding):
            eigen, melding = melding.split(": ", 1)
            pad = f"{pad}.{eigen}" if pad else eigen
        velden.append((pad or "(invoer)", melding))
    return velden
