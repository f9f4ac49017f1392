"""The API's access log never holds a searched name (issue #15 item 13, issue #17 item 1): the
werkvoorraad's search box sends `zoek=` in the query, which uvicorn logs with the path."""

from __future__ import annotations

import logging

from worker.api_server import ZonderZoektekst


def _regel(pad: str) -> str:
    # the shape of uvicorn's access record: client, method, path with query, HTTP version, status
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5", "GET", pad, "1.1", 200),
        None,
    )
    assert ZonderZoektekst().filter(record)
    return record.getMessage()


def test_een_gezochte_naam_komt_niet_in_het_toegangslog() -> None:
    regel = _regel("/werkvoorraad?weergave=team&zoek=Amira+de+Vries&binnen=30")
    assert "Amira" not in regel and "Vries" not in regel
    assert "/werkvoorraad?weergave=team&zoek=…&binnen=30" in regel
    assert "zoek=…" in _regel("/werkvoorraad?zoek=amira%20de%20vries")
    assert _regel("/zaken/NR-2026-000123-1").endswith('"GET /zaken/NR-2026-000123-1 HTTP/1.1" 200')
