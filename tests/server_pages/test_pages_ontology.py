"""/ontology over real HTTP: every term of ontology/kuhy.ttl on the page with its labels,
alignments and use in the graph; RDF by negotiation, read back with rdflib."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import requests
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg import config
from kg.rdf.vocab import K
from kg.store.layout import current_store_path

NS = "https://w3id.org/kuhy/ontology#"


def _vocabulary() -> Graph:
    return Graph().parse(config.ONTOLOGY_FILE, format="turtle")


def test_every_term_is_documented_with_labels_and_alignments(real_server: str,
                                                             built_store: Path) -> None:
    vocabulary = _vocabulary()
    terms = {str(s)[len(NS):] for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
             for s in vocabulary.subjects(RDF.type, kind) if str(s).startswith(NS)}
    html = requests.get(f"{real_server}/ontology", headers={"Accept": "text/html"},
                        timeout=60).text
    documented = set(re.findall(r'<article class="term" id="(\w+)">', html))
    assert documented == terms
    project = html.split('id="Project">', 1)[1].split("</article>", 1)[0]
    for label in ("hanke", "project", "projekt"):
        assert f"<strong>{label}</strong>" in project
    assert "schema:Project" in project and 'href="https://schema.org/Project"' in project
    store = ox.Store.read_only(str(current_store_path(built_store)))
    projects = len(list(store.query(f"SELECT DISTINCT ?p WHERE {{ ?p a <{K.Project}> }}",
                                    use_default_graph_as_union=True)))
    del store
    assert re.search(rf'class="uses">{projects} · ', project)


def test_the_vocabulary_as_rdf_by_negotiation(real_server: str) -> None:
    response = requests.get(f"{real_server}/ontology", headers={"Accept": "text/turtle"},
                            timeout=60)
    assert response.headers["Content-Type"].startswith("text/turtle")
    assert "Accept" in response.headers["Vary"]
    served = Graph().parse(data=response.text, format="turtle")
    assert set(_vocabulary().subjects(RDF.type, OWL.Class)) <= set(
        served.subjects(RDF.type, OWL.Class))
    assert (URIRef(NS + "Project"), RDFS.subClassOf, URIRef("https://schema.org/Project")) \
        in served
    jsonld = requests.get(f"{real_server}/ontology", params={"format": "jsonld"}, timeout=60)
    assert len(Graph().parse(data=jsonld.text, format="json-ld")) == len(served)
