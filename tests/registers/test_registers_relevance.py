"""The relevance rule: behaviour on clear cases, precision on the hand-checked sample."""

from __future__ import annotations

import csv
from pathlib import Path

from kg.extract.relevance import default_rule

SAMPLE = Path(__file__).with_name("relevance_sample.tsv")


def test_clear_cases() -> None:
    rule = default_rule()
    assert rule.relevant(rule.score("Kansanmusiikin kulttuuriperinnepankki"))
    assert rule.relevant(rule.score("Kirjastoille uusia palveluja"))
    assert rule.relevant(rule.score("Kulttuurihyvinvointia ikäihmisille"))
    assert not rule.relevant(rule.score("Yrityskulttuurin kehittäminen konepajassa"))
    assert not rule.relevant(rule.score("CNC-sorvauskeskus ja hallin laajennus"))
    assert not rule.relevant(rule.score("Investointi ja kehittäminen Artia"))
    narrower = rule.score("Kansanmusiikin leiri")   # kansanmusiikki: head "musiikki"
    assert "kansanmusiikki" in narrower.labels


def test_compounds_foreign_words_and_names() -> None:
    rule = default_rule()
    # Voikko knows "elokuva" as one compound part ("elo=kuva")
    assert "elokuvat" in rule.score("Pohjois-Suomen elokuvakomissio").labels
    assert rule.relevant(rule.score("Kulturmiljöprogram för Närpes"))   # Swedish compound
    assert rule.relevant(rule.score("Produktion av restaurerade Mumin-filmer"))
    assert rule.relevant(rule.score("Finnish Lapland Film Commission"))
    assert not rule.relevant(rule.score("Filmitön esikäsittelylaitteisto"))
    assert not rule.relevant(rule.score("Lestijärven kirkonkylän ranta-alueen kunnostaminen"))

    def by_lead(name: str) -> bool:
        project = {"title": {"fi": "Investointi ja kehittäminen"}, "lead_organisations": [name]}
        return rule.relevant(rule.score_project(project))

    assert by_lead("Tanssikoulu STAGE oy")   # the seed "tanssi" as written, not only "tanssia"
    assert by_lead("Porin lastenkulttuurikeskus")
    assert not by_lead("Mai-Art Oy")          # a short English word inside a company name
    assert not by_lead("Kasvis Galleria Oy")


def _sample_rows() -> list[dict[str, str]]:
    lines = [line for line in SAMPLE.read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def test_precision_on_hand_checked_sample(shipped_register_reads) -> None:
    sample = _sample_rows()
    assert len(sample) == 100
    wanted = {(row["file"], int(row["row"])): row["relevant"] == "yes" for row in sample}
    rule = default_rule()
    predicted: dict[tuple[str, int], bool] = {}
    for read in shipped_register_reads.values():
        for row in read.rows:
            key = (read.mapping.data_file.name, row.row)
            if key in wanted:
                project = row.record["projects"][0]
                predicted[key] = rule.relevant(rule.score_project(project))
    assert set(predicted) == set(wanted)
    chosen = [key for key, relevant in predicted.items() if relevant]
    precision = sum(wanted[key] for key in chosen) / len(chosen)
    assert len(chosen) >= 30
    assert precision >= 0.9, precision
