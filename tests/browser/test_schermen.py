"""The caseworker screens in headless Chromium against the real dev stack: sign in, file a
case, find it in the werkvoorraad, send an HV letter and see the deadline pause with its
explanation, a refused decision that changes nothing, the answer, the decision and the
objection term; a reader sees no action forms and a forged POST of theirs is refused."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import httpx
import pytest
from selenium.common.exceptions import (
    JavascriptException,
    NoSuchElementException,
    StaleElementReferenceException,
    WebDriverException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from nareis.tijd import AMSTERDAM, datum_voluit
from tests.browser.conftest import DevStack
from tests.voorbeelden import aanvraag_data

WACHTTIJD = 60
#: the page may be replaced while a wait reads it (a redirect, a refresh): the wait reads it again
VERVANGEN = (StaleElementReferenceException, NoSuchElementException, JavascriptException)


def _tekst(driver) -> str:
    try:
        return driver.find_element(By.TAG_NAME, "body").text
    except WebDriverException as fout:
        # Chromium reports a body replaced by a refresh mid-read as an inspector error, not as stale
        if "does not belong to the document" in (fout.msg or ""):
            raise StaleElementReferenceException(fout.msg) from fout
        raise


def _geduldig(driver) -> WebDriverWait:
    """A wait that polls once a second and reads a replaced page again."""
    return WebDriverWait(driver, WACHTTIJD, poll_frequency=1, ignored_exceptions=VERVANGEN)


def _wacht_op_tekst(driver, tekst: str) -> None:
    wacht = WebDriverWait(driver, WACHTTIJD, ignored_exceptions=VERVANGEN)
    wacht.until(lambda d: tekst in _tekst(d), message=f"{tekst!r} verscheen niet")


def _http_status(driver) -> int:
    return int(driver.execute_script("return performance.getEntriesByType('navigation')[0].responseStatus"))


def _inloggen(driver, stack: DevStack, rol: str) -> None:
    driver.get(f"{stack.api}/")
    WebDriverWait(driver, WACHTTIJD).until(lambda d: d.current_url.endswith("/inloggen"))
    driver.find_element(By.ID, "token").send_keys(stack.tokens[rol])
    driver.find_element(By.CSS_SELECTOR, "form[action='/inloggen'] button").click()
    _wacht_op_tekst(driver, f"Ingelogd als proef-{rol}")


def _uitloggen(driver) -> None:
    driver.find_element(By.CSS_SELECTOR, "form[action='/uitloggen'] button").click()
    WebDriverWait(driver, WACHTTIJD).until(lambda d: d.current_url.endswith("/inloggen"))


FEITEN_VOLDAAN = {
    "identiteit_aannemelijk": True,
    "familierechtelijke_relatie_aannemelijk": True,
    "feitelijke_gezinsband": True,
    "antecedentenverklaring": True,
    "bestendig_verblijf": False,
    "huwelijk": "rechtsgeldig",
}


def _actie(driver, actie: str, **velden: str) -> None:
    """Open the action's form, fill `velden` (select or text by id) and submit."""
    blok = driver.find_element(By.ID, f"actie-{actie}")
    blok.find_element(By.TAG_NAME, "summary").click()
    for naam, waarde in velden.items():
        veld = blok.find_element(By.ID, f"{actie}-{naam}")
        if veld.tag_name == "select":
            Select(veld).select_by_value(waarde)
        else:
            veld.send_keys(waarde)
    blok.find_element(By.CSS_SELECTOR, "button[type=submit]").click()


def _vul_intake_in(driver, aanvraag: dict) -> None:
    """The intake form with `aanvraag` as its one family member."""
    velden = {
        "dossiernummer": aanvraag["dossiernummer"],
        "ontvangen_op": aanvraag["ontvangen_op"],
        "vorm": aanvraag["vorm"],
        **{f"referent.{k}": v for k, v in aanvraag["referent"].items() if v is not None},
        "lid0.aanvraagnummer": aanvraag["aanvraagnummer"],
        **{f"lid0.{k}": v for k, v in aanvraag["gezinslid"].items() if v is not None},
    }
    _vul_in(driver, velden)


