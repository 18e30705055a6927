"""Bad inputs are reported with file name and reason while the rest builds; failures never
replace the served store."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from foundation_helpers import open_current, select, write_record

from kg import config
from kg.cli import main
from kg.store.build import BuildError, build
from kg.store.layout import builds_dir, current_store_path

GOOD = json.loads((config.RECORDS_DIR / "h002.json").read_text(encoding="utf-8"))


def variant(source: str = "h002.txt", **changes) -> dict:
    record = json.loads(json.dumps(GOOD))
    record["source"] = source
    record["projects"][0].update(changes)
    return record


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    directory = tmp_path / "records"
    directory.mkdir()
    write_record(directory, "good.json", GOOD)
    write_record(directory, "broken.json", '{"source": "x.txt", "projects": [')
    write_record(directory, "budget.json", variant("budget.txt", budget={
        "total_eur": "150 000 €", "shares": []}))
    write_record(directory, "date.json", variant("date.txt", start_date="31.12.2021"))
    untitled = variant("untitled.txt")
    del untitled["projects"][0]["title"]
    write_record(directory, "untitled.json", untitled)
    with open(directory / "huge.json", "wb") as huge:  # 50 MB, over the 10 MB default limit
        huge.truncate(50 * 1024 * 1024)
    return directory


def test_each_bad_input_is_reported_and_the_rest_builds(inputs: Path, tmp_path: Path) -> None:
    """Unusable files are left out; a bad value is left out of a document that builds."""
    result = build(inputs, None, store_root=tmp_path / "store")
    reasons = {problem.source: problem.message for problem in result.problems}
    assert set(reasons) == {"broken.json", "budget.json", "date.json", "untitled.json",
                            "huge.json"}
    assert "invalid JSON" in reasons["broken.json"]
    assert "budget/total_eur" in reasons["budget.json"] and "150 000" in reasons["budget.json"]
    assert "start_date" in reasons["date.json"] and "31.12.2021" in reasons["date.json"]
    assert "'title' is a required property" in reasons["untitled.json"]
    assert all(reasons[name].endswith("; left out")
               for name in ("budget.json", "date.json", "untitled.json"))
    assert "over the limit" in reasons["huge.json"]
    assert result.documents == 4  # good, budget and date with their value left out, untitled
    store = open_current(tmp_path / "store")
    rows = select(store, "SELECT ?t WHERE { ?p kuhy:title ?t }")
    assert [row["t"] for row in rows] == [GOOD["projects"][0]["title"]["fi"]] * 3
    assert not select(store, "SELECT ?b WHERE { ?p kuhy:totalBudget ?b }")


def test_cli_reports_problems_and_succeeds(inputs: Path, tmp_path: Path) -> None:
    outcome = CliRunner().invoke(main, ["build", "--records", str(inputs), "--texts",
                                        str(tmp_path / "none"), "--store", str(tmp_path / "s"),
                                        "--max-bytes", "100000000"])
    assert outcome.exit_code == 0, outcome.output
    assert "problem: broken.json: invalid JSON" in outcome.output
    assert "huge.json" in outcome.output and "built 4 documents" in outcome.output


def test_nothing_buildable_fails_and_keeps_the_served_store(inputs: Path,
                                                           tmp_path: Path) -> None:
    root = tmp_path / "store"
    build(inputs, None, store_root=root)
    served = current_store_path(root)
    for name in ("good.json", "budget.json", "date.json", "untitled.json"):
        (inputs / name).unlink()
    with pytest.raises(BuildError, match="no input document"):
        build(inputs, None, store_root=root)
    assert current_store_path(root) == served
    assert [p for p in builds_dir(root).iterdir()] == [served]
    outcome = CliRunner().invoke(main, ["build", "--records", str(inputs), "--texts",
                                        str(tmp_path / "none"), "--store", str(root)])
    assert outcome.exit_code == 1
    assert outcome.output.strip().splitlines()[-1] == \
        "Error: build failed: no input document could be built"


def many_records(directory: Path, count: int) -> None:
    directory.mkdir()
    for index in range(count):
        record = variant(title={"fi": f"Hanke numero {index}", "sv": None, "en": None})
        record["source"] = f"doc{index:05d}.txt"
        write_record(directory, f"doc{index:05d}.json", record)


@pytest.mark.slow
@pytest.mark.real_process  # a `kg build` process, killed part way
def test_killed_build_leaves_the_previous_store_served(tmp_path: Path) -> None:
    root = tmp_path / "store"
    small, large = tmp_path / "small", tmp_path / "large"
    many_records(small, 3)
    many_records(large, 1500)
    build(small, None, store_root=root)
    served = current_store_path(root)
    command = [sys.executable, "-c", "from kg.cli import main; main()", "build",
               "--records", str(large), "--texts", str(tmp_path / "none"), "--store", str(root)]
    env = {**os.environ, "PYTHONPATH": str(config.PROJECT_ROOT)}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not list(builds_dir(root).glob("*.partial")) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # well inside mapping and validation
        assert process.poll() is None, "the build finished before it could be killed"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)  # the build and its worker processes
        process.wait()
    assert list(builds_dir(root).glob("*.partial")), "the killed build left no partial dir"
    assert current_store_path(root) == served
    titles = select(open_current(root), "SELECT ?t WHERE { ?p kuhy:title ?t }")
    assert len(titles) == 3

    result = build(small, None, store_root=root)  # the next build cleans up after it
    assert not list(builds_dir(root).glob("*.partial"))
    assert {path.resolve() for path in builds_dir(root).iterdir()} == {
        served, result.store_path.resolve()}
    shutil.rmtree(large)
