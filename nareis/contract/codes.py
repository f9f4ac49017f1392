"""The contract's codes (shared/CONTRACT.md): every enumerated value a message carries."""

from __future__ import annotations

from enum import StrEnum


class Rol(StrEnum):
    """CONTRACT.md "HTTP API": the roles of `NAREIS_API_TOKENS` (and of the policy's vier ogen)."""

    INTAKE = "intake"  # intake systems: file applications, send evidence
    BEHANDELAAR = "behandelaar"  # caseworkers: every action, send evidence
    LEZER = "lezer"  # read a case's status only
    TEAMLEIDER = "teamleider"  # reads everything, assigns cases to anyone, sees the dashboard


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


class HvReden(StrEnum):
    """[2026-12] why an HV letter is sent (DOMAIN.md §3.4): each at most once per case."""

    DOCUMENTEN = "documenten"  # the caseworker's one request for missing information (WI 2026/11 §1.3)
    ART8_EVRM = "art8_evrm"  # the extra one for the ex-officio art. 8 ECHR check (§1.3 fn 6, §2.7)
    NIEUWE_FEITEN = "nieuwe_feiten"  # a subsequent application's new facts (§5.5)
    NAREISTERMIJN = "nareistermijn"  # the system's: late filing unexplained (§2.2)
    FORMULIER = "formulier"  # the system's: a letter instead of the form (§5.8)


#: the codes a caseworker sends; the system sends the others itself
HV_REDENEN_BEHANDELAAR = (HvReden.DOCUMENTEN, HvReden.ART8_EVRM, HvReden.NIEUWE_FEITEN)


class IngebrekestellingTegen(StrEnum):
    """[2026-12] the decision term a notice of default is given against (Awb 6:2(b), 6:12)."""

    BESLISTERMIJN = "beslistermijn"
    BESLISSING_OP_BEZWAAR = "beslissing_op_bezwaar"


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


class TermijnSoort(StrEnum):
    """CONTRACT.md [2026-12] `termijnen[].soort`: every term a case can have."""

    NAREISTERMIJN = "nareistermijn"
    COULANCE = "coulance"
    FORMULIER = "formulier"
    HV_REACTIE = "hv_reactie"
    BESLISTERMIJN = "beslistermijn"
    INGEBREKESTELLING = "ingebrekestelling"
    MVV_OPHALEN = "mvv_ophalen"
    BEZWAARTERMIJN = "bezwaartermijn"
    BESLISSING_OP_BEZWAAR = "beslissing_op_bezwaar"
