"""How `python -m worker zaak` shows a case: its terms with their explanation, the advice and
the timeline, as rich tables a caseworker reads in a terminal."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text


def _ja(waarde: Any) -> str:
    return "ja" if waarde else "nee"


def uitleg_regels(uitleg: dict[str, Any] | None, stappen: bool = False) -> list[str]:
    """An `Uitleg` (nareis/uitleg.py) in lines: rule, start, raw end, suspensions,
    extension, the Atw and its shifts, source and policy; with `stappen` the derivation
    step by step as well."""
    if not uitleg:
        return []
    regels = [
        f"regel: {uitleg['regel']}",
        f"start: {uitleg['start']} (de termijn loopt vanaf de dag erna, Awb 6:8)",
        f"ruw einde: {uitleg['ruw_einde']}",
    ]
    if uitleg.get("rekenregel"):
        regels.append(f"einde van de maand: {uitleg['rekenregel']}")
    for o in uitleg.get("opschortingen") or []:
        tot = o["tot"] or "loopt nog"
        regels.append(f"opgeschort: {o['grond']} {o['van']} t/m {tot}, +{o['dagen']} dagen ({o['bron']})")
    if uitleg.get("opgeschorte_dagen"):
        regels.append(f"opgeschorte dagen totaal: {uitleg['opgeschorte_dagen']}")
    if verlenging := uitleg.get("verlenging"):
        regels.append(
            f"verlengd met {verlenging['duur']}: {verlenging['van']} → {verlenging['naar']} ({verlenging['bron']})"
        )
    if not uitleg.get("atw_van_toepassing"):
        regels.append(f"Atw niet van toepassing: {uitleg.get('atw_reden') or '-'}")
    elif uitleg.get("verschuivingen"):
        for v in uitleg["verschuivingen"]:
            regels.append(f"{v['artikel']} verschuift {v['van']} → {v['naar']}: {v['reden']}")
    else:
        regels.append("Atw van toepassing: geen verschuiving nodig")
    regels.append(f"einde: {uitleg['einde']}")
    regels.append(f"bron: {uitleg['bron']}; beleid {uitleg['beleid']}")
    if stappen and uitleg.get("stappen"):
        regels += ["stappen:", *(f"  {i}. {stap}" for i, stap in enumerate(uitleg["stappen"], start=1))]
    return regels


def _toestand(velden: Iterable[tuple[str, Any]]) -> str:
    return "\n".join(f"{naam}: {waarde}" for naam, waarde in velden if waarde not in (None, "", [], False))


def _termijnen(status: dict[str, Any], stappen: bool) -> Table:
    tabel = Table(title="Termijnen", show_lines=True, title_justify="left")
    tabel.add_column("termijn", max_width=22)
    tabel.add_column("einde", no_wrap=True)
    tabel.add_column("stand", max_width=28)
    tabel.add_column("uitleg", overflow="fold")

    def rij(naam: str, einde: Any, stand: str, uitleg: dict[str, Any] | None) -> None:
        tabel.add_row(naam, str(einde or "—"), stand, "\n".join(uitleg_regels(uitleg, stappen)) or "—")

    nt = status["nareistermijn"]
    rij(
        "nareistermijn",
        nt["einde"],
        _toestand(
            [
                ("oordeel", nt["oordeel"]),
                ("coulance tot", nt.get("coulance_einde")),
                ("veiliggesteld", _ja(status.get("nareistermijn_veiliggesteld"))),
            ]
        ),
        nt.get("uitleg"),
    )
    bt = status["beslistermijn"]
    rij(
        "beslistermijn",
        bt["einde"],
        _toestand(
            [
                ("start", bt.get("start") or "nog niet (wacht op het formulier)"),
                ("opgeschort", bt.get("opgeschort") and "ja"),
                ("opgeschorte dagen", bt.get("opgeschorte_dagen") or None),
                ("verlengd", bt.get("verlengd") and "ja"),
                ("verstreken", bt.get("verstreken") and "ja"),
            ]
        ),
        bt.get("uitleg"),
    )
    for hv in status.get("herstel_verzuim") or []:
        rij(
            f"herstel verzuim ({hv['reden']})",
            hv["reactie_uiterlijk"],
            _toestand(
                [
                    ("verzonden", hv["verzonden_op"]),
                    ("beantwoord", hv.get("beantwoord_op")),
                    ("ontbrekend", ", ".join(hv.get("ontbrekend") or [])),
                    ("verlopen", hv.get("verlopen") and "ja"),
                ]
            ),
            hv.get("uitleg"),
        )
    if mvv := status.get("mvv"):
        rij(
            "mvv ophalen",
            mvv["ophalen_uiterlijk"],
            _toestand(
                [
                    ("verlengd", mvv.get("verlengd") and "ja"),
                    ("opgehaald", mvv.get("opgehaald_op")),
                    ("geldig tot", mvv.get("geldig_tot")),
                    ("verlopen", mvv.get("verlopen") and "ja"),
                ]
            ),
            mvv.get("uitleg"),
        )
        if mvv.get("geldig_tot"):
            rij("mvv geldig", mvv["geldig_tot"], "art. 2r lid 2 Vw", mvv.get("geldig_uitleg"))
    if bezwaar := status.get("bezwaar"):
        rij(
            "bezwaartermijn",
            bezwaar["termijn_einde"],
            _toestand(
                [
                    ("ontvangen", bezwaar.get("ontvangen_op")),
                    ("te laat", bezwaar.get("te_laat") and "ja"),  # Awb 6:11
                    ("verschoonbaar", None if bezwaar.get("verschoonbaar") is None else _ja(bezwaar["verschoonbaar"])),
                    ("waarom verschoonbaar", bezwaar.get("verschoonbaar_motivering")),
                    ("beslissen uiterlijk", bezwaar.get("beslissen_uiterlijk")),
                    ("uitkomst", bezwaar.get("uitkomst")),
                ]
            ),
            bezwaar.get("uitleg"),
        )
        if bezwaar.get("beslissen_uiterlijk"):
            rij(
                "beslissing op bezwaar",
                bezwaar["beslissen_uiterlijk"],
                _toestand([("verstreken", bezwaar.get("beslistermijn_verstreken") and "ja")]),
                bezwaar.get("beslissen_uitleg"),
            )
    igs_lijst = status.get("ingebrekestellingen") or (
        [status["ingebrekestelling"]] if status.get("ingebrekestelling") else []
    )
    for ib in igs_lijst:
        rij(
            f"ingebrekestelling ({(ib.get('tegen') or 'beslistermijn').replace('_', ' ')})",
            ib["termijn_einde"],
            _toestand([("ontvangen", ib["ontvangen_op"]), ("beroep mogelijk vanaf", ib["beroep_mogelijk_vanaf"])]),
            ib.get("uitleg"),
        )
    return tabel


def _advies(status: dict[str, Any]) -> Table:
    tabel = Table(title="Advies (WI 2026/11 §4.1)", title_justify="left")
    for kolom in ("grond", "oordeel", "bron", "reden"):
        tabel.add_column(kolom, overflow="fold")
    kleur = {"voldaan": "green", "niet_voldaan": "red", "beoordelen": "yellow"}
    for regel in status.get("advies") or []:
        oordeel = Text(regel["oordeel"], style=kleur.get(regel["oordeel"], ""))
        tabel.add_row(regel["grond"], oordeel, regel["bron"], regel.get("reden") or "")
    return tabel


def _tijdlijn(status: dict[str, Any]) -> Table:
    tabel = Table(title="Tijdlijn", title_justify="left")
    for kolom in ("op", "gebeurtenis", "door", "toelichting"):
        tabel.add_column(kolom, overflow="fold")
    for regel in status.get("tijdlijn") or []:
        tabel.add_row(str(regel["op"]), regel["gebeurtenis"], regel.get("door") or "", regel.get("toelichting") or "")
    return tabel


def _kop(status: dict[str, Any]) -> Text:
    regels = [f"Aanvraag {status['aanvraagnummer']} — fase {status.get('fase') or 'onbekend'}"]
    for label, sleutel in (("dossier", "dossiernummer"), ("beleid", "beleid"), ("volgende actie", "volgende_actie")):
        if status.get(sleutel):
            regels.append(f"  {label}: {status[sleutel]}")
    if voorstel := status.get("voorstel"):
        # DOMAIN.md §3.7 vier ogen: a proposal, not yet a decision
        gronden = ", ".join(voorstel.get("gronden") or [])
        regels.append(
            f"  voorgesteld besluit (vier ogen): {voorstel['uitkomst']}"
            + (f" ({gronden})" if gronden else "")
            + f", door {voorstel.get('voorgesteld_door') or 'onbekend'} op {voorstel['voorgesteld_op']};"
            + f" accorderen: {' of '.join(voorstel.get('accorderen_door') or [])}"
        )
        for grond, tekst in (voorstel.get("motivering") or {}).items():
            regels.append(f"    motivering {grond}: {tekst}")
        regels += [f"    bij accorderen: {gevolg}" for gevolg in voorstel.get("bij_accorderen") or []]
    elif besluit := status.get("besluit"):
        gronden = ", ".join(besluit.get("gronden") or [])
        regels.append(f"  besluit: {besluit['uitkomst']} op {besluit['op']}" + (f" ({gronden})" if gronden else ""))
    vlaggen = [
        naam.replace("_", " ")
        for naam in ("ambtshalve_8evrm", "evenredigheidstoets", "verplicht_gehoor", "melding_handhaving")
        if status.get(naam)
    ]
    if vlaggen:
        regels.append(f"  let op: {', '.join(vlaggen)}")
    return Text("\n".join(regels), style="bold")


def status_weergave(status: dict[str, Any], stappen: bool = False) -> RenderableType:
    """The whole case; a placeholder status (just started, no worker yet) shows its note."""
    if "beslistermijn" not in status:
        return Text(f"Aanvraag {status.get('aanvraagnummer')}: {status.get('melding', 'geen status')}")
    return Group(_kop(status), _termijnen(status, stappen), _advies(status), _tijdlijn(status))


def wijziging_tekst(w: dict[str, Any]) -> str:
    """`veld: oud → nieuw` where a known value changed, else `veld: nieuw`."""
    nieuw = json.dumps(w.get("nieuw"), ensure_ascii=False)
    if w.get("oud") is not None and w.get("gewijzigd", True):
        return f"{w['veld']}: {json.dumps(w['oud'], ensure_ascii=False)} → {nieuw}"
    return f"{w['veld']}: {nieuw}"


def details_weergave(details: dict[str, Any]) -> RenderableType:
    """The `details` query: the facts with who recorded them when, and the timeline's changes."""
    feiten = Table(title="Feiten", title_justify="left")
    for kolom in ("feit", "waarde", "door", "op", "actie"):
        feiten.add_column(kolom, overflow="fold")
    for f in details.get("feiten") or []:
        actie = f["actie"] + (f" (#{f['volgnummer']})" if f.get("volgnummer") else "")
        feiten.add_row(f["feit"], json.dumps(f["waarde"], ensure_ascii=False), f.get("door") or "", f["op"], actie)
    tijdlijn = Table(title="Tijdlijn", title_justify="left")
    for kolom in ("#", "op", "gebeurtenis", "door", "wijzigingen", "toelichting"):
        tijdlijn.add_column(kolom, overflow="fold")
    for r in details.get("tijdlijn") or []:
        wijzigingen = "\n".join(wijziging_tekst(w) for w in r.get("wijzigingen") or [])
        wie, toelichting = r.get("door") or "", r.get("toelichting") or ""
        tijdlijn.add_row(str(r["volgnummer"]), r["op"], r["gebeurtenis"], wie, wijzigingen, toelichting)
    return Group(feiten, tijdlijn)


def bewaking_weergave(zaken: list[dict[str, Any]], zoekopdracht: str) -> RenderableType:
    tabel = Table(
        title=f"Termijnbewaking: {len(zaken)} zaak/zaken",
        caption=f"zoekopdracht: {zoekopdracht}",
        title_justify="left",
    )
    for kolom in ("aanvraagnummer", "fase", "beslistermijn einde", "dagen", "opgeschort", "referent", "relatie"):
        tabel.add_column(kolom, no_wrap=kolom != "aanvraagnummer")
    for zaak in zaken:
        dagen = zaak["dagen_over"]
        tabel.add_row(
            zaak["aanvraagnummer"],
            zaak["fase"] or "",
            zaak["beslistermijn_einde"] or "—",
            Text(str(dagen), style="red" if dagen is not None and dagen < 0 else "") if dagen is not None else "—",
            _ja(zaak["opgeschort"]),
            zaak["referent"] or "",
            zaak["relatie"] or "",
        )
    return tabel
