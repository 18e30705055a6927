"""The dev corpus: records valid against the record schema, and the scorer's figures held at
the measured level (regression guards; issue 11's targets named beside them)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg import config
from kg.extract.batch import expand_inputs, extract_files
from kg.extract.evaluation import group_documents, headline, read_index, score
from kg.ingest.records import record_validator

SHARED = config.PROJECT_ROOT.parent / "shared"
GOLD_DIR = SHARED / "corpus" / "gold"
CORPUS_TEXTS = SHARED / "corpus" / "texts"

# Regression guards at the level measured on 2026-12-02 (third round of issue 11) with all 41
# labelled texts (names-F1 0.884, overall 0.726; per language fi 0.909, sv 0.811, en 0.864),
# less a margin of about 0.02. Issue 11's targets, all reached here: names-F1 >= 0.85 and
# overall >= 0.70 on the 41 texts, and names-F1 >= 0.80 in each of fi, sv and en.
NAMES_F1_FLOOR = 0.86
OVERALL_F1_FLOOR = 0.70
LANGUAGE_NAMES_F1_FLOORS = {"fi": 0.89, "sv": 0.79, "en": 0.84}


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


def test_scores_on_the_dev_corpus_stay_above_the_floors(predictions: Path,
                                                       tmp_path: Path) -> None:
    scores = tmp_path / "scores.json"
    subprocess.run([sys.executable, str(SHARED / "tools" / "score_extraction.py"), "--pred",
                    str(predictions), "--gold", str(GOLD_DIR), "--json", str(scores)],
                   check=True, capture_output=True)
    summary = json.loads(scores.read_text(encoding="utf-8"))
    assert summary["names_f1"] >= NAMES_F1_FLOOR
    assert summary["overall_micro_f1"] >= OVERALL_F1_FLOOR


def test_names_f1_per_language_stays_above_the_floors(predictions: Path) -> None:
    documents = score(predictions, GOLD_DIR)
    by_language = group_documents(documents, read_index(), "language", "m")
    for language, floor in LANGUAGE_NAMES_F1_FLOORS.items():
        assert headline(by_language[language])["names_f1"] >= floor, language
