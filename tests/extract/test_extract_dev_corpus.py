"""The dev corpus: records valid against the record schema, and the scorer's targets met."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg import config
from kg.extract.commands import expand_inputs, extract_files
from kg.ingest.records import record_validator

SHARED = config.PROJECT_ROOT.parent / "shared"
GOLD_DIR = SHARED / "corpus" / "gold"
CORPUS_TEXTS = SHARED / "corpus" / "texts"

NAMES_F1_TARGET = 0.85
OVERALL_F1_TARGET = 0.70


@pytest.fixture(scope="module")
def predictions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pred")
    failures = extract_files(expand_inputs((CORPUS_TEXTS,)), out, jobs=1)
    assert failures == []
    return out


def test_every_record_is_valid_against_the_schema(predictions: Path) -> None:
    records = sorted(predictions.glob("*.json"))
    assert len(records) == len(list(CORPUS_TEXTS.glob("*.txt")))
    for path in records:
        record = json.loads(path.read_text(encoding="utf-8"))
        errors = list(record_validator().iter_errors(record))
        assert not errors, f"{path.name}: {errors[0].message}"
        for project in record["projects"]:
            for evidence in project["evidence"]:
                assert evidence["start"] <= evidence["end"]


def test_scores_on_the_dev_corpus_meet_the_targets(predictions: Path, tmp_path: Path) -> None:
    scores = tmp_path / "scores.json"
    subprocess.run([sys.executable, str(SHARED / "tools" / "score_extraction.py"), "--pred",
                    str(predictions), "--gold", str(GOLD_DIR), "--json", str(scores)],
                   check=True, capture_output=True)
    summary = json.loads(scores.read_text(encoding="utf-8"))
    assert summary["names_f1"] >= NAMES_F1_TARGET
    assert summary["overall_micro_f1"] >= OVERALL_F1_TARGET
