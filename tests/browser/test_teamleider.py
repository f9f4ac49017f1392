"""The team lead's day in Chromium (issue #17 items 1, 3, 8): find cases by name, assign two of
them at once from the werkvoorraad, see them in the caseworker's own view, and the dashboard
with its chart. Against the real dev stack; screenshots in artefacts/browser/."""

from __future__ import annotations

import uuid

import httpx
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import DevStack
from tests.browser.test_schermen import (
    WACHTTIJD,
    _geduldig,
    _in_beeld,
    _inloggen,
    _nieuwe_aanvraag,
    _tekst,
    _uitloggen,
    _wacht_op_tekst,
)


def _gevonden(nummers: list[str]):
    def kijk(driver) -> bool:  # visibility trails a change by a moment
        if all(nr in _tekst(driver) for nr in nummers):
            return True
        driver.refresh()
        return False

    return kijk


def test_bulk_toewijzen_en_dashboard(dev_stack: DevStack, chromium, schermafdruk) -> None:
    driver = chromium
    achternaam = "".join(chr(ord("a") + int(c, 16)) for c in uuid.uuid4().hex[:8])
    aanvragen = []
    for i in (1, 2):
        data = _nieuwe_aanvraag()
        data["gezinslid"]["naam"] = f"Amira {achternaam.capitalize()} {'ab'[i - 1]}"
        antwoord = httpx.post(f"{dev_stack.api}/aanvragen", json=data, headers=dev_stack.kop("intake"), timeout=60)
        assert antwoord.status_code == 201, antwoord.text
        aanvragen.append(data)
    nummers = [a["aanvraagnummer"] for a in aanvragen]

    # the team lead finds the first by its name (any case, other spacing), from the register
    _inloggen(driver, dev_stack, "teamleider")
    driver.get(f"{dev_stack.api}/werkvoorraad")
    zoek = driver.find_element(By.ID, "zoek")
    zoek.send_keys(f"amira   {achternaam.upper()} A")
    driver.find_element(By.CSS_SELECTOR, "form.zoeken button").click()
    WebDriverWait(driver, WACHTTIJD).until(lambda d: "zoek=" in d.current_url)  # the new page, not the old one
    _geduldig(driver).until(_gevonden(nummers[:1]), message="niet gevonden op naam")
    assert nummers[1] not in _tekst(driver)
    assert aanvragen[0]["gezinslid"]["naam"] in _tekst(driver)
    schermafdruk("zoeken-op-naam")

    # both in the team's queue; tick them and assign them to the caseworker at once
    driver.get(f"{dev_stack.api}/werkvoorraad?weergave=team")
    _geduldig(driver).until(_gevonden(nummers), message="niet in de wachtrij")
    for nr in nummers:
        driver.find_element(By.CSS_SELECTOR, f"input[name=zaak][value='{nr}']").click()
    driver.find_element(By.ID, "bulk-behandelaar").send_keys("proef-behandelaar")
    schermafdruk("bulk-aangevinkt")
    driver.find_element(By.CSS_SELECTOR, "form#bulk button").click()
    WebDriverWait(driver, WACHTTIJD).until(lambda d: d.current_url.endswith("/werkvoorraad/toewijzen"))
    _wacht_op_tekst(driver, "2 van 2 zaken toegewezen")
    for nr in nummers:
        assert driver.find_element(By.XPATH, f"//tr[th/a[text()='{nr}']]/td").text == "toegewezen"
    schermafdruk("bulk-toegewezen")

    # the dashboard: counts, the caseworker's cases, the chart (inline SVG, no script)
    driver.get(f"{dev_stack.api}/dashboard?bijwerken=ja")  # counted now, not the last half minute's
    _wacht_op_tekst(driver, "Per fase")

    def telt(d) -> bool:
        rijen = d.find_elements(By.XPATH, "//table[@id='behandelaars']//tr[th='proef-behandelaar']/td")
        if rijen and int(rijen[0].text) >= 2:
            return True
        d.refresh()
        return False

    _geduldig(driver).until(telt, message="niet bij de behandelaar geteld")
    assert driver.find_elements(By.CSS_SELECTOR, "svg.grafiek rect")
    assert len(driver.find_elements(By.CSS_SELECTOR, "svg.grafiek g.staaf")) == 12
    assert not driver.find_elements(By.TAG_NAME, "script")
    assert "lopende ingebrekestelling" in _tekst(driver)
    schermafdruk("dashboard")
    _in_beeld(driver, driver.find_element(By.CSS_SELECTOR, "svg.grafiek"))
    schermafdruk("dashboard-grafiek")
    _uitloggen(driver)

    # the caseworker starts on his own cases, which now hold both
    _inloggen(driver, dev_stack, "behandelaar")
    assert driver.current_url.endswith("/werkvoorraad")
    _geduldig(driver).until(_gevonden(nummers), message="niet bij mijn zaken")
    assert "Mijn zaken" in driver.find_element(By.CSS_SELECTOR, "[aria-current=page]").text
    assert not driver.find_elements(By.ID, "bulk")  # only a team lead assigns in bulk
    schermafdruk("mijn-zaken")
    _uitloggen(driver)
