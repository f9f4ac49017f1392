"""The `workflow.patched` ids of the case workflow, and the bundles that spare a new case their markers.

Each patch a case checks costs its history two events: the marker, and Temporal core's upsert of
`TemporalChangeVersion`. A case opened under a release knows every patch of that release applies,
so it records the release's bundle marker once instead (issue #18: about 20 events fewer a case).
A case recorded before a bundle replays without its marker and checks each patch as it did.

A bundle's set is frozen once released: a patch added later goes into a new, larger bundle put in
front of the others, never into a released one.
"""

from __future__ import annotations

from dataclasses import dataclass

from temporalio import workflow

ZOEKATTRIBUTEN = "zoekattributen-alleen-bij-wijziging"
ZOEKATTRIBUTEN_IN_UPDATE = "zoekattributen-in-de-update"
BESLISTERMIJN_BEZWAAR = "beslistermijn-bezwaar-bewaakt"
BEWIJS_ELKE_VORM = "bewijs-elke-vorm-bewaard"
REGISTER_IN_DELEN = "register-in-delen"
VOLGENDE_TERMIJN = "volgende-termijn-zoekattribuut"
HV_REDENCODES = "hv-redencodes"
OPSCHORTING_GEKLEMD = "opschorting-geklemd-aan-de-termijn"
BUITEN_BEHANDELING_BEZWAAR = "buiten-behandeling-de-dag-erna-met-bezwaar"
BEZWAAR_NIEUW_BESLUIT = "bezwaar-gegrond-met-nieuw-besluit"
FASE_NA_MVV = "fase-na-mvv-ophalen"
BRIEVEN_OP_VERZENDDAG = "brieven-op-de-verzenddag"
VERSTREKEN_METEEN = "verstreken-termijnen-meteen-verwerkt"
BELEID_GEPUBLICEERD = "beleid-gepubliceerd"
VIER_OGEN = "vier-ogen"
BEZWAAR_TE_LAAT = "bezwaar-te-laat-verschoonbaar"
NOTITIE = "notitie"
#: only a dossier's case (started with the memo) checks it
DOSSIER_WACHT = "dossier-wacht-op-compleet"
ZOEKATTRIBUTEN_BIJ_OPENING = "zoekattributen-samen-bij-opening"


@dataclass(frozen=True)
class Bundel:
    marker: str
    patches: frozenset[str]


#: every patch up to the release of 2026-12, the first bundled one (none ran bundled before it)
_RELEASE_2026_12 = frozenset(
    {
        ZOEKATTRIBUTEN,
        ZOEKATTRIBUTEN_IN_UPDATE,
        BESLISTERMIJN_BEZWAAR,
        BEWIJS_ELKE_VORM,
        REGISTER_IN_DELEN,
        VOLGENDE_TERMIJN,
        HV_REDENCODES,
        OPSCHORTING_GEKLEMD,
        BUITEN_BEHANDELING_BEZWAAR,
        BEZWAAR_NIEUW_BESLUIT,
        FASE_NA_MVV,
        BRIEVEN_OP_VERZENDDAG,
        VERSTREKEN_METEEN,
        BELEID_GEPUBLICEERD,
        VIER_OGEN,
        BEZWAAR_TE_LAAT,
        NOTITIE,
        DOSSIER_WACHT,
    }
)

#: newest first; each holds every patch of the ones after it
BUNDELS: tuple[Bundel, ...] = (
    Bundel("patches-release-2026-12b-gebundeld", _RELEASE_2026_12 | {ZOEKATTRIBUTEN_BIJ_OPENING}),
    Bundel("patches-release-2026-12-gebundeld", _RELEASE_2026_12),
)


def toegepast(patch: str) -> bool:
    """`workflow.patched(patch)`, answered by the newest bundle this case recorded, if any.

    The SDK remembers each answer for the run: a case that replays without a bundle's marker gets
    False for it from its first check on, and a new case records only the newest bundle."""
    for bundel in BUNDELS:
        if workflow.patched(bundel.marker):
            return patch in bundel.patches or workflow.patched(patch)
    return workflow.patched(patch)
