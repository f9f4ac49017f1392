"""The `status` query's shape (shared/CONTRACT.md "Query `status`")."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from nareis.contract.aanvraag import Aanvraag
from nareis.contract.codes import (
    BesluitUitkomst,
    BezwaarUitkomst,
    Fase,
    Grond,
    IngebrekestellingTegen,
    NareistermijnOordeel,
    Oordeel,
    TermijnSoort,
)
from nareis.contract.invoer import Uitvoer
from nareis.uitleg import Uitleg


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
    omschrijving: str | None = None  # [2026-12]


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
    # [2026-12]: the caseworker's motivation per ground (DOMAIN.md §3.7)
    motivering: dict[Grond, str] = Field(default_factory=dict)
    # [2026-12]: revoked by the decision on objection (Awb 7:11) on this date
    herroepen_op: date | None = None
    # [2026-12]: a proposal waiting for the second person's approval (vier ogen, DOMAIN.md §3.7)
    voorgesteld: bool = False


class VoorstelStatus(Uitvoer):
    """[2026-12] vier ogen (DOMAIN.md §3.7): the proposed decision, who may approve it, and what
    approving it today would start and stop (a proposal itself changes no term)."""

    uitkomst: BesluitUitkomst
    gronden: list[Grond] = Field(default_factory=list)
    motivering: dict[Grond, str] = Field(default_factory=dict)
    voorgesteld_op: date
    voorgesteld_door: str | None = None
    accorderen_door: list[str] = Field(default_factory=list)  # the roles that may approve
    bij_accorderen: list[str] = Field(default_factory=list)  # the terms that start or stop


class MvvStatus(Uitvoer):
    ophalen_uiterlijk: date
    verlengd: bool = False
    opgehaald_op: date | None = None
    geldig_tot: date | None = None
    verlopen: bool = False
    uitleg: Uitleg | None = None
    geldig_uitleg: Uitleg | None = None  # [2026-12] how `geldig_tot` came about (art. 2r lid 2 Vw)


class BezwaarStatus(Uitvoer):
    termijn_einde: date
    ontvangen_op: date | None = None
    beslissen_uiterlijk: date | None = None
    uitkomst: BezwaarUitkomst | None = None
    uitleg: Uitleg | None = None
    # extensions: the decision on objection term lapsed undecided (Awb 7:10), and its derivation
    beslistermijn_verstreken: bool = False
    beslissen_uitleg: Uitleg | None = None
    # [2026-12] Awb 6:11: received after the objection term; whether that was judged excusable, and why
    te_laat: bool = False
    verschoonbaar: bool | None = None
    verschoonbaar_motivering: str | None = None


class IngebrekestellingStatus(Uitvoer):
    ontvangen_op: date
    termijn_einde: date
    beroep_mogelijk_vanaf: date
    uitleg: Uitleg | None = None
    tegen: IngebrekestellingTegen = IngebrekestellingTegen.BESLISTERMIJN  # [2026-12]


class TermijnOverzicht(Uitvoer):
    """CONTRACT.md [2026-12] `termijnen[]`: a term `loopt` while a party can still act in it and has
    not yet done so; `verstreken` once its last day has passed without that."""

    soort: TermijnSoort
    einde: date
    loopt: bool
    verstreken: bool
    opgeschort: bool = False


class VolgendeTermijn(Uitvoer):
    soort: TermijnSoort
    einde: date


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
    ingebrekestelling: IngebrekestellingStatus | None = None  # [2026-12] the latest
    ingebrekestellingen: list[IngebrekestellingStatus] = Field(default_factory=list)  # [2026-12] all
    besluiten: list[BesluitStatus] = Field(default_factory=list)  # [2026-12] every decision, oldest first
    tijdlijn: list[TijdlijnRegel] = Field(default_factory=list)
    # extensions
    # older evidence, facts and linked outcomes not in `tijdlijn`: only in the case register
    tijdlijn_alleen_in_register: int = 0
    dossiernummer: str | None = None
    beleid: str | None = None
    opschortingen: list[OpschortingStatus] = Field(default_factory=list)
    volgende_actie: str | None = None
    # [2026-12]: the updates some valid payload of which the case would accept now
    mogelijke_acties: list[str] = Field(default_factory=list)
    # [2026-12]: who the case is about, every term, and the running one that ends first
    aanvraag: Aanvraag | None = None
    termijnen: list[TermijnOverzicht] = Field(default_factory=list)
    volgende_termijn: VolgendeTermijn | None = None
    behandelaar: str | None = None
    # [2026-12] vier ogen: the proposed decision waiting for approval (`besluit` shows it too)
    voorstel: VoorstelStatus | None = None
