"""Shuffled input order gives the same graph, byte for byte after sorting the N-Quads."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from foundation_helpers import sorted_nquads, write_record

from kg import config
from kg.rdf.vocab import K
from kg.store.build import build


def shuffled(record: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The record with its projects and every list inside them in another order."""
    record = json.loads(json.dumps(record))
    rng.shuffle(record["projects"])
    for project in record["projects"]:
        for value in project.values():
            if isinstance(value, list):
                rng.shuffle(value)
        rng.shuffle(project["budget"]["shares"])
    return record


@pytest.mark.slow
def test_shuffled_input_order_gives_identical_nquads(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    rng = random.Random(4)
    paths = sorted(config.RECORDS_DIR.glob("*.json"))
    records = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in paths}
    forward, backward = tmp_path / "forward", tmp_path / "backward"
    forward.mkdir()
    backward.mkdir()
    for name, record in records.items():
        write_record(forward, name, record)
    names = list(records)
    rng.shuffle(names)
    for name in names:  # another creation order, and every list shuffled
        write_record(backward, name, shuffled(records[name], rng))

    first = build(forward, config.TEXTS_DIR, store_root=tmp_path / "store1")
    second = build(backward, config.TEXTS_DIR, store_root=tmp_path / "store2")

    assert first.documents == second.documents == len(paths)
    one, two = sorted_nquads(tmp_path / "store1"), sorted_nquads(tmp_path / "store2")
    assert len(one) > 2000
    assert not any("_:" in line.split(" ", 1)[0] for line in one), "blank node subject"
    # The metadata graph records each input file's sha256; those files differ on purpose.
    file_hash = f"<{K.sha256}>"
    differing = [(a, b) for a, b in zip(one, two, strict=True) if a != b]
    assert len(differing) == len(paths)
    assert all(file_hash in a and "/dataset/source/records/" in a for a, _ in differing)
