"""Building one ground's outcome: voldaan / niet_voldaan / beoordelen, with reason and source."""

from __future__ import annotations

from nareis.contract import AdviesRegel, Grond, Oordeel

WI = "WI 2026/11"


def bron(*paragrafen: str) -> str:
    """`bron("2.2")` → "WI 2026/11 §2.2"; `bron("inleiding", "4.3")` → "WI 2026/11 inleiding, §4.3"."""
    return f"{WI} " + ", ".join(p if not p[0].isdigit() else f"§{p}" for p in paragrafen)


def voldaan(grond: Grond, bron: str, reden: str) -> AdviesRegel:
    return AdviesRegel(grond=grond, oordeel=Oordeel.VOLDAAN, bron=bron, reden=reden)


def niet_voldaan(grond: Grond, bron: str, reden: str) -> AdviesRegel:
    return AdviesRegel(grond=grond, oordeel=Oordeel.NIET_VOLDAAN, bron=bron, reden=reden)


def beoordelen(grond: Grond, bron: str, reden: str) -> AdviesRegel:
    return AdviesRegel(grond=grond, oordeel=Oordeel.BEOORDELEN, bron=bron, reden=reden)


def niet_van_toepassing(grond: Grond, bron: str, waarom: str) -> AdviesRegel:
    """A ground that does not apply to this case is shown as met, saying why (every ground is shown)."""
    return voldaan(grond, bron, f"niet van toepassing: {waarom}")
