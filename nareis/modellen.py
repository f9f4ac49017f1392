"""The contract's models (shared/CONTRACT.md): the `Aanvraag`, the actions and the `status`.

Names and shapes are fixed by the contract: extend, never rename. Input models refuse
unknown fields and impossible dates and name the field in their error. "Today" is never
read from a clock here: pass it as validation context (`{"vandaag": date}`), so the same
validation runs inside the workflow sandbox on `workflow.now()`.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from nareis.uitleg import Uitleg

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


# --- codes -------------------------------------------------------------------------------


class Vorm(StrEnum):
    FORMULIER = "formulier"
    BRIEF = "brief"


class ReferentStatus(StrEnum):
    VLUCHTELING = "vluchteling"  # art. 29(1)(a) Vw
    SUBSIDIAIR = "subsidiair"  # art. 29(1)(b) Vw


class Relatie(StrEnum):
    ECHTGENOOT = "echtgenoot"
    PARTNER = "partner"
    KIND = "kind"
    OUDER = "ouder"
    BROER_ZUS = "broer_zus"
    OVERIG = "overig"


class Komst(StrEnum):
    """How a person obtained residence in the Netherlands (seed 004's routes)."""

    ASIEL = "asiel"
    NAREIS = "nareis"
    ARTIKEL_8_EVRM = "artikel_8_evrm"


class Grondslag(StrEnum):
    """The legal basis the application is made on (seed 004 counts both)."""

    NAREIS = "nareis"
    ARTIKEL_8_EVRM = "artikel_8_evrm"


class Fase(StrEnum):
    ONTVANGEN = "ontvangen"
    HERSTEL_VERZUIM = "herstel_verzuim"
    NADER_ONDERZOEK = "nader_onderzoek"
    BEOORDELING = "beoordeling"
    MVV_AFGIFTE = "mvv_afgifte"
    BEZWAAR = "bezwaar"
    AFGEROND = "afgerond"


class NareistermijnOordeel(StrEnum):
    TIJDIG = "tijdig"
    COULANCE = "coulance"
    TE_LAAT = "te_laat"
    NIET_VAN_TOEPASSING = "niet_van_toepassing"


class Oordeel(StrEnum):
    VOLDAAN = "voldaan"
    NIET_VOLDAAN = "niet_voldaan"
    BEOORDELEN = "beoordelen"


class Grond(StrEnum):
    ASIELVERGUNNING = "ASIELVERGUNNING"
    NAREISTERMIJN = "NAREISTERMIJN"
    WACHTTERMIJN = "WACHTTERMIJN"
    MIDDELEN = "MIDDELEN"
    HUISVESTING = "HUISVESTING"
    CATEGORIE = "CATEGORIE"
    MINDERJARIGHEID = "MINDERJARIGHEID"
    NIET_BEGELEID = "NIET_BEGELEID"
    NAREIS_OP_NAREIS = "NAREIS_OP_NAREIS"
    IDENTITEIT = "IDENTITEIT"
    FAMILIERECHTELIJKE_RELATIE = "FAMILIERECHTELIJKE_RELATIE"
    FEITELIJKE_GEZINSBAND = "FEITELIJKE_GEZINSBAND"
    TOESTEMMINGSVERKLARING = "TOESTEMMINGSVERKLARING"
    ANTECEDENTENVERKLARING = "ANTECEDENTENVERKLARING"
    OPENBARE_ORDE = "OPENBARE_ORDE"
    BESTENDIG_VERBLIJF = "BESTENDIG_VERBLIJF"
    ONDERZOEK = "ONDERZOEK"
    HERHAALDE_AANVRAAG = "HERHAALDE_AANVRAAG"


class OnderzoekSoort(StrEnum):
    DNA = "dna"
    GEHOOR = "gehoor"


class OnderzoekUitkomst(StrEnum):
    BEVESTIGD = "bevestigd"
    NIET_BEVESTIGD = "niet_bevestigd"
    NIET_VERSCHENEN = "niet_verschenen"


class Signaal(StrEnum):
    ARTIKEL_1F = "1F"
    NATIONALE_VEILIGHEID = "nationale_veiligheid"
    OPENBARE_ORDE = "openbare_orde"


class BesluitUitkomst(StrEnum):
    INWILLIGING = "inwilliging"
    AFWIJZING = "afwijzing"
    BUITEN_BEHANDELING = "buiten_behandeling"
    INGETROKKEN = "ingetrokken"


class MvvVerlengingReden(StrEnum):
    POST_GESLOTEN = "post_gesloten"  # WI 2026/11 §5.3 sub 1
    GEEN_POST = "geen_post"  # WI 2026/11 §5.3 sub 2


class BezwaarUitkomst(StrEnum):
    GEGROND = "gegrond"
    ONGEGROND = "ongegrond"
    NIET_ONTVANKELIJK = "niet_ontvankelijk"


class OpschortingGrond(StrEnum):
    """Awb 4:15 grounds a caseworker records (the HV letter, 4:15(1)(a), is automatic)."""

    BUITENLANDSE_AUTORITEIT = "buitenlandse_autoriteit"  # Awb 4:15(1)(b)
    TOESTEMMING_AANVRAGER = "toestemming_aanvrager"  # Awb 4:15(2)(a)
    VERTRAGING_AANVRAGER = "vertraging_aanvrager"  # Awb 4:15(2)(b)
    OVERMACHT = "overmacht"  # Awb 4:15(2)(c)


# --- the application -------------------------------------------------------------------

_NUMMER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_VNUMMER = re.compile(r"^[0-9]{10}$")


def _vandaag(info: ValidationInfo) -> date | None:
    context = info.context if isinstance(info.context, dict) else None
    vandaag = context.get("vandaag") if context else None
    return vandaag if isinstance(vandaag, date) else None


def _niet_in_de_toekomst(waarde: date | None, info: ValidationInfo) -> date | None:
    vandaag = _vandaag(info)
    if waarde is not None and vandaag is not None and waarde > vandaag:
        raise ValueError(f"datum {waarde.isoformat()} ligt in de toekomst (vandaag is {vandaag})")
    return waarde


def _check_vnummer(waarde: str) -> str:
    if not _VNUMMER.match(waarde):
        raise ValueError("een v-nummer bestaat uit 10 cijfers")
    return waarde


def _check_nummer(waarde: str) -> str:
    if not _NUMMER.match(waarde):
        raise ValueError("een aanvraag- of dossiernummer bestaat uit 1 tot 64 letters, cijfers, '.', '_' of '-'")
    return waarde


class Referent(Invoer):
    vnummer: str
    geboortedatum: date
    status: ReferentStatus
    asielaanvraag_op: date
    inreis_op: date
    # None: the permit was not (yet) granted or received when applying (WI 2026/11 §2.1, §4.3)
    vergunning_verleend_op: date | None = None
    vergunning_ontvangen_op: date | None = None
    nbm: bool = False
    genaturaliseerd_op: date | None = None
    zelf_nagereisd: bool = False
    # Extensions (CONTRACT.md: "extend, don't rename"), for the register's reports (seed 004)
    komst_via: Komst | None = None
    nagereisd_als: Relatie | None = None
    nagereisd_bij_nbm: bool = False  # came as a sibling of an nbm (seed 004, "broers en zussen van AMV")
    begeleid_ingereisd: bool | None = None  # WI 2026/11 §4.2; None = not (yet) established
    relocatie_asielaanvraag_op: date | None = None  # WI 2026/11 intro: relocated referent

    _vnummer = field_validator("vnummer")(_check_vnummer)
    _toekomst = field_validator(
        "geboortedatum",
        "asielaanvraag_op",
        "inreis_op",
        "vergunning_verleend_op",
        "vergunning_ontvangen_op",
        "genaturaliseerd_op",
        "relocatie_asielaanvraag_op",
    )(_niet_in_de_toekomst)

    @model_validator(mode="after")
    def _volgorde(self) -> Referent:
        _na("asielaanvraag_op", self.asielaanvraag_op, "geboortedatum", self.geboortedatum)
        _na("inreis_op", self.inreis_op, "geboortedatum", self.geboortedatum)
        if self.vergunning_verleend_op is not None:
            _na(
                "vergunning_verleend_op",
                self.vergunning_verleend_op,
                "asielaanvraag_op",
                self.asielaanvraag_op,
            )
        if self.vergunning_ontvangen_op is not None:
            if self.vergunning_verleend_op is None:
                raise _veld_fout(
                    "vergunning_verleend_op",
                    "ontbreekt terwijl vergunning_ontvangen_op is ingevuld",
                )
            _na(
                "vergunning_ontvangen_op",
                self.vergunning_ontvangen_op,
                "vergunning_verleend_op",
                self.vergunning_verleend_op,
            )
        if self.genaturaliseerd_op is not None:
            _na("genaturaliseerd_op", self.genaturaliseerd_op, "inreis_op", self.inreis_op)
        if self.zelf_nagereisd and self.komst_via not in (None, Komst.NAREIS):
            raise _veld_fout("komst_via", "moet 'nareis' zijn als zelf_nagereisd waar is")
        return self

    @property
    def komst(self) -> Komst:
        if self.komst_via is not None:
            return self.komst_via
        return Komst.NAREIS if self.zelf_nagereisd else Komst.ASIEL


class Gezinslid(Invoer):
    vnummer: str | None = None
    naam: str = Field(min_length=1, max_length=200)
    relatie: Relatie
    geboortedatum: date
    verblijfsland: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")
    genoemd_in_asielprocedure: bool = True

    _toekomst = field_validator("geboortedatum")(_niet_in_de_toekomst)

    @field_validator("vnummer")
    @classmethod
    def _vnummer(cls, waarde: str | None) -> str | None:
        return None if waarde is None else _check_vnummer(waarde)


class Aanvraag(Invoer):
    aanvraagnummer: str
    dossiernummer: str
    ontvangen_op: date
    vorm: Vorm
    referent: Referent
    gezinslid: Gezinslid
    gezamenlijk_met: list[str] = Field(default_factory=list)
    toelichting_termijnoverschrijding: str | None = None
    eerdere_aanvraag: str | None = None
    grondslag: Grondslag = Grondslag.NAREIS

    _nummers = field_validator("aanvraagnummer", "dossiernummer")(_check_nummer)
    _toekomst = field_validator("ontvangen_op")(_niet_in_de_toekomst)

    @field_validator("gezamenlijk_met")
    @classmethod
    def _gezamenlijk(cls, waarden: list[str]) -> list[str]:
        for waarde in waarden:
            _check_nummer(waarde)
        if len(set(waarden)) != len(waarden):
            raise ValueError("een aanvraagnummer staat er meer dan eens in")
        return waarden

    @field_validator("eerdere_aanvraag")
    @classmethod
    def _eerdere(cls, waarde: str | None) -> str | None:
        return None if waarde is None else _check_nummer(waarde)

    @model_validator(mode="after")
    def _samenhang(self) -> Aanvraag:
        if self.aanvraagnummer in self.gezamenlijk_met:
            raise _veld_fout("gezamenlijk_met", "bevat de aanvraag zelf")
        if self.eerdere_aanvraag == self.aanvraagnummer:
            raise _veld_fout("eerdere_aanvraag", "is de aanvraag zelf")
        ontvangen = self.referent.vergunning_ontvangen_op
        if ontvangen is not None and self.ontvangen_op < ontvangen:
            raise _veld_fout(
                "ontvangen_op",
                f"{self.ontvangen_op} ligt voor referent.vergunning_ontvangen_op ({ontvangen})",
            )
        if self.ontvangen_op < self.referent.asielaanvraag_op:
            raise _veld_fout(
                "ontvangen_op",
                f"{self.ontvangen_op} ligt voor referent.asielaanvraag_op ({self.referent.asielaanvraag_op})",
            )
        _na(
            "ontvangen_op",
            self.ontvangen_op,
            "gezinslid.geboortedatum",
            self.gezinslid.geboortedatum,
        )
        return self

    @property
    def workflow_id(self) -> str:
        return workflow_id(self.aanvraagnummer)


def workflow_id(aanvraagnummer: str) -> str:
    """CONTRACT.md: the workflow id is `nareis-<aanvraagnummer>`."""
    return f"nareis-{aanvraagnummer}"


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
        raise Invoerfout(_velden(fout)) from None


def _velden(fout: ValidationError) -> list[tuple[str, str]]:
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


# --- actions (Temporal updates) -----------------------------------------------------------


class Actie(Invoer):
    """Every action: `op` defaults to the workflow's date and may not lie in the future."""

    op: date | None = None
    door: str | None = Field(default=None, max_length=200)
    toelichting: str | None = Field(default=None, max_length=4000)

    _toekomst = field_validator("op")(_niet_in_de_toekomst)


class HvVersturen(Actie):
    reden: str = Field(min_length=1, max_length=200)
    ontbrekend: list[str] = Field(default_factory=list)


class HvReactieOntvangen(Actie):
    pass


class FormulierOntvangen(Actie):
    pass


class VerschoonbaarheidBeoordelen(Actie):
    verschoonbaar: bool


class OnderzoekAanbieden(Actie):
    soort: OnderzoekSoort


class OnderzoekUitslagInvoer(Actie):
    soort: OnderzoekSoort
    uitkomst: OnderzoekUitkomst


class ScreeningUitslag(Actie):
    signalen: list[Signaal] = Field(default_factory=list)


class TermijnVerlengen(Actie):
    reden: str = Field(min_length=1, max_length=2000)


class Besluiten(Actie):
    uitkomst: Literal["inwilliging", "afwijzing"]
    gronden: list[Grond] = Field(default_factory=list)
    # extension: the explicit reason to decide against a hard rule of the advice (DOMAIN.md §3.7)
    afwijkingsreden: str | None = Field(default=None, max_length=4000)


class MvvVerlengen(Actie):
    reden: MvvVerlengingReden


class MvvOpgehaald(Actie):
    pass


class BezwaarOntvangen(Actie):
    verschoonbaar: bool | None = None  # a late objection is admissible only if excusable


class BezwaarBesluiten(Actie):
    uitkomst: BezwaarUitkomst


class IngebrekestellingOntvangen(Actie):
    pass


class Intrekken(Actie):
    pass


class FeitenVastleggen(Actie):
    feiten: dict[str, Any]


class Opschorten(Actie):
    grond: OpschortingGrond


class OpschortingBeeindigen(Actie):
    grond: OpschortingGrond


class NieuwBewijs(Invoer):
    soort: str = Field(min_length=1, max_length=200)
    omschrijving: str = Field(min_length=1, max_length=4000)
    op: date | None = None


#: CONTRACT.md "Caseworker and intake actions": update name → payload model
ACTIES: dict[str, type[Actie]] = {
    "hv_versturen": HvVersturen,
    "hv_reactie_ontvangen": HvReactieOntvangen,
    "formulier_ontvangen": FormulierOntvangen,
    "verschoonbaarheid_beoordelen": VerschoonbaarheidBeoordelen,
    "onderzoek_aanbieden": OnderzoekAanbieden,
    "onderzoek_uitslag": OnderzoekUitslagInvoer,
    "screening_uitslag": ScreeningUitslag,
    "termijn_verlengen": TermijnVerlengen,
    "besluiten": Besluiten,
    "mvv_verlengen": MvvVerlengen,
    "mvv_opgehaald": MvvOpgehaald,
    "bezwaar_ontvangen": BezwaarOntvangen,
    "bezwaar_besluiten": BezwaarBesluiten,
    "ingebrekestelling_ontvangen": IngebrekestellingOntvangen,
    "intrekken": Intrekken,
    "feiten_vastleggen": FeitenVastleggen,
    "opschorten": Opschorten,
    "opschorting_beeindigen": OpschortingBeeindigen,
}


# --- the status (query `status`) -------------------------------------------------------


class NareistermijnStatus(Uitvoer):
    einde: date | None
    coulance_einde: date | None
    oordeel: NareistermijnOordeel
    uitleg: Uitleg | None = None


class BeslistermijnStatus(Uitvoer):
    start: date | None
    einde: date | None
    opgeschort: bool = False
    opgeschorte_dagen: int = 0
    verlengd: bool = False
    verstreken: bool = False
    uitleg: Uitleg | None = None


class HerstelVerzuimStatus(Uitvoer):
    reden: str
    verzonden_op: date
    reactie_uiterlijk: date
    beantwoord_op: date | None = None
    ontbrekend: list[str] = Field(default_factory=list)
    verlopen: bool = False
    uitleg: Uitleg | None = None


class OpschortingStatus(Uitvoer):
    grond: str
    van: date
    tot: date | None = None


class AdviesRegel(Uitvoer):
    grond: Grond
    oordeel: Oordeel
    bron: str
    reden: str = ""


class BesluitStatus(Uitvoer):
    uitkomst: BesluitUitkomst
    op: date
    gronden: list[Grond] = Field(default_factory=list)
    afwijkingsreden: str | None = None


class MvvStatus(Uitvoer):
    ophalen_uiterlijk: date
    verlengd: bool = False
    opgehaald_op: date | None = None
    geldig_tot: date | None = None
    verlopen: bool = False
    uitleg: Uitleg | None = None


class BezwaarStatus(Uitvoer):
    termijn_einde: date
    ontvangen_op: date | None = None
    beslissen_uiterlijk: date | None = None
    uitkomst: BezwaarUitkomst | None = None
    uitleg: Uitleg | None = None
    # extensions: the decision on objection term lapsed undecided (Awb 7:10), and its derivation
    beslistermijn_verstreken: bool = False
    beslissen_uitleg: Uitleg | None = None


class IngebrekestellingStatus(Uitvoer):
    ontvangen_op: date
    termijn_einde: date
    beroep_mogelijk_vanaf: date
    uitleg: Uitleg | None = None


class TijdlijnRegel(Uitvoer):
    op: date
    gebeurtenis: str
    door: str | None = None
    toelichting: str | None = None


class Status(Uitvoer):
    aanvraagnummer: str
    fase: Fase
    nareistermijn: NareistermijnStatus
    nareistermijn_veiliggesteld: bool
    beslistermijn: BeslistermijnStatus
    herstel_verzuim: list[HerstelVerzuimStatus] = Field(default_factory=list)
    advies: list[AdviesRegel] = Field(default_factory=list)
    ambtshalve_8evrm: bool = False
    evenredigheidstoets: bool = False
    verplicht_gehoor: bool = False
    melding_handhaving: bool = False
    besluit: BesluitStatus | None = None
    mvv: MvvStatus | None = None
    bezwaar: BezwaarStatus | None = None
    ingebrekestelling: IngebrekestellingStatus | None = None
    tijdlijn: list[TijdlijnRegel] = Field(default_factory=list)
    # extensions
    dossiernummer: str | None = None
    beleid: str | None = None
    opschortingen: list[OpschortingStatus] = Field(default_factory=list)
    volgende_actie: str | None = None
