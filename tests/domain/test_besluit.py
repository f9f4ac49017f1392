"""DOMAIN.md §3.7 (WI 2026/11 §2.9): the guard on a decision, its motivations, and the next step."""

from __future__ import annotations

from datetime import timedelta

import pytest

from nareis import contract as m
from nareis import zaakstatus
from nareis.mogelijke_acties import mogelijke_acties
from nareis.zaak import Weigering, Zaak
from tests.domain.test_zaak import ONTVANGEN, beslis, doe, open_zaak

DAG = ONTVANGEN + timedelta(days=30)

#: every ground of the contract's example (a spouse of a refugee) established
ALLES_VASTGESTELD = {
    "identiteit_aannemelijk": True,
    "familierechtelijke_relatie_aannemelijk": True,
    "feitelijke_gezinsband": True,
    "antecedentenverklaring": True,
    "huwelijk": "rechtsgeldig",
    "bestendig_verblijf": True,
}


def zaak_klaar(signalen: list[str] | None = None, **feiten: object) -> Zaak:
    zaak = open_zaak()
    if signalen is not None:
        doe(zaak, "screening_uitslag", DAG, signalen=signalen)
    doe(zaak, "feiten_vastleggen", DAG, feiten={**ALLES_VASTGESTELD, **feiten})
    return zaak


def weigering(zaak: Zaak, **payload: object) -> str:
    actie = m.lees(m.Besluiten, {"op": DAG.isoformat(), **payload}, vandaag=DAG)
    with pytest.raises(Weigering) as fout:
        zaak.valideer(actie, DAG)
    return str(fout.value)


def test_dossier_3_7_inwilliging_geweigerd_zolang_de_screening_ontbreekt() -> None:
    zaak = zaak_klaar(signalen=None)
    melding = weigering(zaak, uitkomst="inwilliging", motivering={g.value: "x" for g in m.Grond})
    assert "screeningsuitslag" in melding and melding.startswith("uitkomst")
    assert zaakstatus.volgende_actie(zaak, DAG).startswith("screeningsuitslag afwachten")


def test_dossier_3_7_inwilliging_met_open_gronden_vraagt_een_motivering_per_grond() -> None:
    zaak = zaak_klaar(signalen=[], identiteit_aannemelijk=None)
    melding = weigering(zaak, uitkomst="inwilliging")
    assert melding.startswith("motivering") and "IDENTITEIT (beoordelen)" in melding
    # one ground motivated is not enough when more are open
    open_ = [r.grond for r in zaak.advies(DAG).regels if r.oordeel is not m.Oordeel.VOLDAAN]
    assert len(open_) > 1
    assert "IDENTITEIT" not in weigering(zaak, uitkomst="inwilliging", motivering={"IDENTITEIT": "paspoort echt"})
    motivering = {g.value: f"waarom {g.value}" for g in open_}
    beslis(zaak, DAG, uitkomst="inwilliging", motivering=motivering)
    assert zaak.besluit is not None and zaak.besluit.motivering == {g: f"waarom {g.value}" for g in open_}
    toestand = zaakstatus.status(zaak, DAG).model_dump(mode="json")
    assert toestand["besluit"]["motivering"]["IDENTITEIT"] == "waarom IDENTITEIT"


def test_dossier_3_7_een_niet_voldane_grond_vraagt_een_motivering_voor_inwilliging() -> None:
    zaak = zaak_klaar(signalen=[], feitelijke_gezinsband=False)
    assert "FEITELIJKE_GEZINSBAND (niet_voldaan)" in weigering(zaak, uitkomst="inwilliging")
    assert "afwijzen op FEITELIJKE_GEZINSBAND" in zaakstatus.volgende_actie(zaak, DAG)
    beslis(zaak, DAG, uitkomst="afwijzing", gronden=["FEITELIJKE_GEZINSBAND"])  # no motivation needed
    assert zaak.besluit is not None and zaak.besluit.motivering == {}