def _vul_in(driver, velden: dict) -> None:
    """The intake form's fields (`naam` as posted, e.g. `lid1.naam`), filled in as a person does:
    typing, choosing, date fields by value."""
    for naam, waarde in velden.items():
        veld = driver.find_element(By.ID, "invoer-" + naam.replace(".", "-"))
        tekst = {True: "ja", False: "nee"}.get(waarde, waarde) if isinstance(waarde, bool) else str(waarde)
        if veld.tag_name == "select":
            Select(veld).select_by_value(tekst)
        elif veld.get_attribute("type") == "date":
            driver.execute_script("arguments[0].value = arguments[1]", veld, tekst)
        else:
            veld.send_keys(tekst)


def _in_beeld(driver, element) -> None:
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)


def _status(stack: DevStack, nummer: str) -> dict:
    antwoord = httpx.get(f"{stack.api}/aanvragen/{nummer}", headers=stack.kop("lezer"), timeout=30)
    assert antwoord.status_code == 200, antwoord.text
    return antwoord.json()


def _nieuwe_aanvraag() -> dict:
    nummer = f"NR-2026-{uuid.uuid4().int % 10**6:06d}-1"
    vandaag = datetime.now(AMSTERDAM).date()
    return aanvraag_data(vandaag, nummer=nummer, referent__vnummer=f"{uuid.uuid4().int % 10**10:010d}")


