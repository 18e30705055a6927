"""Benchmark ``kg build`` on N synthetic records; prints throughput per stage and peak RSS.

    .venv/bin/python bench/build.py --n 1000 --n 10000

Each (N, linking on/off) run is a fresh subprocess, so peak RSS is per run.
Synthetic records draw every field from the value pools of the curated records
(data/records) with distributions like theirs: usually one project per record,
a few partners, funders and places, goals, outcomes, indicators, people,
events and evidence quotes. ``map`` and ``validate`` rates are per CPU second
summed over the worker processes; ``load`` and ``total`` are wall clock.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import config  # noqa: E402

WORDS = ["kulttuuri", "hyvinvointi", "taide", "yhdessä", "osallisuus", "luova", "ikäihmiset",
         "nuoret", "arki", "verkosto", "kehittäminen", "palvelu", "musiikki", "tanssi", "sote",
         "kunta", "alue", "yhteisö"]


def value_pools() -> dict[str, list[Any]]:
    """Every value the curated records use, by field."""
    pools: dict[str, list[Any]] = {}
    for path in sorted(config.RECORDS_DIR.glob("*.json")):
        for project in json.loads(path.read_text(encoding="utf-8"))["projects"]:
            for field, value in project.items():
                if isinstance(value, list):
                    pools.setdefault(field, []).extend(value)
            pools.setdefault("description", []).append(project["description"] or "")
    return pools


def sample(rng: random.Random, pool: list[Any], low: int, high: int) -> list[Any]:
    count = min(len(pool), rng.randint(low, high))
    return rng.sample(pool, count)


def synthetic_project(rng: random.Random, pools: dict[str, list[Any]], index: int) -> dict:
    start_year = rng.randint(2012, 2024)
    start = rng.choice([f"{start_year}", f"{start_year}-{rng.randint(1, 12):02d}",
                        f"{start_year}-{rng.randint(1, 12):02d}-01"])
    end = f"{start_year + rng.randint(0, 3)}-12-31" if rng.random() < 0.8 else None
    leads = sample(rng, pools["lead_organisations"], 1, 2)
    partners = sample(rng, pools["partner_organisations"], 0, 6)
    funders = sample(rng, pools["funders"], 0, 2)
    total = rng.randint(20, 2000) * 1000 if rng.random() < 0.5 else None
    title = " ".join(rng.sample(WORDS, rng.randint(3, 6))).capitalize() + f" {index}"
    evidence = [{"field": "lead_organisations", "value": name, "start": None, "end": None,
                 "quote": f"Hanketta hallinnoi {name} yhdessä kumppaneiden kanssa."}
                for name in leads]
    evidence += [{"field": "funders", "value": name, "start": 40, "end": 90,
                  "quote": f"Hankkeen rahoittaa {name}."} for name in funders]
    return {
        "title": {"fi": title, "sv": title if rng.random() < 0.1 else None, "en": None},
        "alt_titles": sample(rng, pools["alt_titles"], 0, 1),
        "description": rng.choice(pools["description"]) or None,
        "start_date": start, "end_date": end,
        "status": rng.choice(["planned", "ongoing", "completed", None]),
        "lead_organisations": leads, "partner_organisations": partners, "funders": funders,
        "funding_programmes": sample(rng, pools["funding_programmes"], 0, 2),
        "budget": {"total_eur": total, "shares": [
            {"organisation": partner, "eur": rng.randint(10, 300) * 1000}
            for partner in partners[:rng.randint(0, 2)]]},
        "scope": rng.choice(["local", "regional", "national", "international", None]),
        "regions": sample(rng, pools["regions"], 0, 3),
        "municipalities": sample(rng, pools["municipalities"], 0, 7),
        "target_groups": sample(rng, pools["target_groups"], 0, 3),
        "topics": sample(rng, pools["topics"], 2, 6),
        "goals": sample(rng, pools["goals"], 1, 6),
        "activities": sample(rng, pools["activities"], 0, 6),
        "outcomes": sample(rng, pools["outcomes"], 0, 3),
        "indicators": sample(rng, pools["indicators"], 0, 3),
        "people": sample(rng, pools["people"], 0, 4),
        "events": sample(rng, pools["events"], 0, 2),
        "links": sample(rng, pools["links"], 0, 2),
        "evidence": evidence,
    }


def write_records(directory: Path, count: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    pools = value_pools()
    for index in range(count):
        projects = rng.choices([1, 2, 3], weights=[80, 15, 5])[0]
        record = {"source": f"synthetic{index:06d}.txt", "language": "fi",
                  "url": f"https://example.org/hanke/{index}",
                  "projects": [synthetic_project(rng, pools, index * 10 + n)
                               for n in range(projects)]}
        (directory / f"synthetic{index:06d}.json").write_text(
            json.dumps(record, ensure_ascii=False), encoding="utf-8")


class TreeMemory:
    """Samples the proportional set size (PSS: shared pages split between the processes
    that share them) of this process and its children; ``peak`` is the largest sum seen.
    RSS double-counts the pages forked workers share with the main process."""

    def __init__(self, interval: float = 0.1) -> None:
        import threading

        self.peak = 0
        self._stop = threading.Event()
        self._interval = interval
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.wait(self._interval):
            total = 0
            for process in [me, *me.children(recursive=True)]:
                try:
                    total += process.memory_full_info().pss
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
            self.peak = max(self.peak, total)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run_once(count: int, link: bool) -> None:
    """One build in this process; prints one line of figures."""
    from kg.store.build import build

    with tempfile.TemporaryDirectory(prefix="kuhy-bench-") as tmp:
        records = Path(tmp) / "records"
        records.mkdir()
        write_records(records, count)
        started = time.perf_counter()
        with TreeMemory() as memory:
            result = build(records, None, store_root=Path(tmp) / "store", link=link)
        wall = time.perf_counter() - started
    timings = result.timings
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    workers = result.workers
    print(f"N={count:>6} link={'on ' if link else 'off'} docs={result.documents:>6} "
          f"triples={result.triples:>8} problems={len(result.problems)} | "
          f"map {count / timings['map']:7.0f} rec/s/core | "
          f"validate {count / timings['validate']:6.0f} rec/s/core | "
          f"load {count / timings['load']:7.0f} rec/s | "
          f"total {wall:6.1f} s = {count / wall:5.0f} rec/s end to end on {workers} worker(s) | "
          f"peak RSS main {own:4.0f} MB, largest worker {child:4.0f} MB, "
          f"all processes together (PSS) {memory.peak / 2**20:4.0f} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append", help="number of records (repeatable)")
    parser.add_argument("--no-link", action="store_true", help="only without linking")
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    counts = args.n or [1000, 10000]
    if args.once:
        run_once(counts[0], link=not args.no_link)
        return
    for count in counts:
        for link in ([False] if args.no_link else [True, False]):
            command = [sys.executable, __file__, "--once", "--n", str(count)]
            subprocess.run(command + ([] if link else ["--no-link"]), check=True)


if __name__ == "__main__":
    main()
