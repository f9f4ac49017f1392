"""WI 2026/11 §2.5 (identity, family-law relationship), §2.6 and §3.1.1 (broken and restored
bonds), §3.1 (the minor child), §3.1.2 (consent statement), §3.2 (marriage), §3.2.1 (polygamy),
§3.2.2 (child marriage) and §5.6 (not mentioned in the asylum procedure)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.domain.test_toetsing_algemeen import VOLGORDE_OK, G, advies, oordeel

KIND: dict[str, Any] = {"gezinslid__relatie": "kind", "gezinslid__geboortedatum": "2015-01-01"}


@pytest.mark.parametrize(("waarde", "verwacht"), [(True, "voldaan"), (False, "niet_voldaan"), (None, "beoordelen")])
def test_wi_2_5_identiteit(waarde: bool | None, verwacht: str) -> None:
    assert oordeel(advies({"identiteit_aannemelijk": waarde}), G.IDENTITEIT) == verwacht


@pytest.mark.parametrize(("waarde", "verwacht"), [(True, "voldaan"), (False, "niet_voldaan"), (None, "beoordelen")])
def test_wi_2_5_familierechtelijke_relatie(waarde: bool | None, verwacht: str) -> None:
    feiten = {"identiteit_aannemelijk": True, "familierechtelijke_relatie_aannemelijk": waarde}
    assert oordeel(advies(feiten, **KIND), G.FAMILIERECHTELIJKE_RELATIE) == verwacht


# the referent entered on 2025-05-28 (the reference date of the bond)
@pytest.mark.parametrize(
    ("verbroken", "hersteld", "verwacht"),
    [
        ("2024-01-01", "2025-01-01", "voldaan"),  # broken and restored before entry
        ("2024-01-01", "2025-05-28", "voldaan"),  # restored on the day of entry
        ("2024-01-01", None, "beoordelen"),  # broken before entry: assess restoration integrally
        ("2024-01-01", "2026-01-01", "niet_voldaan"),  # still broken at entry
        ("2025-05-28", "2026-01-01", "niet_voldaan"),  # broken at entry: restoration irrelevant
        ("2025-05-28", None, "niet_voldaan"),
        ("2025-09-01", "2026-02-01", "voldaan"),  # broken after entry, restored before the decision
        ("2025-09-01", None, "beoordelen"),  # broken after entry: restored by the decision?
    ],
)
def test_wi_2_6_en_3_1_1_verbroken_en_herstelde_gezinsband(verbroken: str, hersteld: str | None, verwacht: str) -> None:
    feiten = {**VOLGORDE_OK, "gezinsband_verbroken_op": verbroken, "gezinsband_hersteld_op": hersteld}
    assert oordeel(advies(feiten, **KIND), G.FEITELIJKE_GEZINSBAND) == verwacht


@pytest.mark.parametrize(
    ("feiten", "verwacht"),
    [
        ({"feitelijke_gezinsband": True}, "voldaan"),
        ({"feitelijke_gezinsband": False}, "niet_voldaan"),  # always reject (§3), also in force majeure
        ({}, "beoordelen"),
        ({"feitelijke_gezinsband": True, "ten_laste": False}, "niet_voldaan"),
        ({"feitelijke_gezinsband": True, "gezag": False}, "niet_voldaan"),
        ({"feitelijke_gezinsband": True, "zelfstandig_wonend": True, "zelfstandig_onderhoudend": True}, "beoordelen"),
        ({"feitelijke_gezinsband": True, "eigen_gezin": False, "zelfstandig_wonend": True}, "voldaan"),
    ],
)
def test_wi_3_1_minderjarig_kind_gezag_en_ten_laste(feiten: dict[str, Any], verwacht: str) -> None:
    assert oordeel(advies({**VOLGORDE_OK, **feiten}, **KIND), G.FEITELIJKE_GEZINSBAND) == verwacht


def test_wi_3_1_kind_inmiddels_meerderjarig_let_op_verbreking() -> None:
    # 17 on entry (2025-05-28), 18 on the case's today (2026-11-23)
    uitkomst = advies(
        {**VOLGORDE_OK, "feitelijke_gezinsband": True}, gezinslid__relatie="kind", gezinslid__geboortedatum="2008-01-01"
    )
    assert oordeel(uitkomst, G.FEITELIJKE_GEZINSBAND) == "voldaan"
    assert any("§3.1" in p and "meerderjarig" in p for p in uitkomst.aandachtspunten)


@pytest.mark.parametrize(
    ("feiten", "verwacht"),
    [
        ({"toestemmingsverklaring": True}, "voldaan"),
        ({"toestemmingsverklaring": False}, "niet_voldaan"),
        ({}, "beoordelen"),
        ({"toestemmingsverklaring": False, "toestemming_niet_nodig": True}, "voldaan"),  # exceptional situation
        ({"toestemmingsverklaring": False, "achterblijvende_ouder": False}, "voldaan"),
    ],
)
def test_wi_3_1_2_toestemmingsverklaring(feiten: dict[str, Any], verwacht: str) -> None:
    assert oordeel(advies({**VOLGORDE_OK, **feiten}, **KIND), G.TOESTEMMINGSVERKLARING) == verwacht


def test_wi_3_1_2_niet_nodig_voor_een_tijdens_de_procedure_meerderjarig_kind() -> None:
    kind = {"gezinslid__relatie": "kind", "gezinslid__geboortedatum": "2008-01-01"}  # 18 since 2026-01-01
    regel = advies({**VOLGORDE_OK, "toestemmingsverklaring": False}, **kind).regel(G.TOESTEMMINGSVERKLARING)
    assert regel.oordeel.value == "voldaan" and "meerderjarig geworden" in regel.reden


def test_wi_3_1_2_niet_voor_een_echtgenoot() -> None:
    assert "niet van toepassing" in advies({"toestemmingsverklaring": False}).regel(G.TOESTEMMINGSVERKLARING).reden


ID = {"identiteit_aannemelijk": True}


@pytest.mark.parametrize(
    ("feiten", "verwacht"),
    [
        ({"huwelijk": "rechtsgeldig"}, "voldaan"),
        ({"huwelijk": "niet_rechtsgeldig"}, "niet_voldaan"),
        ({"huwelijkstype": "ahmadi"}, "voldaan"),
        ({"huwelijk": "rechtsgeldig", "huwelijkstype": "turks_traditioneel"}, "niet_voldaan"),
        ({"huwelijk": "rechtsgeldig", "huwelijkstype": "volmacht"}, "voldaan"),
        ({"huwelijk": "rechtsgeldig", "gedwongen_huwelijk": True}, "niet_voldaan"),
        ({"huwelijk": "erkenningsbeletsel"}, "beoordelen"),  # both adult now: which bar?
        ({}, "beoordelen"),
    ],
)
def test_wi_3_2_huwelijk_rechtsgeldig_naar_ipr(feiten: dict[str, Any], verwacht: str) -> None:
    assert oordeel(advies({**ID, **feiten}), G.FAMILIERECHTELIJKE_RELATIE) == verwacht


def test_wi_3_2_niet_rechtsgeldig_stopt_de_beoordeling() -> None:
    uitkomst = advies({**ID, "huwelijk": "niet_rechtsgeldig", "feitelijke_gezinsband": True})
    assert oordeel(uitkomst, G.FEITELIJKE_GEZINSBAND) == "beoordelen"


@pytest.mark.parametrize(
    ("feiten", "verwacht"),
    [
        ({"huwelijkstype": "volmacht"}, "beoordelen"),  # proof of the lived marriage needed
        ({"huwelijkstype": "volmacht", "feitelijke_gezinsband": False}, "niet_voldaan"),
        ({"relatie_voor_inreis_geleefd": False, "feitelijke_gezinsband": True}, "niet_voldaan"),  # short marriage
        ({"feitelijke_gezinsband": True}, "voldaan"),
    ],
)
def test_wi_3_2_feitelijke_invulling_van_het_huwelijk(feiten: dict[str, Any], verwacht: str) -> None:
    uitkomst = advies({**ID, "huwelijk": "rechtsgeldig", **feiten})
    assert oordeel(uitkomst, G.FEITELIJKE_GEZINSBAND) == verwacht


# a spouse born 2009-01-01 married the referent (born 1990) on 2024-06-01, at 15
KINDHUWELIJK: dict[str, Any] = {**ID, "huwelijk": "rechtsgeldig", "huwelijk_gesloten_op": "2024-06-01"}


def test_wi_3_2_2_kindhuwelijk_pas_erkend_als_beide_meerderjarig_zijn() -> None:
    nu_17 = advies(KINDHUWELIJK, gezinslid__geboortedatum="2009-01-01")
    assert oordeel(nu_17, G.FAMILIERECHTELIJKE_RELATIE) == "niet_voldaan"
    assert "2027-01-01" in nu_17.regel(G.FAMILIERECHTELIJKE_RELATIE).reden
    op_18 = advies(KINDHUWELIJK, {"peildatum": "2027-01-01"}, gezinslid__geboortedatum="2009-01-01")
    assert oordeel(op_18, G.FAMILIERECHTELIJKE_RELATIE) == "voldaan"  # retroactively to the reference date
    volwassen = advies(KINDHUWELIJK, gezinslid__geboortedatum="2006-01-01")  # 18 on the wedding day
    assert "kindhuwelijk" not in volwassen.regel(G.FAMILIERECHTELIJKE_RELATIE).reden


def test_wi_3_2_1_polygamie_een_echtgenoot() -> None:
    basis = {**VOLGORDE_OK, "huwelijk": "rechtsgeldig", "feitelijke_gezinsband": True, "polygaam": True}
    assert oordeel(advies({**basis, "gekozen_echtgenoot": False}), G.FEITELIJKE_GEZINSBAND) == "niet_voldaan"
    gekozen = advies({**basis, "gekozen_echtgenoot": True})
    assert oordeel(gekozen, G.FEITELIJKE_GEZINSBAND) == "beoordelen"  # others not yet shown broken
    klaar = advies({**basis, "gekozen_echtgenoot": True, "andere_relaties_verbroken": True})
    assert oordeel(klaar, G.FEITELIJKE_GEZINSBAND) == "voldaan"


def test_wi_3_2_1_tweede_echtgenoot_geen_polygame_situatie_in_nederland() -> None:
    basis = {**VOLGORDE_OK, "huwelijk": "rechtsgeldig", "feitelijke_gezinsband": True}
    open_ = advies(basis, {"andere_echtgenoot_aanvragen": ["NR-2026-000123-2"]})
    regel = open_.regel(G.FEITELIJKE_GEZINSBAND)
    assert regel.oordeel.value == "beoordelen" and "andere echtgenoot" in regel.reden
    ingewilligd = advies(
        {**basis, "gekozen_echtgenoot": True, "andere_relaties_verbroken": True},
        {"andere_echtgenoot_aanvragen": ["NR-2026-000123-2"], "andere_echtgenoot_ingewilligd": True},
    )
    assert oordeel(ingewilligd, G.FEITELIJKE_GEZINSBAND) == "niet_voldaan"


def test_wi_5_6_niet_genoemd_is_een_aanwijzing_geen_grond() -> None:
    uitkomst = advies(VOLGORDE_OK, gezinslid__genoemd_in_asielprocedure=False)
    assert any("§5.6" in punt for punt in uitkomst.aandachtspunten)
    assert all(r.oordeel.value != "niet_voldaan" for r in uitkomst.regels)
    assert "§5.6" in uitkomst.regel(G.FEITELIJKE_GEZINSBAND).reden
    assert not advies().aandachtspunten
