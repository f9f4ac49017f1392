"""The assessment (issue 5), one test per paragraph of WI 2026/11, each ground passing and failing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nareis import modellen as m
from nareis.beleid import beleid_op
from nareis.feiten import FEITEN, Dossierfeiten
from nareis.toetsing import Toetsingscontext, Toetsingsnormen, adviseer
from tests.voorbeelden import aanvraag_data

G = m.Grond
NORMEN = Toetsingsnormen.uit_beleid(beleid_op(date(2026, 7, 1)))
PEIL = date(2026, 11, 23)
VOLGORDE_OK = {"identiteit_aannemelijk": True, "familierechtelijke_relatie_aannemelijk": True}


def advies(feiten: dict[str, Any] | None = None, context: dict[str, Any] | None = None, **aanvraag: Any):
    a = m.lees(m.Aanvraag, aanvraag_data(**aanvraag))
    f = Dossierfeiten().vastleggen(feiten or {}, door="bm", op=PEIL)
    c = Toetsingscontext(**{"peildatum": PEIL, "nareistermijn_oordeel": "tijdig", **(context or {})})
    return adviseer(a, f, c, NORMEN)


def oordeel(uitkomst, grond: m.Grond) -> str:
    return uitkomst.regel(grond).oordeel.value


def test_elke_grond_heeft_een_regel_met_bron() -> None:
    uitkomst = advies()
    assert [r.grond for r in uitkomst.regels] == list(m.Grond)
    assert all(r.bron.startswith("WI 2026/11") and r.reden for r in uitkomst.regels)


def test_wi_2_1_asielvergunning() -> None:
    assert oordeel(advies(), G.ASIELVERGUNNING) == "voldaan"
    assert oordeel(advies(referent__genaturaliseerd_op="2026-06-01"), G.ASIELVERGUNNING) == "niet_voldaan"
    tijdens = advies(referent__genaturaliseerd_op="2026-09-01")
    assert oordeel(tijdens, G.ASIELVERGUNNING) == "voldaan" and tijdens.verplicht_gehoor


def test_wi_4_3_premature_aanvraag() -> None:
    uitkomst = advies(referent__vergunning_verleend_op=None, referent__vergunning_ontvangen_op=None)
    assert oordeel(uitkomst, G.ASIELVERGUNNING) == "niet_voldaan"


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
def test_wi_2_2_nareistermijn(context: dict[str, Any], verwacht: str) -> None:
    assert oordeel(advies(context=context), G.NAREISTERMIJN) == verwacht


def test_wi_2_2_te_laat_zonder_toelichting_vraagt_een_hv() -> None:
    assert [h.reden for h in advies(context={"nareistermijn_oordeel": "te_laat"}).hv_vereist] == ["nareistermijn"]
    met_toelichting = advies(context={"nareistermijn_oordeel": "te_laat"}, toelichting_termijnoverschrijding="ziek")
    assert met_toelichting.hv_vereist == ()


SUBSIDIAIR = {"referent__status": "subsidiair"}


def test_wi_2_3_wachttermijn() -> None:
    ctx = {"nareistermijn_oordeel": "niet_van_toepassing"}
    assert (
        oordeel(advies(context={**ctx, "wachttermijn_einde": "2026-01-01"}, **SUBSIDIAIR), G.WACHTTERMIJN) == "voldaan"
    )
    te_vroeg = advies(context={**ctx, "wachttermijn_einde": "2027-01-01"}, **SUBSIDIAIR)
    assert oordeel(te_vroeg, G.WACHTTERMIJN) == "niet_voldaan"
    assert te_vroeg.evenredigheidstoets and not te_vroeg.ambtshalve_8evrm  # instead of, not in addition to
    assert oordeel(advies(), G.WACHTTERMIJN) == "voldaan"  # refugee: not applicable


@pytest.mark.parametrize(
    ("feiten", "verwacht"),
    [
        ({"middelen_bedrag": 2400, "middelen_duurzaam": True, "middelen_zelfstandig": True}, "voldaan"),
        ({"middelen_bedrag": 2000, "middelen_duurzaam": True, "middelen_zelfstandig": True}, "niet_voldaan"),
        ({"middelen_voldoende": False}, "niet_voldaan"),
        ({}, "beoordelen"),
    ],
)
def test_wi_2_3_middelen_tegen_het_minimumloon(feiten: dict[str, Any], verwacht: str) -> None:
    # received 2026-07-01 → minimum wage of 2026-H2 is not in the table: judge against 2026-H1 by date
    uitkomst = advies(
        feiten,
        {"nareistermijn_oordeel": "niet_van_toepassing"},
        ontvangen_op="2026-06-20",
        referent__vergunning_ontvangen_op="2026-03-14",
        **SUBSIDIAIR,
    )
    assert oordeel(uitkomst, G.MIDDELEN) == verwacht


@pytest.mark.parametrize(
    ("huisvesting", "verwacht"), [("huurovereenkomst", "voldaan"), ("coa", "niet_voldaan"), ("geen", "niet_voldaan")]
)
def test_wi_2_3_huisvesting_coa_is_nooit_huisvesting(huisvesting: str, verwacht: str) -> None:
    uitkomst = advies({"huisvesting": huisvesting}, {"nareistermijn_oordeel": "niet_van_toepassing"}, **SUBSIDIAIR)
    assert oordeel(uitkomst, G.HUISVESTING) == verwacht


def test_wi_2_3_middelen_en_huisvesting_niet_voor_een_nbm() -> None:
    uitkomst = advies(
        {"huisvesting": "coa"},
        {"nareistermijn_oordeel": "niet_van_toepassing"},
        referent__nbm=True,
        gezinslid__relatie="ouder",
        **SUBSIDIAIR,
    )
    assert oordeel(uitkomst, G.HUISVESTING) == "voldaan" and oordeel(uitkomst, G.MIDDELEN) == "voldaan"


def test_wi_2_4_categorie_en_8_evrm() -> None:
    assert oordeel(advies(), G.CATEGORIE) == "voldaan"
    partner = advies(gezinslid__relatie="partner")
    assert oordeel(partner, G.CATEGORIE) == "niet_voldaan" and partner.ambtshalve_8evrm
    assert len(partner.partner_indicatoren) == 6
    overig_na_pact = advies(gezinslid__relatie="overig")
    assert oordeel(overig_na_pact, G.CATEGORIE) == "niet_voldaan" and not overig_na_pact.ambtshalve_8evrm
    overig_voor_pact = advies(
        gezinslid__relatie="overig", ontvangen_op="2026-06-01", referent__vergunning_ontvangen_op="2026-03-14"
    )
    assert overig_voor_pact.ambtshalve_8evrm


def test_wi_intro_achttien_op_de_peildatum_is_meerderjarig() -> None:
    # the referent entered on 2025-05-28: a child born 2007-05-28 was 18 that day
    kind = {"gezinslid__relatie": "kind", "gezinslid__geboortedatum": "2007-05-28"}
    assert oordeel(advies(**kind), G.CATEGORIE) == "niet_voldaan"
    assert oordeel(advies(**{**kind, "gezinslid__geboortedatum": "2007-05-29"}), G.CATEGORIE) == "voldaan"
    assert oordeel(advies(**{**kind, "gezinslid__geboortedatum": "2007-05-29"}), G.MINDERJARIGHEID) == "voldaan"


NBM = {"referent__nbm": True, "gezinslid__relatie": "ouder", "gezinslid__geboortedatum": "1980-01-01"}


def test_wi_4_3_nbm_achttien_binnen_drie_maanden() -> None:
    # permit received 2026-03-14; 3 months end 2026-06-14 (no Atw in this test: raw months)
    basis = {**NBM, "referent__geboortedatum": "2008-04-01", "referent__asielaanvraag_op": "2025-06-01"}
    binnen = advies(**basis, ontvangen_op="2026-06-10")
    assert oordeel(binnen, G.MINDERJARIGHEID) == "voldaan"
    # turning 18 on 2026-04-01 and filing on day 91 after the permit: outside the three months
    dag_91 = advies(**basis, ontvangen_op="2026-06-13")
    assert oordeel(dag_91, G.MINDERJARIGHEID) == "voldaan"  # 13 June is still within 3 months
    buiten = advies(**basis, ontvangen_op="2026-06-15")
    assert oordeel(buiten, G.MINDERJARIGHEID) == "niet_voldaan"


def test_wi_4_3_nbm_meerderjarig_bij_asielaanvraag() -> None:
    uitkomst = advies(**NBM, referent__geboortedatum="2000-01-01")
    assert oordeel(uitkomst, G.MINDERJARIGHEID) == "niet_voldaan"


def test_wi_4_2_niet_begeleid() -> None:
    assert oordeel(advies({"nbm_begeleid": False}, **NBM), G.NIET_BEGELEID) == "voldaan"
    assert oordeel(advies({"nbm_begeleid": True}, **NBM), G.NIET_BEGELEID) == "niet_voldaan"
    assert oordeel(advies(**NBM), G.NIET_BEGELEID) == "beoordelen"


def test_wi_4_1_broers_en_zussen_staan_of_vallen_met_de_ouders() -> None:
    zus = {
        "referent__nbm": True,
        "gezinslid__relatie": "broer_zus",
        "gezinslid__geboortedatum": "2015-01-01",
        "gezamenlijk_met": ["NR-2026-000123-2"],
    }
    assert oordeel(advies(**zus), G.CATEGORIE) == "beoordelen"
    assert oordeel(advies(context={"ouders_uitkomst": ["inwilliging"]}, **zus), G.CATEGORIE) == "voldaan"
    assert oordeel(advies(context={"ouders_uitkomst": ["afwijzing"]}, **zus), G.CATEGORIE) == "niet_voldaan"
    assert oordeel(advies(**{**zus, "gezamenlijk_met": []}), G.CATEGORIE) == "niet_voldaan"


def test_wi_5_7_nareis_op_nareis() -> None:
    uitkomst = advies(referent__zelf_nagereisd=True)
    assert oordeel(uitkomst, G.NAREIS_OP_NAREIS) == "voldaan"
    assert uitkomst.verplicht_gehoor and uitkomst.melding_handhaving
    assert oordeel(advies(referent__zelf_nagereisd=True, **NBM), G.NAREIS_OP_NAREIS) == "niet_voldaan"
    assert oordeel(advies(), G.NAREIS_OP_NAREIS) == "voldaan"


def test_wi_3_1_toetsingsvolgorde() -> None:
    zonder = advies(
        {"feitelijke_gezinsband": False, "toestemmingsverklaring": False},
        gezinslid__relatie="kind",
        gezinslid__geboortedatum="2015-01-01",
    )
    assert oordeel(zonder, G.FEITELIJKE_GEZINSBAND) == "beoordelen"
    assert oordeel(zonder, G.TOESTEMMINGSVERKLARING) == "beoordelen"
    met = advies(
        {**VOLGORDE_OK, "feitelijke_gezinsband": False, "toestemmingsverklaring": False},
        gezinslid__relatie="kind",
        gezinslid__geboortedatum="2015-01-01",
    )
    assert oordeel(met, G.FEITELIJKE_GEZINSBAND) == "niet_voldaan"
    assert oordeel(met, G.TOESTEMMINGSVERKLARING) == "niet_voldaan"


def test_wi_2_5_identiteit_en_relatie() -> None:
    assert oordeel(advies({"identiteit_aannemelijk": True}), G.IDENTITEIT) == "voldaan"
    assert oordeel(advies({"identiteit_aannemelijk": False}), G.IDENTITEIT) == "niet_voldaan"
    assert oordeel(advies(VOLGORDE_OK), G.FAMILIERECHTELIJKE_RELATIE) == "voldaan"
    geen = advies({"identiteit_aannemelijk": True, "familierechtelijke_relatie_aannemelijk": False})
    assert oordeel(geen, G.FAMILIERECHTELIJKE_RELATIE) == "niet_voldaan"


def test_wi_3_1_1_verbroken_en_herstelde_band() -> None:
    hersteld = {**VOLGORDE_OK, "gezinsband_verbroken_op": "2024-01-01", "gezinsband_hersteld_op": "2024-06-01"}
    assert oordeel(advies(hersteld), G.FEITELIJKE_GEZINSBAND) == "voldaan"
    bij_inreis = {**VOLGORDE_OK, "gezinsband_verbroken_op": "2025-05-28", "gezinsband_hersteld_op": "2026-01-01"}
    assert oordeel(advies(bij_inreis), G.FEITELIJKE_GEZINSBAND) == "niet_voldaan"


@pytest.mark.parametrize(
    ("feiten", "verwacht"),
    [
        ({"huwelijk": "rechtsgeldig", "huwelijkstype": "ahmadi"}, "voldaan"),
        ({"huwelijkstype": "turks_traditioneel"}, "niet_voldaan"),
        ({"huwelijk": "niet_rechtsgeldig"}, "niet_voldaan"),
        ({"huwelijk": "erkenningsbeletsel"}, "voldaan"),  # both adult now: recognised
        ({"gedwongen_huwelijk": True}, "niet_voldaan"),
    ],
)
def test_wi_3_2_huwelijk(feiten: dict[str, Any], verwacht: str) -> None:
    assert oordeel(advies({"identiteit_aannemelijk": True, **feiten}), G.FAMILIERECHTELIJKE_RELATIE) == verwacht


def test_wi_3_2_2_kindhuwelijk_zolang_een_echtgenoot_minderjarig_is() -> None:
    uitkomst = advies(
        {"identiteit_aannemelijk": True, "huwelijk": "erkenningsbeletsel"}, gezinslid__geboortedatum="2010-01-01"
    )
    assert oordeel(uitkomst, G.FAMILIERECHTELIJKE_RELATIE) == "niet_voldaan"


def test_wi_3_2_1_polygamie() -> None:
    anders = advies({**VOLGORDE_OK, "polygaam": True, "gekozen_echtgenoot": False})
    assert oordeel(anders, G.FEITELIJKE_GEZINSBAND) == "niet_voldaan"
    tweede = advies({**VOLGORDE_OK, "feitelijke_gezinsband": True}, {"andere_echtgenoot_aanvragen": ["NR-X-1"]})
    assert oordeel(tweede, G.FEITELIJKE_GEZINSBAND) == "beoordelen"


def test_wi_3_1_2_toestemmingsverklaring() -> None:
    kind = {"gezinslid__relatie": "kind", "gezinslid__geboortedatum": "2015-01-01"}
    assert (
        oordeel(advies({**VOLGORDE_OK, "toestemmingsverklaring": True}, **kind), G.TOESTEMMINGSVERKLARING) == "voldaan"
    )
    assert (
        oordeel(advies({**VOLGORDE_OK, "toestemming_niet_nodig": True}, **kind), G.TOESTEMMINGSVERKLARING) == "voldaan"
    )
    assert oordeel(advies(VOLGORDE_OK), G.TOESTEMMINGSVERKLARING) == "voldaan"  # spouse: not applicable


def test_wi_1_4_2_antecedentenverklaring_vanaf_twaalf_ook_tijdens_de_procedure() -> None:
    # turns 12 on 2026-11-23, the peildatum: required
    twaalf = {"gezinslid__relatie": "kind", "gezinslid__geboortedatum": "2014-11-23"}
    assert oordeel(advies(**twaalf), G.ANTECEDENTENVERKLARING) == "beoordelen"
    assert oordeel(advies({"antecedentenverklaring": False}, **twaalf), G.ANTECEDENTENVERKLARING) == "niet_voldaan"
    assert oordeel(advies({"antecedentenverklaring": True}, **twaalf), G.ANTECEDENTENVERKLARING) == "voldaan"
    elf = {"gezinslid__relatie": "kind", "gezinslid__geboortedatum": "2014-11-24"}
    assert oordeel(advies(**elf), G.ANTECEDENTENVERKLARING) == "voldaan"


def test_wi_2_9_openbare_orde() -> None:
    assert oordeel(advies(), G.OPENBARE_ORDE) == "beoordelen"
    assert oordeel(advies(context={"screening_signalen": []}), G.OPENBARE_ORDE) == "voldaan"
    signaal = advies(context={"screening_signalen": ["1F"]})
    assert oordeel(signaal, G.OPENBARE_ORDE) == "niet_voldaan" and G.OPENBARE_ORDE in signaal.harde_gronden


def test_wi_2_8_bestendig_verblijf_is_nooit_een_zuivere_grond() -> None:
    assert oordeel(advies({"bestendig_verblijf": True}), G.BESTENDIG_VERBLIJF) == "beoordelen"
    assert oordeel(advies({"bestendig_verblijf": False}), G.BESTENDIG_VERBLIJF) == "voldaan"


def test_wi_3_1_onderzoek() -> None:
    assert oordeel(advies(context={"onderzoek_uitslagen": {"dna": "bevestigd"}}), G.ONDERZOEK) == "voldaan"
    assert oordeel(advies(context={"onderzoek_uitslagen": {"dna": "niet_verschenen"}}), G.ONDERZOEK) == "niet_voldaan"
    assert oordeel(advies(context={"onderzoek_aangeboden": ["gehoor"]}), G.ONDERZOEK) == "beoordelen"


def test_wi_5_1_kimlik_14_tegen_15() -> None:
    feiten = {**VOLGORDE_OK, "syrier_in_turkije": True, "documenten_echt": True, "kimlik_tijdig": True}
    # received 2026-07-01: a child aged 14 that day may skip investigation; one aged 15 not
    veertien = advies(feiten, gezinslid__relatie="kind", gezinslid__geboortedatum="2011-07-02")
    vijftien = advies(feiten, gezinslid__relatie="kind", gezinslid__geboortedatum="2011-07-01")
    assert veertien.kimlik_onderzoek_overslaan and not vijftien.kimlik_onderzoek_overslaan
    assert not advies({**feiten, "documentsignalen": True}).kimlik_onderzoek_overslaan


def test_wi_5_5_herhaalde_aanvraag() -> None:
    herhaald = {"eerdere_aanvraag": "NR-2025-000001-1"}
    assert oordeel(advies(**herhaald), G.HERHAALDE_AANVRAAG) == "beoordelen"
    assert [h.reden for h in advies(**herhaald).hv_vereist] == ["herhaalde_aanvraag"]
    assert oordeel(advies({"nieuwe_feiten": False}, **herhaald), G.HERHAALDE_AANVRAAG) == "niet_voldaan"
    assert oordeel(advies({"nieuwe_feiten": True}, **herhaald), G.HERHAALDE_AANVRAAG) == "voldaan"


def test_wi_5_6_niet_genoemd_is_een_aanwijzing_geen_grond() -> None:
    uitkomst = advies(gezinslid__genoemd_in_asielprocedure=False)
    assert any("§5.6" in punt for punt in uitkomst.aandachtspunten)
    assert all(r.oordeel is not m.Oordeel.NIET_VOLDAAN for r in uitkomst.regels)


def test_feiten_onbekende_sleutel_en_null_wist() -> None:
    feiten = Dossierfeiten().vastleggen({"identiteit_aannemelijk": True}, door="a", op=PEIL)
    assert feiten.feiten["identiteit_aannemelijk"].door == "a"
    assert "identiteit_aannemelijk" not in feiten.vastleggen({"identiteit_aannemelijk": None}, door="b", op=PEIL).feiten
    with pytest.raises(m.Invoerfout, match=r"feiten\.onzin"):
        feiten.vastleggen({"onzin": 1}, door="a", op=PEIL)
    with pytest.raises(m.Invoerfout, match=r"feiten\.huisvesting"):
        feiten.vastleggen({"huisvesting": "tent"}, door="a", op=PEIL)


BOOL_FEITEN = sorted(f for f in FEITEN if f.endswith(("_aannemelijk", "verklaring", "gezinsband", "_voldoende")))


@given(st.dictionaries(st.sampled_from(BOOL_FEITEN), st.one_of(st.none(), st.booleans())))
def test_eigenschap_dezelfde_feiten_geven_hetzelfde_advies(feiten: dict[str, bool | None]) -> None:
    eerste = advies(feiten, gezinslid__relatie="kind", gezinslid__geboortedatum="2015-01-01")
    tweede = advies(
        dict(reversed(list(feiten.items()))), gezinslid__relatie="kind", gezinslid__geboortedatum="2015-01-01"
    )
    assert eerste == tweede