@pytest.mark.parametrize("signaal", ["1F", "nationale_veiligheid"])
def test_wi_2_9_een_1f_of_staatsveiligheidssignaal_wordt_nooit_terzijde_gesteld(signaal: str) -> None:
    zaak = zaak_klaar(signalen=[signaal], openbare_orde_bezwaar=False)
    assert zaak.advies(DAG).regel(m.Grond.OPENBARE_ORDE).oordeel is m.Oordeel.VOLDAAN  # assessed: no objection
    motivering = {g.value: "toch" for g in m.Grond}
    assert "niet terzijde" in weigering(zaak, uitkomst="inwilliging", motivering=motivering)
    assert "niet terzijde" in weigering(zaak, uitkomst="inwilliging", afwijkingsreden="oud formaat")
    assert "inwilligen kan niet" in zaakstatus.volgende_actie(zaak, DAG)


def test_wi_2_9_een_openbare_ordesignaal_wordt_gewogen_en_gemotiveerd() -> None:
    zaak = zaak_klaar(signalen=["openbare_orde"], openbare_orde_bezwaar=False)
    assert "OPENBARE_ORDE" in weigering(zaak, uitkomst="inwilliging")
    assert "motivering van OPENBARE_ORDE" in zaakstatus.volgende_actie(zaak, DAG)
    beslis(zaak, DAG, uitkomst="inwilliging", motivering={"OPENBARE_ORDE": "gewogen volgens WI 2026/8"})


def test_dossier_3_7_elke_grond_van_een_afwijzing_is_niet_voldaan_of_gemotiveerd() -> None:
    zaak = zaak_klaar(signalen=[], feitelijke_gezinsband=False, antecedentenverklaring=None)
    assert zaak.advies(DAG).regel(m.Grond.ANTECEDENTENVERKLARING).oordeel is not m.Oordeel.NIET_VOLDAAN
    melding = weigering(zaak, uitkomst="afwijzing", gronden=["FEITELIJKE_GEZINSBAND", "ANTECEDENTENVERKLARING"])
    assert melding.startswith("motivering") and "ANTECEDENTENVERKLARING" in melding
    assert "FEITELIJKE_GEZINSBAND" not in melding
    assert weigering(zaak, uitkomst="afwijzing").startswith("gronden")
    beslis(
        zaak,
        DAG,
        uitkomst="afwijzing",
        gronden=["FEITELIJKE_GEZINSBAND", "ANTECEDENTENVERKLARING"],
        motivering={"ANTECEDENTENVERKLARING": "niet overgelegd na herhaald verzoek"},
    )


def test_dossier_3_7_een_oude_afwijkingsreden_motiveert_elke_grond_die_het_nodig_had() -> None:
    zaak = zaak_klaar(signalen=[], identiteit_aannemelijk=None)
    beslis(zaak, DAG, uitkomst="inwilliging", afwijkingsreden="vroeger vrij veld")
    assert zaak.besluit is not None
    assert zaak.besluit.motivering[m.Grond.IDENTITEIT] == "vroeger vrij veld"
    assert zaak.besluit.afwijkingsreden == "vroeger vrij veld"


def test_dossier_3_7_de_motivering_staat_in_de_beschikking() -> None:
    zaak = zaak_klaar(signalen=[], bestendig_verblijf=False)
    actie = m.lees(
        m.Besluiten,
        {"op": DAG.isoformat(), "uitkomst": "inwilliging", "motivering": {"BESTENDIG_VERBLIJF": "geen verblijf in TR"}},
        vandaag=DAG,
    )
    effecten = zaak.pas_toe(actie, DAG)
    from brieven import Briefschrijver
    from nareis import effecten as e

    beschikking = next(x for x in effecten if isinstance(x, e.Beschikking))
    assert beschikking.motivering == {m.Grond.BESTENDIG_VERBLIJF: "geen verblijf in TR"}
    tekst = Briefschrijver().schrijf(beschikking).tekst
    assert "Motivering" in tekst and "geen verblijf in TR" in tekst


def test_dossier_3_7_alles_voldaan_dan_stelt_de_volgende_stap_inwilligen_voor() -> None:
    zaak = zaak_klaar(signalen=[])
    assert zaakstatus.volgende_actie(zaak, DAG).startswith("beslissen: inwilligen")
    beslis(zaak, DAG, uitkomst="inwilliging")


def test_dossier_3_7_besluiten_is_mogelijk_zodra_een_gemotiveerd_besluit_kan() -> None:
    zaak = zaak_klaar(signalen=None)
    assert "besluiten" in mogelijke_acties(zaak, DAG)  # a rejection can be motivated
    zaak = zaak_klaar(signalen=["1F"])
    assert "besluiten" in mogelijke_acties(zaak, DAG)  # a rejection still can
