"""``kg evaluate --by``: the shared scorer's headline per language, per genre and for the newly
labelled texts, on a tiny synthetic corpus with its own gold records and index."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main
from kg.extract.batch import extract_files
from kg.extract.evaluation import genre_bucket, report

TEXTS = {
    "m001.txt": ("sv", "Klingande by\n\nProjektet Klingande by ger musik till byarna. Projektet "
                       "genomförs av Vasa stad.\n"),
    "h001.txt": ("fi", "Hankkeen nimi: Soiva kylä\nHankkeen toteuttaja: Lapuan kaupunki\n"),
}


def _gold(source: str, language: str, title: str, lead: str) -> dict:
    return {"source": source, "language": language, "projects": [
        {"title": {"fi": None, "sv": None, "en": None} | {language: title},
         "lead_organisations": [lead]}]}


def _corpus(tmp_path: Path) -> tuple[Path, Path, Path]:
    texts, gold = tmp_path / "texts", tmp_path / "gold"
    texts.mkdir()
    gold.mkdir()
    for name, (_language, text) in TEXTS.items():
        (texts / name).write_text(text, encoding="utf-8")
    records = [_gold("m001.txt", "sv", "Klingande by", "Vasa stad"),
               _gold("h001.txt", "fi", "Soiva kylä", "Lapuan kaupunki")]
    for record in records:
        (gold / record["source"].replace(".txt", ".json")).write_text(json.dumps(record))
    index = tmp_path / "index.tsv"
    index.write_text("file\turl\ttitle\tlanguage\tgenre\n"
                     "m001.txt\t\t\tsv\tnews item listing grants\n"
                     "h001.txt\t\t\tfi\tproject database entry (field-labelled)\n")
    return texts, gold, index


def test_report_gives_one_row_per_language_genre_and_set(tmp_path: Path) -> None:
    texts, gold, index = _corpus(tmp_path)
    pred = tmp_path / "pred"
    assert extract_files(sorted(texts.glob("*.txt")), pred) == []
    text = report(pred, gold, ("language", "genre", "set"), index_path=index)
    assert "names F1: 1.000" in text
    rows = {line.split()[0]: line.split() for line in text.splitlines()
            if line.split() and line.split()[0] in ("fi", "sv", "new", "older")}
    assert rows["fi"][1] == rows["sv"][1] == rows["new"][1] == rows["older"][1] == "1"
    assert "grant or project list" in text and "database entry" in text


def test_genres_fall_into_coarse_buckets() -> None:
    assert genre_bucket("agency press release listing grants") == "grant or project list"
    assert genre_bucket("library project database entry") == "database entry"
    assert genre_bucket("museum programme page") == "event or programme"
    assert genre_bucket("something else entirely") == "other"


def test_unknown_grouping_is_refused(tmp_path: Path) -> None:
    texts, gold, _index = _corpus(tmp_path)
    result = CliRunner().invoke(main, ["evaluate", "--texts", str(texts), "--gold", str(gold),
                                       "--by", "colour"])
    assert result.exit_code != 0
    assert "unknown grouping" in result.output
