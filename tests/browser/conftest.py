"""Browser tests: headless Chromium from Debian's packages (`chromium`, `chromium-driver`,
installed by `.ci/run` when missing) driven by Selenium, against the real dev stack
(`python -m worker dev`: Temporal dev server + UI, embedded PostgreSQL, worker, API) started
as a subprocess on free ports under a temporary data directory.

Screenshots land in `artefacts/browser/` (CI keeps them as test artefacts).
"""

from __future__ import annotations

import base64
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from worker.dev import stop_proces

ROOT = Path(__file__).resolve().parents[2]
ARTEFACTEN = ROOT / "artefacts" / "browser"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

TOKENS = {
    "intake": "tok-intake-proef",
    "behandelaar": "tok-behandelaar-proef",
    "lezer": "tok-lezer-proef",
    "teamleider": "tok-teamleider-proef",
}


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class DevStack:
    api: str  # http://127.0.0.1:<port>
    ui: str  # Temporal Web UI
    temporal: str  # gRPC host:port
    codec_key: str
    tokens: dict[str, str]
    data_dir: Path
    log: Path

    def kop(self, rol: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[rol]}"}


def _wacht_op(url: str, proces: subprocess.Popen[bytes], log: Path, seconden: float = 120) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if proces.poll() is not None:
            raise RuntimeError(f"de dev stack stopte (code {proces.returncode}):\n{log.read_text()[-4000:]}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url} kwam niet op binnen {seconden} s:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="session")
def dev_stack() -> Iterator[DevStack]:
    """`python -m worker dev` with a codec key and test tokens, on free ports."""
    data_dir = Path(tempfile.mkdtemp(prefix="nareis-dev-"))
    poorten = {"port": _vrije_poort(), "ui-port": _vrije_poort(), "api-port": _vrije_poort()}
    codec_key = "proef1:" + base64.b64encode(os.urandom(32)).decode()
    omgeving = {
        **os.environ,
        "NAREIS_DATA_DIR": str(data_dir),
        "NAREIS_CODEC_KEY": codec_key,
        "NAREIS_API_TOKENS": ",".join(f"{t}:{r}:proef-{r}" for r, t in TOKENS.items()),
        "NAREIS_TASK_QUEUE": "nareis",
    }
    omgeving.pop("NAREIS_DATABASE_URL", None)
    omgeving.pop("TEMPORAL_ADDRESS", None)
    log = data_dir / "dev.log"
    # --verbose: the tests read uvicorn's access log (which calls reached the codec server)
    argumenten = [sys.executable, "-m", "worker", "dev", "--verbose", *(f"--{k}={v}" for k, v in poorten.items())]
    with open(log, "wb") as uit:
        proces = subprocess.Popen(argumenten, cwd=ROOT, env=omgeving, stdout=uit, stderr=subprocess.STDOUT)
    try:
        api = f"http://127.0.0.1:{poorten['api-port']}"
        ui = f"http://127.0.0.1:{poorten['ui-port']}"
        _wacht_op(f"{api}/openapi.json", proces, log)
        _wacht_op(ui, proces, log)
        yield DevStack(api, ui, f"127.0.0.1:{poorten['port']}", codec_key, dict(TOKENS), data_dir, log)
    finally:
        stop_proces(proces, 30)
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """One headless Chromium for the session (Selenium + Debian's chromedriver; no downloads)."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail("chromium/chromium-driver ontbreken: apt-get install chromium chromium-driver (zie .ci/run)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opties = webdriver.ChromeOptions()
    opties.binary_location = CHROMIUM
    profiel = tempfile.mkdtemp(prefix="nareis-chromium-")
    for vlag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1366,900",
        "--lang=nl-NL",
        f"--user-data-dir={profiel}",
    ):
        opties.add_argument(vlag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opties)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profiel, ignore_errors=True)


@pytest.fixture
def schermafdruk(chromium: object, request: pytest.FixtureRequest):
    """`schermafdruk("stap")` saves a PNG as artefacts/browser/<test>-<nn>-<stap>.png."""
    ARTEFACTEN.mkdir(parents=True, exist_ok=True)
    teller = iter(range(1, 100))

    def maak(stap: str) -> Path:
        pad = ARTEFACTEN / f"{request.node.name}-{next(teller):02d}-{stap}.png"
        chromium.save_screenshot(str(pad))  # type: ignore[attr-defined]
        return pad

    return maak


#: the accessibility check (issue #17 "Done when"): axe-core, pinned in tests/browser/package.json
AXE_MAP = Path(__file__).resolve().parent
AXE_BRON = AXE_MAP / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_bron() -> str:
    """axe-core's script, installed from the project's own package.json and lock file with
    `npm ci` when missing (a fresh clone); npm comes from Debian (`apt-get install npm`, .ci/run)."""
    if not AXE_BRON.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm ontbreekt voor axe-core: apt-get install npm (zie .ci/run)")
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
            cwd=AXE_MAP,
            check=True,
            timeout=300,
        )
    return AXE_BRON.read_text(encoding="utf-8")
