"""The assessment as a whole (issue 5): every ground with its source, the order of the test
(WI 2026/11 §3.1, §3.1.2, §4.1), and determinism: the advice is recomputed from the facts, the
same facts always give the same advice. Also the helpers the other test_toetsing_* files use."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from nareis import contract as m
from nareis.beleid import beleid_op
from nareis.feiten import Dossierfeiten, Feiten
from nareis.toetsing import Advies, Toetsingscontext, Toetsingsnormen, adviseer
from tests.voorbeelden import aanvraag_data

G = m.Grond
NORMEN = Toetsingsnormen.uit_beleid(beleid_op(date(2026, 7, 1)))
PEIL = date(2026, 11, 23)
VOLGORDE_OK: dict[str, Any] = {"identiteit_aannemelijk": True, "familierechtelijke_relatie_aannemelijk": True}
# the contract's example: referent entered 2025-05-28, asylum application 2025-06-01, permit granted
# 2026-03-10 and received 2026-03-14, application received 2026-07-01 for a spouse born 1992-02-02


def advies(
    feiten: dict[str, Any] | None = None,
    context: dict[str, Any] | None = None,
    *,
    op: date = PEIL,
    normen: Toetsingsnormen = NORMEN,
    **aanvraag: Any,
) -> Advies:
    a = m.lees(m.Aanvraag, aanvraag_data(**aanvraag))
    f = Dossierfeiten().vastleggen(feiten or {}, door="bm", op=op)
    c = Toetsingscontext(**{"peildatum": PEIL, "nareistermijn_oordeel": "tijdig", **(context or {})})
    return adviseer(a, f, c, normen)


def oordeel(uitkomst: Advies, grond: m.Grond) -> str:
    return uitkomst.regel(grond).oordeel.value


def test_wi_2_elke_grond_in_de_volgorde_van_de_toets_met_bron_en_reden() -> None:
    uitkomst = advies()
    assert [r.grond for r in uitkomst.regels] == list(m.Grond)
    assert all(r.bron.startswith(("WI 2026/11", "brief 000")) and r.reden for r in uitkomst.regels)


def test_wi_2_niet_van_toepassing_is_voldaan_met_uitleg() -> None:
    uitkomst = advies()  # refugee, spouse: no waiting period, no nbm rules
    for grond in (G.WACHTTERMIJN, G.MIDDELEN, G.HUISVESTING, G.NIET_BEGELEID, G.NAREIS_OP_NAREIS):
        regel = uitkomst.regel(grond)
        assert regel.oordeel is m.Oordeel.VOLDAAN and regel.reden.startswith("niet van toepassing: ")


def test_wi_3_1_toetsingsvolgorde_gezinsband_en_toestemming_wachten_op_identiteit_en_relatie() -> None:
    kind = {"gezinslid__relatie": "kind", "gezinslid__geboortedatum": "2015-01-01"}
    alles = {"feitelijke_gezinsband": False, "toestemmingsverklaring": False}
    for eerst in (
        {},
        {"identiteit_aannemelijk": True},
        {"identiteit_aannemelijk": False},
        {**VOLGORDE_OK, "familierechtelijke_relatie_aannemelijk": False},
    ):
        uitkomst = advies({**alles, **eerst}, **kind)
        assert oordeel(uitkomst, G.FEITELIJKE_GEZINSBAND) == "beoordelen"
        assert oordeel(uitkomst, G.TOESTEMMINGSVERKLARING) == "beoordelen"
    na = advies({**alles, **VOLGORDE_OK}, **kind)
    assert oordeel(na, G.FEITELIJKE_GEZINSBAND) == "niet_voldaan"
    assert oordeel(na, G.TOESTEMMINGSVERKLARING) == "niet_voldaan"


def test_wi_3_1_relatie_pas_na_identiteit() -> None:
    zonder = advies({"familierechtelijke_relatie_aannemelijk": False})
    assert oordeel(zonder, G.FAMILIERECHTELIJKE_RELATIE) == "beoordelen"
    assert (
        oordeel(
            advies({"identiteit_aannemelijk": True, "familierechtelijke_relatie_aannemelijk": False}),
            G.FAMILIERECHTELIJKE_RELATIE,
        )
        == "niet_voldaan"
    )


def test_dossier_3_7_harde_gronden_vragen_een_afwijkingsreden() -> None:
    uitkomst = advies({"identiteit_aannemelijk": False, "bestendig_verblijf": False})
    assert uitkomst.harde_afwijzingsgronden() == (G.IDENTITEIT,)
    assert G.BESTENDIG_VERBLIJF not in uitkomst.harde_gronden
    assert G.MIDDELEN not in uitkomst.harde_gronden  # proportionality test (§2.3)


# --- determinism ---------------------------------------------------------------------------------

_WAARDEN: dict[str, st.SearchStrategy[Any]] = {}
for _naam, _veld in Feiten.model_fields.items():
    if _veld.annotation == bool | None:
        _WAARDEN[_naam] = st.booleans()
_WAARDEN.update(
    huisvesting=st.sampled_from(["huurovereenkomst", "koopakte", "gebruikersovereenkomst", "coa", "geen"]),
    huwelijk=st.sampled_from(["rechtsgeldig", "niet_rechtsgeldig", "erkenningsbeletsel"]),
    huwelijkstype=st.sampled_from(["burgerlijk", "religieus", "ahmadi", "turks_traditioneel", "volmacht"]),
    huisvesting_maanden=st.integers(0, 24),
    middelen_bedrag=st.decimals("0", "5000", places=2),
    gezinsband_verbroken_op=st.dates(date(2020, 1, 1), date(2026, 6, 1)),
    huwelijk_gesloten_op=st.dates(date(2000, 1, 1), date(2025, 1, 1)),
)
FEITEN_STRATEGIE = st.dictionaries(st.sampled_from(sorted(_WAARDEN)), st.none()).flatmap(
    lambda sleutels: st.fixed_dictionaries({k: st.one_of(st.none(), _WAARDEN[k]) for k in sleutels})
)
AANVRAGEN = st.fixed_dictionaries(
    {
        "gezinslid__relatie": st.sampled_from([r.value for r in m.Relatie]),
        "gezinslid__geboortedatum": st.sampled_from(["1990-01-01", "2007-05-28", "2012-11-23", "2014-11-24"]),
        "referent__status": st.sampled_from(["vluchteling", "subsidiair"]),
        "referent__nbm": st.booleans(),
        "referent__zelf_nagereisd": st.booleans(),
        "gezinslid__genoemd_in_asielprocedure": st.booleans(),
    }
)
CONTEXTEN = st.fixed_dictionaries(
    {
        "nareistermijn_oordeel": st.sampled_from([o.value for o in m.NareistermijnOordeel]),
        "verschoonbaar": st.one_of(st.none(), st.booleans()),
        "screening_signalen": st.one_of(st.none(), st.lists(st.sampled_from([s.value for s in m.Signaal]))),
        "onderzoek_uitslagen": st.dictionaries(
            st.sampled_from([s.value for s in m.OnderzoekSoort]),
            st.sampled_from([u.value for u in m.OnderzoekUitkomst]),
        ),
        "wachttermijn_einde": st.one_of(st.none(), st.just("2026-03-10")),
        "in_bezwaar": st.booleans(),
    }
)


@settings(max_examples=200, deadline=None)
@given(FEITEN_STRATEGIE, AANVRAGEN, CONTEXTEN)
def test_eigenschap_dezelfde_feiten_geven_hetzelfde_advies(
    feiten: dict[str, Any], aanvraag: dict[str, Any], context: dict[str, Any]
) -> None:
    eerste = advies(feiten, context, **aanvraag)
    # the same facts recorded in another order, by someone else, in two steps, after a JSON round trip
    helft = len(feiten) // 2
    sleutels = list(reversed(list(feiten)))
    stap = Dossierfeiten().vastleggen({k: feiten[k] for k in sleutels[:helft]}, door="x", op=date(2026, 9, 1))
    stap = stap.vastleggen({k: feiten[k] for k in sleutels[helft:]}, door="y", op=PEIL)
    stap = Dossierfeiten.model_validate_json(stap.model_dump_json())
    a = m.lees(m.Aanvraag, aanvraag_data(**aanvraag))
    c = Toetsingscontext(**{"peildatum": PEIL, **context})
    tweede = adviseer(a, stap, c, NORMEN)
    assert [(r.grond, r.oordeel) for r in eerste.regels] == [(r.grond, r.oordeel) for r in tweede.regels]
    assert eerste.model_dump(exclude={"regels"}) == tweede.model_dump(exclude={"regels"})
    assert adviseer(a, stap, c, NORMEN) == tweede  # recomputed: always equal


@settings(max_examples=200, deadline=None)
@given(FEITEN_STRATEGIE, AANVRAGEN, CONTEXTEN)
def test_eigenschap_nooit_door_de_toetsingsvolgorde_heen(
    feiten: dict[str, Any], aanvraag: dict[str, Any], context: dict[str, Any]
) -> None:
    uitkomst = advies(feiten, context, **aanvraag)
    if oordeel(uitkomst, G.IDENTITEIT) != "voldaan" or oordeel(uitkomst, G.FAMILIERECHTELIJKE_RELATIE) != "voldaan":
        assert oordeel(uitkomst, G.FEITELIJKE_GEZINSBAND) == "beoordelen"
        toestemming = uitkomst.regel(G.TOESTEMMINGSVERKLARING)
        assert toestemming.oordeel is m.Oordeel.BEOORDELEN or toestemming.reden.startswith("niet van toepassing")
    # §2.8 and §5.6: never a ground of their own
    assert oordeel(uitkomst, G.BESTENDIG_VERBLIJF) != "niet_voldaan"
    assert not (uitkomst.ambtshalve_8evrm and uitkomst.evenredigheidstoets)  # §2.7
