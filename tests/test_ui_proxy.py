"""The dev stack's read-only proxy in front of the Temporal UI (issue #17 item 11), its rules
without a server; tests/browser/test_temporal_ui.py runs it in front of the real UI."""

from __future__ import annotations

import pytest

from worker.ui_proxy import SCHRIJFINSTELLINGEN, alleen_lezen, toegestaan

W = "/api/v1/namespaces/default/workflows/nareis-NR-2026-000123-1"


@pytest.mark.parametrize(
    ("methode", "pad"),
    [
        ("POST", f"{W}/terminate"),
        ("POST", f"{W}/cancel"),
        ("POST", f"{W}/signal/nieuw_bewijs"),
        ("POST", f"{W}/reset"),
        ("POST", f"{W}/update/toewijzen"),
        ("POST", W),  # start a workflow
        ("POST", "/api/v1/namespaces/default/batch-operations/x"),
        ("DELETE", "/api/v1/namespaces/default/schedules/x"),
        ("PUT", W),
        ("PATCH", W),
        ("POST", f"{W}/query/status/terminate"),
    ],
)
def test_schrijven_geweigerd(methode: str, pad: str) -> None:
    assert not toegestaan(methode, pad)


@pytest.mark.parametrize(
    ("methode", "pad"),
    [
        ("GET", W),
        ("GET", "/namespaces/default/workflows"),
        ("HEAD", "/"),
        ("OPTIONS", W),
        ("POST", f"{W}/query/status"),
        ("POST", f"{W}/runs/abc/query/__stack_trace"),
    ],
)
def test_lezen_toegestaan(methode: str, pad: str) -> None:
    assert toegestaan(methode, pad)


def test_instellingen_alleen_lezen() -> None:
    uit = alleen_lezen({"DisableWriteActions": False, "WorkflowTerminateDisabled": False, "Version": "2.54.1"})
    assert all(uit[naam] is True for naam in SCHRIJFINSTELLINGEN)
    assert uit["Version"] == "2.54.1"
