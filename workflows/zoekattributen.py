"""The custom search attributes of CONTRACT.md "Search attributes (Temporal UI)".

They hold codes, dates of deadlines and the referent's vnummer only: never a name or a
birth date (special-category personal data stays in encrypted payloads).
"""

from temporalio.common import SearchAttributeKey

FASE = SearchAttributeKey.for_keyword("NareisFase")
BESLISTERMIJN_EINDE = SearchAttributeKey.for_datetime("NareisBeslistermijnEinde")
OPGESCHORT = SearchAttributeKey.for_bool("NareisOpgeschort")
REFERENT = SearchAttributeKey.for_keyword("NareisReferent")
DOSSIER = SearchAttributeKey.for_keyword("NareisDossier")
STATUS_REFERENT = SearchAttributeKey.for_keyword("NareisStatusReferent")
RELATIE = SearchAttributeKey.for_keyword("NareisRelatie")
UITKOMST = SearchAttributeKey.for_keyword("NareisUitkomst")

ALLE = (
    FASE,
    BESLISTERMIJN_EINDE,
    OPGESCHORT,
    REFERENT,
    DOSSIER,
    STATUS_REFERENT,
    RELATIE,
    UITKOMST,
)
