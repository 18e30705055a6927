"""Hostile and broken input (issue 16, pipeline side; issue 12 items 6 and 7): only http(s)
links, RDF only through checked terms, contacts scrubbed, one bad item is one problem."""

from __future__ import annotations

import io
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from foundation_helpers import column, open_current, select, write_record
from rdflib import Graph

from kg import config
from kg.cli import main
from kg.ingest.records import check_record
from kg.ingest.texts import decode_text
from kg.link.model import NameOnlyLinker
from kg.rdf.mapping import RecordMapper
from kg.store.build import BuildError, build
from kg.store.export import FORMATS, export
from kg.store.layout import builds_dir, current_store_path

SHARED = config.PROJECT_ROOT.parent / "shared"
GOLD_DIR, CORPUS_TEXTS = SHARED / "corpus" / "gold", SHARED / "corpus" / "texts"
GOOD = json.loads((config.RECORDS_DIR / "h002.json").read_text(encoding="utf-8"))
INJECTED_TAG = ('en <https://w3id.org/kuhy/graph/build> .\n'
                '<https://w3id.org/kuhy/id/project/victim> '
                '<https://w3id.org/kuhy/ontology#title> "PWNED-BY-LANGTAG"@en')
EMAIL = re.compile(r"[\w.+-]+(?:@|\(at\)|\[at\])[\w-]+\.[a-z]{2,}", re.IGNORECASE)
PHONE = re.compile(r"(?:\+\d{3}[ -]?|\(0\d{1,2}\) ?|\b0\d{1,2}[ -]?)\d{2,4}(?:[ -]?\d{2,4}){1,3}"
                   r"(?![\d-])")


def record(source: str, **changes) -> dict:
    """A copy of the h002 gold record under another source name, first project changed."""
    copy = json.loads(json.dumps(GOOD))
    copy["source"] = source
    copy["projects"][0].update(changes)
    return copy


def build_one(tmp_path: Path, name: str, data: dict | str, **options) -> tuple:
    directory = tmp_path / "records"
    directory.mkdir(exist_ok=True)
    write_record(directory, name, data)
    root = tmp_path / "store"
    return build(directory, None, store_root=root, **options), root


def every_dump(root: Path, tmp_path: Path) -> dict[str, str]:
    """Every format ``kg export`` writes, as text."""
    texts = {}
    for name in FORMATS:
        out = tmp_path / f"dump.{name}"
        export(root, name, out)
        texts[name] = out.read_text(encoding="utf-8")
    return texts


def literal_values(root: Path) -> list[str]:
    store = open_current(root)
    return [quad.object.value for quad in store.quads_for_pattern(None, None, None, None)
            if isinstance(quad.object, ox.Literal)]


# -- links ------------------------------------------------------------------------------------

def test_only_http_links_become_iris_and_the_rest_is_reported(tmp_path: Path) -> None:
    hostile = record("links.txt", links=["javascript://%0Aalert(16)", "file:///etc/passwd",
                                         "data:text/html,<script>alert(1)</script>",
                                         "www.iisalmi.fi/tehhaanvirtaayhessa",
                                         "https://example.org/ok"])
    hostile["url"] = "javascript://%0Aalert(16)"
    result, root = build_one(tmp_path, "links.json", hostile)
    assert result.documents == 1
    reasons = [(p.source, p.message) for p in result.problems]
    assert ("links.json", "url: not an http(s) link: 'javascript://%0Aalert(16)'; left out") \
        in reasons
    for index in range(3):
        assert any(source == "links.json" and message.startswith(f"links/{index}: not an http(s)")
                   for source, message in reasons), reasons
    pages = column(open_current(root), "SELECT ?w WHERE { ?p kuhy:webPage ?w }", "w")
    assert pages == {"http://www.iisalmi.fi/tehhaanvirtaayhessa", "https://example.org/ok"}
    for name, text in every_dump(root, tmp_path).items():
        for scheme in ("javascript:", "file:", "data:text"):
            assert scheme not in text, (name, scheme)


# -- checked terms ----------------------------------------------------------------------------

