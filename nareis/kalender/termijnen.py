"""The legal terms of a nareisaanvraag (DOMAIN.md §3), each with its explanation.

Pure functions of dates and the policy in force (`nareis.beleid`): no clock, no I/O, so they
run inside the workflow sandbox, which recomputes them whenever a message changes an input.
Every result carries an `Uitleg` whose `stappen` a reader can check by hand against
DOMAIN.md §3.0: start (the term runs from the day after, Awb 6:8), raw end, suspensions,
extension, and which Atw article shifted the end from which date.

Conventions chosen here (and only here):
- nareistermijn without a permit date (filed before the permit was received): the term has not
  started, so the filing cannot be late: `tijdig`, `einde` None; the premature filing is the
  ASIELVERGUNNING ground's business (WI 2026/11 §2.1, §4.3);
- grace (coulance): the grace term counted from the *shifted* end of the nareistermijn;
- beslistermijn extension: added once to the raw (unshifted, unsuspended) end; the suspended
  days come on top; then the Atw where its flag applies (the extended term: not, art. 4);
- transitional rule (DOMAIN.md §3.3): the old 90-day term for an application received before
  28 March 2025 only when that term — with the suspensions and extension it had by then, and
  the Atw — had expired before 28 March 2025; otherwise 9 months from the start;
- mvv extension: 3 months on the unshifted end of the collection term, no Atw (WI 2026/11 §5.3).
The suspension ledger's conventions are in `nareis.kalender.opschorting`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict

from nareis import contract as m
from nareis.beleid import Beleid, Termijnlengte
from nareis.kalender import atw
from nareis.kalender.opschorting import Grootboek, Opschorting, boek
from nareis.kalender.rekenen import einde as reken_einde
from nareis.kalender.rekenen import maandeinde
from nareis.uitleg import Uitleg, VerlengingUitleg, Verschuiving


class _Uitkomst(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Termijn(_Uitkomst):
    """A computed term: its legal last day and how it came about."""

    einde: date
    uitleg: Uitleg


class NareistermijnUitkomst(_Uitkomst):
    einde: date | None
    coulance_einde: date | None
    oordeel: m.NareistermijnOordeel
    uitleg: Uitleg | None


class Ingebrekestelling(_Uitkomst):
    termijn: Termijn
    beroep_mogelijk_vanaf: date  # the day after the two-week term (DOMAIN.md §3.0)
    dwangsom: bool  # policy data: whether a penalty accrues from then (DOMAIN.md §3.3)


class Beslistermijn(_Uitkomst):
    start: date
    einde: date  # the legal end: raw end + extension + suspended days, then the Atw where it applies
    ruw_einde: date  # start + the term's length
    opgeschorte_dagen: int
    opgeschort: bool  # a suspension is running on the peildatum
    verlengd: bool
    verstreken: bool  # peildatum > einde and no suspension running
    oud_regime: bool  # the old 90-day term (transitional rule, DOMAIN.md §3.3)
    verlengd_op: date | None = None
    einde_zonder_verlenging: date  # the end as it stood before the extension (for `kan_opschorten`)
    uitleg: Uitleg

    def kan_opschorten(self, dag: date) -> bool:
        """Whether a suspension starting on `dag` counts: not when the term had already expired
        on `dag` (DOMAIN.md §3.3; WI 2026/11 §1.3). The ledger applies the same rule."""
        if self.opgeschort:
            return True
        grens = self.einde_zonder_verlenging if self.verlengd_op is not None and dag < self.verlengd_op else self.einde
        return dag <= grens


# --- helpers ---------------------------------------------------------------------------------------


def _start_stap(regel: str, start: date) -> str:
    return f"{regel}: start {start}; de termijn loopt vanaf de dag erna (Awb 6:8)"


def _stap_atw(verschuiving: Verschuiving) -> str:
    return f"{verschuiving.artikel}: {verschuiving.van} → {verschuiving.naar}: {verschuiving.reden}"


def _optelling(start: date, lengte: Termijnlengte, eind: date) -> str:
    """`start + lengte = eind`, with the month-end rule where it decided the day (HR 1-9-2017)."""
    regel = maandeinde(start, eind, lengte.eenheid)
    return f"{start} + {lengte.tekst()} = {eind}" + (f" ({regel})" if regel else "")


def _rekenregel(*delen: tuple[date, Termijnlengte, date | None]) -> str | None:
    """The month-end notes of the additions that make up a term (None when there are none)."""
    regels = [maandeinde(van, tot, lengte.eenheid) for van, lengte, tot in delen if tot is not None]
    tekst = "; ".join(r for r in regels if r)
    return tekst or None


def _atw_stappen(verschuivingen: Sequence[Verschuiving], toepassen: bool, reden: str, einde: date) -> list[str]:
    if not toepassen:
        return [f"geen verschuiving door de Atw: {reden}"]
    if not verschuivingen:
        return [f"Atw van toepassing ({reden}); {einde} is een werkdag: geen verschuiving"]
    return [_stap_atw(v) for v in verschuivingen]


def _termijn(naam: str, regel: str, start: date, lengte: Termijnlengte, beleid: Beleid) -> Termijn:
    """A term of `lengte` from `start`, its end shifted by the Atw where the policy flag says so."""
    ruw = reken_einde(start, lengte)
    toepassen, reden = atw.toepassing(lengte)
    einde, verschuivingen = atw.verschuif(start, ruw, beleid) if toepassen else (ruw, ())
    stappen = [
        _start_stap(regel, start),
        _optelling(start, lengte, ruw),
        *_atw_stappen(verschuivingen, toepassen, reden, einde),
    ]
    return Termijn(
        einde=einde,
        uitleg=Uitleg(
            termijn=naam,
            regel=regel,
            bron=lengte.bron,
            start=start,
            ruw_einde=ruw,
            rekenregel=_rekenregel((start, lengte, ruw)),
            atw_van_toepassing=toepassen,
            atw_reden=reden,
            verschuivingen=verschuivingen,
            einde=einde,
            beleid=beleid.versie,
            stappen=tuple(stappen),
        ),
    )


def _met_stappen(uitleg: Uitleg, *extra: str, **velden: Any) -> Uitleg:
    return uitleg.model_copy(update={"stappen": (*uitleg.stappen, *extra), **velden})


# --- before the decision ---------------------------------------------------------------------------


def nareistermijn(aanvraag: m.Aanvraag, beleid: Beleid) -> NareistermijnUitkomst:
    """WI 2026/11 §2.2: 3 months after receipt of the permit (art. 29c Vw, Atw), then two weeks' grace.

    Subsidiary referent: `niet_van_toepassing` (§2.2). No permit date yet: `tijdig` with no end
    (the term has not started; see the module docstring).
    """
    referent = aanvraag.referent
    if referent.status is m.ReferentStatus.SUBSIDIAIR:
        return NareistermijnUitkomst(
            einde=None, coulance_einde=None, oordeel=m.NareistermijnOordeel.NIET_VAN_TOEPASSING, uitleg=None
        )
    vanaf_verlening = beleid.nareistermijn_start.waarde == "verleend"
    start = referent.vergunning_verleend_op if vanaf_verlening else referent.vergunning_ontvangen_op
    if start is None:
        return NareistermijnUitkomst(
            einde=None, coulance_einde=None, oordeel=m.NareistermijnOordeel.TIJDIG, uitleg=None
        )
    gebeurtenis = "verlening" if vanaf_verlening else "ontvangst"
    lengte = beleid.termijnen.nareistermijn
    termijn = _termijn(
        "nareistermijn", f"{lengte.tekst()} na {gebeurtenis} van de asielvergunning", start, lengte, beleid
    )
    coulance = _termijn(
        "coulance", "coulance na het einde van de nareistermijn", termijn.einde, beleid.termijnen.coulance, beleid
    )
    ontvangen = aanvraag.ontvangen_op
    if ontvangen <= termijn.einde:
        oordeel = m.NareistermijnOordeel.TIJDIG
        waarom = f"niet na het einde van de nareistermijn ({termijn.einde})"
    elif ontvangen <= coulance.einde:
        oordeel = m.NareistermijnOordeel.COULANCE
        waarom = f"na {termijn.einde}, maar niet na het einde van de coulance ({coulance.einde})"
    else:
        oordeel = m.NareistermijnOordeel.TE_LAAT
        waarom = f"na het einde van de coulance ({coulance.einde})"
    indiening = "brief die de gezinsleden noemt (WI 2026/11 §1.1)" if aanvraag.vorm is m.Vorm.BRIEF else "formulier"
    uitleg = _met_stappen(
        termijn.uitleg,
        f"coulance ({coulance.uitleg.bron}): {termijn.einde} + {beleid.termijnen.coulance.tekst()} "
        f"= {coulance.uitleg.ruw_einde}",
        *(f"coulance: {stap}" for stap in coulance.uitleg.stappen[2:]),
        f"aanvraag ({indiening}) ontvangen op {ontvangen}: {waarom} → {oordeel.value}",
    )
    return NareistermijnUitkomst(einde=termijn.einde, coulance_einde=coulance.einde, oordeel=oordeel, uitleg=uitleg)


def wachttermijn(aanvraag: m.Aanvraag, beleid: Beleid) -> Termijn | None:
    """WI 2026/11 §2.3: two years after the decision granting a subsidiary permit (no Atw: years)."""
    referent = aanvraag.referent
    if referent.status is not m.ReferentStatus.SUBSIDIAIR or referent.vergunning_verleend_op is None:
        return None
    lengte = beleid.termijnen.wachttermijn
    return _termijn(
        "wachttermijn",
        f"{lengte.tekst()} na het besluit tot verlening van de asielvergunning",
        referent.vergunning_verleend_op,
        lengte,
        beleid,
    )


# --- the beslistermijn -----------------------------------------------------------------------------


class _Kern(BaseModel):
    model_config = ConfigDict(frozen=True)

    ruw: date
    verlengd_ruw: date | None
    grootboek: Grootboek
    basis: date  # (verlengd_)ruw + suspended days
    einde: date
    einde_zonder_verlenging: date
    verschuivingen: tuple[Verschuiving, ...]
    atw_toepassen: bool
    atw_reden: str


def _kern(
    start: date,
    lengte: Termijnlengte,
    extra: Termijnlengte,
    opschortingen: Sequence[Opschorting],
    verlengd_op: date | None,
    peildatum: date,
    beleid: Beleid,
) -> _Kern:
    ruw = reken_einde(start, lengte)
    verlengd_ruw = reken_einde(ruw, extra)  # the extension comes on the raw end
    atw_gewoon = atw.toepassing(lengte)
    atw_verlengd = atw.toepassing(extra, verlengd_van=lengte)

    def einde_bij(dagen: int, verlengd: bool) -> tuple[date, tuple[Verschuiving, ...], date]:
        basis = (verlengd_ruw if verlengd else ruw) + timedelta(days=dagen)
        toepassen = (atw_verlengd if verlengd else atw_gewoon)[0]
        einde, verschuivingen = atw.verschuif(start, basis, beleid) if toepassen else (basis, ())
        return einde, verschuivingen, basis

    def einde_toen(dagen: int, dag: date) -> date:
        return einde_bij(dagen, verlengd_op is not None and verlengd_op <= dag)[0]

    grootboek = boek(opschortingen, start=start, peildatum=peildatum, einde_op=einde_toen)
    verlengd = verlengd_op is not None
    einde, verschuivingen, basis = einde_bij(grootboek.dagen, verlengd)
    toepassen, reden = atw_verlengd if verlengd else atw_gewoon
    return _Kern(
        ruw=ruw,
        verlengd_ruw=verlengd_ruw if verlengd else None,
        grootboek=grootboek,
        basis=basis,
        einde=einde,
        einde_zonder_verlenging=einde_bij(grootboek.dagen, False)[0],
        verschuivingen=verschuivingen,
        atw_toepassen=toepassen,
        atw_reden=reden,
    )


def _regime(
    start: date,
    aanvraag_ontvangen_op: date,
    opschortingen: Sequence[Opschorting],
    verlengd_op: date | None,
    beleid: Beleid,
) -> tuple[bool, str]:
    """DOMAIN.md §3.3, WI 2026/11 §1.2: the old 90-day term or the new 9-month term, and why."""
    overgang: date = beleid.beslistermijn_overgang.peildatum.waarde
    bron = beleid.beslistermijn_overgang.peildatum.bron
    nieuw = beleid.termijnen.beslistermijn.tekst()
    if aanvraag_ontvangen_op >= overgang:
        return False, f"aanvraag ontvangen op {aanvraag_ontvangen_op}, op of na {overgang}: {nieuw} ({bron})"
    # the old term as it stood on the transition date: what was known by then
    tot_overgang = [
        o.model_copy(update={"tot": overgang if o.tot is None else min(o.tot, overgang)})
        for o in opschortingen
        if o.van < overgang
    ]
    oud = _kern(
        start,
        beleid.termijnen.beslistermijn_oud,
        beleid.termijnen.verlenging_oud,
        tot_overgang,
        verlengd_op if verlengd_op is not None and verlengd_op < overgang else None,
        overgang,
        beleid,
    )
    if oud.einde >= overgang:
        return False, (
            f"aanvraag ontvangen op {aanvraag_ontvangen_op}, vóór {overgang}, maar de oude termijn "
            f"({beleid.termijnen.beslistermijn_oud.tekst()}, einde {oud.einde}) was op {overgang} nog niet "
            f"verstreken: {nieuw} (overgangsrecht; {bron})"
        )
    return True, (
        f"aanvraag ontvangen op {aanvraag_ontvangen_op}, vóór {overgang}, en de oude termijn (einde "
        f"{oud.einde}) was op {overgang} al verstreken: oude regeling, "
        f"{beleid.termijnen.beslistermijn_oud.tekst()} ({beleid.termijnen.beslistermijn_oud.bron})"
    )


def beslistermijn(
    start: date,
    *,
    aanvraag_ontvangen_op: date,
    opschortingen: Sequence[Opschorting],
    verlengd_op: date | None,
    peildatum: date,
    beleid: Beleid,
) -> Beslistermijn:
    """WI 2026/11 §1.2, §1.3, §5.8: the beslistermijn on `peildatum`.

    `start`: receipt of the completed form (project convention, DOMAIN.md §3.3); the receipt
    date of the application (`aanvraag_ontvangen_op`) decides the regime. Every suspension in
    the ledger pauses it (Awb 4:15; `nareis.kalender.opschorting`); `verlengd_op`: the date of
    the one-time extension, if given. The Atw only where the term's flag says so (art. 4).
    """
    oud, regime_stap = _regime(start, aanvraag_ontvangen_op, opschortingen, verlengd_op, beleid)
    lengte = beleid.termijnen.beslistermijn_oud if oud else beleid.termijnen.beslistermijn
    extra = beleid.termijnen.verlenging_oud if oud else beleid.termijnen.verlenging
    kern = _kern(start, lengte, extra, opschortingen, verlengd_op, peildatum, beleid)
    grootboek = kern.grootboek
    regel = f"{lengte.tekst()} na ontvangst van het aanvraagformulier"
    stappen = [regime_stap, _start_stap(f"beslistermijn, {regel}", start), _optelling(start, lengte, kern.ruw)]
    overgang = beleid.beslistermijn_overgang
    if not oud and aanvraag_ontvangen_op >= overgang.geldig_tot.waarde:
        stappen.append(
            f"let op: de termijn van {lengte.tekst()} geldt tot {overgang.geldig_tot.waarde} "
            f"({overgang.geldig_tot.bron}); het beleid voor latere aanvragen staat nog niet in de beleidsdata"
        )
    verlenging = None
    if verlengd_op is not None and kern.verlengd_ruw is not None:
        verlenging = VerlengingUitleg(duur=extra.tekst(), van=kern.ruw, naar=kern.verlengd_ruw, bron=extra.bron)
        stappen.append(
            f"eenmalig verlengd op {verlengd_op} ({extra.bron}): {_optelling(kern.ruw, extra, kern.verlengd_ruw)}"
        )
    stappen += grootboek.stappen
    if grootboek.dagen:
        zonder = kern.verlengd_ruw or kern.ruw
        stappen.append(f"{zonder} + {grootboek.dagen} opgeschorte dagen = {kern.basis}")
    stappen += _atw_stappen(kern.verschuivingen, kern.atw_toepassen, kern.atw_reden, kern.einde)
    if grootboek.loopt:
        stappen.append(f"een opschorting loopt nog: geteld t/m {peildatum}; het einde schuift elke dag één dag op")
    return Beslistermijn(
        start=start,
        einde=kern.einde,
        ruw_einde=kern.ruw,
        opgeschorte_dagen=grootboek.dagen,
        opgeschort=grootboek.loopt,
        verlengd=verlengd_op is not None,
        verstreken=not grootboek.loopt and peildatum > kern.einde,
        oud_regime=oud,
        verlengd_op=verlengd_op,
        einde_zonder_verlenging=kern.einde_zonder_verlenging,
        uitleg=Uitleg(
            termijn="beslistermijn",
            regel=regel,
            bron=lengte.bron,
            start=start,
            ruw_einde=kern.ruw,
            rekenregel=_rekenregel((start, lengte, kern.ruw), (kern.ruw, extra, kern.verlengd_ruw)),
            opschortingen=grootboek.regels,
            opgeschorte_dagen=grootboek.dagen,
            verlenging=verlenging,
            atw_van_toepassing=kern.atw_toepassen,
            atw_reden=kern.atw_reden,
            verschuivingen=kern.verschuivingen,
            einde=kern.einde,
            beleid=beleid.versie,
            stappen=tuple(stappen),
        ),
    )


def hv_reactietermijn(verzonden_op: date, beleid: Beleid) -> Termijn:
    """WI 2026/11 §1.3: 4 weeks set by the IND (Awb 4:5, B1/3.3.2 Vc), not a statutory term: no Atw."""
    lengte = beleid.termijnen.herstel_verzuim
    return _termijn(
        "herstel_verzuim", f"{lengte.tekst()} na verzending van de herstel verzuim-brief", verzonden_op, lengte, beleid
    )


def formuliertermijn(verzonden_op: date, beleid: Beleid) -> Termijn:
    """WI 2026/11 §5.8: 4 weeks to send the completed form; no form → buiten behandeling."""
    lengte = beleid.termijnen.formulier
    return _termijn(
        "formulier", f"{lengte.tekst()} na verzending van het verzoek om het formulier", verzonden_op, lengte, beleid
    )


# --- after the decision -----------------------------------------------------------------------------


def mvv_ophaaltermijn(besluit_op: date, verlengd: bool, beleid: Beleid) -> Termijn:
    """Art. 2r(1) Vw; WI 2026/11 §5.3: 3 months after the grant (Atw); once + 3 months when the
    mission is closed or there is none (`post_gesloten`, `geen_post`), on the unshifted end."""
    lengte = beleid.termijnen.mvv_ophalen
    basis = _termijn("mvv_ophalen", f"{lengte.tekst()} na de inwilliging", besluit_op, lengte, beleid)
    if not verlengd:
        return basis
    extra = beleid.termijnen.mvv_verlenging
    return _eenmaal_verlengd(basis, besluit_op, lengte, extra, "eenmalig verlengd, post gesloten of geen post", beleid)


def _eenmaal_verlengd(
    basis: Termijn, start: date, lengte: Termijnlengte, extra: Termijnlengte, waarom: str, beleid: Beleid
) -> Termijn:
    """A term extended once by `extra` on its raw (unshifted) end; the Atw then applies as
    `atw.toepassing` decides for the extended length."""
    ruw = basis.uitleg.ruw_einde
    verlengd_ruw = reken_einde(ruw, extra)
    toepassen, reden = atw.toepassing(extra, verlengd_van=lengte)
    einde, verschuivingen = atw.verschuif(start, verlengd_ruw, beleid) if toepassen else (verlengd_ruw, ())
    return Termijn(
        einde=einde,
        uitleg=basis.uitleg.model_copy(
            update={
                "verlenging": VerlengingUitleg(duur=extra.tekst(), van=ruw, naar=verlengd_ruw, bron=extra.bron),
                "rekenregel": _rekenregel((basis.uitleg.start, lengte, ruw), (ruw, extra, verlengd_ruw)),
                "atw_van_toepassing": toepassen,
                "atw_reden": reden,
                "verschuivingen": verschuivingen,
                "einde": einde,
                "stappen": (
                    *basis.uitleg.stappen[:2],
                    f"{waarom} ({extra.bron}): {_optelling(ruw, extra, verlengd_ruw)}",
                    *_atw_stappen(verschuivingen, toepassen, reden, einde),
                ),
            }
        ),
    )


def mvv_geldigheid(opgehaald_op: date, beleid: Beleid) -> Termijn:
    """Art. 2r(2) Vw; WI 2026/11 §5.3: the mvv is valid 90 days, the day of collection is day 1
    (so the last day is collection + 89); it cannot be extended."""
    lengte = beleid.termijnen.mvv_geldigheid
    dag_1 = opgehaald_op - timedelta(days=1)  # counting from the day before makes the collection day day 1
    termijn = _termijn("mvv_geldigheid", f"geldig {lengte.tekst()}, de dag van ophalen is dag 1", dag_1, lengte, beleid)
    return Termijn(
        einde=termijn.einde,
        uitleg=termijn.uitleg.model_copy(
            update={
                "start": opgehaald_op,
                "stappen": (
                    f"mvv opgehaald op {opgehaald_op} (dag 1); geldig {lengte.tekst()}",
                    f"{opgehaald_op} + {lengte.lengte - 1} dagen = {termijn.uitleg.ruw_einde}",
                    *termijn.uitleg.stappen[2:],
                ),
            }
        ),
    )


def bezwaartermijn(besluit_op: date, beleid: Beleid) -> Termijn:
    """Art. 69(1) Vw: 4 weeks after the date of the decision (Atw applies)."""
    lengte = beleid.termijnen.bezwaar
    return _termijn("bezwaar", f"{lengte.tekst()} na de datum van het besluit", besluit_op, lengte, beleid)


def beslistermijn_bezwaar(
    bezwaartermijn_einde: date, beleid: Beleid, *, verdaagd: bool = False, te_laat_ontvangen: date | None = None
) -> Termijn:
    """DOMAIN.md §3.9: 19 weeks from the day after the end of the objection term, also when the
    objection came earlier (no Atw: more than twelve weeks). `verdaagd`: postponed once for
    third-party advice (Awb 7:10; policy value, unconfirmed), added on the raw end.
    `te_laat_ontvangen`: a late objection judged excusable (Awb 6:11) was received after the
    objection term ended; the term then counts from its receipt (project convention: Awb 7:10
    lid 1 presumes the objection came within the term)."""
    lengte = beleid.termijnen.beslissen_op_bezwaar
    regel = f"{lengte.tekst()} na afloop van de bezwaartermijn"
    start = bezwaartermijn_einde
    if te_laat_ontvangen is not None and te_laat_ontvangen > bezwaartermijn_einde:
        regel = (
            f"{lengte.tekst()} na ontvangst van het te late, verschoonbaar geoordeelde bezwaar (Awb 6:11; de "
            f"bezwaartermijn eindigde al op {bezwaartermijn_einde}; Awb 7:10 lid 1 naar analogie)"
        )
        start = te_laat_ontvangen
    termijn = _termijn("beslissen_op_bezwaar", regel, start, lengte, beleid)
    if not verdaagd:
        return termijn
    extra = beleid.termijnen.verdaging_bezwaar
    return _eenmaal_verlengd(termijn, start, lengte, extra, "verdaagd", beleid)


def ingebrekestelling(ontvangen_op: date, beleid: Beleid) -> Ingebrekestelling:
    """Awb 4:17(3), 6:12(2): two weeks after receipt of the notice of default (Atw applies);
    an appeal for failure to decide in time is possible from the day after (DOMAIN.md §3.0)."""
    lengte = beleid.termijnen.ingebrekestelling
    termijn = _termijn(
        "ingebrekestelling", f"{lengte.tekst()} na ontvangst van de ingebrekestelling", ontvangen_op, lengte, beleid
    )
    vanaf = termijn.einde + timedelta(days=1)
    dwangsom = bool(beleid.dwangsom.waarde)
    termijn = termijn.model_copy(
        update={
            "uitleg": _met_stappen(
                termijn.uitleg,
                f"beroep niet tijdig beslissen mogelijk vanaf de dag erna: {vanaf}"
                + (" (dwangsom verbeurt vanaf dan)" if dwangsom else ""),
            )
        }
    )
    return Ingebrekestelling(termijn=termijn, beroep_mogelijk_vanaf=vanaf, dwangsom=dwangsom)


# --- the terms at receipt (the `termijnen` command) ------------------------------------------------
