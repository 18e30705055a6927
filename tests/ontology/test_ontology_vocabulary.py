"""The ontology declares every kuhy term the code, shapes and queries use, in fi and en."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as shipped
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg import config
from kg.rdf.vocab import ROLE_TERMS, K

KUHY = "https://w3id.org/kuhy/ontology#"
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")
DECLARED_KINDS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}

# Vocabularies rdflib ships as closed term lists generated from their published files.
SHIPPED_NAMES = ("SDO", "FOAF", "ORG", "PROV", "SKOS", "DCTERMS")
# Terms checked by hand against their published files (docs/decisions/, "Ontology
# alignments checked against the published vocabularies"): EURIO and FRAPO, and schema.org
# terms newer than rdflib's list. A new one is added here only after the same check.
HAND_CHECKED = {
    "https://schema.org/funding",
    "http://data.europa.eu/s66#Project", "http://data.europa.eu/s66#OrganisationRole",
    "http://data.europa.eu/s66#Grant", "http://data.europa.eu/s66#FundingScheme",
    "http://purl.org/cerif/frapo/Grant", "http://purl.org/cerif/frapo/FundingProgramme",
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(config.ONTOLOGY_FILE, format="turtle")


def kuhy_terms_in_sources() -> set[str]:
    """Local names of kuhy terms written in vocab.py, the other kg/ modules, shapes and queries."""
    names: set[str] = {str(term)[len(str(K)):] for term in ROLE_TERMS.values()}
    for path in (config.PROJECT_ROOT / "kg").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r"\bK\.([A-Za-z]\w*)", text))
        names |= set(re.findall(r"\bK:([A-Za-z]\w*)", text))  # vocab.py's docstring
    rdf_sources = [config.SHAPES_FILE, *config.QUERIES_DIR.glob("*.rq")]
    for path in rdf_sources:
        names |= set(re.findall(r"\bkuhy:([A-Za-z]\w*)", path.read_text(encoding="utf-8")))
    return names


def languages(graph: Graph, subject: URIRef, predicate: URIRef) -> set[str]:
    return {value.language for value in graph.objects(subject, predicate)
            if isinstance(value, Literal) and value.language}


def test_every_used_kuhy_term_is_declared_with_fi_and_en_label_and_definition(
        ontology: Graph) -> None:
    used = kuhy_terms_in_sources()
    assert {"Project", "hasParticipation", "statisticsFinlandCode", "Lead"} <= used
    problems = []
    for name in sorted(used):
        term = URIRef(KUHY + name)
        if not set(ontology.objects(term, RDF.type)) & DECLARED_KINDS:
            problems.append(f"{name}: not declared")
            continue
        for predicate in (RDFS.label, SKOS.definition):
            missing = {"fi", "en"} - languages(ontology, term, predicate)
            if missing:
                problems.append(f"{name}: no {predicate.n3()} in {sorted(missing)}")
    assert not problems, problems


def test_every_declared_term_has_fi_en_labels_and_the_roles_are_individuals(
        ontology: Graph) -> None:
    declared = {s for s in ontology.subjects(RDF.type, None) if str(s).startswith(KUHY)}
    assert len(declared) > 60
    for term in declared:
        assert {"fi", "en"} <= languages(ontology, term, RDFS.label), term
    for role in ROLE_TERMS.values():
        assert (role, RDF.type, K.ParticipationRole) in ontology
        assert (role, RDF.type, OWL.NamedIndividual) in ontology


def test_header_has_version_licence_creator_and_bilingual_title(ontology: Graph) -> None:
    header = next(ontology.subjects(RDF.type, OWL.Ontology))
    assert ontology.value(header, OWL.versionIRI) is not None
    assert ontology.value(header, DCTERMS.license) == CC_BY
    assert ontology.value(header, DCTERMS.creator) is not None
    assert {"fi", "en"} <= languages(ontology, header, DCTERMS.title)
    assert {"fi", "en"} <= languages(ontology, header, DCTERMS.description)


def shipped_vocabularies() -> list:
    return [getattr(shipped, name) for name in SHIPPED_NAMES]


def aligned_targets(ontology: Graph) -> set[URIRef]:
    targets = set()
    for predicate in (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass,
                      OWL.equivalentProperty):
        targets |= {o for s, o in ontology.subject_objects(predicate)
                    if str(s).startswith(KUHY) and not str(o).startswith(KUHY)}
    return targets


def test_alignments_point_only_at_terms_of_the_published_vocabularies(ontology: Graph) -> None:
    targets = aligned_targets(ontology)
    assert URIRef("https://schema.org/Project") in targets
    unknown = []
    for target in targets:
        if str(target) in HAND_CHECKED:
            continue
        vocabulary = next((vocabulary for vocabulary in shipped_vocabularies()
                           if str(target).startswith(str(vocabulary))), None)
        if vocabulary is not None:
            if target not in vocabulary:
                unknown.append(str(target))
        elif str(target) not in HAND_CHECKED:
            unknown.append(str(target))
    assert not unknown, f"aligned to terms not found in the published vocabularies: {unknown}"


def test_ontology_file_uses_the_namespace_the_code_writes() -> None:
    text = Path(config.ONTOLOGY_FILE).read_text(encoding="utf-8")
    assert f"@prefix kuhy:    <{K}>" in text
