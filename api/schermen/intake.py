"""The intake form (issue #17 item 9): an application as fields with help texts, for one family
member or several at once (one dossier, filed through the same all-or-nothing start as
`POST /dossiers`), and the contract's refusals at the fields they are about, in the form's words.

The form posts flat names: the shared fields by their contract name (`dossiernummer`,
`referent.vnummer`), each family member's as `lid<i>.<veld>`. `aanvragen` turns them into the
contract's `Aanvraag` objects (one per member, each `gezamenlijk_met` the others); `fouten`
turns the contract's paths (`aanvragen.<i>.gezinslid.naam`) back into the fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData

from api.schermen.foutmeldingen import Foutregel, Foutsamenvatting
from nareis import contract as m

#: how many members the form holds at most (a dossier holds at most 25 applications)
MAX_LEDEN = 25


@dataclass(frozen=True)
class Invoerveld:
    naam: str  # the contract's field name (within the referent or the family member)
    label: str
    hulp: str = ""
    soort: str = "tekst"  # tekst | datum | keuze | janee | vrije_tekst
    keuzes: tuple[tuple[str, str], ...] = ()
    verplicht: bool = False


def _keuzes(enum: type[Any]) -> tuple[tuple[str, str], ...]:
    return tuple((lid.value, lid.value.replace("_", " ")) for lid in enum)


AANVRAAG = (
    Invoerveld(
        "dossiernummer", "Dossiernummer", "Hetzelfde voor het hele gezin, bijvoorbeeld NR-2026-000123.", verplicht=True
    ),
    Invoerveld("ontvangen_op", "Ontvangen op", "De dag waarop de IND de aanvraag ontving.", "datum", verplicht=True),
    Invoerveld(
        "vorm",
        "Ingediend als",
        "Met het aanvraagformulier, of per brief (dan volgt het formulier; WI 2026/11 §5.8).",
        "keuze",
        (("formulier", "formulier"), ("brief", "brief")),
        True,
    ),
    Invoerveld(
        "grondslag",
        "Grondslag",
        "Nareis, of gezinshereniging op grond van artikel 8 EVRM.",
        "keuze",
        (("nareis", "nareis"), ("artikel_8_evrm", "artikel 8 EVRM")),
    ),
    Invoerveld(
        "toelichting_termijnoverschrijding",
        "Toelichting op een te late aanvraag",
        "Alleen als de aanvraag na de nareistermijn kwam: waarom (WI 2026/11 §2.2).",
        "vrije_tekst",
    ),
)

REFERENT = (
    Invoerveld("vnummer", "V-nummer van de referent", "Tien cijfers.", verplicht=True),
    Invoerveld("geboortedatum", "Geboortedatum van de referent", soort="datum", verplicht=True),
    Invoerveld(
        "status",
        "Verblijfsstatus van de referent",
        "Vluchteling (art. 29 lid 1 sub a Vw) of subsidiair beschermd (sub b).",
        "keuze",
        _keuzes(m.ReferentStatus),
        True,
    ),
    Invoerveld("asielaanvraag_op", "Asielaanvraag van de referent op", soort="datum", verplicht=True),
    Invoerveld("inreis_op", "Inreis van de referent op", soort="datum", verplicht=True),
    Invoerveld(
        "vergunning_verleend_op", "Vergunning verleend op", "Leeg als de vergunning nog niet is verleend.", "datum"
    ),
    Invoerveld("vergunning_ontvangen_op", "Vergunning ontvangen op", "De nareistermijn loopt vanaf deze dag.", "datum"),
    Invoerveld("nbm", "Referent is een niet-begeleide minderjarige", soort="janee"),
    Invoerveld("zelf_nagereisd", "Referent is zelf nagereisd", soort="janee"),
)

GEZINSLID = (
    Invoerveld("aanvraagnummer", "Aanvraagnummer", "Eén per gezinslid, bijvoorbeeld NR-2026-000123-1.", verplicht=True),
    Invoerveld("naam", "Naam", "Zoals in het reisdocument.", verplicht=True),
    Invoerveld("relatie", "Relatie tot de referent", soort="keuze", keuzes=_keuzes(m.Relatie), verplicht=True),
    Invoerveld("geboortedatum", "Geboortedatum", soort="datum", verplicht=True),
    Invoerveld(
        "verblijfsland", "Verblijfsland", "Landcode van twee letters (ISO 3166-1), bijvoorbeeld SY.", verplicht=True
    ),
    Invoerveld("vnummer", "V-nummer", "Alleen als het gezinslid er al een heeft (tien cijfers)."),
    Invoerveld(
        "genoemd_in_asielprocedure",
        "Genoemd in de asielprocedure van de referent",
        "Heeft de referent dit gezinslid in zijn asielprocedure genoemd?",
        "janee",
    ),
)

_AANVRAAG = {v.naam: v for v in AANVRAAG}
_REFERENT = {v.naam: v for v in REFERENT}
_GEZINSLID = {v.naam: v for v in GEZINSLID}


def aantal_leden(formulier: FormData) -> int:
    """How many member blocks the form shows: as posted (one more after "nog een gezinslid")."""
    try:
        aantal = int(str(formulier.get("leden") or "1"))
    except ValueError:
        aantal = 1
    if formulier.get("meer"):
        aantal += 1
    return max(1, min(aantal, MAX_LEDEN))


def _waarde(veld: Invoerveld, tekst: str) -> Any:
    if veld.soort == "janee":
        return {"ja": True, "nee": False}.get(tekst, tekst)
    return tekst


def _velden(formulier: FormData, voor: str, velden: tuple[Invoerveld, ...]) -> dict[str, Any]:
    """The filled-in fields under `voor`; an empty one is left out (the contract names what is missing)."""
    uit: dict[str, Any] = {}
    for veld in velden:
        if tekst := str(formulier.get(f"{voor}{veld.naam}") or "").strip():
            uit[veld.naam] = _waarde(veld, tekst)
    return uit


def aanvragen(formulier: FormData) -> list[dict[str, Any]]:
    """One application per filled-in member, each filed together with the others (WI 2026/11 §4.1)."""
    gedeeld = _velden(formulier, "", AANVRAAG) | {"referent": _velden(formulier, "referent.", REFERENT)}
    leden = [_velden(formulier, f"lid{i}.", GEZINSLID) for i in range(aantal_leden(formulier))]
    leden = [lid for lid in leden if lid] or [{}]
    nummers = [lid.get("aanvraagnummer") for lid in leden]
    uit = []
    for lid in leden:
        nummer = lid.pop("aanvraagnummer", None)
        aanvraag = {**gedeeld, "gezinslid": lid}
        if nummer is not None:
            aanvraag["aanvraagnummer"] = nummer
        if len(leden) > 1:
            aanvraag["gezamenlijk_met"] = [n for n in nummers if n and n != nummer]
        uit.append(aanvraag)
    return uit


def _lid_index(formulier: FormData) -> list[int]:
    """The form's member number of each application `aanvragen` made (empty blocks are skipped)."""
    gevuld = [i for i in range(aantal_leden(formulier)) if _velden(formulier, f"lid{i}.", GEZINSLID)]
    return gevuld or [0]


