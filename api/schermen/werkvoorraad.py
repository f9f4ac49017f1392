"""The werkvoorraad: cases from Temporal visibility (`client.visibility`), filtered on the search
attributes of CONTRACT.md, the next running term first, one page at a time; who each case is
about and what stands out come from the register (`client.register`), never from a search
attribute.

Views (issue #17 item 3): `mijn` (a caseworker's default: his own cases), `team` (the team's
queue: nobody assigned), `alle` (every open case; a team lead's default). One search box
(`zoek`) takes a case number, a dossier, a V-number or a name; a name is looked up in the
register and only the case numbers it found reach visibility.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from client import visibility
from client.register import RegisterReader
from nareis.contract import Fase, TermijnSoort

#: codes only: aanvraag-, dossier- and vnummers; anything else is ignored, never quoted into a query
_CODE = re.compile(r"^[A-Za-z0-9._-]{1,60}$")
_GETAL = re.compile(r"^[0-9]{1,6}$")
_VNUMMER = re.compile(r"^[0-9]{10}$")
_DATUM = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
#: a number has a digit; a name never goes to visibility, so text without one is a name
_NUMMER = re.compile(r"^(?=.*[0-9])[A-Za-z0-9._-]{1,64}$")
MAX_ZOEKTEKST = 200


class Weergave(StrEnum):
    MIJN = "mijn"
    TEAM = "team"
    ALLE = "alle"


WEERGAVE_NAMEN = {
    Weergave.MIJN: "Mijn zaken",
    Weergave.TEAM: "Niet toegewezen",
    Weergave.ALLE: "Alle open zaken",
}


class OngeldigFilter(ValueError):
    def __init__(self, veld: str, melding: str) -> None:
        self.veld = veld
        super().__init__(f"{veld}: {melding}")


@dataclass(frozen=True)
class Filters:
    weergave: Weergave = Weergave.ALLE
    fase: str = ""
    soort: str = ""
    binnen: int | None = None
    tot: date | None = None
    vanaf: date | None = None
    verlopen: bool = False
    opgeschort: bool = False
    taak_mislukt: bool = False
    referent: str = ""
    dossier: str = ""
    behandelaar: str = ""  # in `alle`: one caseworker's cases (the dashboard's links)
    zoek: str = ""

    @classmethod
    def uit(cls, parameters: dict[str, str], standaard: Weergave = Weergave.ALLE) -> Filters:
        binnen = parameters.get("binnen", "").strip()
        if binnen and not (_GETAL.match(binnen) and int(binnen) <= 100_000):
            # ASCII digits only: "²".isdigit() is true, and int("²") was a 500 (issue 15 item 7)
            raise OngeldigFilter("binnen", "een aantal dagen, 0 tot en met 100000")
        zoek = " ".join(parameters.get("zoek", "").split())
        if len(zoek) > MAX_ZOEKTEKST:
            raise OngeldigFilter("zoek", f"ten hoogste {MAX_ZOEKTEKST} tekens")
        weergave = parameters.get("weergave", "")
        return cls(
            weergave=Weergave(weergave) if weergave in set(Weergave) else standaard,
            fase=parameters.get("fase", "") if parameters.get("fase") in {f.value for f in Fase} else "",
            soort=parameters.get("soort", "") if parameters.get("soort") in set(TermijnSoort) else "",
            binnen=int(binnen) if binnen else None,
            tot=_datum(parameters, "tot"),
            vanaf=_datum(parameters, "vanaf"),
            verlopen=parameters.get("verlopen") == "ja",
            opgeschort=parameters.get("opgeschort") == "ja",
            taak_mislukt=parameters.get("taak_mislukt") == "ja",
            referent=_code(parameters.get("referent", "")),
            dossier=_code(parameters.get("dossier", "")),
            behandelaar=_naam(parameters.get("behandelaar", "")),
            zoek=zoek,
        )

    def als_parameters(self) -> dict[str, str]:
        """The query string of this view (for links: CSV, other views)."""
        waarden = {
            "weergave": self.weergave.value,
            "fase": self.fase,
            "soort": self.soort,
            "binnen": "" if self.binnen is None else str(self.binnen),
            "tot": self.tot.isoformat() if self.tot else "",
            "vanaf": self.vanaf.isoformat() if self.vanaf else "",
            "verlopen": "ja" if self.verlopen else "",
            "opgeschort": "ja" if self.opgeschort else "",
            "taak_mislukt": "ja" if self.taak_mislukt else "",
            "referent": self.referent,
            "dossier": self.dossier,
            "behandelaar": self.behandelaar,
            "zoek": self.zoek,
        }
        return {k: v for k, v in waarden.items() if v}

    def met(self, **wijzigingen: object) -> Filters:
        return replace(self, **wijzigingen)  # type: ignore[arg-type]


def _code(waarde: str) -> str:
    waarde = waarde.strip()
    return waarde if _CODE.match(waarde) else ""


def _naam(waarde: str) -> str:
    """A caseworker's name as recorded (`door`): one line of at most 200 characters, else none."""
    waarde = " ".join(waarde.split())
    return waarde if len(waarde) <= MAX_ZOEKTEKST and waarde.isprintable() else ""


