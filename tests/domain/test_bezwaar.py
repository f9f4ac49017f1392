"""DOMAIN.md §3.9 (Awb 7:11): an upheld objection revokes the contested decision and states the new
one, under the same guard as any decision (§3.7); the revoked decision stays in `besluiten` with
`herroepen_op`; a new grant leads to the mvv phase."""

from __future__ import annotations

from datetime import date

import pytest

from brieven import Briefschrijver
from nareis import contract as m
from nareis import effecten as e
from nareis import zaakstatus
from nareis.zaak import Weigering, Zaak
from tests.domain.test_besluit import ALLES_VASTGESTELD
from tests.domain.test_zaak import beslis, doe, open_zaak

BESLUIT = date(2026, 8, 3)  # a rejection on CATEGORIE
BEZWAAR = date(2026, 8, 20)  # objection term 2026-08-03 + 4 weeks = Monday 2026-08-31
BESLISSING = date(2026, 10, 1)


def afgewezen_in_bezwaar(**wijzigingen: object) -> Zaak:
    zaak = open_zaak(**wijzigingen)
    doe(zaak, "feiten_vastleggen", BESLUIT, feiten=ALLES_VASTGESTELD)
    beslis(
        zaak,
        BESLUIT,
        uitkomst="afwijzing",
        gronden=["IDENTITEIT"],
        motivering={"IDENTITEIT": "paspoort twijfelachtig"},
    )
    doe(zaak, "bezwaar_ontvangen", BEZWAAR)
    return zaak


def weigering(zaak: Zaak, **payload: object) -> str:
    actie = m.lees(m.BezwaarBesluiten, {"op": BESLISSING.isoformat(), **payload}, vandaag=BESLISSING)
    with pytest.raises(Weigering) as fout:
        zaak.valideer(actie, BESLISSING)
    return str(fout.value)


def test_awb_7_11_gegrond_zonder_nieuw_besluit_wordt_geweigerd() -> None:
    assert weigering(afgewezen_in_bezwaar(), uitkomst="gegrond").startswith("nieuw_besluit")


def test_awb_7_11_het_nieuwe_besluit_valt_onder_dezelfde_waarborg() -> None:
    zaak = afgewezen_in_bezwaar()
    nieuw = {"uitkomst": "inwilliging", "gronden": []}
    assert "screeningsuitslag" in weigering(zaak, uitkomst="gegrond", nieuw_besluit=nieuw)
    doe(zaak, "screening_uitslag", BESLISSING, signalen=["1F"])  # recorded in objection too
    assert "niet terzijde" in weigering(zaak, uitkomst="gegrond", nieuw_besluit=nieuw)
    doe(zaak, "screening_uitslag", BESLISSING, signalen=[])
    doe(zaak, "feiten_vastleggen", BESLISSING, feiten={"antecedentenverklaring": None})
    melding = weigering(zaak, uitkomst="gegrond", nieuw_besluit=nieuw)
    assert melding.startswith("nieuw_besluit.motivering") and "ANTECEDENTENVERKLARING" in melding


def test_awb_7_11_gegrond_met_inwilliging_herroept_en_leidt_naar_de_mvv() -> None:
    zaak = afgewezen_in_bezwaar()
    doe(zaak, "screening_uitslag", BESLISSING, signalen=[])
    actie = m.lees(
        m.BezwaarBesluiten,
        {"op": BESLISSING.isoformat(), "uitkomst": "gegrond", "nieuw_besluit": {"uitkomst": "inwilliging"}},
        vandaag=BESLISSING,
    )
    effecten = zaak.pas_toe(actie, BESLISSING)
    assert {type(x) for x in effecten} >= {e.BeslissingOpBezwaar, e.MvvAfgifte}
    toestand = zaakstatus.status(zaak, BESLISSING)
    assert toestand.fase is m.Fase.MVV_AFGIFTE and toestand.mvv is not None
    assert toestand.besluit is not None and toestand.besluit.uitkomst is m.BesluitUitkomst.INWILLIGING
    assert toestand.besluit.op == BESLISSING
    assert [(b.uitkomst, b.op, b.herroepen_op) for b in toestand.besluiten] == [
        (m.BesluitUitkomst.AFWIJZING, BESLUIT, BESLISSING),
        (m.BesluitUitkomst.INWILLIGING, BESLISSING, None),
    ]
    assert toestand.besluiten[0].motivering == {m.Grond.IDENTITEIT: "paspoort twijfelachtig"}
    brief = next(x for x in effecten if isinstance(x, e.BeslissingOpBezwaar))
    tekst = Briefschrijver().schrijf(brief).tekst
    assert "artikel 7:11" in tekst and "alsnog in" in tekst


def test_awb_7_11_gegrond_met_een_nieuwe_afwijzing_sluit_de_zaak() -> None:
    zaak = afgewezen_in_bezwaar()
    doe(zaak, "feiten_vastleggen", BESLISSING, feiten={"feitelijke_gezinsband": False})
    doe(
        zaak,
        "bezwaar_besluiten",
        BESLISSING,
        uitkomst="gegrond",
        nieuw_besluit={"uitkomst": "afwijzing", "gronden": ["FEITELIJKE_GEZINSBAND"]},
    )
    assert zaak.besluit is not None and zaak.besluit.gronden == [m.Grond.FEITELIJKE_GEZINSBAND]
    assert zaak.afgerond and len(zaak.herroepen_besluiten) == 1


def test_awb_7_11_een_nieuw_besluit_alleen_bij_gegrond() -> None:
    with pytest.raises(m.Invoerfout, match="nieuw_besluit"):
        m.lees(m.BezwaarBesluiten, {"uitkomst": "ongegrond", "nieuw_besluit": {"uitkomst": "inwilliging"}})


def test_awb_7_11_oude_zaak_gegrond_zonder_nieuw_besluit_verleent_zoals_toen() -> None:
    zaak = afgewezen_in_bezwaar()
    zaak.bezwaar_nieuw_besluit = False  # opened before the patch: its history replays as it ran
    doe(zaak, "bezwaar_besluiten", BESLISSING, uitkomst="gegrond")
    assert zaak.besluit is not None and zaak.besluit.uitkomst is m.BesluitUitkomst.INWILLIGING
    assert zaak.mvv is not None and zaak.herroepen_besluiten == []
