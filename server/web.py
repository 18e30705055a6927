"""Helpers every HTML view shares: UI language, localised links, rendering, negotiation."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode, urlsplit

from flask import Response, abort, current_app, make_response, render_template, request
from rdflib import Graph

from kg.formats import DESCRIPTION_EXTENSIONS, by_extensions
from server import i18n
from server.renderers.negotiate import negotiate as negotiate_accept
from server.settings import Settings

LANG_COOKIE_MAX_AGE = 365 * 24 * 3600


def settings() -> Settings:
    return current_app.config["KUHY"]


WEB_SCHEMES = ("http", "https")


def web_url(uri: str | None) -> str | None:
    """The IRI if it is an http(s) URL, else None: no other scheme (javascript:, file:,
    data:, …) ever becomes a link, whatever the data says."""
    if uri and urlsplit(uri).scheme.lower() in WEB_SCHEMES:
        return uri
    return None


def local_href(uri: str) -> str | None:
    """Where a canonical ``{base}…`` IRI is served here; another http(s) IRI as it is;
    None (no link) for anything else."""
    base = settings().base_uri
    if uri.startswith(base):
        return f"{request.script_root}/{uri[len(base):]}"
    return web_url(uri)


def canonical_uri(path: str) -> str:
    """The canonical IRI of a local path such as ``id/project/x``."""
    return settings().base_uri + path.lstrip("/")


def lang_switch_links(lang: str) -> list[dict[str, object]]:
    links = []
    for code in i18n.LANGS:
        args = request.args.to_dict(flat=False)
        args["lang"] = [code]
        links.append({"code": code, "href": f"{request.path}?{urlencode(args, doseq=True)}",
                      "current": code == lang})
    return links


def external_name(uri: str) -> str:
    """A short human name for an external IRI (authority and local code)."""
    known = (
        ("http://uri.suomi.fi/codelist/jhs/kunta", "Tilastokeskus / Statistics Finland"),
        ("http://uri.suomi.fi/codelist/jhs/maakunta", "Tilastokeskus / Statistics Finland"),
        ("http://www.yso.fi/onto/yso/", "YSO"),
        ("http://www.wikidata.org/entity/", "Wikidata"),
        ("https://ror.org/", "ROR"),
    )
    code = uri.rstrip("/").rsplit("/", 1)[-1]
    for prefix, authority in known:
        if uri.startswith(prefix):
            return f"{authority} {code}"
    return urlsplit(uri).netloc or uri


def render_html(template: str, status: int = 200, **context: object) -> Response:
    """Render ``template`` in the request's UI language; remember a ``?lang=`` choice."""
    lang = i18n.request_lang(request)
    body = render_template(
        template, lang=lang, t=lambda key, **kw: i18n.t(key, lang).format(**kw),
        lang_links=lang_switch_links(lang), href=local_href, external_name=external_name,
        **context)
    response = make_response(body, status)
    response.headers["Content-Language"] = lang
    response.vary.update(("Accept-Language", "Cookie"))
    if request.args.get("lang") in i18n.LANGS:
        response.set_cookie(i18n.LANG_COOKIE, lang, max_age=LANG_COOKIE_MAX_AGE,
                            samesite="Lax")
    return response


def negotiate(offered: list[str]) -> str | None:
    """The offered media type that best fits the request's Accept header (q-values)."""
    return negotiate_accept(request.headers.get("Accept"), offered)


DESCRIPTION_FORMATS = {f.media_type: f for f in by_extensions(DESCRIPTION_EXTENSIONS)}


def rdf_or_page(make_graph: Callable[[], Graph], page: Callable[[Graph], Response]) -> Response:
    """A described graph as RDF (``?format=`` or Accept; */* gets Turtle) or as a page;
    400 for an unknown format name, 406 when nothing offered fits."""
    by_param = {name: media for media, fmt in DESCRIPTION_FORMATS.items() for name in fmt.names}
    asked = request.args.get("format")
    if asked is not None:
        media = by_param.get(asked)
        if media is None:
            abort(400, description=f"Unknown format {asked!r}; use one of {sorted(by_param)}")
    else:
        media = negotiate([*DESCRIPTION_FORMATS, "text/html"])
        if media is None:
            offered = ", ".join(DESCRIPTION_FORMATS)
            response = Response(f"Not Acceptable. Offered: text/html, {offered}\n", 406,
                                mimetype="text/plain")
            response.vary.add("Accept")
            return response
    graph = make_graph()
    if media == "text/html":
        response = page(graph)
    else:
        response = Response(graph.serialize(format=DESCRIPTION_FORMATS[media].rdflib),
                            mimetype=media)
        response.headers["Content-Type"] = f"{media}; charset=utf-8"
    response.vary.add("Accept")
    return response
