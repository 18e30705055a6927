"""Each SHACL shape admits one conforming document graph and reports one violating one."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from kg import config

SHAPES = "https://w3id.org/kuhy/shapes#"
PREFIXES = """
@prefix kuhy:   <https://w3id.org/kuhy/ontology#> .
@prefix ex:     <https://w3id.org/kuhy/id/> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:   <http://www.w3.org/2004/02/skos/core#> .
@prefix foaf:   <http://xmlns.com/foaf/0.1/> .
@prefix schema: <https://schema.org/> .
@prefix oa:     <http://www.w3.org/ns/oa#> .
"""
SHA = "a" * 64
DOCUMENT = f'ex:doc a kuhy:Document ; kuhy:sourceFile "h001.txt" ; kuhy:sha256 "{SHA}" .\n'


def project(extra: str = "", title: str = '"Hanke"@fi') -> str:
    """A valid project with one lead, plus ``extra`` predicate-object pairs."""
    return f"""
ex:p a kuhy:Project ; kuhy:title {title} ; kuhy:sourceDocument ex:doc ;
     kuhy:hasParticipation ex:part {extra} .
ex:part a kuhy:Participation ; kuhy:organisation ex:org ; kuhy:role kuhy:Lead .
"""


def funded(funding: str) -> str:
    return project("; kuhy:hasFunding ex:f") + f"ex:f a kuhy:Funding ; {funding} .\n"


@dataclass(frozen=True)
class Case:
    shape: str        # local name of the node shape or named property shape
    conforming: str   # Turtle added to the document node
    violating: str
    severity: URIRef = SH.Violation


CASES = [
    Case("ProjectShape", project(), project('; kuhy:status "maybe"')),
    Case("ProjectCompletenessShape", project(),
         'ex:p a kuhy:Project ; kuhy:title "Hanke"@fi ; kuhy:sourceDocument ex:doc .',
         severity=SH.Warning),
    Case("ProjectTitleLanguage", project(), project(title='"Hanke"')),
    Case("ProjectHasTitle", project(),
         'ex:p a kuhy:Project ; kuhy:sourceDocument ex:doc ; kuhy:hasFunding ex:f .'
         'ex:f a kuhy:Funding ; kuhy:funder ex:okm .', severity=SH.Warning),
    Case("ProjectStartDate", project('; kuhy:startDate "2021-08"^^xsd:gYearMonth'),
         project('; kuhy:startDate "31.12.2021"')),
    Case("ProjectEndDate", project('; kuhy:endDate "2021"^^xsd:gYear'),
         project('; kuhy:endDate "2021"^^xsd:gYear, "2022"^^xsd:gYear')),
    Case("ProjectSourceDocument", project(),
         project().replace("kuhy:sourceDocument ex:doc ;", "")),
    Case("StartNotAfterEnd",
         project('; kuhy:startDate "2021-03-01"^^xsd:date ; kuhy:endDate "2021"^^xsd:gYear'),
         project('; kuhy:startDate "2021-08"^^xsd:gYearMonth ;'
                 ' kuhy:endDate "2021-03-31"^^xsd:date')),
    Case("ParticipationShape", project(),
         project() + "ex:loose a kuhy:Participation ; kuhy:organisation ex:org ;"
                     " kuhy:role kuhy:Lead ."),
    Case("FundingShape", funded('kuhy:funder ex:okm ; kuhy:amount 100.0 ; kuhy:currency "EUR"'),
         funded('kuhy:funder ex:okm ; kuhy:amount 100.0 ; kuhy:currency "USD"')),
    Case("AmountShape", funded('kuhy:funder ex:okm ; kuhy:amount 190433.0 ; kuhy:currency "EUR"'),
         funded('kuhy:funder ex:okm ; kuhy:amount -5.0 ; kuhy:currency "EUR"')),
    Case("OutcomeShape",
         project("; kuhy:hasOutcome ex:o") + 'ex:o a kuhy:Outcome ; kuhy:text "Tulos"@fi .',
         project("; kuhy:hasOutcome ex:o") + "ex:o a kuhy:Outcome ."),
    Case("IndicatorShape",
         project("; kuhy:hasIndicator ex:i") + 'ex:i a kuhy:Indicator ; kuhy:value 10.0 .',
         project("; kuhy:hasIndicator ex:i") + 'ex:i a kuhy:Indicator ; kuhy:value "10" .'),
    Case("PersonRoleShape",
         project("; kuhy:hasPersonRole ex:r") +
         'ex:r a kuhy:PersonRole ; kuhy:person ex:x . ex:x a kuhy:Person ; foaf:name "Esa" .',
         project("; kuhy:hasPersonRole ex:r") + 'ex:r a kuhy:PersonRole .'),
    Case("PersonShape",
         project("; kuhy:hasPersonRole ex:r") +
         'ex:r a kuhy:PersonRole ; kuhy:person ex:x . ex:x a kuhy:Person ; foaf:name "Esa" .',
         project("; kuhy:hasPersonRole ex:r") +
         "ex:r a kuhy:PersonRole ; kuhy:person ex:x . ex:x a kuhy:Person ."),
    Case("EventShape",
         project("; kuhy:hasEvent ex:e") +
         'ex:e a kuhy:Event ; kuhy:date "2018-06-26"^^xsd:date ;'
         ' kuhy:startTime "09:30:00"^^xsd:time .',
         project("; kuhy:hasEvent ex:e") + 'ex:e a kuhy:Event ; kuhy:startTime "9.30" .'),
    Case("AnnotationShape",
         project() + 'ex:a a oa:Annotation ; oa:hasBody ex:p ; oa:hasTarget ex:t .'
                     ' ex:t oa:hasSource ex:doc ; oa:hasSelector ex:s . ex:s oa:exact "OKM" .',
         project() + 'ex:a a oa:Annotation ; oa:hasBody ex:p ; oa:hasTarget ex:t .'
                     ' ex:t oa:hasSource ex:elsewhere ; oa:hasSelector ex:s .'
                     ' ex:s oa:exact "OKM" .'),
    Case("DocumentShape",
         project() + 'ex:doc2 a kuhy:Document ; kuhy:sourceFile "h002.txt" ;'
                     ' kuhy:url <https://example.org/h002> .',
         project() + 'ex:doc2 a kuhy:Document ; kuhy:sourceFile "h002.txt" ;'
                     ' kuhy:sha256 "not hexadecimal" .'),
    Case("DocumentProvenanceShape",
         project() + 'ex:doc2 a kuhy:Document ; kuhy:sourceFile "h002.txt" ;'
                     ' kuhy:url <https://example.org/h002> .',
         project() + 'ex:doc2 a kuhy:Document ; kuhy:sourceFile "h002.txt" .',
         severity=SH.Warning),
    Case("MunicipalityShape",
         'ex:m a kuhy:Municipality ; skos:prefLabel "Helsinki"@fi ;'
         ' kuhy:statisticsFinlandCode "091" .',
         'ex:m a kuhy:Municipality ; skos:prefLabel "Helsinki"@fi ;'
         ' kuhy:statisticsFinlandCode "91" .'),
    Case("RegionShape",
         'ex:r a kuhy:Region ; skos:prefLabel "Uusimaa"@fi ; kuhy:regionCode "01" .',
         'ex:r a kuhy:Region ; skos:prefLabel "Uusimaa"@fi .'),
    Case("OrganisationShape",
         'ex:o a kuhy:Organisation ; skos:prefLabel "Taideyliopisto"@fi ;'
         ' kuhy:businessId "0116947-3" .',
         'ex:o a kuhy:Organisation ; skos:prefLabel "Taideyliopisto"@fi ;'
         ' kuhy:businessId "116947-3" .'),
    Case("NoContactsShape",
         project("; kuhy:hasPersonRole ex:r") +
         'ex:r a kuhy:PersonRole ; kuhy:person ex:x . ex:x a kuhy:Person ; foaf:name "Esa" .',
         project("; kuhy:hasPersonRole ex:r") +
         'ex:r a kuhy:PersonRole ; kuhy:person ex:x . ex:x a kuhy:Person ; foaf:name "Esa" ;'
         ' schema:email "esa@example.org" .'),
]


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(config.SHAPES_FILE, format="turtle")


def data(turtle: str) -> Graph:
    return Graph().parse(data=PREFIXES + DOCUMENT + turtle, format="turtle")


def results(graph: Graph, shapes: Graph) -> Graph:
    _, report, _ = validate(graph, shacl_graph=shapes, allow_warnings=True)
    return report


def owning_shapes(report: Graph, result: URIRef, shapes: Graph) -> set[URIRef]:
    """The shape a result came from, the node shape that holds it, and its SPARQL constraint."""
    source = report.value(result, SH.sourceShape)
    owners = {source, report.value(result, SH.sourceConstraint)}
    owners |= set(shapes.subjects(SH.property, source))
    return {owner for owner in owners if owner is not None}


@pytest.mark.parametrize("case", CASES, ids=[case.shape for case in CASES])
def test_conforming_example_has_no_results(case: Case, shapes: Graph) -> None:
    report = results(data(case.conforming), shapes)
    messages = [str(m) for m in report.objects(None, SH.resultMessage)]
    assert not list(report.subjects(RDF.type, SH.ValidationResult)), messages


@pytest.mark.parametrize("case", CASES, ids=[case.shape for case in CASES])
def test_violating_example_is_reported_by_its_shape(case: Case, shapes: Graph) -> None:
    report = results(data(case.violating), shapes)
    shape = URIRef(SHAPES + case.shape)
    found = [result for result in report.subjects(RDF.type, SH.ValidationResult)
             if shape in owning_shapes(report, result, shapes)]
    assert found, report.serialize(format="turtle")
    assert {report.value(result, SH.resultSeverity) for result in found} == {case.severity}


def test_every_shape_in_the_file_has_a_case(shapes: Graph) -> None:
    named = {str(s)[len(SHAPES):] for kind in (SH.NodeShape, SH.PropertyShape,
                                                SH.SPARQLConstraint)
             for s in shapes.subjects(RDF.type, kind) if str(s).startswith(SHAPES)}
    assert named == {case.shape for case in CASES}


def test_start_and_end_in_the_same_year_at_different_precision_are_admitted(
        shapes: Graph) -> None:
    for start, end in (('"2021"^^xsd:gYear', '"2021-12-31"^^xsd:date'),
                       ('"2021-03-31"^^xsd:date', '"2021-03"^^xsd:gYearMonth'),
                       ('"2020-12"^^xsd:gYearMonth', '"2021"^^xsd:gYear')):
        graph = data(project(f"; kuhy:startDate {start} ; kuhy:endDate {end}"))
        report = results(graph, shapes)
        assert not list(report.subjects(RDF.type, SH.ValidationResult)), (start, end)


def test_contacts_are_admitted_when_the_no_contacts_shape_is_deactivated(shapes: Graph) -> None:
    contact = next(case for case in CASES if case.shape == "NoContactsShape").violating
    with_contacts = Graph()
    for triple in shapes:
        with_contacts.add(triple)
    with_contacts.add((URIRef(SHAPES + "NoContactsShape"), SH.deactivated, Literal(True)))
    report = results(data(contact), with_contacts)
    assert not list(report.subjects(RDF.type, SH.ValidationResult))
