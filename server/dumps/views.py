"""Blueprint: dumps and dataset metadata.

``/dumps/`` lists the dump files; ``/dumps/kuhy.{ttl,nt,nq,trig,jsonld}[.gz]`` streams
them with ``ETag`` (build id + file) and ``Last-Modified`` (build time), answering
conditional GETs with 304. ``/.well-known/void`` and ``/dataset`` give the VoID and
DCAT-AP description (Turtle, JSON-LD, RDF/XML, N-Triples by negotiation or ``?format=``).
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, request, send_file
from rdflib import Graph

from server import i18n
from server.charts.views import charts
from server.dumps.description import dataset_description
from server.dumps.files import FORMATS, ensure_dump, existing_size, file_name
from server.dumps.meta import build_info, citation
from server.dumps.sheet import sheet
from server.web import rdf_or_page, render_html, settings

bp = Blueprint("dumps", __name__)

@bp.get("/dumps/")
def index() -> Response:
    info = build_info(settings())
    rows = [
        {"name": file_name(dump.extension, gz), "label": dump.label + (" (gzip)" if gz else ""),
         "size": existing_size(settings(), info.build_id, dump.extension, gz)}
        for dump in FORMATS.values() for gz in (False, True)
    ]
    return render_html("dumps.html", info=info, rows=rows)


@bp.get("/dumps/kuhy.<name>")
def dump(name: str) -> Response:
    ext, _dot, compression = name.partition(".")
    if ext not in FORMATS or compression not in ("", "gz"):
        abort(404)
    info = build_info(settings())
    gz = compression == "gz"
    path = ensure_dump(settings(), info.build_id, ext, gz)
    media = "application/gzip" if gz else FORMATS[ext].media_type
    response = send_file(path, mimetype=media, as_attachment=gz,
                         download_name=file_name(ext, gz),
                         etag=f"{info.build_id}-{file_name(ext, gz)}",
                         last_modified=info.modified, conditional=True, max_age=0)
    response.headers["Cache-Control"] = "public, no-cache"
    return response


def _description_response() -> Response:
    def page(_graph: Graph) -> Response:
        info = build_info(settings())
        return render_html("dataset.html", info=info, sheet=sheet(settings()),
                           charts=charts(i18n.request_lang(request)),
                           citation=citation(info, settings()))

    return rdf_or_page(lambda: dataset_description(settings(), build_info(settings())), page)


@bp.get("/.well-known/void")
def void() -> Response:
    return _description_response()


@bp.get("/dataset")
def dataset() -> Response:
    return _description_response()
