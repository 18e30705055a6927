"""The services a request reaches through the application: the query engine, chosen once."""

from __future__ import annotations

from flask import Flask, current_app

from kg.queries import load_queries
from server.engine import QueryEngine
from server.engine.embedded import EmbeddedEngine


def init_engine(app: Flask) -> None:
    settings = app.config["KUHY"]
    engine = EmbeddedEngine(settings)
    if settings.warmup:
        engine.pin_on_each_build([(query.name, query.sparql) for query in load_queries()])
    app.extensions["kuhy.engine"] = engine


def get_engine() -> QueryEngine:
    return current_app.extensions["kuhy.engine"]
