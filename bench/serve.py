"""Serve benchmark: our endpoint (gunicorn + Flask + killable query pool) against a bare
WSGI app calling pyoxigraph directly, side by side in the same run, on synthetic stores.

    .venv/bin/python bench/serve.py [--sizes 10000 100000] [--seconds 20] [--concurrency 4]
        [--engine memory|disk|remote --remote-query-url URL] [--bare memory|disk]

Prints, per store size and query shape: requests/s of ours and of the bare app, their
ratio, p50 and p95 latency; p95 per canned query (kg/queries); resource pages p95
(/id/project/<key> -> 303 -> HTML page); and the p95 of other queries while a
pathological query runs into the time limit. `--engine` is our KUHY_ENGINE (remote: the
endpoint must already hold the same synthetic store, see bench/virtuoso.py); the bare app
holds the store in memory (`--bare memory`, each of its processes a copy) or opens it on
disk. Stores are generated once into
var/bench/serve-<N>/ with the synthetic generator of bench/queries.py (about 45 quads
per project) and reused.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import queries as synthetic  # noqa: E402  (bench/queries.py: the shared synthetic generator)

from kg.queries import load_queries  # noqa: E402
from server.commands import SERVING_PROCESSES, SERVING_THREADS  # noqa: E402

ID = "https://w3id.org/kuhy/id/"
PREFIXES = ("PREFIX kuhy: <https://w3id.org/kuhy/ontology#> "
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> ")
JSON = "application/sparql-results+json"
TURTLE = "text/turtle"
PATHOLOGICAL = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
GUNICORN = ["--workers", "2", "--worker-class", "gthread", "--threads", "4",
            "--limit-request-line", "0", "--log-level", "warning", "--timeout", "900"]
# ours as `kg serve --production` runs it: threaded workers, queries in the killable pool
OURS_PRODUCTION = ["--workers", str(SERVING_PROCESSES), "--worker-class",
                   "server.gunicorn_worker.ReadTimeoutThreadWorker",
                   "--threads", str(SERVING_THREADS),
                   "--limit-request-line", "0", "--log-level", "warning", "--timeout", "900"]
START_S = 900  # the memory engine loads the store before its first answer
MUNICIPALITIES = [f"{code:03d}" for code in range(1, 1000, 3)]


# --- the bare app: gunicorn imports this module as serve:bare_app --------------------

_bare_store: ox.Store | None = None


def bare_app(environ: dict, start_response: Callable) -> list[bytes]:
    """Minimal WSGI: ?query= -> pyoxigraph -> JSON results or Turtle, nothing else."""
    global _bare_store
    if _bare_store is None:
        _bare_store = ox.Store.read_only(os.environ["KUHY_STORE"])
        if os.environ.get("BARE_MEMORY") == "1":
            from server.engine.worker import in_memory

            _bare_store = in_memory(os.environ["KUHY_STORE"])
    query = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))["query"][0]
    result = _bare_store.query(query, use_default_graph_as_union=True)
    if isinstance(result, ox.QueryTriples):
        body, media_type = result.serialize(format=ox.RdfFormat.TURTLE), TURTLE
    else:
        body, media_type = result.serialize(format=ox.QueryResultsFormat.JSON), JSON
    start_response("200 OK", [("Content-Type", media_type), ("Content-Length", str(len(body)))])
    return [body]


# --- stores ---------------------------------------------------------------------------------

def synthetic_store(projects: int) -> Path:
    directory = ROOT / "var" / "bench" / f"serve-{projects}"
    if (directory / "READY").exists():
        return directory
    started = time.perf_counter()
    directory.mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(directory))
    rng = random.Random(7)
    orgs = max(len(synthetic.NAMED_ORGS) + 200, projects // 20)
    reference = ox.NamedNode("https://w3id.org/kuhy/graph/reference")
    store.bulk_extend(synthetic.reference(reference))
    store.bulk_extend(synthetic.labels(orgs, reference))
    for first in range(0, projects, 10_000):
        last = min(first + 10_000, projects)
        store.bulk_extend(q for n in range(first, last) for q in synthetic.project(n, rng, orgs))
    store.optimize()
    quads = len(store)
    del store
    (directory / "READY").write_text(f"{projects} projects, {quads} quads\n")
    print(f"generated {directory.name}: {quads} quads in {time.perf_counter() - started:.0f} s",
          flush=True)
    return directory


# --- query shapes ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Shape:
    name: str
    accept: str
    make: Callable[[random.Random, int], str]  # (rng, projects) -> SPARQL


CANNED_BY_NAME = {query.name: query.sparql for query in load_queries()}
CANNED = list(CANNED_BY_NAME.values())
SHAPES = [
    Shape("lookup", JSON,
          lambda r, n: f"SELECT ?p ?o WHERE {{ <{ID}project/{r.randrange(n)}> ?p ?o }}"),
    Shape("filter-text", JSON, lambda r, n: PREFIXES + "SELECT ?p ?t WHERE { ?p a kuhy:Project ; "
          f'kuhy:title ?t FILTER(STRSTARTS(?t, "Hanke {r.randrange(1, n)}")) }} LIMIT 20'),
    Shape("filter-range", JSON, lambda r, n: PREFIXES + "SELECT ?f ?a WHERE { ?f kuhy:amount ?a "
          f"FILTER(?a >= {(x := r.randrange(500) * 1000)} && ?a < {x + 1000}) }} LIMIT 100"),
    Shape("aggregate", JSON, lambda r, n: PREFIXES + "SELECT ?region (COUNT(?p) AS ?n) "
          "WHERE { ?p kuhy:region ?region } GROUP BY ?region ORDER BY DESC(?n)"),
    Shape("join-3hop", JSON, lambda r, n: PREFIXES + "SELECT ?p ?label WHERE { "
          "?p kuhy:municipality "
          f"<{ID}municipality/{r.choice(MUNICIPALITIES)}> ; kuhy:hasParticipation ?part . "
          "?part kuhy:organisation ?org . ?org skos:prefLabel ?label }"),
    Shape("optional-list", JSON, lambda r, n: PREFIXES + "SELECT ?p ?title ?end ?amount WHERE { "
          f"?part kuhy:organisation <{ID}organisation/{r.randrange(max(203, n // 20))}> . "
          "?p kuhy:hasParticipation ?part ; kuhy:title ?title . OPTIONAL { ?p kuhy:endDate ?end } "
          "OPTIONAL { ?p kuhy:hasFunding/kuhy:amount ?amount } }"),
    Shape("describe", TURTLE, lambda r, n: f"DESCRIBE <{ID}project/{r.randrange(n)}>"),
    Shape("canned", JSON, lambda r, n: r.choice(CANNED)),
]
MIX = [s for s in SHAPES if s.name in ("lookup", "join-3hop", "optional-list", "describe")]
# the three heavy researcher queries issue 15 measured engines on (count by region and year,
# the listing with seven OPTIONALs, co-partner pairs): canned queries, by --shapes only
HEAVY = [Shape(name, JSON, lambda r, n, canned=canned: CANNED_BY_NAME[canned])
         for name, canned in (("region-year", "funding_by_region_and_year"),
                              ("listing-7-optionals", "programmes_and_funders"),
                              ("co-partners", "co_partnership_pairs"))]
ALL_SHAPES = SHAPES + HEAVY


# --- load generation ------------------------------------------------------------------------

def _request(connection: http.client.HTTPConnection, path: str, accept: str) -> tuple[int, str]:
    connection.request("GET", path, headers={"Accept": accept})
    response = connection.getresponse()
    response.read()
    return response.status, response.getheader("Location") or ""


def _client(job: tuple) -> tuple[list[float], int]:
    """One client: requests back to back for `seconds`; latencies in ms and errors."""
    port, kind, shape_name, seconds, seed, projects = job
    rng = random.Random(seed)
    shape = next((s for s in ALL_SHAPES if s.name == shape_name), None)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    latencies, errors = [], 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            if kind == "page":
                status, location = _request(connection, f"/id/project/{rng.randrange(projects)}",
                                            "text/html")
                if status == 303:
                    status, _ = _request(connection, location, "text/html")
            else:
                if shape_name == "mix":
                    shape = rng.choice(MIX)
                query = shape.make(rng, projects)
                status, _ = _request(connection, "/sparql?" + urllib.parse.urlencode(
                    {"query": query}), shape.accept)
        except (OSError, http.client.HTTPException):
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            status = 0
        elapsed = (time.perf_counter() - started) * 1000
        if status != 200:
            errors += 1
            continue
        latencies.append(elapsed)
    return latencies, errors


@dataclass
class Run:
    requests: int
    seconds: float
    errors: int
    latencies: list[float]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def pct(self, q: float) -> float:
        return percentile(self.latencies, q)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))]


def load(port: int, kind: str, shape: str, seconds: float, clients: int, projects: int) -> Run:
    jobs = [(port, kind, shape, seconds, 1000 + i, projects) for i in range(clients)]
    with multiprocessing.get_context("fork").Pool(clients) as pool:
        started = time.monotonic()
        outcomes = pool.map(_client, jobs)
        elapsed = time.monotonic() - started
    latencies = [ms for outcome in outcomes for ms in outcome[0]]
    return Run(len(latencies), min(elapsed, seconds + 0.5), sum(o[1] for o in outcomes),
               latencies)


def merge(runs: list[Run]) -> Run:
    return Run(sum(r.requests for r in runs), sum(r.seconds for r in runs),
               sum(r.errors for r in runs), [ms for r in runs for ms in r.latencies])


def interleaved(ours: int, bare: int, shape: str, args: argparse.Namespace,
                projects: int) -> tuple[Run, Run]:
    """Alternate short slices of ours and bare so both see the same background load."""
    slice_s = args.seconds / args.rounds
    mine, theirs = [], []
    for _ in range(args.rounds):
        mine.append(load(ours, "sparql", shape, slice_s, args.concurrency, projects))
        theirs.append(load(bare, "sparql", shape, slice_s, args.concurrency, projects))
    return merge(mine), merge(theirs)


# --- servers --------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(app: str, store: Path, extra_env: dict[str, str],
                 gunicorn: list[str] = GUNICORN) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    env = dict(os.environ, KUHY_STORE=str(store), PYTHONPATH=str(ROOT), **extra_env)
    command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}",
               "--pythonpath", str(ROOT / "bench"), *gunicorn, app]
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            if _request(connection, "/sparql?query=ASK%7B%7D", JSON)[0] == 200:
                return process, port
        except OSError:
            time.sleep(0.3)
    stop_server(process)
    raise SystemExit(f"{app} did not start on port {port}")


def wait_for_warmup(port: int, seconds: float = 1800) -> str:
    """Our server pins the canned answers after start (server.engine.warmup), as after each
    build; measuring starts when that is done, as a deployment would wait for readiness."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/health")
        warmup = json.loads(connection.getresponse().read()).get("warmup", {})
        if warmup.get("state") in ("done", "off"):
            return (f"our warm-up: {warmup.get('pinned', 0)} of {warmup.get('queries', 0)} "
                    f"canned answers pinned in {warmup.get('seconds', 0):.1f} s"
                    f" (failed: {', '.join(warmup.get('failed', [])) or 'none'})"
                    if warmup["state"] == "done" else "our warm-up: off")
        time.sleep(0.5)
    return f"our warm-up: not done after {seconds:g} s"


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


