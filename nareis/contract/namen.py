"""The contract's names (shared/CONTRACT.md): workflow type and id, query and signals, search
attributes. Written here once; every layer takes them from here."""

from __future__ import annotations

from enum import StrEnum

WORKFLOW_TYPE = "Nareisaanvraag"
QUERY_STATUS = "status"
#: an extension of the contract (issue #17 item 5): the provenance of each fact and what each
#: timeline entry changed (`nareis.contract.details.Details`)
QUERY_DETAILS = "details"
#: an extension of the contract (issue #17 item 6): the letters an action would send, taken on a
#: copy of the case that is then dropped (`nareis.effecten.Voorbeeld`); arguments: the update's
#: name and its payload
QUERY_VOORBEELD = "voorbeeld"
SIGNAAL_NIEUW_BEWIJS = "nieuw_bewijs"
#: between cases filed together (WI 2026/11 §4.1): the project's own signal, not the contract's
SIGNAAL_GEKOPPELD_BESLUIT = "gekoppeld_besluit"
#: a policy version published to running cases (issue #16; DOMAIN.md §3.10): `BeleidGepubliceerd`
SIGNAAL_BELEID_GEPUBLICEERD = "beleid_gepubliceerd"
#: a family dossier's cases (`POST /dossiers`) take no step before the API sends them this, once
#: every case of the dossier has started (issue 15 item 5): the project's own signal, no payload
SIGNAAL_DOSSIER_COMPLEET = "dossier_compleet"
#: the memo with which the API starts a dossier's case, so that it waits for that signal
MEMO_WACHT_OP_DOSSIER = "nareis_wacht_op_dossier"
#: the failure type of a dossier's case that never heard `dossier_compleet`: it ended undone
DOSSIER_NIET_COMPLEET = "DossierNietCompleet"

_ID_PREFIX = "nareis-"


def workflow_id(aanvraagnummer: str) -> str:
    """CONTRACT.md: the workflow id is `nareis-<aanvraagnummer>`."""
    return f"{_ID_PREFIX}{aanvraagnummer}"


def aanvraagnummer_uit(workflow_id: str) -> str:
    """The inverse of `workflow_id`."""
    return workflow_id.removeprefix(_ID_PREFIX)


class ValueType(StrEnum):
    """A search attribute's value type, as CONTRACT.md and Temporal's CLI spell it."""

    KEYWORD = "Keyword"
    DATETIME = "Datetime"
    BOOL = "Bool"


class Zoekattribuut(StrEnum):
    """CONTRACT.md "Search attributes": name → value. Codes, dates and the referent's vnummer
    only: never a name or a birth date (that stays in encrypted payloads)."""

    FASE = "NareisFase"
    BESLISTERMIJN_EINDE = "NareisBeslistermijnEinde"
    OPGESCHORT = "NareisOpgeschort"
    REFERENT = "NareisReferent"
    DOSSIER = "NareisDossier"
    STATUS_REFERENT = "NareisStatusReferent"
    RELATIE = "NareisRelatie"
    UITKOMST = "NareisUitkomst"
    VOLGENDE_TERMIJN = "NareisVolgendeTermijn"  # [2026-12]: the end of `volgende_termijn`
    VOLGENDE_TERMIJN_SOORT = "NareisVolgendeTermijnSoort"
    BEHANDELAAR = "NareisBehandelaar"
    VOORGESTELD_DOOR = "NareisVoorgesteldDoor"  # [2026-12] vier ogen: who proposed the waiting decision
    BELEID = "NareisBeleid"  # issue #16: the policy version whose term lengths the case follows

    @property
    def value_type(self) -> ValueType:
        """CONTRACT.md: the type in brackets after the attribute's name."""
        return _VALUE_TYPES[self]


_VALUE_TYPES = {
    Zoekattribuut.FASE: ValueType.KEYWORD,
    Zoekattribuut.BESLISTERMIJN_EINDE: ValueType.DATETIME,
    Zoekattribuut.OPGESCHORT: ValueType.BOOL,
    Zoekattribuut.REFERENT: ValueType.KEYWORD,
    Zoekattribuut.DOSSIER: ValueType.KEYWORD,
    Zoekattribuut.STATUS_REFERENT: ValueType.KEYWORD,
    Zoekattribuut.RELATIE: ValueType.KEYWORD,
    Zoekattribuut.UITKOMST: ValueType.KEYWORD,
    Zoekattribuut.VOLGENDE_TERMIJN: ValueType.DATETIME,
    Zoekattribuut.VOLGENDE_TERMIJN_SOORT: ValueType.KEYWORD,
    Zoekattribuut.BEHANDELAAR: ValueType.KEYWORD,
    Zoekattribuut.VOORGESTELD_DOOR: ValueType.KEYWORD,
    Zoekattribuut.BELEID: ValueType.KEYWORD,
}
