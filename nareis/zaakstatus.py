"""What a case shows: the contract's `status`, and the summary the Temporal UI shows.

Everything here is derived from the `Zaak` and "today"; nothing is stored twice.
"""

from __future__ import annotations

from datetime import date
from typing import Any, overload

from nareis import contract as m
from nareis import termijnoverzicht
from nareis.kalender import termijnen as t
from nareis.mogelijke_acties import mogelijke_acties
from nareis.tijd import datum_voluit
from nareis.zaak import HerstelVerzuim, Ingebrekestelling, Weigering, Zaak


def status(zaak: Zaak, vandaag: date) -> m.Status:
    with zaak.alleen_lezen():
        return _status(zaak, vandaag)


def _status(zaak: Zaak, vandaag: date) -> m.Status:
    advies = zaak.advies(vandaag)
    termijnen = termijnoverzicht.termijnen(zaak, vandaag)
    return m.Status(
        aanvraagnummer=zaak.aanvraag.aanvraagnummer,
        dossiernummer=zaak.aanvraag.dossiernummer,
        fase=zaak.fase(),
        nareistermijn=_nareistermijn(zaak),
        nareistermijn_veiliggesteld=veiliggesteld(zaak),
        beslistermijn=_beslistermijn(zaak, vandaag),
        herstel_verzuim=[_hv(zaak, hv) for hv in zaak.herstel_verzuim],
        advies=list(advies.regels),
        ambtshalve_8evrm=advies.ambtshalve_8evrm,
        evenredigheidstoets=advies.evenredigheidstoets,
        verplicht_gehoor=advies.verplicht_gehoor,
        melding_handhaving=advies.melding_handhaving,
        besluit=zaak.besluit or _voorgesteld_besluit(zaak),
        besluiten=[*zaak.herroepen_besluiten, *([zaak.besluit] if zaak.besluit is not None else [])],
        mvv=_mvv(zaak),
        bezwaar=_bezwaar(zaak),
        ingebrekestelling=_igs(zaak, zaak.ingebrekestelling),
        ingebrekestellingen=[_igs(zaak, igs) for igs in zaak.alle_ingebrekestellingen()],
        tijdlijn=[
            m.TijdlijnRegel(op=g.op, gebeurtenis=g.gebeurtenis, door=g.door, toelichting=g.toelichting)
            for g in zaak.tijdlijn
        ],
        tijdlijn_alleen_in_register=zaak.vergeten_gebeurtenissen,
        beleid=zaak.beleid,
        opschortingen=[m.OpschortingStatus(grond=o.grond.value, van=o.van, tot=o.tot) for o in zaak.opschortingen],
        volgende_actie=volgende_actie(zaak, vandaag),
        mogelijke_acties=mogelijke_acties(zaak, vandaag),
        aanvraag=zaak.aanvraag,
        termijnen=termijnen,
        volgende_termijn=termijnoverzicht.volgende_termijn(termijnen),
        behandelaar=zaak.behandelaar,
        voorstel=_voorstel(zaak, vandaag),
    )


def _voorgesteld_besluit(zaak: Zaak) -> m.BesluitStatus | None:
    """CONTRACT.md [2026-12]: `besluit` shows a proposal with `voorgesteld: true` (not in force)."""
    voorstel = zaak.voorstel
    if voorstel is None:
        return None
    return m.BesluitStatus(
        uitkomst=voorstel.uitkomst,
        op=voorstel.op,
        gronden=list(voorstel.gronden),
        afwijkingsreden=voorstel.afwijkingsreden,
        motivering=dict(voorstel.motivering),
        voorgesteld=True,
    )


def _voorstel(zaak: Zaak, vandaag: date) -> m.VoorstelStatus | None:
    voorstel = zaak.voorstel
    if voorstel is None:
        return None
    return m.VoorstelStatus(
        uitkomst=voorstel.uitkomst,
        gronden=list(voorstel.gronden),
        motivering=dict(voorstel.motivering),
        voorgesteld_op=voorstel.op,
        voorgesteld_door=voorstel.door,
        accorderen_door=list(zaak.normen.vier_ogen.rollen.waarde),
        bij_accorderen=bij_accorderen(zaak, voorstel.uitkomst, vandaag),
    )


def bij_accorderen(zaak: Zaak, uitkomst: m.BesluitUitkomst, op: date) -> list[str]:
    """DOMAIN.md §3.7: what approving the proposal on `op` starts and stops (dated that day)."""
    gevolgen = []
    termijn = zaak.beslistermijn(op)
    if termijn is not None:
        gevolgen.append(f"de beslistermijn (tot en met {datum_voluit(termijn.einde)}) stopt: er is beslist")
    bezwaar = t.bezwaartermijn(op, zaak.normen)
    gevolgen.append(f"de bezwaartermijn start: {bezwaar.uitleg.regel}, tot en met {datum_voluit(bezwaar.einde)}")
    if uitkomst is m.BesluitUitkomst.INWILLIGING:
        mvv = t.mvv_ophaaltermijn(op, False, zaak.normen)
        gevolgen.append(f"de ophaaltermijn van de mvv start: tot en met {datum_voluit(mvv.einde)}")
    return gevolgen