# --- the benchmark --------------------------------------------------------------------------

def bench_size(projects: int, args: argparse.Namespace, report: list[str]) -> None:
    store = synthetic_store(projects)
    ours_env = {"KUHY_QUERY_TIMEOUT": str(args.timeout), "KUHY_ENGINE": args.engine,
                "KUHY_REMOTE_QUERY_URL": args.remote_query_url,
                "KUHY_REMOTE_UNION_PARAMETER": args.remote_union_parameter}
    if args.no_cache:
        ours_env["KUHY_RESULT_CACHE_BYTES"] = "0"
    # a fresh shared result cache: nothing from an earlier run is served
    cache_dir = tempfile.mkdtemp(prefix="kuhy-bench-cache-")
    ours_env["KUHY_RESULT_CACHE_DIR"] = cache_dir
    ours, ours_port = start_server("server.wsgi:app", store, ours_env,
                                   GUNICORN if args.ours_threaded else OURS_PRODUCTION)
    bare, bare_port = start_server("serve:bare_app", store,
                                   {"BARE_MEMORY": "1" if args.bare == "memory" else "0"})
    try:
        print(wait_for_warmup(ours_port), flush=True)
        for port in (ours_port, bare_port):  # warm both: pools, page cache
            load(port, "sparql", "mix", 2, args.concurrency, projects)
        print(f"\n== {projects} projects ({(store / 'READY').read_text().strip()}), "
              f"concurrency {args.concurrency}, {args.seconds:g} s per shape and server, "
              f"our result cache {'off' if args.no_cache else 'on'}, ours on "
              f"{'2 gthread workers' if args.ours_threaded else 'kg serve --production'}, "
              f"our engine {args.engine}, bare on {args.bare} ==")
        print(f"{'shape':14s} {'ours req/s':>10s} {'bare req/s':>10s} {'ratio':>6s} "
              f"{'ours p50':>9s} {'ours p95':>9s} {'bare p50':>9s} {'bare p95':>9s} {'err':>4s}")
        for shape in (s for s in ALL_SHAPES if s.name in args.shapes):
            mine, theirs = interleaved(ours_port, bare_port, shape.name, args, projects)
            ratio = mine.rate / theirs.rate if theirs.rate else float("nan")
            print(f"{shape.name:14s} {mine.rate:10.1f} {theirs.rate:10.1f} {ratio:6.2f} "
                  f"{mine.pct(50):7.1f}ms {mine.pct(95):7.1f}ms {theirs.pct(50):7.1f}ms "
                  f"{theirs.pct(95):7.1f}ms {mine.errors + theirs.errors:4d}", flush=True)
            report.append(f"{projects} {shape.name} ratio {ratio:.2f} "
                          + ("PASS" if ratio >= 0.8 else "FAIL (target >= 0.8)"))
        _canned_table(ours_port, bare_port, projects, args, report)
        if not args.only_shapes:
            _pages(ours_port, projects, args, report)
            _pathological(ours_port, projects, args, report)
    finally:
        stop_server(ours)
        stop_server(bare)
        shutil.rmtree(cache_dir, ignore_errors=True)


