"""Accessibility in headless Chromium (issue #17 "Done when"): axe-core finds no serious or
critical violation of WCAG 2.1 A/AA on the main pages — in every state a caseworker meets them:
with an error summary, a confirmation, a letter — and the screens work with the keyboard alone:
the skip link, signing in, opening an action, a refusal whose summary takes the focus and links
to its field, and an irreversible action confirmed."""

from __future__ import annotations

from typing import Any

import httpx
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import DevStack
from tests.browser.test_schermen import WACHTTIJD, _inloggen, _nieuwe_aanvraag, _uitloggen, _wacht_op_tekst

#: what axe reports that we do not accept
ERNSTIG = ("serious", "critical")
NORMEN = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def _axe(driver: WebDriver, axe_bron: str) -> list[dict[str, Any]]:
    """axe-core's violations on the current page (the script is handed to the page by WebDriver,
    which the pages' Content-Security-Policy does not govern)."""
    if not driver.execute_script("return typeof window.axe !== 'undefined'"):
        driver.execute_script(axe_bron)
    resultaat = driver.execute_async_script(
        """
        const klaar = arguments[arguments.length - 1];
        const fout = e => [{id: "axe-fout", impact: "critical", help: String(e), nodes: []}];
        axe.run(document, {runOnly: {type: "tag", values: arguments[0]}})
           .then(r => klaar(r.violations), e => klaar(fout(e)));
        """,
        NORMEN,
    )
    return list(resultaat)


def _geen_ernstige(driver: WebDriver, axe_bron: str, pagina: str) -> None:
    ernstig = [v for v in _axe(driver, axe_bron) if v.get("impact") in ERNSTIG]
    beschrijving = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n.get('target') for n in v.get('nodes', [])][:3]}" for v in ernstig
    ]
    assert not ernstig, f"{pagina}: {beschrijving}"


def _actief(driver: WebDriver) -> Any:
    return driver.switch_to.active_element


def _tab_tot(driver: WebDriver, past: Any, maximaal: int = 200) -> Any:
    """Press Tab until the focused element satisfies `past`; fail if it never does."""
    for _ in range(maximaal):
        _actief(driver).send_keys(Keys.TAB)
        element = _actief(driver)
        if past(element):
            return element
    raise AssertionError("met Tab niet bereikt")


def _zaak(stack: DevStack) -> str:
    data = _nieuwe_aanvraag()
    antwoord = httpx.post(f"{stack.api}/aanvragen", json=data, headers=stack.kop("intake"), timeout=30)
    assert antwoord.status_code == 201, antwoord.text
    return str(data["aanvraagnummer"])


def test_geen_ernstige_schendingen_op_de_hoofdpaginas(dev_stack: DevStack, chromium, axe_bron, schermafdruk) -> None:
    driver = chromium
    nummer = _zaak(dev_stack)
    driver.get(f"{dev_stack.api}/inloggen")
    _geen_ernstige(driver, axe_bron, "inloggen")

    _inloggen(driver, dev_stack, "intake")
    driver.get(f"{dev_stack.api}/indienen")
    _geen_ernstige(driver, axe_bron, "indienen")
    driver.find_element(By.ID, "indienen").click()
    _wacht_op_tekst(driver, "Er is een probleem")
    _geen_ernstige(driver, axe_bron, "indienen met fouten")
    _uitloggen(driver)

    _inloggen(driver, dev_stack, "behandelaar")
    _geen_ernstige(driver, axe_bron, "werkvoorraad")
    driver.get(f"{dev_stack.api}/zaken/{nummer}")
    _wacht_op_tekst(driver, "Beslistermijn")
    for details in driver.find_elements(By.CSS_SELECTOR, "details"):
        driver.execute_script("arguments[0].open = true", details)  # every form and explanation
    _geen_ernstige(driver, axe_bron, "zaak")
    driver.get(f"{dev_stack.api}/zaken/{nummer}")
    blok = driver.find_element(By.ID, "actie-toewijzen")
    blok.find_element(By.TAG_NAME, "summary").click()
    blok.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    _wacht_op_tekst(driver, "Er is een probleem")
    _geen_ernstige(driver, axe_bron, "zaak met foutsamenvatting")
    driver.get(f"{dev_stack.api}/zaken/{nummer}")
    blok = driver.find_element(By.ID, "actie-intrekken")
    blok.find_element(By.TAG_NAME, "summary").click()
    blok.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    _wacht_op_tekst(driver, "Intrekken bevestigen")
    _geen_ernstige(driver, axe_bron, "bevestigen")

    def brief_er(d) -> bool:  # the receipt reaches the register just after the start
        if d.find_elements(By.CSS_SELECTOR, "#brieven a[href*='/brieven/']"):
            return True
        d.refresh()
        return False

    driver.get(f"{dev_stack.api}/zaken/{nummer}")
    WebDriverWait(driver, WACHTTIJD, poll_frequency=1).until(brief_er, message="geen brief op de zaakpagina")
    driver.find_element(By.CSS_SELECTOR, "#brieven th a").click()
    _wacht_op_tekst(driver, "Download als PDF")
    _geen_ernstige(driver, axe_bron, "brief")
    _uitloggen(driver)

    _inloggen(driver, dev_stack, "teamleider")
    for pad in ("/dashboard", "/accorderen"):
        driver.get(f"{dev_stack.api}{pad}")
        _geen_ernstige(driver, axe_bron, pad)
    _uitloggen(driver)