def termijnen_bij_ontvangst(aanvraag: m.Aanvraag) -> dict[str, Any]:
    """The terms of `aanvraag` on its day of receipt, JSON-ready, exactly as its case shows them
    (`python -m worker termijnen`): the case is opened as the workflow opens it (`Zaak.open`,
    with the HV letters the rules send at receipt), so there is no second copy of those rules.

    Keys: `nareistermijn`, `beslistermijn`, `herstel_verzuim` as in `status`, and `wachttermijn`
    for a subsidiary referent (with `verstreken`: received after its end, WI 2026/11 §2.3).
    """
    ontvangen = aanvraag.ontvangen_op
    zaak, _ = Zaak.open(aanvraag, ontvangen)
    toestand = status(zaak, ontvangen).model_dump(mode="json")
    uitkomst = {soort: toestand[soort] for soort in ("nareistermijn", "beslistermijn", "herstel_verzuim")}
    wachttermijn = t.wachttermijn(aanvraag, zaak.normen)
    if wachttermijn is not None:
        uitkomst["wachttermijn"] = {
            "einde": wachttermijn.einde.isoformat(),
            "verstreken": ontvangen > wachttermijn.einde,
            "uitleg": wachttermijn.uitleg.model_dump(mode="json"),
        }
    return uitkomst


def veiliggesteld(zaak: Zaak) -> bool:
    """WI 2026/11 §2.2: filed in time (or excusably late) secures the term; withdrawal does not."""
    if zaak.besluit is not None and zaak.besluit.uitkomst is m.BesluitUitkomst.INGETROKKEN:
        return False
    oordeel = zaak.nareistermijn().oordeel
    if oordeel in (m.NareistermijnOordeel.TIJDIG, m.NareistermijnOordeel.COULANCE):
        return True
    return oordeel is m.NareistermijnOordeel.TE_LAAT and zaak.verschoonbaar is True


def _nareistermijn(zaak: Zaak) -> m.NareistermijnStatus:
    uitkomst = zaak.nareistermijn()
    return m.NareistermijnStatus(
        einde=uitkomst.einde,
        coulance_einde=uitkomst.coulance_einde,
        oordeel=uitkomst.oordeel,
        uitleg=uitkomst.uitleg,
    )


def _beslistermijn(zaak: Zaak, vandaag: date) -> m.BeslistermijnStatus:
    termijn = zaak.beslistermijn(vandaag)
    if termijn is None:
        return m.BeslistermijnStatus(start=None, einde=None)
    beslist = zaak.besluit is not None
    return m.BeslistermijnStatus(
        start=termijn.start,
        einde=termijn.einde,
        opgeschort=termijn.opgeschort and not beslist,
        opgeschorte_dagen=termijn.opgeschorte_dagen,
        verlengd=termijn.verlengd,
        verstreken=termijn.verstreken and not beslist,
        uitleg=termijn.uitleg,
    )


def _hv(zaak: Zaak, hv: HerstelVerzuim) -> m.HerstelVerzuimStatus:
    termijn = zaak.hv_termijn(hv)
    return m.HerstelVerzuimStatus(
        reden=hv.reden,
        verzonden_op=hv.verzonden_op,
        reactie_uiterlijk=termijn.einde,
        beantwoord_op=hv.beantwoord_op,
        ontbrekend=list(hv.ontbrekend),
        verlopen=hv.verlopen,
        uitleg=termijn.uitleg,
        omschrijving=hv.omschrijving,
    )


def _mvv(zaak: Zaak) -> m.MvvStatus | None:
    if zaak.mvv is None:
        return None
    termijn = zaak.mvv_ophaaltermijn()
    from nareis.kalender import termijnen as t

    opgehaald = zaak.mvv.opgehaald_op
    geldig = None if opgehaald is None else t.mvv_geldigheid(opgehaald, zaak.normen)
    return m.MvvStatus(
        ophalen_uiterlijk=termijn.einde,
        verlengd=zaak.mvv.verlengd_reden is not None,
        opgehaald_op=opgehaald,
        geldig_tot=None if geldig is None else geldig.einde,
        verlopen=zaak.mvv.verlopen,
        uitleg=termijn.uitleg,
        geldig_uitleg=None if geldig is None else geldig.uitleg,
    )