def test_an_injected_language_tag_is_reported_and_adds_no_quad(tmp_path: Path) -> None:
    hostile = record("langtag.txt", title={"fi": GOOD["projects"][0]["title"]["fi"],
                                           INJECTED_TAG: "x"})
    notes = check_record(json.loads(json.dumps(hostile)), "langtag.json")
    assert len(notes) == 1 and notes[0].startswith("projects/0/title/en <https://")
    result, root = build_one(tmp_path, "langtag.json", hostile)
    assert result.documents == 1
    assert [p.source for p in result.problems] == ["langtag.json"]
    assert "is not a language tag; left out" in result.problems[0].message
    store = open_current(root)
    graphs = {graph.value for graph in store.named_graphs()}
    assert graphs == {config.graph_uri("doc", "langtag"), config.graph_uri("reference"),
                      config.graph_uri("ontology"), config.graph_uri("meta")}
    dump = store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
    assert "victim" not in dump and "PWNED" not in dump and "graph/build" not in dump


def test_the_mapper_alone_refuses_a_bad_language_tag_as_a_dropped_value() -> None:
    hostile = record("langtag.txt", title={"fi": "Hanke", INJECTED_TAG: "x"})
    mapped = RecordMapper(NameOnlyLinker()).map(hostile)
    assert [reason.split(":")[0] for _, reason in mapped.dropped] == ["projects/0/title"]
    assert "not a BCP 47 language tag" in mapped.dropped[0][1]
    assert not [t for t in mapped.triples if "PWNED" in t]


def test_control_characters_leave_every_xml_output_well_formed(tmp_path: Path) -> None:
    noisy = ("Alku\x00 \x01\x08\x0b\x0c\x1b\x7f\x85\x9f \u202eesrever\u202c "
             "\u2066isolate\u2069 loppu")
    hostile = record("controls.txt", description=noisy, goals=[noisy],
                     title={"fi": "Ohjaus\x00merkit\u202e"})
    result, root = build_one(tmp_path, "controls.json", hostile)
    assert result.documents == 1 and result.problems == []
    store = open_current(root)
    quads = list(store.quads_for_pattern(None, None, None, None))
    xml = io.BytesIO()
    ox.serialize((quad.triple for quad in quads), xml, format=ox.RdfFormat.RDF_XML)
    parsed = Graph().parse(data=xml.getvalue(), format="xml")  # a real XML parser
    assert len(parsed) == len({quad.triple for quad in quads})
    results = store.query("SELECT ?d WHERE { GRAPH ?g { ?p <https://w3id.org/kuhy/ontology#"
                          "description> ?d } }")
    tree = ElementTree.fromstring(results.serialize(format=ox.QueryResultsFormat.XML))
    descriptions = [node.text for node in tree.iter("{http://www.w3.org/2005/sparql-results#}"
                                                    "literal")]
    assert descriptions == ["Alku esrever isolate loppu"]
    assert "Ohjausmerkit" in literal_values(root)


# -- contacts ---------------------------------------------------------------------------------

CONTACT_QUOTE = ("Lisätietoja antaa projektipäällikkö Maija Meikäläinen, puh. 050 4390 518, "
                 "+358 50 123 4567 tai (09) 123 456, maija.meikalainen(at)example.fi. Hanke sai "
                 "35 000 euroa vuonna 2021 (2021-2022).")


def contact_record() -> dict:
    return record("contacts.txt", description=CONTACT_QUOTE, people=[
        {"name": "Maija Meikäläinen", "roles": ["projektipäällikkö"], "organisation": None,
         "email": "maija.meikalainen@example.fi", "phone": "050 4390 518"}],
        evidence=[{"field": "people", "value": "Maija Meikäläinen", "start": None, "end": None,
                   "quote": CONTACT_QUOTE}])


def test_phone_numbers_and_addresses_are_scrubbed_from_text_and_evidence(tmp_path: Path) -> None:
    result, root = build_one(tmp_path, "contacts.json", contact_record())
    assert result.documents == 1
    suffixes = column(open_current(root), "SELECT ?s WHERE { ?q oa:suffix ?s }", "s")
    assert suffixes == {", puh. […], […] tai […], […]. Ha"}
    for name, text in every_dump(root, tmp_path).items():
        for contact in ("050 4390 518", "123 4567", "123 456", "example.fi"):
            assert contact not in text, (name, contact)
    description = column(open_current(root), "SELECT ?d WHERE { ?p kuhy:description ?d }", "d")
    assert description == {CONTACT_QUOTE.replace("050 4390 518", "[…]").replace(
        "+358 50 123 4567", "[…]").replace("(09) 123 456", "[…]").replace(
        "maija.meikalainen(at)example.fi", "[…]")}  # money, year and years kept