def _timed_sequence(port: int, query: str, budget_s: float, most: int) -> tuple[list[float], int]:
    """Up to `most` requests one after another, within about `budget_s`."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    path = "/sparql?" + urllib.parse.urlencode({"query": query})
    latencies, errors, deadline = [], 0, time.monotonic() + budget_s
    while len(latencies) + errors < most and time.monotonic() < deadline:
        started = time.perf_counter()
        status, _ = _request(connection, path, JSON)
        if status == 200:
            latencies.append((time.perf_counter() - started) * 1000)
        else:
            errors += 1
    return latencies, errors


def _canned_table(ours: int, bare: int, projects: int, args: argparse.Namespace,
                  report: list[str]) -> None:
    """Each canned query alone, one request at a time, on ours and on the bare app; `1st`
    is ours evaluating it (a unique comment keeps the result cache out of that one)."""
    print(f"canned queries (kg/queries) at {projects} projects, sequential requests:")
    print(f"  {'query':36s} {'n':>3s} {'ours 1st':>9s} {'ours p50':>9s} {'ours p95':>9s} "
          f"{'bare p50':>9s} {'bare p95':>9s} {'err':>4s}")
    budget = max(2.0, args.seconds / 2)
    for query in load_queries():
        uncached, _ = _timed_sequence(ours, f"{query.sparql}\n# {random.random()}", budget, 1)
        # an uncached evaluation past the time limit is answered 503: shown as "> limit"
        first_text = f"{uncached[0]:7.1f}ms" if uncached else f"> {args.timeout:g} s"
        mine, my_errors = _timed_sequence(ours, query.sparql, budget, 20)
        theirs, their_errors = _timed_sequence(bare, query.sparql, budget, 20)
        p95 = percentile(mine, 95)
        print(f"  {query.name:36s} {len(mine):3d} {first_text:>9s} {percentile(mine, 50):7.1f}ms "
              f"{p95:7.1f}ms "
              f"{percentile(theirs, 50):7.1f}ms {percentile(theirs, 95):7.1f}ms "
              f"{my_errors + their_errors:4d}", flush=True)
        if projects >= 100_000:
            verdict = "PASS" if p95 < 100 else "FAIL (target < 100 ms)"
            report.append(f"{projects} canned {query.name} p95 {p95:.1f} ms {verdict}"
                          f" (first uncached {first_text.strip()})"
                          + (f", {my_errors} over the time limit" if my_errors else ""))


def _pages(port: int, projects: int, args: argparse.Namespace, report: list[str]) -> None:
    run = load(port, "page", "page", args.seconds, args.concurrency, projects)
    if not run.latencies:
        print(f"resource pages: no page answered 200 ({run.errors} errors) — pages not served")
        report.append(f"{projects} pages: NOT SERVED")
        return
    print(f"resource pages (/id/project/<key> -> 303 -> HTML): {run.rate:.1f} req/s, "
          f"p50 {run.pct(50):.1f} ms, p95 {run.pct(95):.1f} ms, errors {run.errors}")
    report.append(f"{projects} pages p95 {run.pct(95):.1f} ms "
                  + ("PASS" if run.pct(95) < 50 else "FAIL (target < 50 ms)"))


def _pathological(port: int, projects: int, args: argparse.Namespace, report: list[str]) -> None:
    clients = max(1, args.concurrency - 1)
    baseline = load(port, "sparql", "mix", args.seconds, clients, projects)
    killer = multiprocessing.get_context("fork").Process(
        target=_pathological_client, args=(port, args.seconds + 1), daemon=True)
    killer.start()
    time.sleep(0.5)
    during = load(port, "sparql", "mix", args.seconds, clients, projects)
    killer.join()
    factor = during.pct(95) / baseline.pct(95)
    print(f"other queries (lookup/join/list/describe mix, {clients} clients): "
          f"p95 {baseline.pct(95):.1f} ms alone, {during.pct(95):.1f} ms while a "
          "pathological query runs into the "
          f"{args.timeout:g} s limit ({factor:.2f}x); errors {during.errors}")
    report.append(f"{projects} p95 during pathological query {factor:.2f}x "
                  + ("PASS" if factor <= 2 else "FAIL (target <= 2x)"))


def _pathological_client(port: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        started = time.monotonic()
        status, _ = _request(connection, "/sparql?" + urllib.parse.urlencode(
            {"query": PATHOLOGICAL}), JSON)
        print(f"  pathological query answered {status} after {time.monotonic() - started:.1f} s",
              flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--shapes", nargs="+", default=[s.name for s in SHAPES],
                        choices=[s.name for s in ALL_SHAPES],
                        help="the eight shapes by default; also: "
                             + ", ".join(s.name for s in HEAVY))
    parser.add_argument("--only-shapes", action="store_true",
                        help="skip the pages and pathological-query measurements")
    parser.add_argument("--rounds", type=int, default=4,
                        help="alternating slices of ours and bare per shape")
    parser.add_argument("--no-cache", action="store_true",
                        help="run ours with the result cache off (KUHY_RESULT_CACHE_BYTES=0)")
    parser.add_argument("--ours-threaded", action="store_true",
                        help="run ours on the 2 gthread workers bare runs on "
                             "(default: as `kg serve --production`)")
    parser.add_argument("--timeout", type=float, default=10,
                        help="our query time limit (s) during the bench")
    parser.add_argument("--engine", choices=["memory", "disk", "remote"], default="memory",
                        help="our KUHY_ENGINE")
    parser.add_argument("--remote-query-url", default="",
                        help="KUHY_REMOTE_QUERY_URL for --engine remote")
    parser.add_argument("--remote-union-parameter", default="",
                        help="KUHY_REMOTE_UNION_PARAMETER for --engine remote")
    parser.add_argument("--bare", choices=["memory", "disk"], default="memory",
                        help="the bare app's pyoxigraph store: in memory or on disk")
    args = parser.parse_args()
    report: list[str] = []
    for projects in args.sizes:
        bench_size(projects, args, report)
    print("\n== targets ==")
    print("\n".join(report))
    ratios = [float(line.split()[3]) for line in report if " ratio " in line]
    print(f"cpus: {os.cpu_count()}, load average now: {os.getloadavg()[0]:.2f}, "
          f"median ratio {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()
