"""Sub-regions (seutukunnat) and historic or informal areas: linked to their parent regions
and member municipalities, never taking a municipality's or a region's name."""

from __future__ import annotations

import csv
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import config
from kg.cli import main
from kg.link import default_linker
from kg.rdf.mapping import RecordMapper

GOLD_DIR = config.PROJECT_ROOT.parent / "shared" / "corpus" / "gold"
K = "https://w3id.org/kuhy/ontology#"


@pytest.fixture(scope="module")
def linker():  # noqa: ANN201
    return default_linker()


def members(entity) -> set[str]:  # noqa: ANN001
    return {member.key for member in entity.members}


@pytest.mark.parametrize(("name", "key", "code", "region"), [
    ("Lahden seutu", "lahden-seutukunta", "071", "07"),
    ("Lahden seutukunta", "lahden-seutukunta", "071", "07"),
    ("Tampereen seudun", "tampereen-seutukunta", "064", "06"),   # inflected: Voikko base form
    ("Järviseutu", "jarviseutu", "146", "14"),
    ("Suupohja", "suupohja", "141", "14"),
    ("Ylä-Savo", "yla-savo", "111", "11"),
    ("Övre Savolax", "yla-savo", "111", "11"),                   # areas.tsv name, merged
    ("Kotka-Fredrikshamn", "kotka-hamina", "082", "08"),
])
def test_subregion_links_its_code_region_and_members(linker, name, key, code, region) -> None:
    entity = linker.place(name)
    assert (entity.kind, entity.key, entity.status) == ("subregion", key, "linked")
    assert entity.uri_kind == "region" and ("seutukunta", code) in entity.identifiers
    assert [parent.key for parent in entity.broader] == [region]
    assert entity.members and all(m.broader[0].key == region for m in entity.members)


def test_lahti_subregion_has_its_ten_municipalities(linker) -> None:
    entity = linker.place("Lahden seutu")
    assert entity.name == "Lahden seutukunta" and len(entity.members) == 10
    assert {"398", "098", "016"} <= members(entity)  # Lahti, Hollola, Asikkala


@pytest.mark.parametrize(("name", "kind", "key"), [
    ("Lahti", "municipality", "398"), ("Helsinki", "municipality", "091"),
    ("Kouvola", "municipality", "286"), ("Jämsä", "municipality", "182"),
    ("Norra Savolax", "region", "11"), ("Mariehamn", "municipality", "478"),
])
def test_a_subregion_never_takes_a_town_or_region_name(linker, name, kind, key) -> None:
    entity = linker.place(name)
    assert (entity.kind, entity.key) == (kind, key)


def test_one_town_subregion_name_is_not_a_place(linker) -> None:
    assert linker.place("Mariehamns stad").status == "unlinked"


@pytest.mark.parametrize(("name", "regions", "member_codes"), [
    ("Häme", ["05", "07"], set()), ("Tavastland", ["05", "07"], set()),
    ("Järvi-Pohjanmaa", ["14"], {"005", "759", "934"}),
    ("Pääkaupunkiseutu", ["01"], {"091", "049", "092", "235"}),
])
def test_historic_and_informal_areas(linker, name, regions, member_codes) -> None:
    entity = linker.place(name)
    assert (entity.kind, entity.status) == ("area", "linked")
    assert [parent.key for parent in entity.broader] == regions
    assert members(entity) == member_codes


def test_subregion_is_written_with_class_code_region_and_members(linker) -> None:
    record = {"source": "alue.txt", "language": "fi", "projects": [{
        "title": {"fi": "Seutuhanke"}, "regions": ["Lahden seutu", "Järvi-Pohjanmaa"],
        "lead_organisations": ["Lahden kaupunki"]}]}
    mapped = RecordMapper(linker).map(record)
    graph = ox.Store()
    graph.load(("".join(line + " .\n" for line in (*mapped.triples, *mapped.reference))),
               format=ox.RdfFormat.N_TRIPLES)
    base = config.BASE_URI + "id/"
    sub, area = base + "region/lahden-seutukunta", base + "region/jarvi-pohjanmaa"

    def objects(subject: str, predicate: str) -> set[str]:
        return {q.object.value for q in graph.quads_for_pattern(
            ox.NamedNode(subject), ox.NamedNode(K + predicate), None)}

    assert objects(sub, "subRegionCode") == {"071"}
    assert objects(sub, "overlapsRegion") == {base + "region/07"}
    assert base + "municipality/398" in objects(sub, "memberMunicipality")
    assert len(objects(sub, "memberMunicipality")) == 10
    assert objects(area, "memberMunicipality") == {base + f"municipality/{c}"
                                                   for c in ("005", "759", "934")}
    types = {q.object.value for q in graph.quads_for_pattern(
        ox.NamedNode(sub), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        None)}
    assert types == {K + "SubRegion"}
    project = next(s for s in mapped.projects)
    assert objects(project, "region") == {sub, area}


def test_gold_records_link_every_place_and_most_topics(tmp_path: Path) -> None:
    out = tmp_path / "links.csv"
    result = CliRunner().invoke(main, ["links", "--report", "--records", str(GOLD_DIR),
                                       "--csv", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    rows = {row["kind"]: row for row in csv.DictReader(lines)}
    places = [rows[kind] for kind in ("municipality", "region", "subregion", "area")]
    assert sum(int(r["total"]) for r in places) >= 45
    assert all(r["linked"] == r["total"] for r in places), places
    for kind in ("topic", "target_group"):
        assert int(rows[kind]["linked"]) >= 0.7 * int(rows[kind]["total"]), kind
