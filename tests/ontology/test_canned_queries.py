"""The ten canned queries give, on the build of the 16 gold records, what the texts say."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kg import config
from kg.queries import CannedQuery, QueryFileError, load_queries, load_query
from kg.store.layout import current_store_path

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def K(name: str) -> ox.NamedNode:  # noqa: N802 - the vocabulary's usual prefix
    return ox.NamedNode(f"{config.BASE_URI}ontology#{name}")

OUR_QUERIES = {
    "projects_by_funder", "funding_by_region_and_year", "partners_of_organisation",
    "projects_for_target_group", "projects_in_municipality",
    "project_outcomes_and_indicators", "people_and_roles", "co_partnership_pairs",
    "projects_active_in_year", "programmes_and_funders", "projects_per_funder_by_source",
}


@pytest.fixture(scope="module")
def store(built_store: Path) -> ox.Store:
    return ox.Store.read_only(str(current_store_path(built_store)))


@pytest.fixture(scope="module")
def queries() -> dict[str, CannedQuery]:
    return {query.name: query for query in load_queries()}


def value(term: Any) -> Any:
    """A SPARQL term as a Python value: IRIs and strings as str, numbers as Decimal."""
    if term is None:
        return None
    if isinstance(term, ox.Literal) and term.datatype.value.endswith(("#decimal", "#integer")):
        return Decimal(term.value)
    return term.value


def run(store: ox.Store, query: CannedQuery, **params: str | list[str]) -> list[dict[str, Any]]:
    solutions = store.query(query.bind(**params), use_default_graph_as_union=True)
    names = [variable.value for variable in solutions.variables]
    return [{name: value(solution[name]) for name in names} for solution in solutions]


def gold(source_prefix: str) -> dict[str, Any]:
    path = next(config.RECORDS_DIR.glob(f"{source_prefix}*.json"))
    return json.loads(path.read_text(encoding="utf-8"))


def title(source_prefix: str, position: int = 0) -> str:
    titles = gold(source_prefix)["projects"][position]["title"]
    return next(text for text in titles.values() if text)


def named(store: ox.Store, name: str) -> set[str]:
    """IRIs of the things labelled ``name`` (preferred, alternative or plain label)."""
    rows = store.query(
        f"""SELECT DISTINCT ?thing WHERE {{
             ?thing <http://www.w3.org/2004/02/skos/core#prefLabel>
                    |<http://www.w3.org/2004/02/skos/core#altLabel>
                    |<http://www.w3.org/2000/01/rdf-schema#label> ?label .
             FILTER (STR(?label) = {ox.Literal(name)}) }}""",
        use_default_graph_as_union=True)
    found = {row["thing"].value for row in rows}
    assert found, f"nothing is labelled {name!r}"
    return found


def one(store: ox.Store, name: str) -> str:
    (iri,) = named(store, name)
    return iri


def municipality_codes(names: list[str]) -> list[str]:
    """Statistics Finland codes of municipalities, read from the shipped code list."""
    path = config.REFERENCE_DIR / "statfi_kunta_1_20240101.csv"
    with path.open(encoding="latin-1") as handle:  # as Statistics Finland ships it
        rows = {row["classificationItemName"]: row["code"].strip("'")
                for row in csv.DictReader(handle, delimiter=";")}
    return [rows[name] for name in names]


def test_the_ten_queries_have_bilingual_headers_and_run(
        store: ox.Store, queries: dict[str, CannedQuery]) -> None:
    assert set(queries) >= OUR_QUERIES
    for name in OUR_QUERIES:
        query = queries[name]
        assert query.title["fi"] and query.title["en"] and query.description["en"], name
        assert "PREFIX kuhy:" in query.sparql
        assert run(store, query), f"{name} gives no answer with its default parameters"


def test_bind_replaces_the_values_and_refuses_unknown_parameters(
        queries: dict[str, CannedQuery]) -> None:
    query = queries["projects_in_municipality"]
    assert query.params == {"code": '"091"'}
    assert 'VALUES ?code { "140" "239" }' in query.bind(code=["140", "239"])
    with pytest.raises(KeyError):
        query.bind(year="2021")


def test_a_bound_value_is_one_term_and_cannot_change_the_query(
        store: ox.Store, queries: dict[str, CannedQuery]) -> None:
    funder = queries["projects_by_funder"]
    hostile = 'x"@fi } ?project ?p ?o . { VALUES ?funderName { "Opetus- ja kulttuuriministeriö'
    assert run(store, funder, funderName=hostile) == []
    assert funder.term("funderName", "Taike") == ox.Literal("Taike", language="fi")
    year = queries["projects_active_in_year"]
    for not_a_year in ("2014 } UNION { ?s ?p ?o", "20.5", "MMXIV"):
        with pytest.raises(ValueError):
            year.bind(year=not_a_year)


def test_a_query_file_without_english_title_is_refused_with_its_name(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("# title-fi: Hankkeet\n# description-fi: x\n# description-en: x\n"
                   "SELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    good = tmp_path / "good.rq"
    good.write_text("# title-fi: a\n# title-en: a\n# description-fi: b\n# description-en: b\n"
                    "# param: ?x = 1\nSELECT * WHERE { VALUES ?x { 1 } }\n", encoding="utf-8")
    with pytest.raises(QueryFileError, match="bad.rq.*title-en"):
        load_query(bad)
    assert [query.name for query in load_queries(tmp_path)] == ["good"]


def test_projects_by_funder(store: ox.Store, queries: dict[str, CannedQuery]) -> None:
    okm = {row["title"] for row in run(store, queries["projects_by_funder"])}
    assert okm == {title("000"), title("001"), title("004"), title("h017", 1)}
    ely = run(store, queries["projects_by_funder"],
              funderName="Hämeen elinkeino-, liikenne- ja ympäristökeskus")
    assert {row["title"] for row in ely} == {title("003"), title("h002")}
    assert {row["programmeLabel"] for row in ely} == {"Euroopan sosiaalirahasto"}
    budgets = {row["title"]: row["totalBudget"] for row in ely}
    assert budgets[title("003")] == Decimal("1502328")


def test_partners_of_an_organisation_with_role_and_budget_share(
        store: ox.Store, queries: dict[str, CannedQuery]) -> None:
    xamk = run(store, queries["partners_of_organisation"])
    partners = {row["partner"] for row in xamk}
    for name in ("LAB-ammattikorkeakoulu", "Taideyliopisto", "Helsingin kaupunki",
                 "Metropolia Ammattikorkeakoulu", "Aalto-yliopisto", "Luckan ry"):
        assert named(store, name) & partners, name
    of_uniarts = run(store, queries["partners_of_organisation"], orgName="Taideyliopisto")
    xamk_iri = one(store, "Kaakkois-Suomen ammattikorkeakoulu")
    (share,) = [row for row in of_uniarts if row["partner"] == xamk_iri]
    assert share["budgetShare"] == Decimal("190433")
    assert share["role"].endswith("#Partner")
    assert share["title"] == title("003")


def test_funding_per_region_and_year(store: ox.Store, queries: dict[str, CannedQuery]) -> None:
    rows = run(store, queries["funding_by_region_and_year"])
    by_key = {(row["region"], row["year"]): row for row in rows}
    paijat_hame = by_key[(one(store, "Päijät-Häme"), Decimal(2022))]
    assert paijat_hame["projects"] == 1 and paijat_hame["totalBudgetEur"] == Decimal("28000")
    assert by_key[(one(store, "Pirkanmaa"), Decimal(2021))]["projects"] == 2
    etela_pohjanmaa = one(store, "Etelä-Pohjanmaa")
    years = {year for region, year in by_key if region == etela_pohjanmaa}
    assert {Decimal(2015), Decimal(2018), Decimal(2021)} <= years
    recent = run(store, queries["funding_by_region_and_year"], fromYear="2020")
    assert {row["year"] for row in recent} - {None} == {Decimal(2020), Decimal(2021),
                                                       Decimal(2022)}


def test_funding_per_region_and_year_counts_each_project_once_and_knows_no_zero(
        store: ox.Store, queries: dict[str, CannedQuery]) -> None:
    """The query's cells against the same figures worked out in Python from the triples."""
    def objects(subject: ox.NamedNode, name: str) -> list[Any]:
        return [quad.object for quad in store.quads_for_pattern(subject, K(name), None)]

    def regions_of(project: ox.NamedNode) -> set[str]:
        found = set()
        for place in objects(project, "region"):
            types = {quad.object for quad in store.quads_for_pattern(place, RDF_TYPE, None)}
            if K("Region") in types:
                found.add(place.value)
            found |= {region.value for region in objects(place, "overlapsRegion")}
            found |= {region.value for member in objects(place, "memberMunicipality")
                      for region in objects(member, "inRegion")}
        found |= {region.value for municipality in objects(project, "municipality")
                  for region in objects(municipality, "inRegion")}
        return found

    expected: dict[tuple[str, Decimal | None], list[int | Decimal | None]] = {}
    for quad in store.quads_for_pattern(None, RDF_TYPE, K("Project")):
        project = quad.subject
        amounts = [Decimal(amount.value) for funding in objects(project, "hasFunding")
                   for amount in objects(funding, "amount")]
        start = objects(project, "startDate")
        year = Decimal(start[0].value[:4]) if start else None
        for region in regions_of(project):
            cell = expected.setdefault((region, year), [0, 0, Decimal(0)])
            cell[0] += 1
            cell[1] += 1 if amounts else 0
            cell[2] += sum(amounts)
    rows = run(store, queries["funding_by_region_and_year"])
    got = {(row["region"], row["year"]): [row["projects"], row["projectsWithFunding"],
                                          row["fundingEur"]] for row in rows}
    assert got == {key: [n, known, total if known else None]
                   for key, (n, known, total) in expected.items()}
    assert all(row["fundingEur"] != 0 and row["totalBudgetEur"] != 0 for row in rows)


