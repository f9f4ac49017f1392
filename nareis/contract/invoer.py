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


def _niet_op_te_slaan(waarde: Any, pad: str = "") -> str | None:
    """The path of the first text in `waarde` (keys included) the register cannot store."""
    if isinstance(waarde, str):
        return pad if _NIET_OP_TE_SLAAN.search(waarde) else None
    if isinstance(waarde, list | tuple):
        for deel in waarde:
            if (gevonden := _niet_op_te_slaan(deel, pad)) is not None:
                return gevonden
    if isinstance(waarde, dict):
        for sleutel, deel in waarde.items():
            sub = f"{pad}.{sleutel}" if pad else str(sleutel)
            if (gevonden := _niet_op_te_slaan(sleutel, pad) or _niet_op_te_slaan(deel, sub)) is not None:
                return gevonden
    return None


class Invoer(BaseModel):
    """Base of every input: unknown fields are refused (CONTRACT.md), and so is text that
    could never be recorded (a case would retry its register write forever)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _op_te_slaan(cls, data: Any) -> Any:
        pad = _niet_op_te_slaan(data)
        if pad is not None:
            raise ValueError(f"{pad}: bevat een teken dat niet kan worden vastgelegd (U+0000 of een losse surrogaat)")
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


def lees(model: type[_M], data: Any, *, vandaag: date | None = None) -> _M:
    """Validate `data` as `model`; raise `Invoerfout` naming each wrong field."""
    context = {"vandaag": vandaag} if vandaag is not None else None
    try:
        if isinstance(data, str | bytes):
            return model.model_validate_json(data, context=context)
        if isinstance(data, BaseModel):
            data = data.model_dump(mode="json", exclude_unset=True)
        return model.model_validate(data, context=context)
    except ValidationError as fout:
        raise Invoerfout(velden_uit(fout)) from None


def velden_uit(fout: ValidationError) -> list[tuple[str, str]]:
    velden = []
    for fout_regel in fout.errors(include_url=False):
        pad = ".".join(str(deel) for deel in fout_regel["loc"])
        melding = str(fout_regel["msg"]).removeprefix("Value error, ")
        # a model validator names its field itself as "veld: melding"
        if ": " in melding and re.match(r"^[a-z_.]+: ", melding):
            eigen, melding = melding.split(": ", 1)
            pad = f"{pad}.{eigen}" if pad else eigen
        velden.append((pad or "(invoer)", melding))
    return velden
