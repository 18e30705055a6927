"""Extraction throughput: the dev corpus replicated to N documents, extracted with --jobs 1 and
--jobs 2 on the rules path, then (separately, on fewer documents) with the statistical model;
prints documents/s, words/s and peak RSS (whole process tree).

    .venv/bin/python bench/extract.py [--documents 2000] [--model-documents 200]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import config  # noqa: E402
from kg.extract.batch import extract_files  # noqa: E402
from kg.extract.model import MODEL_PACKAGE  # noqa: E402

CORPUS = config.PROJECT_ROOT.parent / "shared" / "corpus" / "texts"


def replicate(target: Path, count: int) -> tuple[list[Path], int]:
    sources = sorted(CORPUS.glob("*.txt"))
    files, words = [], 0
    for i in range(count):
        source = sources[i % len(sources)]
        path = target / f"{i:05d}_{source.name}"
        shutil.copyfile(source, path)
        words += len(source.read_text(encoding="utf-8").split())
        files.append(path)
    return files, words


class PeakRss:
    """Samples the RSS of this process and its children every 50 ms."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = me.memory_info().rss
            for child in me.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    total += child.memory_info().rss
            self.peak = max(self.peak, total)
            time.sleep(0.05)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run(files: list[Path], words: int, jobs: int, out: Path, use_model: bool = False) -> None:
    with PeakRss() as rss:
        start, cpu_start = time.perf_counter(), _cpu_seconds()
        failures = extract_files(files, out, jobs, use_model)
        elapsed, cpu = time.perf_counter() - start, _cpu_seconds() - cpu_start
    path = "model path" if use_model else "rules path"
    print(f"{path} --jobs {jobs}: {len(files)} documents in {elapsed:.1f} s = "
          f"{len(files) / elapsed:.1f} documents/s, {words / elapsed:,.0f} words/s, "
          f"peak RSS {rss.peak / 2**20:.0f} MiB, failures {len(failures)}; "
          f"CPU {1000 * cpu / len(files):.1f} ms/document, load average {os.getloadavg()[0]:.1f}")


def _cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--model-documents", type=int, default=200,
                        help="documents for the (slower) statistical-model runs; 0 skips them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "in"
        inputs.mkdir()
        files, words = replicate(inputs, args.documents)
        print(f"{len(files)} documents ({words:,} words) from {CORPUS}")
        for jobs in (1, 2):
            run(files, words, jobs, Path(tmp) / f"out{jobs}")
        if args.model_documents <= 0:
            return
        if importlib.util.find_spec(MODEL_PACKAGE) is None:
            print("model path: not installed (pip install 'kuhy[model]')")
            return
        model_inputs = Path(tmp) / "model-in"
        model_inputs.mkdir()
        files, words = replicate(model_inputs, args.model_documents)
        print(f"{len(files)} documents ({words:,} words) for the model path")
        for jobs in (1, 2):
            run(files, words, jobs, Path(tmp) / f"model-out{jobs}", use_model=True)


if __name__ == "__main__":
    main()
