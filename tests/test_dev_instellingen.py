"""What `worker dev` keeps in its data directory and how the CLIs find it (issue #19 items 1-2,
issue #15 item 15), without servers: the slow end-to-end run is tests/devstack."""

from __future__ import annotations

import json
import socket
import stat
from pathlib import Path

import pytest

from api.schermen.sessie import Ondertekenaar
from client.registerkluis import Sleutelring
from client.settings import Instellingen, dev_instellingen_pad, lees_dev_instellingen, schrijf_geheim
from nareis.contract import Rol
from worker.dev import AlBezet, controleer_poorten, dev_geheimen, dev_registersleutel, eigen_data_dir


def test_tokens_en_sessiesleutel_blijven_over_een_herstart(tmp_path: Path) -> None:
    tokens, sleutel = dev_geheimen(tmp_path)
    cookie = Ondertekenaar(sleutel.encode()).teken({"naam": "dev-lezer"})
    assert stat.S_IMODE((tmp_path / "dev-geheimen.json").stat().st_mode) == 0o600
    opnieuw, zelfde_sleutel = dev_geheimen(tmp_path)  # the next start
    assert (opnieuw, zelfde_sleutel) == (tokens, sleutel)
    assert set(tokens) == set(Rol) and len(set(tokens.values())) == len(Rol)
    assert Ondertekenaar(zelfde_sleutel.encode()).lees(cookie) == {"naam": "dev-lezer"}


def test_nieuwe_tokens_vervangt_tokens_en_sessies(tmp_path: Path) -> None:
    tokens, sleutel = dev_geheimen(tmp_path)
    cookie = Ondertekenaar(sleutel.encode()).teken({"naam": "dev-lezer"})
    nieuw, nieuwe_sleutel = dev_geheimen(tmp_path, nieuw=True)
    assert not set(nieuw.values()) & set(tokens.values()) and nieuwe_sleutel != sleutel
    assert Ondertekenaar(nieuwe_sleutel.encode()).lees(cookie) is None
    assert dev_geheimen(tmp_path) == (nieuw, nieuwe_sleutel)


def test_een_nieuwe_rol_krijgt_een_token_en_de_oude_tokens_blijven(tmp_path: Path) -> None:
    tokens, sleutel = dev_geheimen(tmp_path)
    pad = tmp_path / "dev-geheimen.json"
    inhoud = json.loads(pad.read_text())
    del inhoud["tokens"]["teamleider"]  # a data directory from before the role existed
    pad.write_text(json.dumps(inhoud))
    opnieuw, zelfde_sleutel = dev_geheimen(tmp_path)
    assert zelfde_sleutel == sleutel
    assert {rol: opnieuw[rol] for rol in Rol if rol is not Rol.TEAMLEIDER} == {
        rol: tokens[rol] for rol in Rol if rol is not Rol.TEAMLEIDER
    }
    assert opnieuw[Rol.TEAMLEIDER] and json.loads(pad.read_text())["tokens"]["teamleider"] == opnieuw[Rol.TEAMLEIDER]
    assert stat.S_IMODE(pad.stat().st_mode) == 0o600


def test_registersleutel_gemaakt_eenmaal_bewaard_en_blijft_bij_nieuwe_tokens(tmp_path: Path) -> None:
    """Issue 15 item 13: the dev stack's register key is made once (0600, like its other secrets)
    and kept for as long as its register lives: new tokens must not make the register unreadable."""
    dev_geheimen(tmp_path)
    sleutel = dev_registersleutel(tmp_path)
    assert Sleutelring.uit_spec(sleutel).actieve_sleutel.startswith("dev")
    pad = tmp_path / "dev-geheimen.json"
    assert stat.S_IMODE(pad.stat().st_mode) == 0o600
    assert dev_registersleutel(tmp_path) == sleutel
    dev_geheimen(tmp_path, nieuw=True)
    assert dev_registersleutel(tmp_path) == sleutel
    assert json.loads(pad.read_text())["register_sleutel"] == sleutel
    assert stat.S_IMODE(pad.stat().st_mode) == 0o600