def test_a_build_with_contacts_keeps_them(tmp_path: Path) -> None:
    result, root = build_one(tmp_path, "contacts.json", contact_record(), include_contacts=True)
    assert result.problems == []
    dump = open_current(root).dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
    assert "050 4390 518" in column(open_current(root),
                                    "SELECT ?s WHERE { ?q oa:suffix ?s }", "s").pop()
    assert "maija.meikalainen@example.fi" in dump


def test_the_default_build_publishes_no_contact(built_store: Path, tmp_path: Path) -> None:
    seeds = " ".join(path.read_text(encoding="utf-8") for path in config.TEXTS_DIR.glob("*.txt"))
    assert EMAIL.search(seeds) or PHONE.search(seeds)  # the inputs do hold contacts
    found = [value for value in literal_values(built_store)
             if EMAIL.search(value) or PHONE.search(value)]
    assert found == []
    for name, text in every_dump(built_store, tmp_path).items():
        assert not EMAIL.search(text), name


# -- per-item failure -------------------------------------------------------------------------

@pytest.mark.parametrize("depth", [990, 100_000])
def test_a_deeply_nested_record_is_one_problem(tmp_path: Path, depth: int) -> None:
    directory = tmp_path / "records"
    directory.mkdir()
    write_record(directory, "good.json", record("good.txt"))
    write_record(directory, "deep.json", '{"source": "deep.txt", "projects": [{"title": {}, '
                                         '"goals": ' + "[" * depth + "]" * depth + "}]}")
    result = build(directory, None, store_root=tmp_path / "store")
    assert [(p.source, p.message) for p in result.problems] == [
        ("deep.json", "nested deeper than 32 levels")]
    assert result.documents == 1


def test_sources_with_one_key_are_reported_not_merged(tmp_path: Path) -> None:
    records, texts = tmp_path / "records", tmp_path / "texts"
    records.mkdir()
    texts.mkdir()
    write_record(records, "REPORT_1.json", record("REPORT_1.txt"))
    write_record(records, "report_1 copy.json", record("report-1.txt"))
    for name in ("Report 1.txt", "report-1.txt"):
        (texts / name).write_text("Hanke Testi alkoi 2021.", encoding="utf-8")
    result = build(records, texts, store_root=tmp_path / "store")
    assert result.documents == 1
    clashes = {p.source: p.message for p in result.problems}
    assert set(clashes) == {"report_1 copy.json", "Report 1.txt", "report-1.txt"}
    assert all("has the key 'report-1' of REPORT_1.json" in m for m in clashes.values())
    graphs = column(open_current(tmp_path / "store"),
                    "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?d a kuhy:Document } }", "g")
    assert graphs == {config.graph_uri("doc", "report-1")}


