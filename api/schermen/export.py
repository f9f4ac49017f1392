"""A werkvoorraad view as CSV (issue #17 item 8: `/werkvoorraad?…&formaat=csv`, `text/csv`).

The same rows and columns as the screen, one case per line, UTF-8 with a byte order mark so a
spreadsheet opens the names right. A cell that a spreadsheet would take for a formula gets a
leading apostrophe (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from fastapi.responses import Response

KOLOMMEN = (
    ("aanvraagnummer", "aanvraagnummer"),
    ("naam", "naam"),
    ("relatie", "relatie"),
    ("fase", "fase"),
    ("volgende_termijn_soort", "volgende termijn"),
    ("volgende_termijn", "eindigt op"),
    ("volgende_dagen_over", "dagen over"),
    ("verlopen", "verlopen"),
    ("ingebrekestelling_loopt", "ingebrekestelling loopt"),
    ("taak_mislukt", "staat stil (workflowtaak mislukt)"),
    ("beslistermijn_einde", "beslistermijn eindigt"),
    ("behandelaar", "behandelaar"),
    ("dossier", "dossier"),
    ("referent", "referent (v-nummer)"),
)
_FORMULE = ("=", "+", "-", "@", "\t", "\r")


def _cel(waarde: Any) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, list):
        waarde = " ".join(str(w) for w in waarde)
    tekst = str(waarde)
    if isinstance(waarde, str) and tekst.startswith(_FORMULE):
        return "'" + tekst
    return tekst


def csv_tekst(rijen: list[dict[str, Any]]) -> str:
    uit = io.StringIO()
    schrijver = csv.writer(uit, lineterminator="\r\n")
    schrijver.writerow([kop for _, kop in KOLOMMEN])
    for rij in rijen:
        schrijver.writerow([_cel(rij.get(sleutel)) for sleutel, _ in KOLOMMEN])
    return uit.getvalue()


def csv_antwoord(rijen: list[dict[str, Any]], vandaag: date) -> Response:
    return Response(
        "\ufeff" + csv_tekst(rijen),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="werkvoorraad-{vandaag.isoformat()}.csv"'},
    )
