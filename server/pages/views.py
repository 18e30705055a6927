"""Blueprint: linked-data pages.

``/id/{kind}/{key}`` answers ``303 See Other`` to ``/page/{kind}/{key}`` (HTML) or
``/data/{kind}/{key}.{ttl,jsonld,nt,rdf}`` by content negotiation, with ``Vary: Accept``;
``/id/{kind}/{key}.{ext}`` serves that format directly. Unknown resources answer 404 in
the asked format; an Accept header nothing fits answers 406.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, request
from rdflib import Graph

from kg.rdf.vocab import PREFIXES
from server import i18n
from server.engine import get_engine
from server.pages.present import Presenter
from server.pages.resource import INCOMING_LIMIT, describe
from server.ui.web import canonical_uri, negotiate, render_html

bp = Blueprint("pages", __name__)

KINDS = ("project", "organisation", "person", "funding", "programme", "event", "outcome",
         "indicator", "document", "municipality", "region", "concept")
# extension -> (media type, rdflib serializer name)
RDF_FORMATS = {
    "ttl": ("text/turtle", "turtle"),
    "jsonld": ("application/ld+json", "json-ld"),
    "nt": ("application/n-triples", "nt"),
    "rdf": ("application/rdf+xml", "xml"),
}
HTML_TYPES = ["text/html", "application/xhtml+xml"]
EXTENSION_OF = {media: ext for ext, (media, _name) in RDF_FORMATS.items()}


def _split_extension(key: str) -> tuple[str, str | None]:
    stem, dot, ext = key.rpartition(".")
    return (stem, ext) if dot and ext in RDF_FORMATS else (key, None)


def _exists(uri: str) -> bool:
    return get_engine().ask(f"ASK {{ {{ <{uri}> ?p ?o }} UNION {{ ?s ?p <{uri}> }} }}")


def _rdf_response(graph: Graph, ext: str, status: int = 200, comment: str = "") -> Response:
    media, name = RDF_FORMATS[ext]
    options = {"context": dict(PREFIXES), "auto_compact": True} if ext == "jsonld" else {}
    body = graph.serialize(format=name, **options)
    if comment and ext in ("ttl", "nt"):
        body = f"# {comment}\n{body}"
    response = Response(body, status=status, mimetype=media)
    response.headers["Content-Type"] = f"{media}; charset=utf-8"
    return response


def _not_found(uri: str, ext: str | None) -> Response:
    if ext is None:
        response = render_html("not_found.html", status=404, uri=uri)
    else:
        response = _rdf_response(Graph(), ext, status=404, comment=f"Not found: <{uri}>")
    response.vary.add("Accept")
    return response


def _not_acceptable() -> Response:
    offered = ", ".join([*HTML_TYPES, *EXTENSION_OF])
    response = Response(f"Not Acceptable. Offered: {offered}\n", status=406,
                        mimetype="text/plain")
    response.vary.add("Accept")
    return response


def _check_kind(kind: str, uri: str, ext: str | None) -> None:
    if kind not in KINDS:
        abort(_not_found(uri, ext))


@bp.get("/id/<kind>/<path:key>")
def resource(kind: str, key: str) -> Response:
    _stem, ext = _split_extension(key)
    if ext is not None and not _exists(canonical_uri(f"id/{kind}/{key}")):
        return data(kind, key)
    uri = canonical_uri(f"id/{kind}/{key}")
    media = negotiate([*HTML_TYPES, *EXTENSION_OF])
    if media is None:
        return _not_acceptable()
    wanted_ext = EXTENSION_OF.get(media)
    _check_kind(kind, uri, wanted_ext)
    if not _exists(uri):
        return _not_found(uri, wanted_ext)
    target = (f"{request.script_root}/page/{kind}/{key}" if wanted_ext is None
              else f"{request.script_root}/data/{kind}/{key}.{wanted_ext}")
    response = redirect(target, code=303)
    response.vary.add("Accept")
    return response


@bp.get("/page/<kind>/<path:key>")
def page(kind: str, key: str) -> Response:
    uri = canonical_uri(f"id/{kind}/{key}")
    _check_kind(kind, uri, None)
    description = describe(uri)
    if not description.exists:
        return _not_found(uri, None)
    model = Presenter(description, i18n.request_lang(request)).page()
    formats = [(ext, f"{request.script_root}/data/{kind}/{key}.{ext}") for ext in RDF_FORMATS]
    return render_html("resource.html", page=model, formats=formats,
                       incoming_limit=INCOMING_LIMIT)


@bp.get("/data/<kind>/<path:name>")
def data(kind: str, name: str) -> Response:
    key, ext = _split_extension(name)
    uri = canonical_uri(f"id/{kind}/{key}")
    if ext is None:
        return _not_found(uri, None)
    _check_kind(kind, uri, ext)
    description = describe(uri)
    if not description.exists:
        return _not_found(uri, ext)
    response = _rdf_response(description.to_graph(), ext)
    response.vary.add("Accept")
    return response
