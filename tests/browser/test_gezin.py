"""A family's whole way through the screens in Chromium (issue #17, "Done when"): intake files two
members in one form, the team lead assigns both at once, the caseworker sends an HV and records
facts, proposes a rejection, the team lead approves it (vier ogen), the decision letter comes as
a PDF, an objection is upheld with a new decision, and the dashboard counts the cases. Against
the real dev stack; each step's screenshot lands in artefacts/browser/ (gezin-*.png)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import httpx
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from nareis.tijd import AMSTERDAM
from tests.browser.conftest import DevStack
from tests.browser.test_schermen import (
    FEITEN_VOLDAAN,
    WACHTTIJD,
    _actie,
    _geduldig,
    _inloggen,
    _nieuwe_aanvraag,
    _status,
    _tekst,
    _uitloggen,
    _vul_in,
    _vul_intake_in,
    _wacht_op_tekst,
)


def _vink(driver, veld_id: str) -> None:
    driver.find_element(By.ID, veld_id).click()


def _bevestig(driver, kop: str) -> str:
    """The confirmation step: its summary, then confirmed."""
    WebDriverWait(driver, WACHTTIJD).until(lambda d: d.find_elements(By.ID, "bevestigen"), message="geen bevestiging")
    _wacht_op_tekst(driver, kop)
    samenvatting = driver.find_element(By.CSS_SELECTOR, ".bevestiging").text
    driver.find_element(By.ID, "bevestigen").click()
    return samenvatting


def _wacht_op_status(stack: DevStack, nummer: str, klaar) -> dict:
    uitkomst: dict = {}

    def kijk(_driver) -> bool:
        uitkomst.update(_status(stack, nummer))
        return bool(klaar(uitkomst))

    WebDriverWait(object(), WACHTTIJD, poll_frequency=0.5).until(kijk, message=f"{nummer}: status bleef uit")
    return uitkomst


def test_een_gezin_van_intake_tot_nieuw_besluit(dev_stack: DevStack, chromium, schermafdruk) -> None:
    driver = chromium
    aanvraag = _nieuwe_aanvraag()
    ouder_nr = aanvraag["aanvraagnummer"]
    kind_nr = ouder_nr[:-1] + "2"
    achternaam = "".join(chr(ord("a") + int(c, 16)) for c in uuid.uuid4().hex[:8]).capitalize()
    aanvraag["gezinslid"]["naam"] = f"Noor {achternaam}"
    kind = {
        "naam": f"Sami {achternaam}",
        "relatie": "kind",
        "geboortedatum": date(datetime.now(AMSTERDAM).year - 9, 3, 3).isoformat(),
        "verblijfsland": "TR",
        "vnummer": f"{uuid.uuid4().int % 10**10:010d}",
        "genoemd_in_asielprocedure": True,
    }

    # intake: one form, a second member added, the family filed in one go (/dossiers: all or none)
    _inloggen(driver, dev_stack, "intake")
    driver.get(f"{dev_stack.api}/indienen")
    _vul_intake_in(driver, aanvraag)
    driver.find_element(By.ID, "meer").click()
    WebDriverWait(driver, WACHTTIJD).until(lambda d: d.find_elements(By.ID, "gezinslid-2"))
    _vul_in(driver, {f"lid1.{k}": v for k, v in {"aanvraagnummer": kind_nr, **kind}.items() if v is not None})
    schermafdruk("gezin-intake")
    driver.find_element(By.ID, "indienen").click()
    _wacht_op_tekst(driver, f"Zaak {ouder_nr}")
    assert f"Sami {achternaam}" in _tekst(driver)  # the header names the dossier's other member
    schermafdruk("gezin-ingediend")
    _uitloggen(driver)

    # the team lead assigns both at once from the team's queue
    _inloggen(driver, dev_stack, "teamleider")
    driver.get(f"{dev_stack.api}/werkvoorraad?weergave=team&dossier={aanvraag['dossiernummer']}")

    def beide(d) -> bool:  # visibility trails a start by a moment
        if ouder_nr in _tekst(d) and kind_nr in _tekst(d):
            return True
        d.refresh()
        return False

    _geduldig(driver).until(beide, message="het gezin staat niet in de wachtrij")
    for nr in (ouder_nr, kind_nr):
        driver.find_element(By.CSS_SELECTOR, f"input[name=zaak][value='{nr}']").click()
    driver.find_element(By.ID, "bulk-behandelaar").send_keys("proef-behandelaar")
    driver.find_element(By.CSS_SELECTOR, "form#bulk button").click()
    _wacht_op_tekst(driver, "2 van 2 zaken toegewezen")
    schermafdruk("gezin-toegewezen")
    _uitloggen(driver)

    # the caseworker: an HV for the child's case, answered; the facts recorded in the form
    _inloggen(driver, dev_stack, "behandelaar")
    driver.get(f"{dev_stack.api}/zaken/{kind_nr}")
    _wacht_op_tekst(driver, "proef-behandelaar")
    _actie(driver, "hv_versturen", reden="documenten", omschrijving="geboorteakte ontbreekt", ontbrekend="geboorteakte")
    _wacht_op_tekst(driver, "De termijn is opgeschort.")
    _actie(driver, "hv_reactie_ontvangen")
    _wacht_op_tekst(driver, "Verwerkt: De reactie op de open hv-brief is ontvangen")
    _actie(driver, "feiten_vastleggen", **{"feiten-identiteit_aannemelijk": "nee"})
    _wacht_op_tekst(driver, "Verwerkt:")
    herkomst = driver.find_element(By.ID, "herkomst-feiten_vastleggen-feiten-identiteit_aannemelijk")
    assert "Nu: nee, vastgelegd door proef-behandelaar" in " ".join(herkomst.get_attribute("textContent").split())
    schermafdruk("gezin-feiten")

    # a rejection is a proposal under vier ogen: confirmed, it changes nothing yet
    blok = driver.find_element(By.ID, "actie-besluiten")
    blok.find_element(By.TAG_NAME, "summary").click()
    Select(driver.find_element(By.ID, "besluiten-uitkomst")).select_by_value("afwijzing")
    _vink(driver, "besluiten-gronden-IDENTITEIT")
    driver.find_element(By.ID, "besluiten-motivering").send_keys("IDENTITEIT: geen geboorteakte of ander stuk")
    blok.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    samenvatting = _bevestig(driver, "Besluit voorstellen (vier ogen) bevestigen")
    assert "Dit wordt een voorstel" in samenvatting
    status = _wacht_op_status(dev_stack, kind_nr, lambda s: s.get("voorstel"))
    assert status["voorstel"]["voorgesteld_door"] == "proef-behandelaar"
    assert status["besluit"]["voorgesteld"] is True and status["fase"] == "beoordeling"
    schermafdruk("gezin-voorstel")
    _uitloggen(driver)

    # the team lead approves it on /accorderen: the decision and its letter follow
    _inloggen(driver, dev_stack, "teamleider")
    driver.get(f"{dev_stack.api}/accorderen")
    _wacht_op_tekst(driver, kind_nr)
    Select(driver.find_element(By.ID, f"akkoord-{kind_nr}")).select_by_value("ja")
    schermafdruk("gezin-accorderen")
    driver.find_element(By.CSS_SELECTOR, f"#voorstel-{kind_nr} button[type=submit]").click()
    _bevestig(driver, "bevestigen")
    status = _wacht_op_status(dev_stack, kind_nr, lambda s: s.get("voorstel") is None)
    assert status["besluit"]["uitkomst"] == "afwijzing" and status["besluit"]["voorgesteld"] is False

    # the decision letter, listed on the case page, as a PDF
    driver.get(f"{dev_stack.api}/zaken/{kind_nr}")

    def beschikking(d) -> bool:  # the letter is stored by the step after the decision
        if d.find_elements(By.XPATH, "//section[@id='brieven']//a[contains(@href, '/pdf')]"):
            return True
        d.refresh()
        return False

    _geduldig(driver).until(beschikking, message="geen brief met PDF")
    koppeling = driver.find_elements(By.XPATH, "//section[@id='brieven']//a[contains(@href, '/pdf')]")[-1]
    cookies = {c["name"]: c["value"] for c in driver.get_cookies()}
    pdf = httpx.get(koppeling.get_attribute("href"), cookies=cookies, timeout=60)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    schermafdruk("gezin-brieven")
    _uitloggen(driver)

    # the objection, upheld with a new decision: a grant, now the facts bear it (DOMAIN.md §3.9)
    _inloggen(driver, dev_stack, "behandelaar")
    driver.get(f"{dev_stack.api}/zaken/{kind_nr}")
    _actie(driver, "bezwaar_ontvangen")
    _wacht_op_tekst(driver, "Verwerkt:")
    for naam, payload in (
        ("screening_uitslag", {"signalen": []}),
        ("feiten_vastleggen", {"feiten": FEITEN_VOLDAAN}),
    ):
        url = f"{dev_stack.api}/aanvragen/{kind_nr}/{naam}"
        antwoord = httpx.post(url, json=payload, headers=dev_stack.kop("behandelaar"), timeout=30)
        assert antwoord.status_code == 200, antwoord.text
    driver.get(f"{dev_stack.api}/zaken/{kind_nr}")
    blok = driver.find_element(By.ID, "actie-bezwaar_besluiten")
    blok.find_element(By.TAG_NAME, "summary").click()
    Select(driver.find_element(By.ID, "bezwaar_besluiten-uitkomst")).select_by_value("gegrond")
    Select(driver.find_element(By.ID, "bezwaar_besluiten-nieuw_besluit.uitkomst")).select_by_value("inwilliging")
    driver.find_element(By.ID, "bezwaar_besluiten-nieuw_besluit.motivering").send_keys(
        "BESTENDIG_VERBLIJF: geen verblijf in een derde land\nTOESTEMMINGSVERKLARING: de andere ouder is overleden"
    )
    blok.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    samenvatting = _bevestig(driver, "bevestigen")
    assert "inwilliging" in samenvatting
    status = _wacht_op_status(dev_stack, kind_nr, lambda s: (s.get("bezwaar") or {}).get("uitkomst"))
    assert status["bezwaar"]["uitkomst"] == "gegrond"
    assert status["besluit"]["uitkomst"] == "inwilliging"
    schermafdruk("gezin-nieuw-besluit")
    _uitloggen(driver)

    # the team lead's dashboard counts them
    _inloggen(driver, dev_stack, "teamleider")
    driver.get(f"{dev_stack.api}/dashboard")
    _wacht_op_tekst(driver, "Per fase")
    assert driver.find_elements(By.CSS_SELECTOR, "svg")
    schermafdruk("gezin-dashboard")
    _uitloggen(driver)
