"""Log set-up of every process: readable lines, or one JSON object per line for a log
shipper (`NAREIS_LOG_FORMAT=json`).

What the service logs holds codes, case numbers and Temporal ids, never a name or a birth
date: the workflow and activities log no application data, and Temporal's own context
(`temporal_workflow`, `temporal_activity`) carries ids and types only.
`tests/test_observability_logboek.py` runs cases with a known name and birth date and
checks every record.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from client.settings import ConfiguratieFout

TEKST = "%(asctime)s %(levelname)s %(name)s: %(message)s"
FORMATEN = ("tekst", "json")

#: Temporal's context on a record, kept as its own field in a JSON line
_TEMPORAL = {"temporal_workflow": "workflow", "temporal_activity": "activity"}


class JsonOpmaak(logging.Formatter):
    """One JSON object per record: time (UTC), level, logger, message, Temporal context."""

    def format(self, record: logging.LogRecord) -> str:
        regel: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for attribuut, sleutel in _TEMPORAL.items():
            if isinstance(waarde := getattr(record, attribuut, None), dict):
                regel[sleutel] = {k: v for k, v in waarde.items() if isinstance(v, str | int | float | bool)}
        if record.exc_info:
            regel["exception"] = self.formatException(record.exc_info)
        return json.dumps(regel, ensure_ascii=False)


def opmaak(formaat: str) -> logging.Formatter:
    if formaat == "json":
        return JsonOpmaak()
    if formaat == "tekst":
        return logging.Formatter(TEKST)
    raise ConfiguratieFout(f"NAREIS_LOG_FORMAT: kies {' of '.join(FORMATEN)}, niet {formaat!r}")


def stel_in(formaat: str = "tekst", niveau: int = logging.INFO) -> None:
    """Replace the root logger's handlers with one on stderr in `formaat`."""
    handler = logging.StreamHandler()
    handler.setFormatter(opmaak(formaat))
    wortel = logging.getLogger()
    for oud in list(wortel.handlers):
        wortel.removeHandler(oud)
    wortel.addHandler(handler)
    wortel.setLevel(niveau)
