"""VoID and DCAT-AP description of the dataset, its distributions and the SPARQL service.

The graph is the build's metadata graph (``{base}graph/meta``) plus what the server
knows: licence, publisher, titles, temporal and spatial coverage, class counts, the
dump distributions and the SPARQL endpoint as a ``dcat:DataService``. Download and
endpoint URLs start with the configured public URL (never the request's Host).
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, VOID, XSD

from kg.rdf.vocab import PREFIXES, K
from server.dumps.files import FORMATS, file_name
from server.dumps.meta import COUNTED_CLASSES, BuildInfo, dataset_uri, meta_graph_uri
from server.services import get_engine
from server.settings import Settings
from server.sparql.terms import iri

LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")
IANA = "http://www.iana.org/assignments/media-types/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
TITLES = {"fi": "kuhy – suomalaisten kulttuurihyvinvointihankkeiden tietoverkko",
          "sv": "kuhy – graf över finländska kulturvälfärdsprojekt",
          "en": "kuhy – knowledge graph of Finnish cultural-wellbeing projects"}
DESCRIPTIONS = {
    "fi": "Hankkeet, organisaatiot, rahoittajat, ohjelmat, henkilöt, paikat, tulokset ja "
          "mittarit julkisista teksteistä luettuina; jokainen tieto viittaa lähteeseensä.",
    "sv": "Projekt, organisationer, finansiärer, program, personer, orter, resultat och "
          "indikatorer lästa ur offentliga texter; varje uppgift hänvisar till sin källa.",
    "en": "Projects, organisations, funders, programmes, people, places, outcomes and "
          "indicators read from public texts; each fact points to its source.",
}
KEYWORDS = {"fi": ["kulttuurihyvinvointi", "hankkeet", "rahoitus"],
            "sv": ["kulturvälfärd", "projekt", "finansiering"],
            "en": ["cultural wellbeing", "projects", "funding"]}
# The EU data theme "Education, culture and sport".
THEME = URIRef("http://publications.europa.eu/resource/authority/data-theme/EDUC")


def _meta_triples(settings: Settings) -> Graph:
    graph = get_engine().construct(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {iri(meta_graph_uri(settings))} "
        "{ ?s ?p ?o } }")
    result = Graph()
    for triple in graph.triples((None, None, None)):
        result.add(triple)
    return result


def _date_literal(value: str) -> Literal:
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(value), XSD.date)
    return Literal(value, datatype=datatype)


def _add_texts(graph: Graph, dataset: URIRef) -> None:
    for lang, title in TITLES.items():
        graph.add((dataset, DCTERMS.title, Literal(title, lang=lang)))
        graph.add((dataset, DCTERMS.description, Literal(DESCRIPTIONS[lang], lang=lang)))
        for word in KEYWORDS[lang]:
            graph.add((dataset, DCAT.keyword, Literal(word, lang=lang)))


def _add_publisher(graph: Graph, dataset: URIRef, settings: Settings) -> None:
    publisher = URIRef(settings.base_uri + "publisher")
    graph.add((dataset, DCTERMS.publisher, publisher))
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal("kuhy")))
    graph.add((publisher, FOAF.homepage, URIRef(settings.base_uri)))


def _add_coverage(graph: Graph, dataset: URIRef, info: BuildInfo) -> None:
    if info.first_date and info.last_date:
        period = BNode()
        graph.add((dataset, DCTERMS.temporal, period))
        graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
        graph.add((period, DCAT.startDate, _date_literal(info.first_date)))
        graph.add((period, DCAT.endDate, _date_literal(info.last_date)))
    for region, label in info.regions:
        graph.add((dataset, DCTERMS.spatial, region))
        graph.add((region, DCTERMS.title, Literal(label, lang="fi")))


def _add_counts(graph: Graph, dataset: URIRef, info: BuildInfo) -> None:

    graph.set((dataset, VOID.triples, Literal(info.triples)))
    graph.set((dataset, DCTERMS.modified, Literal(info.modified.isoformat(),
                                                  datatype=XSD.dateTime)))
    for name, cls in COUNTED_CLASSES.items():
        partition = URIRef(f"{dataset}/class/{name}")
        graph.add((dataset, VOID.classPartition, partition))
        graph.add((partition, VOID["class"], cls))
        graph.add((partition, VOID.entities, Literal(info.counts.get(name, 0))))


def _add_distributions(graph: Graph, dataset: URIRef, url_root: str) -> None:
    for dump in FORMATS.values():
        for gz in (False, True):
            url = URIRef(f"{url_root}dumps/{file_name(dump.extension, gz)}")
            distribution = URIRef(f"{dataset}/distribution/{file_name(dump.extension, gz)}")
            graph.add((dataset, DCAT.distribution, distribution))
            graph.add((dataset, VOID.dataDump, url))
            graph.add((distribution, RDF.type, DCAT.Distribution))
            title = f"{dump.label} dump" + (" (gzip)" if gz else "")
            graph.add((distribution, DCTERMS.title, Literal(title, lang="en")))
            graph.add((distribution, DCAT.accessURL, url))
            graph.add((distribution, DCAT.downloadURL, url))
            graph.add((distribution, DCAT.mediaType, URIRef(IANA + dump.media_type)))
            file_type = URIRef(EU_FILE_TYPE + dump.eu_file_type)
            graph.add((distribution, DCTERMS["format"], file_type))
            graph.add((distribution, DCTERMS.license, LICENCE))
            if gz:
                graph.add((distribution, DCAT.compressFormat, URIRef(IANA + "application/gzip")))


def _add_service(graph: Graph, dataset: URIRef, settings: Settings) -> None:
    endpoint = URIRef(settings.endpoint_iri)
    service = URIRef(f"{dataset}/service/sparql")
    distribution = URIRef(f"{dataset}/distribution/sparql")
    graph.add((dataset, VOID.sparqlEndpoint, endpoint))
    graph.add((dataset, DCAT.distribution, distribution))
    graph.add((distribution, RDF.type, DCAT.Distribution))
    graph.add((distribution, DCTERMS.title, Literal("SPARQL 1.1 endpoint", lang="en")))
    graph.add((distribution, DCAT.accessURL, endpoint))
    graph.add((distribution, DCAT.accessService, service))
    graph.add((distribution, DCTERMS.license, LICENCE))
    graph.add((service, RDF.type, DCAT.DataService))
    graph.add((service, DCTERMS.title, Literal("kuhy SPARQL", lang="en")))
    graph.add((service, DCAT.endpointURL, endpoint))
    graph.add((service, DCAT.endpointDescription, endpoint))
    graph.add((service, DCAT.servesDataset, dataset))
    graph.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    graph.add((service, DCTERMS.license, LICENCE))


def dataset_description(settings: Settings, info: BuildInfo) -> Graph:
    """VoID + DCAT-AP graph of the served build; URLs under ``settings.public_url``."""
    url_root = settings.public_url
    graph = _meta_triples(settings)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    dataset = dataset_uri(settings)
    catalog = URIRef(settings.base_uri + "catalog")
    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add((catalog, DCTERMS.title, Literal("kuhy", lang="en")))
    graph.add((catalog, DCAT.dataset, dataset))
    graph.add((catalog, DCAT.service, URIRef(f"{dataset}/service/sparql")))
    _add_publisher(graph, catalog, settings)
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, DCTERMS.license, LICENCE))
    graph.add((dataset, DCAT.theme, THEME))
    graph.add((dataset, DCTERMS.identifier, Literal(str(dataset))))
    graph.add((dataset, VOID.uriSpace, Literal(settings.base_uri + "id/")))
    graph.add((dataset, VOID.vocabulary, URIRef(str(K))))
    graph.add((dataset, DCAT.landingPage, URIRef(url_root)))
    graph.add((dataset, K.buildId, Literal(info.build_id)))
    _add_texts(graph, dataset)
    _add_publisher(graph, dataset, settings)
    _add_coverage(graph, dataset, info)
    _add_counts(graph, dataset, info)
    _add_distributions(graph, dataset, url_root)
    _add_service(graph, dataset, settings)
    return graph
