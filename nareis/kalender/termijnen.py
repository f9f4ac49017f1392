"""The legal terms of a nareisaanvraag (DOMAIN.md §3), each with its explanation.

Pure functions of dates and the policy in force; the workflow recomputes them whenever a
message changes their inputs. Every result carries an `Uitleg` a reader can check by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict

from nareis import modellen as m
from nareis.beleid import Beleid, Termijnlengte
from nareis.kalender import atw
from nareis.kalender.opschorting import Opschorting, boek
from nareis.kalender.rekenen import einde as reken_einde
from nareis.uitleg import Uitleg, VerlengingUitleg, Verschuiving


class _Uitkomst(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Termijn(_Uitkomst):
    einde: date
    uitleg: Uitleg


class NareistermijnUitkomst(_Uitkomst):
    einde: date | None
    coulance_einde: date | None
    oordeel: m.NareistermijnOordeel
    uitleg: Uitleg | None


class Ingebrekestelling(_Uitkomst):
    termijn: Termijn
    beroep_mogelijk_vanaf: date


class Beslistermijn(_Uitkomst):
    start: date
    einde: date
    ruw_einde: date
    opgeschorte_dagen: int
    opgeschort: bool
    verlengd: bool
    verstreken: bool
    oud_regime: bool
    uitleg: Uitleg

    def kan_opschorten(self, dag: date) -> bool:
        """DOMAIN.md §3.3: no suspension when the term had already expired on `dag`."""
        return self.opgeschort or dag <= self.einde


def _termijn(
    naam: str,
    regel: str,
    start: date,
    lengte: Termijnlengte,
    beleid: Beleid,
    *,
    atw_van_toepassing: bool | None = None,
    atw_reden: str | None = None,
) -> Termijn:
    """A term of `lengte` from `start`, shifted by the Atw where it applies."""
    ruw = reken_einde(start, lengte)
    uitzondering = atw.uitgezonderd(lengte)
    toepassen = uitzondering is None if atw_van_toepassing is None else atw_van_toepassing
    reden = atw_reden or uitzondering or "wettelijke termijn van ten hoogste drie maanden (Atw art. 1, 2, 4)"
    einde, verschuivingen = atw.verschuif(start, ruw, beleid) if toepassen else (ruw, ())
    stappen = [
        f"{regel}: start {start}, de termijn loopt vanaf de dag erna (Awb 6:8)",
        f"{start} + {lengte.tekst()} = {ruw}",
        *(_stap_atw(v) for v in verschuivingen),
    ]
    if not toepassen:
        stappen.append(f"geen verschuiving door de Atw: {reden}")
    return Termijn(
        einde=einde,
        uitleg=Uitleg(
            termijn=naam,
            regel=regel,
            bron=lengte.bron,
            start=start,
            ruw_einde=ruw,
            atw_van_toepassing=toepassen,
            atw_reden=reden,
            verschuivingen=verschuivingen,
            einde=einde,
            beleid=beleid.versie,
            stappen=tuple(stappen),
        ),
    )


def _stap_atw(verschuiving: Verschuiving) -> str:
    return f"{verschuiving.artikel}: {verschuiving.van} ({verschuiving.reden}) → {verschuiving.naar}"


# --- before the decision ---------------------------------------------------------------------


def nareistermijn(aanvraag: m.Aanvraag, beleid: Beleid) -> NareistermijnUitkomst:
    """WI 2026/11 §2.2: 3 months after receipt of the permit (Atw), then 14 days' grace."""
    referent = aanvraag.referent
    if referent.status is m.ReferentStatus.SUBSIDIAIR:
        return NareistermijnUitkomst(
            einde=None,
            coulance_einde=None,
            oordeel=m.NareistermijnOordeel.NIET_VAN_TOEPASSING,
            uitleg=None,
        )
    vanaf_verlening = beleid.nareistermijn_start.waarde == "verleend"
    start = referent.vergunning_verleend_op if vanaf_verlening else referent.vergunning_ontvangen_op
    if start is None:
        # an application before the permit (WI 2026/11 §4.3): the term has not started, so it
        # cannot be late; ASIELVERGUNNING carries the premature filing
        return NareistermijnUitkomst(
            einde=None, coulance_einde=None, oordeel=m.NareistermijnOordeel.TIJDIG, uitleg=None
        )
    gebeurtenis = "verlening" if vanaf_verlening else "ontvangst"
    termijn = _termijn(
        "nareistermijn",
        f"3 maanden na {gebeurtenis} van de asielvergunning",
        start,
        beleid.termijnen.nareistermijn,
        beleid,
    )
    coulance = termijn.einde + timedelta(days=beleid.termijnen.coulance.lengte)
    if aanvraag.ontvangen_op <= termijn.einde:
        oordeel = m.NareistermijnOordeel.TIJDIG
    elif aanvraag.ontvangen_op <= coulance:
        oordeel = m.NareistermijnOordeel.COULANCE
    else:
        oordeel = m.NareistermijnOordeel.TE_LAAT
    uitleg = termijn.uitleg.model_copy(
        update={
            "stappen": (
                *termijn.uitleg.stappen,
                f"coulance (WI 2026/11 §2.2, vn. 11): {termijn.einde} + 14 dagen = {coulance}",
                f"aanvraag ontvangen op {aanvraag.ontvangen_op}: {oordeel.value}",
            )
        }
    )
    return NareistermijnUitkomst(einde=termijn.einde, coulance_einde=coulance, oordeel=oordeel, uitleg=uitleg)


