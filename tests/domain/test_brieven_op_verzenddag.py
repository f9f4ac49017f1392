"""DOMAIN.md §3.4, §3.10 (issue 20 item 10): a letter the system sends is dated the day it is sent
and its term runs from that day; a past `op` on `hv_versturen` records a letter sent outside the
system; no letter states what the case does not hold."""

from __future__ import annotations

from datetime import date

from brieven import Briefschrijver
from nareis import contract as m
from nareis import effecten as e
from nareis.zaak import Zaak
from tests.voorbeelden import aanvraag_data

ONTVANGEN = date(2026, 7, 1)
GEOPEND = date(2026, 7, 8)  # a letter case taken over a week after its receipt


def test_dossier_3_4_de_automatische_formulierbrief_is_gedateerd_op_de_verzenddag() -> None:
    aanvraag = m.lees(m.Aanvraag, aanvraag_data(ONTVANGEN, vorm="brief"), vandaag=GEOPEND)
    zaak, effecten = Zaak.open(aanvraag, GEOPEND)
    brief = next(x for x in effecten if isinstance(x, e.HvBrief))
    # sent 2026-07-08: the 4 weeks run to 2026-08-05, not from the receipt (2026-07-29)
    assert (brief.verzonden_op, brief.reactie_uiterlijk) == (GEOPEND, date(2026, 8, 5))
    assert zaak.herstel_verzuim[0].verzonden_op == GEOPEND
    # the beslistermijn has not started (no form yet): the letter does not say it stands still
    assert brief.beslistermijn_opgeschort is False
    assert "staat stil" not in Briefschrijver().schrijf(brief).tekst
    _, effecten = Zaak.open(aanvraag, GEOPEND, brieven_op_verzenddag=False)  # before the patch
    assert next(x for x in effecten if isinstance(x, e.HvBrief)).verzonden_op == ONTVANGEN


def test_dossier_3_4_hv_met_een_datum_in_het_verleden_wordt_vastgelegd_niet_verstuurd() -> None:
    aanvraag = m.lees(m.Aanvraag, aanvraag_data(ONTVANGEN), vandaag=ONTVANGEN)
    zaak, _ = Zaak.open(aanvraag, ONTVANGEN)
    vandaag = date(2026, 7, 10)
    actie = m.lees(m.HvVersturen, {"op": "2026-07-06", "reden": "documenten"}, vandaag=vandaag)
    assert zaak.pas_toe(actie, vandaag) == []  # sent outside the system on 2026-07-06: no letter now
    hv = zaak.herstel_verzuim[-1]
    assert hv.verzonden_op == date(2026, 7, 6) and zaak.tijdlijn[-1].gegevens["buiten_het_systeem"] is True
    # the beslistermijn stands still from that letter (Awb 4:15): the case holds it
    termijn = zaak.beslistermijn(vandaag)
    assert termijn is not None and termijn.opgeschort


def test_dossier_3_4_een_hv_van_vandaag_zegt_dat_de_beslistermijn_stilstaat() -> None:
    aanvraag = m.lees(m.Aanvraag, aanvraag_data(ONTVANGEN), vandaag=ONTVANGEN)
    zaak, _ = Zaak.open(aanvraag, ONTVANGEN)
    actie = m.lees(m.HvVersturen, {"reden": "documenten"}, vandaag=ONTVANGEN)
    brief = next(x for x in zaak.pas_toe(actie, ONTVANGEN) if isinstance(x, e.HvBrief))
    assert brief.beslistermijn_opgeschort is True
    assert "De beslistermijn staat stil" in Briefschrijver().schrijf(brief).tekst


def test_dossier_3_10_verstreken_termijnen_worden_bij_het_openen_meteen_verwerkt() -> None:
    ontvangen, geopend = date(2025, 12, 1), date(2026, 10, 1)  # taken over with its real dates
    aanvraag = m.lees(m.Aanvraag, aanvraag_data(ontvangen, dagen_na_vergunning=200), vandaag=geopend)
    zaak, _ = Zaak.open(aanvraag, geopend)
    # beslistermijn: 2025-12-01 + 9 months = 2026-09-01 (no Atw: > 3 months); lapsed, booked the day after
    geboekt = [(g.op, g.gebeurtenis) for g in zaak.tijdlijn]
    assert (date(2026, 9, 2), "beslistermijn_verstreken") in geboekt
    assert [op for op, _ in geboekt] == sorted(op for op, _ in geboekt)  # in date order
    # the late filing's HV letter is sent today, after the lapse, and cannot pause the lapsed term
    assert geboekt[-1] == (geopend, "hv_versturen")
    assert zaak.volgende_wekdatum(geopend) == date(2026, 10, 30)  # the day after the HV's 4 weeks
    oud, _ = Zaak.open(aanvraag, geopend, verstreken_meteen=False)  # before the patch
    assert "beslistermijn_verstreken" not in [g.gebeurtenis for g in oud.tijdlijn]