def _bezwaar(zaak: Zaak) -> m.BezwaarStatus | None:
    if zaak.bezwaar is None:
        return None
    termijn = zaak.bezwaartermijn()
    ontvangen = zaak.bezwaar.ontvangen_op
    beslissen = None if ontvangen is None else zaak.beslistermijn_bezwaar()
    return m.BezwaarStatus(
        termijn_einde=termijn.einde,
        ontvangen_op=ontvangen,
        beslissen_uiterlijk=None if beslissen is None else beslissen.einde,
        uitkomst=zaak.bezwaar.uitkomst,
        uitleg=termijn.uitleg,
        beslistermijn_verstreken=zaak.bezwaar.beslistermijn_verstreken,
        beslissen_uitleg=None if beslissen is None else beslissen.uitleg,
        te_laat=zaak.bezwaar.te_laat,
        verschoonbaar=zaak.bezwaar.verschoonbaar,
        verschoonbaar_motivering=zaak.bezwaar.verschoonbaar_motivering,
    )


@overload
def _igs(zaak: Zaak, igs: Ingebrekestelling) -> m.IngebrekestellingStatus: ...
@overload
def _igs(zaak: Zaak, igs: None) -> None: ...
def _igs(zaak: Zaak, igs: Ingebrekestelling | None) -> m.IngebrekestellingStatus | None:
    if igs is None:
        return None
    termijn = zaak.igs_termijn(igs)
    return m.IngebrekestellingStatus(
        ontvangen_op=igs.ontvangen_op,
        termijn_einde=termijn.termijn.einde,
        beroep_mogelijk_vanaf=termijn.beroep_mogelijk_vanaf,
        uitleg=termijn.termijn.uitleg,
        tegen=igs.tegen,
    )


def volgende_actie(zaak: Zaak, vandaag: date) -> str | None:
    """What the case waits for next, in a caseworker's words."""
    if zaak.afgerond:
        return None
    fase = zaak.fase()
    if fase is m.Fase.HERSTEL_VERZUIM:
        hv = zaak.open_hv()[0]
        wat = "het formulier" if hv.reden == "formulier" else "de reactie op de herstel verzuim-brief"
        return f"wachten op {wat} (uiterlijk {datum_voluit(zaak.hv_termijn(hv).einde)})"
    if fase is m.Fase.NADER_ONDERZOEK:
        return "uitslag van het " + ", ".join(o.soort.value for o in zaak.lopend_onderzoek()) + "-onderzoek vastleggen"
    if fase is m.Fase.MVV_AFGIFTE and zaak.mvv is not None:
        return f"mvv ophalen (uiterlijk {datum_voluit(zaak.mvv_ophaaltermijn().einde)})"
    if fase is m.Fase.BEZWAAR and zaak.bezwaar is not None:
        if zaak.bezwaar.beslistermijn_verstreken:
            einde = datum_voluit(zaak.beslistermijn_bezwaar().einde)
            return f"beslissen op bezwaar: de beslistermijn is verstreken op {einde} (Awb 7:10)"
        if zaak.bezwaar.te_laat and zaak.bezwaar.verschoonbaar is False:
            einde = datum_voluit(zaak.beslistermijn_bezwaar().einde)
            return f"het te late bezwaar niet-ontvankelijk verklaren (niet verschoonbaar, Awb 6:11; uiterlijk {einde})"
        if zaak.bezwaar.ontvangen_op is not None:
            return f"beslissen op bezwaar (uiterlijk {datum_voluit(zaak.beslistermijn_bezwaar().einde)})"
        return f"bezwaartermijn loopt (tot en met {datum_voluit(zaak.bezwaartermijn().einde)})"
    if zaak.voorstel is not None:
        voorstel = zaak.voorstel
        return (
            f"besluit accorderen ({zaak.normen.vier_ogen.rollen_tekst}, niet {voorstel.door or 'de voorsteller'}): "
            f"{voorstel.uitkomst.value} voorgesteld op {datum_voluit(voorstel.op)} (vier ogen)"
        )
    if zaak.verschoonbaar is None and zaak.nareistermijn().oordeel is m.NareistermijnOordeel.TE_LAAT:
        return "verschoonbaarheid van de termijnoverschrijding beoordelen"
    termijn = zaak.beslistermijn(vandaag)
    tot = "" if termijn is None else f" (beslistermijn tot en met {datum_voluit(termijn.einde)})"
    return _volgende_beslisstap(zaak, vandaag) + tot


