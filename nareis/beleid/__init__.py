"""Policy data (DOMAIN.md §3): every number and flag of the clocks, versioned, each with its source.

The data lives in `beleid.toml` beside this module. It is read and validated once, at import
(outside the Temporal workflow sandbox, which passes the `nareis` package through), so a
malformed file stops the worker at start with the version and field named. The parsed
versions are frozen models in a tuple: nothing can change them at run time.

Changing a number is a data change: add a version in `beleid.toml`. A version once published
never changes: a correction is a new version that names the one it replaces (`vervangt`) and
the day from which new cases are opened under it (`in_gebruik_vanaf`), so a case opened before
replays with what it was opened under. The version in force for a case is chosen by its receipt
date and its opening day (`beleid_op`) and its id is recorded in the case (`beleid_versie` finds
it back). A running case takes a later version only when it is published to it (issue #16:
`python -m worker beleid publiceren`), as its transitional rule (`overgang`) says. A value marked
`bevestigd = false` is still to be confirmed before production (`Beleid.onbevestigd()` lists them).
"""

from __future__ import annotations

import itertools
import re
import tomllib
from datetime import date, timedelta
from decimal import Decimal
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

Eenheid = Literal["dagen", "weken", "maanden", "jaren"]

_ENKELVOUD = {"dagen": "dag", "weken": "week", "maanden": "maand", "jaren": "jaar"}
_MEERVOUD = {"dagen": "dagen", "weken": "weken", "maanden": "maanden", "jaren": "jaar"}  # "2 jaar"


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Waarde(_Data):
    """One policy value with its source."""

    waarde: Any
    bron: str
    bevestigd: bool = True


class Termijnlengte(_Data):
    """The length of one term and whether the Algemene termijnenwet shifts its end.

    `wettelijk`: set in a statute (wet or AMvB), the only terms the Atw can cover (Atw art. 1, 5).
    `atw`: the project's flag per term (DOMAIN.md §3.0 table). The shipped data follows the
    statute (art. 4: not over 90 days, 12 weeks, 3 months, nor in years); a different choice,
    such as the IND's practice of shifting the 9-month beslistermijn, is a data change here.
    """

    lengte: int
    eenheid: Eenheid
    wettelijk: bool
    atw: bool
    bron: str
    bevestigd: bool = True

    def tekst(self) -> str:
        return f"{self.lengte} {_ENKELVOUD[self.eenheid] if self.lengte == 1 else _MEERVOUD[self.eenheid]}"


class Termijnen(_Data):
    nareistermijn: Termijnlengte  # art. 29c Vw; WI 2026/11 §2.2
    coulance: Termijnlengte  # WI 2026/11 §2.2, fn 11
    wachttermijn: Termijnlengte  # art. 29d Vw; WI 2026/11 §2.3
    beslistermijn: Termijnlengte  # art. 2u Vw (amended); WI 2026/11 §1.2
    beslistermijn_oud: Termijnlengte  # art. 2u Vw (old text)
    verlenging: Termijnlengte  # WI 2026/11 §1.2 (one-time extension)
    verlenging_oud: Termijnlengte  # art. 2u Vw (old text): at most 3 months
    herstel_verzuim: Termijnlengte  # WI 2026/11 §1.3
    formulier: Termijnlengte  # WI 2026/11 §5.8
    mvv_ophalen: Termijnlengte  # art. 2r(1) Vw; WI 2026/11 §5.3
    mvv_verlenging: Termijnlengte  # WI 2026/11 §5.3
    mvv_geldigheid: Termijnlengte  # art. 2r(2) Vw; WI 2026/11 §5.3
    bezwaar: Termijnlengte  # art. 69(1) Vw
    beslissen_op_bezwaar: Termijnlengte  # seed 003; Awb 7:10
    verdaging_bezwaar: Termijnlengte  # Awb 7:10 (postponement)
    ingebrekestelling: Termijnlengte  # Awb 4:17(3), 6:12(2)


class Overgang(_Data):
    """DOMAIN.md §3.3: the 9-month beslistermijn from 28 March 2025, valid three years."""

    peildatum: Waarde
    geldig_tot: Waarde


class Opschortingsbeleid(_Data):
    onderzoek_schort_op: Waarde  # DOMAIN.md §3.5: pause during DNA test / interview


