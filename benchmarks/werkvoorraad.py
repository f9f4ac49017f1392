"""How fast the werkvoorraad answers with many open cases (issue #10: under 300 ms with 10,000).

    python -m benchmarks.werkvoorraad [--aantal 10000] [--herhalingen 20]

A Temporal dev server (SQL visibility, as `worker dev`) gets `--aantal` running
`Nareisaanvraag` workflows on a task queue no worker polls: they stay open and carry the
search attributes a real case sets (phase, end of the beslistermijn, suspended, referent,
dossier, relation), which is all the werkvoorraad reads. The screens run in-process on the
API's app; each URL is asked `--herhalingen` times after one warm-up, and the median, p95 and
maximum (query, rendering, all of it) are printed; the last line is the second page. Exit status 1 when a median is
300 ms or more.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from temporalio.client import Client
from temporalio.common import SearchAttributePair, TypedSearchAttributes

from api.app import ApiInstellingen, maak_app
from api.identiteit import Rol, TokenProvider
from benchmarks.stack import vrije_poort, wacht_op_poort
from client import visibility
from client.connect import verbind
from client.settings import Instellingen
from nareis.contract import WORKFLOW_TYPE, workflow_id
from nareis.tijd import begin_van, datum_in_amsterdam
from worker.dev import start_temporal, stop_proces

GRENS_MS = 300
TAAKRIJ = "werkvoorraad-bench-zonder-worker"
FASEN = ("ontvangen", "herstel_verzuim", "nader_onderzoek", "beoordeling")
RELATIES = ("echtgenoot", "partner", "kind", "ouder")
URLS = (
    "/werkvoorraad",
    "/werkvoorraad?binnen=30",
    "/werkvoorraad?binnen=60&fase=beoordeling",
    "/werkvoorraad?verlopen=ja",
    "/werkvoorraad?opgeschort=ja",
)


def _attributen(i: int, vandaag: date, kans: random.Random) -> TypedSearchAttributes:
    einde = vandaag + timedelta(days=kans.randint(-20, 300))
    return TypedSearchAttributes(
        [
            SearchAttributePair(visibility.FASE, kans.choice(FASEN)),
            SearchAttributePair(visibility.BESLISTERMIJN_EINDE, begin_van(einde)),
            SearchAttributePair(visibility.OPGESCHORT, kans.random() < 0.2),
            SearchAttributePair(visibility.REFERENT, f"{i // 3:010d}"),
            SearchAttributePair(visibility.DOSSIER, f"NR-2026-{i // 3:06d}"),
            SearchAttributePair(visibility.RELATIE, kans.choice(RELATIES)),
        ]
    )


async def vul(client: Client, aantal: int) -> None:
    """`aantal` open cases, 64 starts at a time."""
    vandaag = datum_in_amsterdam(datetime.now(UTC))
    kans = random.Random(10)
    slot = asyncio.Semaphore(64)

    async def start(i: int) -> None:
        async with slot:
            await client.start_workflow(
                WORKFLOW_TYPE,
                {},
                id=workflow_id(f"NR-2026-{i // 3:06d}-{i % 3 + 1}"),
                task_queue=TAAKRIJ,
                search_attributes=_attributen(i, vandaag, kans),
            )

    await asyncio.gather(*(start(i) for i in range(aantal)))
    vraag = visibility.query()
    while True:  # visibility trails the starts
        if await visibility.count(client, vraag) >= aantal:
            return
        await asyncio.sleep(0.5)


async def meet(client: Client, adres: str, herhalingen: int) -> dict[str, list[float]]:
    token = "bench-behandelaar"
    app = maak_app(
        Instellingen(temporal_address=adres, task_queue=TAAKRIJ),
        client,
        api=ApiInstellingen(),
        identiteit=TokenProvider([(token, Rol.BEHANDELAAR, "bench")]),
    )
    tijden: dict[str, list[float]] = {}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as browser:
        pagina = await browser.get("/inloggen")
        csrf = re.search(r'name="csrf" value="([^"]+)"', pagina.text).group(1)  # type: ignore[union-attr]
        antwoord = await browser.post("/inloggen", data={"csrf": csrf, "token": token})
        assert antwoord.status_code == 303, antwoord.text
        eerste = await browser.get(URLS[0])
        volgende = re.search(r'href="([^"]+)" rel="next"', eerste.text)
        assert volgende, "geen tweede pagina"
        for url in (*URLS, html.unescape(volgende.group(1))):
            (await browser.get(url)).raise_for_status()  # warm-up
            tijden[url] = []
            for _ in range(herhalingen):
                begin = time.perf_counter()
                antwoord = await browser.get(url)
                tijden[url].append((time.perf_counter() - begin) * 1000)
                antwoord.raise_for_status()
                assert "/zaken/NR-2026-" in antwoord.text or "Geen open zaken" in antwoord.text
    return tijden


def rapport(tijden: dict[str, list[float]], aantal: int) -> bool:
    print(f"werkvoorraad met {aantal} open zaken (ms: mediaan / p95 / max; grens {GRENS_MS} ms mediaan)")
    goed = True
    for url, reeks in tijden.items():
        reeks = sorted(reeks)
        mediaan = statistics.median(reeks)
        p95 = reeks[min(len(reeks) - 1, int(0.95 * len(reeks)))]
        goed &= mediaan < GRENS_MS
        print(f"  {url[:45]:45} {mediaan:7.1f} / {p95:7.1f} / {reeks[-1]:7.1f}")
    print("binnen de grens" if goed else "TE TRAAG")
    return goed


async def hoofd(aantal: int, herhalingen: int) -> bool:
    map_ = Path(tempfile.mkdtemp(prefix="nareis-bench-werkvoorraad-"))
    poort = vrije_poort()
    temporal = start_temporal(map_, poort, vrije_poort(), None)
    try:
        wacht_op_poort(poort, temporal, map_ / "temporal.log")
        adres = f"127.0.0.1:{poort}"
        client = await verbind(Instellingen(temporal_address=adres))
        begin = time.monotonic()
        await vul(client, aantal)
        print(f"{aantal} zaken gestart en zichtbaar in {time.monotonic() - begin:.0f} s", file=sys.stderr)
        return rapport(await meet(client, adres, herhalingen), aantal)
    finally:
        stop_proces(temporal)
        shutil.rmtree(map_, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--aantal", type=int, default=10_000)
    parser.add_argument("--herhalingen", type=int, default=20)
    args = parser.parse_args()
    return 0 if asyncio.run(hoofd(args.aantal, args.herhalingen)) else 1


if __name__ == "__main__":
    sys.exit(main())
