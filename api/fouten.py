"""Error answers of the API, shaped like FastAPI's own (`{"detail": ...}`)."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi.responses import JSONResponse

Loc = list[str | int]


def loc(pad: str, voorvoegsel: Sequence[str | int] = ("body",)) -> Loc:
    """`"aanvragen.0.gezinslid.naam"` → `["body", "aanvragen", 0, "gezinslid", "naam"]`."""
    delen: Loc = list(voorvoegsel)
    if pad and pad != "(invoer)":
        delen += [int(deel) if deel.isdigit() else deel for deel in pad.split(".")]
    return delen


def ongeldig(velden: Sequence[tuple[str, str]], voorvoegsel: Sequence[str | int] = ("body",)) -> JSONResponse:
    """422 naming every wrong field, as FastAPI does for a request body."""
    return JSONResponse(
        status_code=422,
        content={
            "detail": [{"loc": loc(pad, voorvoegsel), "msg": melding, "type": "value_error"} for pad, melding in velden]
        },
    )


def fout(status_code: int, detail: object, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(status_code=status_code, content={"detail": detail}, headers=headers)
