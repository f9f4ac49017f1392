"""DOMAIN.md §3.4 (WI 2026/11 §1.3, §2.7, §5.5): an HV letter has a reason code, each at most once
per case; free text describes the request and never makes a second one possible."""

from __future__ import annotations

from datetime import timedelta

import pytest

from nareis import contract as m
from nareis import effecten as e
from nareis.zaak import Weigering, Zaak
from tests.domain.test_zaak import ONTVANGEN, doe, open_zaak


def weigering(zaak: Zaak, **payload: object) -> str:
    actie = m.lees(m.HvVersturen, {"op": ONTVANGEN.isoformat(), **payload}, vandaag=ONTVANGEN)
    with pytest.raises(Weigering) as fout:
        zaak.valideer(actie, ONTVANGEN)
    return str(fout.value)


def test_dossier_3_4_documenten_een_keer_per_zaak_ook_met_andere_omschrijving() -> None:
    zaak = open_zaak()
    doe(zaak, "hv_versturen", ONTVANGEN, reden="documenten", omschrijving="paspoort")
    assert zaak.herstel_verzuim[-1].omschrijving == "paspoort"
    melding = weigering(zaak, reden="documenten", omschrijving="aanvullende documenten")
    assert melding.startswith("reden") and "één keer per reden" in melding


def test_dossier_3_4_vrije_tekst_is_geen_reden_voor_een_nieuwe_zaak() -> None:
    melding = weigering(open_zaak(), reden="aanvullende documenten")
    assert "geen redencode" in melding and "omschrijving" in melding


@pytest.mark.parametrize("reden", ["nareistermijn", "formulier"])
def test_dossier_3_4_systeemcodes_verstuurt_het_systeem_zelf(reden: str) -> None:
    assert "verstuurt het systeem zelf" in weigering(open_zaak(vorm="brief"), reden=reden)


def test_wi_1_3_art8_evrm_alleen_als_het_advies_om_de_ambtshalve_toets_vraagt() -> None:
    assert "artikel 8 EVRM" in weigering(open_zaak(), reden="art8_evrm")
    # a refugee referent's unmarried partner is no nareis category: the ex-officio check (§2.7)
    zaak = open_zaak(gezinslid__relatie="partner")
    assert zaak.advies(ONTVANGEN).ambtshalve_8evrm
    doe(zaak, "hv_versturen", ONTVANGEN, reden="documenten")
    doe(zaak, "hv_reactie_ontvangen", ONTVANGEN + timedelta(days=3))
    doe(zaak, "hv_versturen", ONTVANGEN + timedelta(days=3), reden="art8_evrm")  # the one extra request
    assert [hv.code for hv in zaak.herstel_verzuim] == [m.HvReden.DOCUMENTEN, m.HvReden.ART8_EVRM]


def test_wi_5_5_nieuwe_feiten_alleen_bij_een_herhaalde_aanvraag() -> None:
    assert "herhaalde aanvraag" in weigering(open_zaak(), reden="nieuwe_feiten")


def test_dossier_3_4_oude_vrije_tekst_blijft_leesbaar_en_telt_als_documenten() -> None:
    zaak = open_zaak()
    zaak.hv_redencodes = False  # a case opened before the codes (the workflow's patch)
    doe(zaak, "hv_versturen", ONTVANGEN, reden="paspoort ontbreekt")
    assert zaak.herstel_verzuim[0].reden == "paspoort ontbreekt"
    assert zaak.herstel_verzuim[0].code is m.HvReden.DOCUMENTEN
    assert "documenten" in weigering(zaak, reden="aanvullende documenten")
    assert "documenten" in weigering(zaak, reden="documenten")
    # state carried by continue-as-new from before the field still validates, as such a case
    oud = zaak.model_dump(mode="json")
    del oud["hv_redencodes"]
    assert Zaak.model_validate(oud).hv_redencodes is False


def test_dossier_3_4_de_omschrijving_staat_in_de_brief() -> None:
    from brieven import Briefschrijver

    zaak = open_zaak()
    actie = m.lees(
        m.HvVersturen,
        {"op": ONTVANGEN.isoformat(), "reden": "documenten", "omschrijving": "Stuur een kopie van het paspoort."},
        vandaag=ONTVANGEN,
    )
    brief = next(x for x in zaak.pas_toe(actie, ONTVANGEN) if isinstance(x, e.HvBrief))
    assert brief.omschrijving == "Stuur een kopie van het paspoort."
    tekst = Briefschrijver().schrijf(brief).tekst
    assert "Stuur een kopie van het paspoort." in tekst and "Reden:" not in tekst
