"""Embedded engine: queries the on-disk pyoxigraph store opened read-only.

First version runs in-process; the pooled, killable version replaces the
internals behind the same methods.
"""

from __future__ import annotations

import pyoxigraph as ox
import rdflib

from kg.store.layout import current_store_path
from server.engine import QuerySyntaxError
from server.settings import Settings


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


class EmbeddedEngine:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._store: ox.Store | None = None

    @property
    def store(self) -> ox.Store:
        if self._store is None:
            self._store = ox.Store.read_only(str(current_store_path(self.settings.store_root)))
        return self._store

    def _query(self, query: str):
        try:
            return self.store.query(query, use_default_graph_as_union=True)
        except SyntaxError as error:
            raise QuerySyntaxError(str(error)) from error

    def select(self, query: str, timeout: float | None = None) -> list[dict[str, rdflib.term.Node]]:
        solutions = self._query(query)
        names = [v.value for v in solutions.variables]
        return [
            {name: to_rdflib(row[name]) for name in names if row[name] is not None}
            for row in solutions
        ]

    def ask(self, query: str, timeout: float | None = None) -> bool:
        return bool(self._query(query))

    def construct(self, query: str, timeout: float | None = None) -> rdflib.Dataset:
        dataset = rdflib.Dataset()
        for triple in self._query(query):
            dataset.add((to_rdflib(triple.subject), to_rdflib(triple.predicate),
                         to_rdflib(triple.object)))
        return dataset

    def close(self) -> None:
        self._store = None
