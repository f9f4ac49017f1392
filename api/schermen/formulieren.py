"""The caseworker's action forms: which fields each update of CONTRACT.md takes, how a posted
form becomes the update's payload, and which actions make sense in a case's current state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData

from nareis import contract as m

JA_NEE = (("ja", "ja"), ("nee", "nee"))


@dataclass(frozen=True)
class Veld:
    naam: str
    label: str
    soort: str  # tekst | vrije_tekst | regels | keuze | meerkeuze | janee | feiten
    keuzes: tuple[tuple[str, str], ...] = ()
    verplicht: bool = False


def _keuzes(enum: type[Any]) -> tuple[tuple[str, str], ...]:
    return tuple((lid.value, lid.value.replace("_", " ")) for lid in enum)


_BOOL_FEITEN = (
    "identiteit_aannemelijk",
    "familierechtelijke_relatie_aannemelijk",
    "feitelijke_gezinsband",
    "toestemmingsverklaring",
    "antecedentenverklaring",
    "middelen_voldoende",
    "bestendig_verblijf",
)
FEITEN: dict[str, tuple[tuple[str, str], ...]] = {
    **dict.fromkeys(_BOOL_FEITEN, JA_NEE),
    "huisvesting": tuple((w, w) for w in ("huurovereenkomst", "koopakte", "gebruikersovereenkomst", "coa", "geen")),
    "huwelijk": tuple((w, w.replace("_", " ")) for w in ("rechtsgeldig", "niet_rechtsgeldig", "erkenningsbeletsel")),
}

_BESLUITEN = (("inwilliging", "inwilliging"), ("afwijzing", "afwijzing"))
_GRONDEN = tuple((g.value, g.value) for g in m.Grond)
#: DOMAIN.md §3.7: one line per ground, "GROND: waarom"
_MOTIVERING = "Motivering per grond (één regel per grond: GROND: waarom)"

VELDEN: dict[str, tuple[Veld, ...]] = {
    "hv_versturen": (
        Veld("reden", "Reden", "keuze", tuple((c.value, c.value) for c in m.HV_REDENEN_BEHANDELAAR), True),
        Veld("omschrijving", "Omschrijving van het verzoek", "tekst"),
        Veld("ontbrekend", "Ontbrekende stukken (één per regel)", "regels"),
    ),
    "verschoonbaarheid_beoordelen": (Veld("verschoonbaar", "Verschoonbaar", "janee", JA_NEE, True),),
    "onderzoek_aanbieden": (Veld("soort", "Soort onderzoek", "keuze", _keuzes(m.OnderzoekSoort), True),),
    "onderzoek_uitslag": (
        Veld("soort", "Soort onderzoek", "keuze", _keuzes(m.OnderzoekSoort), True),
        Veld("uitkomst", "Uitkomst", "keuze", _keuzes(m.OnderzoekUitkomst), True),
    ),
    "screening_uitslag": (Veld("signalen", "Signalen (geen = niets aanvinken)", "meerkeuze", _keuzes(m.Signaal)),),
    "termijn_verlengen": (Veld("reden", "Reden", "tekst", verplicht=True),),
    "besluiten": (
        Veld("uitkomst", "Uitkomst", "keuze", (("inwilliging", "inwilliging"), ("afwijzing", "afwijzing")), True),
        Veld("gronden", "Gronden (bij afwijzing)", "meerkeuze", tuple((g.value, g.value) for g in m.Grond)),
        Veld("motivering", _MOTIVERING, "regels"),
    ),
    "mvv_verlengen": (Veld("reden", "Reden", "keuze", _keuzes(m.MvvVerlengingReden), True),),
    "bezwaar_ontvangen": (
        Veld("verschoonbaar", "Alleen bij een te laat bezwaar: verschoonbaar (Awb 6:11)", "janee", JA_NEE),
        Veld("verschoonbaar_motivering", "Waarom de overschrijding verschoonbaar is", "tekst"),
    ),
    "bezwaar_besluiten": (
        Veld("uitkomst", "Uitkomst", "keuze", _keuzes(m.BezwaarUitkomst), True),
        Veld("nieuw_besluit.uitkomst", "Nieuw besluit (bij gegrond, Awb 7:11)", "keuze", _BESLUITEN),
        Veld("nieuw_besluit.gronden", "Gronden van het nieuwe besluit", "meerkeuze", _GRONDEN),
        Veld("nieuw_besluit.motivering", _MOTIVERING, "regels"),
    ),
    "feiten_vastleggen": (Veld("feiten", "Feiten", "feiten"),),
    "opschorten": (Veld("grond", "Grond", "keuze", _keuzes(m.OpschortingGrond), True),),
    "opschorting_beeindigen": (Veld("grond", "Grond", "keuze", _keuzes(m.OpschortingGrond), True),),
    "toewijzen": (Veld("behandelaar", "Behandelaar (leeg: terug naar de werkvoorraad van het team)", "tekst"),),
    "besluit_accorderen": (
        Veld("akkoord", "Akkoord (nee: terugsturen, met de reden in de toelichting)", "janee", JA_NEE, True),
    ),
    "notitie": (Veld("tekst", "Notitie (ten hoogste 4.000 tekens)", "vrije_tekst", verplicht=True),),
}


def velden(actie: str) -> tuple[Veld, ...]:
    return VELDEN.get(actie, ())


def titel(actie: str) -> str:
    soort = m.ACTIES.get(actie)
    return soort.OMSCHRIJVING if soort is not None else actie.replace("_", " ")


def payload(actie: str, formulier: FormData) -> dict[str, Any]:
    """The update's JSON payload from a posted form; empty fields are left out, so the
    contract's own validation (`lees`) names what is missing or wrong."""
    data: dict[str, Any] = {}
    for veld in velden(actie):
        if veld.soort == "meerkeuze":
            data[veld.naam] = [str(w) for w in formulier.getlist(veld.naam)]
        elif veld.soort == "regels":
            data[veld.naam] = [r.strip() for r in str(formulier.get(veld.naam) or "").splitlines() if r.strip()]
        elif veld.soort == "feiten":
            data["feiten"] = _feiten(formulier)
        elif (waarde := str(formulier.get(veld.naam) or "").strip()) != "":
            data[veld.naam] = {"ja": True, "nee": False}[waarde] if veld.soort == "janee" else waarde
    for vrij in ("op", "toelichting"):
        if waarde := str(formulier.get(vrij) or "").strip():
            data[vrij] = waarde
    return _genest(data)