def test_behandeling_van_indienen_tot_bezwaartermijn(dev_stack: DevStack, chromium, schermafdruk) -> None:
    driver = chromium
    aanvraag = _nieuwe_aanvraag()
    nummer, dossier = aanvraag["aanvraagnummer"], aanvraag["dossiernummer"]

    # intake files the case through the form
    _inloggen(driver, dev_stack, "intake")
    schermafdruk("ingelogd-intake")
    driver.get(f"{dev_stack.api}/indienen")
    _vul_intake_in(driver, aanvraag)
    driver.find_element(By.ID, "indienen").click()
    _wacht_op_tekst(driver, f"Zaak {nummer}")
    _wacht_op_tekst(driver, "de aanvraag is ingediend")
    schermafdruk("ingediend")
    _uitloggen(driver)

    # the caseworker finds it in the team's queue: next term within 400 days, this dossier
    _inloggen(driver, dev_stack, "behandelaar")
    driver.get(f"{dev_stack.api}/werkvoorraad?weergave=team")
    driver.find_element(By.ID, "binnen").send_keys("400")
    driver.find_element(By.ID, "dossier").send_keys(dossier)
    driver.find_element(By.CSS_SELECTOR, "form.filters button").click()

    def gevonden(d) -> bool:  # visibility is eventually consistent
        if nummer in _tekst(d):
            return True
        d.refresh()
        return False

    _geduldig(driver).until(gevonden, message="zaak niet in de werkvoorraad")
    einde = _status(dev_stack, nummer)["beslistermijn"]["einde"]
    rij = driver.find_element(By.XPATH, f"//tr[th/a[text()='{nummer}']]").text
    assert datum_voluit(einde) in rij
    assert str((date.fromisoformat(einde) - datetime.now(AMSTERDAM).date()).days) in rij
    assert "binnen=400" in driver.current_url and "weergave=team" in driver.current_url
    schermafdruk("werkvoorraad")
    # a filter that excludes it: overdue only
    driver.get(f"{dev_stack.api}/werkvoorraad?weergave=team&dossier={dossier}&verlopen=ja")
    assert nummer not in _tekst(driver)

    # open the case and send an HV letter: the beslistermijn is paused, and says why
    driver.get(f"{dev_stack.api}/werkvoorraad?weergave=team&dossier={dossier}&binnen=400")
    driver.find_element(By.LINK_TEXT, nummer).click()
    _wacht_op_tekst(driver, "Beslistermijn")
    temporal = driver.find_element(By.LINK_TEXT, "Workflow in de Temporal UI").get_attribute("href")
    assert temporal.endswith(f":{dev_stack.ui.rsplit(':', 1)[1]}/namespaces/default/workflows/nareis-{nummer}")
    _actie(driver, "hv_versturen", reden="documenten", omschrijving="paspoort ontbreekt", ontbrekend="paspoort")
    _wacht_op_tekst(driver, "De termijn is opgeschort.")
    driver.find_element(By.CSS_SELECTOR, "#beslistermijn summary").click()
    uitleg = driver.find_element(By.CSS_SELECTOR, "#beslistermijn .uitleg").text
    assert "Opgeschort (herstel verzuim: documenten)" in uitleg
    assert "Awb 4:15" in uitleg
    assert "(loopt nog)" in uitleg
    _in_beeld(driver, driver.find_element(By.CSS_SELECTOR, "#beslistermijn .uitleg"))
    schermafdruk("hv-opgeschort")

    # the werkvoorraad finds it among the paused cases (search attributes kept current)
    driver.get(f"{dev_stack.api}/werkvoorraad?weergave=team&dossier={dossier}&opgeschort=ja")
    _geduldig(driver).until(gevonden, message="niet bij de opgeschorte zaken")
    assert "(opgeschort)" in driver.find_element(By.XPATH, f"//tr[th/a[text()='{nummer}']]").text
    driver.get(f"{dev_stack.api}/zaken/{nummer}")

    # deciding is not offered while the letter is open, nor a second HV on the same ground
    # (CONTRACT.md mogelijke_acties); an offered action in a form the case refuses shows why
    # next to its form and changes nothing: back to the team's queue while it is there
    assert not driver.find_elements(By.ID, "actie-besluiten")
    assert not driver.find_elements(By.ID, "actie-hv_versturen")
    voor = _status(dev_stack, nummer)
    _actie(driver, "toewijzen")
    _wacht_op_tekst(driver, "Er is een probleem")
    assert _http_status(driver) == 409
    # the error summary at the top has the focus and links to the field it names (GOV.UK pattern)
    samenvatting = driver.find_element(By.ID, "foutsamenvatting")
    assert driver.switch_to.active_element == samenvatting
    assert "Er is niets veranderd." in samenvatting.text
    link = samenvatting.find_element(By.TAG_NAME, "a")
    assert link.text.startswith("Behandelaar (leeg: terug naar de werkvoorraad van het team): de zaak is al toegewezen")
    schermafdruk("actie-geweigerd")
    link.click()
    invoer = driver.find_element(By.ID, "toewijzen-behandelaar")
    assert invoer.get_attribute("aria-describedby") == "fout-toewijzen-behandelaar"
    assert driver.execute_script("return location.hash") == "#toewijzen-behandelaar-label"
    assert _status(dev_stack, nummer) == voor

    # the answer arrives: the pause ends
    driver.get(f"{dev_stack.api}/zaken/{nummer}")
    _actie(driver, "hv_reactie_ontvangen")
    _wacht_op_tekst(driver, "Verwerkt: De reactie op de open hv-brief is ontvangen")
    assert "De termijn is opgeschort." not in _tekst(driver)
    assert "beantwoord op" in _tekst(driver)
    schermafdruk("hv-beantwoord")

    # the screening result and the findings come in (through the API, as other systems send
    # them): the guard lets a grant through once every other ground is met (DOMAIN.md §3.7)
    for naam, payload in (
        ("screening_uitslag", {"signalen": []}),
        ("feiten_vastleggen", {"feiten": FEITEN_VOLDAAN}),
    ):
        antwoord = httpx.post(
            f"{dev_stack.api}/aanvragen/{nummer}/{naam}", json=payload, headers=dev_stack.kop("behandelaar"), timeout=30
        )
        assert antwoord.status_code == 200, antwoord.text
    driver.get(f"{dev_stack.api}/zaken/{nummer}")
    # decide, motivating the one ground the caseworker weighs: the objection term appears
    _actie(
        driver, "besluiten", uitkomst="inwilliging", motivering="BESTENDIG_VERBLIJF: geen verblijf in een derde land"
    )
    # first the summary of what deciding does; nothing is sent until it is confirmed
    _wacht_op_tekst(driver, "Besluiten bevestigen")
    samenvatting = driver.find_element(By.CSS_SELECTOR, ".bevestiging").text
    assert "Begint: de ophaaltermijn van de mvv" in samenvatting
    assert "geen verblijf in een derde land" in samenvatting
    assert _status(dev_stack, nummer).get("besluit") is None
    schermafdruk("besluit-bevestigen")
    driver.find_element(By.ID, "bevestigen").click()
    _wacht_op_tekst(driver, "Bezwaar kan tot en met")
    status = _status(dev_stack, nummer)
    assert status["besluit"]["uitkomst"] == "inwilliging"
    bezwaar = driver.find_element(By.ID, "bezwaar").text
    assert datum_voluit(status["bezwaar"]["termijn_einde"]) in bezwaar
    assert "proef-behandelaar" in driver.find_element(By.ID, "tijdlijn").text
    _in_beeld(driver, driver.find_element(By.ID, "bezwaar"))
    schermafdruk("besloten-bezwaartermijn")
    _uitloggen(driver)