def test_projects_for_a_target_group(store: ox.Store, queries: dict[str, CannedQuery]) -> None:
    older = {row["title"] for row in run(store, queries["projects_for_target_group"])}
    assert {title("001"), title("004"), title("h005")} <= older
    young = run(store, queries["projects_for_target_group"], groupName="nuoret")
    assert {title("h002"), title("h012")} <= {row["title"] for row in young}
    assert title("003") not in older | {row["title"] for row in young}


def test_projects_in_a_municipality_by_code(store: ox.Store,
                                            queries: dict[str, CannedQuery]) -> None:
    seven = municipality_codes(gold("004")["projects"][0]["municipalities"])
    rows = run(store, queries["projects_in_municipality"], code=seven)
    assert sorted(row["code"] for row in rows) == sorted(seven)
    assert {row["title"] for row in rows} == {title("004")}
    helsinki = run(store, queries["projects_in_municipality"])
    assert {row["title"] for row in helsinki} == {title("h008")}
    assert {row["municipalityLabel"] for row in helsinki} == {"Helsinki"}


def test_outcomes_and_indicators_of_a_project(store: ox.Store,
                                              queries: dict[str, CannedQuery]) -> None:
    rows = run(store, queries["project_outcomes_and_indicators"])
    record = gold("000")["projects"][0]
    outcomes = [row for row in rows if row["kind"] == "outcome"]
    indicators = [row for row in rows if row["kind"] == "indicator"]
    assert len(outcomes) == len(record["outcomes"]) == 6
    assert sorted((row["value"], row["unit"], row["text"]) for row in indicators) == sorted(
        (Decimal(i["value"]), i["unit"], i["text"]) for i in record["indicators"])
    tehhaan = run(store, queries["project_outcomes_and_indicators"],
                  title=title("004"))
    assert [(row["value"], row["unit"]) for row in tehhaan if row["kind"] == "indicator"] == [
        (Decimal(5), "percent")]


