"""WI 2026/11 §3.1, §3.1.2, §2.2 — further investigation (DNA test, interview; WI 2026/12):
family members not available for it → reject (the nareistermijn stays secured); §2.1, §5.7 —
the mandatory interview; §5.1 — may be skipped under the Kimlik rule. The results themselves
count under FAMILIERECHTELIJKE_RELATIE (DNA) and FEITELIJKE_GEZINSBAND (interview)."""

from __future__ import annotations

from nareis.contract import AdviesRegel, Grond, OnderzoekSoort, OnderzoekUitkomst
from nareis.toetsing.casus import Casus
from nareis.toetsing.uitslag import beoordelen, bron, niet_voldaan, voldaan

G = Grond.ONDERZOEK


def beoordeel(casus: Casus, verplicht_gehoor: bool, kimlik_overslaan: bool) -> AdviesRegel:
    uitslagen = casus.context.onderzoek_uitslagen
    if OnderzoekUitkomst.NIET_VERSCHENEN in uitslagen.values():
        niet = ", ".join(s.value for s, u in sorted(uitslagen.items()) if u is OnderzoekUitkomst.NIET_VERSCHENEN)
        return niet_voldaan(
            G,
            bron("3.1.2", "2.2"),
            f"niet beschikbaar voor nader onderzoek ({niet}): afwijzen; de nareistermijn blijft veiliggesteld",
        )
    lopend = [s.value for s in casus.context.onderzoek_aangeboden if s not in uitslagen]
    if lopend:
        return beoordelen(G, bron("3.1"), f"nader onderzoek loopt: {', '.join(sorted(set(lopend)))}")
    if verplicht_gehoor and OnderzoekSoort.GEHOOR not in uitslagen:
        return beoordelen(
            G,
            bron("2.1", "5.7"),
            "een gehoor van referent en gezinslid is (in beginsel) verplicht en nog niet gehouden",
        )
    if uitslagen.get(OnderzoekSoort.GEHOOR) is OnderzoekUitkomst.NIET_BEVESTIGD:
        return beoordelen(
            G, bron("3.1"), "het gehoor bevestigt de gestelde relatie niet: weeg de verklaringen integraal"
        )
    if uitslagen:
        samen = ", ".join(f"{s.value}: {u.value.replace('_', ' ')}" for s, u in sorted(uitslagen.items()))
        return voldaan(G, bron("3.1"), f"nader onderzoek afgerond ({samen})")
    if kimlik_overslaan:
        return voldaan(G, bron("5.1"), "nader onderzoek mag worden overgeslagen (Turkse Kimlik)")
    return voldaan(G, bron("3.1"), "geen nader onderzoek aangeboden")
