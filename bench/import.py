"""Benchmark ``kg import`` of the shipped registers; prints time, peak RSS and row accounting.

    .venv/bin/python bench/import.py [--registers DIR] [--relevant-only] [--build]

Reads every register of ``data/registers`` through its mapping file, scores each row's
relevance and writes one extraction record per row (all rows unless --relevant-only)
to a temporary directory, as ``kg import --all-rows`` does. Then checks that every
row is written, below the threshold (with --relevant-only) or reported with file, row
number and reason. Targets (issue 12): < 60 s on 2 cores, peak RSS <= 1 GB.

With --build it also runs ``kg build --all-register-rows`` into a temporary store (a
subprocess) and prints its wall time, the peak RSS of its processes and whether every
row became a document graph or was reported.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import config  # noqa: E402
from kg.extract.registers import import_registers  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registers", type=Path, default=config.REGISTERS_DIR)
    parser.add_argument("--relevant-only", action="store_true")
    parser.add_argument("--build", action="store_true",
                        help="also build a store from every register row")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out:
        out_dir = Path(out)

        def write(record: dict) -> None:
            name = record["source"].replace(":", "-") + ".json"
            (out_dir / name).write_text(json.dumps(record, ensure_ascii=False),
                                        encoding="utf-8")

        started, cpu_started = time.perf_counter(), time.process_time()
        summary = import_registers(args.registers, None, not args.relevant_only, write)
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
        files = sum(1 for _ in out_dir.glob("*.json"))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = sum(c["rows"] for c in summary.counts.values())
    accounted = sum(c["written"] + c["below"] + c["left_out"] for c in summary.counts.values())
    left_out_reported = {(p.source, p.focus) for p in summary.problems
                         if p.message.endswith("row left out")}
    for line in summary.lines():
        print(line)
    print(f"rows {rows}, records written {files}, problems reported {len(summary.problems)} "
          f"({len(left_out_reported)} rows left out)")
    written = sum(c["written"] for c in summary.counts.values())
    print(f"every row accounted for: {accounted == rows and files == written}")
    print(f"time {seconds:.1f} s ({rows / seconds:.0f} rows/s; CPU {cpu_seconds:.1f} s, what "
          f"an idle core would take), peak RSS {peak_mb:.0f} MB, load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if args.build:
        build_all(args.registers, rows, left_out_reported)


def build_all(registers: Path, rows: int, left_out: set) -> None:
    """``kg build --all-register-rows`` in a subprocess: wall time, peak RSS, documents."""
    record_stems = {p.stem for folder in (config.RECORDS_DIR, config.MACHINE_RECORDS_DIR)
                    for p in folder.glob("*.json")}
    records = len(record_stems)
    texts = {p.stem for p in config.TEXTS_DIR.glob("*.txt")} - record_stems
    with tempfile.TemporaryDirectory() as store:
        started = time.perf_counter()
        kg_command = str(Path(sys.executable).parent / "kg")
        done = subprocess.run([kg_command, "build", "--all-register-rows",
                               "--registers", str(registers), "--store", store],
                              capture_output=True, text=True, cwd=ROOT)
        seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    built = re.search(r"built (\d+) documents, (\d+) projects, (\d+) triples", done.stdout)
    if done.returncode != 0 or built is None:
        print(f"build failed ({done.returncode}): {done.stderr[-2000:]}")
        return
    documents, projects, triples = (int(n) for n in built.groups())
    register_documents = documents - records - len(texts)
    print(f"build of every row: {documents} documents ({register_documents} register rows), "
          f"{projects} projects, {triples} triples")
    print(f"every row in the graph or reported: {register_documents + len(left_out) == rows}")
    print(f"build time {seconds:.1f} s, peak RSS of one build process {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
