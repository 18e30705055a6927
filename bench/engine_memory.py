"""Memory of the engines' query processes: the build in memory in the store server whose
threads are the query workers (KUHY_ENGINE=memory), against the same store loaded once by a
lone process, and against workers that open the on-disk store (KUHY_ENGINE=disk).

    .venv/bin/python bench/engine_memory.py [--sizes 10000 50000] [--workers 4]

Per size it prints the proportional set size (PSS: shared pages divided among the
processes sharing them, from /proc/<pid>/smaps_rollup) of: one process holding the store in
memory; the store server after every worker has answered full scans, one at a time and
all at once; the disk workers after the same queries. The target of
issue 15 is memory for all serving processes together <= 1.5x one in-memory store.
Stores come from bench/serve.py's synthetic generator (var/bench/serve-<N>/).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from serve import synthetic_store  # noqa: E402

from server.engine import QueryRequest  # noqa: E402
from server.engine.embedded import EmbeddedEngine  # noqa: E402
from server.settings import Settings  # noqa: E402

SCANS = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p",
    "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }",
]
LONE = """
import sys, time
from server.engine.worker import in_memory
store = in_memory(sys.argv[1])
store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
print("loaded", flush=True)
time.sleep(3600)
"""


def pss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no Pss for {pid}")


def lone_store(path: Path) -> float:
    """PSS of one process that loaded the store into memory and scanned it once."""
    process = subprocess.Popen([sys.executable, "-c", LONE, str(path)], cwd=ROOT,
                               stdout=subprocess.PIPE, env={"PYTHONPATH": str(ROOT)})
    try:
        process.stdout.readline()
        return pss_mib(process.pid)
    finally:
        process.kill()
        process.wait()
        process.stdout.close()


def engine_processes(path: Path, workers: int, in_memory: bool) -> tuple[float, int, float]:
    """(PSS of all query processes in MiB, how many, seconds the first worker took to be
    ready) after every worker has answered every scan."""
    settings = Settings(store_root=path, query_workers=workers, result_cache_bytes=0,
                        result_cache_dir=None, warmup=False, query_timeout_s=600)
    started = time.monotonic()
    engine = EmbeddedEngine(settings, in_memory=in_memory)
    try:
        pool = engine.pool
        ready_s = time.monotonic() - started
        for _ in range(workers):
            for query in SCANS:
                engine.select(query, timeout=600)
        for query in SCANS:  # all workers busy at once: each one scans
            results = [engine.execute(QueryRequest(query, "json", None)) for _ in range(workers)]
            for result in results:
                b"".join(result)
                result.close()
        if pool._store_server is not None:  # its threads are the workers
            pids = [pool._store_server.pid]
        else:
            pids = [worker.proc.pid for worker in list(pool._workers)]
        return sum(pss_mib(pid) for pid in pids), len(pids), ready_s
    finally:
        engine.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    print(f"{'projects':>9s} {'quads':>9s} {'on disk':>9s} {'lone mem':>9s} "
          f"{'memory engine':>14s} {'ratio':>6s} {'load s':>7s} {'disk engine':>12s}")
    for projects in args.sizes:
        path = synthetic_store(projects)
        quads = (path / "READY").read_text().split(",")[1].split()[0]
        disk_mib = sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20
        lone = lone_store(path)
        memory, processes, ready_s = engine_processes(path, args.workers, in_memory=True)
        disk, disk_processes, _ = engine_processes(path, args.workers, in_memory=False)
        print(f"{projects:9d} {quads:>9s} {disk_mib:7.0f}Mi {lone:7.0f}Mi "
              f"{memory:8.0f}Mi ({processes}) {memory / lone:6.2f} {ready_s:7.1f} "
              f"{disk:8.0f}Mi ({disk_processes})", flush=True)


if __name__ == "__main__":
    main()