def _genest(data: dict[str, Any]) -> dict[str, Any]:
    """Motivations from their lines (`GROND: waarom`), and `nieuw_besluit.x` fields as one object,
    only when its outcome is chosen (Awb 7:11: only with an upheld objection)."""
    uit: dict[str, Any] = {}
    for naam, waarde in data.items():
        if naam == "motivering" or naam.endswith(".motivering"):
            regels = [r.split(":", 1) for r in waarde]
            waarde = {g.strip(): t.strip() for g, t in (r if len(r) == 2 else (r[0], "") for r in regels)}
            if not waarde:
                continue
        if "." in naam:
            deel, veld = naam.split(".", 1)
            uit.setdefault(deel, {})[veld] = waarde
        else:
            uit[naam] = waarde
    if "nieuw_besluit" in uit and "uitkomst" not in uit["nieuw_besluit"]:
        del uit["nieuw_besluit"]
    return uit


def _feiten(formulier: FormData) -> dict[str, Any]:
    feiten: dict[str, Any] = {}
    for sleutel, keuzes in FEITEN.items():
        waarde = str(formulier.get(f"feit_{sleutel}") or "")
        if waarde == "wissen":
            feiten[sleutel] = None
        elif waarde:
            feiten[sleutel] = {"ja": True, "nee": False}[waarde] if keuzes is JA_NEE else waarde
    return feiten