def _datum(parameters: dict[str, str], veld: str) -> date | None:
    """A plain date (`2027-01-01`); the query turns it into RFC 3339 at 00:00 in Amsterdam."""
    waarde = parameters.get(veld, "").strip()
    if not waarde:
        return None
    try:
        if not _DATUM.match(waarde):
            raise ValueError(waarde)
        return date.fromisoformat(waarde)
    except ValueError:
        raise OngeldigFilter(veld, "een datum als 2027-01-31") from None


def zoekvraag(
    filters: Filters, vandaag: date, *, wie: str | None = None, zoekterm: visibility.Zoekterm | None = None
) -> str:
    """The visibility query for `filters` (without ordering); `wie` is the caseworker of `mijn`.
    A search (`zoekterm`) looks through every case, open or closed, in any view."""
    if zoekterm is not None:
        return visibility.query(running=False, zoek=zoekterm)
    voor = []
    if filters.binnen is not None:
        voor.append(vandaag + timedelta(filters.binnen + 1))  # within N days: before the day after
    if filters.tot is not None:
        voor.append(filters.tot + timedelta(1))  # through that day
    behandelaar: str | visibility.Niemand | None = None
    if filters.weergave is Weergave.MIJN:
        behandelaar = wie or visibility.NIEMAND
    elif filters.weergave is Weergave.TEAM:
        behandelaar = visibility.NIEMAND
    elif filters.behandelaar:
        behandelaar = filters.behandelaar
    return visibility.query(
        fasen=[filters.fase] if filters.fase else [],
        opgeschort=filters.opgeschort,
        referent=filters.referent or None,
        dossier=filters.dossier or None,
        behandelaar=behandelaar,
        termijnsoort=filters.soort or None,
        termijn_eindigt_voor=min(voor, default=None),
        termijn_eindigt_vanaf=filters.vanaf,
        verlopen_op=vandaag if filters.verlopen else None,
        taak_mislukt=filters.taak_mislukt,
    )


async def zoekterm(tekst: str, register: RegisterReader | None) -> visibility.Zoekterm:
    """What the search box's `tekst` asks: a number (it has a digit) as case number or dossier; ten
    digits also as V-number, of the referent (visibility) or the family member (register);
    otherwise a name, which only the register sees."""
    if _VNUMMER.match(tekst):  # the referent's (visibility), or the family member's (register)
        gevonden = await register.zoek(tekst) if register is not None else []
        return visibility.Zoekterm(aanvraagnummers=(tekst, *gevonden), dossier=tekst, referent=tekst)
    if _NUMMER.match(tekst):
        return visibility.Zoekterm(aanvraagnummers=(tekst,), dossier=tekst)
    gevonden = await register.zoek(tekst) if register is not None else []
    return visibility.Zoekterm(aanvraagnummers=tuple(gevonden))
