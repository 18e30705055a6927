"""Blueprint: dumps and dataset metadata.

``/dumps/`` lists the dump files; ``/dumps/kuhy.{ttl,nt,nq,trig,jsonld}[.gz]`` streams
them with ``ETag`` (build id + file) and ``Last-Modified`` (build time), answering
conditional GETs with 304. ``/.well-known/void`` and ``/dataset`` give the VoID and
DCAT-AP description (Turtle, JSON-LD, RDF/XML, N-Triples by negotiation or ``?format=``).
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, request, send_file

from kg.formats import DESCRIPTION_EXTENSIONS, by_extensions
from server.dumps.description import dataset_description
from server.dumps.files import FORMATS, ensure_dump, existing_size, file_name
from server.dumps.meta import build_info
from server.web import negotiate, render_html, settings

bp = Blueprint("dumps", __name__)

DESCRIPTION_FORMATS = {f.media_type: f for f in by_extensions(DESCRIPTION_EXTENSIONS)}


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
    by_param = {name: media for media, fmt in DESCRIPTION_FORMATS.items() for name in fmt.names}
    asked = request.args.get("format")
    if asked is not None:
        media = by_param.get(asked)
        if media is None:
            abort(400, description=f"Unknown format {asked!r}; use one of {sorted(by_param)}")
    else:
        media = negotiate([*DESCRIPTION_FORMATS, "text/html"])  # */* -> Turtle
        if media is None:
            offered = ", ".join(DESCRIPTION_FORMATS)
            response = Response(f"Not Acceptable. Offered: text/html, {offered}\n", 406,
                                mimetype="text/plain")
            response.vary.add("Accept")
            return response
    info = build_info(settings())
    graph = dataset_description(settings(), info)
    if media == "text/html":
        response = render_html("dataset.html", turtle=graph.serialize(format="turtle"))
    else:
        serializer = DESCRIPTION_FORMATS[media].rdflib
        response = Response(graph.serialize(format=serializer), mimetype=media)
        response.headers["Content-Type"] = f"{media}; charset=utf-8"
    response.vary.add("Accept")
    return response


@bp.get("/.well-known/void")
def void() -> Response:
    return _description_response()


@bp.get("/dataset")
def dataset() -> Response:
    return _description_response()
