"""WI 2026/11 §2.4 and intro (categories, the age reference date), §2.7 (ex-officio art. 8 ECHR),
§4 (nbm: §4.1 siblings with the parents, §4.2 unaccompanied, §4.3 minority, §4.4, §4.5),
§3.2.1 (full siblings only) and §5.7 (nareis-op-nareis)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.domain.test_toetsing_algemeen import VOLGORDE_OK, G, advies, oordeel

# the referent entered on 2025-05-28 (the reference date of the family member's age)
KIND: dict[str, Any] = {"gezinslid__relatie": "kind", "gezinslid__geboortedatum": "2015-01-01"}


@pytest.mark.parametrize(
    ("relatie", "nbm", "verwacht"),
    [
        ("echtgenoot", False, "voldaan"),
        ("kind", False, "voldaan"),
        ("ouder", True, "voldaan"),
        ("ouder", False, "niet_voldaan"),
        ("partner", False, "niet_voldaan"),
        ("overig", False, "niet_voldaan"),
        ("broer_zus", False, "niet_voldaan"),
    ],
)
def test_wi_2_4_nareiscategorieen(relatie: str, nbm: bool, verwacht: str) -> None:
    geboren = "2015-01-01" if relatie in ("kind", "broer_zus") else "1980-01-01"
    uitkomst = advies(
        gezinslid__relatie=relatie,
        gezinslid__geboortedatum=geboren,
        referent__nbm=nbm,
        referent__geboortedatum="2008-01-01" if nbm else "1990-05-01",
    )
    assert oordeel(uitkomst, G.CATEGORIE) == verwacht


@pytest.mark.parametrize(
    ("geboren", "verwacht"),
    [("2007-05-28", "niet_voldaan"), ("2007-05-29", "voldaan"), ("2007-05-27", "niet_voldaan")],
)
def test_wi_inleiding_achttien_op_de_peildatum_is_meerderjarig(geboren: str, verwacht: str) -> None:
    uitkomst = advies(gezinslid__relatie="kind", gezinslid__geboortedatum=geboren)
    assert oordeel(uitkomst, G.CATEGORIE) == verwacht
    assert oordeel(uitkomst, G.MINDERJARIGHEID) == verwacht


def test_wi_2_4_minderjarige_echtgenoot_is_geen_categorie_tot_achttien() -> None:
    minderjarig = advies(gezinslid__geboortedatum="2009-01-01")  # 17 on 2026-11-23
    assert oordeel(minderjarig, G.CATEGORIE) == "niet_voldaan"
    assert "2027-01-01" in minderjarig.regel(G.CATEGORIE).reden


def test_wi_2_7_ambtshalve_8_evrm() -> None:
    partner = advies(gezinslid__relatie="partner")
    assert partner.ambtshalve_8evrm  # refugee's unmarried partner: always
    partner_sub = advies(
        context={"nareistermijn_oordeel": "niet_van_toepassing"},
        gezinslid__relatie="partner",
        referent__status="subsidiair",
    )
    assert not partner_sub.ambtshalve_8evrm
    assert not advies(gezinslid__relatie="overig").ambtshalve_8evrm  # after 12 June 2026
    voor_pact = advies(gezinslid__relatie="overig", ontvangen_op="2026-06-11")
    assert voor_pact.ambtshalve_8evrm
    assert not advies(gezinslid__relatie="overig", ontvangen_op="2026-06-12").ambtshalve_8evrm
    assert not advies().ambtshalve_8evrm


def test_wi_3_1_dna_geen_biologische_band_geen_categorie_en_8_evrm_voor_het_pact() -> None:
    dna = {"onderzoek_uitslagen": {"dna": "niet_bevestigd"}}
    na = advies(VOLGORDE_OK, dna, **KIND)
    assert oordeel(na, G.CATEGORIE) == "niet_voldaan" and oordeel(na, G.FAMILIERECHTELIJKE_RELATIE) == "niet_voldaan"
    assert not na.ambtshalve_8evrm
    assert advies(VOLGORDE_OK, dna, ontvangen_op="2026-06-01", **KIND).ambtshalve_8evrm
    geadopteerd = advies({**VOLGORDE_OK, "adoptiekind": True}, dna, **KIND)
    assert oordeel(geadopteerd, G.CATEGORIE) == "voldaan"


# --- §4 the nbm ----------------------------------------------------------------------------------

NBM: dict[str, Any] = {
    "referent__nbm": True,
    "referent__geboortedatum": "2009-01-01",
    "gezinslid__relatie": "ouder",
    "gezinslid__geboortedatum": "1980-01-01",
}
BROER: dict[str, Any] = {
    **NBM,
    "gezinslid__relatie": "broer_zus",
    "gezinslid__geboortedatum": "2012-01-01",
    "gezamenlijk_met": ["NR-2026-000123-2"],
}


@pytest.mark.parametrize(
    ("ouders", "verwacht", "art8"),
    [
        (["inwilliging"], "voldaan", False),
        (["afwijzing", "inwilliging"], "voldaan", False),
        (["afwijzing"], "niet_voldaan", False),
        (["afwijzing", "afwijzing"], "niet_voldaan", False),
        (["overleden"], "niet_voldaan", True),  # §4: always an art. 8 check
        ([None], "beoordelen", False),
        (["afwijzing", None], "beoordelen", False),
        ([], "beoordelen", False),
    ],
)
def test_wi_4_1_broer_zus_staat_of_valt_met_de_ouders(ouders: list[str | None], verwacht: str, art8: bool) -> None:
    uitkomst = advies(context={"ouders_uitkomst": ouders}, **BROER)
    assert oordeel(uitkomst, G.CATEGORIE) == verwacht
    assert uitkomst.ambtshalve_8evrm is art8


def test_wi_4_1_broer_zus_na_afwijzing_ouders_voor_het_pact_8_evrm() -> None:
    uitkomst = advies(context={"ouders_uitkomst": ["afwijzing"]}, ontvangen_op="2026-06-01", **BROER)
    assert uitkomst.ambtshalve_8evrm


def test_wi_4_1_broer_zus_alleen_tegelijk_met_de_ouders() -> None:
    assert oordeel(advies(**{**BROER, "gezamenlijk_met": []}), G.CATEGORIE) == "niet_voldaan"


def test_wi_3_2_1_polygame_ouder_alleen_volle_broers_en_zussen() -> None:
    ctx = {"ouders_uitkomst": ["inwilliging"]}
    assert (
        oordeel(advies({"ouder_polygaam": True, "volle_broer_zus": False}, ctx, **BROER), G.CATEGORIE) == "niet_voldaan"
    )
    assert oordeel(advies({"ouder_polygaam": True, "volle_broer_zus": True}, ctx, **BROER), G.CATEGORIE) == "voldaan"
    half = advies({"volle_broer_zus": False}, ctx, **BROER)
    assert oordeel(half, G.CATEGORIE) == "voldaan" and any("halfbroer" in p for p in half.aandachtspunten)


@pytest.mark.parametrize(
    ("feiten", "aanvraag", "verwacht"),
    [
        ({"nbm_begeleid": False}, {}, "voldaan"),
        ({"nbm_begeleid": True}, {}, "niet_voldaan"),
        ({}, {}, "beoordelen"),
        ({}, {"referent__begeleid_ingereisd": False}, "voldaan"),
        ({"nbm_begeleid": False}, {"referent__zelf_nagereisd": True}, "niet_voldaan"),  # §4.4: accompanied
    ],
)
def test_wi_4_2_niet_begeleid_op_de_datum_van_de_nareisaanvraag(
    feiten: dict[str, Any], aanvraag: dict[str, Any], verwacht: str
) -> None:
    assert oordeel(advies(feiten, **NBM, **aanvraag), G.NIET_BEGELEID) == verwacht


def test_wi_4_2_geen_nbm_niet_van_toepassing() -> None:
    assert "niet van toepassing" in advies().regel(G.NIET_BEGELEID).reden


def test_wi_4_3_minderjarig_op_de_datum_van_de_asielaanvraag() -> None:
    # asylum application 2025-06-01: 18 that day is adult, a day younger is a minor
    assert oordeel(advies(**{**NBM, "referent__geboortedatum": "2007-06-01"}), G.MINDERJARIGHEID) == "niet_voldaan"
    assert oordeel(advies(**{**NBM, "referent__geboortedatum": "2007-06-02"}), G.MINDERJARIGHEID) == "voldaan"


def test_wi_4_3_relocatie_telt_de_asielaanvraag_in_de_andere_lidstaat() -> None:
    relocatie = {**NBM, "referent__geboortedatum": "2007-04-01", "referent__relocatie_asielaanvraag_op": "2025-03-01"}
    assert oordeel(advies(**relocatie), G.MINDERJARIGHEID) == "voldaan"


# permit received 2026-03-14; the nbm (born 2008-06-13) turns 18 on 2026-06-13, day 91 after it.
# The three months end 2026-06-14, a Sunday: the clock (Atw) gives 2026-06-15; grace to 2026-06-29.
ACHTTIEN_OP_DAG_91: dict[str, Any] = {**NBM, "referent__geboortedatum": "2008-06-13"}


@pytest.mark.parametrize(
    ("ontvangen", "nareistermijn", "verwacht"),
    [
        ("2026-06-12", "tijdig", "voldaan"),  # still 17 when filing
        ("2026-06-13", "tijdig", "voldaan"),  # 18 on day 91, filed within the three months
        ("2026-06-26", "coulance", "voldaan"),  # within the two weeks' grace: filed in time
        ("2026-07-10", "te_laat", "niet_voldaan"),  # after the three months and adult
    ],
)
def test_wi_4_3_achttien_op_dag_91_na_de_vergunning(ontvangen: str, nareistermijn: str, verwacht: str) -> None:
    uitkomst = advies(context={"nareistermijn_oordeel": nareistermijn}, ontvangen_op=ontvangen, **ACHTTIEN_OP_DAG_91)
    assert oordeel(uitkomst, G.MINDERJARIGHEID) == verwacht


def test_wi_4_3_achttien_op_dag_91_met_de_klok() -> None:
    from nareis.beleid import beleid_op
    from nareis.contract import Aanvraag, lees
    from nareis.kalender.termijnen import nareistermijn
    from tests.voorbeelden import aanvraag_data

    uitkomsten = {}
    for ontvangen in ("2026-06-13", "2026-06-15", "2026-06-29", "2026-06-30"):
        data = aanvraag_data(ontvangen_op=ontvangen, **ACHTTIEN_OP_DAG_91)
        klok = nareistermijn(lees(Aanvraag, data), beleid_op(date.fromisoformat(ontvangen))).oordeel.value
        uitkomst = advies(context={"nareistermijn_oordeel": klok}, ontvangen_op=ontvangen, **ACHTTIEN_OP_DAG_91)
        uitkomsten[ontvangen] = (klok, oordeel(uitkomst, G.MINDERJARIGHEID))
    assert uitkomsten["2026-06-13"] == ("tijdig", "voldaan")
    assert uitkomsten["2026-06-30"] == ("te_laat", "niet_voldaan")


def test_wi_4_3_te_laat_maar_verschoonbaar_is_ter_beoordeling() -> None:
    uitkomst = advies(
        context={"nareistermijn_oordeel": "te_laat", "verschoonbaar": True},
        ontvangen_op="2026-08-01",
        **ACHTTIEN_OP_DAG_91,
    )
    assert oordeel(uitkomst, G.MINDERJARIGHEID) == "beoordelen"


def test_wi_4_3_opvolgende_aanvraag_na_meerderjarigheid() -> None:
    opvolgend = advies(ontvangen_op="2026-06-13", eerdere_aanvraag="NR-2026-000001-1", **ACHTTIEN_OP_DAG_91)
    assert oordeel(opvolgend, G.MINDERJARIGHEID) == "niet_voldaan"
    minderjarig = advies(ontvangen_op="2026-06-12", eerdere_aanvraag="NR-2026-000001-1", **ACHTTIEN_OP_DAG_91)
    assert oordeel(minderjarig, G.MINDERJARIGHEID) == "voldaan"


def test_wi_4_3_te_vroeg_ingediend_en_in_bezwaar() -> None:
    prematuur = {
        **ACHTTIEN_OP_DAG_91,
        "referent__vergunning_verleend_op": None,
        "referent__vergunning_ontvangen_op": None,
        "ontvangen_op": "2026-06-01",
    }
    eerst = advies(**prematuur)
    assert oordeel(eerst, G.ASIELVERGUNNING) == "niet_voldaan"
    bezwaar = advies({"referent_vergunning_verleend_op": "2026-08-01"}, {"in_bezwaar": True}, **prematuur)
    assert oordeel(bezwaar, G.ASIELVERGUNNING) == "voldaan"
    assert oordeel(bezwaar, G.MINDERJARIGHEID) == "voldaan"  # a minor in this objection, though 18 now
    zonder_vergunning = advies({}, {"in_bezwaar": True}, **prematuur)
    assert oordeel(zonder_vergunning, G.ASIELVERGUNNING) == "niet_voldaan"
    volwassen_echtgenoot = advies(
        {"referent_vergunning_verleend_op": "2026-08-01"},
        {"in_bezwaar": True},
        referent__vergunning_verleend_op=None,
        referent__vergunning_ontvangen_op=None,
    )
    assert oordeel(volwassen_echtgenoot, G.ASIELVERGUNNING) == "beoordelen"


def test_wi_4_3_subsidiair_meerderjarig_geworden_is_ter_beoordeling() -> None:
    sub = advies(
        context={"nareistermijn_oordeel": "niet_van_toepassing"},
        referent__status="subsidiair",
        ontvangen_op="2026-07-01",
        **ACHTTIEN_OP_DAG_91,
    )
    assert oordeel(sub, G.MINDERJARIGHEID) == "beoordelen"


def test_wi_4_4_nareis_op_nareis_nbm_niet_mogelijk() -> None:
    uitkomst = advies(**NBM, referent__zelf_nagereisd=True)
    assert oordeel(uitkomst, G.NAREIS_OP_NAREIS) == "niet_voldaan"


def test_wi_5_7_nareis_op_nareis_gehoor_en_handhaving() -> None:
    uitkomst = advies(referent__zelf_nagereisd=True)
    assert oordeel(uitkomst, G.NAREIS_OP_NAREIS) == "voldaan"
    assert uitkomst.verplicht_gehoor and uitkomst.melding_handhaving
    assert any("Handhaving" in m for m in uitkomst.meldingen)
    assert oordeel(uitkomst, G.ONDERZOEK) == "beoordelen"  # the interview is still to be held
    gewoon = advies()
    assert not gewoon.verplicht_gehoor and not gewoon.melding_handhaving


@pytest.mark.parametrize(
    ("feiten", "verwacht"),
    [
        ({}, "voldaan"),  # presumed
        ({"zelfstandig_wonend": True}, "voldaan"),  # living alone is not enough
        ({"zelfstandig_wonend": True, "zelfstandig_onderhoudend": True}, "niet_voldaan"),
        ({"zelfstandig_wonend": True, "eigen_gezin": True}, "niet_voldaan"),
        ({"feitelijke_gezinsband": False}, "niet_voldaan"),
    ],
)
def test_wi_4_1_gezinsband_met_de_ouders_verondersteld(feiten: dict[str, Any], verwacht: str) -> None:
    assert oordeel(advies({**VOLGORDE_OK, **feiten}, **NBM), G.FEITELIJKE_GEZINSBAND) == verwacht


def test_wi_4_5_zelfstandigheid_na_de_beslistermijn_niet_tegenwerpen() -> None:
    zelfstandig = {**VOLGORDE_OK, "zelfstandig_wonend": True, "zelfstandig_onderhoudend": True}
    ctx = {"beslistermijn_einde": "2026-10-01"}
    na = advies({**zelfstandig, "zelfstandig_sinds": "2026-10-02"}, ctx, **NBM)
    assert oordeel(na, G.FEITELIJKE_GEZINSBAND) == "voldaan"
    voor = advies({**zelfstandig, "zelfstandig_sinds": "2026-10-01"}, ctx, **NBM)
    assert oordeel(voor, G.FEITELIJKE_GEZINSBAND) == "niet_voldaan"
