"""WI 2026/11 §1.4.2 (antecedentenverklaring), §2.8 (stable residence), §2.9 (public order),
§3.1 (further investigation), §5.1 (Turkish Kimlik), §5.5 (subsequent application), §5.8 (form
missing) and seed 000 (unmarried partners' indicators)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.domain.test_toetsing_algemeen import VOLGORDE_OK, G, advies, oordeel

# the case's today is 2026-11-23: a child born 2014-11-23 turns 12 that day
TWAALF: dict[str, Any] = {"gezinslid__relatie": "kind", "gezinslid__geboortedatum": "2014-11-23"}
ELF: dict[str, Any] = {"gezinslid__relatie": "kind", "gezinslid__geboortedatum": "2014-11-24"}


@pytest.mark.parametrize(
    ("aanvraag", "feiten", "verwacht"),
    [
        (TWAALF, {"antecedentenverklaring": True}, "voldaan"),
        (TWAALF, {"antecedentenverklaring": False}, "niet_voldaan"),
        (TWAALF, {}, "beoordelen"),  # turned 12 during the procedure: now required
        (ELF, {}, "voldaan"),  # not yet 12: not (yet) required
        ({}, {"antecedentenverklaring": False}, "niet_voldaan"),
    ],
)
def test_wi_1_4_2_antecedentenverklaring_vanaf_twaalf(
    aanvraag: dict[str, Any], feiten: dict[str, Any], verwacht: str
) -> None:
    uitkomst = advies(feiten, **aanvraag)
    assert oordeel(uitkomst, G.ANTECEDENTENVERKLARING) == verwacht


def test_wi_1_4_2_twaalf_worden_tijdens_de_procedure() -> None:
    # 11 on receipt (2026-07-01), 12 on the case's today: required although 11 at submission
    regel = advies(**TWAALF).regel(G.ANTECEDENTENVERKLARING)
    assert regel.oordeel.value == "beoordelen" and "12 jaar" in regel.reden
    assert "2026-11-24" in advies(**ELF).regel(G.ANTECEDENTENVERKLARING).reden


@pytest.mark.parametrize(
    ("waarde", "land", "verwacht"),
    [(True, "TR", "voldaan"), (False, "TR", "beoordelen"), (False, "DE", "beoordelen"), (None, "TR", "beoordelen")],
)
def test_wi_2_8_bestendig_verblijf_nooit_een_zuivere_grond(waarde: bool | None, land: str, verwacht: str) -> None:
    uitkomst = advies({"bestendig_verblijf": waarde}, gezinslid__verblijfsland=land)
    assert oordeel(uitkomst, G.BESTENDIG_VERBLIJF) == verwacht
    if waarde is False:
        assert any("§2.8" in p for p in uitkomst.aandachtspunten)
        assert ("EU-lidstaat" in uitkomst.regel(G.BESTENDIG_VERBLIJF).reden) is (land == "DE")


@pytest.mark.parametrize(
    ("signalen", "feiten", "verwacht"),
    [
        (None, {}, "beoordelen"),
        ([], {}, "voldaan"),
        (["1F"], {}, "beoordelen"),
        (["nationale_veiligheid"], {"openbare_orde_bezwaar": True}, "niet_voldaan"),
        (["openbare_orde"], {"openbare_orde_bezwaar": False}, "voldaan"),
        ([], {"openbare_orde_bezwaar": True}, "niet_voldaan"),  # from statements, not the screening
    ],
)
def test_wi_2_9_1f_nationale_veiligheid_openbare_orde(
    signalen: list[str] | None, feiten: dict[str, Any], verwacht: str
) -> None:
    uitkomst = advies(feiten, {"screening_signalen": signalen})
    assert oordeel(uitkomst, G.OPENBARE_ORDE) == verwacht
    assert G.OPENBARE_ORDE in uitkomst.harde_gronden


def test_wi_2_9_meldingen_bij_signalen() -> None:
    uitkomst = advies(context={"screening_signalen": ["1F", "nationale_veiligheid"]})
    assert any("unit 1F" in m for m in uitkomst.meldingen)
    assert any("handhavingscoördinatoren" in m for m in uitkomst.meldingen)


@pytest.mark.parametrize(
    ("context", "verwacht"),
    [
        ({}, "voldaan"),
        ({"onderzoek_aangeboden": ["dna"]}, "beoordelen"),
        ({"onderzoek_aangeboden": ["dna"], "onderzoek_uitslagen": {"dna": "bevestigd"}}, "voldaan"),
        ({"onderzoek_aangeboden": ["gehoor"], "onderzoek_uitslagen": {"gehoor": "niet_verschenen"}}, "niet_voldaan"),
        ({"onderzoek_uitslagen": {"gehoor": "niet_bevestigd"}}, "beoordelen"),
    ],
)
def test_wi_3_1_en_3_1_2_nader_onderzoek(context: dict[str, Any], verwacht: str) -> None:
    assert oordeel(advies(context=context), G.ONDERZOEK) == verwacht


# received 2026-07-01: a child aged 14 that day may skip further investigation, one aged 15 not
KIMLIK: dict[str, Any] = {
    **VOLGORDE_OK,
    "identiteit_ouders_aannemelijk": True,
    "syrier_in_turkije": True,
    "documenten_echt": True,
    "kimlik_tijdig": True,
}


@pytest.mark.parametrize(
    ("geboren", "verwacht"),
    [("2011-07-02", True), ("2011-07-01", False), ("2016-01-01", True)],
)
def test_wi_5_1_kimlik_kind_van_14_tegen_15(geboren: str, verwacht: bool) -> None:
    uitkomst = advies(KIMLIK, gezinslid__relatie="kind", gezinslid__geboortedatum=geboren)
    assert uitkomst.kimlik_onderzoek_overslaan is verwacht
    if verwacht:
        assert "Kimlik" in uitkomst.regel(G.ONDERZOEK).reden


def test_wi_5_1_kimlik_peildatum_is_inbehandelingname() -> None:
    # letter received 2026-07-01, form on 2026-07-10: the child turned 15 on 2026-07-05
    kind = {"gezinslid__relatie": "kind", "gezinslid__geboortedatum": "2011-07-05"}
    assert advies(KIMLIK, **kind).kimlik_onderzoek_overslaan
    assert not advies(KIMLIK, {"in_behandeling_op": "2026-07-10"}, **kind).kimlik_onderzoek_overslaan


@pytest.mark.parametrize(
    ("extra", "context"),
    [
        ({"documentsignalen": True}, {}),
        ({"kimlik_uitgesloten": True}, {}),  # step-, foster- or pre-marital children
        ({"kimlik_tijdig": False}, {}),  # issued late
        ({"documenten_echt": None}, {}),
        ({"syrier_in_turkije": False}, {}),
        ({}, {"screening_signalen": ["nationale_veiligheid"]}),
    ],
)
def test_wi_5_1_kimlik_niet_bij(extra: dict[str, Any], context: dict[str, Any]) -> None:
    assert advies({**KIMLIK, **extra}, context).kimlik_onderzoek_overslaan is False


def test_wi_5_1_kimlik_echtgenoot() -> None:
    assert advies(KIMLIK).kimlik_onderzoek_overslaan


EERDER: dict[str, Any] = {"eerdere_aanvraag": "NR-2025-000001-1"}


@pytest.mark.parametrize(
    ("feiten", "verwacht", "hv"),
    [
        ({}, "beoordelen", ["herhaalde_aanvraag"]),
        ({"nieuwe_feiten": True}, "voldaan", []),
        ({"nieuwe_feiten": False}, "niet_voldaan", []),  # art. 4:6 Awb
        ({"nieuwe_feiten": False, "inhoudelijk_getoetst": True}, "beoordelen", []),  # no 4:6 after the merits
    ],
)
def test_wi_5_5_opvolgende_en_herhaalde_aanvraag(feiten: dict[str, Any], verwacht: str, hv: list[str]) -> None:
    uitkomst = advies(feiten, **EERDER)
    assert oordeel(uitkomst, G.HERHAALDE_AANVRAAG) == verwacht
    assert [h.reden for h in uitkomst.hv_vereist] == hv
    assert G.HERHAALDE_AANVRAAG not in uitkomst.harde_gronden


def test_wi_2_2_en_5_5_na_afwijzing_zonder_inhoudelijke_toets_geen_herhaling() -> None:
    vorige = {"aanvraagnummer": "NR-2025-000001-1", "uitkomst": "afwijzing", "inhoudelijk_beoordeeld": False}
    uitkomst = advies(context={"eerdere_aanvraag": vorige}, **EERDER)
    assert oordeel(uitkomst, G.HERHAALDE_AANVRAAG) == "voldaan" and uitkomst.hv_vereist == ()
    assert "niet van toepassing" in advies().regel(G.HERHAALDE_AANVRAAG).reden


def test_wi_5_8_brief_zonder_formulier_vraagt_een_hv() -> None:
    brief = advies(context={"formulier_ontvangen": False}, vorm="brief")
    assert [h.reden for h in brief.hv_vereist] == ["formulier"]
    assert advies(context={"formulier_ontvangen": True}, vorm="brief").hv_vereist == ()


def test_brief_000_partnerindicatoren_alleen_voor_ongehuwde_partner() -> None:
    partner = advies({"partner_samenwonend": True, "partner_relatie_voor_inreis": False}, gezinslid__relatie="partner")
    waarden = {i.naam: i.waarde for i in partner.partner_indicatoren}
    assert waarden["partner_samenwonend"] is True and waarden["partner_gezamenlijke_huishouding"] is None
    assert waarden["objectieve_belemmering"] is True
    assert len(waarden) == 7
    assert advies().partner_indicatoren == ()
    zonder_relatie = advies({**VOLGORDE_OK, "partner_relatie_voor_inreis": False}, gezinslid__relatie="partner")
    assert oordeel(zonder_relatie, G.FEITELIJKE_GEZINSBAND) == "niet_voldaan"  # an intention is not enough
