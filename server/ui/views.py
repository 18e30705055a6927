"""Blueprint: UI — home page, query page (YASGUI), health endpoint."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request
from rdflib.namespace import OWL, RDF, RDFS

from kg import config
from kg.queries import load_queries
from kg.rdf.vocab import PREFIXES
from server import i18n
from server.browse.lists import LISTS
from server.charts.views import charts, region_map
from server.dumps.files import FORMATS, file_name
from server.dumps.meta import build_info, citation
from server.services import get_engine, served_build
from server.sparql.terms import iri, iris
from server.web import render_html, settings

bp = Blueprint("ui", __name__)

# (count in BuildInfo.counts, list page, UI string) for the home page's linked counts
COUNT_LINKS = (("projects", "project", "kind_project"),
               ("organisations", "organisation", "kind_organisation"),
               ("programmes", "programme", "kind_programme"),
               ("regions", "region", "kind_region"),
               ("municipalities", "municipality", "kind_municipality"))
# declared at the top of a new query in the editor
USUAL_PREFIXES = ("kuhy", "rdf", "rdfs", "skos", "xsd", "owl", "schema", "dcterms", "prov")
VOCABULARY_KINDS = (OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property)


def _canned_queries() -> list[object]:

    return list(load_queries())


@bp.get("/")
def home() -> Response:
    info = build_info(settings())
    downloads = [(file_name(dump.extension, gz), dump.label + (" (gzip)" if gz else ""))
                 for dump in FORMATS.values() for gz in (False, True)]
    return render_html("home.html", info=info, downloads=downloads,
                       citation=citation(info, settings()),
                       queries=_canned_queries(), endpoint=settings().endpoint_iri,
                       count_links=COUNT_LINKS, list_names=list(LISTS),
                       charts=charts(i18n.request_lang(request)),
                       region_map=region_map(i18n.request_lang(request)))


@bp.get("/query")
def query() -> Response:
    queries = _canned_queries()
    examples = [{"name": q.name, "title": q.title, "description": q.description,
                 "sparql": q.sparql} for q in queries]
    return render_html("query.html", queries=queries, examples=examples,
                       selected=request.args.get("example"), base=settings().base_uri,
                       usual=[name for name in USUAL_PREFIXES if name in PREFIXES],
                       prefixes_map=PREFIXES,
                       editor_labels=i18n.editor_labels(i18n.request_lang(request)))


def _vocabulary_terms() -> dict[str, list[str]]:
    """Classes and properties declared in the ontology graph, for editor autocompletion."""
    ontology = config.graph_uri("ontology", base=settings().base_uri)
    rows = get_engine().select(f"""
        SELECT DISTINCT ?term ?kind WHERE {{ GRAPH {iri(ontology)} {{ ?term {iri(RDF.type)} ?kind .
          VALUES ?kind {{ {iris(VOCABULARY_KINDS)} }} FILTER(isIRI(?term)) }} }}""")
    classes = sorted({str(r["term"]) for r in rows if r["kind"] in (OWL.Class, RDFS.Class)})
    properties = sorted({str(r["term"]) for r in rows} - set(classes))
    return {"classes": classes, "properties": properties}


@bp.get("/query/terms.json")
def terms() -> Response:
    return jsonify(served_build().cached("terms", _vocabulary_terms))


@bp.get("/query/prefixes.json")
def prefixes() -> Response:
    return jsonify(PREFIXES)


@bp.get("/health")
def health() -> Response:
    try:
        info = build_info(settings())
    except Exception as error:  # the store is missing or the engine is down
        response = jsonify({"status": "unavailable", "error": str(error)})
        response.status_code = 503
        return response
    return jsonify({"status": "ok", "build": info.build_id, "triples": info.triples,
                    "statements": info.statements,
                    "modified": info.modified.isoformat(),
                    "warmup": get_engine().warmup_status()})