def test_people_and_their_roles(store: ox.Store, queries: dict[str, CannedQuery]) -> None:
    rows = run(store, queries["people_and_roles"])
    assert {(row["name"], row["roleName"], row["title"]) for row in rows} == {
        ("Esa Vienamo", "projektipäällikkö", title("001")),
        ("Esa Vienamo", "projektipäällikkö", title("002"))}
    assert {row["actsFor"] for row in rows} == {one(store, "Etelä-Pohjanmaan liitto")}
    xamk = run(store, queries["people_and_roles"],
               orgName="Kaakkois-Suomen ammattikorkeakoulu")
    people = {row["name"] for row in xamk}
    assert {"Sanna-Leena Mikkonen", "Päivi Eronen", "Piia Kleimola", "Laura Lehtinen",
            "Silja Suntola"} <= people
    roles = {row["roleName"] for row in xamk if row["name"] == "Sanna-Leena Mikkonen"}
    assert roles == {"projektipäällikkö", "lehtori"}


def test_co_partnership_pairs(store: ox.Store, queries: dict[str, CannedQuery]) -> None:
    rows = run(store, queries["co_partnership_pairs"])
    pairs = {frozenset((row["first"], row["second"])): row["sharedProjects"] for row in rows}
    assert all(shared >= 2 for shared in pairs.values())
    arcada_metropolia = frozenset((one(store, "Arcada University of Applied Sciences"),
                                   one(store, "Metropolia University of Applied Sciences")))
    assert pairs[arcada_metropolia] == 2
    lab_tampere = frozenset((one(store, "LAB University of Applied Sciences"),
                             one(store, "University of Tampere Foundation")))
    assert pairs[lab_tampere] == 2
    every_pair = run(store, queries["co_partnership_pairs"], minShared="1")
    xamk_lab = frozenset((one(store, "Kaakkois-Suomen ammattikorkeakoulu"),
                          one(store, "LAB-ammattikorkeakoulu")))
    assert xamk_lab in {frozenset((row["first"], row["second"])) for row in every_pair}
    assert xamk_lab not in pairs


def test_projects_active_in_a_year(store: ox.Store, queries: dict[str, CannedQuery]) -> None:
    active = {row["title"] for row in run(store, queries["projects_active_in_year"])}
    assert active == {title("000"), title("004"), title("h005"), title("h008"), title("h010"),
                      title("h017", 0), title("h017", 1), title("h024")}
    earlier = run(store, queries["projects_active_in_year"], year="2014")
    assert {row["title"] for row in earlier} == {title("h011", 1)}


def test_programmes_and_who_pays(store: ox.Store, queries: dict[str, CannedQuery]) -> None:
    rows = run(store, queries["programmes_and_funders"])
    paid_by = {(row["programmeLabel"], row["funder"]): row["projects"] for row in rows}
    ely = one(store, "Hämeen elinkeino-, liikenne- ja ympäristökeskus")
    assert paid_by[("Euroopan sosiaalirahasto", ely)] == 2
    akke = "AKKE – Alueiden kestävän kasvun ja elinvoiman tukeminen"
    assert paid_by[(akke, one(store, "Päijät-Hämeen liitto"))] == 1
    stm = one(store, "Sosiaali- ja terveysministeriö")
    assert paid_by[("terveyden edistämisen määräraha", stm)] == 1
    assert ("AIKO", None) in paid_by
