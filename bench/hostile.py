"""Hostile-load benchmark: do normal clients keep their latency while others attack?

    .venv/bin/python bench/hostile.py [--seconds 180] [--alone-seconds 60]

Builds a store from data/records (into a temporary directory), starts `kg serve
--production` with its defaults on a free port, and measures 20 normal clients (plain
SPARQL GETs of the kinds people send: listings, lookups, counts) first alone, then while
4 hostile clients send pathological queries for `--seconds`: two send cross products that
run into the time limit, two send 5 000 nested groups or OPTIONALs (10 KB and more) as
fast as they are answered. Prints the
normal clients' p50/p95 in both phases, the ratio of the p95s (target: at most 2), the
answers and errors counted, and what the hostile clients got back.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import multiprocessing
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import config  # noqa: E402
from kg.store.build import build  # noqa: E402

NORMAL_CLIENTS = 20
HOSTILE_CLIENTS = 4
JSON = "application/sparql-results+json"
KUHY = "PREFIX kuhy: <https://w3id.org/kuhy/ontology#> "
NORMAL_QUERIES = [
    KUHY + "SELECT ?p ?title WHERE { ?p a kuhy:Project ; kuhy:title ?title } "
    "ORDER BY ?p LIMIT 10 OFFSET {n}",
    KUHY + "SELECT ?o ?label WHERE { ?o a kuhy:Organisation ; "
    "<http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?o LIMIT 10 OFFSET {n}",
    "SELECT ?type (COUNT(?s) AS ?n) WHERE { ?s a ?type } GROUP BY ?type LIMIT {n}",
    KUHY + "ASK { ?p a kuhy:Project ; kuhy:startDate ?d FILTER(YEAR(?d) = {year}) }",
]
CROSS_PRODUCT = ("SELECT (COUNT(*) AS ?n) WHERE {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . "
                 "?j ?k ?l FILTER(?a != <urn:bench:{n}>) }}")  # a new text each time: no cache
DEEP_GROUPS = "SELECT * WHERE " + "{ " * 5000
DEEP_OPTIONALS = "ASK { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o " * 5000


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int | str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, status: int | str, seconds: float | None) -> None:
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if status == 200 and seconds is not None:
                self.latencies.append(seconds)
            elif status != 200:
                self.errors += 1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _normal_query(counter: int) -> str:
    template = NORMAL_QUERIES[counter % len(NORMAL_QUERIES)]
    return template.replace("{n}", str(counter % 7 + 1)).replace(
        "{year}", str(2015 + counter % 10))


def _get(connection: http.client.HTTPConnection, query: str) -> int:
    connection.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}),
                       headers={"Accept": JSON})
    response = connection.getresponse()
    response.read()
    return response.status


def _post(connection: http.client.HTTPConnection, query: str) -> int:
    connection.request("POST", "/sparql", body=query.encode(),
                       headers={"Accept": JSON, "Content-Type": "application/sparql-query"})
    response = connection.getresponse()
    response.read()
    return response.status


def _hostile_request(connection: http.client.HTTPConnection, seed: int, counter: int) -> int:
    """Half the hostile clients send cross products (each runs to the time limit), the
    other half deeply nested queries as fast as they are answered."""
    if seed % 2 == 0:
        return _get(connection, CROSS_PRODUCT.format(n=counter))
    return _post(connection, DEEP_GROUPS if counter % 2 else DEEP_OPTIONALS)


def _client(port: int, until: float, tally: Tally, hostile: bool, seed: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    for counter in itertools.count(seed * 1000):
        if time.monotonic() >= until:
            break
        started = time.perf_counter()
        try:
            if hostile:
                status = _hostile_request(connection, seed, counter)
            else:
                status = _get(connection, _normal_query(counter))
        except (OSError, http.client.HTTPException) as error:
            status = type(error).__name__
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        tally.add(status, time.perf_counter() - started)
    connection.close()


def _clients(port: int, seconds: float, hostile: bool, count: int) -> Tally:
    tally = Tally()
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=_client, args=(port, until, tally, hostile, index))
               for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally


def _attack(port: int, seconds: float, results: multiprocessing.Queue) -> None:
    results.put(_clients(port, seconds, True, HOSTILE_CLIENTS).statuses)


def _run(port: int, seconds: float, hostile: bool) -> tuple[Tally, dict]:
    """The normal clients for `seconds`, with the hostile ones in another process (so they
    never hold this process's interpreter lock while a normal client is being timed)."""
    if not hostile:
        return _clients(port, seconds, False, NORMAL_CLIENTS), {}
    results: multiprocessing.Queue = multiprocessing.Queue()
    attacker = multiprocessing.Process(target=_attack, args=(port, seconds, results))
    attacker.start()
    normal = _clients(port, seconds, False, NORMAL_CLIENTS)
    statuses = results.get(timeout=seconds + 300)
    attacker.join()
    return normal, statuses


def _percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _line(name: str, tally: Tally, seconds: float) -> str:
    p50 = statistics.median(tally.latencies) * 1000 if tally.latencies else float("nan")
    p95 = _percentile(tally.latencies, 0.95) * 1000
    rate = len(tally.latencies) / seconds
    return (f"{name:22s} answers {len(tally.latencies):6d} ({rate:6.1f}/s)  "
            f"errors {tally.errors:4d}  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")


def _start_server(store_root: Path, cache_dir: Path) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT), KUHY_RESULT_CACHE_DIR=str(cache_dir))
    command = [sys.executable, "-c", "from kg.cli import main; main()", "serve",
               "--production", "--port", str(port), "--store", str(store_root)]
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", "/health")
            health = json.loads(connection.getresponse().read())
            if health.get("warmup", {}).get("state") in ("done", "off"):
                return process, port
        except (OSError, ValueError, http.client.HTTPException):
            pass
        time.sleep(0.5)
    os.killpg(process.pid, signal.SIGTERM)
    raise SystemExit("kg serve --production did not come up")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=180,
                        help="how long the hostile clients attack (default 180)")
    parser.add_argument("--alone-seconds", type=float, default=60,
                        help="how long the normal clients are measured alone (default 60)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kuhy-hostile-") as temp:
        store_root, cache_dir = Path(temp) / "store", Path(temp) / "cache"
        result = build(records_dir=config.RECORDS_DIR, texts_dir=config.TEXTS_DIR,
                       store_root=store_root)
        print(f"store: {result.documents} documents from data/records", flush=True)
        process, port = _start_server(store_root, cache_dir)
        try:
            _run(port, 10, hostile=False)  # warm the pools and caches, not counted
            alone, _ = _run(port, args.alone_seconds, hostile=False)
            loaded, attack = _run(port, args.seconds, hostile=True)
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=60)
    print(f"kg serve --production defaults; {NORMAL_CLIENTS} normal clients, "
          f"{HOSTILE_CLIENTS} hostile clients for {args.seconds:g} s")
    print(_line("normal, alone", alone, args.alone_seconds))
    print(_line("normal, under attack", loaded, args.seconds))
    ratio = _percentile(loaded.latencies, 0.95) / _percentile(alone.latencies, 0.95)
    print(f"p95 ratio under attack / alone: {ratio:.2f} (target <= 2)")
    print(f"normal answers by status: alone {alone.statuses}, under attack {loaded.statuses}")
    print(f"hostile requests by status: {attack}")


if __name__ == "__main__":
    main()
