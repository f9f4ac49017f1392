"""DOMAIN.md §3.9, Awb 6:11 on the time-skipping server: after the objection term lapsed (the case
still open, waiting for the mvv), a late objection is recorded only with the caseworker's judgement;
excusable (motivated) it is decided on, not excusable it can only be niet-ontvankelijk."""

from __future__ import annotations

from datetime import date, timedelta

from tests.workflows.hulp import actie, beslis, naar_dag
from tests.workflows.test_levensloop import nieuwe_zaak, weiger


async def _termijn_verstreken(werker, tijdreis, task_queue):
    handle, _, _ = await nieuwe_zaak(werker, tijdreis, task_queue)
    await actie(handle, "screening_uitslag", signalen=[])
    toestand = await beslis(handle, uitkomst="inwilliging", gronden=[], afwijkingsreden="proef")
    laatste_dag = date.fromisoformat(toestand["bezwaar"]["termijn_einde"])
    te_laat = laatste_dag + timedelta(days=1)  # the lapse is processed at the start of this day
    await naar_dag(tijdreis, te_laat)
    return handle, laatste_dag, te_laat


async def test_awb_6_11_te_laat_en_verschoonbaar(werker, tijdreis, task_queue) -> None:
    handle, laatste_dag, te_laat = await _termijn_verstreken(werker, tijdreis, task_queue)
    await weiger(handle, "bezwaar_ontvangen", f"de bezwaartermijn eindigde op {laatste_dag}")
    await weiger(handle, "bezwaar_ontvangen", "motiveer", verschoonbaar=True)
    toestand = await actie(
        handle, "bezwaar_ontvangen", verschoonbaar=True, verschoonbaar_motivering="post kwam niet aan"
    )
    bezwaar = toestand["bezwaar"]
    assert toestand["fase"] == "bezwaar"
    assert (bezwaar["te_laat"], bezwaar["verschoonbaar"]) == (True, True)
    assert bezwaar["verschoonbaar_motivering"] == "post kwam niet aan"
    # 19 weeks from the receipt (the day after the objection term's last day); no Atw over 12 weeks
    assert bezwaar["beslissen_uiterlijk"] == (te_laat + timedelta(weeks=19)).isoformat()
    assert "te late, verschoonbaar" in bezwaar["beslissen_uitleg"]["regel"]
    assert "bezwaartermijn_verstreken" in [r["gebeurtenis"] for r in toestand["tijdlijn"]]


async def test_awb_6_11_te_laat_en_niet_verschoonbaar(werker, tijdreis, task_queue) -> None:
    handle, _, _ = await _termijn_verstreken(werker, tijdreis, task_queue)
    toestand = await actie(handle, "bezwaar_ontvangen", verschoonbaar=False)
    assert (toestand["bezwaar"]["te_laat"], toestand["bezwaar"]["verschoonbaar"]) == (True, False)
    await weiger(handle, "bezwaar_besluiten", "niet-ontvankelijk (Awb 6:11)", uitkomst="ongegrond")
    toestand = await actie(handle, "bezwaar_besluiten", uitkomst="niet_ontvankelijk")
    assert toestand["bezwaar"]["uitkomst"] == "niet_ontvankelijk"
    assert toestand["fase"] == "mvv_afgifte"  # the grant stands; the mvv term still runs
