"""The service's settings, read from the environment (CONTRACT.md "Processes and configuration"):
the same for the worker, the HTTP API and the CLIs."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


class ConfiguratieFout(ValueError):
    """A setting is missing or malformed; the message names the variable."""


def _bool(naam: str, standaard: bool) -> bool:
    waarde = os.environ.get(naam)
    if waarde is None or waarde == "":
        return standaard
    if waarde.lower() in ("1", "true", "ja", "yes", "on"):
        return True
    if waarde.lower() in ("0", "false", "nee", "no", "off"):
        return False
    raise ConfiguratieFout(f"{naam}: verwacht true of false, niet {waarde!r}")


def _int(naam: str, standaard: int) -> int:
    waarde = os.environ.get(naam)
    if not waarde:
        return standaard
    try:
        return int(waarde)
    except ValueError:
        raise ConfiguratieFout(f"{naam}: verwacht een geheel getal, niet {waarde!r}") from None


def _keuze(naam: str, keuzes: tuple[str, ...], standaard: str) -> str:
    waarde = (os.environ.get(naam) or standaard).strip().lower()
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
    # sticky cache: ~0.23 MB per cached case, so the worker stays near 90 MB + 0.23 MB x this
    # however many cases are open; an evicted case's query replays its short history (README
    # "Performance", python -m benchmarks.capacity)
    max_cached_workflows: int = 2000
    max_concurrent_activities: int = 100
    # how long a workflow task waits for this worker's sticky cache before any worker may take it
    sticky_timeout_s: float = 10.0
    # observability: NAREIS_LOG_FORMAT (tekst|json) and the OTLP endpoint that switches tracing on
    log_formaat: str = "tekst"
    otlp_endpoint: str | None = None

    @classmethod
    def uit_omgeving(cls) -> Instellingen:
        def pad(naam: str) -> Path | None:
            waarde = os.environ.get(naam)
            return Path(waarde) if waarde else None

        metrics = _int("NAREIS_METRICS_PORT", 0)
        return cls(
            temporal_address=os.environ.get("TEMPORAL_ADDRESS") or "localhost:7233",
            temporal_namespace=os.environ.get("TEMPORAL_NAMESPACE") or "default",
            task_queue=os.environ.get("NAREIS_TASK_QUEUE") or "nareis",
            database_url=os.environ.get("NAREIS_DATABASE_URL") or None,
            codec_key=os.environ.get("NAREIS_CODEC_KEY") or None,
            tls=_bool("TEMPORAL_TLS", False) or bool(os.environ.get("TEMPORAL_TLS_CERT")),
            tls_cert=pad("TEMPORAL_TLS_CERT"),
            tls_key=pad("TEMPORAL_TLS_KEY"),
            tls_ca=pad("TEMPORAL_TLS_CA"),
            api_key=os.environ.get("TEMPORAL_API_KEY") or None,
            zoekattributen_registreren=_bool("NAREIS_REGISTER_SEARCH_ATTRIBUTES", True),
            data_dir=Path(os.environ.get("NAREIS_DATA_DIR") or ".nareis"),
            metrics_port=metrics or None,
            api_tokens=os.environ.get("NAREIS_API_TOKENS") or None,
            max_cached_workflows=_int("NAREIS_MAX_CACHED_WORKFLOWS", 2000),
            max_concurrent_activities=_int("NAREIS_MAX_CONCURRENT_ACTIVITIES", 100),
            sticky_timeout_s=_int("NAREIS_STICKY_TIMEOUT_S", 10),
            log_formaat=_keuze("NAREIS_LOG_FORMAT", ("tekst", "json"), "tekst"),
            otlp_endpoint=os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
            or os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT")
            or None,
        )

    def vereis_database(self) -> str:
        if not self.database_url:
            raise ConfiguratieFout("NAREIS_DATABASE_URL: niet gezet; het zaakregister (PostgreSQL) is verplicht")
        return self.database_url
