"""kuhy in front of Virtuoso 7 (Debian's virtuoso-opensource) against kuhy on its embedded
engines, on the synthetic stores of bench/serve.py, in one run.

    .venv/bin/python bench/virtuoso.py [--sizes 50000] [--seconds 10] [--engines memory disk remote]

Installs virtuoso-opensource with apt-get if `virtuoso-t` is missing, starts its own
Virtuoso on free ports over var/bench/virtuoso-<N>/ (never the system instance), loads the
store with Virtuoso's bulk loader from an N-Quads dump (a Graph Store PUT per project
graph, as `kg publish` does, is correct but slow at 50 000 graphs), runs bench/serve.py once
per engine (`--engine remote` pointed at this Virtuoso), and stops Virtuoso by its pid.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from serve import _free_port, stop_server, synthetic_store  # noqa: E402

DEBIAN_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
DEBIAN_DB = "/var/lib/virtuoso-opensource-7/db"
START_S = 300.0
BUFFERS = 340_000  # 8 KiB pages: about 2.7 GiB, Virtuoso's advice for 4 GiB free


def ensure_installed() -> None:
    if shutil.which("virtuoso-t"):
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*sudo, "apt-get", "install", "-y", "-q", "--no-install-recommends",
                    "virtuoso-opensource"], check=True,
                   env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))


def write_ini(directory: Path, isql_port: int, http_port: int, limit_s: float) -> Path:
    """Debian's ini with our directory, ports, buffers, row limit and time limit."""
    replaced = {"ServerPort": None, "NumberOfBuffers": str(BUFFERS),
                "MaxDirtyBuffers": str(BUFFERS * 3 // 4), "ResultSetMaxRows": "1000000",
                "MaxClientConnections": "32", "ServerThreads": "32",
                "MaxQueryExecutionTime": str(math.ceil(limit_s)),
                "MaxQueryCostEstimationTime": "0",
                "DirsAllowed": f"., {directory}, /usr/share/virtuoso-opensource-7/vad"}
    lines, section = [], ""
    for line in DEBIAN_INI.read_text().splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            section = stripped
        key = stripped.split("=", 1)[0].strip()
        if "=" in stripped and not stripped.startswith(";") and key in replaced:
            value = replaced[key]
            if key == "ServerPort":
                value = str(http_port if section == "[HTTPServer]" else isql_port)
            line = f"{key} = {value}"
        lines.append(line.replace(DEBIAN_DB, str(directory)))
    ini = directory / "virtuoso.ini"
    ini.write_text("\n".join(lines) + "\n")
    return ini


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=5):
            return True
    except (urllib.error.URLError, OSError):
        return False


def start(directory: Path, limit_s: float) -> tuple[subprocess.Popen, int, str]:
    isql_port, http_port = _free_port(), _free_port()
    ini = write_ini(directory, isql_port, http_port, limit_s)
    log = (directory / "stdout.log").open("wb")
    process = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", str(ini)],
                               cwd=directory, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    url = f"http://127.0.0.1:{http_port}/sparql"
    deadline = time.monotonic() + START_S
    while not answers(url):
        if process.poll() is not None or time.monotonic() > deadline:
            stop_server(process)
            raise SystemExit(f"Virtuoso did not start; see {directory}/virtuoso.log")
        time.sleep(0.5)
    return process, isql_port, url


def isql(port: int, statements: str) -> str:
    done = subprocess.run(["isql-vt", str(port), "dba", "dba", f"exec={statements}"],
                          capture_output=True, text=True, check=True, timeout=7200)
    return done.stdout


def load(port: int, store: Path, directory: Path) -> str:
    """Bulk-load the store (N-Quads keep the named graphs); returns what was loaded."""
    loaded = directory / "LOADED"
    if loaded.exists():
        return loaded.read_text().strip()
    started = time.perf_counter()
    dump_dir = directory / "load"
    dump_dir.mkdir(exist_ok=True)
    ox.Store.read_only(str(store)).dump(str(dump_dir / "data.nq"), ox.RdfFormat.N_QUADS)
    isql(port, f"ld_dir('{dump_dir}', 'data.nq', 'urn:kuhy:unused'); rdf_loader_run(); "
               "checkpoint;")
    count = isql(port, "SPARQL SELECT COUNT(*) WHERE { GRAPH ?g { ?s ?p ?o } };")
    (dump_dir / "data.nq").unlink()
    summary = f"loaded in {time.perf_counter() - started:.0f} s; count: " + " ".join(
        line.strip() for line in count.splitlines() if line.strip().isdigit())
    loaded.write_text(summary + "\n")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50_000])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--engines", nargs="+", default=["memory", "disk", "remote"],
                        choices=["memory", "disk", "remote"])
    parser.add_argument("--serve-args", default="--no-cache --only-shapes --rounds 2",
                        help="more arguments for bench/serve.py")
    parser.add_argument("--timeout", type=float, default=10,
                        help="kuhy's query time limit (bench/serve.py --timeout), also "
                             "Virtuoso's own, so it ends the queries kuhy gave up on")
    args = parser.parse_args()
    ensure_installed()
    for projects in args.sizes:
        store = synthetic_store(projects)
        directory = ROOT / "var" / "bench" / f"virtuoso-{projects}"
        directory.mkdir(parents=True, exist_ok=True)
        process, isql_port, url = start(directory, args.timeout)
        try:
            print(f"Virtuoso {url} (pid {process.pid}): {load(isql_port, store, directory)}",
                  flush=True)
            for engine in args.engines:
                command = [sys.executable, str(ROOT / "bench" / "serve.py"), "--sizes",
                           str(projects), "--seconds", str(args.seconds), "--concurrency",
                           str(args.concurrency), "--engine", engine, "--timeout",
                           str(args.timeout),
                           *args.serve_args.split()]
                if engine == "remote":
                    command += ["--remote-query-url", url]
                subprocess.run(command, check=False, cwd=ROOT)
        finally:
            stop_server(process)  # by its pid (its process group)


if __name__ == "__main__":
    main()
