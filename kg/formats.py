"""The one table of output formats, read by `kg export` and by every part of the server
(SPARQL content negotiation, resource pages, dumps, the VoID/DCAT description).

It lives in ``kg`` (imports nothing but pyoxigraph) so the pipeline can read it without
importing the server. Row order is server preference order within a kind.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

RESULTS = "results"  # SELECT / ASK answers
GRAPH = "graph"  # CONSTRUCT / DESCRIBE answers and RDF documents


@dataclass(frozen=True)
class Format:
    key: str  # the name the server uses internally (cache keys, the query workers)
    extension: str
    media_type: str
    kind: str  # RESULTS or GRAPH
    oxigraph: ox.RdfFormat | ox.QueryResultsFormat
    label: str
    names: tuple[str, ...] = ()  # `?format=` names
    aliases: tuple[str, ...] = ()  # further media types that select this format
    dcat_iri: str = ""  # the format's IRI (dcat:format, sd:resultFormat)
    rdflib: str = ""  # rdflib serializer name, where rdflib writes it (pages, description)
    with_prefixes: bool = False  # written with the kuhy prefixes when not streamed
    eu_file_type: str = ""  # EU file-type authority code (DCAT-AP dct:format)

    @property
    def quads(self) -> bool:
        """Whether the format keeps named graphs (else the union's triples are written)."""
        return isinstance(self.oxigraph, ox.RdfFormat) and self.oxigraph.supports_datasets

    @property
    def content_type(self) -> str:
        if self.media_type.startswith("text/") or self.media_type.endswith("+xml"):
            return f"{self.media_type}; charset=utf-8"
        return self.media_type


def _format(key: str, oxigraph: ox.RdfFormat | ox.QueryResultsFormat, label: str,
            **more: object) -> Format:
    kind = GRAPH if isinstance(oxigraph, ox.RdfFormat) else RESULTS
    more.setdefault("extension", oxigraph.file_extension)
    more.setdefault("dcat_iri", oxigraph.iri)
    media_type = oxigraph.media_type.split(";")[0]  # pyoxigraph adds a charset to some
    return Format(key=key, media_type=media_type, kind=kind, oxigraph=oxigraph, label=label,
                  **more)


FORMATS: tuple[Format, ...] = (
    _format("json", ox.QueryResultsFormat.JSON, "SPARQL JSON", names=("json", "srj"),
            aliases=("application/json",)),
    _format("xml", ox.QueryResultsFormat.XML, "SPARQL XML", names=("xml", "srx"),
            aliases=("application/xml", "text/xml")),
    _format("csv", ox.QueryResultsFormat.CSV, "CSV", names=("csv",)),
    _format("tsv", ox.QueryResultsFormat.TSV, "TSV", names=("tsv",)),
    _format("turtle", ox.RdfFormat.TURTLE, "Turtle", names=("ttl", "turtle"),
            aliases=("application/x-turtle", "text/n3", "text/rdf+n3"), rdflib="turtle",
            with_prefixes=True, eu_file_type="RDF_TURTLE"),
    _format("ntriples", ox.RdfFormat.N_TRIPLES, "N-Triples",
            names=("nt", "ntriples", "n-triples"), aliases=("text/plain",), rdflib="nt",
            eu_file_type="RDF_N_TRIPLES"),
    _format("jsonld", ox.RdfFormat.JSON_LD, "JSON-LD", names=("jsonld", "json-ld", "json"),
            aliases=("application/json",), dcat_iri="http://www.w3.org/ns/formats/JSON-LD",
            rdflib="json-ld", eu_file_type="JSON_LD"),
    _format("rdfxml", ox.RdfFormat.RDF_XML, "RDF/XML", names=("rdfxml", "rdf", "xml", "owl"),
            aliases=("application/xml", "text/xml"), rdflib="xml", with_prefixes=True,
            eu_file_type="RDF_XML"),
    _format("trig", ox.RdfFormat.TRIG, "TriG", names=("trig",), with_prefixes=True,
            eu_file_type="RDF_TRIG"),
    _format("nquads", ox.RdfFormat.N_QUADS, "N-Quads", names=("nq", "nquads", "n-quads"),
            eu_file_type="RDF_N_QUADS"),
)
BY_KEY: dict[str, Format] = {f.key: f for f in FORMATS}
BY_EXTENSION: dict[str, Format] = {f.extension: f for f in FORMATS if f.kind == GRAPH}
RESULT_FORMATS = [f for f in FORMATS if f.kind == RESULTS]
GRAPH_FORMATS = [f for f in FORMATS if f.kind == GRAPH]

# Which formats each use offers, in its order of preference (by extension).
DUMP_EXTENSIONS = ("ttl", "nt", "nq", "trig", "jsonld")  # dumps and `kg export`
PAGE_EXTENSIONS = ("ttl", "jsonld", "nt", "rdf")  # /data/<kind>/<key>.<ext>
DESCRIPTION_EXTENSIONS = ("ttl", "jsonld", "rdf", "nt")  # the dataset description


def media_types(formats: list[Format]) -> list[str]:
    """Offered media types in server preference order: main types first, then aliases."""
    return [f.media_type for f in formats] + [a for f in formats for a in f.aliases]


def by_media_type(formats: list[Format], media_type: str) -> Format | None:
    for candidate in formats:
        if media_type == candidate.media_type or media_type in candidate.aliases:
            return candidate
    return None


def by_name(formats: list[Format], name: str) -> Format | None:
    """The format a `?format=` value names (a name or a media type)."""
    name = name.strip().lower()
    for candidate in formats:
        if name in candidate.names or name == candidate.media_type:
            return candidate
    return None


def by_extensions(extensions: tuple[str, ...]) -> list[Format]:
    return [BY_EXTENSION[extension] for extension in extensions]