def test_een_kapot_geheimenbestand_geeft_nieuwe_tokens(tmp_path: Path) -> None:
    (tmp_path / "dev-geheimen.json").write_text("{kapot")
    tokens, sleutel = dev_geheimen(tmp_path)
    assert all(tokens.values()) and sleutel
    assert json.loads((tmp_path / "dev-geheimen.json").read_text())["sessie_sleutel"] == sleutel


def test_cli_leest_het_bestand_van_de_dev_stack_als_de_omgeving_niets_zegt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for naam in ("TEMPORAL_ADDRESS", "NAREIS_DATABASE_URL", "NAREIS_CODEC_KEY", "NAREIS_API_TOKENS"):
        monkeypatch.delenv(naam, raising=False)
    monkeypatch.setenv("NAREIS_DATA_DIR", str(tmp_path))
    assert Instellingen.voor_cli().temporal_address == "localhost:7233"  # no stack: the defaults
    schrijf_geheim(
        dev_instellingen_pad(tmp_path),
        {"omgeving": {"TEMPORAL_ADDRESS": "127.0.0.1:17233", "NAREIS_DATABASE_URL": "postgresql://x", "ANDERS": "y"}},
    )
    assert stat.S_IMODE(dev_instellingen_pad(tmp_path).stat().st_mode) == 0o600
    assert lees_dev_instellingen(tmp_path) == {
        "TEMPORAL_ADDRESS": "127.0.0.1:17233",
        "NAREIS_DATABASE_URL": "postgresql://x",
    }
    uit_bestand = Instellingen.voor_cli()
    assert (uit_bestand.temporal_address, uit_bestand.database_url) == ("127.0.0.1:17233", "postgresql://x")
    monkeypatch.setenv("TEMPORAL_ADDRESS", "elders:7233")  # the environment wins over the file
    assert Instellingen.voor_cli().temporal_address == "elders:7233"
    expliciet = Instellingen.voor_cli(address="hier:1", database="postgresql://y")  # options win over both
    assert (expliciet.temporal_address, expliciet.database_url) == ("hier:1", "postgresql://y")


def test_uit_omgeving_leest_het_bestand_niet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker and the API of a real deployment take only their environment."""
    monkeypatch.delenv("TEMPORAL_ADDRESS", raising=False)
    monkeypatch.setenv("NAREIS_DATA_DIR", str(tmp_path))
    schrijf_geheim(dev_instellingen_pad(tmp_path), {"omgeving": {"TEMPORAL_ADDRESS": "127.0.0.1:17233"}})
    assert Instellingen.uit_omgeving().temporal_address == "localhost:7233"


def test_issue_15_bezette_poort_wordt_genoemd_voordat_iets_start() -> None:
    with socket.socket() as bezet:
        bezet.bind(("127.0.0.1", 0))
        bezet.listen()
        poort = bezet.getsockname()[1]
        with pytest.raises(AlBezet, match=rf"poort {poort} \(Temporal UI, --ui-port\) is al in gebruik"):
            controleer_poorten({"Temporal gRPC, --port": _vrije_poort(), "Temporal UI, --ui-port": poort})


def test_een_tweede_dev_stack_op_dezelfde_gegevensmap_start_niet(tmp_path: Path) -> None:
    with eigen_data_dir(tmp_path), pytest.raises(AlBezet, match=r"gebruikt .* al"), eigen_data_dir(tmp_path):
        pass
    with eigen_data_dir(tmp_path):  # released after the first stopped
        pass


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_een_vrije_poort_voor_een_intern_deel_is_nooit_een_die_de_stack_zelf_opent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After a restart the kernel handed the UI's own port to the UI behind its proxy: the proxy
    then could not open it (a test failed on it once)."""
    from worker import dev

    uitgedeeld = iter([8233, 8233, 41001])

    class Sok:
        def __enter__(self) -> Sok:
            return self

        def __exit__(self, *_: object) -> None:
            return None

        def bind(self, _: object) -> None:
            self.poort = next(uitgedeeld)

        def getsockname(self) -> tuple[str, int]:
            return ("127.0.0.1", self.poort)

    monkeypatch.setattr(dev.socket, "socket", Sok)
    assert dev.vrije_poort(behalve={8233, 7233}) == 41001