def _volgende_beslisstap(zaak: Zaak, vandaag: date) -> str:
    """DOMAIN.md §3.7: the next step never proposes a decision the guard would refuse."""
    if zaak.screening is None:
        return "screeningsuitslag afwachten en vastleggen"
    advies = zaak.advies(vandaag)
    niet_voldaan = [r.grond.value for r in advies.regels if r.oordeel is m.Oordeel.NIET_VOLDAAN]
    open_ = [r.grond.value for r in advies.regels if r.oordeel is m.Oordeel.BEOORDELEN]
    onoverkomelijk = zaak.onoverkomelijke_signalen()
    if niet_voldaan:
        stap = f"beslissen: afwijzen op {', '.join(niet_voldaan)}"
        if not onoverkomelijk:
            stap += " (inwilligen alleen met een motivering per grond die niet is voldaan of open staat)"
        return stap
    if open_:
        return f"beoordelen: {', '.join(open_)} (feiten vastleggen, of bij het besluit per grond motiveren)"
    if onoverkomelijk:
        signalen = ", ".join(s.value for s in onoverkomelijk)
        return f"beslissen: inwilligen kan niet (signaal {signalen}, WI 2026/11 §2.9); leg de conclusie vast"
    try:
        zaak.toets_besluit("inwilliging", [], {}, None, vandaag)
    except Weigering:
        return "beslissen: inwilligen met een motivering van OPENBARE_ORDE (WI 2026/8)"
    return "beslissen: inwilligen (aan alle voorwaarden is voldaan)"


def samenvatting(zaak: Zaak) -> str:
    """The static summary the Temporal UI shows in its list (no personal data)."""
    aanvraag = zaak.aanvraag
    return (
        f"Nareis {aanvraag.aanvraagnummer}: {aanvraag.gezinslid.relatie.value} van "
        f"{aanvraag.referent.status.value} referent, ontvangen {aanvraag.ontvangen_op}"
    )


def details_markdown(toestand: m.Status) -> str:
    """The current details the Temporal UI shows for a case (workflow user metadata)."""
    regels = [
        f"### Nareisaanvraag {toestand.aanvraagnummer}",
        f"**Fase:** {toestand.fase.value}  ",
        f"**Volgende actie:** {toestand.volgende_actie or '—'}  ",
        "",
        "| termijn | einde | toelichting |",
        "|---|---|---|",
    ]
    nt = toestand.nareistermijn
    regels.append(
        f"| nareistermijn | {nt.einde or '—'} | {nt.oordeel.value}"
        + (f"; coulance t/m {nt.coulance_einde}" if nt.coulance_einde else "")
        + " |"
    )
    bt = toestand.beslistermijn
    if bt.einde is not None:
        kenmerken = [f"start {bt.start}"]
        if bt.opgeschort:
            kenmerken.append("**opgeschort**")
        if bt.opgeschorte_dagen:
            kenmerken.append(f"{bt.opgeschorte_dagen} dagen opgeschort")
        if bt.verlengd:
            kenmerken.append("verlengd")
        if bt.verstreken:
            kenmerken.append("**verstreken**")
        regels.append(f"| beslistermijn | {bt.einde} | {', '.join(kenmerken)} |")
        if bt.uitleg is not None:
            regels.append(f"| | | {bt.uitleg.regel} ({bt.uitleg.bron}) |")
    for hv in toestand.herstel_verzuim:
        staat = "beantwoord " + str(hv.beantwoord_op) if hv.beantwoord_op else ("verlopen" if hv.verlopen else "loopt")
        regels.append(f"| herstel verzuim ({hv.reden}) | {hv.reactie_uiterlijk} | {staat} |")
    if toestand.mvv is not None:
        regels.append(
            f"| mvv ophalen | {toestand.mvv.ophalen_uiterlijk} | opgehaald: {toestand.mvv.opgehaald_op or 'nee'} |"
        )
    if toestand.bezwaar is not None:
        regels.append(
            f"| bezwaartermijn | {toestand.bezwaar.termijn_einde} "
            f"| ontvangen: {toestand.bezwaar.ontvangen_op or 'nee'} |"
        )
    if toestand.ingebrekestelling is not None:
        igs = toestand.ingebrekestelling
        regels.append(
            f"| ingebrekestelling | {igs.termijn_einde} | beroep mogelijk vanaf {igs.beroep_mogelijk_vanaf} |"
        )
    if toestand.besluit is not None:
        wat = "Voorgesteld besluit (vier ogen)" if toestand.besluit.voorgesteld else "Besluit"
        regels += ["", f"**{wat}:** {toestand.besluit.uitkomst.value} op {toestand.besluit.op}"]
    vlaggen = [
        naam
        for naam, aan in (
            ("ambtshalve toets 8 EVRM", toestand.ambtshalve_8evrm),
            ("evenredigheidstoets", toestand.evenredigheidstoets),
            ("verplicht gehoor", toestand.verplicht_gehoor),
            ("melding Handhaving", toestand.melding_handhaving),
        )
        if aan
    ]
    if vlaggen:
        regels += ["", "**Let op:** " + ", ".join(vlaggen)]
    return "\n".join(regels)