#: DOMAIN.md §3.7: the kinds of decision `vier_ogen.besluiten` can name
VIER_OGEN_SOORTEN = ("afwijzing", "inwilliging", "inwilliging_gemotiveerd")


class VierOgen(_Data):
    """DOMAIN.md §3.7: which decisions need a second person's approval, and which roles give it."""

    besluiten: Waarde  # codes of VIER_OGEN_SOORTEN
    rollen: Waarde  # roles of the HTTP API (CONTRACT.md [2026-12]) that may approve

    @model_validator(mode="after")
    def _codes(self) -> VierOgen:
        onbekend = [b for b in self.besluiten.waarde if b not in VIER_OGEN_SOORTEN]
        if onbekend:
            raise ValueError(f"vier_ogen.besluiten: onbekend {onbekend}; kies uit {list(VIER_OGEN_SOORTEN)}")
        if not self.rollen.waarde:
            raise ValueError("vier_ogen.rollen: noem ten minste één rol die accordeert")
        return self

    def vraagt_accordering(self, uitkomst: str, gemotiveerd: bool) -> bool:
        """Whether a decision `uitkomst` (with a ground set aside: `gemotiveerd`) waits for approval."""
        soorten = set(self.besluiten.waarde)
        if uitkomst == "inwilliging" and gemotiveerd and "inwilliging_gemotiveerd" in soorten:
            return True
        return uitkomst in soorten

    @property
    def rollen_tekst(self) -> str:
        return " of ".join(self.rollen.waarde)


class Leeftijden(_Data):
    meerderjarig: Waarde
    antecedentenverklaring: Waarde
    kimlik_maximaal: Waarde
    volwassen_minimumloon: Waarde


class Middelenbeleid(_Data):
    vakantiegeld_factor: Waarde
    huisvesting_maanden: Waarde


class Minimumloon(_Data):
    vanaf: date
    tot: date
    bedrag: Decimal  # gross per month, excl. holiday pay
    bron: str
    bevestigd: bool = True


_MAAND_DAG = re.compile(r"^(\d\d)-(\d\d)$")


class Feestdag(_Data):
    """One rule of Atw art. 3: a fixed date (`datum`, "MM-DD") or days after Easter Sunday (`pasen`).

    `zondag_naar`: days to move the date when it falls on a Sunday (King's Day: -1, art. 3(1)).
    """

    naam: str
    datum: str | None = None
    pasen: int | None = None
    zondag_naar: int = 0
    bron: str
    bevestigd: bool = True

    @model_validator(mode="after")
    def _een_regel(self) -> Feestdag:
        if (self.datum is None) == (self.pasen is None):
            raise ValueError(f"{self.naam}: geef precies één van 'datum' (MM-DD) of 'pasen' (dagen na Pasen)")
        if self.datum is not None:
            gevonden = _MAAND_DAG.match(self.datum)
            if gevonden is None:
                raise ValueError(f"{self.naam}: datum {self.datum!r} is geen MM-DD")
            date(2000, int(gevonden[1]), int(gevonden[2]))  # a real day of a (leap) year
        return self

    def in_jaar(self, jaar: int, pasen: date) -> date:
        if self.pasen is not None:
            dag = pasen + timedelta(days=self.pasen)
        else:
            assert self.datum is not None
            dag = date(jaar, int(self.datum[:2]), int(self.datum[3:]))
        if self.zondag_naar and dag.weekday() == 6:
            dag += timedelta(days=self.zondag_naar)
        return dag


class AangewezenDag(_Data):
    """A day designated under Atw art. 3(3)."""

    datum: date
    bron: str
    bevestigd: bool = True


class Overgangsregel(_Data):
    """DOMAIN.md §3.10: which running cases take this version's term lengths when it is published
    (those whose application was received from `ontvangen_vanaf` through `ontvangen_tot`); the
    other running cases keep the version they were opened under."""

    ontvangen_vanaf: date
    ontvangen_tot: date | None = None
    bron: str

    def geldt_voor(self, ontvangen_op: date) -> bool:
        return self.ontvangen_vanaf <= ontvangen_op and (
            self.ontvangen_tot is None or ontvangen_op <= self.ontvangen_tot
        )

    def tekst(self) -> str:
        tot = f" tot en met {self.ontvangen_tot}" if self.ontvangen_tot is not None else ""
        return f"aanvragen ontvangen vanaf {self.ontvangen_vanaf}{tot} ({self.bron})"


