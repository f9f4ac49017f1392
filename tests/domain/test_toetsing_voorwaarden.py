"""WI 2026/11 §2.1 (permit), §2.2 (nareistermijn), §2.3 (waiting period, means, housing) and the
proportionality test instead of the art. 8 ECHR check (§2.3, §2.7)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from nareis.toetsing import Toetsingsnormen
from tests.domain.test_toetsing_algemeen import NORMEN, G, advies, oordeel

SUBSIDIAIR: dict[str, Any] = {"referent__status": "subsidiair"}
# a subsidiary referent whose permit was granted on 2024-03-10: the waiting period ends 2026-03-10
VROEG: dict[str, Any] = {
    "referent__asielaanvraag_op": "2023-06-01",
    "referent__inreis_op": "2023-05-28",
    "referent__vergunning_verleend_op": "2024-03-10",
    "referent__vergunning_ontvangen_op": "2024-03-14",
}
SUB_CTX: dict[str, Any] = {"nareistermijn_oordeel": "niet_van_toepassing", "wachttermijn_einde": "2026-03-10"}


# --- §2.1 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aanvraag", "feiten", "verwacht", "gehoor"),
    [
        ({}, {}, "voldaan", False),
        ({"referent__genaturaliseerd_op": "2026-06-01"}, {}, "niet_voldaan", False),
        ({"referent__genaturaliseerd_op": "2026-07-01"}, {}, "niet_voldaan", False),  # on the day of submission
        ({"referent__genaturaliseerd_op": "2026-09-01"}, {}, "voldaan", True),
        ({}, {"referent_genaturaliseerd_op": "2026-10-01"}, "voldaan", True),
        ({}, {"referent_permanente_vergunning": True}, "voldaan", True),
        ({}, {"referent_vergunning_verlengd": True}, "voldaan", True),
    ],
)
def test_wi_2_1_asielvergunning_bij_indiening(
    aanvraag: dict[str, Any], feiten: dict[str, Any], verwacht: str, gehoor: bool
) -> None:
    uitkomst = advies(feiten, **aanvraag)
    assert oordeel(uitkomst, G.ASIELVERGUNNING) == verwacht
    assert uitkomst.verplicht_gehoor is gehoor


def test_wi_2_1_gehoor_verplicht_maakt_onderzoek_open_tot_het_gehoor() -> None:
    uitkomst = advies({"referent_permanente_vergunning": True})
    assert oordeel(uitkomst, G.ONDERZOEK) == "beoordelen"
    gehouden = advies({"referent_permanente_vergunning": True}, {"onderzoek_uitslagen": {"gehoor": "bevestigd"}})
    assert oordeel(gehouden, G.ONDERZOEK) == "voldaan"


# --- §2.2 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("context", "verwacht"),
    [
        ({"nareistermijn_oordeel": "tijdig"}, "voldaan"),
        ({"nareistermijn_oordeel": "coulance"}, "voldaan"),
        ({"nareistermijn_oordeel": "te_laat"}, "beoordelen"),
        ({"nareistermijn_oordeel": "te_laat", "verschoonbaar": True}, "voldaan"),
        ({"nareistermijn_oordeel": "te_laat", "verschoonbaar": False}, "niet_voldaan"),
    ],
)
def test_wi_2_2_nareistermijn_en_coulance(context: dict[str, Any], verwacht: str) -> None:
    assert oordeel(advies(context=context), G.NAREISTERMIJN) == verwacht


def test_wi_2_2_niet_voor_subsidiair_beschermde() -> None:
    regel = advies(context=SUB_CTX, **SUBSIDIAIR).regel(G.NAREISTERMIJN)
    assert regel.oordeel.value == "voldaan" and "niet van toepassing" in regel.reden


def test_wi_2_2_te_laat_zonder_toelichting_vraagt_een_hv() -> None:
    te_laat = {"nareistermijn_oordeel": "te_laat"}
    assert [h.reden for h in advies(context=te_laat).hv_vereist] == ["nareistermijn"]
    assert advies(context=te_laat, toelichting_termijnoverschrijding="ziekenhuisopname").hv_vereist == ()
    assert advies(context={**te_laat, "verschoonbaar": False}).hv_vereist == ()


# --- §2.3 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ontvangen", "verwacht"),
    [("2026-03-11", "voldaan"), ("2026-03-10", "niet_voldaan"), ("2025-12-01", "niet_voldaan")],
)
def test_wi_2_3_wachttermijn_twee_jaar(ontvangen: str, verwacht: str) -> None:
    uitkomst = advies(context=SUB_CTX, ontvangen_op=ontvangen, **VROEG, **SUBSIDIAIR)
    assert oordeel(uitkomst, G.WACHTTERMIJN) == verwacht
    assert uitkomst.evenredigheidstoets is (verwacht == "niet_voldaan")


def test_wi_2_3_wachttermijn_geldt_ook_voor_nbm_en_niet_voor_vluchteling() -> None:
    nbm = advies(context={**SUB_CTX, "wachttermijn_einde": "2027-01-01"}, referent__nbm=True, **SUBSIDIAIR)
    assert oordeel(nbm, G.WACHTTERMIJN) == "niet_voldaan"
    assert "niet van toepassing" in advies().regel(G.WACHTTERMIJN).reden


def test_wi_2_3_ruim_na_de_wachttermijn_is_een_aandachtspunt() -> None:
    laat = advies(context={**SUB_CTX, "wachttermijn_einde": "2025-03-10"}, **SUBSIDIAIR)
    assert oordeel(laat, G.WACHTTERMIJN) == "voldaan"
    assert any("§2.3" in p and "ruim na" in p for p in laat.aandachtspunten)
    assert not any("ruim na" in p for p in advies(context=SUB_CTX, **SUBSIDIAIR).aandachtspunten)


MIDDELEN_OK = {"middelen_duurzaam": True, "middelen_zelfstandig": True}


@pytest.mark.parametrize(
    ("feiten", "verwacht"),
    [
        # 2026-H1: € 2,294.40 — exactly the minimum wage is enough, a cent less is not
        ({"middelen_bedrag": "2294.40", "middelen_op": "2026-06-30", **MIDDELEN_OK}, "voldaan"),
        ({"middelen_bedrag": "2294.39", "middelen_op": "2026-06-30", **MIDDELEN_OK}, "niet_voldaan"),
        # 2025-H2: € 2,245.80
        ({"middelen_bedrag": "2250.00", "middelen_op": "2025-12-31", **MIDDELEN_OK}, "voldaan"),
        ({"middelen_bedrag": "2200.00", "middelen_op": "2025-12-31", **MIDDELEN_OK}, "niet_voldaan"),
        # 2025-H1: € 2,191.80
        ({"middelen_bedrag": "2200.00", "middelen_op": "2025-06-30", **MIDDELEN_OK}, "voldaan"),
        # 2026-H2 is not in the policy yet: the caseworker judges
        ({"middelen_bedrag": "9000.00", "middelen_op": "2026-07-01", **MIDDELEN_OK}, "beoordelen"),
        # sufficient first; then independent and durable
        ({"middelen_bedrag": "2500.00", "middelen_op": "2026-06-01", "middelen_zelfstandig": False}, "niet_voldaan"),
        ({"middelen_bedrag": "2500.00", "middelen_op": "2026-06-01", "middelen_duurzaam": False}, "niet_voldaan"),
        ({"middelen_bedrag": "2500.00", "middelen_op": "2026-06-01"}, "beoordelen"),
        ({"middelen_voldoende": True}, "voldaan"),
        ({"middelen_voldoende": False}, "niet_voldaan"),
        ({}, "beoordelen"),
    ],
)
def test_wi_2_3_1_middelen_tegen_de_minimumloontabel(feiten: dict[str, Any], verwacht: str) -> None:
    uitkomst = advies(feiten, SUB_CTX, op=date(2026, 7, 1), **SUBSIDIAIR)
    assert oordeel(uitkomst, G.MIDDELEN) == verwacht


def test_wi_2_3_1_middelen_bij_beslissen_nog_voldoende() -> None:
    # shown on 2025-12-01: € 2,250 ≥ € 2,245.80 (2025-H2); on 2026-03-01 the norm is € 2,294.40 (2026-H1)
    feiten = {"middelen_bedrag": "2250.00", "middelen_op": "2025-12-01", **MIDDELEN_OK}
    kort = {"ontvangen_op": "2026-03-12", **VROEG, **SUBSIDIAIR}
    in_2025 = advies(
        feiten, {**SUB_CTX, "peildatum": "2025-12-20"}, op=date(2025, 12, 20), **{**kort, "ontvangen_op": "2025-12-15"}
    )
    assert oordeel(in_2025, G.MIDDELEN) == "voldaan"
    in_2026 = advies(feiten, {**SUB_CTX, "peildatum": "2026-03-20"}, op=date(2026, 3, 20), **kort)
    regel = in_2026.regel(G.MIDDELEN)
    assert regel.oordeel.value == "beoordelen" and "nog voldoende" in regel.reden


def test_wi_2_3_1_middelen_datum_is_standaard_de_dag_van_vastleggen() -> None:
    feiten = {"middelen_bedrag": "2250.00", **MIDDELEN_OK}
    assert oordeel(advies(feiten, SUB_CTX, op=date(2026, 6, 1), **SUBSIDIAIR), G.MIDDELEN) == "niet_voldaan"
    vroeger = advies(
        feiten,
        {**SUB_CTX, "peildatum": "2025-12-01"},
        op=date(2025, 12, 1),
        ontvangen_op="2025-11-01",
        **VROEG,
        **SUBSIDIAIR,
    )
    assert oordeel(vroeger, G.MIDDELEN) == "voldaan"


def test_wi_2_3_middelen_en_huisvesting_niet_voor_nbm() -> None:
    uitkomst = advies({"huisvesting": "coa"}, SUB_CTX, referent__nbm=True, **SUBSIDIAIR)
    assert "nbm" in uitkomst.regel(G.MIDDELEN).reden and "nbm" in uitkomst.regel(G.HUISVESTING).reden
    assert oordeel(uitkomst, G.HUISVESTING) == "voldaan"


@pytest.mark.parametrize(
    ("feiten", "verwacht"),
    [
        ({"huisvesting": "huurovereenkomst", "huisvesting_maanden": 6}, "voldaan"),
        ({"huisvesting": "huurovereenkomst", "huisvesting_maanden": 5}, "niet_voldaan"),
        ({"huisvesting": "koopakte"}, "voldaan"),
        ({"huisvesting": "gebruikersovereenkomst", "huisvesting_maanden": 12}, "voldaan"),
        ({"huisvesting": "coa"}, "niet_voldaan"),
        ({"huisvesting": "coa", "huisvesting_maanden": 24}, "niet_voldaan"),  # COA is never housing
        ({"huisvesting": "geen"}, "niet_voldaan"),
        ({}, "beoordelen"),
    ],
)
def test_wi_2_3_2_huisvesting_zes_maanden_en_coa_is_nooit_huisvesting(feiten: dict[str, Any], verwacht: str) -> None:
    uitkomst = advies(feiten, SUB_CTX, **SUBSIDIAIR)
    assert oordeel(uitkomst, G.HUISVESTING) == verwacht
    assert uitkomst.evenredigheidstoets is (verwacht == "niet_voldaan")


def test_wi_2_7_evenredigheidstoets_in_plaats_van_ambtshalve_8_evrm() -> None:
    # a subsidiary referent's adult child, filed before the Migration Pact, failing housing:
    # the proportionality test replaces the ex-officio art. 8 check
    data = {
        "gezinslid__relatie": "kind",
        "ontvangen_op": "2026-06-01",
        "gezinslid__geboortedatum": "2000-01-01",
        **VROEG,
    }
    ctx = {**SUB_CTX, "wachttermijn_einde": "2026-03-10"}
    zonder_huis = advies({"huisvesting": "coa"}, ctx, **SUBSIDIAIR, **data)
    assert zonder_huis.evenredigheidstoets and not zonder_huis.ambtshalve_8evrm
    met_huis = advies({"huisvesting": "koopakte", "middelen_voldoende": True}, ctx, **SUBSIDIAIR, **data)
    assert not met_huis.evenredigheidstoets and met_huis.ambtshalve_8evrm


def test_wi_2_3_1_standaardnormen_gelijk_aan_het_beleid() -> None:
    standaard = Toetsingsnormen.standaard()
    for dag in (date(2025, 3, 1), date(2025, 9, 1), date(2026, 6, 30), date(2026, 7, 1)):
        assert standaard.minimumloon_op(dag) == NORMEN.minimumloon_op(dag)
    assert standaard.model_dump(exclude={"minimumloon"}) == NORMEN.model_dump(exclude={"minimumloon"})
