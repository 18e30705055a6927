"""Flask application factory: one blueprint per concern, settings from server.settings."""

from __future__ import annotations

from flask import Flask, Response, request

from server.display import display_text
from server.engine import EngineError
from server.settings import Settings
from server.sparql.responses import engine_failure

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers":
        "Content-Type, Content-Length, Content-Location, Vary, X-Kuhy-Cache",
}
# Pages run only this server's own scripts (no inline script), are never framed, and send
# no referrer to other sites. Styles may be inline: the vendored editor sets them.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Content-Type, Accept-Language",
    "Access-Control-Max-Age": "86400",
}


# Pages other sites' tools show in a frame (OpenRefine's reconciliation preview).
FRAMEABLE_ENDPOINTS = {"reconcile.preview"}


def add_headers(response: Response) -> Response:
    """Everything this server offers is public and read-only, so any origin may read it;
    every response carries the security headers."""
    response.headers.update(CORS_HEADERS)
    response.headers.update(SECURITY_HEADERS)
    if request.endpoint in FRAMEABLE_ENDPOINTS:
        del response.headers["X-Frame-Options"]
        response.headers["Content-Security-Policy"] = response.headers[
            "Content-Security-Policy"].replace("frame-ancestors 'none'", "frame-ancestors *")
    if request.method == "OPTIONS":
        response.headers.update(PREFLIGHT_HEADERS)
    return response


def create_app(settings: Settings | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update((settings or Settings()).to_flask())

    # blueprints are imported in the factory, as in Flask's tutorial: importing server.app
    # (gunicorn, the CLI) loads no view until an app is made
    from server.browse.views import bp as browse_bp
    from server.canned.views import bp as canned_bp
    from server.charts.views import bp as charts_bp
    from server.dumps.views import bp as dumps_bp
    from server.ontology.views import bp as ontology_bp
    from server.pages.views import bp as pages_bp
    from server.reconcile.views import bp as reconcile_bp
    from server.search.views import bp as search_bp
    from server.services import init_services
    from server.sparql.views import bp as sparql_bp
    from server.ui.views import bp as ui_bp

    init_services(app)
    for blueprint in (sparql_bp, pages_bp, dumps_bp, search_bp, ui_bp, browse_bp,
                      charts_bp, canned_bp, reconcile_bp, ontology_bp):
        app.register_blueprint(blueprint)
    app.after_request(add_headers)
    app.register_error_handler(EngineError, engine_failure)
    app.jinja_env.finalize = display_text
    if app.config["KUHY"].sparql_fast_path:
        from server.sparql.fastpath import SparqlFastPath

        app.wsgi_app = SparqlFastPath(app, app.wsgi_app, {**CORS_HEADERS, **SECURITY_HEADERS})
    return app
