"""A newcomer's first hour (issue #19 "Done when", issue #15 item 15): `python -m worker dev` on
non-default ports under a fresh working directory, and every CLI command from another shell
with nothing exported; a restart keeps tokens and sessions; a second stack on busy ports or the
same data directory starts nothing."""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from worker.binaries import temporal_cli
from worker.dev import stop_proces

ROOT = Path(__file__).resolve().parents[2]
#: what a newcomer's shell does not have: the stack must be found without them
ONGEZET = ("TEMPORAL_ADDRESS", "TEMPORAL_NAMESPACE", "NAREIS_TASK_QUEUE", "NAREIS_DATABASE_URL", "NAREIS_DATA_DIR")
ONGEZET += ("NAREIS_API_TOKENS", "NAREIS_SESSIE_SLEUTEL", "NAREIS_CODEC_KEY", "NAREIS_METRICS_PORT")
ONGEZET += ("NAREIS_REGISTER_KEY",)


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def schone_omgeving() -> dict[str, str]:
    omgeving = {k: v for k, v in os.environ.items() if k not in ONGEZET and not k.startswith("OTEL_")}
    omgeving["PYTHONPATH"] = str(ROOT)  # this checkout's packages, from any working directory
    return omgeving


@dataclass
class Stapel:
    map: Path  # the newcomer's working directory; the data directory is its ./.nareis
    poorten: dict[str, int] = field(default_factory=dict)
    proces: subprocess.Popen[bytes] | None = None
    uitvoer: str = ""

    @property
    def api(self) -> str:
        return f"http://127.0.0.1:{self.poorten['api-port']}"

    def start(self, *extra: str) -> str:
        """Start `worker dev`; returns what it printed up to and including the banner."""
        log = self.map / "dev.log"
        argumenten = [sys.executable, "-m", "worker", "dev", *(f"--{k}={v}" for k, v in self.poorten.items())]
        with open(log, "wb") as uit:
            self.proces = subprocess.Popen(
                [*argumenten, *extra], cwd=self.map, env=schone_omgeving(), stdout=uit, stderr=subprocess.STDOUT
            )
        einde = time.monotonic() + 60
        while time.monotonic() < einde:
            tekst = log.read_text(errors="replace")
            if self.proces.poll() is not None:
                raise RuntimeError(f"worker dev stopte (code {self.proces.returncode}):\n{tekst[-3000:]}")
            if "Probeer" in tekst and re.search(r" dossier NR-\S+\n", tekst):
                self.uitvoer = tekst
                return tekst
            time.sleep(0.2)
        raise TimeoutError(f"geen banner binnen 60 s:\n{log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.proces is not None:
            self.proces.send_signal(signal.SIGINT)
            try:
                self.proces.wait(30)
            finally:
                stop_proces(self.proces, 10)

    def geheimen(self) -> dict[str, object]:
        return dict(json.loads((self.map / ".nareis" / "dev-geheimen.json").read_text()))

    def kop(self, rol: str) -> dict[str, str]:
        tokens = self.geheimen()["tokens"]
        assert isinstance(tokens, dict)
        return {"Authorization": f"Bearer {tokens[rol]}"}

    def cli(
        self, *argumenten: str, cwd: Path | None = None, omgeving: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """`python -m worker …` from another shell: this working directory, nothing exported
        (but `omgeving`)."""
        return subprocess.run(
            [sys.executable, "-m", "worker", *argumenten],
            cwd=cwd or self.map,
            env={**schone_omgeving(), **(omgeving or {})},
            capture_output=True,
            text=True,
            timeout=60,
        )


@pytest.fixture(scope="module")
def stapel() -> Iterator[Stapel]:
    map_ = Path(tempfile.mkdtemp(prefix="nareis-nieuwkomer-"))
    s = Stapel(map_, {"port": _vrije_poort(), "ui-port": _vrije_poort(), "api-port": _vrije_poort()})
    s.start()
    try:
        yield s
    finally:
        s.stop()
        subprocess.run(["rm", "-rf", str(map_)], check=False)


def _probeer(uitvoer: str) -> list[list[str]]:
    """The commands the banner says to try, as printed."""
    regels = uitvoer[uitvoer.index("Probeer") :].splitlines()[1:]
    return [shlex.split(regel) for regel in regels if " -m worker " in regel]


@pytest.fixture(scope="module")
def zaak(stapel: Stapel) -> str:
    """The banner's three commands, run as printed: file the example, its status, its history."""
    indienen, status, dossier = _probeer(stapel.uitvoer)
    assert indienen[3:5] == ["zaak", "indienen"] and status[3:5] == ["zaak", "status"] and dossier[3] == "dossier"
    for commando in (indienen, status):
        resultaat = stapel.cli(*commando[3:])
        assert resultaat.returncode == 0, resultaat.stderr
    geschiedenis = _tot(lambda: stapel.cli(*dossier[3:]))
    assert geschiedenis.returncode == 0, geschiedenis.stderr
    return status[5]


def _tot(voorwaarde, seconden: float = 30) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    einde = time.monotonic() + seconden
    while True:
        resultaat = voorwaarde()
        if resultaat.returncode == 0 or time.monotonic() > einde:
            return resultaat  # type: ignore[no-any-return]
        time.sleep(0.5)


def test_banner_eerst_en_stil(stapel: Stapel) -> None:
    regels = stapel.uitvoer.strip().splitlines()
    assert regels[0].startswith("nareis draait"), stapel.uitvoer
    assert "INFO" not in stapel.uitvoer and "Warning" not in stapel.uitvoer
    assert f"127.0.0.1:{stapel.poorten['port']}" in stapel.uitvoer
    assert "andere shell" in stapel.uitvoer and "--address / --database" in stapel.uitvoer
    assert len(regels) < 30


def test_issue_15_de_datamap_is_alleen_voor_de_eigenaar(stapel: Stapel) -> None:
    """Finding 13: temporal.db (world-readable before), the register and the logs hold personal data."""
    datamap = stapel.map / ".nareis"
    bestanden = [datamap / "temporal.db", *sorted(datamap.iterdir())]
    assert (datamap / "temporal.db").exists()
    open_voor_anderen = [str(p) for p in bestanden if p.stat().st_mode & 0o077]
    assert open_voor_anderen == []


def test_cli_vindt_de_dev_stack_zonder_export(stapel: Stapel, zaak: str) -> None:
    status = stapel.cli("zaak", "status", zaak, "--json")
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["aanvraagnummer"] == zaak
    dossier = _tot(lambda: stapel.cli("dossier", zaak, "--format", "json"))
    assert dossier.returncode == 0, dossier.stderr
    assert json.loads(dossier.stdout)[0]["gebeurtenis"]
    rapport = stapel.cli("rapport", "--format", "json")
    assert rapport.returncode == 0, rapport.stderr
    assert "nareis_op_nareis" in json.loads(rapport.stdout)

    def bewaking() -> subprocess.CompletedProcess[str]:
        resultaat = stapel.cli("zaak", "termijnbewaking", "--binnen", "400", "--json")
        if resultaat.returncode == 0 and zaak not in resultaat.stdout:
            resultaat.returncode = 99  # visibility not yet current: try again
        return resultaat

    termijnbewaking = _tot(bewaking)
    assert termijnbewaking.returncode == 0, termijnbewaking.stdout + termijnbewaking.stderr


def test_cli_elders_met_expliciete_opties(stapel: Stapel, zaak: str, tmp_path: Path) -> None:
    instellingen = json.loads((stapel.map / ".nareis" / "dev-instellingen.json").read_text())["omgeving"]
    zonder = stapel.cli("dossier", zaak, cwd=tmp_path)  # another directory: no file, no variable
    assert zonder.returncode == 2 and "--database" in zonder.stderr
    database = instellingen["NAREIS_DATABASE_URL"]
    zonder_sleutel = stapel.cli("dossier", zaak, "--database", database, cwd=tmp_path)
    assert zonder_sleutel.returncode == 2 and "onbekende sleutel" in zonder_sleutel.stderr
    sleutel = {"NAREIS_REGISTER_KEY": instellingen["NAREIS_REGISTER_KEY"]}  # the dev stack's own key
    dossier = stapel.cli("dossier", zaak, "--database", database, cwd=tmp_path, omgeving=sleutel)
    assert dossier.returncode == 0, dossier.stderr
    status = stapel.cli("zaak", "status", zaak, "--address", instellingen["TEMPORAL_ADDRESS"], cwd=tmp_path)
    assert status.returncode == 0 and zaak in status.stdout, status.stderr


def test_readme_teamleider_filters_op_de_dev_server(stapel: Stapel, zaak: str) -> None:
    filters = re.findall(r"^\s*(Nareis\w+ .*)$", (ROOT / "README.md").read_text(), flags=re.MULTILINE)
    assert filters, "README: geen teamleider-filter gevonden"
    for filter_ in filters:
        adres = f"127.0.0.1:{stapel.poorten['port']}"
        lijst = subprocess.run(
            [str(temporal_cli()), "workflow", "list", "--address", adres, "--query", filter_, "--limit", "5"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert lijst.returncode == 0, f"{filter_}: {lijst.stderr}"


def test_issue_15_tweede_dev_stack_op_bezette_poorten_start_niets(stapel: Stapel, tmp_path: Path) -> None:
    begin = time.monotonic()
    tweede = stapel.cli("dev", *(f"--{k}={v}" for k, v in stapel.poorten.items()), cwd=tmp_path)
    assert tweede.returncode == 2
    assert f"poort {stapel.poorten['port']} (Temporal gRPC, --port) is al in gebruik" in tweede.stderr
    assert time.monotonic() - begin < 20
    assert not (tmp_path / ".nareis" / "temporal.db").exists() and not (tmp_path / ".nareis" / "postgres").exists()
    # free ports, but the data directory of the running stack
    vrij = [f"--port={_vrije_poort()}", f"--ui-port={_vrije_poort()}", f"--api-port={_vrije_poort()}"]
    zelfde_map = stapel.cli("dev", *vrij)
    assert zelfde_map.returncode == 2 and "gebruikt" in zelfde_map.stderr and "al" in zelfde_map.stderr
    assert httpx.get(f"{stapel.api}/gezond", timeout=5).status_code == 200  # the first one runs on


def _csrf(html: str) -> str:
    gevonden = re.search(r'name="csrf" value="([^"]+)"', html)
    assert gevonden, html
    return gevonden.group(1)


def test_herstart_houdt_tokens_en_sessies_geldig(stapel: Stapel, zaak: str) -> None:
    with httpx.Client(base_url=stapel.api, timeout=30) as browser:
        csrf = _csrf(browser.get("/inloggen").text)
        ingelogd = browser.post("/inloggen", data={"csrf": csrf, "token": stapel.kop("lezer")["Authorization"][7:]})
        assert ingelogd.status_code == 303 and ingelogd.headers["location"] == "/werkvoorraad"
        cookies = dict(browser.cookies)
    tokens = stapel.geheimen()["tokens"]
    stapel.stop()
    assert not (stapel.map / ".nareis" / "dev-instellingen.json").exists()  # nothing runs: nothing to find
    stapel.start()
    assert stapel.geheimen()["tokens"] == tokens
    assert httpx.get(f"{stapel.api}/aanvragen/{zaak}", headers=stapel.kop("lezer"), timeout=30).status_code == 200
    scherm = httpx.get(f"{stapel.api}/werkvoorraad", cookies=cookies, timeout=30, follow_redirects=False)
    assert scherm.status_code == 200, scherm.headers.get("location")
