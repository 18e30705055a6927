"""Blueprint: W3C Reconciliation Service API (0.2, as OpenRefine speaks it) at /reconcile.

``GET /reconcile`` is the manifest; ``queries={"q0": {"query": …, "type": …, "limit": …,
"properties": [{"pid": …, "v": …}]}, …}`` (GET or POST form) answers each query with
scored candidates; ``/reconcile/preview?id=`` is a small frameable page;
``/reconcile/suggest/{entity,type,property}?prefix=`` feed OpenRefine's autocompletion.
Identifiers are paths below ``{base}id/`` (``organisation/02w52zt87``).
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, request

from server import i18n
from server.export import json_response
from server.reconcile.matching import PROPERTIES, TYPES, Entity, candidates
from server.search.index import index_for
from server.web import render_html, settings

bp = Blueprint("reconcile", __name__)

MAX_QUERIES = 100
MAX_NAME_CHARS = 500
DEFAULT_LIMIT = 5
MAX_LIMIT = 50
MATCH_SCORE = 0.9
SUGGEST_LIMIT = 10
TYPE_NAMES = {"organisation": "Organisation", "project": "Project",
              "municipality": "Municipality"}
PROPERTY_NAMES = {"businessId": "Business ID (Y-tunnus)", "rorId": "ROR ID",
                  "municipalityCode": "Municipality code (Statistics Finland)"}


def _type(kind: str) -> dict[str, str]:
    return {"id": kind, "name": TYPE_NAMES[kind]}


def manifest() -> dict[str, object]:
    public = settings().public_url
    suggest = {name: {"service_url": public.rstrip("/"),
                      "service_path": f"/reconcile/suggest/{name}"}
               for name in ("entity", "type", "property")}
    return {
        "versions": ["0.2"], "name": "kuhy – Finnish cultural-wellbeing projects",
        "identifierSpace": settings().base_uri + "id/",
        "schemaSpace": settings().base_uri + "ontology#",
        "defaultTypes": [_type(kind) for kind in TYPES],
        "view": {"url": public + "id/{{id}}"},
        "preview": {"url": public + "reconcile/preview?id={{id}}", "width": 420, "height": 140},
        "suggest": suggest,
    }


def _id(entity: Entity) -> str:
    return entity.uri[len(settings().base_uri + "id/"):]


def _name(entity: Entity, lang: str) -> str:
    labels = index_for(settings()).labels.get(entity.uri)
    return (i18n.pick_label(labels, lang) if labels else None) or min(entity.names, default="")


def _values(given: object) -> list[str]:
    """A property value as OpenRefine sends it: text, a number, an {id|name} object, or a
    list of those."""
    items = given if isinstance(given, list) else [given]
    values = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("id") or item.get("name")
        if isinstance(item, str | int | float) and not isinstance(item, bool):
            values.append(str(item))
    return values


def _answer(query: object, lang: str) -> dict[str, list]:
    if isinstance(query, str):
        query = {"query": query}
    if not isinstance(query, dict) or not isinstance(query.get("query", ""), str):
        abort(400, description="Each query is an object with a text 'query'.")
    name = query.get("query", "")[:MAX_NAME_CHARS]
    kinds = query.get("type")
    kind = (kinds[0] if isinstance(kinds, list) and kinds else kinds) or None
    if isinstance(kind, dict):
        kind = kind.get("id")
    if kind is not None and kind not in TYPES:
        return {"result": []}
    identifiers = {}
    for prop in query.get("properties") or []:
        if isinstance(prop, dict) and prop.get("pid") in PROPERTIES:
            for value in _values(prop.get("v")):
                identifiers[prop["pid"]] = value
    limit = query.get("limit", DEFAULT_LIMIT)
    limit = min(limit, MAX_LIMIT) if isinstance(limit, int) and limit > 0 else DEFAULT_LIMIT
    found = candidates().find(name, kind, identifiers)[:limit]
    results = []
    for position, (score, entity) in enumerate(found):
        runner_up = found[position + 1][0] if position + 1 < len(found) else 0.0
        results.append({"id": _id(entity), "name": _name(entity, lang), "score": score,
                        "match": position == 0 and score >= MATCH_SCORE and score > runner_up,
                        "type": [_type(entity.kind)]})
    return {"result": results}


def _parsed(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        abort(400, description="'queries' is not JSON.")


@bp.route("/reconcile", methods=["GET", "POST"])
def reconcile() -> Response:
    lang = i18n.request_lang(request)
    if "queries" in request.values:
        queries = _parsed(request.values["queries"])
        if not isinstance(queries, dict) or len(queries) > MAX_QUERIES:
            abort(400, description=f"'queries' is an object of at most {MAX_QUERIES} queries.")
        return json_response({key: _answer(query, lang) for key, query in queries.items()})
    if "query" in request.values:
        text = request.values["query"]
        single = _parsed(text) if text.lstrip().startswith("{") else text
        return json_response(_answer(single, lang))
    return json_response(manifest())


def _entity(identifier: str) -> Entity:
    entity = candidates().entities.get(settings().base_uri + "id/" + identifier)
    if entity is None:
        abort(404)
    return entity


@bp.get("/reconcile/preview")
def preview() -> Response:
    entity = _entity(request.args.get("id", ""))
    lang = i18n.request_lang(request)
    return render_html("reconcile_preview.html", name=_name(entity, lang),
                       kind=i18n.t(f"kind_{entity.kind}", lang), uri=entity.uri,
                       identifiers=sorted((PROPERTY_NAMES[p], ", ".join(sorted(v)))
                                          for p, v in entity.identifiers.items()),
                       other_names=sorted(entity.names - {_name(entity, lang)}))


def _prefix() -> str:
    return request.args.get("prefix", "")[:MAX_NAME_CHARS]


@bp.get("/reconcile/suggest/entity")
def suggest_entity() -> Response:
    lang = i18n.request_lang(request)
    known = candidates()
    kind = request.args.get("type")
    uris = sorted(u for u in index_for(settings()).match(_prefix())
                  if u in known.entities and (kind is None or known.entities[u].kind == kind))
    entities = sorted((known.entities[u] for u in uris), key=lambda e: _name(e, lang).casefold())
    return json_response({"result": [
        {"id": _id(e), "name": _name(e, lang), "description": TYPE_NAMES[e.kind]}
        for e in entities[:SUGGEST_LIMIT]]})


def _suggest_from(names: dict[str, str]) -> Response:
    prefix = _prefix().casefold()
    return json_response({"result": [
        {"id": key, "name": name} for key, name in names.items()
        if key.casefold().startswith(prefix) or name.casefold().startswith(prefix)]})


@bp.get("/reconcile/suggest/type")
def suggest_type() -> Response:
    return _suggest_from(TYPE_NAMES)


@bp.get("/reconcile/suggest/property")
def suggest_property() -> Response:
    return _suggest_from(PROPERTY_NAMES)
