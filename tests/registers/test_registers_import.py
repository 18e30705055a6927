"""Registers through their mapping files: records per row, cleaning, bad input reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest.registers import (
    clean_name,
    load_mapping,
    read_register,
    split_title,
    uncapitalise,
)

MAPPING = """
[dataset]
id = "test-register"
file = "{file}"
url = "https://example.org/register"
language = "fi"
delimiter = "{delimiter}"
code_column = "Koodi"

[formats]
date = "%d.%m.%Y"

[fields.title]
column = "Nimi"

[fields.start_date]
column = "Alku"
kind = "date"

[fields.funders]
column = "Viranomainen"
kind = "name"
drop_suffixes = ["yritystuet"]

[fields.lead_organisations]
column = "Toteuttaja"
kind = "name"

[fields."budget.shares"]
column = "Summa"
organisation = "funders"

[constants]
funding_programmes = ["Testiohjelma"]
"""
HEADER = "Koodi,Nimi,Alku,Viranomainen,Toteuttaja,Summa"
GOOD = ("A1,Kirjaston kehittäminen,1.2.2010,Hämeen elinkeino-  liikenne- ja ympäristökeskus  "
        "yritystuet,LAPWALL OY,1000")


def register(tmp_path: Path, lines: list[str], delimiter: str = ",") -> Path:
    (tmp_path / "data.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    mapping = tmp_path / "test.toml"
    mapping.write_text(MAPPING.format(file="data.csv", delimiter=delimiter), encoding="utf-8")
    return mapping


def test_row_becomes_record_with_source_url_and_raw_evidence(tmp_path: Path) -> None:
    read = read_register(load_mapping(register(tmp_path, [HEADER, GOOD])))
    assert read.problems == [] and len(read.rows) == 1
    row = read.rows[0]
    record = row.record
    assert record["source"] == "test-register:A1"
    assert record["url"] == "https://example.org/register"
    project = record["projects"][0]
    assert project["title"] == {"fi": "Kirjaston kehittäminen"}
    assert project["start_date"] == "2010-02-01"
    assert project["funders"] == ["Hämeen elinkeino-, liikenne- ja ympäristökeskus"]
    assert project["lead_organisations"] == ["Lapwall Oy"]
    assert project["budget"]["shares"] == [
        {"organisation": "Hämeen elinkeino-, liikenne- ja ympäristökeskus", "eur": 1000}]
    assert project["funding_programmes"] == ["Testiohjelma"]
    funder = next(e for e in project["evidence"] if e["field"] == "funders")
    assert "elinkeino-  liikenne-" in funder["quote"]      # the raw value is kept
    assert row.raw[funder["start"]:funder["end"]] == funder["quote"]
    assert row.row == 2


def test_bad_date_and_amount_are_reported_and_the_rest_imports(tmp_path: Path) -> None:
    lines = [HEADER, GOOD, "A2,Teatterihanke,31.2.2011,Lapin liitto,Oulun kaupunki,12x",
             "A3,Museohanke,1.1.2012,Lapin liitto,Oulun kaupunki,500"]
    read = read_register(load_mapping(register(tmp_path, lines)))
    assert [row.code for row in read.rows] == ["A1", "A2", "A3"]
    assert {(p.source, p.focus) for p in read.problems} == {("data.csv", "row 3")}
    assert any("not a date" in p.message for p in read.problems)
    assert any("not an amount" in p.message for p in read.problems)
    assert "start_date" not in read.rows[1].record["projects"][0]


def test_implausible_year_is_reported_and_left_out(tmp_path: Path) -> None:
    """A misread cell gives a real date in a year no project of the register can have."""
    lines = [HEADER, "A2,Teatterihanke,1.3.1930,Lapin liitto,Oulun kaupunki,500"]
    mapping = register(tmp_path, lines)
    read = read_register(load_mapping(mapping))
    assert [row.code for row in read.rows] == ["A2"]
    assert "start_date" not in read.rows[0].record["projects"][0]
    [problem] = read.problems
    assert (problem.source, problem.focus) == ("data.csv", "row 2")
    assert "year 1930 is implausible" in problem.message and "1960–2100" in problem.message
    mapping.write_text(mapping.read_text(encoding="utf-8").replace(
        'date = "%d.%m.%Y"', 'date = "%d.%m.%Y"\nyears = [1900, 2030]'), encoding="utf-8")
    narrowed = read_register(load_mapping(mapping))
    assert narrowed.problems == []
    assert narrowed.rows[0].record["projects"][0]["start_date"] == "1930-03-01"


@pytest.mark.parametrize("person", ["Tmi Marjo Linna", "KALUSTEASENNUS HEIKKINEN TMI",
                                    "T:mi Pasicopy", "Jari Sakari Linna", "Helena Kujala"])
def test_private_person_is_no_organisation(tmp_path: Path, person: str) -> None:
    lines = [HEADER, f"A2,Musiikkihanke,1.3.2011,Lapin liitto,{person},500"]
    read = read_register(load_mapping(register(tmp_path, lines)))
    project = read.rows[0].record["projects"][0]
    assert "lead_organisations" not in project
    assert person not in {entry["quote"] for entry in project["evidence"]}
    [problem] = read.problems     # one line for the file, naming the rows
    assert problem.focus is None and "1 row(s) name a private person" in problem.message
    assert "(rows 2)" in problem.message


@pytest.mark.parametrize("organisation", ["Linnan Kehitys Oy", "Kalevala Spirit Oy Ltd",
                                          "Helge och Tauno Miettunens stiftelse",
                                          "Oulun kaupunki", "Valokuvaus & Graafiset Palvelut"])
def test_organisations_with_personal_words_stay(tmp_path: Path, organisation: str) -> None:
    lines = [HEADER, f"A2,Musiikkihanke,1.3.2011,Lapin liitto,{organisation},500"]
    read = read_register(load_mapping(register(tmp_path, lines)))
    assert read.problems == []
    assert read.rows[0].record["projects"][0]["lead_organisations"] == [organisation]


def test_wrong_delimiter_is_reported_with_a_hint(tmp_path: Path) -> None:
    lines = [HEADER.replace(",", ";"), GOOD.replace(",", ";")]
    read = read_register(load_mapping(register(tmp_path, lines)))
    assert read.rows == []
    [problem] = read.problems
    assert problem.source == "data.csv" and problem.focus == "row 1"
    assert "delimiter" in problem.message


def test_missing_optional_column_is_reported_once_and_rows_import(tmp_path: Path) -> None:
    lines = ["Koodi,Nimi,Alku,Viranomainen,Toteuttaja", "A1,Kuorohanke,1.1.2010,Lapin liitto,X"]
    read = read_register(load_mapping(register(tmp_path, lines)))
    assert len(read.rows) == 1
    assert [(p.focus, "'Summa'" in p.message) for p in read.problems] == [("row 1", True)]


def test_row_with_wrong_cell_count_is_left_out_and_reported(tmp_path: Path) -> None:
    read = read_register(load_mapping(register(tmp_path, [HEADER, "A9,only,three", GOOD])))
    assert [row.code for row in read.rows] == ["A1"]
    assert read.problems[0].focus == "row 2" and "cells" in read.problems[0].message


def test_file_over_the_size_limit_is_reported(tmp_path: Path) -> None:
    mapping = register(tmp_path, [HEADER, GOOD] * 50)
    read = read_register(load_mapping(mapping), max_bytes=1000)
    assert read.rows == []
    assert read.problems[0].source == "data.csv" and "over the limit" in read.problems[0].message


def test_cleaning_rules() -> None:
    assert clean_name(" Pohjois-Pohjanmaan elinkeino-  liikenne- ja ympäristökeskus  "
                      "yritystuet", ("yritystuet",)) == \
        "Pohjois-Pohjanmaan elinkeino-, liikenne- ja ympäristökeskus"
    assert clean_name(" sekä energia- ja resurssitehokkuuden edistäminen Keski-Suomen "
                      "elinkeino-  liikenne- ja ympäristökeskus") == \
        "Keski-Suomen elinkeino-, liikenne- ja ympäristökeskus"
    assert uncapitalise("IS THIS ART! OY") == "Is This Art! Oy"
    assert uncapitalise("REFORM KY (RFM)") == "Reform Ky (RFM)"
    assert uncapitalise("Oulun Yliopisto") == "Oulun Yliopisto"
    assert split_title("Moderni Hirsikaupunki. Hirsirakennusten uusi arkkitehtuuri, "
                       "massakustomointi") == ("Moderni Hirsikaupunki",
                                               "Hirsirakennusten uusi arkkitehtuuri, "
                                               "massakustomointi")
    assert split_title("K. Leivon Leipomon viennin vauhdittaminen")[1] is None
    assert split_title("Spa 2. vaihe")[1] is None


@pytest.mark.parametrize("name", ["eu-structural-funds-fi-2007-2013.toml",
                                  "eu-structural-funds-fi-2014-2020.toml"])
def test_shipped_registers_every_row_in_or_reported(shipped_register_reads, name: str) -> None:
    read = shipped_register_reads[name]
    left_out = {p.focus for p in read.problems if p.message.endswith("row left out")}
    assert read.total_rows > 2000
    assert len(read.rows) + len(left_out) == read.total_rows
    assert all(row.record["projects"][0]["title"]["fi"] for row in read.rows)


def test_xlsx_register_reads_like_csv(tmp_path: Path) -> None:
    import datetime as dt

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(["A1", "Kirjaston kehittäminen", dt.datetime(2010, 2, 1),
                  "Lapin liitto", "OULUN YLIOPISTO", 1000.0])
    sheet.append(["A2", "Museohanke", "1.3.2011", "Lapin liitto", "Oulun kaupunki", "x"])
    workbook.save(tmp_path / "data.xlsx")
    mapping = tmp_path / "test.toml"
    mapping.write_text(MAPPING.format(file="data.xlsx", delimiter=","), encoding="utf-8")
    read = read_register(load_mapping(mapping))
    first, second = (row.record["projects"][0] for row in read.rows)
    assert first["start_date"] == "2010-02-01" and second["start_date"] == "2011-03-01"
    assert first["lead_organisations"] == ["Oulun Yliopisto"]
    assert first["budget"]["shares"][0]["eur"] == 1000
    assert [(p.source, p.focus) for p in read.problems] == [("data.xlsx", "row 3")]