class Beleid(_Data):
    """The policy in force for a case (chosen by its receipt date)."""

    versie: str
    basis: str | None = None
    # a correction: the version it replaces, with the same validity; new cases are opened under
    # it from `in_gebruik_vanaf` (a case opened before keeps, and replays with, the replaced one)
    vervangt: str | None = None
    in_gebruik_vanaf: date | None = None
    overgang: Overgangsregel | None = None  # DOMAIN.md §3.10; of this version only, never inherited
    geldig_vanaf: date
    geldig_tot: date
    omschrijving: str
    nareistermijn_start: Waarde  # "ontvangen" (WI 2026/11 §2.2) or "verleend" (Vc C2/4.3)
    migratiepact_op: Waarde
    termijnen: Termijnen
    beslistermijn_overgang: Overgang
    opschorting: Opschortingsbeleid
    dwangsom: Waarde  # DOMAIN.md §3.3: whether a penalty accrues after a notice of default
    vier_ogen: VierOgen  # DOMAIN.md §3.7
    leeftijden: Leeftijden
    middelen: Middelenbeleid
    minimumloon: tuple[Minimumloon, ...]
    feestdagen: tuple[Feestdag, ...]  # Atw art. 3(1), (2)
    aangewezen_dagen: tuple[AangewezenDag, ...]  # Atw art. 3(3)

    @model_validator(mode="after")
    def _samenhang(self) -> Beleid:
        if self.geldig_tot < self.geldig_vanaf:
            raise ValueError(f"geldig_tot {self.geldig_tot} ligt voor geldig_vanaf {self.geldig_vanaf}")
        if self.vervangt is not None and self.in_gebruik_vanaf is None:
            raise ValueError(
                f"een correctie (vervangt {self.vervangt!r}) noemt in_gebruik_vanaf: de dag vanaf welke nieuwe "
                "zaken eronder worden geopend (lopende zaken krijgen haar alleen door publicatie)"
            )
        if self.nareistermijn_start.waarde not in ("ontvangen", "verleend"):
            raise ValueError("nareistermijn_start.waarde moet 'ontvangen' of 'verleend' zijn")
        vorige: Minimumloon | None = None
        for rij in sorted(self.minimumloon, key=lambda r: r.vanaf):
            if rij.tot < rij.vanaf:
                raise ValueError(f"minimumloon vanaf {rij.vanaf}: tot ligt voor vanaf")
            if vorige is not None and rij.vanaf <= vorige.tot:
                raise ValueError(f"minimumloon vanaf {rij.vanaf} overlapt met de periode vanaf {vorige.vanaf}")
            vorige = rij
        return self

    def minimumloon_op(self, dag: date) -> Minimumloon | None:
        """The statutory minimum wage in force on `dag`; None where the table has no value yet."""
        return next((r for r in self.minimumloon if r.vanaf <= dag <= r.tot), None)

    def is_aangewezen_dag(self, dag: date) -> bool:
        return any(a.datum == dag for a in self.aangewezen_dagen)

    def onbevestigd(self) -> list[str]:
        """Every value still marked unconfirmed, by its path: what to verify before production."""
        return sorted(_onbevestigd(self.model_dump(), ""))


#: what belongs to a version itself and is never taken over from its `basis`
_EIGEN_AAN_DE_VERSIE = frozenset({"vervangt", "in_gebruik_vanaf", "overgang"})


class BeleidsFout(ValueError):
    """The policy data is malformed; the message names the version and field."""


def _onbevestigd(data: Any, pad: str) -> list[str]:
    if isinstance(data, dict):
        if data.get("bevestigd") is False:
            return [pad]
        return [p for k, v in data.items() for p in _onbevestigd(v, f"{pad}.{k}" if pad else k)]
    if isinstance(data, list | tuple):
        return [p for i, v in enumerate(data) for p in _onbevestigd(v, f"{pad}[{i}]")]
    return []