def test_alleen_met_het_toetsenbord(dev_stack: DevStack, chromium, schermafdruk) -> None:
    driver = chromium
    nummer = _zaak(dev_stack)

    # the skip link comes first and moves the focus to the content
    driver.get(f"{dev_stack.api}/inloggen")
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    overslaan = _actief(driver)
    assert overslaan.text == "Naar de inhoud"
    overslaan.send_keys(Keys.ENTER)
    assert _actief(driver).get_attribute("id") == "inhoud"

    # signing in: Tab to the token, type it, Enter
    token = _tab_tot(driver, lambda e: e.get_attribute("id") == "token")
    token.send_keys(dev_stack.tokens["behandelaar"], Keys.ENTER)
    _wacht_op_tekst(driver, "Ingelogd als proef-behandelaar")

    # a refused action: the summary takes the focus; its link leads to the field
    driver.get(f"{dev_stack.api}/zaken/{nummer}")
    samenvatting = _tab_tot(driver, lambda e: e.get_attribute("id") == "actie-toewijzen-kop")
    samenvatting.send_keys(Keys.ENTER)
    assert driver.find_element(By.ID, "actie-toewijzen").get_attribute("open") is not None
    knop = _tab_tot(driver, lambda e: e.tag_name == "button" and e.get_attribute("value") == "toewijzen")
    knop.send_keys(Keys.ENTER)
    _wacht_op_tekst(driver, "Er is een probleem")
    assert _actief(driver).get_attribute("id") == "foutsamenvatting"
    schermafdruk("toetsenbord-foutsamenvatting")
    link = _tab_tot(driver, lambda e: e.tag_name == "a", maximaal=1)
    assert link.get_attribute("href").endswith("#toewijzen-behandelaar-label")
    link.send_keys(Keys.ENTER)
    assert driver.execute_script("return location.hash") == "#toewijzen-behandelaar-label"
    veld = _tab_tot(driver, lambda e: e.get_attribute("id") == "toewijzen-behandelaar", maximaal=1)
    assert veld.get_attribute("aria-invalid") == "true"

    # an irreversible action, confirmed, all by keyboard
    driver.get(f"{dev_stack.api}/zaken/{nummer}")
    _tab_tot(driver, lambda e: e.get_attribute("id") == "actie-intrekken-kop").send_keys(Keys.ENTER)
    _tab_tot(driver, lambda e: e.tag_name == "button" and e.get_attribute("value") == "intrekken").send_keys(Keys.ENTER)
    _wacht_op_tekst(driver, "Intrekken bevestigen")
    _tab_tot(driver, lambda e: e.get_attribute("id") == "bevestigen").send_keys(Keys.ENTER)
    _wacht_op_tekst(driver, "Verwerkt: De referent trekt de aanvraag in")
    assert driver.find_element(By.ID, "fase").text == "afgerond"
    _uitloggen(driver)
