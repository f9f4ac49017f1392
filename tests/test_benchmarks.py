"""The benchmarks (issue #9, #18) run end to end on a tiny scale and end in the JSON line they
promise; their own counting (failed calls, the register check, a kill's bookkeeping) is
tested without a stack.

The kill scenario (`--workers 2 --kill`) has no end-to-end test here: on this 2-core machine
it takes 80-100 s, most of it waiting out the start-to-close timeout (60 s) of a step
activity that was running on the killed worker before the register check is complete. Its
bookkeeping is tested below; run it by hand with
`python -m benchmarks.throughput --cases 20 --gelijktijdig 20 --workers 2 --kill`.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from temporalio.api.enums.v1 import EventType
from temporalio.api.history.v1 import HistoryEvent, WorkflowTaskStartedEventAttributes
from temporalio.client import WorkflowUpdateFailedError
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from benchmarks import capacity, stack, throughput
from benchmarks.meten import Latenties, Mislukt, percentiel

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


def test_throughput_standaard_200_onderweg_en_een_kill_vraagt_twee_workers() -> None:
    args = throughput.argumenten([])
    assert (args.gelijktijdig, args.workers, args.kill, args.sticky_timeout) == (200, 1, False, None)
    args = throughput.argumenten(["--workers", "2", "--kill", "--sticky-timeout", "3"])
    assert (args.workers, args.kill, args.sticky_timeout) == (2, True, 3)
    assert not args.basislijn_met_zoekattributen
    assert throughput.argumenten(["--basislijn-met-zoekattributen"]).basislijn_met_zoekattributen
    for fout in (["--kill"], ["--workers", "0"], ["--pogingen", "0"], ["--rpc-timeout", "0"]):
        with pytest.raises(SystemExit):
            throughput.argumenten(fout)


# -- failed calls: counted, retried, never fatal --


class Haperend:
    """A call that fails its first `fouten` times (an overloaded server), then answers."""

    def __init__(self, fouten: int, fout: BaseException | None = None) -> None:
        self.fouten = fouten
        self.fout = fout or TimeoutError("query timed out before a worker could process it")
        self.keren = 0

    async def __call__(self) -> str:
        self.keren += 1
        if self.keren <= self.fouten:
            raise self.fout
        return "antwoord"


def test_elke_mislukte_poging_telt_ook_als_een_herhaling_slaagt() -> None:
    lat = Latenties(pogingen=3, wacht_s=0)
    oproep = Haperend(2)
    assert asyncio.run(lat.probeer("query", oproep)) == "antwoord"
    assert oproep.keren == 3
    assert lat.mislukte_oproepen() == {"start": 0, "update": 0, "query": 2, "total": 2}
    assert lat.fouten == {"query: TimeoutError": 2}
    assert len(lat.ms["query"]) == 1  # only the attempt that answered is timed


def test_een_rpc_fout_telt_met_de_status_van_de_server() -> None:
    lat = Latenties(pogingen=2, wacht_s=0)
    bezet = RPCError("BusyWorkflow", RPCStatusCode.RESOURCE_EXHAUSTED, b"")
    assert asyncio.run(lat.probeer("query", Haperend(1, bezet))) == "antwoord"
    assert lat.fouten == {"query: RPCError RESOURCE_EXHAUSTED": 1}
    assert lat.voorbeelden == {"query: RPCError RESOURCE_EXHAUSTED": "BusyWorkflow"}
    alles = Latenties()
    alles.tel_bij(lat)
    assert alles.voorbeelden == lat.voorbeelden and alles.fouten == lat.fouten


def test_na_de_laatste_poging_mislukt_de_oproep_geteld() -> None:
    lat = Latenties(pogingen=2, wacht_s=0)
    with pytest.raises(Mislukt) as fout:
        asyncio.run(lat.probeer("start", Haperend(5)))
    assert fout.value.soort == "start"
    assert lat.mislukte_oproepen()["start"] == 2
    assert lat.mislukte_oproepen()["total"] == 2
    assert not lat.ms["start"]


def test_het_eigen_antwoord_van_de_workflow_wordt_niet_herhaald() -> None:
    lat = Latenties(pogingen=3, wacht_s=0)
    oproep = Haperend(1, WorkflowUpdateFailedError(RuntimeError("Weigering")))
    with pytest.raises(Mislukt):
        asyncio.run(lat.probeer("update", oproep))
    assert oproep.keren == 1
    assert lat.mislukte_oproepen()["update"] == 1


def test_een_bezet_id_bij_de_eerste_poging_is_niet_van_ons_en_wordt_niet_herhaald() -> None:
    lat = Latenties(pogingen=3, wacht_s=0)
    oproep = Haperend(1, WorkflowAlreadyStartedError("nareis-NR-1", "Nareisaanvraag"))
    with pytest.raises(Mislukt):
        asyncio.run(lat.probeer("start", oproep))
    assert oproep.keren == 1 and lat.mislukte_oproepen()["start"] == 1


def test_een_ronde_gaat_door_en_telt_de_opgegeven_zaken() -> None:
    """Every third case's update fails for good: the round finishes, those cases are given up
    and every failed attempt is in the count."""

    async def zaak(i: int, lat: Latenties) -> Any:
        await lat.probeer("start", Haperend(0))
        await lat.probeer("update", Haperend(5 if i % 3 == 0 else 1))
        return f"handle-{i}"

    r = asyncio.run(throughput.ronde(9, 4, zaak, Latenties(pogingen=2, wacht_s=0)))
    assert r.opgegeven == 3
    assert sorted(r.handles) == sorted(f"handle-{i}" for i in range(9) if i % 3)
    # given-up cases: 2 attempts each; the others: 1 failed attempt each before the answer
    assert r.lat.mislukte_oproepen() == {"start": 0, "update": 3 * 2 + 6, "query": 0, "total": 12}
    assert throughput.per_s(r) == pytest.approx(6 / r.seconden)


def _geschiedenis(events: int, bytes_per: int) -> list[HistoryEvent]:
    e = HistoryEvent(event_type=EventType.EVENT_TYPE_TIMER_STARTED, event_id=1)
    e.workflow_execution_started_event_attributes.workflow_type.name = "x" * max(0, bytes_per - e.ByteSize() - 4)
    return [e] * events


def test_het_verslag_draagt_mislukte_oproepen_en_de_omvang_van_de_geschiedenis() -> None:
    nareis_lat = Latenties(pogingen=1, wacht_s=0)
    nareis_lat.ms["update"] = [10.0, 20.0]
    with pytest.raises(Mislukt):
        asyncio.run(nareis_lat.probeer("query", Haperend(1)))
    alles = Latenties()
    alles.tel_bij(nareis_lat)
    nareis_histories = [_geschiedenis(70, 1000), _geschiedenis(80, 1000)]
    basis_histories = [_geschiedenis(60, 100)]
    grootte = sum(e.ByteSize() for e in nareis_histories[0] + nareis_histories[1]) / 2
    basis_grootte = sum(e.ByteSize() for e in basis_histories[0])
    m = {
        "n": 4,
        "workers": 1,
        "nareis": throughput.Ronde(2.0, nareis_lat, ["a", "b", "c"], 1, {"worker": 0.3, "server": 0.6}),
        "basis": throughput.Ronde(1.0, Latenties(), ["a", "b", "c", "d"], 0, {"worker": 0.1, "server": 0.8}),
        "histories": nareis_histories,
        "basis_histories": basis_histories,
        "register": throughput.register_aandeel([]),
        "controle": {
            "register_checked_cases": 3,
            "register_entries": 18,
            "register_missing": 0,
            "register_duplicated": 0,
            "register_wait_s": 0.1,
        },
        "mislukt": alles,
        "kill": None,
    }
    uit = throughput.verslag(m)
    assert uit["failed_calls"] == {"start": 0, "update": 0, "query": 1, "total": 1}
    assert uit["failed_reasons"] == {"query: TimeoutError": 1}
    assert uit["failed_cases"] == {"nareis": 1, "baseline": 0}
    assert uit["nareis_wf_per_s"] == 1.5 and uit["baseline_wf_per_s"] == 4.0
    assert uit["ratio"] == round(1.5 / 4, 3)
    assert uit["events_per_case"] == 75.0 and uit["baseline_events_per_case"] == 60.0
    assert uit["kib_per_case"] == round(grootte / 1024, 2)
    assert uit["baseline_kib_per_case"] == round(basis_grootte / 1024, 2)
    assert uit["register_missing"] == 0 and "kill" not in uit
    # CPU per case that came through: 3 nareis cases, 4 of the baseline
    assert (uit["worker_cpu_ms_per_case"], uit["server_cpu_ms_per_case"]) == (100.0, 200.0)
    assert (uit["baseline_worker_cpu_ms_per_case"], uit["baseline_server_cpu_ms_per_case"]) == (25.0, 200.0)
    json.dumps(uit)


def _rekenaar(seconden: float) -> subprocess.Popen[bytes]:
    """A process that, once told to go, computes for `seconden` of CPU time and says so."""
    code = (
        "import sys, time\n"
        "sys.stdin.readline()\n"
        f"e = time.process_time() + {seconden}\n"
        "while time.process_time() < e: pass\n"
        "print('klaar', flush=True)\n"
        "sys.stdin.readline()\n"
    )
    return subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def test_de_belasting_van_de_machine_gaat_mee_in_het_verslag() -> None:
    uit = stack.belasting_tijdens(1.234)
    assert uit["load_avg_before"] == 1.23 and uit["load_avg_end"] >= 0
    assert stack.belasting_nu() >= 0


def test_de_cpu_meter_telt_wat_de_workers_en_de_server_sinds_de_start_gebruikten() -> None:
    server, worker, gedood = _rekenaar(0.0), _rekenaar(0.3), _rekenaar(0.3)
    processen = (server, worker, gedood)
    try:
        meter = throughput.cpu_meter([worker, gedood], server)
        for proces in processen:
            assert proces.stdin is not None and proces.stdout is not None
            proces.stdin.write(b"ga\n")
            proces.stdin.flush()
            assert proces.stdout.readline() == b"klaar\n"
        gedood.kill()
        gedood.wait()
        gebruikt = meter()
        # the worker left computed 0.3 s after the meter started; the killed one's share is
        # left out (never counted as negative)
        assert 0.3 <= gebruikt["worker"] < 0.6
        assert 0.0 <= gebruikt["server"] < 0.2
    finally:
        for proces in processen:
            proces.kill()
            proces.wait()


# -- the register against the timelines --


def test_registerverschil_telt_ontbrekende_en_dubbele_regels() -> None:
    tijdlijnen = {"A": ["ontvangen", "hv_versturen"], "B": ["ontvangen"], "C": ["ontvangen"]}
    rijen = [
        ("A", 1, "ontvangen"),
        ("A", 2, "hv_versturen"),
        ("B", 1, "ontvangen"),
        ("B", 2, "ontvangen"),  # recorded a second time under a new number
        ("Z", 1, "ontvangen"),  # a case not checked
    ]  # C's entry is missing
    assert throughput.register_verschil(tijdlijnen, rijen) == (1, 1)
    assert throughput.register_verschil({"A": ["x", "y"]}, [("A", 1, "y"), ("A", 2, "x")]) == (2, 2)
    assert throughput.register_verschil({"A": ["x"]}, [("A", 1, "x")]) == (0, 0)


# -- a killed worker's bookkeeping --


def _taak(identiteit: str, om: float) -> HistoryEvent:
    return HistoryEvent(
        event_type=EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
        event_time=Timestamp(seconds=int(om), nanos=int(om % 1 * 1e9)),
        workflow_task_started_event_attributes=WorkflowTaskStartedEventAttributes(identity=identiteit),
    )


def test_een_zaak_is_van_de_worker_die_haar_laatste_taak_voor_de_kill_nam() -> None:
    events = [_taak("1@h", 100.0), _taak("2@h", 105.0), _taak("1@h", 120.0)]
    assert throughput.gehouden_door(events, "2@h", om=110.0)
    assert not throughput.gehouden_door(events, "1@h", om=110.0)
    assert throughput.gehouden_door(events, "1@h", om=130.0)
    assert not throughput.gehouden_door([], "1@h", om=130.0)


def test_hersteltijd_van_de_zaken_die_de_gedode_worker_hield(monkeypatch: pytest.MonkeyPatch) -> None:
    nu = [50.0]
    monkeypatch.setattr(throughput.time, "time", lambda: nu[0])
    u = throughput.Uitval()
    u.gedaan(1)  # before the kill: no recovery
    assert u.eerste_na == {} and u.bekend == {1}
    u.om, u.pid, u.onderweg = 100.0, 42, frozenset({1, 2, 3})
    u.gehouden = frozenset({1, 2, 3})
    for moment, zaak in ((103.0, 1), (112.5, 2), (120.0, 1)):
        nu[0] = moment
        u.gedaan(zaak)
    u.gevraagd = frozenset({1, 2})
    u.beantwoord = {1: 101.0, 2: 111.0}
    v = u.verslag()
    assert v["recovery_s"] == 12.5  # the slowest held case; a later call does not count
    assert v["unrecovered_cases"] == 1  # case 3 never completed a call after the kill
    assert (v["held_cases"], v["in_flight"], v["worker_pid"]) == (3, 3, 42)
    assert (v["recovery_query_s"], v["unanswered_cases"]) == (11.0, 0)
    assert v["register_recovery_s"] is None
    assert v["killed"] and not throughput.Uitval().verslag()["killed"]


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
    upsert = _event(e.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)
    assert throughput.plan_uit([upsert, *events, upsert, upsert]) == {
        "fasen": [{"activiteiten": 2, "timer": False}, {"activiteiten": 1, "timer": True}]
    }
    assert throughput.plan_uit([upsert, *events, upsert, upsert], zoekattributen=True) == {
        "fasen": [
            {"activiteiten": 2, "timer": False, "zoekattributen": 1},
            {"activiteiten": 1, "timer": True, "zoekattributen": 2},
        ]
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
    for sleutel in (
        "nareis_wf_per_s",
        "baseline_wf_per_s",
        "ratio",
        "p50_update_ms",
        "p99_update_ms",
        "p99_query_ms",
        "events_per_case",
        "kib_per_case",
        "baseline_events_per_case",
        "baseline_kib_per_case",
        "register_entries",
    ):
        assert uitkomst[sleutel] > 0, sleutel
    assert 0 < uitkomst["register_share"] < 1
    assert uitkomst["failed_calls"] == {"start": 0, "update": 0, "query": 0, "total": 0}
    assert uitkomst["failed_cases"] == {"nareis": 0, "baseline": 0}
    assert uitkomst["register_checked_cases"] == 10
    assert (uitkomst["register_missing"], uitkomst["register_duplicated"]) == (0, 0)
    assert uitkomst["workers"] == 1 and "kill" not in uitkomst
    assert uitkomst["worker_cpu_ms_per_case"] > 0 and uitkomst["baseline_server_cpu_ms_per_case"] > 0
    assert uitkomst["load_avg_before"] >= 0 and uitkomst["load_avg_end"] >= 0


@pytest.mark.slow
def test_throughput_overleeft_oproepen_die_allemaal_verlopen() -> None:
    """A 1 ms deadline fails every call: the run still ends in its JSON line, with them counted."""
    uitkomst = _laatste_json(
        "benchmarks.throughput", "--cases", "3", "--gelijktijdig", "3", "--rpc-timeout", "0.001", "--pogingen", "2"
    )
    mislukt = uitkomst["failed_calls"]
    assert mislukt["total"] == mislukt["start"] + mislukt["update"] + mislukt["query"] > 0
    assert uitkomst["failed_cases"]["nareis"] + uitkomst["register_checked_cases"] == 3


@pytest.mark.slow
def test_capacity_van_begin_tot_eind() -> None:
    uitkomst = _laatste_json("benchmarks.capacity", "--cases", "20", "--cache", "5")
    assert uitkomst["open_cases"] == 20
    sleutels = ("worker_rss_mb", "server_rss_mb", "query_p99_ms", "start_all_s")
    for sleutel in (*sleutels, "query_idle_cached_p99_ms", "query_idle_evicted_p99_ms"):
        assert uitkomst[sleutel] > 0, sleutel
    assert uitkomst["failed_calls"]["total"] == 0
    # read from the worker's own /metrics: a full collection need not have come in 20 cases
    assert set(uitkomst["worker_gc_full"]) == {"count", "mean_ms", "over_500_ms"}
    assert uitkomst["load_avg_before"] >= 0 and uitkomst["load_avg_end"] >= 0