def run_limited(args: list[str], file_size_limit: int) -> subprocess.CompletedProcess:
    """``kg ARGS`` in a process whose files cannot grow past ``file_size_limit`` bytes (the
    kernel refuses the write as on a full disk; no root needed)."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    command = [sys.executable, "-c", "from kg.cli import main; main()", *args]
    env = {**os.environ, "PYTHONPATH": str(config.PROJECT_ROOT)}
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300,
                          preexec_fn=limit)


@pytest.mark.real_process  # `kg` in a process whose files cannot grow
def test_a_full_disk_gives_one_line_and_keeps_the_served_store(
        sample_records: Path, built_store: Path, tmp_path: Path) -> None:
    root = tmp_path / "store"  # a copy of the session's build: its builds and relative link
    shutil.copytree(built_store / "builds", root / "builds")
    (root / "current").symlink_to(os.readlink(built_store / "current"))
    served = current_store_path(root)
    args = ["build", "--records", str(sample_records), "--texts", str(tmp_path / "none"),
            "--store", str(root)]
    failed = run_limited(args, 20_000)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    last = failed.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: build failed: ") and "File too large" in last
    assert current_store_path(root) == served
    assert [path.resolve() for path in builds_dir(root).iterdir()] == [served]

    out = tmp_path / "dump.nq"
    failed = run_limited(["export", "--format", "nq", "--out", str(out), "--store", str(root)],
                         20_000)
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    assert failed.stderr.strip().splitlines()[-1].startswith("Error: export failed: File too")
    assert list(tmp_path.glob("dump.nq*")) == []


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be-bom", "utf-8-sig", "latin-1"])
def test_texts_in_utf16_and_with_a_bom_are_read(encoding: str) -> None:
    text = "Hanke Äänekosken kulttuurikeskus sai 35 000 euroa."
    data = (b"\xfe\xff" + text.encode("utf-16-be")) if encoding == "utf-16-be-bom" \
        else text.encode(encoding)
    assert decode_text(data, "t.txt") == text


# -- nothing lost for being incomplete (issue 12 item 6) ---------------------------------------

def test_the_record_schema_accepts_what_the_contract_allows() -> None:
    allowed = record("contract.txt", title={"fi": None, "sv": None, "en": None, "en-GB": None},
                     budget={"total_eur": None, "shares": [{"organisation": None,
                                                            "eur": 97000}]})
    assert check_record(allowed, "contract.json") == []


def test_the_development_gold_records_keep_every_document_and_project(tmp_path: Path) -> None:
    result = build(GOLD_DIR, CORPUS_TEXTS, store_root=tmp_path / "store")
    assert (result.documents, result.projects) == (41, 77), result.problems
    store = open_current(tmp_path / "store")
    in_documents = store.query("SELECT ?g ?p WHERE { GRAPH ?g { ?p a <https://w3id.org/kuhy/"
                               "ontology#Project> } }")
    assert len(list(in_documents)) == 77  # two projects are named by two documents each
    generated = select(store, "SELECT ?p ?label WHERE { ?p kuhy:labelGenerated true ; "
                              "rdfs:label ?label FILTER NOT EXISTS { ?p kuhy:title ?t } }")
    untitled = [w for w in result.warnings if w.message == "The project has no title."]
    assert len(generated) == len(untitled) >= 15
    labels = {row["label"] for row in generated}
    assert "KO-KOO-MO ry – Taiteen edistämiskeskus" in labels
    warned = column(store, "SELECT ?p WHERE { ?p kuhy:completenessWarning "
                           "'The project names no participating organisation and no "
                           "funding.'@en }", "p")
    assert f"{config.BASE_URI}id/project/kuulto" in warned
    joint = select(store, "SELECT ?amount WHERE { ?f kuhy:amount ?amount ; kuhy:programme ?pr . "
                          "?pr skos:prefLabel 'Kultur under tiden'@sv }")
    assert [row["amount"] for row in joint] == ["97000"]


# -- an RDF-only graph (issue 12 item 7) -------------------------------------------------------

def test_a_build_of_added_rdf_alone_is_served(tmp_path: Path) -> None:
    added = tmp_path / "extra.ttl"
    added.write_text('<https://example.org/a> <https://example.org/says> "hei\\u0000 maailma"@fi'
                     ' .\n<https://example.org/a> <https://example.org/knows> '
                     '<https://example.org/b> .\n', encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    outcome = CliRunner().invoke(main, ["build", "--records", str(empty), "--texts", str(empty),
                                        "--add", str(added), "--store", str(tmp_path / "store")])
    assert outcome.exit_code == 0, outcome.output
    store = open_current(tmp_path / "store")
    graph = config.graph_uri("add", "extra")
    rows = select(store, f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert {row["o"] for row in rows} == {"hei maailma", "https://example.org/b"}

    broken = tmp_path / "broken.ttl"
    broken.write_text("<https://example.org/a> <not an iri> .", encoding="utf-8")
    with pytest.raises(BuildError, match="no input document or added file"):
        build(empty, empty, [broken], store_root=tmp_path / "other")


def test_an_integrity_violation_removes_the_node_not_the_document(tmp_path: Path) -> None:
    blank = record("blank.txt", people=[{"name": " "}])  # a person named by a blank
    result, root = build_one(tmp_path, "blank.json", blank)
    assert (result.documents, result.projects) == (1, 1)
    person = f"{config.BASE_URI}id/person/x"
    assert [(p.focus, p.message) for p in result.problems][:2] == [
        (person, "A person has a name.; value left out"),
        (person, "A person has a name.; node left out")]
    store = open_current(root)
    assert not select(store, f"SELECT ?p WHERE {{ ?r ?p <{person}> }}")
    assert column(store, "SELECT ?t WHERE { ?p kuhy:title ?t }", "t") == {
        GOOD["projects"][0]["title"]["fi"]}