def _samenvoegen(basis: dict[str, Any], eigen: dict[str, Any], pad: str = "") -> dict[str, Any]:
    """A version built on `basis`: tables merge key by key; a value with its own `bron` and
    every list (of minimum wages, holidays, designated days) replace the basis's whole. A value
    changed without its own `bron` is refused: it would keep the source of the value it replaces."""
    uitkomst = dict(basis)
    for sleutel, waarde in eigen.items():
        hier = f"{pad}.{sleutel}" if pad else sleutel
        oud = basis.get(sleutel)
        if isinstance(waarde, dict) and isinstance(oud, dict) and "bron" not in waarde:
            if "bron" in oud:
                raise ValueError(f"{hier}: een gewijzigde waarde noemt haar eigen bron")
            uitkomst[sleutel] = _samenvoegen(oud, waarde, hier)
        else:
            uitkomst[sleutel] = waarde
    return uitkomst


def lees_beleid(tekst: str) -> tuple[Beleid, ...]:
    """Parse and validate a policy file; a version may build on an earlier one (`basis`).

    Returns the versions by start date; refuses duplicate ids and overlapping validity.
    """
    try:
        ruw = tomllib.loads(tekst)
    except tomllib.TOMLDecodeError as fout:
        raise BeleidsFout(f"beleidsbestand is geen geldige TOML: {fout}") from None
    gelezen: dict[str, dict[str, Any]] = {}
    versies = []
    for eigen in ruw.get("versies", []):
        naam = str(eigen.get("versie", "?"))
        if naam in gelezen:
            raise BeleidsFout(f"versie {naam}: komt meer dan eens voor")
        data = eigen
        if "basis" in eigen:
            if eigen["basis"] not in gelezen:
                raise BeleidsFout(f"versie {naam}: basis {eigen['basis']!r} is niet eerder gedefinieerd")
            basis = {k: v for k, v in gelezen[eigen["basis"]].items() if k not in _EIGEN_AAN_DE_VERSIE}
            try:
                data = _samenvoegen(basis, eigen)
            except ValueError as fout:
                raise BeleidsFout(f"versie {naam}: {fout}") from None
        try:
            versies.append(Beleid.model_validate(data))
        except ValidationError as fout:
            regels = [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in fout.errors(include_url=False)]
            raise BeleidsFout(f"versie {naam}: " + "; ".join(regels)) from None
        gelezen[naam] = data
    if not versies:
        raise BeleidsFout("het beleidsbestand bevat geen versies")
    _controleer_correcties(versies)
    versies.sort(key=lambda b: b.geldig_vanaf)
    vervangen = {b.vervangt for b in versies}
    for vorige, volgende in itertools.pairwise([b for b in versies if b.versie not in vervangen]):
        if volgende.geldig_vanaf <= vorige.geldig_tot:
            raise BeleidsFout(
                f"versie {volgende.versie}: geldig vanaf {volgende.geldig_vanaf}, "
                f"maar versie {vorige.versie} geldt tot en met {vorige.geldig_tot}"
            )
        if volgende.geldig_vanaf != vorige.geldig_tot + timedelta(days=1):
            raise BeleidsFout(
                f"versie {volgende.versie}: geldig vanaf {volgende.geldig_vanaf}, maar versie {vorige.versie} "
                f"geldt tot en met {vorige.geldig_tot}: de dagen ertussen hebben geen beleid"
            )
    return tuple(versies)


def _controleer_correcties(versies: list[Beleid]) -> None:
    """A correction replaces one earlier version, for the same days; a version is replaced once."""
    eerder: dict[str, Beleid] = {}
    vervangen: set[str] = set()
    for beleid in versies:
        if beleid.vervangt is not None:
            oud = eerder.get(beleid.vervangt)
            if oud is None:
                raise BeleidsFout(
                    f"versie {beleid.versie}: vervangt {beleid.vervangt!r}, die niet eerder is gedefinieerd"
                )
            if beleid.vervangt in vervangen:
                raise BeleidsFout(f"versie {beleid.versie}: versie {beleid.vervangt} is al door een andere vervangen")
            if (beleid.geldig_vanaf, beleid.geldig_tot) != (oud.geldig_vanaf, oud.geldig_tot):
                raise BeleidsFout(
                    f"versie {beleid.versie}: een correctie geldt voor dezelfde dagen als versie {oud.versie} "
                    f"({oud.geldig_vanaf} tot en met {oud.geldig_tot})"
                )
            vervangen.add(beleid.vervangt)
        eerder[beleid.versie] = beleid