def wachttermijn(aanvraag: m.Aanvraag, beleid: Beleid) -> Termijn | None:
    """WI 2026/11 §2.3: two years after the decision granting a subsidiary permit."""
    referent = aanvraag.referent
    if referent.status is not m.ReferentStatus.SUBSIDIAIR or referent.vergunning_verleend_op is None:
        return None
    return _termijn(
        "wachttermijn",
        "2 jaar na het besluit tot verlening van de asielvergunning",
        referent.vergunning_verleend_op,
        beleid.termijnen.wachttermijn,
        beleid,
    )


def oud_regime(aanvraag_ontvangen_op: date, beleid: Beleid) -> bool:
    """DOMAIN.md §3.3: the old 90-day term applies only to applications received before
    28 March 2025 whose old term had expired by then."""
    peildatum: date = beleid.beslistermijn_overgang.peildatum.waarde
    if aanvraag_ontvangen_op >= peildatum:
        return False
    oud = _termijn("beslistermijn", "", aanvraag_ontvangen_op, beleid.termijnen.beslistermijn_oud, beleid)
    return oud.einde < peildatum


def beslistermijn(
    start: date,
    *,
    aanvraag_ontvangen_op: date,
    opschortingen: Sequence[Opschorting],
    verlengd_op: date | None,
    peildatum: date,
    beleid: Beleid,
) -> Beslistermijn:
    """WI 2026/11 §1.2, §1.3: from receipt of the form; paused by every suspension in the
    ledger; extendable once. Atw only for the old, unextended 90-day term (art. 4)."""
    oud = oud_regime(aanvraag_ontvangen_op, beleid)
    lengte = beleid.termijnen.beslistermijn_oud if oud else beleid.termijnen.beslistermijn
    ruw = reken_einde(start, lengte)
    stappen = [
        f"beslistermijn ({'oude regeling, 90 dagen' if oud else '9 maanden'}): start {start} "
        "(ontvangst van het formulier), de termijn loopt vanaf de dag erna (Awb 6:8)",
        f"{start} + {lengte.tekst()} = {ruw}",
    ]
    verlenging = None
    einde_zonder = ruw
    if verlengd_op is not None:
        extra = beleid.termijnen.verlenging_oud if oud else beleid.termijnen.verlenging
        einde_zonder = reken_einde(ruw, extra)
        verlenging = VerlengingUitleg(duur=extra.tekst(), van=ruw, naar=einde_zonder, bron=extra.bron)
        stappen.append(f"eenmalig verlengd op {verlengd_op}: {ruw} + {extra.tekst()} = {einde_zonder}")
    grootboek = boek(list(opschortingen), einde_zonder, peildatum)
    for regel in grootboek.regels:
        tot = regel.tot or f"{peildatum} (loopt nog)"
        stappen.append(f"opgeschort ({regel.grond}, {regel.bron}): na {regel.van} t/m {tot}: {regel.dagen} dagen")
    einde = einde_zonder + timedelta(days=grootboek.dagen)
    if grootboek.dagen:
        stappen.append(f"{einde_zonder} + {grootboek.dagen} opgeschorte dagen = {einde}")
    uitzondering = "verlengde termijn (Atw art. 4)" if verlenging else atw.uitgezonderd(lengte)
    verschuivingen: tuple[Verschuiving, ...] = ()
    if uitzondering is None:
        einde, verschuivingen = atw.verschuif(start, einde, beleid)
        stappen += [_stap_atw(v) for v in verschuivingen]
    else:
        stappen.append(f"geen verschuiving door de Atw: {uitzondering}")
    return Beslistermijn(
        start=start,
        einde=einde,
        ruw_einde=ruw,
        opgeschorte_dagen=grootboek.dagen,
        opgeschort=grootboek.loopt,
        verlengd=verlenging is not None,
        verstreken=not grootboek.loopt and peildatum > einde,
        oud_regime=oud,
        uitleg=Uitleg(
            termijn="beslistermijn",
            regel=f"{lengte.tekst()} na ontvangst van het aanvraagformulier",
            bron=lengte.bron,
            start=start,
            ruw_einde=ruw,
            opschortingen=grootboek.regels,
            opgeschorte_dagen=grootboek.dagen,
            verlenging=verlenging,
            atw_van_toepassing=uitzondering is None,
            atw_reden=uitzondering or "wettelijke termijn van 90 dagen (Atw art. 1, 2)",
            verschuivingen=verschuivingen,
            einde=einde,
            beleid=beleid.versie,
            stappen=tuple(stappen),
        ),
    )


