"""Blueprint: linked-data pages.

``/id/{kind}/{key}`` answers ``303 See Other`` to ``/page/{kind}/{key}`` (HTML) or
``/data/{kind}/{key}.{ttl,jsonld,nt,rdf}`` by content negotiation, with ``Vary: Accept``;
``/id/{kind}/{key}.{ext}`` serves that format directly. Unknown resources answer 404 in
the asked format; an Accept header nothing fits answers 406.
"""

from __future__ import annotations

import re

from flask import Blueprint, Response, abort, redirect, request, url_for
from rdflib import Graph

from kg.formats import PAGE_EXTENSIONS, by_extensions
from kg.rdf.vocab import PREFIXES
from server import i18n
from server.charts.views import chart_links
from server.pages.present import Presenter
from server.pages.resource import INCOMING_LIMIT, describe
from server.services import get_engine
from server.sparql.terms import iri
from server.web import canonical_uri, negotiate, render_html

bp = Blueprint("pages", __name__)

KINDS = ("project", "organisation", "person", "funding", "programme", "event", "outcome",
         "indicator", "document", "municipality", "region", "concept")
# extension -> (media type, rdflib serializer name)
RDF_FORMATS = {f.extension: f for f in by_extensions(PAGE_EXTENSIONS)}
# Keys are made by the build from slugs, codes and digests: URI-unreserved characters only.
KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]{0,199}")
# pages that show their projects by year, region and funder (no chart by their own kind)
CHARTED_KINDS = ("organisation", "programme", "region")
HTML_TYPES = ["text/html", "application/xhtml+xml"]
EXTENSION_OF = {fmt.media_type: ext for ext, fmt in RDF_FORMATS.items()}


def _split_extension(key: str) -> tuple[str, str | None]:
    stem, dot, ext = key.rpartition(".")
    return (stem, ext) if dot and ext in RDF_FORMATS else (key, None)


def _exists(uri: str) -> bool:
    term = iri(uri)
    return get_engine().ask(f"ASK {{ {{ {term} ?p ?o }} UNION {{ ?s ?p {term} }} }}")


def _rdf_response(graph: Graph, ext: str, status: int = 200, comment: str = "") -> Response:
    media, name = RDF_FORMATS[ext].media_type, RDF_FORMATS[ext].rdflib
    options = {"context": dict(PREFIXES), "auto_compact": True} if ext == "jsonld" else {}
    body = graph.serialize(format=name, **options)
    if comment and ext in ("ttl", "nt"):
        body = f"# {comment}\n{body}"
    response = Response(body, status=status, mimetype=media)
    response.headers["Content-Type"] = f"{media}; charset=utf-8"
    return response


def _not_found(uri: str | None, ext: str | None) -> Response:
    """404 in the asked format; `uri` (None for a malformed path) goes into the body only
    as escaped HTML text or, being a checked IRI, into a comment line of Turtle/N-Triples."""
    if ext is None:
        response = render_html("not_found.html", status=404, uri=uri)
    else:
        comment = f"Not found: {iri(uri)}" if uri is not None else "Not found"
        response = _rdf_response(Graph(), ext, status=404, comment=comment)
    response.vary.add("Accept")
    return response


def _not_acceptable() -> Response:
    offered = ", ".join([*HTML_TYPES, *EXTENSION_OF])
    response = Response(f"Not Acceptable. Offered: {offered}\n", status=406,
                        mimetype="text/plain")
    response.vary.add("Accept")
    return response


def _thing_uri(kind: str, key: str, ext: str | None) -> str:
    """The canonical IRI of ``{kind}/{key}``; a 404 in the asked format unless the kind is
    known and the key well-formed (nothing else ever reaches a query)."""
    if kind not in KINDS or not KEY.fullmatch(key):
        abort(_not_found(None, ext))
    return canonical_uri(f"id/{kind}/{key}")


@bp.get("/id/<kind>/<path:key>")
def resource(kind: str, key: str) -> Response:
    _stem, ext = _split_extension(key)
    if ext is not None and not _exists(_thing_uri(kind, key, ext)):
        return data(kind, key)
    media = negotiate([*HTML_TYPES, *EXTENSION_OF])
    if media is None:
        return _not_acceptable()
    wanted_ext = EXTENSION_OF.get(media)
    uri = _thing_uri(kind, key, wanted_ext)
    if not _exists(uri):
        return _not_found(uri, wanted_ext)
    target = (f"{request.script_root}/page/{kind}/{key}" if wanted_ext is None
              else f"{request.script_root}/data/{kind}/{key}.{wanted_ext}")
    response = redirect(target, code=303)
    response.vary.add("Accept")
    return response


@bp.get("/page/<kind>/<path:key>")
def page(kind: str, key: str) -> Response:
    uri = _thing_uri(kind, key, None)
    description = describe(uri)
    if not description.exists:
        return _not_found(uri, None)
    lang = i18n.request_lang(request)
    model = Presenter(description, lang).page()
    formats = [(ext, f"{request.script_root}/data/{kind}/{key}.{ext}") for ext in RDF_FORMATS]
    drawn = chart_links(lang, uri, skip=kind) if kind in CHARTED_KINDS else []
    region_map = url_for("charts.map_svg", region=uri, lang=lang) if kind == "region" else None
    return render_html("resource.html", page=model, formats=formats,
                       incoming_limit=INCOMING_LIMIT, charts=drawn, region_map=region_map)


@bp.get("/data/<kind>/<path:name>")
def data(kind: str, name: str) -> Response:
    key, ext = _split_extension(name)
    uri = _thing_uri(kind, key, ext)
    if ext is None:
        return _not_found(uri, None)
    description = describe(uri)
    if not description.exists:
        return _not_found(uri, ext)
    response = _rdf_response(description.to_graph(), ext)
    response.vary.add("Accept")
    return response
