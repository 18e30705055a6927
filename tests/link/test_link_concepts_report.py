"""YSO concept links, the coverage report and the derived tables."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import config
from kg.cli import main
from kg.link import default_linker
from kg.link.tables import build_rows, render, render_baseforms

YSO = "http://www.yso.fi/onto/yso/"


@pytest.fixture(scope="module")
def linker():  # noqa: ANN201
    return default_linker()


@pytest.mark.parametrize(("name", "field", "uri", "match"), [
    ("ikääntyneet", "target_groups", "p2433", "exact"),
    ("äldre", "target_groups", "p2433", "exact"),
    ("ikääntynyt", "target_groups", "p2433", "close"),
    ("ikäihmiset", "target_groups", "p2433", "close"),
    ("kirjasto", "topics", "p2787", "close"),
    ("kulttuuripalvelut", "topics", "p16530", "exact"),
    ("hyvinvointi", "topics", "p22036", "exact"),
    ("lapset", "target_groups", "p4354", "exact"),
    ("creative industries", "topics", "p22123", "exact"),
])
def test_concept_links(linker, name: str, field: str, uri: str, match: str) -> None:
    entity = linker.concept(name, None, field)
    assert entity.status == "linked" and entity.key == "yso-" + uri
    assert getattr(entity, match + "_match") == (YSO + uri,)
    langs = {lang for lang, _ in entity.labels} | {entity.lang}
    assert langs == {"fi", "sv", "en"}


def test_phrase_links_only_as_broader_concept(linker) -> None:
    entity = linker.concept("kesätaiteilijat", "fi", "topics")
    assert entity.broad_match == (YSO + "p7017",)
    assert not entity.exact_match and not entity.close_match
    assert entity.key == "kesataiteilijat"


def test_qualified_head_is_not_a_broader_link(linker) -> None:
    # 'välfärd' alone is YSO's economic prosperity (p1947), not cultural well-being.
    entity = linker.concept("kulturell välfärd", "sv", "topics")
    assert YSO + "p1947" not in entity.broad_match + entity.close_match + entity.exact_match


def test_coordination_links_every_part(linker) -> None:
    entity = linker.concept("taide ja kulttuuri", "fi", "topics")
    assert set(entity.close_match) == {YSO + "p2851", YSO + "p372"}


def test_unknown_concept_keeps_its_slug(linker) -> None:
    entity = linker.concept("procentprincipen", "sv", "topics")
    assert entity.status == "unlinked" and entity.key == "procentprincipen"


@pytest.mark.slow  # links every record of data/ (once per run: default_links_run)
def test_report_on_dev_records_meets_targets(default_links_run) -> None:
    exit_code, output, csv_text = default_links_run
    assert exit_code == 0, output
    header = next(csv.reader(io.StringIO(csv_text)))
    rows = {row["kind"]: row for row in csv.DictReader(io.StringIO(csv_text))}
    assert header == ["kind", "total", "linked", "ambiguous", "unlinked"]
    for kind, share in (("municipality", 1.0), ("region", 1.0), ("topic", 0.7),
                        ("target_group", 0.7)):
        assert int(rows[kind]["linked"]) >= share * int(rows[kind]["total"]), kind
    assert "AMBIGUOUS  ELY-keskus" in output


def test_report_names_a_broken_record(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "ok.json").write_text(json.dumps(
        {"source": "x", "language": "fi", "projects": [{"municipalities": ["Vasa"]}]}),
        encoding="utf-8")
    result = CliRunner().invoke(main, ["links", "--report", "--records", str(tmp_path)])
    assert result.exit_code == 0
    assert "bad.json: not a readable extraction record" in result.output
    assert "Vasa -> Vaasa [kunta:905" in result.output


# Organisations in the dev records whose entry in the reference data has a ROR or Wikidata ID,
# with the ROR each must reach (checked by hand against ror_fi.tsv).
ORGANISATIONS_WITH_ROR = {
    "Kaakkois-Suomen ammattikorkeakoulu": "051v6v138", "LAB-ammattikorkeakoulu": "01qdmn762",
    "LAB University of Applied Sciences": "01qdmn762", "Taideyliopisto": "05anqtc62",
    "Metropolia Ammattikorkeakoulu": "03hdaef25", "Aalto-yliopisto": "020hwjq30",
    "Helsingin kaupunki": "03vdzkx92", "Satakunta University of Applied Sciences": "008wzdf98",
    "Häme University of Applied Sciences": "01eg9n443", "University of Turku": "05vghhr25",
    "Seinäjoki University of Applied Sciences": "036je1b38", "University of Oulu": "03yj89h83",
    "Arcada University of Applied Sciences": "02s466x84", "Opetus- ja kulttuuriministeriö":
    "02w52zt87", "Sosiaali- ja terveysministeriö": "050p9zb50", "Taiteen edistämiskeskus":
    "01vmr1p43", "Pirkanmaan sairaanhoitopiiri": "01vf7he45", "Saimaan ammattikorkeakoulu Oy":
    "002nhnx25", "Kaakkois-Suomen ammattikorkeakoulu Oy": "051v6v138",
    "Metropolia University of Applied Sciences": "03hdaef25",
    "Egentliga Finlands sjukvårdsdistrikt": "036bxpj43",
}


def test_organisations_with_ror_are_linked_right(linker) -> None:
    right = [n for n, ror in ORGANISATIONS_WITH_ROR.items()
             if linker.organisation(n).key == ror]
    wrong = [n for n in ORGANISATIONS_WITH_ROR if linker.organisation(n).status == "linked"
             and n not in right]
    assert not wrong
    assert len(right) >= 0.85 * len(ORGANISATIONS_WITH_ROR)


def test_shipped_derived_tables_are_up_to_date() -> None:
    shipped = (config.REFERENCE_DIR / "organisations.tsv").read_text(encoding="utf-8")
    assert shipped == render(build_rows())
    baseforms = (config.REFERENCE_DIR / "yso_fi_baseforms.tsv").read_text(encoding="utf-8")
    assert baseforms == render_baseforms()


@pytest.mark.parametrize(("name", "field", "uri", "match"), [
    ("wellbeing", "topics", "p22036", "close"),        # "well-being" without its hyphen
    ("accessibility", "topics", "p858", "exact"),      # chosen over p15335 (reachability)
    ("children", "target_groups", "p4354", "exact"),
    ("seniorer", "target_groups", "p2433", "close"),
    ("ensamboende", "target_groups", "p5179", "close"),
])
def test_hand_checked_choices_and_joined_words(linker, name, field, uri, match) -> None:
    entity = linker.concept(name, None, field)
    assert entity.status == "linked"
    assert {"exact": entity.exact_match, "close": entity.close_match}[match] == (YSO + uri,)


def test_joined_words_meeting_two_concepts_stay_unlinked(linker) -> None:
    entity = linker.concept("welfarestate", None, "topics")  # p6930 and p6931 "welfare state"
    assert entity.status == "ambiguous" and not entity.close_match