def _veld(pad: str, lid: int) -> tuple[str, str] | None:
    """(form name, label) of a contract path within application `lid`'s; None when no field is."""
    deel, _, rest = pad.partition(".")
    if deel == "gezinslid" and rest.split(".")[0] in _GEZINSLID:
        veld = _GEZINSLID[rest.split(".")[0]]
        return f"lid{lid}.{veld.naam}", f"{veld.label} (gezinslid {lid + 1})"
    if deel in ("aanvraagnummer", "gezamenlijk_met"):
        return f"lid{lid}.aanvraagnummer", f"Aanvraagnummer (gezinslid {lid + 1})"
    if deel == "referent" and rest.split(".")[0] in _REFERENT:
        veld = _REFERENT[rest.split(".")[0]]
        return f"referent.{veld.naam}", veld.label
    if deel in _AANVRAAG:
        return deel, _AANVRAAG[deel].label
    return None


def veld_id(naam: str) -> str:
    """The HTML id of the form field `naam` (dots are awkward in CSS selectors); its label's is
    this with `-label`, where the error summary links (see `foutmeldingen._veld_bij`)."""
    return "invoer-" + naam.replace(".", "-")


def fouten(formulier: FormData, velden: list[tuple[str, str]]) -> Foutsamenvatting:
    """The contract's refusals (paths `aanvragen.<i>.…` or, for a single application, `…`) as an
    error summary linking to the fields, and the message at each field."""
    leden = _lid_index(formulier)
    uit = Foutsamenvatting()
    for pad, melding in velden:
        gevonden = re.match(r"^aanvragen\.(\d+)\.(.+)$", pad)
        index, binnen = (int(gevonden.group(1)), gevonden.group(2)) if gevonden else (0, pad)
        lid = leden[index] if index < len(leden) else 0
        veld = _veld(binnen, lid)
        if veld is None:
            uit.regels.append(Foutregel("intake-formulier", f"{binnen.replace('_', ' ')}: {melding}"))
            continue
        naam, label = veld
        if naam in uit.per_veld and uit.per_veld[naam] == melding:
            continue  # a shared field refused once for every member
        uit.regels.append(Foutregel(veld_id(naam) + "-label", f"{label}: {melding}"))
        uit.per_veld.setdefault(naam, melding)
    return uit


def bestaat(formulier: FormData, nummers: list[str], melding: str) -> Foutsamenvatting:
    """An aanvraagnummer that has a case already, at its member's field."""
    uit = Foutsamenvatting()
    for i in range(aantal_leden(formulier)):
        naam = f"lid{i}.aanvraagnummer"
        if str(formulier.get(naam) or "").strip() in nummers:
            uit.regels.append(Foutregel(veld_id(naam) + "-label", f"Aanvraagnummer (gezinslid {i + 1}): {melding}"))
            uit.per_veld[naam] = melding
    return uit
