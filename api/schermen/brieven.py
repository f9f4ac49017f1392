"""The case's letters on the screens (issue #17 item 6): listed on the case page, shown as HTML,
downloaded as PDF. The text is the register's, exactly as it was sent (`brieven` writes it once,
from the letter's effect); these pages only lay it out. Before an action that sends a letter, the
confirmation page previews it: the same renderer, on the effect the query `voorbeeld` returns.

The PDF is made with WeasyPrint from the same HTML, which fetches nothing: every URL is refused
(the letter needs no image or stylesheet from outside the page).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from brieven import Briefschrijver, GeschrevenBrief
from nareis.effecten import Voorbeeld
from nareis.register import Brief
from nareis.tijd import datum_voluit

_OPMAAK = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True),
)
_OPMAAK.filters["datum"] = datum_voluit

#: the same renderer the activities write the letters with, so the preview is the letter
_SCHRIJVER = Briefschrijver()


def alinea_s(tekst: str) -> list[list[str]]:
    """The letter's text in paragraphs (blank lines between), each a list of its lines."""
    alinea_s: list[list[str]] = [[]]
    for regel in tekst.splitlines():
        if regel.strip():
            alinea_s[-1].append(regel)
        elif alinea_s[-1]:
            alinea_s.append([])
    return [a for a in alinea_s if a]


def _geen_url(url: str, *_: Any, **__: Any) -> dict[str, Any]:
    raise ValueError(f"een brief haalt niets op ({url})")


def _pdf(brief: Brief) -> bytes:
    from weasyprint import HTML  # imported on first use: Pango is loaded only for a PDF

    html = _OPMAAK.get_template("brief_pdf.html").render(brief=brief, alinea_s=alinea_s(brief.tekst))
    pdf = HTML(string=html, url_fetcher=_geen_url).write_pdf()
    assert pdf is not None
    return bytes(pdf)


async def pdf(brief: Brief) -> bytes:
    """The letter as PDF (A4), made off the event loop."""
    return await asyncio.to_thread(_pdf, brief)


def bestandsnaam(brief: Brief) -> str:
    return f"{brief.aanvraagnummer}-{brief.volgnummer}-{brief.soort}.pdf"


def voorbeelden(voorbeeld: Voorbeeld) -> list[GeschrevenBrief]:
    """The letters of the query `voorbeeld`, written as they would be sent (nothing is sent)."""
    return [_SCHRIJVER.schrijf(brief.brief()) for brief in voorbeeld.brieven]
