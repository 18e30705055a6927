"""Machine-extracted records: confidence, shipping, ``kg records refresh`` and the default
build that holds a record for every text of the corpus."""

from __future__ import annotations

import filecmp
import hashlib
import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import config
from kg.cli import main
from kg.extract.machine import (
    FALLBACK_QUOTE_CHARS,
    QUOTE_CONTEXT,
    confidence,
    read_precision,
    short_quote,
)
from kg.extract.normalise import normalise_text
from kg.ingest.formats import document_paths, read_document
from kg.store.build import build

SHARED = config.PROJECT_ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
TEXT_DIRS = (CORPUS / "texts", CORPUS / "more" / "texts")
PREFIXES = {"kuhy": "https://w3id.org/kuhy/ontology#", "prov": "http://www.w3.org/ns/prov#"}


def test_confidence_weighs_each_value_with_its_fields_precision() -> None:
    record = {"projects": [{"title": {"fi": "Hanke", "sv": None}, "funders": ["A", "B"],
                            "topics": ["kulttuuri"], "links": ["example.fi"]}]}
    precision = {"title": 0.8, "funders": 1.0, "topics": 0.2}  # links: not measured
    assert confidence(record, precision) == pytest.approx((0.8 + 2 * 1.0 + 0.2) / 4)
    assert confidence({"projects": []}, precision) is None


def test_short_quote_keeps_the_value_and_whole_words_around_it() -> None:
    quote = ("Pohjois-Savossa kolmen kunnan alueella toteutettava hanke alkoi keväällä ja sitä "
             "rahoittaa Opetus- ja kulttuuriministeriö "
             "osana valtakunnallista kulttuurihyvinvoinnin kehittämisohjelmaa vuoteen 2025 asti.")
    short = short_quote(quote, "Opetus- ja kulttuuriministeriö")
    assert "Opetus- ja kulttuuriministeriö" in short and short in quote
    assert len(short) <= len("Opetus- ja kulttuuriministeriö") + 2 * QUOTE_CONTEXT
    assert not short.startswith(" ") and quote.split(short)[0].endswith(" ")
    assert short_quote(quote * 3, "2025-12-31") == (quote * 3)[:FALLBACK_QUOTE_CHARS]


def _small_corpus(root: Path) -> dict[str, Path]:
    """Two development texts with their gold records, two more texts, one curated record."""
    dirs = {name: root / name for name in ("dev", "gold", "more", "curated", "out")}
    for folder in dirs.values():
        folder.mkdir(parents=True)
    for stem in ("h005", "h008"):
        shutil.copy(CORPUS / "texts" / f"{stem}.txt", dirs["dev"])
        shutil.copy(CORPUS / "gold" / f"{stem}.json", dirs["gold"])
    for stem in ("m001", "m003"):
        shutil.copy(CORPUS / "more" / "texts" / f"{stem}.txt", dirs["more"])
    index = (CORPUS / "more" / "index.tsv").read_text(encoding="utf-8").splitlines()
    (dirs["more"] / "index.tsv").write_text("\n".join(
        [index[0], *(row for row in index if row.startswith(("m001", "m003")))]) + "\n",
        encoding="utf-8")
    shutil.copy(config.RECORDS_DIR / "h005.json", dirs["curated"])
    (dirs["out"] / "stale.json").write_text("{}", encoding="utf-8")
    return dirs


def test_refresh_extracts_texts_without_a_curated_record(tmp_path: Path) -> None:
    dirs = _small_corpus(tmp_path)
    outcome = CliRunner().invoke(main, [
        "records", "refresh", "--texts", str(dirs["dev"]), "--texts", str(dirs["more"]),
        "--curated", str(dirs["curated"]), "--out", str(dirs["out"]), "--gold",
        str(dirs["gold"])])
    assert outcome.exit_code == 0, outcome.output
    assert "wrote 3 machine record(s)" in outcome.output and "removed 1" in outcome.output
    records = {p.name: json.loads(p.read_text("utf-8")) for p in dirs["out"].glob("*.json")}
    assert sorted(records) == ["h008.json", "m001.json", "m003.json"]
    assert records["m001.json"]["url"].startswith("https://www.taike.fi/")
    assert records["h008.json"]["url"] is None  # the dev folder has no index.tsv here
    precision = read_precision(dirs["out"])
    assert precision and all(0 <= value <= 1 for value in precision.values())
    for record in records.values():
        assert record["extraction"]["method"] == "machine"
        assert record["extraction"]["confidence"] == confidence(record, precision)


