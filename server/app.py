"""Flask application factory: one blueprint per concern, settings from server.settings."""

from __future__ import annotations

from flask import Flask, Response, request

from server.settings import Settings

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers":
        "Content-Type, Content-Length, Content-Location, Vary, X-Kuhy-Cache",
}
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Content-Type, Accept-Language",
    "Access-Control-Max-Age": "86400",
}


def add_cors(response: Response) -> Response:
    """Everything this server offers is public and read-only, so any origin may read it."""
    response.headers.update(CORS_HEADERS)
    if request.method == "OPTIONS":
        response.headers.update(PREFLIGHT_HEADERS)
    return response


def create_app(settings: Settings | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update((settings or Settings()).to_flask())

    from server.dumps.views import bp as dumps_bp
    from server.engine import init_engine
    from server.pages.views import bp as pages_bp
    from server.search.views import bp as search_bp
    from server.sparql.views import bp as sparql_bp
    from server.ui.views import bp as ui_bp

    init_engine(app)
    for blueprint in (sparql_bp, pages_bp, dumps_bp, search_bp, ui_bp):
        app.register_blueprint(blueprint)
    app.after_request(add_cors)
    if app.config["KUHY"].sparql_fast_path:
        from server.sparql.fastpath import SparqlFastPath

        app.wsgi_app = SparqlFastPath(app, app.wsgi_app, CORS_HEADERS)
    return app
