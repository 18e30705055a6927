"""Flask application factory: one blueprint per concern, settings from server.settings."""

from __future__ import annotations

from flask import Flask

from server.settings import Settings


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
    return app
