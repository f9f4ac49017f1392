"""Example applications for tests: the contract's example (nareis/contract/voorbeeld.py)."""

from __future__ import annotations

from nareis.contract.voorbeeld import CONTRACT_VOORBEELD, aanvraag_data

__all__ = ["CONTRACT_VOORBEELD", "aanvraag_data"]