def hv_reactietermijn(verzonden_op: date, beleid: Beleid) -> Termijn:
    """WI 2026/11 §1.3: 4 weeks set by the IND (Awb 4:5): not a statutory term, no Atw."""
    return _termijn(
        "herstel_verzuim",
        "4 weken na verzending van de herstel verzuim-brief",
        verzonden_op,
        beleid.termijnen.herstel_verzuim,
        beleid,
    )


def formuliertermijn(verzonden_op: date, beleid: Beleid) -> Termijn:
    """WI 2026/11 §5.8: 4 weeks to send the completed form; no form → buiten behandeling."""
    return _termijn(
        "formulier",
        "4 weken na verzending van het verzoek om het formulier",
        verzonden_op,
        beleid.termijnen.formulier,
        beleid,
    )


# --- after the decision ------------------------------------------------------------------------


def mvv_ophaaltermijn(besluit_op: date, verlengd: bool, beleid: Beleid) -> Termijn:
    """Art. 2r(1) Vw; WI 2026/11 §5.3: 3 months (Atw); once + 3 months on the unshifted end,
    the extended term without Atw."""
    basis = _termijn(
        "mvv_ophalen",
        "3 maanden na de inwilliging",
        besluit_op,
        beleid.termijnen.mvv_ophalen,
        beleid,
    )
    if not verlengd:
        return basis
    extra = beleid.termijnen.mvv_verlenging
    ruw = basis.uitleg.ruw_einde
    einde = reken_einde(ruw, extra)
    return Termijn(
        einde=einde,
        uitleg=basis.uitleg.model_copy(
            update={
                "verlenging": VerlengingUitleg(duur=extra.tekst(), van=ruw, naar=einde, bron=extra.bron),
                "atw_van_toepassing": False,
                "atw_reden": "verlengde termijn van meer dan drie maanden (Atw art. 4)",
                "verschuivingen": (),
                "einde": einde,
                "stappen": (
                    basis.uitleg.stappen[0],
                    basis.uitleg.stappen[1],
                    f"eenmalig verlengd (post gesloten of geen post): {ruw} + {extra.tekst()} = {einde}",
                    "geen verschuiving door de Atw: verlengde termijn van meer dan drie maanden (Atw art. 4)",
                ),
            }
        ),
    )


def mvv_geldigheid(opgehaald_op: date, beleid: Beleid) -> Termijn:
    """Art. 2r(2) Vw: the mvv is valid 90 days; the day of collection is day 1."""
    lengte = beleid.termijnen.mvv_geldigheid
    tot = opgehaald_op + timedelta(days=lengte.lengte - 1)
    return Termijn(
        einde=tot,
        uitleg=Uitleg(
            termijn="mvv_geldigheid",
            regel=f"geldig {lengte.tekst()}, de dag van ophalen is dag 1",
            bron=lengte.bron,
            start=opgehaald_op,
            ruw_einde=tot,
            atw_van_toepassing=False,
            atw_reden="een geldigheidsduur, geen termijn voor een handeling",
            einde=tot,
            beleid=beleid.versie,
            stappen=(f"{opgehaald_op} + {lengte.lengte - 1} dagen = {tot}",),
        ),
    )