def test_every_corpus_text_has_a_shipped_record() -> None:
    texts = {path.stem for folder in TEXT_DIRS for path in document_paths(folder)}
    curated = {path.stem for path in config.RECORDS_DIR.glob("*.json")}
    machine = {path.stem for path in config.MACHINE_RECORDS_DIR.glob("*.json")}
    assert len(texts) == 78
    assert texts <= curated | machine and not curated & machine
    texts_by_stem = {path.stem: path for folder in TEXT_DIRS for path in document_paths(folder)}
    for path in config.MACHINE_RECORDS_DIR.glob("*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        assert record["url"].startswith("http") and record["extraction"]["method"] == "machine"
        text = read_document(texts_by_stem[path.stem]).text
        assert record["extraction"]["text_sha256"] == hashlib.sha256(text.encode()).hexdigest()
        quotes = [e for p in record["projects"] for e in p.get("evidence", [])]
        assert all(e["quote"] in normalise_text(text) for e in quotes), path.name
        assert all(len(e["quote"]) <= max(FALLBACK_QUOTE_CHARS,
                                          len(str(e["value"])) + 2 * QUOTE_CONTEXT)
                   for e in quotes), path.name


@pytest.mark.slow  # re-extracts every text without a curated record
def test_shipped_machine_records_are_current(tmp_path: Path) -> None:
    """Fails when the extractor changed and ``kg records refresh`` was not run."""
    outcome = CliRunner().invoke(main, ["records", "refresh", "--out", str(tmp_path)])
    assert outcome.exit_code == 0, outcome.output
    shipped = sorted(p.name for p in config.MACHINE_RECORDS_DIR.iterdir())
    assert sorted(p.name for p in tmp_path.iterdir()) == shipped
    _, differ, errors = filecmp.cmpfiles(tmp_path, config.MACHINE_RECORDS_DIR, shipped,
                                         shallow=False)
    assert differ == [] and errors == [], "run: kg records refresh"


def test_default_build_holds_every_text_curated_first(tmp_path: Path) -> None:
    result = build([config.RECORDS_DIR, config.MACHINE_RECORDS_DIR], config.TEXTS_DIR,
                   store_root=tmp_path)
    store = ox.Store.read_only(str(result.store_path))
    rows = store.query("""SELECT ?file ?method ?confidence ?url ?sha WHERE {
        ?d kuhy:sourceFile ?file ; prov:wasGeneratedBy ?a . OPTIONAL { ?d kuhy:sha256 ?sha }
        ?a kuhy:extractionMethod ?method .
        OPTIONAL { ?a kuhy:confidence ?confidence } OPTIONAL { ?d kuhy:url ?url } }""",
                       prefixes=PREFIXES, use_default_graph_as_union=True)
    built = {row["file"].value: row for row in rows}
    curated = {json.loads(p.read_text("utf-8"))["source"] for p in
               config.RECORDS_DIR.glob("*.json")}
    assert curated <= set(built)
    assert {f for f, row in built.items() if row["method"].value == "curated"} == curated
    machine = {f: row for f, row in built.items() if row["method"].value == "machine"}
    assert len(machine) >= 20
    assert all(row["url"] is not None for row in machine.values())
    for name, row in machine.items():  # the text's sha256, though the text is not shipped
        shipped = json.loads((config.MACHINE_RECORDS_DIR / Path(name).with_suffix(".json")
                              .name).read_text("utf-8"))
        assert row["sha"].value == shipped["extraction"]["text_sha256"]
    scored = [float(row["confidence"].value) for row in machine.values() if row["confidence"]]
    assert len(scored) >= 15 and all(0 < value < 1 for value in scored)
    left_out = {problem.source.removesuffix(".json") for problem in result.problems}
    texts = {path.stem for folder in TEXT_DIRS for path in document_paths(folder)}
    assert {Path(f).stem for f in built} | left_out == texts  # nothing lost unreported


def test_add_curated_ships_a_gold_record_with_url_and_evidence(tmp_path: Path) -> None:
    outcome = CliRunner().invoke(main, ["records", "add-curated",
                                        str(CORPUS / "gold" / "m007.json"), "--out",
                                        str(tmp_path)])
    assert outcome.exit_code == 0, outcome.output
    shipped = json.loads((tmp_path / "m007.json").read_text("utf-8"))
    gold = json.loads((CORPUS / "gold" / "m007.json").read_text("utf-8"))
    assert shipped["url"].startswith("https://maaseutuverkosto.fi/")
    assert [{k: v for k, v in p.items() if k != "evidence"} for p in shipped["projects"]] == \
        gold["projects"]
    text = read_document(CORPUS / "texts" / "m007.txt").text
    assert shipped["extraction"] == {"method": "curated", "text_sha256":
                                     hashlib.sha256(text.encode()).hexdigest()}
    evidence = shipped["projects"][0]["evidence"]
    assert evidence and all(e["quote"] in normalise_text(text) for e in evidence)
