"""Steps scheduled by cases started before the typed effects (2026-12), still readable.

Until then every step's activity got the case's whole `status` and `aanvraag` with a loose
`gegevens` dict. A step scheduled that way may still be waiting or retrying when the new
worker starts: it is turned into the typed effect it stands for, taking the data of its own
step where the old payload has it (the HV letter is found by its own term, not the last one).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from nareis import contract as m
from nareis import effecten as e


class OudeStapopdracht(BaseModel):
    """The old activity input (`workflows.stappen.Stapopdracht` until 2026-12)."""

    model_config = ConfigDict(extra="ignore")

    aanvraagnummer: str
    sleutel: str
    soort: str
    volgnummer: int
    op: date
    beleid: str
    gegevens: dict[str, Any] = Field(default_factory=dict)
    aanvraag: m.Aanvraag
    status: dict[str, Any]


def naar_effect(oud: OudeStapopdracht) -> e.Effect:
    """The typed effect an old step stands for; its key (`sleutel`) is the same."""
    status, gegevens = oud.status, oud.gegevens
    basis: dict[str, Any] = {
        "aanvraagnummer": oud.aanvraagnummer,
        "volgnummer": oud.volgnummer,
        "op": oud.op,
        "beleid": oud.beleid,
        "betreft": e.Betreft.uit_aanvraag(oud.aanvraag),
    }
    mvv_einde = (status.get("mvv") or {}).get("ophalen_uiterlijk")
    match oud.soort:
        case "ontvangstbevestiging":
            termijn = status.get("beslistermijn") or {}
            uitleg = termijn.get("uitleg") or {}
            return e.Ontvangstbevestiging(
                **basis,
                beslistermijn_einde=termijn.get("einde"),
                beslistermijn_regel=uitleg.get("regel"),
                beslistermijn_bron=uitleg.get("bron"),
            )
        case "herstel_verzuim":
            hv = _eigen_hv(status.get("herstel_verzuim") or [], gegevens.get("termijn") or {})
            uitleg = hv.get("uitleg") or {}
            return e.HvBrief(
                **basis,
                reden=hv["reden"],
                ontbrekend=hv.get("ontbrekend") or [],
                verzonden_op=hv["verzonden_op"],
                reactie_uiterlijk=hv["reactie_uiterlijk"],
                termijn_regel=uitleg.get("regel", ""),
                termijn_bron=uitleg.get("bron", ""),
            )
        case "beschikking":
            return e.Beschikking(
                **basis,
                uitkomst=gegevens["uitkomst"],
                gronden=gegevens.get("gronden") or [],
                afwijkingsreden=(status.get("besluit") or {}).get("afwijkingsreden"),
                bezwaartermijn_einde=gegevens["bezwaartermijn_einde"],
                mvv_ophalen_uiterlijk=mvv_einde,
            )
        case "buiten_behandeling":
            return e.BuitenBehandeling(**basis, bezwaartermijn_einde=(status.get("bezwaar") or {}).get("termijn_einde"))
        case "bezwaar_ontvangen":
            return e.BezwaarOntvangstbevestiging(**basis, beslissen_uiterlijk=gegevens["beslissen_uiterlijk"])
        case "beslissing_op_bezwaar":
            return e.BeslissingOpBezwaar(
                **basis,
                uitkomst=gegevens["uitkomst"],
                besluit_uitkomst=(status.get("besluit") or {})["uitkomst"],
                mvv_ophalen_uiterlijk=mvv_einde,
            )
    del basis["betreft"]
    match oud.soort:
        case "screening":
            return e.ScreeningVerzoek(**basis)
        case "onderzoek":
            return e.OnderzoekVerzoek(**basis, soort=gegevens["soort"])
        case "mvv_afgifte":
            return e.MvvAfgifte(**basis, ophalen_uiterlijk=gegevens["ophalen_uiterlijk"])
    raise ValueError(f"soort: onbekende stap {oud.soort!r}")


def _eigen_hv(brieven: list[dict[str, Any]], termijn: dict[str, Any]) -> dict[str, Any]:
    """The letter whose own term the step carried (sent on its start, due on its end)."""
    for hv in brieven:
        if hv.get("verzonden_op") == termijn.get("start") and hv.get("reactie_uiterlijk") == termijn.get("einde"):
            return hv
    if not brieven:
        raise ValueError("status.herstel_verzuim: geen brief bij deze stap")
    return brieven[-1]
