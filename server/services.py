"""The services a request reaches through the application: the served build and the query
engine, both made once in create_app."""

from __future__ import annotations

from flask import Flask, current_app

from kg.queries import load_queries
from server.engine import QueryEngine
from server.engine.builds import Build
from server.engine.choice import make_engine


def init_services(app: Flask) -> None:
    """The served build and the engine (KUHY_ENGINE, server.engine.choice)."""
    settings = app.config["KUHY"]
    builds, engine = make_engine(settings)
    if settings.warmup:
        engine.pin_on_each_build([(query.name, query.sparql) for query in load_queries()])
    app.extensions["kuhy.builds"] = builds
    app.extensions["kuhy.engine"] = engine


def get_engine() -> QueryEngine:
    return current_app.extensions["kuhy.engine"]


def served_build() -> Build:
    """The build served now; what is computed per build hangs off it (Build.cached)."""
    return current_app.extensions["kuhy.builds"].current()