def bezwaartermijn(besluit_op: date, beleid: Beleid) -> Termijn:
    """Art. 69(1) Vw: 4 weeks after the decision (Atw applies)."""
    return _termijn(
        "bezwaar",
        "4 weken na de datum van het besluit",
        besluit_op,
        beleid.termijnen.bezwaar,
        beleid,
    )


def beslistermijn_bezwaar(bezwaartermijn_einde: date, beleid: Beleid) -> Termijn:
    """19 weeks from the day after the end of the objection term (DOMAIN.md §3.9)."""
    return _termijn(
        "beslissen_op_bezwaar",
        "19 weken na afloop van de bezwaartermijn",
        bezwaartermijn_einde,
        beleid.termijnen.beslissen_op_bezwaar,
        beleid,
    )


def ingebrekestelling(ontvangen_op: date, beleid: Beleid) -> Ingebrekestelling:
    """Awb 4:17(3), 6:12(2): two weeks after the notice of default; appeal from the day after."""
    termijn = _termijn(
        "ingebrekestelling",
        "2 weken na ontvangst van de ingebrekestelling",
        ontvangen_op,
        beleid.termijnen.ingebrekestelling,
        beleid,
    )
    return Ingebrekestelling(termijn=termijn, beroep_mogelijk_vanaf=termijn.einde + timedelta(days=1))


# --- the terms at receipt (the `termijnen` command) --------------------------------------------


def termijnen_bij_ontvangst(aanvraag: m.Aanvraag, beleid: Beleid) -> dict[str, dict[str, Any]]:
    """The terms the service computes for `aanvraag` on its receipt, shaped as in `status`."""
    uitkomst: dict[str, dict[str, Any]] = {}
    nt = nareistermijn(aanvraag, beleid)
    uitkomst["nareistermijn"] = m.NareistermijnStatus(
        einde=nt.einde, coulance_einde=nt.coulance_einde, oordeel=nt.oordeel, uitleg=nt.uitleg
    ).model_dump(mode="json")
    if aanvraag.vorm is m.Vorm.FORMULIER:
        bt = beslistermijn(
            aanvraag.ontvangen_op,
            aanvraag_ontvangen_op=aanvraag.ontvangen_op,
            opschortingen=[],
            verlengd_op=None,
            peildatum=aanvraag.ontvangen_op,
            beleid=beleid,
        )
        uitkomst["beslistermijn"] = m.BeslistermijnStatus(
            start=bt.start,
            einde=bt.einde,
            opgeschort=False,
            opgeschorte_dagen=0,
            verlengd=False,
            verstreken=False,
            uitleg=bt.uitleg,
        ).model_dump(mode="json")
    else:
        uitkomst["beslistermijn"] = m.BeslistermijnStatus(start=None, einde=None).model_dump(mode="json")
        ft = formuliertermijn(aanvraag.ontvangen_op, beleid)
        uitkomst["formulier"] = {
            "einde": ft.einde.isoformat(),
            "uitleg": ft.uitleg.model_dump(mode="json"),
        }
    wt = wachttermijn(aanvraag, beleid)
    if wt is not None:
        uitkomst["wachttermijn"] = {
            "einde": wt.einde.isoformat(),
            "uitleg": wt.uitleg.model_dump(mode="json"),
        }
    if nt.oordeel is m.NareistermijnOordeel.TE_LAAT and not aanvraag.toelichting_termijnoverschrijding:
        hv = hv_reactietermijn(aanvraag.ontvangen_op, beleid)
        uitkomst["herstel_verzuim"] = {
            "reden": "nareistermijn",
            "reactie_uiterlijk": hv.einde.isoformat(),
            "uitleg": hv.uitleg.model_dump(mode="json"),
        }
    for sleutel, waarde in uitkomst.items():
        if "uitleg" not in waarde:
            waarde["uitleg"] = None
        uitkomst[sleutel] = waarde
    return uitkomst
