"""The legal calendar: counting terms, the Algemene termijnenwet, suspensions, the terms."""

from nareis.kalender.atw import is_werkdag, wettelijke_feestdagen
from nareis.kalender.rekenen import leeftijd, plus

__all__ = ["is_werkdag", "leeftijd", "plus", "wettelijke_feestdagen"]
