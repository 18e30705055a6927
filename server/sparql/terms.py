"""IRIs written into the server's own SPARQL queries as checked terms, never pasted text.

Every IRI goes through ``pyoxigraph.NamedNode``, which refuses anything that is not a
valid IRI (``>``, spaces, braces, quotes, …), and is written in the term's own N-Triples
form, so no value can end the IRI early and add query text.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox


def iri(value: object) -> str:
    """``<value>`` for a valid IRI; ValueError otherwise."""
    return str(ox.NamedNode(str(value)))


def iris(values: Iterable[object]) -> str:
    """Space-separated IRIs, for a VALUES block or an IN list (with ``, `` joined)."""
    return " ".join(iri(value) for value in values)


def iri_list(values: Iterable[object]) -> str:
    """Comma-separated IRIs, for ``IN (…)``."""
    return ", ".join(iri(value) for value in values)
