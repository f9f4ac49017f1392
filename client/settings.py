"""The service's settings, read from the environment (CONTRACT.md "Processes and configuration"):
the same for the worker, the HTTP API and the CLIs."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

#: what `worker dev` writes in its data directory (mode 0600) for the CLIs in another shell:
#: `{"omgeving": {"TEMPORAL_ADDRESS": …, "NAREIS_DATABASE_URL": …, …}, "api": url, "ui": url}`
DEV_BESTAND = "dev-instellingen.json"
#: the variables it carries; a CLI uses each one only when the environment does not set it
DEV_VARIABELEN = (
    "TEMPORAL_ADDRESS",
    "TEMPORAL_NAMESPACE",
    "NAREIS_TASK_QUEUE",
    "NAREIS_DATABASE_URL",
    "NAREIS_CODEC_KEY",
    "NAREIS_REGISTER_KEY",
    "NAREIS_API_TOKENS",
)


class ConfiguratieFout(ValueError):
    """A setting is missing or malformed; the message names the variable."""


def _bool(naam: str, standaard: bool, omgeving: Mapping[str, str]) -> bool:
    waarde = omgeving.get(naam)
    if waarde is None or waarde == "":
        return standaard
    if waarde.lower() in ("1", "true", "ja", "yes", "on"):
        return True
    if waarde.lower() in ("0", "false", "nee", "no", "off"):
        return False
    raise ConfiguratieFout(f"{naam}: verwacht true of false, niet {waarde!r}")


def _int(naam: str, standaard: int, omgeving: Mapping[str, str]) -> int:
    waarde = omgeving.get(naam)
    if not waarde:
        return standaard
    try:
        return int(waarde)
    except ValueError:
        raise ConfiguratieFout(f"{naam}: verwacht een geheel getal, niet {waarde!r}") from None


def _keuze(naam: str, keuzes: tuple[str, ...], standaard: str, omgeving: Mapping[str, str]) -> str:
    waarde = (omgeving.get(naam) or standaard).strip().lower()
    if waarde not in keuzes:
        raise ConfiguratieFout(f"{naam}: kies {' of '.join(keuzes)}, niet {waarde!r}")
    return waarde


@dataclass(frozen=True)
class Instellingen:
    temporal_address: str = "localhost:7233"
    temporal_namespace: str = "default"
    task_queue: str = "nareis"
    database_url: str | None = None
    codec_key: str | None = None
    #: the register's key ring (client.registerkluis): personal data encrypted at rest
    register_key: str | None = None
    # remote clusters (Temporal Cloud or a TLS-secured self-hosted cluster)
    tls: bool = False
    tls_cert: Path | None = None
    tls_key: Path | None = None
    tls_ca: Path | None = None
    api_key: str | None = None
    zoekattributen_registreren: bool = True
    data_dir: Path = field(default_factory=lambda: Path(".nareis"))
    metrics_port: int | None = None
    api_tokens: str | None = None
    # sticky cache: ~0.3 MB per cached case, so the worker stays near 90 MB + 0.3 MB x this
    # however many cases are open; an evicted case's query replays its short history (README
    # "Performance", python -m benchmarks.capacity)
    max_cached_workflows: int = 2000
    max_concurrent_activities: int = 100
    # how long a workflow task waits for this worker's sticky cache before any worker may take it;
    # after a crash the cases it held wait this long, and the server ends a query after 30 s:
    # 5 s keeps their failover inside that under load (README "Performance", --kill)
    sticky_timeout_s: float = 5.0
    # the SDK's workflow sandbox: the guard that workflow code stays deterministic; off saves
    # about a fifth of the worker's CPU (README "Performance")
    workflow_sandbox: bool = True
    # observability: NAREIS_LOG_FORMAT (tekst|json) and the OTLP endpoint that switches tracing on
    log_formaat: str = "tekst"
    otlp_endpoint: str | None = None

    @classmethod
    def uit_omgeving(cls, omgeving: Mapping[str, str] | None = None) -> Instellingen:
        """The settings from the environment (or `omgeving`, a mapping of the same variables)."""
        env: Mapping[str, str] = os.environ if omgeving is None else omgeving

        def pad(naam: str) -> Path | None:
            waarde = env.get(naam)
            return Path(waarde) if waarde else None

        metrics = _int("NAREIS_METRICS_PORT", 0, env)
        return cls(
            temporal_address=env.get("TEMPORAL_ADDRESS") or "localhost:7233",
            temporal_namespace=env.get("TEMPORAL_NAMESPACE") or "default",
            task_queue=env.get("NAREIS_TASK_QUEUE") or "nareis",
            database_url=env.get("NAREIS_DATABASE_URL") or None,
            codec_key=env.get("NAREIS_CODEC_KEY") or None,
            register_key=env.get("NAREIS_REGISTER_KEY") or None,
            tls=_bool("TEMPORAL_TLS", False, env) or bool(env.get("TEMPORAL_TLS_CERT")),
            tls_cert=pad("TEMPORAL_TLS_CERT"),
            tls_key=pad("TEMPORAL_TLS_KEY"),
            tls_ca=pad("TEMPORAL_TLS_CA"),
            api_key=env.get("TEMPORAL_API_KEY") or None,
            zoekattributen_registreren=_bool("NAREIS_REGISTER_SEARCH_ATTRIBUTES", True, env),
            data_dir=Path(env.get("NAREIS_DATA_DIR") or ".nareis"),
            metrics_port=metrics or None,
            api_tokens=env.get("NAREIS_API_TOKENS") or None,
            max_cached_workflows=_int("NAREIS_MAX_CACHED_WORKFLOWS", 2000, env),
            max_concurrent_activities=_int("NAREIS_MAX_CONCURRENT_ACTIVITIES", 100, env),
            sticky_timeout_s=_int("NAREIS_STICKY_TIMEOUT_S", 5, env),
            workflow_sandbox=_bool("NAREIS_WORKFLOW_SANDBOX", True, env),
            log_formaat=_keuze("NAREIS_LOG_FORMAT", ("tekst", "json"), "tekst", env),
            otlp_endpoint=env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
            or env.get("OTEL_EXPORTER_OTLP_ENDPOINT")
            or None,
        )

    def vereis_database(self) -> str:
        if not self.database_url:
            raise ConfiguratieFout("NAREIS_DATABASE_URL: niet gezet; het zaakregister (PostgreSQL) is verplicht")
        return self.database_url

    @classmethod
    def voor_cli(cls, *, address: str | None = None, database: str | None = None) -> Instellingen:
        """The settings of a CLI command: `--address`/`--database` first, then the environment,
        then the file a running `worker dev` wrote in `NAREIS_DATA_DIR` (default `./.nareis`),
        so the commands reach the dev stack from another shell without exporting anything."""
        data_dir = Path(os.environ.get("NAREIS_DATA_DIR") or ".nareis")
        gezet = {naam: waarde for naam, waarde in os.environ.items() if waarde}
        instellingen = cls.uit_omgeving({**lees_dev_instellingen(data_dir), **gezet})
        if address:
            instellingen = replace(instellingen, temporal_address=address)
        if database:
            instellingen = replace(instellingen, database_url=database)
        return instellingen


def dev_instellingen_pad(data_dir: Path) -> Path:
    return data_dir / DEV_BESTAND


def lees_dev_instellingen(data_dir: Path) -> dict[str, str]:
    """The variables a running `worker dev` wrote for the CLIs; empty when there is no such file."""
    try:
        inhoud = json.loads(dev_instellingen_pad(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    omgeving = inhoud.get("omgeving") if isinstance(inhoud, dict) else None
    if not isinstance(omgeving, dict):
        return {}
    return {k: v for k, v in omgeving.items() if k in DEV_VARIABELEN and isinstance(v, str) and v}


def schrijf_geheim(pad: Path, inhoud: dict[str, object]) -> None:
    """Write `inhoud` as JSON readable by the owner only (0600) from the first byte on."""
    pad.parent.mkdir(parents=True, exist_ok=True)
    tijdelijk = pad.with_name(pad.name + ".nieuw")
    tijdelijk.unlink(missing_ok=True)
    fd = os.open(tijdelijk, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as uit:
        json.dump(inhoud, uit, ensure_ascii=False, indent=2)
    os.replace(tijdelijk, pad)