def test_lezer_ziet_geen_acties_en_vervalste_post_geweigerd(dev_stack: DevStack, chromium, schermafdruk) -> None:
    driver = chromium
    aanvraag = _nieuwe_aanvraag()
    nummer = aanvraag["aanvraagnummer"]
    # a second family member in the same dossier
    broer = {**aanvraag, "aanvraagnummer": nummer.removesuffix("-1") + "-2", "gezamenlijk_met": [nummer]}
    for data in (aanvraag, broer):
        antwoord = httpx.post(f"{dev_stack.api}/aanvragen", json=data, headers=dev_stack.kop("intake"), timeout=30)
        assert antwoord.status_code == 201, antwoord.text

    _inloggen(driver, dev_stack, "lezer")
    driver.get(f"{dev_stack.api}/zaken/{nummer}")
    _wacht_op_tekst(driver, "Beslistermijn")

    def gekoppeld(d) -> bool:  # visibility is eventually consistent
        if d.find_elements(By.CSS_SELECTOR, f"#dossier a[href='/zaken/{broer['aanvraagnummer']}']"):
            return True
        d.refresh()
        return False

    _geduldig(driver).until(gekoppeld, message="gekoppelde zaak ontbreekt")
    assert "Tijdlijn" in _tekst(driver)
    assert not driver.find_elements(By.CSS_SELECTOR, "form[action*='/acties/']")
    assert "Acties" not in [h.text for h in driver.find_elements(By.TAG_NAME, "h2")]
    schermafdruk("lezer-zonder-acties")

    voor = _status(dev_stack, nummer)
    # forged from the reader's own page, with their valid session and CSRF token
    status = driver.execute_async_script(
        """
        const klaar = arguments[arguments.length - 1];
        const csrf = document.querySelector("input[name=csrf]").value;
        fetch(arguments[0], {method: "POST", body: new URLSearchParams({csrf})}).then(r => klaar(r.status));
        """,
        f"/zaken/{nummer}/acties/intrekken",
    )
    assert status == 403
    assert _status(dev_stack, nummer) == voor
    _uitloggen(driver)


@pytest.fixture(autouse=True)
def _schone_sessie(chromium):
    chromium.delete_all_cookies()
    yield
