"""The benchmarks (issue #9) run end to end on a tiny scale and end in the JSON line they promise."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from temporalio.api.enums.v1 import EventType
from temporalio.api.history.v1 import HistoryEvent

from benchmarks import capacity, throughput
from benchmarks.meten import percentiel

ROOT = Path(__file__).resolve().parent.parent


def test_percentiel_is_de_waarde_op_die_rang() -> None:
    waarden = [float(i) for i in range(1, 101)]
    assert percentiel(waarden, 50) == 50
    assert percentiel(waarden, 99) == 99
    assert percentiel([], 99) == 0


def test_capacity_leest_stappen_of_een_aantal() -> None:
    assert capacity.argumenten(["--stappen", "1000,10000,50000"]).stappen == [1000, 10000, 50000]
    assert capacity.argumenten(["--cases", "20"]).stappen == [20]
    with pytest.raises(SystemExit):
        capacity.argumenten(["--stappen", "10000,1000"])
    with pytest.raises(SystemExit):
        capacity.argumenten(["--stappen", "veel"])


def test_throughput_weigert_nul_zaken() -> None:
    assert throughput.argumenten([]).cases == 2000
    with pytest.raises(SystemExit):
        throughput.argumenten(["--cases", "0"])


def _event(soort: int) -> HistoryEvent:
    return HistoryEvent(event_type=soort)


def test_basislijn_krijgt_de_vorm_van_een_zaak() -> None:
    e = EventType
    events = [
        _event(e.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
        _event(e.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
        _event(e.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED),
        _event(e.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
        _event(e.EVENT_TYPE_TIMER_STARTED),
    ]
    assert throughput.plan_uit(events) == {
        "fasen": [{"activiteiten": 2, "timer": False}, {"activiteiten": 1, "timer": True}]
    }


def _laatste_json(module: str, *argumenten: str) -> dict:
    uit = subprocess.run(
        [sys.executable, "-m", module, *argumenten], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert uit.returncode == 0, uit.stderr[-3000:]
    return json.loads(uit.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_throughput_van_begin_tot_eind() -> None:
    uitkomst = _laatste_json("benchmarks.throughput", "--cases", "10")
    assert uitkomst["cases"] == 10
    for sleutel in ("nareis_wf_per_s", "baseline_wf_per_s", "ratio", "p50_update_ms", "p99_update_ms", "p99_query_ms"):
        assert uitkomst[sleutel] > 0, sleutel
    assert 0 < uitkomst["register_share"] < 1


@pytest.mark.slow
def test_capacity_van_begin_tot_eind() -> None:
    uitkomst = _laatste_json("benchmarks.capacity", "--cases", "20")
    assert uitkomst["open_cases"] == 20
    for sleutel in ("worker_rss_mb", "server_rss_mb", "query_p99_ms", "start_all_s"):
        assert uitkomst[sleutel] > 0, sleutel
