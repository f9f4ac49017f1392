"""The legal calendar (DOMAIN.md §3): counting terms, the Atw, the suspension ledger, the terms.

Pure and deterministic (no clock, no I/O at call time): safe inside the workflow sandbox.
"""

from nareis.kalender.atw import is_werkdag, wettelijke_feestdagen
from nareis.kalender.rekenen import leeftijd, plus

__all__ = ["is_werkdag", "leeftijd", "plus", "wettelijke_feestdagen"]
