"""The custom search attributes of CONTRACT.md "Search attributes (Temporal UI)" as typed keys
for the workflow; their names and value types come from `nareis.contract.Zoekattribuut`.

They hold codes, dates of deadlines and the referent's vnummer only: never a name or a
birth date (special-category personal data stays in encrypted payloads).
"""

from datetime import datetime

from temporalio.common import SearchAttributeKey

from nareis.contract import ValueType, Zoekattribuut


def _keyword(attribuut: Zoekattribuut) -> SearchAttributeKey[str]:
    assert attribuut.value_type is ValueType.KEYWORD, attribuut
    return SearchAttributeKey.for_keyword(attribuut.value)


def _datetime(attribuut: Zoekattribuut) -> SearchAttributeKey[datetime]:
    assert attribuut.value_type is ValueType.DATETIME, attribuut
    return SearchAttributeKey.for_datetime(attribuut.value)


def _bool(attribuut: Zoekattribuut) -> SearchAttributeKey[bool]:
    assert attribuut.value_type is ValueType.BOOL, attribuut
    return SearchAttributeKey.for_bool(attribuut.value)


FASE = _keyword(Zoekattribuut.FASE)
BESLISTERMIJN_EINDE = _datetime(Zoekattribuut.BESLISTERMIJN_EINDE)
OPGESCHORT = _bool(Zoekattribuut.OPGESCHORT)
REFERENT = _keyword(Zoekattribuut.REFERENT)
DOSSIER = _keyword(Zoekattribuut.DOSSIER)
STATUS_REFERENT = _keyword(Zoekattribuut.STATUS_REFERENT)
RELATIE = _keyword(Zoekattribuut.RELATIE)
UITKOMST = _keyword(Zoekattribuut.UITKOMST)
VOLGENDE_TERMIJN = _datetime(Zoekattribuut.VOLGENDE_TERMIJN)
VOLGENDE_TERMIJN_SOORT = _keyword(Zoekattribuut.VOLGENDE_TERMIJN_SOORT)
BEHANDELAAR = _keyword(Zoekattribuut.BEHANDELAAR)
VOORGESTELD_DOOR = _keyword(Zoekattribuut.VOORGESTELD_DOOR)
BELEID = _keyword(Zoekattribuut.BELEID)

ALLE = (
    FASE,
    BESLISTERMIJN_EINDE,
    OPGESCHORT,
    REFERENT,
    DOSSIER,
    STATUS_REFERENT,
    RELATIE,
    UITKOMST,
    VOLGENDE_TERMIJN,
    VOLGENDE_TERMIJN_SOORT,
    BEHANDELAAR,
    VOORGESTELD_DOOR,
    BELEID,
)
assert {k.name for k in ALLE} == set(Zoekattribuut), "every contract attribute has its key"