def controleer_wijziging(
    nieuw: tuple[Beleid, ...], gepubliceerd: tuple[Beleid, ...], vandaag: date | None = None
) -> list[str]:
    """What a new policy file changes in versions already published (each a refusal): a
    published version never changes or disappears; a correction is a new version (`vervangt`).

    With `vandaag` (the day the file is checked for deployment): a new version may reach no case
    already opened, or that case would replay under another version than it ran with (DOMAIN.md
    §3.10): it is taken into use after today, or (no correction) is valid only from after today."""
    bekend = {b.versie: b for b in nieuw}
    fouten = [] if vandaag is None else _te_vroeg_in_gebruik(nieuw, gepubliceerd, vandaag)
    for oud in gepubliceerd:
        if oud.versie not in bekend:
            fouten.append(f"versie {oud.versie} ontbreekt: een gepubliceerde versie blijft in het bestand")
        elif bekend[oud.versie] != oud:
            fouten.append(
                f"versie {oud.versie} is gewijzigd: voeg een correctie toe "
                f'(een nieuwe versie met vervangt = "{oud.versie}" en in_gebruik_vanaf)'
            )
    return fouten


def _te_vroeg_in_gebruik(nieuw: tuple[Beleid, ...], gepubliceerd: tuple[Beleid, ...], vandaag: date) -> list[str]:
    bekend = {b.versie for b in gepubliceerd}
    fouten = []
    for beleid in nieuw:
        if beleid.versie in bekend or (beleid.in_gebruik_vanaf or date.min) > vandaag:
            continue
        if beleid.vervangt is None and beleid.in_gebruik_vanaf is None and beleid.geldig_vanaf > vandaag:
            continue
        fouten.append(
            f"versie {beleid.versie}: in_gebruik_vanaf moet na vandaag ({vandaag}) liggen; zaken die al "
            "geopend zijn, zouden anders opnieuw afspelen met een andere versie dan waarmee ze liepen"
        )
    return fouten


#: Every version, by start date; read once at import (the sandbox passes this module through).
BELEID_VERSIES: tuple[Beleid, ...] = lees_beleid(
    resources.files(__package__).joinpath("beleid.toml").read_text(encoding="utf-8")
)


def beleid_op(peildatum: date, versies: tuple[Beleid, ...] | None = None, *, geopend_op: date | None = None) -> Beleid:
    """The version in force on `peildatum` (for a case: its receipt date) for a case opened on
    `geopend_op` (None: today's file as it stands).

    Only versions in use on `geopend_op` count (`in_gebruik_vanaf`), and of those a corrected
    one gives way to its correction: so a case replays with the version it was opened under
    when a correction is added later. Then the latest version that started on or before
    `peildatum`. A date before the first version gets the first (it carries the old-regime
    values too, e.g. `beslistermijn_oud`); a date after the last version's `geldig_tot` keeps
    the last, whose `geldig_tot` shows it is past its stated validity until a new version is added.
    """
    versies = BELEID_VERSIES if versies is None else versies
    in_gebruik = [
        b for b in versies if geopend_op is None or b.in_gebruik_vanaf is None or b.in_gebruik_vanaf <= geopend_op
    ]
    vervangen = {b.vervangt for b in in_gebruik}
    actueel = [b for b in in_gebruik if b.versie not in vervangen]
    geldend = [b for b in actueel if b.geldig_vanaf <= peildatum]
    return geldend[-1] if geldend else actueel[0]


def beleid_versie(versie: str) -> Beleid:
    """A version by its id, as recorded in a case."""
    for beleid in BELEID_VERSIES:
        if beleid.versie == versie:
            return beleid
    raise KeyError(f"onbekende beleidsversie {versie!r}")


__all__ = [
    "BELEID_VERSIES",
    "VIER_OGEN_SOORTEN",
    "AangewezenDag",
    "Beleid",
    "BeleidsFout",
    "Eenheid",
    "Feestdag",
    "Minimumloon",
    "Overgangsregel",
    "Termijnen",
    "Termijnlengte",
    "VierOgen",
    "Waarde",
    "beleid_op",
    "beleid_versie",
    "controleer_wijziging",
    "lees_beleid",
]
